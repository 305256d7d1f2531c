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

/** A trigger the engine knows: its rule when valid, and the way back while armed. */
type Entry = Off & {rule?: TriggerRule};

/** Firings so far by trigger key: `[count, last time]`. */
type Counts = Record<string, number[]>;

/** Listens in the capture phase, so events that do not bubble, or that the page stops, still count. */
const listen = (off: Off, target: EventTarget, type: string, fn: (event: Event) => void) => {
  target.addEventListener(type, fn, true);
  off.push(() => target.removeEventListener(type, fn, true));
};

const disarm = (off: Off) => off.splice(0).forEach((f) => f());

/** Our wrapper of a History's pushState or replaceState: who hears it, and what it wraps. */
type Wrapper = History['pushState'] & {fns: Set<() => void>; original: History['pushState']};

/**
 * Calls `fn` after each pushState and replaceState, keeping the way back in
 * `off`. One wrapper serves every engine, and is removed when the last one stops.
 */
function watchHistory(off: Off, history: History, fn: () => void) {
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method] as Wrapper;
    const wrapper: Wrapper = original.fns
      ? original
      : (history[method] = Object.assign(
          function (this: History, ...args: Parameters<History['pushState']>) {
            original.apply(this, args);
            wrapper.fns.forEach((f) => f());
          },
          {fns: new Set<() => void>(), original}
        ));
    wrapper.fns.add(fn);
    off.push(() => {
      wrapper.fns.delete(fn);
      // Not unwrapped when someone wrapped it after us: our wrapper then stays, calling no one.
      if (!wrapper.fns.size && history[method] == wrapper) history[method] = wrapper.original;
    });
  }
}

/**
 * Runs proactive triggers. Each is armed while its `url` filter holds: it
 * listens for its moment, waits its delay, then fires if the widget's state
 * and the frequency rules allow: `chat-trigger-fire` (cancelable), then its
 * actions. Plain TypeScript: the host and the environment are injected.
 */
export class TriggerEngine {
  /** Replaces the triggers. One whose version is unchanged runs on undisturbed. */
  declare readonly update: (sources: readonly TriggerSource[]) => void;
  /** Fires the trigger with this id now, skipping its moment, delay and url; returns whether it acted. */
  declare readonly fire: (id: string) => boolean;
  /** Removes every trigger, listener and timer. */
  declare readonly stop: () => void;

