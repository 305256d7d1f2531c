import type {ConnectionState, Connector, FeedbackValue} from '../connectors/connector.js';
import {createLink} from '../connectors/connector-link.js';
import {BubbleDrawings} from './bubble-drawings.js';
import {toError, type ChatEventDetail, type WidgetHost} from '../events/chat-events.js';
import {
  asList,
  invalid,
  messageText,
  newId,
  validateMessages,
  type ChatMessage,
  type ChoiceButton,
  type MessageAuthor,
  type MessageContent,
  type MessageInput,
} from '../messages/message.js';
import type {PageEvent} from '../pipeline/event-pipeline.js';
import {
  mergeMessages,
  SessionStore,
  type ChatSession,
  type Persistence,
  type SessionState,
} from '../session/session-store.js';

/** Where a visitor's turn came from. */
export type TurnOrigin = 'composer' | 'choice' | 'api' | 'event' | 'retry';

/** One turn handed to the dialog engine. */
export interface Turn {
  text: string;
  origin: TurnOrigin;
  /** For a button's turn: the button's payload as given (a backend's own request object, handed back verbatim). */
  payload?: ChoiceButton['payload'];
  /** The visitor's message in the transcript; absent for an event's turn. */
  message?: ChatMessage;
  /** The page event that became this turn, when there is one. */
  event?: ChatEventDetail;
}

/** What the dialog engine gets with each turn. */
export interface TurnContext {
  session: ChatSession;
  /** The transcript so far, the turn's own message included (read-only). */
  messages: readonly ChatMessage[];
  /** Aborted when the visitor stops the reply, the turn times out, the session is reset or the widget leaves the page. */
  signal: AbortSignal;
}

export type BotReply = MessageInput | readonly MessageInput[] | null | undefined | void;

/**
 * What a dialog engine answers a turn with: replies, or an async iterable streaming
 * text into one bubble; either one now or as a promise (a backend knows which only
 * once its response arrives).
 */
export type TurnResult = BotReply | AsyncIterable<string> | PromiseLike<BotReply | AsyncIterable<string>>;

/** Answers a turn: replies, a promise of them, or an async iterable streaming text into one bubble. */
export type DialogFunction = (turn: Turn, context: TurnContext) => TurnResult;

/** The dialog engine: a function, or a connector object for a remote bot (see `Connector`). */
export type DialogEngine = DialogFunction | Connector;

/**
 * How long `typing` shows the indicator: a number is ms; `true` grows with the
 * length of what is said (the text of text and choice messages, the alt of
 * images), from 0.3 s, capped at 1.5 s.
 */
export function typingDelay(
  contents: readonly MessageContent[],
  typing: boolean | number | undefined
): number {
  if (typing !== true) return Math.max(0, +(typing ?? 0));
  const said = contents.reduce((length, content) => length + messageText(content).length, 0);
  return Math.min(1500, 300 + 30 * said);
}

/** How long a turn may go without any output before it fails, unless the page says otherwise. */
export const DEFAULT_REPLY_TIMEOUT = 30_000;

/** Waits `ms`, or less when `signal` aborts; the abort listener goes when the wait ends, so none pile up. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

/** Settles as `value` does, or rejects with the signal's reason as soon as it aborts: an engine that hangs cannot hold a turn. */
function untilAborted<T>(value: T | PromiseLike<T>, signal: AbortSignal): Promise<Awaited<T>> {
  return new Promise<Awaited<T>>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, {once: true});
    Promise.resolve(value)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', abort));
  });
}

/** The page event a turn came from, as a connector's `event()` takes it. */
const pageEvent = ({type, channel, payload}: ChatEventDetail): PageEvent =>
  channel === undefined ? {type, payload} : {type, channel, payload};

const isAsyncIterable = (value: unknown): value is AsyncIterable<string> =>
  typeof (value as AsyncIterable<string> | null)?.[Symbol.asyncIterator] === 'function';

const newSession = () => ({id: newId(), startedAt: Date.now()});

