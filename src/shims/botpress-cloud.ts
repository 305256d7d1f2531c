// `window.botpress`: Botpress Cloud's v2 webchat API, mapped onto <chat-widget>.
import type {ChatWidget} from '../chat-widget/chat-widget.component.js';
import type {BotpressCloudSignals} from '../connectors/botpress-cloud-bot.js';
import {lazyConnector} from '../connectors/lazy-connector.js';
import {invalid} from '../messages/message.js';
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
  // What Botpress Cloud's backend tells the page (botpressCloudBot's signals).
  'signal:customEvent': ['customEvent'],
  'signal:webchatVisibility': ['webchatVisibility'],
  'signal:webchatConfig': ['webchatConfig'],
  'signal:conversation': ['conversation'],
  'signal:isTyping': ['isTyping'],
  'signal:participantAdded': ['participantAdded'],
  'signal:participantRemoved': ['participantRemoved'],
};

/**
 * A backend signal reaches the page's `on()` handlers; the bot's Show / Hide /
 * Toggle and Configure Webchat cards act on the widget first, as in Botpress.
 */
function backendSignal<K extends keyof BotpressCloudSignals>(
  el: ChatWidget,
  type: K,
  data: BotpressCloudSignals[K]
) {
  if (type === 'webchatVisibility') {
    if (data === 'show') el.show();
    else if (data === 'hide') el.close();
    else el.toggle();
  } else if (type === 'webchatConfig') configure(el, data);
  tell({moment: `signal:${type}`, value: data}, el);
}

/** A Botpress Cloud config: a `clientId` (v12's carry a `host` instead). */
export const isBotpressCloud = (config?: Config): config is Config & {clientId: string} =>
  typeof config?.clientId === 'string' && config.clientId !== '';

/**
 * `init({clientId, apiUrl?})`: the widget talks to Botpress Cloud's Webchat API
 * (at `apiUrl`, else Botpress's). The connector's code loads only now, for
 * pages that use Botpress Cloud; calls queued after `init` run once it is attached.
 * A new visitor's conversation starts when the chat first opens (or they send,
 * or the page sends an event), as with Botpress's webchat; a stored one is resumed at once.
 */
export function attachBotpressCloud(api: string, config: Config & {clientId: string}, chatId = ''): void {
  const settings: Config = {...config, ...config.configuration};
  void call(
    api,
    (el) => {
      const connector = lazyConnector(
        async () => {
          const {botpressCloudBot} = await import('../connectors/botpress-cloud-bot.js');
          return botpressCloudBot({
            clientId: config.clientId,
            // Checked by botpressCloudBot(): a bad one fails the connection with a chat-error naming it.
            apiUrl: settings.apiUrl,
            storageKey: settings.storageKey,
            storageLocation: settings.storageLocation,
            onSignal: (type, data) => backendSignal(el, type, data),
            // As Botpress's webchat: a new visitor's conversation starts when the chat first opens.
            waitForVisitor: !el.open,
          });
        },
        {markdown: true, events: true}
      );
      el.bot = connector;
      el.addEventListener('chat-open', () => connector.loaded?.start(), {once: true});
    },
    chatId
  );
}

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
  /**
   * Creates the widget (in `selector`, else the body) unless the page has one, talking to
   * Botpress Cloud when the config has a `clientId` (at `apiUrl` when given); resolves when it is ready.
   */
  init: immediate((api, config?: Config) => {
    const started = start(api, config, {container: optionalObject(config, 'config')?.selector});
    if (isBotpressCloud(config)) attachBotpressCloud(api, config);
    return started;
  }, settled),
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
