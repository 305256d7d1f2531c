// What the three compatibility globals share: finding the <chat-widget> a call
// is for, queueing calls until it is ready, creating it from a product's config,
// turning the element's DOM events into the moments the products report, and
// building each global from its table of members.
// Nothing here runs at import time; `installShims()` wires it to the page.
import type {ChatWidget} from '../chat-widget/chat-widget.component.js';
import {setAccentColor} from '../chat-widget/safe-color.js';
import type {ChatEventDetail, ChatEventName} from '../events/chat-events.js';
import {invalid, type ChatMessage, type MessageAuthor} from '../messages/message.js';

/** A config object as Voiceflow's `load` or Botpress's `init` takes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- page input of any shape, read defensively
export type Config = Record<string, any>;

/** The element events the products report, each the moment it starts. */
const heardEvents = [
  'chat-ready',
  'chat-open',
  'chat-close',
  'chat-message',
  'chat-event',
  'chat-error',
] as const satisfies readonly ChatEventName[];

/**
 * What a widget reports to the products' listeners: one of the element's
 * events, a message told apart by its author, `config-set`, which the
 * shims report themselves when a page configures the widget, or what a
 * backend told the page (`signal:` and the product's name for it).
 */
export type Moment =
  | Exclude<(typeof heardEvents)[number], 'chat-message'>
  | `chat-message:${MessageAuthor}`
  | 'config-set'
  | `signal:${string}`;

/** A transcript message as Botpress reports it. */
export interface BotpressMessage {
  id: string;
  conversationId: string;
  authorId: MessageAuthor;
  sentOn: Date;
  payload: ChatMessage;
}

/** A moment and what it carries. */
export type Report =
  | {moment: 'chat-ready' | 'chat-open' | 'chat-close'; value: string}
  | {moment: `chat-message:${MessageAuthor}`; value: BotpressMessage}
  | {moment: 'chat-event'; value: ChatEventDetail}
  | {moment: 'chat-error'; value: Error}
  | {moment: 'config-set'; value: Config | undefined}
  | {moment: `signal:${string}`; value: unknown};

/** Hears what a widget reports. */
export type Sink = (report: Report, el: ChatWidget) => void;

/** Reports bad page input (or a failed call) as a console error naming the API. */
export function fail(api: string, error: unknown): void {
  const message = messageOf(error);
  // Errors name the method they come from (`sendEvent(): …`, as the element's do); the API's full name replaces it.
  console.error(`${api}(): ${message.replace(/^\w+\(\): /, '')}`);
}

/** The message of anything thrown, read without trusting it (a page may throw a Proxy or a null-prototype object). */
function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unreadable error';
  }
}

/** Returns `value` when it is an object; otherwise throws a TypeError naming the method and the argument. */
export function object(value: unknown, argument: string): Config {
  if (!value || typeof value !== 'object') throw invalid(argument, 'an object', value);
  return value;
}

/** Returns `value` when it is an object or left out; otherwise throws a TypeError naming the argument. */
export function optionalObject(value: unknown, argument: string): Config | undefined {
  return value === undefined ? undefined : object(value, argument);
}

/** Returns `value` when it is a string or left out (then ''); otherwise throws a TypeError naming the argument. */
function optionalString(value: unknown, argument: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw invalid(argument, 'a string', value);
  return value;
}

/** The widget a call is for: the one whose id is `chatId`, else the first in the document. */
const find = (chatId = ''): ChatWidget | null =>
  document.querySelector(chatId ? `chat-widget#${CSS.escape(chatId)}` : 'chat-widget');

/**
 * The last queued call per target id: each call waits for the one before it.
 * A Map, as the ids come from the page (`__proto__` is an id like any other).
 */
const queues = new Map<string, Promise<unknown>>();

/** The target once it exists, is defined and is ready (checked again on every `chat-ready`). */
function whenReady(chatId: string): ChatWidget | Promise<ChatWidget> {
  const el = find(chatId);
  if (el?.ready) return el;
  return new Promise((resolve) => document.addEventListener('chat-ready', resolve, {once: true})).then(() =>
    whenReady(chatId)
  );
}

/**
 * Runs `act` on the target once it is ready, after every call made before it.
 * An error is reported as `api`'s and the returned promise resolves anyway, so
 * the queue keeps going.
 */
