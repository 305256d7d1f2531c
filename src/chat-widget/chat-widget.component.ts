import {html, LitElement, nothing, type PropertyDeclarations, type PropertyValues} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {lazyConnector} from '../connectors/lazy-connector.js';
import {Conversation, DEFAULT_REPLY_TIMEOUT, type DialogEngine} from '../conversation/conversation.js';
import {emit, reportError, type ChatSource, type WidgetHost} from '../events/chat-events.js';
import {
  asList,
  invalid,
  isBlank,
  safeUrl,
  validateMessages,
  type ChatMessage,
  type MessageContent,
  type MessageInput,
  type ReplyOptions,
} from '../messages/message.js';
import {runEvent, toPageEvent, type PageEvent} from '../pipeline/event-pipeline.js';
import {ProactiveQueue, type ProactiveApi, type ProactiveMessage} from '../proactive/proactive-queue.js';
import {LanguageController} from '../i18n/language.js';
import {markdownStrings, validOverrides, type StringOverrides} from '../i18n/strings.js';
import type {MarkdownLabels} from '../markdown/markdown.js';
import {persistences, type ChatSession, type Persistence} from '../session/session-store.js';
import {TriggerController} from '../triggers/trigger-controller.js';
import type {TriggerInit} from '../triggers/trigger-rules.js';
import {chatIcon, closeIcon, sendIcon, thumbIcon} from './icons.js';
import {MarkdownViews} from './markdown-view.js';
import {choiceButtons, messageTime, messageView} from './message-views.js';
import {parts, type PartName} from './parts.js';
import styles from './chat-widget.styles.js';

/**
 * Which bottom corner the widget sits in, the default first: `end` and `start`
 * follow the widget's direction (`end` is right in a left-to-right page, left in
 * a right-to-left one), `right` and `left` are the same corner in every direction.
 */
export const positions = ['end', 'start', 'right', 'left'] as const;
export type Position = (typeof positions)[number];
/** What opening the chat does to the proactive stack, the default first. */
export const proactiveOnOpenChoices = ['keep', 'clear', 'greet'] as const;
export type ProactiveOnOpen = (typeof proactiveOnOpenChoices)[number];

/** How many transcript messages are drawn at first, and how many more each "Show earlier messages" adds. */
export const TRANSCRIPT_PAGE = 50;

/** The attributes that take one of a list of values: a wrong value is reported, and the list's first (the default) used. */
const choices = {
  position: positions,
  persistence: persistences,
  proactiveOnOpen: proactiveOnOpenChoices,
} as const;

/**
 * The connector behind the `endpoint` attribute: `httpBot({url})`, whose code is
 * fetched when the widget first connects it, so pages without `endpoint` never
 * download it (the bundles load it as a separate file).
 */
const endpointBot = (url: string) =>
  lazyConnector(() => import('../connectors/http-bot.js').then(({httpBot}) => httpBot({url})), {
    markdown: true,
  });

