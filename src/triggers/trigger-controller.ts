import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {readTrigger} from './chat-trigger.js';
import {TriggerEngine, type TriggerHost} from './trigger-engine.js';
import type {TriggerInit} from './trigger-rules.js';

type Host = ReactiveControllerHost & TriggerHost & HTMLElement & {readonly ready: boolean};

/**
 * The widget's trigger engine, wired to the element: it runs the `<chat-trigger>`
 * children (watched, so a trigger added later, removed or changed takes effect)
 * and the triggers set from JS, from `chat-ready` until the widget leaves the page.
 */
export class TriggerController extends TriggerEngine implements ReactiveController {
  #list: readonly TriggerInit[] = [];
  #observer = new MutationObserver(() => this.#sync());
  #sync: () => void;

  constructor(host: Host) {
    super(host);
    this.#sync = () => {
      if (host.ready)
        this.update([
          // A child is re-armed only when what it says changed (its attributes, text and buttons),
          // not when the widget's own attributes (open) did.
          ...[...host.querySelectorAll(':scope>chat-trigger')].map(
            (el, index) =>
              [
                JSON.stringify(readTrigger(el)),
                `<chat-trigger ${el.id ? `id="${el.id}"` : '#' + (index + 1)}>`,
                readTrigger(el),
                el,
              ] as const
          ),
          ...this.#list.map((init, index) => [init, `triggers[${index}]`, init] as const),
        ]);
    };
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

  hostDisconnected(): void {
    this.#observer.disconnect();
    this.stop();
  }
}
