// What the three compatibility globals share: finding the <chat-widget> a call
// is for, queueing calls until it is ready, creating it from a product's config,
// turning the element's DOM events into the moments the products report, and
// building each global from its table of members.
// Nothing here runs at import time; `installShims()` wires it to the page.
import type {ChatWidget} from '../chat-widget/chat-widget.component.js';

/** A config object as Voiceflow's `load` or Botpress's `init` takes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- page input of any shape, read defensively
export type Config = Record<string, any>;

/**
 * Hears what the widget reports. `kind` indexes the moments, in this order:
 * 0 loaded, 1 ready, 2 opened, 3 closed, 4 message sent, 5 message received,
 * 6 page event, 7 error, 8 config set. Each product lists its names in that order.
 */
export type Sink = (kind: number, value: unknown, el: ChatWidget) => void;

/** Reports bad page input (or a failed call) as a console error naming the API. */
export const fail = (api: string, error: unknown): void =>
  // The element's own messages start with its method name; the API's name replaces it.
  console.error(`${api}(): ${String((error as Error)?.message ?? error).replace(/^\w+\(\): /, '')}`);

/** Returns `value` when it is an object; otherwise throws, naming the argument. */
export function object(value: unknown, name: string): Config {
  if (!value || typeof value != 'object') throw name + ' must be an object';
  return value;
}

/** The widget a call is for: the one whose id is `id`, else the first in the document. */
const find = (id = ''): ChatWidget | null =>
  document.querySelector(id ? `chat-widget#${CSS.escape(id)}` : 'chat-widget');

/** The last queued call per target id: each call waits for the one before it. */
const queues: Record<string, Promise<ChatWidget>> = {};

/**
 * Runs `act` on the target once it exists, is defined and is ready (checked
 * again on every `chat-ready`), after every call made before it. An error is
 * reported as `api`'s and the returned promise resolves anyway, so the queue
 * keeps going.
 */
export function call<T>(api: string, act: (el: ChatWidget) => T, id = ''): Promise<T | void> {
  const ready = (): ChatWidget | Promise<ChatWidget> => {
    const el = find(id);
    return el?.ready
      ? el
      : new Promise((resolve) => document.addEventListener('chat-ready', resolve, {once: true})).then(ready);
  };
  return (queues[id] = Promise.resolve(queues[id]).then(ready)).then(act).catch((error) => fail(api, error));
}

/**
 * A member of a compatibility API, queued: runs on the ready target with the
 * page's arguments; a string names the element method to call with them.
 */
export type Member =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- page arguments of any shape
  ((el: ChatWidget, ...args: any[]) => unknown) | 'show' | 'close' | 'toggle' | 'sendMessage' | 'reset';

/**
 * A member that runs at once, given its API's name (`botpress.on`) and the
 * page's arguments; wrapped in an array to tell it from a queued one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- page arguments of any shape
export type Now = [(api: string, ...args: any[]) => unknown];

/** A global's members, nested objects for nested namespaces (`proactive`). */
export type Table = {[name: string]: Member | Now | Table};

/** The function a page calls for each member of `T`. */
export type Api<T> = {
  [K in keyof T]: T[K] extends [(api: string, ...args: infer A) => infer R]
    ? (...args: A) => R
    : T[K] extends Member
      ? // eslint-disable-next-line @typescript-eslint/no-explicit-any -- page arguments of any shape
        (...args: any[]) => Promise<unknown>
      : Api<T[K]>;
};

/**
 * Adds the members of `table` to `target` under `path`, nested tables
 * recursively, keeping any member the page already has: extends, never
 * clobbers. A queued member of `botpressWebChat` takes Botpress's `chatId` as
 * its second argument.
 */
export function build(target: Config, table: Table, path = ''): void {
  for (const name in table) {
    const member = table[name];
    const api = path + name;
    if (Array.isArray(member)) target[name] ??= (...args: unknown[]) => member[0](api, ...args);
    else if (typeof member == 'object') build((target[name] ??= {}), member, api + '.');
    else
      target[name] ??= (...args: unknown[]) =>
        call(
          api,
          (el) =>
            typeof member == 'string'
              ? (el[member] as (...args: unknown[]) => unknown)(...args)
              : member(el, ...args),
          path == 'botpressWebChat.' ? (args[1] as string) : ''
        );
  }
}

/** The widgets a shim created, by target id, so a second load finds them and destroy removes them. */
export const created: Record<string, ChatWidget> = {};

/** The flag `hideWidget` leaves on the element it configured. */
const launcherless = (el: ChatWidget) => el as ChatWidget & {hideWidget?: boolean};

/** Config keys for each attribute, the attribute's own name first, in the products' spellings. */
const attributes = [
  'bot-name title botName',
  'bot-avatar image avatar avatarUrl botAvatar',
  'description botDescription botConvoDescription',
  'placeholder composerPlaceholder',
  'position',
  'storage-key projectID botId',
].map((names) => names.split(' '));

