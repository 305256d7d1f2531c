import type {Connector} from '../connectors/connector.js';
import type {ChatEventDetail, WidgetHost} from '../events/chat-events.js';
import {
  asList,
  inputId,
  invalid,
  newId,
  toContent,
  type ChatMessage,
  type ChoiceButton,
  type MessageAuthor,
  type MessageContent,
  type MessageInput,
} from '../messages/message.js';
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
  /** Aborted when the session is reset or the widget leaves the page. */
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
 * length of what is said (measured on its serialized form), capped at 1.5 s.
 */
export function typingDelay(
  contents: readonly MessageContent[],
  typing: boolean | number | undefined
): number {
  return typing === true ? Math.min(1500, 20 * JSON.stringify(contents).length) : Math.max(0, +(typing ?? 0));
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {once: true});
  });

const isAsyncIterable = (value: unknown): value is AsyncIterable<string> =>
  typeof (value as AsyncIterable<string> | null)?.[Symbol.asyncIterator] === 'function';

const newSession = () => ({id: newId(), startedAt: Date.now()});

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
  engine?: DialogEngine;
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

  /** Stops pending output and listening to other tabs. */
  close(): void {
    this.#store?.close();
    this.#store = undefined;
    this.#stopOutput();
  }

  get snapshot(): ChatSession {
    return {...this.#session, isNew: !this.messages.length, lastMessages: this.messages.slice(-10)};
  }

  /** Adds a message to the transcript now, stores it and announces it. */
  add(content: MessageContent, author: MessageAuthor, id = newId()): ChatMessage {
    const message: ChatMessage = {...content, id, author, timestamp: this.#stamp()};
    this.messages.push(message);
    this.#commit(message);
    return message;
  }

  /** The visitor says `text`; the dialog engine, if any, answers in turn. */
  send(text: string, origin: TurnOrigin): Promise<void> {
    const message = this.add({type: 'text', text}, 'user');
    return this.respond({text, origin, message});
  }

  /** The visitor picks a button of a choice message: the set is disabled, the choice sent. */
  choose(message: ChatMessage, index: number): Promise<void> {
    if (message.type !== 'choice' || message.chosen !== undefined) return Promise.resolve();
    this.#replace({...message, chosen: index});
    return this.sendChoice(message.buttons[index]);
  }

  /** The visitor's bubble shows the button's label; the engine gets its payload, or the label. */
  sendChoice(button: ChoiceButton): Promise<void> {
    const message = this.add({type: 'text', text: button.label}, 'user');
    return this.respond({text: button.payload ?? button.label, origin: 'choice', message});
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
      this.#addAll(contents, signal);
    });
  }

  /** Starts a new, empty session. */
  reset(): void {
    this.#stopOutput();
    this.#session = newSession();
    this.messages = [];
    this.#store?.write({session: this.#session, messages: []}, {replace: true});
    this.#host.changed();
  }

  async #runEngine(engine: DialogEngine, turn: Turn, signal: AbortSignal): Promise<void> {
    this.#setTyping(true);
    try {
      const context = {session: this.snapshot, messages: this.messages.slice(), signal};
      const result = await (typeof engine === 'function'
        ? engine(turn, context)
        : engine.respond(turn, context));
      if (isAsyncIterable(result)) await this.#stream(result, signal);
      else this.#addReplies(result == null ? [] : asList(result), signal);
    } catch (error) {
      // A retry answers in full, so a half-streamed answer goes.
      this.streaming = undefined;
      if (signal.aborted) return;
      if (turn.message) this.#replace({...turn.message, status: 'failed'});
      this.#host.changed();
      this.#host.error(error instanceof Error ? error : new Error(String(error)), 'bot');
    } finally {
      this.#setTyping(false);
    }
  }

  async #stream(chunks: AsyncIterable<string>, signal: AbortSignal): Promise<void> {
    for await (const chunk of chunks) {
      if (signal.aborted) return;
      if (typeof chunk !== 'string') throw invalid('a streamed chunk', 'a string', chunk);
      this.#setTyping(false);
      const previous = this.streaming as {text?: string} | undefined;
      this.streaming = {
        type: 'text',
        text: (previous?.text ?? '') + chunk,
        id: '',
        author: 'bot',
        timestamp: 0,
      };
      this.#host.changed();
    }
    const finished = this.streaming;
    this.streaming = undefined;
    if (finished) this.add(finished, 'bot');
  }

  #enqueue(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const signal = this.#abort.signal;
    const run = this.#output.then(() => (signal.aborted ? undefined : task(signal)));
    this.#output = run.catch(() => undefined);
    return run;
  }

  #stopOutput(): void {
    this.#abort.abort();
    // A half-streamed answer goes with the output it belonged to.
    this.streaming = undefined;
    this.#abort = new AbortController();
    this.#output = Promise.resolve();
    this.#setTyping(false);
  }

  #setTyping(typing: boolean): void {
    if (this.typing === typing) return;
    this.typing = typing;
    this.#host.emit('chat-typing', {typing});
    this.#host.changed();
  }

  #addAll(contents: readonly MessageContent[], signal: AbortSignal): void {
    this.#setTyping(false);
    if (!signal.aborted) for (const content of contents) this.add(content, 'bot');
  }

  /**
   * Adds a dialog engine's replies, keeping the ids they bring: a reply whose id is
   * already in the transcript (a backend answering twice) is not shown again.
   */
  #addReplies(replies: readonly MessageInput[], signal: AbortSignal): void {
    const contents = replies.map((reply) => ({content: toContent(reply), id: inputId(reply)}));
    this.#setTyping(false);
    if (signal.aborted) return;
    for (const {content, id} of contents)
      if (!id || !this.messages.some((message) => message.id === id)) this.add(content, 'bot', id);
  }

  #commit(message: ChatMessage): void {
    this.#save();
    this.#host.changed();
    this.#host.emit('chat-message', {message});
  }

  /** Puts a changed copy of a message in its place, and stores it. */
  #replace(message: ChatMessage): void {
    this.messages[this.messages.findIndex((m) => m.id === message.id)] = message;
    this.#save();
    this.#host.changed();
  }

  /** Now, but always after the last message, so a tab's own order survives sorting by time. */
  #stamp(): number {
    return Math.max(Date.now(), (this.messages.at(-1)?.timestamp ?? 0) + 1);
  }

  #save(): void {
    const stored = this.#store?.write({session: this.#session, messages: this.messages});
    if (stored && stored.messages.length !== this.messages.length) this.#adopt(stored);
  }

  /** Takes in what another tab stored: its messages, or its newer session. */
  #adopt(state: SessionState): void {
    if (state.session.id !== this.#session.id) {
      // A newer session (a reset elsewhere) wins; so does any session over our empty one,
      // which is how two tabs opened at once end up in one conversation.
      if (state.session.startedAt < this.#session.startedAt && this.messages.length) return;
      this.#stopOutput();
      this.#session = state.session;
      this.messages = [...state.messages];
    } else {
      this.messages = mergeMessages(this.messages, state.messages);
    }
    this.#host.changed();
  }
}
