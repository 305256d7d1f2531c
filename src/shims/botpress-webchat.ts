// `window.botpressWebChat`: Botpress's v12 and Cloud v0/v1 webchat API, mapped
// onto <chat-widget>. A `chatId` picks the widget with that id.
import {
  configure,
  object,
  start,
  subscribe,
  tell,
  type Config,
  type Member,
  type Sink,
  type Table,
} from './shim-target.js';

/** v12's `{name, chatId}` window messages, by moment. */
const posted = 'webchatLoaded,webchatReady,webchatOpened,webchatClosed'.split(',');
const post: Sink = (kind, _, el) => posted[kind] && postMessage({name: posted[kind], chatId: el.id});
/** Cloud v0/v1 `onEvent` topics, by moment. */
const topicNames =
  'LIFECYCLE.LOADED,LIFECYCLE.READY,UI.OPENED,UI.CLOSED,MESSAGE.SENT,MESSAGE.RECEIVED,,,CONFIG.SET'.split(
    ','
  );

/** `configure` and `mergeConfig`: both apply the keys given and report CONFIG.SET. */
const setConfig: Member = (el, config?: Config) => (configure(el, config), tell(8, config, el));

/** `window.botpressWebChat`. Calls made before the widget is ready wait for it, in order, never dropped. */
export const botpressWebChat = {
  /** Creates the widget (in `selector`, else the body) unless the page has one; v12 then posts its lifecycle. */
  init: [
    (api: string, config?: Config, selector?: string) =>
      start(api, config, selector, post, config?.chatId ?? ''),
  ],
  /** Calls `handler({type, value, chatId})` for each of `topics` (or every one with '*'); one handler per chatId. */
  onEvent: [
    (
      api: string,
      handler: (event: {type: string; value: unknown; chatId: string}) => void,
      topics: string[],
      chatId = ''
    ) => subscribe(api, topicNames, handler, topics, true, api + chatId, chatId),
  ],
  configure: setConfig,
  mergeConfig: setConfig,
  /**
   * `loadConversation` keeps the one stored conversation, `createConversation`
   * starts a new one; every other type (show, hide, toggle, message,
   * proactive-trigger…) runs through the element's event pipeline.
   */
  sendEvent: (el, event) =>
    event?.type == 'createConversation'
      ? el.reset()
      : event?.type != 'loadConversation'
        ? el.sendEvent(event)
        : event.payload?.conversationId == el.session.id ||
          console.warn('botpressWebChat.sendEvent(): only the stored conversation can be loaded'),
  /** A text payload is a visitor message; any other payload a pipeline event of its type. */
  sendPayload: (el, payload) =>
    typeof object(payload, 'payload').text == 'string'
      ? el.sendMessage(payload.text)
      : el.sendEvent({type: payload.type, payload}),
} satisfies Table;