/** Maps a Voiceflow or Botpress config onto the element's attributes; unknown keys are ignored. */
export function configure(el: ChatWidget, config?: Config): void {
  const c: Config = {...config, ...config?.verify, ...config?.assistant, ...config?.configuration};
  for (const names of attributes) {
    const value = names.map((name) => c[name]).find((v) => typeof v == 'string');
    if (value) el.setAttribute(names[0], value);
  }
  // 'localStorage' | 'sessionStorage' | 'memory' → local | session | memory; the element checks the result.
  const persistence = c.useSessionStorage ? 'session' : c.persistence?.replace?.('Storage', '');
  if (persistence) el.persistence = persistence;
  if (typeof c.color == 'string') el.style.setProperty('--chat-widget-accent', c.color);
  if (c.render?.mode) el.embedded = c.render.mode == 'embedded';
  // Botpress's hideWidget hides the launcher: the widget is hidden while closed, shown while open.
  if ('hideWidget' in c) el.hidden = (launcherless(el).hideWidget = !!c.hideWidget) && !el.open;
}

/**
 * `load`/`init`: the existing widget, else a new one appended to `where` (an
 * element or a selector), else to the body, once there is one, configured by
 * `config`, and `sink` subscribed to it under the API's name; resolves when it
 * is ready, after the calls before.
 */
export function start(api: string, config?: Config, where?: unknown, sink?: Sink, id = '') {
  const el = find(id) ?? (created[id] ??= document.createElement('chat-widget'));
  if (id) el.id = id;
  configure(el, config);
  if (!el.isConnected) {
    const append = () =>
      (
        (typeof where == 'string' ? document.querySelector(where) : (where as Element)) ?? document.body
      ).append(el);
    if (document.body) append();
    // DOMContentLoaded fires once.
    else addEventListener('DOMContentLoaded', append);
  }
  if (sink) listen(api + id, id, sink);
  return call(api, () => undefined, id);
}

/** Subscribers by key, with the id of the widget each hears; a second subscription under a key replaces the first. */
const sinks = new Map<unknown, [string, Sink]>();

/**
 * Subscribes `sink` to the widget with id `id` (the first widget when empty)
 * under `key`, replacing any sink there; returns the unsubscribe function. A
 * widget already ready reports loaded and ready to a new sink at once, so late
 * listeners still hear them (the same sink again hears nothing twice).
 */
export function listen(key: unknown, id: string, sink: Sink): () => void {
  const el = find(id);
  if (sinks.get(key)?.[1] != sink && el?.ready)
    queueMicrotask(() => [0, 1].map((kind) => sink(kind, el.session.id, el)));
  sinks.set(key, [id, sink]);
  return () => sinks.delete(key);
}

/**
 * A Botpress event subscription: calls `handler` on each moment whose name in
 * `names` is in `topics` (or on every one with '*'), with `{type, value, chatId}`
 * when `whole`, else the value.
 */
export function subscribe(
  api: string,
  names: string[],
  handler: unknown,
  topics: unknown,
  whole: boolean,
  key: unknown,
  id = ''
): (() => void) | void {
  if (!Array.isArray(topics)) return fail(api, 'topics must be an array');
  if (typeof handler != 'function') return (fail(api, 'handler must be a function'), () => undefined);
  return listen(key, id, (kind, value, el) => {
    const type = names[kind];
    if (type && (topics.includes(type) || topics.includes('*')))
      handler(whole ? {type, value, chatId: el.id} : value);
  });
}

/** Tells every subscriber of `el` (the widget its calls target) about a moment. */
export const tell = (kind: number, value: unknown, el: ChatWidget): void =>
  sinks.forEach(([id, sink]) => find(id) == el && sink(kind, value, el));

/** The element's events, at the moment each starts (a bot message is one further). */
const moments = 'chat-ready,,chat-open,chat-close,chat-message,,chat-event,chat-error'.split(',');

/** Turns one element event into moments; Botpress's message shape is built here, once. */
function hear(event: Event): void {
  const el = event.target as ChatWidget;
  // Only a ready widget reports (a page's own event of the same name, or a widget inside a shadow root, is not one).
  if (!el.ready) return;
  const detail = (event as CustomEvent).detail;
  const message = detail.message;
  const kind = moments.indexOf(event.type) + +(message?.author == 'bot');
  if (launcherless(el).hideWidget && (kind == 2 || kind == 3)) el.hidden = kind == 3;
  const value = message
    ? {
        id: message.id,
        conversationId: el.session.id,
        authorId: message.author,
        sentOn: new Date(message.timestamp),
        payload: message,
      }
    : kind > 5
      ? (detail.error ?? detail)
      : el.session.id;
  tell(kind, value, el);
  if (!kind) tell(1, value, el);
}

/** Listens to every widget's events on the document. Adding the same listener twice is a no-op. */
export const watchWidgets = (): void =>
  moments.forEach((type) => type && document.addEventListener(type, hear));
