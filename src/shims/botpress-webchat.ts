// `window.botpressWebChat`: Botpress's v12 and Cloud v0/v1 webchat API, mapped
// onto <chat-widget>. A `chatId` picks the widget with that id.
import type {ChatWidget} from '../chat-widget/chat-widget.component.js';
import type {BotpressV12BotOptions, BotpressV12Connector} from '../connectors/botpress-v12-bot.js';
import {lazyConnector, type LazyConnector} from '../connectors/lazy-connector.js';
import {attachBotpressCloud, isBotpressCloud} from './botpress-cloud.js';
import {
  call,
  configure,
  immediate,
  object,
  optionalObject,
  queued,
  start,
  subscribe,
  tell,
  type Config,
  type Sink,
  type MomentNames,
  type Targeting,
} from './shim-target.js';

/** Every call but `init` and `onEvent` takes the `chatId` second: the id of the widget it is for. */
const byChatId: Targeting = {chatIdArgument: 1};

/** v12's `{name, chatId}` window messages, by moment. */
const windowMessageNames: MomentNames = {
  'chat-ready': ['webchatLoaded', 'webchatReady'],
  'chat-open': ['webchatOpened'],
  'chat-close': ['webchatClosed'],
};
const postLifecycle: Sink = ({moment}, el) => {
  for (const name of windowMessageNames[moment] ?? []) postMessage({name, chatId: el.id});
};

/** Cloud v0/v1 `onEvent` topics, by moment. */
const topics: MomentNames = {
  'chat-ready': ['LIFECYCLE.LOADED', 'LIFECYCLE.READY'],
  'chat-open': ['UI.OPENED'],
  'chat-close': ['UI.CLOSED'],
  'chat-message:user': ['MESSAGE.SENT'],
  'chat-message:bot': ['MESSAGE.RECEIVED'],
  'config-set': ['CONFIG.SET'],
};

/** The v12 connector each widget talks through, once `init({host, botId})` attached one. */
const v12Connectors = new WeakMap<ChatWidget, LazyConnector<BotpressV12Connector>>();

/**
 * v12's `init({host, botId})`: the widget talks to that Botpress server. The
 * connector (and Socket.IO in it) loads only now, for pages that use v12.
 * Every socket event is posted to the page as `{...data, chatId}`, as v12's
 * webchat posted them from its iframe.
 */
function attachV12(el: ChatWidget, config: Config) {
  // One connector for the widget and for sendPayload.
  const connector = lazyConnector(
    () =>
      import('../connectors/botpress-v12-bot.js').then(({botpressV12Bot}) =>
        // The connector takes v12's own config keys (host, botId, userIdScope, userId, useSessionStorage…).
        botpressV12Bot({
          ...config,
          onServerEvent: (_name, data) => postMessage({...(data as object), chatId: el.id}),
        } as BotpressV12BotOptions)
      ),
    {events: true}
  );
  v12Connectors.set(el, connector);
  el.bot = connector;
}

type TopicEvent = {type: string; value: unknown; chatId: string};

/** With a v12 server, MESSAGE.RECEIVED carries the message as the server sent it (its conversation id, author, payload). */
function asReceived(event: TopicEvent): TopicEvent {
  if (event.type !== 'MESSAGE.RECEIVED') return event;
  const el = document.querySelector<ChatWidget>(
    event.chatId ? `chat-widget#${CSS.escape(event.chatId)}` : 'chat-widget'
  );
  const sent = el && v12Connectors.get(el)?.loaded?.received((event.value as {id: string}).id);
  return sent ? {...event, value: sent} : event;
}

/** A v12 server's config: a `host` and a `botId` (Botpress Cloud's carry a `clientId` instead). */
const isV12 = (config?: Config) =>
  typeof config?.host === 'string' && typeof config.botId === 'string' && config.clientId === undefined;

/** `configure` and `mergeConfig`: both apply the keys given and report CONFIG.SET. */
function setConfig(el: ChatWidget, config?: Config) {
  configure(el, config);
  tell({moment: 'config-set', value: config}, el);
}

/** `window.botpressWebChat`. Calls made before the widget is ready wait for it, in order, never dropped. */
export const botpressWebChat = {
  /** Creates the widget (in `selector`, else the body) unless the page has one; v12 then posts its lifecycle. */
  init: immediate(
    (api, config?: Config, selector?: string) => {
      const chatId = optionalObject(config, 'config')?.chatId ?? '';
      const started = start(api, config, {container: selector, sink: postLifecycle, chatId});
      // Cloud v1 pages call init({clientId}): the widget talks to Botpress Cloud's Webchat API.
      if (isBotpressCloud(config)) attachBotpressCloud(api, config, chatId);
      // v12 pages call init({host, botId}): the widget talks to that server, attached before any
      // call queued after init runs, so those reach it.
      else if (isV12(config)) void call(api, (el) => attachV12(el, config!), chatId);
      return started;
    },
    () => Promise.resolve()
  ),
  /** Calls `handler({type, value, chatId})` for each of `topics` (or every one with '*'); one handler per chatId. */
  onEvent: immediate(
    (api, handler: (event: TopicEvent) => void, onTopics: string[], chatId: string = '') =>
      subscribe(api, {
        names: topics,
        handler: typeof handler === 'function' ? (event: TopicEvent) => handler(asReceived(event)) : handler,
        topics: onTopics,
        topicsArgument: 'topics',
        wholeEvent: true,
        // One handler per chatId; a chatId that is not a string is reported by subscribe().
        key: api + String(chatId),
        chatId,
      }),
    () => () => undefined
  ),
  configure: queued(setConfig, byChatId),
  mergeConfig: queued(setConfig, byChatId),
  /**
   * `loadConversation` keeps the one stored conversation, `createConversation`
   * starts a new one; every other type (show, hide, toggle, message,
   * proactive-trigger…) runs through the element's event pipeline.
   */
  sendEvent: queued((el, event) => {
    if (object(event, 'event').type === 'createConversation') return el.reset();
    // v12's documented `{type: 'message', text}` carries its text at the top, Cloud's in the payload.
    if (event.type === 'message' && typeof event.text === 'string' && event.payload?.text === undefined)
      return el.sendEvent({...event, payload: {...event.payload, text: event.text}});
    if (event.type !== 'loadConversation') return el.sendEvent(event);
    if (event.payload?.conversationId !== el.session.id)
      console.warn('botpressWebChat.sendEvent(): only the stored conversation can be loaded');
  }, byChatId),
  /**
   * A text payload is a visitor message; a v12 server gets any other payload
   * as it is; without one, it is a pipeline event of its type.
   */
  sendPayload: queued(async (el, payload) => {
    if (
      typeof object(payload, 'payload').text === 'string' &&
      payload.type !== 'postback' &&
      payload.type !== 'quick_reply'
    )
      return el.sendMessage(payload.text);
    const v12 = v12Connectors.get(el);
    // Only while the page has not set another bot since.
    if (v12 && el.bot === v12) return (await v12.load()).sendPayload(payload);
    return el.sendEvent({type: payload.type, payload});
  }, byChatId),
};
