import {emit, reportError} from '../events/chat-events.js';
import type {MessageInput} from '../messages/message.js';
import type {PageEvent} from '../pipeline/event-pipeline.js';
import type {ProactiveApi} from '../proactive/proactive-queue.js';
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

/**
 * One trigger handed to the engine. `version` is what identifies it across
 * updates: a `<chat-trigger>`'s markup, a JS trigger's object. `name` names it in errors.
 */
export type TriggerSource = readonly [version: unknown, name: string, init: TriggerInit, element?: Element];

type Off = Array<() => void>;

/** A trigger the engine knows: its rule when valid, and `off` while armed. */
interface Entry {
  rule?: TriggerRule;
  off?: Off;
}

/** Listens in the capture phase, so events that do not bubble, or that the page stops, still count. */
const listen = (off: Off, target: EventTarget, type: string, fn: (event: Event) => void) => {
  target.addEventListener(type, fn, true);
  off.push(() => target.removeEventListener(type, fn, true));
};

const disarm = (entry: Entry) => {
  entry.off?.forEach((f) => f());
  entry.off = undefined;
};

/** Who hears each History's pushState and replaceState; it is wrapped only while someone does. */
const watched = new Map<History, Set<() => void> & {undo?: () => void}>();

/** Calls `fn` after each pushState and replaceState; returns the way back. */
function watchHistory(history: History, fn: () => void): () => void {
  let fns = watched.get(history);
  if (!fns) {
    const all: Set<() => void> & {undo?: () => void} = (fns = new Set());
    watched.set(history, all);
    const undo = (['pushState', 'replaceState'] as const).map((method) => {
      const original = history[method];
      const wrapper = (history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        original.apply(this, args);
        all.forEach((f) => f());
      });
      // Not unwrapped when someone wrapped it after us: our wrapper then stays, calling no one.
      return () => history[method] == wrapper && (history[method] = original);
    });
    all.undo = () => undo.forEach((f) => f());
  }
  fns.add(fn);
  return () => {
    fns.delete(fn);
    if (!fns.size) {
      watched.delete(history);
      fns.undo!();
    }
  };
}

/**
 * Runs proactive triggers. Each is armed while its `url` filter holds: it
 * listens for its moment, waits its delay, then fires if the widget's state
 * and the frequency rules allow: `chat-trigger-fire` (cancelable), then its
 * actions. Plain TypeScript: the host and the environment are injected.
 */
export class TriggerEngine {
  #host: TriggerHost;
  #env: TriggerEnv;
  #entries = new Map<unknown, Entry>();
  #nav?: Off;
  /** Counts kept here once storage throws. */
  #memory: Record<string, Record<string, number[]>> = {};

  constructor(host: TriggerHost, env: TriggerEnv = window) {
    this.#host = host;
    this.#env = env;
  }