/** Bot content to add, with the id its source gave it (so a message that arrives twice is shown once). */
interface Incoming {
  content: MessageContent;
  id?: string;
}

/** The turn the engine is answering now. */
interface RunningTurn {
  controller: AbortController;
  /** What streamed so far, kept if the visitor stops the reply or the stream stalls. */
  streamed: string;
  /** Why it ended early: the visitor pressed Stop, or it went too long without output. */
  ended?: 'stopped' | 'timed-out';
  /** Starts the no-output timeout again. */
  armTimeout(): void;
  /** What the streamed text is: markdown for a connector that declares it. */
  type: 'text' | 'markdown';
}

/**
 * The transcript and everything that writes to it: visitor messages, bot
 * replies (in order, behind a typing indicator when asked), the dialog engine,
 * and the stored session. Bot output runs through one serial queue, so replies,
 * streams and turns never interleave.
 */
export class Conversation {
  messages: ChatMessage[] = [];
  /** The bot bubble a stream is writing into: shown after the transcript, entering it when the stream ends. */
  streaming?: ChatMessage;
  typing = false;
  /** How the connector's link to its backend stands; undefined with no connector, or before it says. */
  status?: ConnectionState;
  /** Ms a turn may go without any output (from its start, or its last streamed chunk) before it fails; 0 never. */
  replyTimeout = DEFAULT_REPLY_TIMEOUT;
  /** The backend ended the conversation (`link.end()`): the composer gives way to a way to start again. */
  ended = false;
  /** Bubbles a page's code draws (`link.render()`), by message id; they are not stored. */
  readonly drawings = new BubbleDrawings();
  #engine?: DialogEngine;
  /** The widget is ready, so a connector engine is to be connected. */
  #live = false;
  /** The connected connector and the controller whose signal its link carries. */
  #linked?: {connector: Connector; controller: AbortController};
  #turn?: RunningTurn;
  #session = newSession();
  #store?: SessionStore;
  #output: Promise<unknown> = Promise.resolve();
  #abort = new AbortController();

  readonly #host: WidgetHost;

  constructor(host: WidgetHost) {
    this.#host = host;
  }

