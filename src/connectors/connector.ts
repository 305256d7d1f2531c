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

/** An action a backend sent that the widget does not draw, as `chat-action` reports it. */
export interface BotAction {
  /** The action's name (a Voiceflow custom action's name in the Studio). */
  type: string;
  /** Its data as the backend sent it. */
  payload: unknown;
  /** The backend's whole item (a Voiceflow trace), for what the two fields above leave out. */
  trace?: unknown;
}

/** Draws a page's own content into a bubble's element; may return a cleanup function. */
export type BubbleDrawing = (element: HTMLElement) => void | (() => void);

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
  /**
   * Streams text into one bot bubble that grows below the transcript as `chunks` yields
   * (not announced while it grows), then enters the transcript as one message (markdown
   * for a `markdown` connector). When `chunks` throws, what arrived enters marked
   * `incomplete` and the error is reported (an abort is not). Resolves once the message
   * is in the transcript, so what is pushed after it comes after it. One stream at a time.
   */
  stream(chunks: AsyncIterable<string>): Promise<void>;
  /** Takes the bot messages with these ids out of the transcript (the backend deleted them). */
  remove(ids: string | readonly string[]): void;
  /** Turns the typing indicator on or off. */
  typing(on: boolean): void;
  /** Shows the link's state to the visitor. */
  status(state: ConnectionState): void;
  /** Reports a failure: a console warning and `chat-error` with `source: 'bot'`. */
  error(error: Error): void;
  /**
   * The backend ended the conversation: the composer gives way to a line saying so and a
   * button that starts a new one (`reset()`). A visitor message sent from a page still goes.
   */
  end(): void;
  /**
   * An action from the backend that the widget does not draw (a Voiceflow custom action):
   * dispatches the cancelable `chat-action`. Returns false when the page cancelled it, to
   * handle it alone.
   */
  action(detail: BotAction): boolean;
  /**
   * Adds a bot bubble that `draw` draws into (a page's own code, such as a Voiceflow
   * extension's `render`), once it is on screen; `draw` may return a cleanup, called on
   * reset and removal. `label` is its text for logs and history; such a bubble is not stored.
   */
  render(draw: BubbleDrawing, label: string): void;
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