export function call<T>(api: string, act: (el: ChatWidget) => T, chatId: unknown = ''): Promise<T | void> {
  if (typeof chatId !== 'string') {
    fail(api, invalid('chatId', 'a string', chatId));
    return Promise.resolve();
  }
  const target = Promise.resolve(queues.get(chatId)).then(() => whenReady(chatId));
  // What the next call waits for never rejects, so one failed call cannot jam the ones after it.
  queues.set(
    chatId,
    target.catch(() => undefined)
  );
  return target.then(act).catch((error: unknown) => fail(api, error));
}

/** What a page passes a member: anything, read defensively. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- page arguments of any shape
type PageArguments = any[];

/**
 * A member of a compatibility API, made for its full name (`botpress.on`),
 * which its errors carry: the function the page calls.
 */
export type Member<F extends (...args: PageArguments) => unknown> = (api: string) => F;

/** A global's members, nested objects for nested namespaces (`proactive`). */
export type Table = {[name: string]: Member<(...args: PageArguments) => unknown> | Table};

/** The functions a page calls, for a table. */
export type Api<T> = {[K in keyof T]: T[K] extends Member<infer F> ? F : Api<T[K]>};

/** Which widget a queued member's calls are for. */
export interface Targeting {
  /** Where the API takes a `chatId`, the id of the widget a call is for; without one, the first widget. */
  chatIdArgument?: number;
}

/**
 * A member that waits for its widget, then runs `act` on it with the page's
 * arguments, after the calls before it.
 */
export function queued(
  act: (el: ChatWidget, ...args: PageArguments) => unknown,
  {chatIdArgument}: Targeting = {}
): Member<(...args: PageArguments) => Promise<unknown>> {
  return (api) =>
    (...args) =>
      call(api, (el) => act(el, ...args), chatIdArgument === undefined ? '' : args[chatIdArgument]);
}

/**
 * A member that runs at once, given its API's full name and the page's
 * arguments. It never throws at the page: an error is reported as the API's,
 * and the call returns what `failed()` makes (a settled promise, a no-op
 * unsubscribe), so page code chained on it goes on.
 */
export function immediate<A extends unknown[], R>(
  run: (api: string, ...args: A) => R,
  failed: () => R
): Member<(...args: A) => R> {
  return (api) =>
    (...args) => {
      try {
        return run(api, ...args);
      } catch (error) {
        fail(api, error);
        return failed();
      }
    };
}

/**
 * Adds the members of `table` to `target` under `path`, nested tables
 * recursively, keeping any member the page already has: extends, never
 * clobbers.
 */
export function build(target: Config, table: Table, path = ''): void {
  for (const [name, member] of Object.entries(table)) {
    const api = path + name;
    if (typeof member === 'function') target[name] ??= member(api);
    else build((target[name] ??= {}), member, `${api}.`);
  }
}

/** The widgets a shim created, by target id, so a second load finds them and destroy removes them. */
export const created = new Map<string, ChatWidget>();

/** The flag `hideWidget` leaves on the element it configured. */
const launcherless = (el: ChatWidget) => el as ChatWidget & {hideWidget?: boolean};

/** The config keys each attribute is read from besides its own name, in the products' spellings. */
const attributeKeys = {
  'bot-name': ['title', 'botName'],
  'bot-avatar': ['image', 'avatar', 'avatarUrl', 'botAvatar'],
  description: ['botDescription', 'botConvoDescription'],
  placeholder: ['composerPlaceholder'],
  position: [],
  'storage-key': ['projectID', 'botId'],
  // Botpress's interface language.
  lang: ['locale'],
};

/** Maps a Voiceflow or Botpress config onto the element's attributes; unknown keys are ignored. */
export function configure(el: ChatWidget, config?: unknown): void {
  optionalObject(config, 'config');
  try {
    applyConfig(el, config as Config | undefined);
  } catch (error) {
    // A getter or a Proxy of the page's threw while its config was read.
    throw new TypeError(`config could not be read: ${messageOf(error)}`, {cause: error});
  }
}