  /** Replaces the triggers. One whose version is unchanged runs on undisturbed. */
  update(sources: readonly TriggerSource[]): void {
    const env = this.#env;
    const old = this.#entries;
    const entries = (this.#entries = new Map());
    for (const [version, name, init, element] of sources) {
      let entry = old.get(version);
      old.delete(version);
      if (!entry && !entries.has(version)) {
        entry = {};
        try {
          entry.rule = toRule(init, element);
        } catch (error) {
          reportError(this.#host, 'trigger', new Error(`${name}: ${(error as Error).message}`));
        }
      }
      if (entry) entries.set(version, entry);
    }
    old.forEach(disarm);
    if (!this.#nav) {
      const off: Off = (this.#nav = []);
      const check = () => this.#check();
      listen(off, env, 'popstate', check);
      listen(off, env, 'hashchange', check);
      if (env.navigation) listen(off, env.navigation, 'currententrychange', check);
      off.push(watchHistory(env.history, check));
    }
    this.#check();
  }

  /** Fires the trigger with this id now, skipping its moment, delay and url; returns whether it acted. */
  fire(id: string): boolean {
    for (const {rule} of this.#entries.values()) if (rule?.id === id) return this.#fire(rule, 'api');
    return false;
  }

  /** Removes every trigger, listener and timer. */
  stop(): void {
    this.#nav?.forEach((f) => f());
    this.#nav = undefined;
    this.#entries.forEach(disarm);
    this.#entries.clear();
  }

  /** Arms the triggers whose url filter holds now; disarms the others. */
  #check(): void {
    for (const entry of this.#entries.values()) {
      const rule = entry.rule;
      if (!rule || (rule.url && !rule.url(this.#env.location))) disarm(entry);
      else if (!entry.off) this.#arm(rule, (entry.off = []));
    }
  }

  #arm(rule: TriggerRule, off: Off): void {
    const env = this.#env;
    const on = (type: string, fn: (event: Event) => void) => listen(off, env, type, fn);
    let timer: number | undefined;
    let seen = 0;
    // The moment came: fire after the delay. It coming again restarts the wait, which is what idle is.
    const hit = () => {
      miss();
      timer = env.setTimeout(() => this.#fire(rule, rule.on), rule.delay);
    };
    // The rule stopped holding: a pending firing is cancelled.
    const miss = () => env.clearTimeout(timer);
    off.push(miss);
    switch (rule.on) {
      case 'idle':
      case 'load':
        // Idle time starts counting now, as time on page does; input starts it again.
        if (rule.on == 'idle')
          for (const type of ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel']) on(type, hit);
        return hit();
      case 'scroll': {
        let past = false;
        const measure = () => {
          const room = env.document.documentElement.scrollHeight - env.innerHeight;
          const now = room > 0 && (env.scrollY / room) * 100 >= rule.depth;
          if (now == past) return;
          past = now;
          if (now) hit();
          else miss();
        };
        on('scroll', measure);
        return measure();
      }
      case 'exit-intent': {
        if (!env.matchMedia('(pointer: coarse)').matches) {
          // Desktop: the pointer leaves the page through its top edge.
          return on(
            'mouseout',
            (e) => !(e as MouseEvent).relatedTarget && (e as MouseEvent).clientY <= 0 && hit()
          );
        }
        // Touch: a fast scroll up (200px within half a second), or the page being hidden.
        let fromY = env.scrollY;
        let from = env.Date.now();
        on('scroll', () => {
          const y = env.scrollY;
          const now = env.Date.now();
          if (y > fromY || now - from > 500) [fromY, from] = [y, now];
          else if (fromY - y >= 200) {
            fromY = y;
            hit();
          }
        });
        return on('visibilitychange', () => env.document.visibilityState == 'hidden' && hit());
      }
      default:
        on(rule.on, (e) => {
          if (rule.selector && !(e.target as Element).closest?.(rule.selector)) return;
          if (++seen % rule.count == 0) hit();
        });
    }
  }

  /** Fires if the widget's state and the frequency rules allow; returns whether it acted. */
  #fire(rule: TriggerRule, reason: string): boolean {
    const host = this.#host;
    const now = this.#env.Date.now();
    const visitor = this.#counts(0);
    const session = this.#counts(1);
    const key = rule.key;
    const [fired = 0, last = -Infinity] = visitor[key] ?? [];
    if (
      host.hidden ||
      (host.open && !isSet(rule.whileOpen)) ||
      (isSet(rule.newSessionOnly) && !host.session.isNew) ||
      (isSet(rule.once) && fired) ||
      fired >= rule.max ||
      now - last < rule.cooldown ||
      (isSet(rule.oncePerSession) && session[key]) ||
      !emit(host, 'chat-trigger-fire', {trigger: rule, reason}, true)
    )
      return false;
    visitor[key] = session[key] = [fired + 1, now];
    this.#counts(0, visitor);
    this.#counts(1, session);
    if (isSet(rule.clear)) host.proactive.clear();
    if (rule.messages.length) host.proactive.push(...(rule.messages as MessageInput[]));
    if (isSet(rule.open)) void host.show();
    if (rule.sendEvent) {
      const payload = {trigger: rule.id, reason, text: rule.messages[0]?.text};
      void host.sendEvent({type: rule.sendEvent, channel: 'web', payload});
    }
    return true;
  }

  /**
   * Reads (or, given `counts`, writes) the firings so far by trigger key,
   * `[count, last time]`: per visitor (0, localStorage) or per session (1, sessionStorage).
   */
  #counts(scope: 0 | 1, counts?: Record<string, number[]>): Record<string, number[]> {
    const storageKey = `chat-widget:${this.#host.storageKey}:triggers`;
    const memoryKey = scope + storageKey;
    try {
      const storage = this.#env[scope ? 'sessionStorage' : 'localStorage'];
      if (counts) storage.setItem(storageKey, JSON.stringify(counts));
      else return this.#memory[memoryKey] ?? JSON.parse(storage.getItem(storageKey)!) ?? {};
    } catch {
      // Storage that throws (private mode, quota, blocked) must not make a trigger fire again.
      this.#memory[memoryKey] = counts ?? {};
    }
    return this.#memory[memoryKey]!;
  }
}
