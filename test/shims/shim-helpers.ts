import {waitUntil} from '@open-wc/testing';
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