function applyConfig(el: ChatWidget, config?: Config): void {
  // Voiceflow nests its settings in `verify` and `assistant`, Botpress Cloud in `configuration`.
  const settings: Config = {...config, ...config?.verify, ...config?.assistant, ...config?.configuration};
  for (const [attribute, keys] of Object.entries(attributeKeys)) {
    const value = [attribute, ...keys].map((key) => settings[key]).find((v) => typeof v === 'string');
    if (value) el.setAttribute(attribute, value);
  }
  // 'localStorage' | 'sessionStorage' | 'memory' → local | session | memory; the element checks the result.
  const persistence = settings.useSessionStorage ? 'session' : settings.persistence?.replace?.('Storage', '');
  if (persistence) el.persistence = persistence;
  if (settings.color !== undefined) setAccentColor(el, settings.color);
  if (settings.render?.mode) el.embedded = settings.render.mode === 'embedded';
  if ('hideWidget' in settings) {
    // Botpress's hideWidget hides the launcher: the widget is hidden while closed, shown while open.
    launcherless(el).hideWidget = Boolean(settings.hideWidget);
    el.hidden = launcherless(el).hideWidget! && !el.open;
  }
}

/** Where `start()` puts a new widget, and who hears it. */
export interface StartOptions {
  /** The element (or a selector of the element) a new widget is appended to; the body by default. */
  container?: unknown;
  /** What the API calls `container`, for its errors. */
  containerArgument?: string;
  /** Subscribed to the widget under the API's name. */
  sink?: Sink;
  /** The widget's id, for APIs that target widgets by id; '' is the first widget. */
  chatId?: string;
}

/**
 * `load`/`init`: the existing widget, else a new one appended to its container
 * once there is a body, configured by `config`; resolves when it is ready,
 * after the calls before.
 */
export function start(
  api: string,
  config: unknown,
  {container, containerArgument = 'selector', sink, chatId = ''}: StartOptions = {}
): Promise<void> {
  optionalString(chatId, 'chatId');
  let el = find(chatId) ?? created.get(chatId);
  if (!el) created.set(chatId, (el = document.createElement('chat-widget')));
  if (chatId) el.id = chatId;
  // A bad config is reported and the widget made anyway, with the defaults: the page still gets a chat.
  try {
    configure(el, config);
  } catch (error) {
    fail(api, error);
  }
  if (!el.isConnected) {
    const append = () => {
      let parent: unknown = container;
      try {
        if (typeof container === 'string') parent = document.querySelector(container);
        else if (container !== undefined && !(container instanceof Element))
          fail(api, invalid(containerArgument, 'a CSS selector or an element', container));
      } catch {
        fail(api, invalid(containerArgument, 'a valid CSS selector', container));
      }
      (parent instanceof Element ? parent : document.body).append(el);
    };
    if (document.body) append();
    // DOMContentLoaded fires once.
    else addEventListener('DOMContentLoaded', append);
  }
  if (sink) listen({api, key: api + chatId, chatId, sink});
  return call(api, () => undefined, chatId);
}

/** A subscriber, with the id of the widget it hears ('' for the first), and the API whose errors it reports. */
interface Listener {
  api: string;
  chatId: string;
  sink: Sink;
}

/** Subscribers by key; a second subscription under a key replaces the first. */
const listeners = new Map<unknown, Listener>();

/**
 * Subscribes `sink` to the widget with id `chatId` (the first widget when
 * empty) under `key`, replacing any sink there; returns the unsubscribe
 * function. A widget already ready reports `chat-ready` to a new sink at once,
 * so late listeners still hear it (the same sink again hears nothing twice).
 */
export function listen({api, key, chatId, sink}: Listener & {key: unknown}): () => void {
  const el = find(chatId);
  if (listeners.get(key)?.sink !== sink && el?.ready)
    queueMicrotask(() => isolated(api, sink)({moment: 'chat-ready', value: el.session.id}, el));
  listeners.set(key, {api, chatId, sink});
  return () => listeners.delete(key);
}

/** A product's names for the moments it reports, in the order they happen (`chat-ready` is loaded, then ready). */
export type MomentNames = {readonly [M in Moment]?: readonly string[]};

