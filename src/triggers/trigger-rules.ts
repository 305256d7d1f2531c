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

/** Throws the error for a bad value: the attribute and the value tell what is wrong. */
const fail = (attribute: string, value: unknown): never => {
  throw new Error(`${attribute} "${value}" is not valid`);
};

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
  const path = !isRegExp && glob[0] == '/';
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
  messages.forEach((m, index) => (m.id = `trigger:${key}:${index}`));
  const rule = {
    ...init,
    id: init.id ?? '',
    on,
    messages,
    element,
    key,
    url: urlFilter(init.url),
  } as TriggerRule;
  // Each number: its default, and how to read it (a number, then its unit): a duration (3s, 500ms, or
  // a bare number of ms), a whole number from 1, or a percentage.
  for (const [attribute, fallback, pattern] of [
    ['delay', on == 'idle' ? 3e4 : 0, /^(\d*\.?\d+)(ms|s|m|h)?$/],
    ['cooldown', 0, /^(\d*\.?\d+)(ms|s|m|h)?$/],
    ['count', 1, /^0*([1-9]\d*)$/],
    ['max', Infinity, /^0*([1-9]\d*)$/],
    ['depth', 50, /^(100|\d?\d(\.\d+)?)%?$/],
  ] as const) {
    const value = init[attribute];
    // Absent, it is the default, as if read without a unit.
    const [, n, unit] =
      value == null ? [0, fallback] : (pattern.exec(String(value).trim()) ?? fail(attribute, value));
    rule[attribute] = +n! * (UNITS[unit!] ?? 1);
  }
  return rule;
}
