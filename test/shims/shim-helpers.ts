import {waitUntil} from '@open-wc/testing';
import type {ChatWidget} from '../../src/index.js';
import {created} from '../../src/shims/shim-target.js';

/** Removes every widget (the shims append theirs to the body) and forgets the ones they created. */
export function removeWidgets(): void {
  for (const el of document.querySelectorAll('chat-widget')) el.remove();
  created.clear();
}

/** The only widget in the document, once there is one and it is ready. */
export async function theWidget(selector = 'chat-widget'): Promise<ChatWidget> {
  await waitUntil(
    () => document.querySelector<ChatWidget>(selector)?.ready,
    `${selector} never became ready`
  );
  return document.querySelector<ChatWidget>(selector)!;
}

/**
 * Records, from now on, what would break a page: uncaught exceptions (window
 * `error`) and unhandled rejections (window `unhandledrejection`), each as
 * `kind: message`, kept from the test runner so the test reports them itself.
 */
export function pageFaults() {
  const seen: string[] = [];
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    seen.push(`error: ${event.message}`);
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    event.preventDefault();
    seen.push(`unhandledrejection: ${String((event.reason as Error)?.message ?? event.reason)}`);
  };
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  return {
    seen,
    stop() {
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onRejection);
    },
  };
}
