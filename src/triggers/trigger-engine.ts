import {emit, reportError} from '../events/chat-events.js';
import type {MessageInput} from '../messages/message.js';
import type {PageEvent} from '../pipeline/event-pipeline.js';
import type {ProactiveApi} from '../proactive/proactive-queue.js';
import {storageName} from '../storage/storage-names.js';
import {isSet, toRule, type TriggerInit, type TriggerRule} from './trigger-rules.js';

/** What the engine needs of the widget; `<chat-widget>` is one. */
export interface TriggerHost extends EventTarget {
  readonly open: boolean;
  readonly hidden: boolean;
  readonly session: {readonly isNew: boolean};
  readonly storageKey: string;
  readonly proactive: Pick<ProactiveApi, 'push' | 'clear'>;
  show(): Promise<void>;
  sendEvent(event: PageEvent): Promise<void>;
}

/**
 * Where moments are heard, the location read and time told: the page's window,
 * or a stand-in for tests. The clock is its `setTimeout`, `clearTimeout` and `Date.now`.
 */
export type TriggerEnv = EventTarget &
  Pick<
    Window & typeof globalThis,
    | 'setTimeout'
    | 'clearTimeout'
    | 'Date'
    | 'location'
    | 'history'
    | 'document'
    | 'scrollY'
    | 'innerHeight'
    | 'localStorage'
    | 'sessionStorage'
    | 'matchMedia'
  > & {navigation?: EventTarget};

/** One trigger handed to the engine. */
export interface TriggerSource {
  /**
   * What identifies it across updates: a `<chat-trigger>`'s parsed content, a
   * JS trigger's object. A trigger whose version is unchanged runs on undisturbed.
   */
  version: unknown;
  /** Names it in errors: `<chat-trigger id="promo">`, `triggers[0]`. */
  name: string;
  init: TriggerInit;
  /** The `<chat-trigger>` it was read from. */
  element?: Element;
}

/** How often a trigger has fired, and when it last did (ms since the epoch). */
export interface Firings {
  count: number;
  last: number;
}

/** Firings by trigger key (`TriggerRule.key`): null-prototype, as the keys are the page's trigger ids. */
type FiringsByKey = Record<string, Firings>;

/** The undo functions of what was set up (listeners, timers); `run()` undoes them all. */
class Teardown {
  #undos: Array<() => void> = [];

  /** Whether anything is set up. */
  get active(): boolean {
    return this.#undos.length > 0;
  }

  add(undo: () => void): void {
    this.#undos.push(undo);
  }

  /** Listens in the capture phase, so events that do not bubble, or that the page stops, still count. */
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void {
    target.addEventListener(type, listener, true);
    this.add(() => target.removeEventListener(type, listener, true));
  }

  run(): void {
    for (const undo of this.#undos.splice(0)) undo();
  }
}

/** A trigger the engine knows: its rule when it is valid, and what undoes it while armed. */
interface KnownTrigger {
  rule?: TriggerRule;
  armed: Teardown;
}

/** Our wrapper of a History's pushState or replaceState: whom it tells, and what it wraps. */
type HistoryWrapper = History['pushState'] & {listeners: Set<() => void>; original: History['pushState']};

/**
 * Calls `listener` after each pushState and replaceState until `teardown` runs.
 * One wrapper serves every engine, and is removed when the last one stops.
 */
function watchHistory(teardown: Teardown, history: History, listener: () => void): void {
  for (const method of ['pushState', 'replaceState'] as const) {
    const current = history[method] as HistoryWrapper;
    let wrapper: HistoryWrapper;
    if (current.listeners) {
      wrapper = current;
    } else {
      const original = current;
      const listeners = new Set<() => void>();
      const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
        original.apply(this, args);
        for (const notify of listeners) notify();
      };
      wrapper = Object.assign(wrapped, {listeners, original});
      history[method] = wrapper;
    }
    wrapper.listeners.add(listener);
    teardown.add(() => {
      wrapper.listeners.delete(listener);
      // Not unwrapped when someone wrapped it after us: our wrapper then stays, calling no one.
      if (!wrapper.listeners.size && history[method] === wrapper) history[method] = wrapper.original;
    });
  }
}

/** Where firings are counted: per visitor in localStorage, per browser session in sessionStorage. */
const scopes = {visitor: 'localStorage', session: 'sessionStorage'} as const;
type Scope = keyof typeof scopes;

