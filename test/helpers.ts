import {aTimeout, fixture, html, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import '../src/define.js';
import type {PartName} from '../src/chat-widget/parts.js';
import type {ChatEventDetailMap, ChatWidget} from '../src/index.js';
import {messageText} from '../src/messages/message.js';

let counter = 0;
/** A storage key no other test (or test file running alongside) uses. */
export const uniqueKey = () =>
  `test-${Date.now().toString(36)}-${++counter}-${Math.random().toString(36).slice(2)}`;

/** Writes a stored session under `key` as the widget stores it (session `s`), for tests of what it reads back. */
export function storeSession(key: string, messages: readonly unknown[]): void {
  localStorage.setItem(`chat-widget:${key}`, JSON.stringify({version: 1, session: {id: 's', startedAt: 1}, messages}));
}

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
export function part<T extends HTMLElement = HTMLElement>(el: ChatWidget, name: PartName): T {
  const found = el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" is rendered`);
  return found;
}

export function parts(el: ChatWidget, name: PartName): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** What a visitor reads in each transcript bubble. */
export const bubbleTexts = (el: ChatWidget) =>
  parts(el, 'message').map((m) => m.querySelector('.text, .markdown, img')?.textContent?.trim() ?? '');

/** The text of each transcript message, drawn or not (a closed panel draws nothing). */
export const transcriptTexts = (el: ChatWidget) =>
  el.messages.map((m) => messageText(m));

/** Whether the element is laid out (display is not none anywhere up the tree). */
export const isShown = (node: HTMLElement) => node.checkVisibility();

/** Waits for the widget to draw, for the tasks its drawing queued, and for it to draw again. */
export const settle = async (el: ChatWidget) => {
  await el.updateComplete;
  await aTimeout(0);
  await el.updateComplete;
};

/** Lets MutationObserver callbacks and promise jobs run, without waiting for a task. */
export const flush = async () => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

/**
 * Records what a widget reports as bad data: every `chat-error` heard on
 * `target` (attach it before the widget connects to hear the first ones), and
 * the console warnings, stubbed so they neither clutter the output nor go unheard.
 */
export function reportedErrors(target: EventTarget) {
  const events: Array<ChatEventDetailMap['chat-error']> = [];
  target.addEventListener('chat-error', (e) => events.push((e as CustomEvent).detail));
  const warn = sinon.stub(console, 'warn');
  return {
    events,
    warn,
    /** Each error as `source: message`. */
    messages: () => events.map(({source, error}) => `${source}: ${error.message}`),
  };
}

/** Stubs console.error (the compatibility globals report bad page input there); `messages()` lists what it said. */
export function consoleErrors() {
  const spy = sinon.stub(console, 'error');
  return {spy, messages: () => spy.getCalls().map((call) => String(call.args[0]))};
}

/** Records the names of the widget's DOM events, from now on, on the document (`chat-event:<type>` for page events). */
export function domEvents(...names: string[]) {
  const seen: string[] = [];
  const record = (event: Event) => {
    const detail = (event as CustomEvent).detail;
    seen.push(event.type === 'chat-event' ? `chat-event:${detail.type}` : event.type);
  };
  for (const name of names) document.addEventListener(name, record);
  return {seen, stop: () => names.forEach((name) => document.removeEventListener(name, record))};
}

/** Records what is posted to the window, from now on. */
export function windowMessages() {
  const data: unknown[] = [];
  const record = (event: MessageEvent) => event.source === window && data.push(event.data);
  addEventListener('message', record);
  return {data, stop: () => removeEventListener('message', record)};
}

/**
 * Loads `src` in an iframe appended to the page (`size` in px, for measuring a
 * page's layout; else the browser's default frame); resolves with the frame
 * and its ready `<chat-widget>`.
 */
export async function widgetInFrame(
  src: string,
  size?: {width: number; height: number}
): Promise<{frame: HTMLIFrameElement; el: ChatWidget}> {
  const frame = document.createElement('iframe');
  frame.src = src;
  if (size) Object.assign(frame.style, {width: `${size.width}px`, height: `${size.height}px`, border: '0'});
  const loaded = new Promise((r) => frame.addEventListener('load', r, {once: true}));
  document.body.append(frame);
  await loaded;
  const el = frame.contentDocument!.querySelector('chat-widget') as ChatWidget;
  await waitUntil(() => el.ready, 'the widget is ready');
  return {frame, el};
}

/**
 * Waits for the widget's running animations (the panel's and bubbles' fade-in) to
 * end, so an accessibility check measures contrast on what the visitor ends up seeing.
 * Endless ones (the typing indicator's dots) never end and are not waited for.
 */
export async function animationsDone(el: ChatWidget): Promise<void> {
  await el.updateComplete;
  const ending = el.shadowRoot!.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
  await Promise.all(ending.map((animation) => animation.finished));
}

/**
 * Every word the widget's own interface shows or reads out: text nodes, and the
 * labels, placeholders and titles of its elements (messages' own text excluded).
 */
export function interfaceWords(el: ChatWidget): string[] {
  const root = el.shadowRoot!;
  const words: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('.text, .markdown, h2, .sender')) continue;
    if (node.textContent!.trim()) words.push(node.textContent!.trim());
  }
  for (const element of root.querySelectorAll('*'))
    for (const name of ['aria-label', 'placeholder', 'title'])
      if (element.getAttribute(name)) words.push(element.getAttribute(name)!);
  return words;
}

/** The edges of an element's box, from the edges of its window's viewport (a frame's, for an element in a frame). */
export function fromEdges(element: Element) {
  const box = element.getBoundingClientRect();
  const view = element.ownerDocument.defaultView!;
  return {
    left: Math.round(box.left),
    right: Math.round(view.innerWidth - box.right),
    bottom: Math.round(view.innerHeight - box.bottom),
  };
}

/**
 * What axe finds wrong in `el`, an element in a frame, as `rule: target` lines
 * (none: accessible). `expect(el).to.be.accessible()` cannot judge it: axe
 * accepts only nodes of its own window, so this runs an axe loaded into the frame.
 */
export async function accessibilityViolations(el: Element): Promise<string[]> {
  type Axe = {run(context: Element, options: object): Promise<{violations: AxeViolation[]}>};
  type AxeViolation = {id: string; nodes: Array<{target: unknown[]}>};
  const frame = el.ownerDocument.defaultView as Window & {axe?: Axe};
  if (!frame.axe) {
    const script = el.ownerDocument.createElement('script');
    script.type = 'module';
    script.src = new URL('./fixtures/axe-in-frame.js', import.meta.url).href;
    el.ownerDocument.head.append(script);
    await waitUntil(() => frame.axe, 'axe loads in the frame');
  }
  const {violations} = await frame.axe!.run(el, {resultTypes: ['violations']});
  return violations.flatMap(({id, nodes}) =>
    nodes.map(({target}) => `${id}: ${target.flat().join(' >>> ')}`)
  );
}
