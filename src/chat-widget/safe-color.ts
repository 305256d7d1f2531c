import {reportError} from '../events/chat-events.js';
import {invalid} from '../messages/message.js';

/**
 * Returns the value when it is a CSS colour and nothing else: a config colour goes
 * into a custom property, where `url(...)` or another value would load a resource or
 * break the styles.
 */
export function safeColor(value: unknown): string | undefined {
  return typeof value === 'string' && CSS.supports('color', value) ? value : undefined;
}

/** Sets the accent colour from a page's config; anything but a CSS colour is reported and ignored. */
export function setAccentColor(el: HTMLElement, value: unknown): void {
  const color = safeColor(value);
  if (color) el.style.setProperty('--chat-widget-accent', color);
  else reportError(el, 'attribute', invalid('color', 'a CSS color', value));
}
