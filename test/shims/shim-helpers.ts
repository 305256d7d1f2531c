import {waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {created} from '../../src/shims/shim-target.js';

/** Removes every widget (the shims append theirs to the body) and forgets the ones they created. */
export function removeWidgets(): void {
  for (const el of document.querySelectorAll('chat-widget')) el.remove();
  for (const id of Object.keys(created)) delete created[id];
}

/** The only widget in the document, once there is one and it is ready. */
export async function theWidget(selector = 'chat-widget'): Promise<ChatWidget> {
  await waitUntil(
    () => document.querySelector<ChatWidget>(selector)?.ready,
    `${selector} never became ready`
  );
  return document.querySelector<ChatWidget>(selector)!;
}

/** Records what is posted to the window, from now on. */
export function windowMessages() {
  const data: unknown[] = [];
  const record = (event: MessageEvent) => event.source === window && data.push(event.data);
  addEventListener('message', record);
  return {data, stop: () => removeEventListener('message', record)};
}

/** Records the names of the widget's DOM events, from now on, on the document. */
export function domEvents(...names: string[]) {
  const seen: string[] = [];
  const record = (event: Event) => {
    const detail = (event as CustomEvent).detail;
    seen.push(event.type === 'chat-event' ? `chat-event:${detail.type}` : event.type);
  };
  for (const name of names) document.addEventListener(name, record);
  return {seen, stop: () => names.forEach((name) => document.removeEventListener(name, record))};
}

/** A console.error spy; `messages()` lists what it was called with. */
export function consoleErrors() {
  const spy = sinon.stub(console, 'error');
  return {spy, messages: () => spy.getCalls().map((call) => String(call.args[0]))};
}

/** Waits for postMessage deliveries and queued calls to settle. */
export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