/**
 * A complete chat: launcher, panel, transcript, composer, typing indicator, and
 * a stack of proactive messages above the launcher.
 *
 * @summary An embeddable, accessible chat widget with proactive messages.
 *
 * @fires chat-ready - connected and its session restored; `detail: {session}`
 * @fires chat-open - the panel opened; `detail: {source: 'user' | 'api'}`
 * @fires chat-close - the panel closed; `detail: {source: 'user' | 'api'}`
 * @fires chat-message - a message entered the transcript; `detail: {message}`
 * @fires chat-typing - the typing indicator turned on or off; `detail: {typing}`
 * @fires chat-event - cancelable: a page event entered the pipeline; cancel to skip the dialog engine
 * @fires chat-proactive-push - bubbles were pushed; `detail: {messages}`
 * @fires chat-proactive-clear - the stack was cleared; `detail: {messages}`
 * @fires chat-proactive-dismiss - the visitor dismissed the stack; `detail: {messages}`
 * @fires chat-proactive-click - cancelable: the visitor clicked a bubble; cancel to keep the chat closed
 * @fires chat-trigger-fire - cancelable: a proactive trigger is about to act; `detail: {trigger, reason}`; cancel and it does not act
 * @fires chat-feedback - the visitor rated a bot message (the `feedback` attribute's thumbs); `detail: {message, value}`, `value` `'up'` or `'down'`
 * @fires chat-action - cancelable: the bot sent an action the widget does not draw (a Voiceflow custom action); `detail: {type, payload, trace}`; cancel to handle it alone
 * @fires chat-error - bad input, storage or bot failure (a turn that fails or times out: `source: 'bot'`); `detail: {error, source}`
 *
 * @slot launcher - Replaces the launcher's icon.
 * @slot welcome - What the empty transcript shows (instead of the `welcome` attribute's text).
 *
 * @csspart launcher - The button that opens and closes the chat.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's header: avatar, bot name, description, close button.
 * @csspart transcript - The scrolling list of messages.
 * @csspart message - One message bubble; also has the class `bot` or `user`.
 * @csspart typing - The typing indicator.
 * @csspart composer - The form holding the input and the send button.
 * @csspart input - The message input.
 * @csspart send - The send button.
 * @csspart stop - The Stop button, shown while the bot answers: stops the reply and keeps what arrived.
 * @csspart status - The line saying how the connection to the bot stands ("Reconnecting…", "Offline…"); empty when all is well.
 * @csspart proactive - The stack of proactive bubbles.
 * @csspart proactive-message - One proactive bubble.
 * @csspart proactive-close - The control that dismisses the stack.
 *
 * @cssprop [--chat-widget-accent=#1d4ed8] - Launcher, header, send button, visitor bubbles.
 * @cssprop [--chat-widget-accent-text=#fff] - Text on the accent colour.
 * @cssprop [--chat-widget-background=#fff] - Panel and bubble background.
 * @cssprop [--chat-widget-text=#1f2937] - Main text colour.
 * @cssprop [--chat-widget-bot-bubble=#eef1f5] - Bot bubble background.
 * @cssprop --chat-widget-bot-bubble-text - Bot bubble text (default: the text colour).
 * @cssprop --chat-widget-user-bubble - Visitor bubble background (default: the accent).
 * @cssprop --chat-widget-user-bubble-text - Visitor bubble text (default: the accent text).
 * @cssprop [--chat-widget-border=#d1d5db] - Borders.
 * @cssprop [--chat-widget-error=#b91c1c] - "Not delivered" text.
 * @cssprop --chat-widget-font - Font family (default: the system UI font).
 * @cssprop [--chat-widget-font-size=15px] - Base font size.
 * @cssprop [--chat-widget-radius=16px] - Corner radius of the panel and bubbles.
 * @cssprop [--chat-widget-width=370px] - Panel width.
 * @cssprop --chat-widget-height - Panel height (default: up to 620px, within the viewport).
 * @cssprop [--chat-widget-launcher-size=56px] - Launcher diameter.
 * @cssprop [--chat-widget-offset=20px] - Distance from the viewport's edges.
 * @cssprop [--chat-widget-z-index=2147483000] - Stacking order.
 */
