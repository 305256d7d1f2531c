// What the three compatibility globals share: finding the <chat-widget> a call
// is for, queueing calls until it is ready, creating it from a product's config,
// and turning the element's DOM events into the moments the products report.
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

/** Returns `value` when it is an object; otherwise throws a TypeError naming the argument. */
export function object(value: unknown, name: string): Config {
  if (!value || typeof value != 'object') throw new TypeError(name + ' must be an object');
  return value;
}

/** The widget a call is for: the one whose id is `id`, else the first in the document. */
export const find = (id = ''): ChatWidget | null =>
  document.querySelector(id ? `chat-widget#${CSS.escape(id)}` : 'chat-widget');

/** The target once it exists, is defined and is ready: checked again on every `chat-ready`. */
const ready = (id: string): ChatWidget | Promise<ChatWidget> => {
  const el = find(id);
  return el?.ready
    ? el
    : new Promise((resolve) => document.addEventListener('chat-ready', resolve, {once: true})).then(() =>
        ready(id)
      );
};

/** The last queued call per target id: each call waits for the one before it. */
const queues: Record<string, Promise<ChatWidget>> = {};

/**
 * Runs `act` on the target once it is ready, after every call made before it.
 * An error is reported as `api`'s and the returned promise resolves anyway, so
 * the queue keeps going.
 */
export function call<T>(api: string, act: (el: ChatWidget) => T, id = ''): Promise<T | void> {
  const turn = (queues[id] = Promise.resolve(queues[id]).then(() => ready(id)));
  return turn.then(act).catch((error) => fail(api, error));
}

/**
 * A member of a compatibility API: runs on the ready target with the page's
 * arguments; a string names the element method to call with them.
 */
export type Member =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- page arguments of any shape
  ((el: ChatWidget, ...args: any[]) => unknown) | 'show' | 'close' | 'toggle' | 'sendMessage' | 'reset';

/**
 * Makes an API's queued members from a table: `name(...args)` runs
 * `table[name](el, ...args)` on the ready target. With `byId`, the second
 * argument is Botpress's `chatId`.
 */
export function members<K extends string>(api: string, table: Record<K, Member>, byId?: boolean) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- page arguments of any shape
  const out = {} as Record<K, (...args: any[]) => Promise<unknown>>;
  for (const name in table) {
    const member: Member = table[name];
    out[name] = (...args) =>
      call(
        api + name,
        (el) =>
          typeof member == 'string'
            ? (el[member] as (...args: unknown[]) => unknown)(...args)
            : member(el, ...args),
        byId ? (args[1] as string) : ''
      );
  }
  return out;
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
 * The target for `load`/`init`: the existing widget, else a new one appended to
 * `where` (an element or a selector), else to the body, once there is one.
 */
function mount(config: Config | undefined, where?: unknown, id = ''): ChatWidget {
  const el = find(id) ?? (created[id] ??= document.createElement('chat-widget'));
  if (id) el.id = id;
  configure(el, config);
  if (!el.isConnected) {
    const append = () =>
      (
        (typeof where == 'string' ? document.querySelector(where) : (where as Element)) ?? document.body
      ).append(el);
    if (document.body) append();
    else addEventListener('DOMContentLoaded', append, {once: true});
  }
  return el;
}

/** `load`/`init`: mounts the widget for `config`; resolves when it is ready, after the calls before. */
export const start = (api: string, config?: Config, where?: unknown, id = '') => (
  mount(config, where, id),
  call(api, () => undefined, id)
);

/** Subscribers by key; a second subscription under a key replaces the first. */
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
 * `names` is `wanted`, with `{type, value, chatId}` when `whole`, else the value.
 */
export function subscribe(
  api: string,
  names: string[],
  handler: unknown,
  wanted: (type: string) => unknown,
  whole: boolean,
  key: unknown,
  id = ''
): () => void {
  if (typeof handler != 'function') return (fail(api, 'handler must be a function'), () => undefined);
  return listen(key, id, (kind, value, el) => {
    const type = names[kind];
    if (type && wanted(type)) handler(whole ? {type, value, chatId: el.id} : value);
  });
}

/** Tells every subscriber of `el` about a moment. */
export function tell(kind: number, value: unknown, el: ChatWidget): void {
  for (const [id, sink] of sinks.values()) if (id ? el.id == id : el == find()) sink(kind, value, el);
}

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

/** Adds each member of `source` that `target` lacks, object members recursively: extends, never clobbers. */
export function extend(target: Config, source: Config): void {
  for (const key in source) {
    if (typeof source[key] == 'object') extend((target[key] ??= {}), source[key]);
    else target[key] ??= source[key];
  }
}