  // The engine's state lives in this closure: its parts are functions of it.
  constructor(host: TriggerHost, env: TriggerEnv = window) {
    let entries = new Map<unknown, Entry>();
    /** The navigation listeners, armed while the engine runs. */
    const nav: Off = [];
    /** Counts kept here once storage throws. */
    const memory: Record<string, Counts> = {};

    /**
     * Reads (or, given `write`, writes) the firings so far, per visitor
     * (localStorage) and per session (sessionStorage).
     */
    const counts = (write?: Counts[]): Counts[] => {
      const name = `chat-widget:${host.storageKey}:triggers`;
      return (['localStorage', 'sessionStorage'] as const).map((scope, index) => {
        const key = scope + name;
        try {
          const storage = env[scope];
          if (!write) return memory[key] ?? JSON.parse(storage.getItem(name)!) ?? {};
          storage.setItem(name, JSON.stringify(write[index]));
        } catch {
          // Storage that throws (private mode, quota, blocked) must not make a trigger fire again.
          memory[key] = write?.[index] ?? {};
        }
        return memory[key]!;
      });
    };

    /** Fires if the widget's state and the frequency rules allow; returns whether it acted. */
    const fire = (rule: TriggerRule, reason: string): boolean => {
      const now = env.Date.now();
      const [visitor, session] = counts();
      const key = rule.key;
      // Never fired: no last time, so the time since is NaN, never within the cooldown.
      const [fired = 0, last] = visitor![key] ?? [];
      if (
        host.hidden ||
        (host.open && !isSet(rule.whileOpen)) ||
        (isSet(rule.newSessionOnly) && !host.session.isNew) ||
        (isSet(rule.once) && fired) ||
        fired >= rule.max ||
        now - last! < rule.cooldown ||
        (isSet(rule.oncePerSession) && session![key]) ||
        !emit(host, 'chat-trigger-fire', {trigger: rule, reason}, true)
      )
        return false;
      visitor![key] = session![key] = [fired + 1, now];
      counts([visitor!, session!]);
      if (isSet(rule.clear)) host.proactive.clear();
      if (rule.messages.length) host.proactive.push(...(rule.messages as MessageInput[]));
      if (isSet(rule.open)) void host.show();
      if (rule.sendEvent)
        void host.sendEvent({
          type: rule.sendEvent,
          channel: 'web',
          payload: {trigger: rule.id, reason, text: rule.messages[0]?.text},
        });
      return true;
    };

    /** Listens for the rule's moment, keeping the way back in `off`. */
    const arm = (rule: TriggerRule, off: Off) => {
      const on = (type: string, fn: (event: Event) => void) => listen(off, env, type, fn);
      const moment = rule.on;
      let timer: number | undefined;
      let seen = 0;
      let past = false;
      // The rule stopped holding: a pending firing is cancelled.
      const miss = () => env.clearTimeout(timer);
      // The moment came: fire after the delay. It coming again restarts the wait, which is what idle is.
      const hit = () => {
        miss();
        timer = env.setTimeout(() => fire(rule, moment), rule.delay);
      };
      off.push(miss);
      if (moment == 'idle')
        // Idle time starts counting now, as time on page does; input starts it again.
        for (const type of ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel']) on(type, hit);
      if (moment == 'idle' || moment == 'load') hit();
      else if (moment == 'scroll') {
        const measure = () => {
          const room = env.document.documentElement.scrollHeight - env.innerHeight;
          const now = room > 0 && (env.scrollY / room) * 100 >= rule.depth;
          // Going past the depth starts the wait; scrolling on below it does not restart it.
          if (!now) miss();
          else if (!past) hit();
          past = now;
        };
        on('scroll', measure);
        measure();
      } else if (moment == 'exit-intent') {
        if (env.matchMedia('(pointer: coarse)').matches) {
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
          on('visibilitychange', () => env.document.visibilityState == 'hidden' && hit());
        }
        // Desktop: the pointer leaves the page through its top edge.
        else
          on('mouseout', (e) => !(e as MouseEvent).relatedTarget && (e as MouseEvent).clientY <= 0 && hit());
      } else
        on(
          moment,
          (e) =>
            (!rule.selector || (e.target as Element).closest?.(rule.selector)) &&
            ++seen % rule.count == 0 &&
            hit()
        );
    };

    /** Arms the triggers whose url filter holds now (a rule without one always holds); disarms the others. */
    const check = () => {
      for (const entry of entries.values()) {
        const rule = entry.rule;
        if (!rule || !(rule.url?.(env.location) ?? true)) disarm(entry);
        else if (!entry.length) arm(rule, entry);
      }
    };

    this.update = (sources) => {
      const old = entries;
      entries = new Map();
      for (const [version, name, init, element] of sources) {
        if (entries.has(version)) continue;
        let entry = old.get(version);
        old.delete(version);
        if (!entry) {
          entry = [];
          try {
            entry.rule = toRule(init, element);
          } catch (error) {
            reportError(host, 'trigger', new Error(`${name}: ${(error as Error).message}`));
          }
        }
        entries.set(version, entry);
      }
      old.forEach(disarm);
      if (!nav.length) {
        // A fragment navigation fires popstate too. Without the Navigation API, the window hears no currententrychange.
        listen(nav, env, 'popstate', check);
        listen(nav, env.navigation ?? env, 'currententrychange', check);
        watchHistory(nav, env.history, check);
      }
      check();
    };

    this.fire = (id) => {
      for (const {rule} of entries.values()) if (rule?.id === id) return fire(rule, 'api');
      return false;
    };

    this.stop = () => {
      [nav, ...entries.values()].forEach(disarm);
      entries.clear();
    };
  }
}
