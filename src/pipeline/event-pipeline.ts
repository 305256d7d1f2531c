import {emit, type ChatEventDetail} from '../events/chat-events.js';
import type {Turn} from '../conversation/conversation.js';
import {invalid, type MessageInput, type ReplyOptions} from '../messages/message.js';
import type {ChatSession} from '../session/session-store.js';

/** A page event, as Botpress's `sendEvent` takes it. */
export interface PageEvent {
  type: string;
  channel?: string;
  payload?: Record<string, unknown>;
}

/** What the pipeline needs of the widget: its public methods, and where `chat-event` goes. */
export interface PipelineHost extends EventTarget {
  readonly session: ChatSession;
  reply(messages: MessageInput | readonly MessageInput[], options?: ReplyOptions): Promise<void>;
  show(): Promise<void>;
  close(): Promise<void>;
  toggle(): Promise<void>;
  sendMessage(text: string): Promise<void>;
}

/** Checks a page event; throws a TypeError that names what is wrong. */
export function toPageEvent(value: unknown): PageEvent {
  const event = value as PageEvent;
  if (typeof value !== 'object' || !value || Array.isArray(value))
    throw invalid('sendEvent(): the event', 'an object', value);
  if (typeof event.type !== 'string' || !event.type)
    throw invalid('sendEvent(): event.type', 'a non-empty string', event.type);
  return event;
}

/**
 * Runs one page event: the cancelable `chat-event` first (cancelling it is
 * Botpress's SKIP_DIALOG_ENGINE), then the built-in types, then `converse`, the
 * dialog engine, for anything else, "interpreted as a user message".
 */
export function runEvent(
  host: PipelineHost,
  event: PageEvent,
  converse: (turn: Turn) => Promise<void>
): Promise<void> {
  const payload = event.payload ?? {};
  const detail: ChatEventDetail = {
    type: event.type,
    channel: event.channel,
    payload,
    session: host.session,
    reply: (messages, options) => host.reply(messages, options),
  };
  if (!emit(host, 'chat-event', detail, true)) return Promise.resolve();
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
      return converse({text, origin: 'event', event: detail});
  }
}