export class ChatWidget extends LitElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    open: {type: Boolean, reflect: true},
    botName: {attribute: 'bot-name'},
    botAvatar: {attribute: 'bot-avatar'},
    description: {},
    placeholder: {},
    position: {reflect: true},
    persistence: {},
    storageKey: {attribute: 'storage-key'},
    proactiveLimit: {attribute: 'proactive-limit', type: Number},
    proactiveOnOpen: {attribute: 'proactive-on-open'},
    proactivePersist: {attribute: 'proactive-persist', type: Boolean},
    embedded: {type: Boolean, reflect: true},
    replyTimeout: {attribute: 'reply-timeout', type: Number},
    endpoint: {},
    feedback: {type: Boolean},
    welcome: {},
    unread: {type: Number, attribute: false},
    draft: {state: true},
  };

  /** The chat panel is open. */
  open = false;
  /** The bot's name, in the header and the launcher's label (default: "Assistant", in the widget's language). */
  botName?: string;
  /** The bot's avatar: an http(s) or `data:image/` URL. */
  botAvatar?: string;
  /** A line under the bot's name. */
  description?: string;
  /** The composer's placeholder (default: "Message…", in the widget's language). */
  placeholder?: string;
  /** Which bottom corner the widget sits in: `end` (default) or `start` of its direction, or `right` or `left`. */
  position: Position = 'end';
  /** Where the session is stored. */
  persistence: Persistence = 'local';
  /** Namespace for stored data, so two bots on one site never mix. */
  storageKey = 'default';
  /** How many proactive bubbles are visible at once. */
  proactiveLimit = 3;
  /** What opening the chat does to the proactive stack. */
  proactiveOnOpen: ProactiveOnOpen = 'keep';
  /** Keep the proactive stack across page loads in the same tab. */
  proactivePersist = false;
  /** Draw the panel inline, where the element stands, with no launcher (Voiceflow's embedded mode). */
  embedded = false;
  /**
   * Ms a bot turn may go without any output (from its start, or its last streamed chunk) before
   * it fails: the visitor's message shows "Not delivered · Retry" and `chat-error` fires.
   * Default 30000 (30 s); 0: never.
   */
  replyTimeout = DEFAULT_REPLY_TIMEOUT;
  /**
   * The URL of an HTTP chat backend: when set and the page sets no `bot`, the
   * widget talks to it through `httpBot({url: endpoint})` (streaming SSE, NDJSON or
   * text, or JSON; OpenAI-compatible), with retries and an `Idempotency-Key`.
   */
  endpoint?: string;
  /**
   * Thumbs up and down on the bot's text and markdown messages: a click fires `chat-feedback`, is kept
   * with the message (and the stored session) and is passed to the connector's `feedback()`.
   */
  feedback = false;
  /** What the transcript says while it is empty (the `welcome` slot replaces it). */
  welcome?: string;
  /** Bot messages that arrived while the panel was closed; the launcher badge shows it. */
  unread = 0;

  private draft = '';
  #isReady = false;
  #openSource: ChatSource = 'api';
  #shownCount = 0;
  /** What the proactive stack's live region says: the text of the latest push. */
  #announcement = '';
  /** Index of the first transcript message drawn: long transcripts are drawn from their end. */
  #windowStart = 0;
  /** The panel's contents are drawn from the first open on, so a closed widget paints at once. */
  #drawn = false;
  #pendingEvents: Array<() => void> = [];
  /** The teardown after removal, deferred a task: an element moved in the DOM comes back before it runs. */
  #teardown?: ReturnType<typeof setTimeout>;
  /** The visitor is at the end of the transcript, so it follows new output; false once they scroll up. */
  #followsLatest = true;
  /** The dialog engine the page set; it wins over `endpoint`. */
  #pageBot?: DialogEngine;
  #stringOverrides: StringOverrides = {};
  /** The visitor is composing text with an input method (CJK, dictation): Enter picks a candidate, it does not send. */
  #composing = false;
  /** The interface strings, in the widget's language (`lang`, else the page's), under the page's `strings`. */
  readonly #language = new LanguageController(this, (error) => reportError(this, 'attribute', error));

  /** How the plain models (conversation, proactive queue) reach the element. */
  readonly #host: WidgetHost = {
    changed: () => this.requestUpdate(),
    emit: (name, detail, cancelable) => emit(this, name, detail, cancelable),
    error: (error, source) => reportError(this, source, error),
  };
  readonly #conversation = new Conversation(this.#host);
  readonly #proactiveQueue = new ProactiveQueue(this.#host);

  readonly #triggers = new TriggerController(this);

  /** Markdown messages, drawn once the lazily loaded renderer is there. */
  readonly #markdown = new MarkdownViews({
    loaded: (styles) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
      const root = this.renderRoot as ShadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.requestUpdate();
    },
    failed: (error) => reportError(this, 'message', error),
    labels: () => {
      const {strings} = this.#language;
      const names = Object.keys(markdownStrings) as Array<keyof typeof markdownStrings>;
      return Object.fromEntries(names.map((name) => [name, strings.text(name)])) as MarkdownLabels;
    },
  });

  constructor() {
    super();
    // The element hears its own events first: bot messages while closed are unread, and
    // the proactive region's line says what was just pushed.
    this.addEventListener('chat-message', ({detail: {message}}) => {
      if (!this.open && message.author === 'bot') this.unread++;
    });
    this.addEventListener('chat-proactive-push', ({detail: {messages}}) => {
      this.#announcement = messages.map((m) => m.text).join('\n');
    });
  }

  /**
   * Overrides of any interface string, by name (the README lists them), over the built-in
   * translation: `{send: 'Go', more: {one: '+{count} more', other: '+{count} more'}}`. A wrong
   * entry is reported (`chat-error`) and the built-in string kept.
   */
  get strings(): StringOverrides {
    return this.#stringOverrides;
  }
  set strings(overrides: StringOverrides | null | undefined) {
    if (overrides != null && (typeof overrides !== 'object' || Array.isArray(overrides)))
      throw invalid('strings', 'an object of interface strings', overrides);
    this.#stringOverrides = overrides ?? {};
    this.#language.overrides = validOverrides(overrides, (problem) =>
      reportError(this, 'attribute', problem)
    );
  }

  /** Proactive triggers set from JS; `<chat-trigger>` children run beside them. */
  get triggers(): readonly TriggerInit[] {
    return this.#triggers.triggers;
  }
  set triggers(list: readonly TriggerInit[]) {
    this.#triggers.triggers = list;
  }

  /**
   * Fires the trigger with this id now (its moment and url skipped, its frequency rules kept); returns
   * whether it acted. The trigger engine is fetched when the widget first has a trigger, so in the
   * moment before it arrives this returns false.
   */
  fireTrigger(id: string): boolean {
    return this.#triggers.fire(id);
  }

  /** The proactive stack: `push(...messages)`, `clear()`, `messages`. */
  get proactive(): ProactiveApi {
    return this.#proactiveQueue;
  }

  /** The transcript, oldest first. Read-only: change it through the methods. */
  get messages(): readonly ChatMessage[] {
    return this.#conversation.messages;
  }

  /** The visitor's session. */
  get session(): ChatSession {
    return this.#conversation.snapshot;
  }

  /**
   * The dialog engine: a function answering visitor turns and unhandled page events, or a
   * `Connector` object, which is also connected when the widget is ready (and after each
   * `reset()`) and disconnected on `reset()`, on replacement and when the element leaves the page.
   */
  get bot(): DialogEngine | undefined {
    return this.#conversation.engine;
  }
  set bot(engine: DialogEngine | undefined) {
    if (engine != null && typeof engine !== 'function' && typeof engine.respond !== 'function') {
      throw invalid('bot', 'a function or an object with a respond() method', engine);
    }
    this.#pageBot = engine ?? undefined;
    this.#chooseEngine();
  }

  /** True once connected and the session is restored (after `chat-ready`). */
  get ready(): boolean {
    return this.#isReady;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the DOM (removed and appended again, as frameworks do): it keeps all it has.
    if (this.#teardown !== undefined) clearTimeout(this.#teardown);
    else this.#restore();
    this.#teardown = undefined;
    void this.updateComplete.then(() => {
      if (!this.isConnected || this.#isReady) return;
      this.#isReady = true;
      emit(this, 'chat-ready', {session: this.session});
      this.#conversation.connect();
      for (const run of this.#pendingEvents.splice(0)) run();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#teardown = setTimeout(() => {
      this.#teardown = undefined;
      this.#isReady = false;
      this.#conversation.close();
    });
  }

  /** Opens the panel; settles after the transition. */
  show(): Promise<void> {
    return this.#setOpen(true, 'api');
  }

  /** Closes the panel; settles after the transition. */
  close(): Promise<void> {
    return this.#setOpen(false, 'api');
  }

  /** Opens the panel when closed, closes it when open. */
  toggle(): Promise<void> {
    return this.#setOpen(!this.open, 'api');
  }

  /** Sends `text` as the visitor. Empty or blank text (spaces, zero-width characters) sends nothing. */
  sendMessage(text: string): Promise<void> {
    if (typeof text !== 'string') throw invalid('sendMessage(): text', 'a string', text);
    return isBlank(text) ? Promise.resolve() : this.#conversation.send(text.trim(), 'api');
  }

  /**
   * Adds bot messages (one or an array) in order, after a typing indicator
   * when `typing` is true or a number of ms. Throws a TypeError naming a bad field.
   */
  reply(messages: MessageInput | readonly MessageInput[], {typing}: ReplyOptions = {}): Promise<void> {
    const list = asList(messages);
    if (!list.length) throw invalid('reply(): messages', 'one message or more', 'none');
    const {messages: contents, errors} = validateMessages(list, 'reply');
    if (errors.length) throw errors[0];
    return this.#conversation.reply(contents, typing);
  }

  /**
   * Runs a page event through the pipeline: `chat-event` (cancelable), then the
   * built-in types, then the dialog engine. Events sent before the widget is
   * ready wait, in order.
   */
  sendEvent(event: PageEvent): Promise<void> {
    const checked = toPageEvent(event);
    const run = () => runEvent(this, checked, (turn) => this.#conversation.respond(turn));
    if (this.#isReady) return run();
    return new Promise((resolve, reject) => this.#pendingEvents.push(() => run().then(resolve, reject)));
  }

  /** Starts a new session with an empty transcript. */
  reset(): void {
    this.unread = 0;
    this.#conversation.reset();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    for (const [name, allowed] of Object.entries(choices)) {
      const key = name as keyof typeof choices;
      if (changed.has(key) && !(allowed as readonly string[]).includes(this[key])) {
        reportError(this, 'attribute', invalid(key, `one of ${allowed}`, this[key]));
        (this as Record<string, unknown>)[key] = allowed[0];
      }
    }
    if (changed.has('botAvatar') && this.botAvatar && !safeUrl(this.botAvatar)) {
      reportError(this, 'attribute', invalid('bot-avatar', 'an http(s) or data:image/ URL', this.botAvatar));
    }
    if (changed.has('replyTimeout')) {
      // A removed attribute means the default; a wrong value is reported first.
      if (this.replyTimeout == null) this.replyTimeout = DEFAULT_REPLY_TIMEOUT;
      else if (!(this.replyTimeout >= 0)) {
        reportError(
          this,
          'attribute',
          invalid('reply-timeout', 'a number of ms, 0 or more', this.replyTimeout)
        );
        this.replyTimeout = DEFAULT_REPLY_TIMEOUT;
      }
      this.#conversation.replyTimeout = this.replyTimeout;
    }
    if (changed.has('endpoint')) this.#chooseEngine();
    if (this.hasUpdated && (changed.has('persistence') || changed.has('storageKey'))) this.#restore();
    if (changed.has('open') && this.open) this.#opening();
    this.#drawn ||= this.open || this.embedded;
  }

  protected override updated(changed: PropertyValues<this>): void {
    for (const node of this.renderRoot.querySelectorAll<HTMLElement>('[data-drawing]'))
      this.#conversation.drawings.drawInto(node.dataset.drawing!, node);
    const added = this.messages.length !== this.#shownCount;
    this.#shownCount = this.messages.length;
    // Output (a message, a growing stream) is followed while the visitor reads the end;
    // what they send themselves is always shown.
    if (this.#followsLatest || (added && this.messages.at(-1)?.author === 'user')) this.#scrollToLatest();
    // Toggled back within one update (two toggle() calls in a task), or closed from the start: nothing changed.
    if (!changed.has('open') || Boolean(changed.get('open')) === this.open) return;
    const source = this.#openSource;
    this.#openSource = 'api';
    const active = document.activeElement;
    if (this.open) {
      // An API open (a trigger, a page script) must not steal focus from a field the visitor is typing in.
      if (source === 'user' || !active || active === document.body || active === this)
        this.#part(parts.input)?.focus();
      this.#scrollToLatest();
    } else if (this.matches(':focus-within')) {
      this.#part(parts.launcher)?.focus();
    }
    emit(this, this.open ? 'chat-open' : 'chat-close', {source});
  }

  /** The one place the engine is set: the page's `bot`, else an HTTP connector for `endpoint`. */
  #chooseEngine(): void {
    try {
      this.#conversation.engine = this.#pageBot ?? (this.endpoint ? endpointBot(this.endpoint) : undefined);
    } catch (error) {
      reportError(this, 'attribute', error as Error);
    }
  }

  #restore(): void {
    this.#conversation.open(this.persistence, this.storageKey);
    this.#windowStart = Math.max(0, this.messages.length - TRANSCRIPT_PAGE);
    this.#proactiveQueue.persist(this.proactivePersist ? () => sessionStorage : undefined, this.storageKey);
  }

  /** What opening does: unread counts reset, the proactive stack kept, cleared or turned into greetings. */
  #opening(): void {
    this.unread = 0;
    this.#proactiveQueue.unseen = 0;
    this.#proactiveQueue.forget();
    const greeting = this.#proactiveQueue.messages;
    if (this.proactiveOnOpen !== 'keep') this.#proactiveQueue.clear();
    // A proactive message is message content already (text, or a choice with its buttons).
    if (this.proactiveOnOpen === 'greet')
      for (const message of greeting) this.#conversation.add(message as MessageContent, 'bot');
  }

  async #setOpen(open: boolean, source: ChatSource): Promise<void> {
    if (this.open !== open) {
      this.open = open;
      this.#openSource = source;
    }
    await this.updateComplete;
    const panel = this.#part(parts.panel);
    await Promise.allSettled(panel?.getAnimations().map((a) => a.finished) ?? []);
  }

  #part(name: PartName) {
    return this.renderRoot.querySelector<HTMLElement>(`[part=${name}]`);
  }

  #scrollToLatest(): void {
    const transcript = this.#part(parts.transcript);
    if (transcript) transcript.scrollTop = transcript.scrollHeight;
    this.#followsLatest = true;
  }

  #onTranscriptScroll({currentTarget}: Event): void {
    const {scrollTop, scrollHeight, clientHeight} = currentTarget as HTMLElement;
    this.#followsLatest = scrollHeight - scrollTop - clientHeight < 32;
  }

  #stop(): void {
    this.#conversation.stop();
    // The Stop button goes away: focus stays in the composer rather than falling to the page.
    this.#part(parts.input)?.focus();
  }

  /** Draws the previous page of the transcript, keeping what the visitor sees in place, without announcing it. */
  async #showEarlier(): Promise<void> {
    const transcript = this.#part(parts.transcript)!;
    const fromBottom = transcript.scrollHeight - transcript.scrollTop;
    // Earlier messages are not news: the log is quiet while they are drawn.
    transcript.ariaLive = 'off';
    transcript.ariaBusy = 'true';
    this.#windowStart = Math.max(0, this.#firstDrawn() - TRANSCRIPT_PAGE);
    this.requestUpdate();
    await this.updateComplete;
    transcript.scrollTop = transcript.scrollHeight - fromBottom;
    transcript.ariaBusy = 'false';
    transcript.ariaLive = 'polite';
  }

  #firstDrawn(): number {
    return Math.min(this.#windowStart, Math.max(0, this.messages.length - TRANSCRIPT_PAGE));
  }

  #submit(event: Event): void {
    event.preventDefault();
    const text = this.draft.trim();
    if (isBlank(text)) return;
    this.draft = '';
    void this.#conversation.send(text, 'composer');
  }

  #onInputKey(event: KeyboardEvent): void {
    // Safari ends the composition before the Enter that confirmed it arrives (as key 229, not composing).
    const confirmsComposition = event.isComposing || this.#composing || event.keyCode === 229;
    if (event.key === 'Enter' && !event.shiftKey && !confirmsComposition) this.#submit(event);
  }

  #onPanelKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    void this.#setOpen(false, 'user');
  }

  /** Draws the next `proactive-limit` bubbles of the stack. */
  #revealMore(): void {
    this.#proactiveQueue.revealed += this.proactiveLimit;
    this.requestUpdate();
  }

  #clickBubble(message: ProactiveMessage): void {
    if (emit(this, 'chat-proactive-click', {message}, true)) void this.#setOpen(true, 'user');
  }

  async #chooseProactive(message: ProactiveMessage, index: number): Promise<void> {
    await this.#setOpen(true, 'user');
    void this.#conversation.sendChoice(message.buttons![index]);
  }

  /** The bot's name: the page's, else "Assistant" in the widget's language. */
  get #name(): string {
    return this.botName || this.#language.strings.text('assistant');
  }

  override render() {
    const name = this.#name;
    const strings = this.#language.strings;
    const badge = Math.max(0, this.unread) + this.#proactiveQueue.unseen;
    return html`<section aria-label=${strings.text('chatWith', {name})}>
      ${this.#renderProactive()}
      <div part=${parts.panel} id="panel" role="dialog" aria-labelledby="title" @keydown=${this.#onPanelKey}>
        ${this.#drawn ? this.#renderPanel() : nothing}
      </div>
      <button
        part=${parts.launcher}
        aria-controls="panel"
        aria-expanded=${this.open}
        aria-label=${badge ? strings.count('chatWithUnread', badge, {name}) : strings.text('chatWith', {name})}
        @click=${() => this.#setOpen(!this.open, 'user')}
      >
        ${this.open ? closeIcon : html`<slot name="launcher">${chatIcon}</slot>`}
        ${badge ? html`<span part=${parts.badge} aria-hidden="true">${strings.number(badge)}</span>` : nothing}
      </button>
    </section>`;
  }

  #renderPanel() {
    const name = this.#name;
    const strings = this.#language.strings;
    const avatar = safeUrl(this.botAvatar);
    const from = this.#firstDrawn();
    const {status, streaming, pending} = this.#conversation;
    return html`<div part=${parts.header}>
        ${avatar ? html`<img src=${avatar} alt="" />` : nothing}
        <div>
          <h2 id="title" dir="auto">${name}</h2>
          ${this.description ? html`<p dir="auto">${this.description}</p>` : nothing}
        </div>
        <button class="icon" aria-label=${strings.text('closeChat')} @click=${() => this.#setOpen(false, 'user')}>${closeIcon}</button>
      </div>
      <p part=${parts.status} role="status">${status && status !== 'online' ? strings.text(status) : ''}</p>
      <div
        part=${parts.transcript}
        role="log"
        aria-label=${strings.text('conversation')}
        tabindex="0"
        @scroll=${{handleEvent: (e: Event) => this.#onTranscriptScroll(e), passive: true}}
      >
        ${from ? html`<button class="more" @click=${this.#showEarlier}>${strings.text('showEarlier')}</button>` : nothing}
        ${this.messages.length ? nothing : html`<div class="welcome" dir="auto"><slot name="welcome">${this.welcome}</slot></div>`}
        ${this.messages.slice(from).map((m, i) => this.#renderMessage(m, this.messages[from + i - 1]))}
        <div class="stream" aria-live="off">${streaming ? this.#renderMessage(streaming, this.messages.at(-1)) : this.#markdown.endStream()}</div>
        ${
          this.#conversation.typing
            ? html`<div part=${parts.typing}>
                <span class="sr-only">${strings.text('typing', {name})}</span><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
              </div>`
            : nothing
        }
      </div>
      ${
        this.#conversation.ended
          ? this.#renderEnded()
          : html`<form part=${parts.composer} @submit=${this.#submit}>
        <!-- Empty, the input runs the widget's way (so does its placeholder); with text, the text's way. -->
        <textarea
          part=${parts.input}
          rows="1"
          dir=${ifDefined(this.draft ? 'auto' : undefined)}
          aria-label=${strings.text('messageLabel')}
          placeholder=${this.placeholder ?? strings.text('placeholder')}
          .value=${this.draft}
          @input=${(e: InputEvent) => (this.draft = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.#onInputKey}
          @compositionstart=${() => (this.#composing = true)}
          @compositionend=${() => (this.#composing = false)}
        ></textarea>
        ${pending ? html`<button part=${parts.stop} type="button" @click=${this.#stop}>${strings.text('stop')}</button>` : nothing}
        <button part=${parts.send} class="icon" aria-label=${strings.text('send')} ?disabled=${isBlank(this.draft)}>${sendIcon}</button>
      </form>`
      }`;
  }

  /** In the composer's place once the bot ended the conversation: a line saying so, and a new start. */
  #renderEnded() {
    return html`<div part=${parts.composer} class="ended">
      <p role="status">${this.#language.strings.text('ended')}</p>
      <button @click=${this.#restart}>${this.#language.strings.text('restart')}</button>
    </div>`;
  }

  async #restart(): Promise<void> {
    this.reset();
    await this.updateComplete;
    this.#part(parts.input)?.focus();
  }

  /** One transcript message; `previous` tells whether it starts a run of bot messages (which shows the avatar and name). */
  #renderMessage(m: ChatMessage, previous?: ChatMessage) {
    const bot = m.author === 'bot';
    const name = this.#name;
    const strings = this.#language.strings;
    const avatar = safeUrl(this.botAvatar);
    // A bubble a connector draws itself (a Voiceflow extension) gets an empty container, filled after the update.
    const views = this.#markdown;
    const view = this.#conversation.drawings.has(m.id)
      ? html`<div data-drawing=${m.id}></div>`
      : messageView(m, {
          spent: m.chosen !== undefined,
          send: (button, index) =>
            void (m.type === 'choice'
              ? this.#conversation.choose(m, index)
              : this.#conversation.sendChoice(button, m.id)),
          markdown: (text) => (m.id ? views.message(m, text) : views.streaming(text)),
          linked: (text) => views.linked(text),
          strings,
          rich(content) {
            return views.rich(content, this);
          },
        });
    const rateable = this.feedback && bot && m.id && (m.type === 'text' || m.type === 'markdown');
    return html`${
      bot && previous?.author !== 'bot'
        ? html`<div class="sender" aria-hidden="true">
            ${avatar ? html`<img src=${avatar} alt="" />` : nothing}<span dir="auto">${name}</span>
          </div>`
        : nothing
    }
      <div part=${parts.message} class=${m.author} data-type=${m.type}>
        <span class="sr-only">${bot ? strings.text('saidBy', {name}) : strings.text('saidByYou')}</span>
        ${view}
        ${m.status === 'incomplete' ? html`<span class="note">${strings.text('incomplete')}</span>` : nothing}
        ${
          rateable
            ? html`<div class="feedback">
                ${(['up', 'down'] as const).map(
                  (value) =>
                    html`<button class="icon ${value}" aria-label=${strings.text(value === 'up' ? 'goodAnswer' : 'badAnswer')} aria-pressed=${m.feedback === value} @click=${() => this.#conversation.rate(m, value)}>${thumbIcon}</button>`
                )}
              </div>`
            : nothing
        }
        ${m.timestamp ? html`<time class="time" datetime=${new Date(m.timestamp).toISOString()}>${messageTime(m.timestamp, strings.language)}</time>` : nothing}
      </div>
      ${
        m.status === 'failed'
          ? html`<div class="failed">${strings.text('notDelivered')} <button @click=${() => this.#conversation.retry(m)}>${strings.text('retry')}</button></div>`
          : nothing
      }`;
  }

  #renderProactive() {
    const queue = this.#proactiveQueue;
    const shown = this.open ? [] : queue.visible(this.proactiveLimit);
    const more = this.open ? 0 : queue.messages.length - shown.length;
    const strings = this.#language.strings;
    // The stack is a polite live region, always in the DOM (a region added with its content is not
    // announced). The bubbles are redrawn in place as the stack moves, so they sit in a part the region
    // does not read out; each push is announced once, by the line that holds its text.
    return html`<div part=${parts.proactive} role="log" aria-label=${strings.text('messagesFrom', {name: this.#name})}>
      <p class="sr-only">${shown.length ? this.#announcement : ''}</p>
      <div aria-live="off">
        ${
          shown.length
            ? html`<button part=${parts.proactiveClose} aria-label=${strings.text('dismissMessages')} @click=${() => queue.dismiss()}>${strings.text('dismiss')}</button>`
            : nothing
        }
        ${more ? html`<button class="more" @click=${this.#revealMore}>${strings.count('more', more)}</button>` : nothing}
        ${shown.map(
          (m) => html`<div part=${parts.proactiveMessage}>
            <button dir="auto" @click=${() => this.#clickBubble(m)}>${m.text}</button>
            ${choiceButtons(m.buttons, (_, index) => this.#chooseProactive(m, index))}
          </div>`
        )}
      </div>
    </div>`;
  }
}
