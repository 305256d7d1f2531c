import {emit, type ChatEventDetail} from '../events/chat-events.js';
import type {Turn} from '../conversation/conversation.js';
import type {MessageInput, ReplyOptions} from '../messages/message.js';
import type {ChatSession} from '../session/session-store.js';

/** A page event, as Botpress's `sendEvent` takes it. */
export interface PageEvent {
  type: string;
  channel?: string;
  payload?: Record<string, unknown>;
}

/** What the pipeline needs of the widget. */
export interface PipelineHost {
  /** Where `chat-event` is dispatched: the widget. */
  readonly target: EventTarget;
  readonly session: ChatSession;
  reply(messages: MessageInput | readonly MessageInput[], options?: ReplyOptions): Promise<void>;
  show(): Promise<void>;
  close(): Promise<void>;
  toggle(): Promise<void>;
  sendMessage(text: string): Promise<void>;
  /** Hands a turn to the dialog engine without drawing a visitor bubble. */
  converse(turn: Turn): Promise<void>;
}

/** Checks a page event; throws a TypeError that names what is wrong. */
export function toPageEvent(value: unknown): PageEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `sendEvent(): the event must be an object, got ${value === null ? 'null' : typeof value}`
    );
  }
  const event = value as Record<string, unknown>;
  if (typeof event.type !== 'string' || !event.type) {
    throw new TypeError('sendEvent(): event.type must be a non-empty string');
  }
  if (event.payload !== undefined && (typeof event.payload !== 'object' || event.payload === null)) {
    throw new TypeError('sendEvent(): event.payload must be an object');
  }
  if (event.channel !== undefined && typeof event.channel !== 'string') {
    throw new TypeError('sendEvent(): event.channel must be a string');
  }
  return event as unknown as PageEvent;
}

/**
 * Runs one page event: the cancelable `chat-event` first (cancelling it is
 * Botpress's SKIP_DIALOG_ENGINE), then the built-in types, then the dialog
 * engine for anything else, "interpreted as a user message".
 */
export function runEvent(host: PipelineHost, event: PageEvent): Promise<void> {
  const payload = event.payload ?? {};
  const detail: ChatEventDetail = {
    type: event.type,
    ...(event.channel === undefined ? {} : {channel: event.channel}),
    payload,
    session: host.session,
    reply: (messages, options) => host.reply(messages, options),
  };
  if (!emit(host.target, 'chat-event', detail, true)) return Promise.resolve();
  const text = typeof payload.text === 'string' ? payload.text : '';
  switch (event.type) {
    case 'show':
      return host.show();
    case 'hide':
      return host.close();
    case 'toggle':
      return host.toggle();
    case 'message':
      return host.sendMessage(text);
    default:
      return host.converse({text, origin: 'event', event: detail});
  }
}
