import type {ChatMessage, FeedbackValue, MessageInput} from '../messages/message.js';
import type {PageEvent} from '../pipeline/event-pipeline.js';
import type {ChatSession} from '../session/session-store.js';
import type {Turn, TurnContext, TurnResult} from '../conversation/conversation.js';

/**
 * How a connector's link to its backend stands, for the visitor to see:
 * `connecting` and `reconnecting` while it tries, `offline` while the browser
 * has no network (messages wait and go when it is back), `online` when all is well.
 */
export const connectionStates = ['connecting', 'online', 'offline', 'reconnecting'] as const;
export type ConnectionState = (typeof connectionStates)[number];

export type {FeedbackValue};

/**
 * What the widget hands a connector when it connects: the way a backend talks
 * to the visitor at any time, not only as a turn's reply (server push).
 * Every call after `signal` has aborted is ignored.
 */
export interface ConnectorLink {
  /** Shows bot messages now, in order, through the same validation as `reply()`. */
  push(messages: MessageInput | readonly MessageInput[]): void;
  /**
   * Gives bot messages already in the transcript new content, in place, each
   * found by its `id` (author, time and feedback stay); an id not there is ignored.
   */
  update(messages: MessageInput | readonly MessageInput[]): void;
  /** Takes the bot messages with these ids out of the transcript (the backend deleted them). */
  remove(ids: string | readonly string[]): void;
  /** Turns the typing indicator on or off. */
  typing(on: boolean): void;
  /** Shows the link's state to the visitor. */
  status(state: ConnectionState): void;
  /** Reports a failure: a console warning and `chat-error` with `source: 'bot'`. */
  error(error: Error): void;
  /** The session as it is now. */
  session(): ChatSession;
  /** The transcript as it is now (read-only). */
  messages(): readonly ChatMessage[];
  /** Aborted when the widget disconnects the connector (`reset()`, unmount). */
  readonly signal: AbortSignal;
}

/**
 * A backend behind `el.bot`: the object form of a dialog function. Only
 * `respond` is required; a function `el.bot` is the same as `{respond: fn}`.
 */
export interface Connector {
  /**
   * Answers a visitor's turn: replies, or an async iterable streaming text into
   * one bubble, or a promise of either. `context.signal` aborts on Stop, `reset()`
   * and unmount; `context.messages` is the transcript so far.
   */
  respond(turn: Turn, context: TurnContext): TurnResult;
  /** Called once the widget is ready (and again after each `reset()`), with the link to the widget. */
  connect?(link: ConnectorLink): void | Promise<void>;
  /** Called on `reset()` and when the widget leaves the page; abort anything in flight. */
  disconnect?(): void;
  /**
   * A page event the pipeline handed to the engine (not cancelled, not built in).
   * A connector that has this gets the event itself; one without gets it as a turn.
   */
  event?(event: PageEvent, context: TurnContext): TurnResult;
  /** The visitor rated a bot message. */
  feedback?(message: ChatMessage, value: FeedbackValue): void | Promise<void>;
  /** Bot text from this connector is markdown. */
  readonly markdown?: boolean;
}
