import type {TriggerInit} from './trigger-rules.js';

/**
 * A proactive trigger declared in HTML, as a child of `<chat-widget>`. Its text
 * content is the message; child `<button>`s make it a choice (a button's
 * `value` is its payload). It draws nothing: the widget renders no slot for it.
 * The widget watches its triggers, so adding, removing or changing one
 * (attributes or text) takes effect at once.
 *
 * @summary A proactive rule: when to push which message.
 *
 * @attr {'load' | 'exit-intent' | 'idle' | 'scroll' | string} on - The moment: `load` (default), `exit-intent`, `idle`, `scroll`, or any DOM event name.
 * @attr {string | number} delay - Wait this long after the moment (`500ms`, `3s`, `2m`); for `idle`, the idle time (default 30s).
 * @attr {string} selector - For DOM events: only events on or inside a matching element count.
 * @attr {number} count - For DOM events: fire on every nth matching event.
 * @attr {number} depth - For `scroll`: the scroll depth in percent (default 50).
 * @attr {string} url - A glob (`*` matches anything): the path when it starts with `/`, else the whole URL.
 * @attr {boolean} once - At most once per visitor.
 * @attr {boolean} once-per-session - At most once per browser session.
 * @attr {string | number} cooldown - The least time between two firings.
 * @attr {number} max - At most this many firings per visitor.
 * @attr {boolean} new-session-only - Only when the visitor has no conversation yet.
 * @attr {boolean} while-open - Also while the chat is open.
 * @attr {boolean} clear - Clear the proactive stack first.
 * @attr {boolean} open - Open the chat.
 * @attr {string} send-event - Send an event of this type through the pipeline.
 * @attr {string} id - Names the trigger for `fireTrigger(id)`, errors, and stored counts.
 */
// Importing must not throw where there is no DOM (server rendering), as Lit's own classes do not.
export class ChatTrigger extends (globalThis.HTMLElement ?? (class {} as typeof HTMLElement)) {}

/** Reads a `<chat-trigger>` (defined or not): its attributes, camelCased, and its message. */
export function readTrigger(element: Element): TriggerInit {
  const init: Record<string, unknown> = {};
  for (const {name, value} of element.attributes)
    init[name.replace(/-./g, (dash) => dash[1]!.toUpperCase())] = value;
  // Child buttons become the choices; the text is what is left without them.
  const copy = element.cloneNode(true) as Element;
  const buttons = [...copy.querySelectorAll('button')].map((button) => {
    button.remove();
    return {label: button.textContent!.trim(), payload: button.value || undefined};
  });
  const text = copy.textContent!.trim().replace(/\s+/g, ' ');
  init.messages = !text ? [] : buttons.length ? {type: 'choice', text, buttons} : text;
  return init;
}
