import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {widget} from '../helpers.js';

/**
 * Waits until the widget's trigger engine, whose code is fetched when the widget first has a
 * trigger, is running them: the widget asked for the module first, so once this import settles
 * (and the microtasks after it) its engine is armed.
 */
export async function engineArmed(): Promise<void> {
  await import('../../src/triggers/trigger-engine.js');
  for (let turn = 0; turn < 3; turn++) await Promise.resolve();
}

/** A ready widget whose children are `markup` (static test markup: `<chat-trigger>`s), its triggers armed. */
export async function withTriggers(markup: string, attributes: Record<string, string | boolean> = {}) {
  const el = await widget(attributes, (el) => (el.innerHTML = markup));
  await engineArmed();
  return el;
}

/** The texts of the proactive stack, oldest first. */
export const stack = (el: ChatWidget) => el.proactive.messages.map((m) => m.text);

/** Fake setTimeout, clearTimeout and Date, at a realistic epoch time. */
export const fakeClock = () =>
  sinon.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 1_700_000_000_000});

/** Makes the page tall enough to scroll; returns the undo. */
export function tallPage(height = 6000): () => void {
  const filler = document.createElement('div');
  filler.style.height = `${height}px`;
  document.body.append(filler);
  return () => {
    filler.remove();
    window.scrollTo(0, 0);
  };
}

/** The real setTimeout, kept before any test fakes it. */
const realSetTimeout = window.setTimeout.bind(window);

/** Scrolls the window to `y` and waits for the real scroll event (a second at most, so a test never hangs). */
export async function scrollToY(y: number): Promise<void> {
  if (Math.round(window.scrollY) === y) return;
  const scrolled = new Promise((resolve) => {
    window.addEventListener('scroll', resolve, {once: true});
    realSetTimeout(resolve, 1000);
  });
  window.scrollTo({top: y, behavior: 'instant'});
  await scrolled;
}

/** Runs `body` at another path of this origin, then puts the test page's URL back. */
export function atUrl() {
  const original = location.href;
  return {
    go: (url: string) => history.pushState(null, '', url),
    restore: () => history.replaceState(null, '', original),
  };
}