/** Whether `value` is a count of firings as stored: a whole number of 0 or more. */
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Reads a stored entry; entries stored as `[count, last]` by earlier versions
 * are read too. Anything else (storage is the page's to write) reads as no
 * firings, so a corrupt entry never stops the trigger.
 */
function toFirings(stored: unknown): Firings | undefined {
  const [count, last] = Array.isArray(stored)
    ? [Number(stored[0]) || 0, Number(stored[1]) || 0]
    : stored && typeof stored === 'object'
      ? [(stored as Firings).count, (stored as Firings).last]
      : [];
  return isCount(count) && Number.isFinite(last) ? {count, last: last as number} : undefined;
}

/**
 * The firings of every trigger of a widget, in Web Storage under
 * `storageName(<storage key>, 'triggers')`. A scope whose storage throws (private
 * mode, quota, blocked) is kept in memory from then on, so that a failure never
 * makes a trigger fire again.
 */
class FiringLog {
  readonly #host: TriggerHost;
  readonly #env: TriggerEnv;
  /** Firings kept here once storage failed, by scope and storage key. */
  readonly #inMemory = new Map<string, FiringsByKey>();

  constructor(host: TriggerHost, env: TriggerEnv) {
    this.#host = host;
    this.#env = env;
  }

  /** The firings so far in `scope`. */
  read(scope: Scope): FiringsByKey {
    const name = this.#storageName();
    const kept = this.#inMemory.get(`${scope} ${name}`);
    if (kept) return kept;
    try {
      const stored: unknown = JSON.parse(this.#env[scopes[scope]].getItem(name)!);
      const firings: FiringsByKey = Object.create(null);
      // Only an object of entries is read; a string, a number or an array is no firings at all.
      if (stored && typeof stored === 'object' && !Array.isArray(stored))
        for (const [key, entry] of Object.entries(stored)) {
          const read = toFirings(entry);
          if (read) firings[key] = read;
        }
      return firings;
    } catch {
      return this.#keepInMemory(scope, Object.create(null));
    }
  }

  /** Replaces the firings in `scope`. */
  write(scope: Scope, firings: FiringsByKey): void {
    const name = this.#storageName();
    if (this.#inMemory.has(`${scope} ${name}`)) {
      this.#keepInMemory(scope, firings);
      return;
    }
    try {
      this.#env[scopes[scope]].setItem(name, JSON.stringify(firings));
    } catch {
      this.#keepInMemory(scope, firings);
    }
  }

  #keepInMemory(scope: Scope, firings: FiringsByKey): FiringsByKey {
    this.#inMemory.set(`${scope} ${this.#storageName()}`, firings);
    return firings;
  }

  #storageName(): string {
    return storageName(this.#host.storageKey, 'triggers');
  }
}

/** The DOM events that show the visitor is not idle. */
const activityEvents = ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel'];
/** Exit intent on touch screens: a scroll up of this many pixels… */
const fastScrollUpDistance = 200;
/** …within this many milliseconds. */
const fastScrollUpTime = 500;

/**
 * Runs proactive triggers. Each is armed while its `url` filter holds: it
 * listens for its moment, waits its delay, then fires if the widget's state
 * and the frequency rules allow: `chat-trigger-fire` (cancelable), then its
 * actions. Plain TypeScript: the host and the environment are injected.
 */
export class TriggerEngine {
  readonly #host: TriggerHost;
  readonly #env: TriggerEnv;
  readonly #firings: FiringLog;
  /** The triggers by version. */
  #known = new Map<unknown, KnownTrigger>();
  /** The navigation listeners, set up while the engine runs. */
  readonly #navigation = new Teardown();

  constructor(host: TriggerHost, env: TriggerEnv = window) {
    this.#host = host;
    this.#env = env;
    this.#firings = new FiringLog(host, env);
  }

  /** Replaces the triggers. One whose version is unchanged runs on undisturbed. */
  update(sources: readonly TriggerSource[]): void {
    const previous = this.#known;
    this.#known = new Map();
    for (const {version, name, init, element} of sources) {
      if (this.#known.has(version)) continue;
      const known = previous.get(version) ?? this.#check(name, init, element);
      previous.delete(version);
      this.#known.set(version, known);
    }
    for (const gone of previous.values()) gone.armed.run();
    if (!this.#navigation.active) {
      const recheck = () => this.#armWhereUrlHolds();
      // A fragment navigation fires popstate too. Without the Navigation API, the window hears no currententrychange.
      this.#navigation.listen(this.#env, 'popstate', recheck);
      this.#navigation.listen(this.#env.navigation ?? this.#env, 'currententrychange', recheck);
      watchHistory(this.#navigation, this.#env.history, recheck);
    }
    this.#armWhereUrlHolds();
  }

  /** Fires the trigger with this id now, skipping its moment, delay and url; returns whether it acted. */
  fire(id: string): boolean {
    for (const {rule} of this.#known.values()) if (rule?.id === id) return this.#fire(rule, 'api');
    return false;
  }

  /** Removes every trigger, listener and timer. */
  stop(): void {
    this.#navigation.run();
    for (const known of this.#known.values()) known.armed.run();
    this.#known.clear();
  }

  /** A new trigger: its rule, or no rule and a `chat-error` naming the trigger when it is not valid. */
  #check(name: string, init: TriggerInit, element?: Element): KnownTrigger {
    try {
      return {rule: toRule(init, element), armed: new Teardown()};
    } catch (error) {
      reportError(this.#host, 'trigger', new Error(`${name}: ${(error as Error).message}`));
      return {armed: new Teardown()};
    }
  }

  /** Arms the triggers whose url filter holds now (a rule without one always holds); disarms the others. */
  #armWhereUrlHolds(): void {
    for (const {rule, armed} of this.#known.values()) {
      const holds = rule !== undefined && (rule.url?.(this.#env.location) ?? true);
      if (!holds) armed.run();
      else if (!armed.active) this.#arm(rule, armed);
    }
  }

  /** Listens for the rule's moment until `armed` runs. */
  #arm(rule: TriggerRule, armed: Teardown): void {
    const env = this.#env;
    let timer: number | undefined;
    // The rule stopped holding: a pending firing is cancelled.
    const cancel = () => env.clearTimeout(timer);
    // The moment came: fire after the delay. It coming again restarts the wait, which is what idle is.
    const moment = () => {
      cancel();
      timer = env.setTimeout(() => this.#fire(rule, rule.on), rule.delay);
    };
    armed.add(cancel);
    switch (rule.on) {
      case 'load':
        moment();
        break;
      case 'idle':
        // Idle time starts counting now, as time on page does; input starts it again.
        for (const type of activityEvents) armed.listen(env, type, moment);
        moment();
        break;
      case 'scroll':
        this.#armScroll(rule, armed, moment, cancel);
        break;
      case 'exit-intent':
        this.#armExitIntent(armed, moment);
        break;
      default:
        this.#armDomEvent(rule, armed, moment);
    }
  }

  /** Going past the depth starts the wait; scrolling on below it does not restart it, going back up cancels it. */
  #armScroll(rule: TriggerRule, armed: Teardown, moment: () => void, cancel: () => void): void {
    const env = this.#env;
    let wasPast = false;
    const measure = () => {
      const room = env.document.documentElement.scrollHeight - env.innerHeight;
      const isPast = room > 0 && (env.scrollY / room) * 100 >= rule.depth;
      if (!isPast) cancel();
      else if (!wasPast) moment();
      wasPast = isPast;
    };
    armed.listen(env, 'scroll', measure);
    measure();
  }

  /** Desktop: the pointer leaves the page through its top edge. Touch: a fast scroll up, or the page being hidden. */
  #armExitIntent(armed: Teardown, moment: () => void): void {
    const env = this.#env;
    if (!env.matchMedia('(pointer: coarse)').matches) {
      armed.listen(env, 'mouseout', (event) => {
        const {relatedTarget, clientY} = event as MouseEvent;
        if (!relatedTarget && clientY <= 0) moment();
      });
      return;
    }
    let fromY = env.scrollY;
    let fromTime = env.Date.now();
    armed.listen(env, 'scroll', () => {
      const y = env.scrollY;
      const time = env.Date.now();
      if (y > fromY || time - fromTime > fastScrollUpTime) {
        fromY = y;
        fromTime = time;
      } else if (fromY - y >= fastScrollUpDistance) {
        fromY = y;
        moment();
      }
    });
    armed.listen(env, 'visibilitychange', () => {
      if (env.document.visibilityState === 'hidden') moment();
    });
  }

  /** Any other moment is a DOM event name: every `count`th one on (or inside) an element matching `selector`. */
  #armDomEvent(rule: TriggerRule, armed: Teardown, moment: () => void): void {
    let seen = 0;
    armed.listen(this.#env, rule.on, (event) => {
      if (rule.selector && !(event.target as Element).closest?.(rule.selector)) return;
      seen++;
      if (seen % rule.count === 0) moment();
    });
  }

  /** Whether the widget's state and the frequency rules let the rule fire now. */
  #allows(
    rule: TriggerRule,
    visitor: Firings | undefined,
    session: Firings | undefined,
    now: number
  ): boolean {
    const host = this.#host;
    const count = visitor?.count ?? 0;
    if (host.hidden) return false;
    if (host.open && !isSet(rule.whileOpen)) return false;
    if (isSet(rule.newSessionOnly) && !host.session.isNew) return false;
    if (isSet(rule.once) && count > 0) return false;
    if (count >= rule.max) return false;
    if (visitor && now - visitor.last < rule.cooldown) return false;
    if (isSet(rule.oncePerSession) && session) return false;
    return true;
  }

  /** Fires if the widget's state, the frequency rules and the page (`chat-trigger-fire`) allow; returns whether it acted. */
  #fire(rule: TriggerRule, reason: string): boolean {
    const host = this.#host;
    const now = this.#env.Date.now();
    const visitor = this.#firings.read('visitor');
    const session = this.#firings.read('session');
    const firedBefore = visitor[rule.key];
    if (!this.#allows(rule, firedBefore, session[rule.key], now)) return false;
    if (!emit(host, 'chat-trigger-fire', {trigger: rule, reason}, true)) return false;
    const firings = {count: (firedBefore?.count ?? 0) + 1, last: now};
    this.#firings.write('visitor', Object.assign(visitor, {[rule.key]: firings}));
    this.#firings.write('session', Object.assign(session, {[rule.key]: firings}));
    if (isSet(rule.clear)) host.proactive.clear();
    if (rule.messages.length) host.proactive.push(...(rule.messages as MessageInput[]));
    if (isSet(rule.open)) void host.show();
    if (rule.sendEvent) {
      void host.sendEvent({
        type: rule.sendEvent,
        channel: 'web',
        payload: {trigger: rule.id, reason, text: rule.messages[0]?.text},
      });
    }
    return true;
  }
}