  /** Restores the session stored under `key`, or starts a new one. */
  open(persistence: Persistence, key: string): void {
    this.#store?.close();
    this.#store = new SessionStore({
      persistence,
      key,
      onError: (error) => this.#host.error(error, 'storage'),
      onRemoteChange: (state) => this.#adopt(state),
    });
    const stored = this.#store.read();
    this.#session = stored?.session ?? newSession();
    this.messages = [...(stored?.messages ?? [])];
    this.#host.changed();
  }

  /** Stops pending output and listening to other tabs, and disconnects the connector. */
  close(): void {
    this.disconnect();
    this.drawings.clear();
    this.#store?.close();
    this.#store = undefined;
    this.#stopOutput();
  }

  /** The dialog engine. Setting another disconnects a connected connector and connects the new one. */
  get engine(): DialogEngine | undefined {
    return this.#engine;
  }
  set engine(engine: DialogEngine | undefined) {
    if (engine === this.#engine) return;
    this.#unlink();
    this.#engine = engine;
    if (this.#live) this.#link();
  }

  /** The widget is ready: a connector engine gets its link (now, after each reset, and when replaced). */
  connect(): void {
    this.#live = true;
    if (!this.#linked) this.#link();
  }

  /** The widget leaves the page: the connector is disconnected until `connect()`. */
  disconnect(): void {
    this.#live = false;
    this.#unlink();
  }

  /** True while the engine answers a turn: the visitor can stop it. */
  get pending(): boolean {
    return !!this.#turn;
  }

  /** Stops the turn being answered: its signal aborts, and what streamed so far stays, marked incomplete. */
  stop(): void {
    const turn = this.#turn;
    if (!turn || turn.controller.signal.aborted) return;
    turn.ended = 'stopped';
    turn.controller.abort(new DOMException('The visitor stopped the reply', 'AbortError'));
  }

  /**
   * The visitor rated a bot message: a connector with `feedback()` hears of it; a failure there is
   * reported, not thrown. Throws a TypeError for a value or message that cannot be rated.
   */
  feedback(message: ChatMessage, value: FeedbackValue): Promise<void> {
    if (value !== 'up' && value !== 'down') throw invalid('feedback(): value', '"up" or "down"', value);
    if (message?.author !== 'bot' || !this.messages.some((m) => m.id === message.id))
      throw invalid('feedback(): message', 'a bot message in the transcript', message);
    const engine = this.#engine;
    if (typeof engine !== 'object' || typeof engine.feedback !== 'function') return Promise.resolve();
    return new Promise<void>((resolve) => resolve(engine.feedback!(message, value))).catch((error) =>
      this.#host.error(toError(error, 'Feedback failed'), 'bot')
    );
  }

  get snapshot(): ChatSession {
    return {...this.#session, isNew: !this.messages.length, lastMessages: this.messages.slice(-10)};
  }

  /** Adds a message to the transcript now, stores it and announces it; `id` is the source's own, when it has one. */
  add(
    content: MessageContent,
    author: MessageAuthor,
    {
      id = newId(),
      status,
      payload,
      replyTo,
    }: Pick<Partial<ChatMessage>, 'id' | 'status' | 'payload' | 'replyTo'> = {}
  ): ChatMessage {
    const message: ChatMessage = {...content, id, author, timestamp: this.#stamp()};
    if (status) message.status = status;
    if (payload !== undefined) message.payload = payload;
    if (replyTo) message.replyTo = replyTo;
    this.messages.push(message);
    this.#commit(message);
    return message;
  }

  /** The visitor says `text`; the dialog engine, if any, answers in turn. */
  send(text: string, origin: TurnOrigin): Promise<void> {
    this.ended = false;
    const message = this.add({type: 'text', text}, 'user');
    return this.respond({text, origin, message});
  }

  /** The visitor picks a button of a choice message: the set is disabled, the choice sent. */
  choose(message: ChatMessage, index: number): Promise<void> {
    if (message.type !== 'choice' || message.chosen !== undefined) return Promise.resolve();
    this.#replace({...message, chosen: index});
    return this.sendChoice(message.buttons[index], message.id);
  }

  /**
   * The visitor's bubble shows the button's label and keeps its payload and the
   * message it came from; the engine gets the payload (a string payload as the
   * turn's text), else the label.
   */
  sendChoice(button: ChoiceButton, replyTo?: string): Promise<void> {
    const message = this.add({type: 'text', text: button.label}, 'user', {payload: button.payload, replyTo});
    const text = typeof button.payload === 'string' ? button.payload : button.label;
    return this.respond({text, payload: button.payload, origin: 'choice', message});
  }

  /**
   * The visitor rated a bot message: the rating is kept on the message (and stored with the
   * session), `chat-feedback` fires, and the connector hears of it. Rating it the same again does nothing.
   */
  rate(message: ChatMessage, value: FeedbackValue): Promise<void> {
    const current = this.messages.find((m) => m.id === message.id);
    if (current?.feedback === value) return Promise.resolve();
    const sent = this.feedback(message, value);
    const rated = {...current!, feedback: value};
    this.#replace(rated);
    this.#host.emit('chat-feedback', {message: rated, value});
    return sent;
  }

  /** Sends a failed visitor message to the dialog engine again. */
  retry(message: ChatMessage): Promise<void> {
    if (message.status !== 'failed' || message.type !== 'text') return Promise.resolve();
    const {status: _failed, ...delivered} = message;
    this.#replace(delivered);
    return this.respond({text: message.text, origin: 'retry', message: delivered});
  }

  /** Hands a turn to the dialog engine, after any output already queued. */
  respond(turn: Turn): Promise<void> {
    const engine = this.engine;
    if (!engine) return Promise.resolve();
    return this.#enqueue((signal) => this.#runEngine(engine, turn, signal));
  }

  /** Shows bot messages in order, after a typing indicator when asked. */
  reply(contents: readonly MessageContent[], typing?: boolean | number): Promise<void> {
    return this.#enqueue(async (signal) => {
      const delay = typingDelay(contents, typing);
      if (delay) {
        this.#setTyping(true);
        await sleep(delay, signal);
      }
      this.#addAll(
        contents.map((content) => ({content})),
        signal
      );
    });
  }

  /** Starts a new, empty session; a connector is disconnected and connected again. */
  reset(): void {
    this.#unlink();
    this.#stopOutput();
    this.#session = newSession();
    this.messages = [];
    this.ended = false;
    this.drawings.clear();
    this.#store?.save({session: this.#session, messages: []}, {replace: true});
    this.#host.changed();
    if (this.#live) this.#link();
  }

  #link(): void {
    const connector = this.#engine;
    if (typeof connector !== 'object') return;
    const controller = new AbortController();
    this.#linked = {connector, controller};
    const {signal} = controller;
    const link = createLink(
      {
        push: (messages) => this.#addAll(this.#validate(messages), signal),
        update: (messages) => {
          for (const {content, id} of this.#validate(messages)) {
            const old = this.messages.find((message) => message.id === id && message.author === 'bot');
            if (!old) continue;
            const {id: _, author, timestamp, feedback} = old;
            this.#replace({...content, id: old.id, author, timestamp, ...(feedback ? {feedback} : {})});
          }
        },
        // Outside or inside a turn: one cut short enters marked incomplete (see #stream), and the
        // failure is reported unless it was an abort; an unlink (reset, removal) discards it.
        stream: async (chunks) => {
          try {
            const type = this.#markdown ? 'markdown' : 'text';
            await this.#stream(
              chunks,
              {streamed: '', type, armTimeout: () => this.#turn?.armTimeout(), keep: true},
              signal
            );
          } catch (error) {
            if (!signal.aborted && (error as Error)?.name !== 'AbortError')
              this.#host.error(toError(error), 'bot');
          }
        },
        remove: (ids) => {
          const kept = this.messages.filter(
            (message) => message.author !== 'bot' || !ids.includes(message.id)
          );
          if (kept.length === this.messages.length) return;
          this.messages = kept;
          // Replacing what is stored: a union with another tab's copy would bring the messages back.
          this.#store?.save({session: this.#session, messages: kept}, {replace: true});
          this.#host.changed();
        },
        typing: (on) => this.#setTyping(on),
        status: (state) => {
          this.status = state;
          this.#host.changed();
        },
        error: (error) => this.#host.error(error, 'bot'),
        end: () => {
          this.ended = true;
          this.#host.changed();
        },
        action: (detail) => this.#host.emit('chat-action', detail, true) !== false,
        render: (draw, label) => {
          const id = newId();
          this.drawings.add(id, draw);
          this.add({type: 'text', text: label}, 'bot', {id});
        },
        session: () => this.snapshot,
        messages: () => this.messages.slice(),
      },
      signal
    );
    const report = (error: unknown) => {
      if (!signal.aborted) this.#host.error(toError(error, 'The bot could not connect'), 'bot');
    };
    try {
      Promise.resolve(connector.connect?.(link)).catch(report);
    } catch (error) {
      // Reported at once: the connector may be replaced before a rejection would be heard.
      report(error);
    }
  }

  #unlink(): void {
    const linked = this.#linked;
    if (!linked) return;
    this.#linked = undefined;
    linked.controller.abort();
    if (this.status !== undefined) {
      this.status = undefined;
      this.#host.changed();
    }
    try {
      linked.connector.disconnect?.();
    } catch (error) {
      this.#host.error(toError(error, 'The bot failed to disconnect'), 'bot');
    }
  }

  /**
   * Checks bot output item by item, the one way every bot message comes in (engine replies and
   * server push): a bad item is reported alone and the good ones around it stay.
   */
  #validate(replies: unknown): Incoming[] {
    if (replies == null) return [];
    // The one check every message passes (see validateMessages): a bad reply is dropped alone.
    const {messages, errors} = validateMessages(asList(replies), 'bot');
    for (const error of errors) this.#host.error(error, 'bot');
    // A markdown connector's text is markdown, whether it streams or not.
    return messages.map(({id, ...content}) => ({
      content: (this.#markdown && content.type === 'text'
        ? {...content, type: 'markdown'}
        : content) as MessageContent,
      id,
    }));
  }

  /**
   * Runs one turn. Its own signal aborts on Stop, on the timeout, and when the session's does
   * (reset, removal); whatever the engine does after that is ignored, so a hung engine never
   * holds the queue. Anything it throws is reported as a readable Error, never rethrown.
   */
  async #runEngine(engine: DialogEngine, turn: Turn, session: AbortSignal): Promise<void> {
    const controller = new AbortController();
    const {signal} = controller;
    const follow = () => controller.abort(session.reason);
    session.addEventListener('abort', follow);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const running: RunningTurn = {
      controller,
      streamed: '',
      type: this.#markdown ? 'markdown' : 'text',
      armTimeout: () => {
        clearTimeout(timer);
        const ms = this.replyTimeout;
        // Beyond setTimeout's range (about 24.8 days, Infinity included) is "never", not "at once".
        if (ms > 0 && ms < 2 ** 31)
          timer = setTimeout(() => {
            running.ended = 'timed-out';
            controller.abort(
              new DOMException(`The bot timed out after ${ms} ms without any output`, 'TimeoutError')
            );
          }, ms);
      },
    };
    this.#turn = running;
    this.#host.changed();
    this.#setTyping(true);
    running.armTimeout();
    try {
      const context = {session: this.snapshot, messages: this.messages.slice(), signal};
      const answer =
        typeof engine === 'function'
          ? engine(turn, context)
          : turn.event && typeof engine.event === 'function'
            ? engine.event(pageEvent(turn.event), context)
            : engine.respond(turn, context);
      // A backend knows whether it streams only once its response arrives: a promise of a stream is a stream.
      const result = isAsyncIterable(answer) ? answer : await untilAborted(answer, signal);
      if (isAsyncIterable(result)) await this.#stream(result, running, signal);
      else this.#addAll(this.#validate(result), signal);
    } catch (error) {
      // Reset and removal discard the turn everywhere: nothing half-streamed is drawn or stored.
      if (session.aborted) return;
      // Stopped or stalled: what arrived stays, marked incomplete (#stream keeps it). A failure
      // throws it away, since a retry answers in full.
      this.streaming = undefined;
      if (running.ended === 'stopped') return;
      if (turn.message) this.#replace({...turn.message, status: 'failed'});
      this.#host.error(running.ended ? (signal.reason as Error) : toError(error), 'bot');
    } finally {
      clearTimeout(timer);
      session.removeEventListener('abort', follow);
      // A reset may have let the next turn start already: only this turn's own state is cleared.
      if (this.#turn === running) {
        this.#turn = undefined;
        this.streaming = undefined;
        this.#setTyping(false);
      }
      this.#host.changed();
    }
  }

  /** Grows one bubble as chunks arrive; it enters the transcript when the stream ends. */
  async #stream(
    result: AsyncIterable<string>,
    running: Pick<RunningTurn, 'streamed' | 'type' | 'armTimeout' | 'ended'> & {keep?: boolean},
    signal: AbortSignal
  ): Promise<void> {
    const chunks = result[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await untilAborted(chunks.next(), signal);
        if (step.done) break;
        if (typeof step.value !== 'string') throw invalid('a streamed chunk', 'a string', step.value);
        running.armTimeout();
        this.#setTyping(false);
        running.streamed += step.value;
        this.streaming = {type: running.type, text: running.streamed, id: '', author: 'bot', timestamp: 0};
        this.#host.changed();
      }
    } catch (error) {
      // Let the engine's generator clean up (close its request); it may never answer, so no await.
      if (signal.aborted) Promise.resolve(chunks.return?.()).catch(() => undefined);
      this.streaming = undefined;
      // Stopped or stalled (a turn), or cut short (a connector's stream), not reset: what arrived stays, marked incomplete.
      if ((running.ended || (running.keep && !signal.aborted)) && running.streamed.trim())
        this.add({type: running.type, text: running.streamed}, 'bot', {status: 'incomplete'});
      throw error;
    }
    this.streaming = undefined;
    if (running.streamed) this.add({type: running.type, text: running.streamed}, 'bot');
  }

  /** The engine is a connector that declares its text markdown. */
  get #markdown(): boolean {
    const engine = this.#engine;
    return typeof engine === 'object' && engine.markdown === true;
  }

  #enqueue(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const signal = this.#abort.signal;
    const run = this.#output.then(() => (signal.aborted ? undefined : task(signal)));
    this.#output = run.catch(() => undefined);
    return run;
  }

  #stopOutput(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#output = Promise.resolve();
    // A half-streamed answer goes with the output it belonged to.
    this.streaming = undefined;
    this.#setTyping(false);
  }

  #setTyping(typing: boolean): void {
    if (this.typing === typing) return;
    this.typing = typing;
    this.#host.emit('chat-typing', {typing});
    this.#host.changed();
  }

  /** Adds bot messages unless `signal` aborted; one whose id is in the transcript already is not added again. */
  #addAll(incoming: readonly Incoming[], signal: AbortSignal): void {
    this.#setTyping(false);
    if (signal.aborted) return;
    for (const {content, id} of incoming)
      if (!id || !this.messages.some((m) => m.id === id)) this.add(content, 'bot', {id});
  }

  #commit(message: ChatMessage): void {
    this.#save();
    this.#host.changed();
    this.#host.emit('chat-message', {message});
  }

  /** Puts a changed copy of a message in its place, and stores it. */
  #replace(message: ChatMessage): void {
    const index = this.messages.findIndex((m) => m.id === message.id);
    // Gone meanwhile (another tab's reset was adopted): nothing to change.
    if (index < 0) return;
    this.messages[index] = message;
    this.#save();
    this.#host.changed();
  }

  /** Now, but always after the last message, so a tab's own order survives sorting by time. */
  #stamp(): number {
    return Math.max(Date.now(), (this.messages.at(-1)?.timestamp ?? 0) + 1);
  }

  /** Stores the transcript soon (the store batches writes); bubbles drawn by page code stay out, as their code is not stored. */
  #save(): void {
    this.#store?.save({
      session: this.#session,
      messages: this.messages.filter((m) => !this.drawings.has(m.id)),
    });
  }

  /** Takes in what another tab stored (checked by the store): its messages, or its session. */
  #adopt(state: SessionState): void {
    if (state.session.id === this.#session.id || !this.#store?.knows(this.#session.id)) {
      // The same session, or ours is this tab's own and was never stored: two tabs opened
      // at once join one conversation, each keeping what it already said.
      const joined = state.session.id !== this.#session.id;
      const merged = mergeMessages(this.messages, state.messages);
      if (joined) this.#unlink();
      this.#session = state.session;
      this.messages = merged;
      // A joined session is a new one for the connector, without stopping a reply on its way.
      if (joined && this.#live) this.#link();
      // What the other tab does not have yet is stored again, so every tab converges.
      if (merged.length > state.messages.length) this.#save();
    } else {
      // A newer session is a reset elsewhere, and wins; an older one is out of date.
      if (state.session.startedAt < this.#session.startedAt) return;
      // Another tab's reset is a reset here too: the connector starts over with the new session.
      this.#unlink();
      this.#stopOutput();
      this.ended = false;
      this.#session = state.session;
      this.messages = [...state.messages];
      if (this.#live) this.#link();
    }
    this.#host.changed();
  }
}
