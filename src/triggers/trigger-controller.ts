import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {reportError} from '../events/chat-events.js';
import {readTrigger} from './chat-trigger.js';
import type {TriggerEngine, TriggerHost, TriggerSource} from './trigger-engine.js';
import type {TriggerInit} from './trigger-rules.js';

type Host = ReactiveControllerHost & TriggerHost & HTMLElement & {readonly ready: boolean};

/**
 * The widget's trigger engine, wired to the element: it runs the `<chat-trigger>`
 * children (watched, so a trigger added later, removed or changed takes effect)
 * and the triggers set from JS, from `chat-ready` until the widget leaves the page.
 * The engine's code is fetched when the widget first has a trigger (in the
 * bundles, `chat-widget-triggers.js`): pages without triggers never download it.
 */
export class TriggerController implements ReactiveController {
  readonly #host: Host;
  #engine?: TriggerEngine;
  #loading = false;
  #list: readonly TriggerInit[] = [];
  readonly #observer = new MutationObserver(() => this.#sync());

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
    // Started at chat-ready: the session is restored by then, so new-session-only has its answer.
    host.addEventListener('chat-ready', () => {
      this.#observer.observe(host, {subtree: true, childList: true, attributes: true, characterData: true});
      this.#sync();
    });
  }

  /** The triggers set from JS; `<chat-trigger>` children run beside them. */
  get triggers(): readonly TriggerInit[] {
    return this.#list;
  }
  set triggers(list: readonly TriggerInit[]) {
    this.#list = [...list];
    this.#sync();
  }

  /**
   * Fires the trigger with this id now, skipping its moment, delay and url; returns whether it acted
   * (false while the engine's code is still on its way, in the moment after the first trigger appears).
   */
  fire(id: string): boolean {
    return this.#engine?.fire(id) ?? false;
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
    this.#engine?.stop();
  }

  /** Fetches the engine once, then runs the triggers as they are by then; a failed fetch is reported and tried again at the next change. */
  #load(): void {
    if (this.#loading) return;
    this.#loading = true;
    import('./trigger-engine.js').then(
      ({TriggerEngine}) => {
        this.#engine = new TriggerEngine(this.#host);
        if (this.#host.isConnected) this.#sync();
      },
      (error: unknown) => {
        this.#loading = false;
        reportError(this.#host, 'trigger', new Error(`The trigger engine did not load: ${String(error)}`));
      }
    );
  }

  /** Hands the engine the current triggers: the children first, then those set from JS. */
  #sync(): void {
    if (!this.#host.ready) return;
    const children = [...this.#host.querySelectorAll(':scope>chat-trigger')];
    const sources: TriggerSource[] = children.map((element, index) => {
      const init = readTrigger(element);
      return {
        // A child is re-armed only when what it says changed (its attributes, text and buttons),
        // not when the widget's own attributes (open) did.
        version: JSON.stringify(init),
        name: `<chat-trigger ${element.id ? `id="${element.id}"` : `#${index + 1}`}>`,
        init,
        element,
      };
    });
    this.#list.forEach((init, index) => sources.push({version: init, name: `triggers[${index}]`, init}));
    if (this.#engine) this.#engine.update(sources);
    else if (sources.length) this.#load();
  }
}
