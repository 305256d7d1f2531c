// `window.botpress`: Botpress Cloud's v2 webchat API, mapped onto <chat-widget>.
import type {ChatWidget} from '../chat-widget/chat-widget.component.js';
import {invalid} from '../messages/message.js';
import {
  configure,
  immediate,
  object,
  optionalObject,
  queued,
  start,
  subscribe,
  type Config,
  type MomentNames,
} from './shim-target.js';

/** `on()` event types, by moment. */
const eventTypes: MomentNames = {
  'chat-ready': ['webchat:initialized', 'webchat:ready'],
  'chat-open': ['webchat:opened'],
  'chat-close': ['webchat:closed'],
  'chat-message:user': ['messageSent'],
  'chat-message:bot': ['message'],
  'chat-event': ['customEvent'],
  'chat-error': ['error'],
};

/**
 * What `updateUser` and `config({user})` set; `getUser` adds the id, which is
 * the widget's session id. Null-prototype, as its keys come from the page: a
 * `__proto__` key is a field like any other.
 */
const user: Config = Object.create(null);
function updateUser(el: ChatWidget, update?: unknown, argument = 'user') {
  Object.assign(user, optionalObject(update, argument));
  return {...user, id: el.session.id};
}

/** Resolves when a failed `init` is reported: a page awaiting it goes on. */
const settled = () => Promise.resolve();
/** What a failed `on` returns: unsubscribing from nothing. */
const unsubscribed = () => () => undefined;

/** `window.botpress`. Calls made before the widget is ready wait for it, in order, never dropped. */
export const botpress = {
  /** Creates the widget (in `selector`, else the body) unless the page has one; resolves when it is ready. */
  init: immediate(
    (api, config?: Config) => start(api, config, {container: optionalObject(config, 'config')?.selector}),
    settled
  ),
  /** Calls `handler(data)` on each `type` event, or `handler({type, value})` on every one with '*'; returns the unsubscribe function. */
  on: immediate(
    (api, type: string, handler: (data: unknown) => void) =>
      // Every call is a subscription of its own: its key is a new object.
      subscribe(api, {
        names: eventTypes,
        handler,
        topics: [type],
        topicsArgument: 'type',
        wholeEvent: type === '*',
        key: {},
      }),
    unsubscribed
  ),
  open: queued((el) => el.show()),
  close: queued((el) => el.close()),
  toggle: queued((el) => el.toggle()),
  sendMessage: queued((el, text) => el.sendMessage(text)),
  /** A custom event: its own `type` when it has one, else `custom`; the whole object is the payload. */
  sendEvent: queued((el, event) =>
    el.sendEvent({type: object(event, 'event').type ?? 'custom', payload: event})
  ),
  /** Applies `configuration` to the widget's attributes and merges `user` into the user. */
  config: queued((el, config?: Config) => {
    configure(el, config);
    return updateUser(el, config?.user, 'config.user');
  }),
  updateUser: queued((el, update) => updateUser(el, update)),
  getUser: queued((el) => updateUser(el)),
  restartConversation: queued((el) => el.reset()),
  setUnreadMessageCount: queued((el, count: unknown) => {
    if (!Number.isSafeInteger(count) || (count as number) < 0)
      throw invalid('count', 'a whole number of 0 or more', count);
    el.unread = count as number;
  }),
};
