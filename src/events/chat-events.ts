import type {BotAction} from '../connectors/connector.js';
import type {ChatMessage, FeedbackValue, MessageInput, ReplyOptions} from '../messages/message.js';
import type {ProactiveMessage} from '../proactive/proactive-queue.js';
import type {ChatSession} from '../session/session-store.js';

/** Who opened or closed the panel. */
export type ChatSource = 'user' | 'api';

/** Where an error came from. */
export type ChatErrorSource = 'message' | 'proactive' | 'storage' | 'bot' | 'event' | 'trigger' | 'attribute';

/** The `detail` of `chat-event`: a page event on its way through the pipeline. */
export interface ChatEventDetail {
  type: string;
  channel?: string;
  payload: Record<string, unknown>;
  session: ChatSession;
  /** Answers the event as the bot, like Botpress's `replyToEvent`. */
  reply(messages: MessageInput | readonly MessageInput[], options?: ReplyOptions): Promise<void>;
}

/** A proactive trigger as reported by `chat-trigger-fire` (the checked rule; see `TriggerRule`). */
export interface TriggerInfo {
  /** Its `id`, or '' when it has none. */
  id: string;
  /** Its moment: `load`, `exit-intent`, `idle`, `scroll` or a DOM event name. */
  on: string;
  /** What it pushes. */
  messages: readonly ProactiveMessage[];
  /** The `<chat-trigger>` it was read from; absent for a trigger set from JS. */
  element?: Element;
}

/** Every event the widget dispatches, by name, with its `detail`. One source of truth. */
export interface ChatEventDetailMap {
  'chat-ready': {session: ChatSession};
  'chat-open': {source: ChatSource};
  'chat-close': {source: ChatSource};
  'chat-message': {message: ChatMessage};
  'chat-typing': {typing: boolean};
  'chat-event': ChatEventDetail;
  'chat-proactive-push': {messages: readonly ProactiveMessage[]};
  'chat-proactive-clear': {messages: readonly ProactiveMessage[]};
  'chat-proactive-dismiss': {messages: readonly ProactiveMessage[]};
  'chat-proactive-click': {message: ProactiveMessage};
  'chat-trigger-fire': {trigger: TriggerInfo; reason: string};
  'chat-feedback': {message: ChatMessage; value: FeedbackValue};
  'chat-error': {error: Error; source: ChatErrorSource};
  'chat-action': BotAction;
}

export type ChatEventName = keyof ChatEventDetailMap;

/** What the widget's plain models (conversation, proactive queue) tell it. */
export interface WidgetHost {
  /** Something they draw changed. */
  changed(): void;
  /** Dispatches a widget event; returns false when a listener cancelled a cancelable one. */
  emit<K extends ChatEventName>(name: K, detail: ChatEventDetailMap[K], cancelable?: boolean): boolean | void;
  /** Reports bad data or a failure. */
  error(error: Error, source: ChatErrorSource): void;
}

/**
 * Dispatches a widget event: always `bubbles` and `composed`, so a page hears it
 * on `document`. Returns false when a listener cancelled it.
 */
export function emit<K extends ChatEventName>(
  target: EventTarget,
  name: K,
  detail: ChatEventDetailMap[K],
  cancelable = false
): boolean {
  return target.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: true, cancelable}));
}

/**
 * Turns anything thrown (an Error, a string, `undefined`, a null-prototype object,
 * a Proxy whose every trap throws) into an Error with a readable message,
 * without ever throwing itself.
 */
export function toError(value: unknown, what = 'The bot failed'): Error {
  try {
    if (value instanceof Error) return value;
  } catch {
    // A Proxy can throw from its getPrototypeOf trap: it is described below, not trusted.
  }
  let text: string;
  try {
    text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    text = `a value it could not describe (${typeof value})`;
  }
  return new Error(`${what}: ${text}`);
}

/** Reports bad data: a console warning that names the problem, and `chat-error`. */
export function reportError(target: EventTarget, source: ChatErrorSource, error: Error): void {
  console.warn(`<chat-widget> ${source}: ${error.message}`);
  emit(target, 'chat-error', {error, source});
}

declare global {
  interface HTMLElementEventMap {
    'chat-ready': CustomEvent<ChatEventDetailMap['chat-ready']>;
    'chat-open': CustomEvent<ChatEventDetailMap['chat-open']>;
    'chat-close': CustomEvent<ChatEventDetailMap['chat-close']>;
    'chat-message': CustomEvent<ChatEventDetailMap['chat-message']>;
    'chat-typing': CustomEvent<ChatEventDetailMap['chat-typing']>;
    'chat-event': CustomEvent<ChatEventDetailMap['chat-event']>;
    'chat-proactive-push': CustomEvent<ChatEventDetailMap['chat-proactive-push']>;
    'chat-proactive-clear': CustomEvent<ChatEventDetailMap['chat-proactive-clear']>;
    'chat-proactive-dismiss': CustomEvent<ChatEventDetailMap['chat-proactive-dismiss']>;
    'chat-proactive-click': CustomEvent<ChatEventDetailMap['chat-proactive-click']>;
    'chat-trigger-fire': CustomEvent<ChatEventDetailMap['chat-trigger-fire']>;
    'chat-feedback': CustomEvent<ChatEventDetailMap['chat-feedback']>;
    'chat-error': CustomEvent<ChatEventDetailMap['chat-error']>;
    'chat-action': CustomEvent<ChatEventDetailMap['chat-action']>;
  }
}
