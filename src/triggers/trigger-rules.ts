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

const UNITS: Record<string, number> = {ms: 1, s: 1e3, m: 6e4, h: 36e5};

const fail = (attribute: string, value: unknown, expected: string): never => {
  throw new Error(`${attribute} "${value}" is not ${expected}`);
};

/** Reads a number that `pattern` accepts, times its unit; absent gives `fallback`. */
const amount = (attribute: string, value: unknown, fallback: number, pattern: RegExp, expected: string) => {
  if (value == null) return fallback;
  const [, n, unit] = pattern.exec(String(value).trim()) ?? fail(attribute, value, expected);
  return +n! * (UNITS[unit!] ?? 1);
};

/** A duration: `500ms`, `3s`, `2m`, `1h`, or a bare number of ms; never negative. */
const duration = (attribute: string, value: unknown, fallback = 0) =>
  amount(attribute, value, fallback, /^(\d*\.?\d+)(ms|s|m|h)?$/, 'a duration like 3s');

const whole = (attribute: string, value: unknown, fallback: number) =>
  amount(attribute, value, fallback, /^0*([1-9]\d*)$/, 'a whole number from 1');

/** A flag is set when present, whatever its value (as HTML's boolean attributes). */
export const isSet = (flag: unknown) => flag != null && flag !== false;

/** Turns a `url` filter into a test of the page's location. */
function urlFilter(url: unknown): TriggerRule['url'] {
  if (url == null) return;
  if (url instanceof RegExp) {
    // A g or y RegExp remembers where it stopped, so it would match only every other time.
    if (url.global || url.sticky) fail('url', url, 'a RegExp without g or y');
    return (location) => url.test(location.href);
  }
  const glob = String(url);
  if (!/^([/*]|[a-z][\w+.*-]*:)\S*$/i.test(glob)) fail('url', url, 'a glob like /shop*');
  const pattern = new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return (location) => pattern.test(glob[0] == '/' ? location.pathname : location.href);
}

/** Checks a trigger. Throws an Error naming the attribute at fault and its value. */
export function toRule(init: TriggerInit, element?: Element): TriggerRule {
  const {on = 'load', selector} = init;
  if (!/^[a-z][\w.:-]*$/i.test(on)) fail('on', on, 'a moment or event name');
  if (selector != null) {
    try {
      document.createDocumentFragment().querySelector(selector);
    } catch {
      fail('selector', selector, 'a CSS selector');
    }
  }
  const messages = (init.messages == null ? [] : asList(init.messages)).map(toProactive);
  const key = init.id || [on, init.url, ...messages.map((m) => m.text)].join('|');
  // A stable id per message: firing again replaces the bubble instead of stacking a copy.
  messages.forEach((m, index) => (m.id = `trigger:${key}:${index}`));
  return {
    ...init,
    id: init.id ?? '',
    on,
    messages,
    element,
    key,
    url: urlFilter(init.url),
    delay: duration('delay', init.delay, on == 'idle' ? 3e4 : 0),
    count: whole('count', init.count, 1),
    depth: amount('depth', init.depth, 50, /^(100|\d?\d(\.\d+)?)%?$/, 'a percentage'),
    cooldown: duration('cooldown', init.cooldown),
    max: whole('max', init.max, Infinity),
  };
}
