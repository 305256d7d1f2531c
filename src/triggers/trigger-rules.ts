import {asList, type MessageInput} from '../messages/message.js';
import {toProactive, type ProactiveMessage} from '../proactive/proactive-queue.js';

/**
 * A proactive trigger as a page writes it: an entry of `el.triggers`, or the
 * attributes of a `<chat-trigger>` (camelCased; a flag is set when present).
 * Durations are `500ms`, `3s`, `2m`, `1h`, or a number of milliseconds.
 */
export interface TriggerInit {
  /** Names the trigger for `fireTrigger(id)`, and in storage (for `once`, `max`, `cooldown`). */
  id?: string;
  /** The moment: `load` (default), `exit-intent`, `idle`, `scroll`, or any DOM event name. */
  on?: string;
  /** How long to wait after the moment; for `idle`, how long the visitor stays idle (default 30s). */
  delay?: string | number;
  /** For DOM events: only events on (or inside) an element matching this selector count. */
  selector?: string;
  /** For DOM events: fire on every `count`th matching event (default 1). */
  count?: string | number;
  /** For `scroll`: how far down, in percent of the page's scrollable height (default 50). */
  depth?: string | number;
  /**
   * A glob (`*` matches anything), tested against the path when it starts with
   * `/`, else against the whole URL; or a RegExp, tested against the whole URL.
   */
  url?: string | RegExp;
  /** At most once per visitor (remembered in localStorage). */
  once?: boolean | string;
  /** At most once per browser session (remembered in sessionStorage). */
  oncePerSession?: boolean | string;
  /** The least time between two firings, across page loads. */
  cooldown?: string | number;
  /** At most this many firings per visitor. */
  max?: string | number;
  /** Only in a new session, with no conversation yet (Botpress's "only new visitors"). */
  newSessionOnly?: boolean | string;
  /** Also while the chat is open. */
  whileOpen?: boolean | string;
  /** Clear the proactive stack before pushing. */
  clear?: boolean | string;
  /** Open the chat. */
  open?: boolean | string;
  /** Send an event of this type through the pipeline, such as Botpress's `proactive-trigger`. */
  sendEvent?: string;
  /** What to push: one message or several. */
  messages?: MessageInput | readonly MessageInput[];
}

/** A checked trigger, as the engine runs it and `chat-trigger-fire` reports it. */
export interface TriggerRule extends Omit<TriggerInit, 'url' | 'messages'> {
  /** The trigger's `id`, or '' when it has none. */
  id: string;
  on: string;
  messages: readonly ProactiveMessage[];
  /** The `<chat-trigger>` it was read from; absent for a trigger set from JS. */
  element?: Element;
  /** Where its firings are counted in storage: its id, or what it says. */
  key: string;
  /** Milliseconds. */
  delay: number;
  count: number;
  depth: number;
  cooldown: number;
  max: number;
  /** Whether the page's location passes the `url` filter. */
  url?: (location: Location) => boolean;
}

/** Throws the error for a bad value: the attribute and the value tell what is wrong. */
function fail(attribute: string, value: unknown): never {
  throw new Error(`${attribute} "${value}" is not valid`);
}

/** Milliseconds per duration unit; a bare number is milliseconds. */
const millisecondsPer = {ms: 1, s: 1000, m: 60_000, h: 3_600_000} as const;

/** A duration: `500ms`, `3s`, `2m`, `1h`, or a number of milliseconds; `fallback` when absent. */
function duration(attribute: string, value: unknown, fallback: number): number {
  if (value == null) return fallback;
  const match = /^(\d*\.?\d+)(ms|s|m|h)?$/.exec(String(value).trim());
  if (!match) return fail(attribute, value);
  const unit = (match[2] ?? 'ms') as keyof typeof millisecondsPer;
  return Number(match[1]) * millisecondsPer[unit];
}

/** A whole number from 1 up; `fallback` when absent. */
function wholeNumber(attribute: string, value: unknown, fallback: number): number {
  if (value == null) return fallback;
  const match = /^0*([1-9]\d*)$/.exec(String(value).trim());
  return match ? Number(match[1]) : fail(attribute, value);
}

/** A percentage from 0 to 100, with or without `%`; `fallback` when absent. */
function percentage(attribute: string, value: unknown, fallback: number): number {
  if (value == null) return fallback;
  const match = /^(100|\d?\d(\.\d+)?)%?$/.exec(String(value).trim());
  return match ? Number(match[1]) : fail(attribute, value);
}

/** A flag is set when present, whatever its value (as HTML's boolean attributes). */
export const isSet = (flag: unknown) => flag != null && flag !== false;

/** Turns a `url` filter into a test of the page's location. */
function urlFilter(url: unknown): TriggerRule['url'] {
  if (url == null) return;
  const glob = String(url);
  const isRegExp = url instanceof RegExp;
  // A g or y RegExp remembers where it stopped, so it would match only every other time.
  if (isRegExp ? url.global || url.sticky : !/^([/*]|[a-z][\w+.*-]*:)\S*$/i.test(glob)) fail('url', url);
  // In a glob, every other character is taken literally: escaped, as any non-word character may be.
  const pattern = isRegExp ? url : new RegExp(`^${glob.replace(/\W/g, '\\$&').replaceAll('\\*', '.*')}$`);
  const path = !isRegExp && glob[0] === '/';
  return (location) => pattern.test(path ? location.pathname : location.href);
}

/** Checks a trigger. Throws an Error naming the attribute at fault and its value. */
export function toRule(init: TriggerInit, element?: Element): TriggerRule {
  const {on = 'load', selector} = init;
  if (!/^[a-z][\w.:-]*$/i.test(on)) fail('on', on);
  if (selector != null) {
    try {
      document.querySelector(selector);
    } catch {
      fail('selector', selector);
    }
  }
  const messages = asList(init.messages ?? []).map(toProactive);
  const key = init.id || [on, init.url, ...messages.map((m) => m.text)].join('|');
  // A stable id per message: firing again replaces the bubble instead of stacking a copy.
  messages.forEach((message, index) => {
    message.id = `trigger:${key}:${index}`;
  });
  return {
    ...init,
    id: init.id ?? '',
    on,
    messages,
    element,
    key,
    url: urlFilter(init.url),
    delay: duration('delay', init.delay, on === 'idle' ? 30_000 : 0),
    cooldown: duration('cooldown', init.cooldown, 0),
    count: wholeNumber('count', init.count, 1),
    max: wholeNumber('max', init.max, Infinity),
    depth: percentage('depth', init.depth, 50),
  };
}
