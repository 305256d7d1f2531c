// `window.botpress`: Botpress Cloud's v2 webchat API, mapped onto <chat-widget>.
import type {ChatWidget} from '../chat-widget/chat-widget.component.js';
import {configure, object, start, subscribe, type Config, type Table} from './shim-target.js';

/** `on()` event types, by moment. */
const types =
  'webchat:initialized,webchat:ready,webchat:opened,webchat:closed,messageSent,message,customEvent,error'.split(
    ','
  );

/** What `updateUser` and `config({user})` set; `getUser` adds the id, which is the widget's session id. */
const user: Config = {};
const me = (el: ChatWidget, update?: Config) => ({...Object.assign(user, update), id: el.session.id});

/** `window.botpress`. Calls made before the widget is ready wait for it, in order, never dropped. */
export const botpress = {
  /** Creates the widget (in `selector`, else the body) unless the page has one; resolves when it is ready. */
  init: [(api: string, config?: Config) => start(api, config, config?.selector)],
  /** Calls `handler(data)` on each `type` event, or `handler({type, value})` on every one with '*'; returns the unsubscribe function. */
  on: [
    (api: string, type: string, handler: (data: unknown) => void) =>
      subscribe(api, types, handler, [type], type == '*', {}) as () => void,
  ],
  open: 'show',
  close: 'close',
  toggle: 'toggle',
  sendMessage: 'sendMessage',
  /** A custom event: its own `type` when it has one, else `custom`; the whole object is the payload. */
  sendEvent: (el, event) => el.sendEvent({type: object(event, 'event').type ?? 'custom', payload: event}),
  /** Applies `configuration` to the widget's attributes and merges `user` into the user. */
  config: (el, config?: Config) => (configure(el, config), me(el, config?.user)),
  updateUser: me,
  getUser: me,
  restartConversation: 'reset',
  setUnreadMessageCount: (el, count) => (el.unread = count),
} satisfies Table;