/** A Botpress event subscription, as `botpress.on` and `botpressWebChat.onEvent` take it. */
export interface Subscription {
  names: MomentNames;
  /** Called with the value, or with `{type, value, chatId}` when `wholeEvent`. */
  handler: unknown;
  /** The names to hear; '*' hears every one. */
  topics: unknown;
  /** What the API calls `topics`, for its errors: `type` for one name, `topics` for a list. */
  topicsArgument: string;
  wholeEvent: boolean;
  /** Replaces any subscription under the same key. */
  key: unknown;
  /** The widget to hear, by id; the first widget when empty. */
  chatId?: unknown;
}

/** Runs `sink` so that what it throws (or rejects with) is reported as `api`'s and never reaches the other subscribers. */
function isolated(api: string, sink: Sink): Sink {
  return (report, el) => {
    try {
      sink(report, el);
    } catch (error) {
      fail(api, error);
    }
  };
}

/** Calls a page's handler; what it throws or rejects with is reported, naming the event it was called for. */
function callHandler(api: string, handler: (value: unknown) => unknown, type: string, value: unknown): void {
  const threw = (error: unknown) => fail(api, `a "${type}" handler threw: ${messageOf(error)}`);
  try {
    const result = handler(value);
    if (result instanceof Promise) result.catch(threw);
  } catch (error) {
    threw(error);
  }
}

/**
 * Calls `handler` on each moment whose name is in `topics`; returns the
 * unsubscribe function. Bad arguments are reported as `api`'s, naming the
 * known names for a misspelt one: nothing is subscribed for a bad handler, and
 * the known topics are heard when some are not.
 */
export function subscribe(
  api: string,
  {names, handler, topics, topicsArgument, wholeEvent, key, chatId = ''}: Subscription
): () => void {
  const known = ['*', ...new Set(Object.values(names).flat())];
  if (!Array.isArray(topics)) throw invalid(topicsArgument, 'an array', topics);
  if (typeof handler !== 'function') throw invalid('handler', 'a function', handler);
  const target = optionalString(chatId, 'chatId');
  const heard = topics.filter((topic: unknown) => {
    if (typeof topic === 'string' && known.includes(topic)) return true;
    fail(
      api,
      invalid(topicsArgument, `one of ${known.map((name) => JSON.stringify(name)).join(', ')}`, topic)
    );
    return false;
  });
  if (!heard.length) return () => undefined;
  const sink: Sink = ({moment, value}, el) => {
    for (const type of names[moment] ?? [])
      if (heard.includes(type) || heard.includes('*'))
        callHandler(
          api,
          handler as (value: unknown) => unknown,
          type,
          wholeEvent ? {type, value, chatId: el.id} : value
        );
  };
  return listen({api, key, chatId: target, sink});
}

/** Tells every subscriber of `el` (the widget its calls target) about a moment; one failing never stops the rest. */
export function tell(report: Report, el: ChatWidget): void {
  for (const {api, chatId, sink} of [...listeners.values()])
    if (find(chatId) === el) isolated(api, sink)(report, el);
}

/** What an element event reports; Botpress's message shape is built here, once. */
function reportOf(event: Event, el: ChatWidget): Report {
  const type = event.type as (typeof heardEvents)[number];
  const detail = (event as CustomEvent).detail;
  switch (type) {
    case 'chat-message': {
      const message: ChatMessage = detail.message;
      const value = {
        id: message.id,
        conversationId: el.session.id,
        authorId: message.author,
        sentOn: new Date(message.timestamp),
        payload: message,
      };
      return {moment: `chat-message:${message.author}`, value};
    }
    case 'chat-event':
      return {moment: type, value: detail};
    case 'chat-error':
      return {moment: type, value: detail.error};
    default:
      return {moment: type, value: el.session.id};
  }
}

/** Tells the subscribers of the widget an element event came from. */
function hear(event: Event): void {
  const el = event.target as ChatWidget;
  // Only a ready widget reports (a page's own event of the same name, or a widget inside a shadow root, is not one).
  if (!el.ready) return;
  if (launcherless(el).hideWidget && (event.type === 'chat-open' || event.type === 'chat-close'))
    el.hidden = event.type === 'chat-close';
  tell(reportOf(event, el), el);
}

/** Listens to every widget's events on the document. Adding the same listener twice is a no-op. */
export function watchWidgets(): void {
  for (const type of heardEvents) document.addEventListener(type, hear);
}
