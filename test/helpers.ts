import {fixture, html, waitUntil} from '@open-wc/testing';
import '../src/define.js';
import type {ChatWidget} from '../src/index.js';

let counter = 0;
/** A storage key no other test (or test file running alongside) uses. */
export const uniqueKey = () =>
  `test-${Date.now().toString(36)}-${++counter}-${Math.random().toString(36).slice(2)}`;

/** A connected, ready `<chat-widget>` with its own storage key. */
export async function widget(
  attributes: Record<string, string | boolean> = {},
  setup?: (el: ChatWidget) => void
): Promise<ChatWidget> {
  const el = document.createElement('chat-widget');
  el.setAttribute('storage-key', uniqueKey());
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) el.setAttribute(name, '');
    else if (value !== false) el.setAttribute(name, value);
  }
  setup?.(el);
  const ready = new Promise((resolve) => el.addEventListener('chat-ready', resolve, {once: true}));
  await fixture<HTMLElement>(html`<div>${el}</div>`);
  await ready;
  return el;
}

/** The element with `part` in the widget's shadow root. */
export function part<T extends HTMLElement = HTMLElement>(el: ChatWidget, name: string): T {
  const found = el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" is rendered`);
  return found;
}

export function parts(el: ChatWidget, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** What a visitor reads in each transcript bubble. */
export const bubbleTexts = (el: ChatWidget) =>
  parts(el, 'message').map((m) => m.querySelector('.text, img')?.textContent?.trim() ?? '');

/** The text of each transcript message, drawn or not (a closed panel draws nothing). */
export const transcriptTexts = (el: ChatWidget) =>
  el.messages.map((m) => (m.type === 'image' ? m.alt : m.text));

/** Whether the element is laid out (display is not none anywhere up the tree). */
export const isShown = (node: HTMLElement) => node.checkVisibility();

export const settle = async (el: ChatWidget) => {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};

/** Loads `src` in an iframe appended to the page; resolves with the frame and its ready `<chat-widget>`. */
export async function widgetInFrame(src: string): Promise<{frame: HTMLIFrameElement; el: ChatWidget}> {
  const frame = document.createElement('iframe');
  frame.src = src;
  const loaded = new Promise((r) => frame.addEventListener('load', r, {once: true}));
  document.body.append(frame);
  await loaded;
  const el = frame.contentDocument!.querySelector('chat-widget') as ChatWidget;
  await waitUntil(() => el.ready, 'the widget is ready');
  return {frame, el};
}
