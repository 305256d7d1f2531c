import {expect} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {uniqueKey} from '../helpers.js';
import {pageFaults} from '../shims/shim-helpers.js';
import {fakeClock, stack, withTriggers} from './trigger-fixtures.js';

/** The same visitor loading another page: a new widget with the same storage key. */
const page = (key: string, markup: string, attributes: Record<string, string | boolean> = {}) =>
  withTriggers(markup, {'storage-key': key, ...attributes});

const cartAdd = () => document.dispatchEvent(new CustomEvent('cart:add'));
const trigger = (id: string, text: string) =>
  `<chat-trigger id="${id}" on="cart:add" once>${text}</chat-trigger>`;

/** Counts the firings of `el`'s triggers. */
function firings(el: ChatWidget) {
  const spy = sinon.spy();
  el.addEventListener('chat-trigger-fire', spy);
  return spy;
}

describe('trigger frequency', () => {
  let clock: sinon.SinonFakeTimers;
  let key: string;
  beforeEach(() => {
    clock = fakeClock();
    key = uniqueKey();
  });
  afterEach(() => {
    sinon.restore();
    localStorage.removeItem(`chat-widget:${key}:triggers`);
    sessionStorage.removeItem(`chat-widget:${key}:triggers`);
  });

  it('once: once per visitor, remembered in localStorage under the storage key', async () => {
    const markup = '<chat-trigger id="promo" on="cart:add" once>Code SAVE10</chat-trigger>';
    const first = await page(key, markup);
    const fired = firings(first);
    cartAdd();
    await clock.tickAsync(0);
    cartAdd();
    await clock.tickAsync(0);
    expect(fired.callCount).to.equal(1);
    expect(JSON.parse(localStorage.getItem(`chat-widget:${key}:triggers`)!)).to.have.property('promo');
    first.remove();
    sessionStorage.removeItem(`chat-widget:${key}:triggers`);
    const next = await page(key, markup);
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(next)).to.deep.equal([]);
  });

  it('once is counted per trigger, and per storage key', async () => {
    const el = await page(
      key,
      '<chat-trigger on="cart:add" once>One</chat-trigger><chat-trigger on="cart:add" once>Two</chat-trigger>'
    );
    const other = await page(uniqueKey(), '<chat-trigger on="cart:add" once>One</chat-trigger>');
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(el)).to.deep.equal(['One', 'Two']);
    expect(stack(other)).to.deep.equal(['One']);
  });

  it('once-per-session: once per browser session, remembered in sessionStorage', async () => {
    const markup = '<chat-trigger on="cart:add" once-per-session>Welcome</chat-trigger>';
    const first = await page(key, markup);
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(first)).to.deep.equal(['Welcome']);
    first.remove();
    const sameSession = await page(key, markup);
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(sameSession)).to.deep.equal([]);
    sameSession.remove();
    sessionStorage.removeItem(`chat-widget:${key}:triggers`);
    const newSession = await page(key, markup);
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(newSession)).to.deep.equal(['Welcome']);
  });

  it('cooldown: at least that long between firings, across page loads', async () => {
    const markup = '<chat-trigger on="cart:add" cooldown="10m">Checkout?</chat-trigger>';
    const el = await page(key, markup);
    const fired = firings(el);
    cartAdd();
    await clock.tickAsync(5 * 60_000);
    cartAdd();
    await clock.tickAsync(0);
    expect(fired.callCount).to.equal(1);
    el.remove();
    const next = await page(key, markup);
    const firedNext = firings(next);
    await clock.tickAsync(5 * 60_000 - 1);
    cartAdd();
    await clock.tickAsync(1);
    expect(firedNext.callCount).to.equal(0);
    cartAdd();
    await clock.tickAsync(0);
    expect(firedNext.callCount).to.equal(1);
  });

  it('max: at most that many firings per visitor', async () => {
    const markup = '<chat-trigger on="cart:add" max="3">Free shipping over €50</chat-trigger>';
    const el = await page(key, markup);
    const fired = firings(el);
    for (let i = 0; i < 5; i++) {
      cartAdd();
      await clock.tickAsync(0);
    }
    expect(fired.callCount).to.equal(3);
    el.remove();
    const next = await page(key, markup);
    const firedNext = firings(next);
    cartAdd();
    await clock.tickAsync(0);
    expect(firedNext.callCount).to.equal(0);
  });

  it("new-session-only: Botpress's only-new-visitors rule, from session.isNew", async () => {
    const markup = '<chat-trigger on="cart:add" new-session-only>Hi, first time here?</chat-trigger>';
    const first = await page(key, markup);
    expect(first.session.isNew).to.equal(true);
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(first)).to.deep.equal(['Hi, first time here?']);
    await first.sendMessage('Do you ship to Norway?');
    first.proactive.clear();
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(first)).to.deep.equal([]);
    first.remove();
    const returning = await page(key, markup);
    expect(returning.session.isNew).to.equal(false);
    cartAdd();
    await clock.tickAsync(0);
    expect(stack(returning)).to.deep.equal([]);
    returning.reset();
  });

  it('storage that throws does not break triggers: counts are kept in memory', async () => {
    sinon.stub(Storage.prototype, 'getItem').throws(new DOMException('denied', 'SecurityError'));
    sinon.stub(Storage.prototype, 'setItem').throws(new DOMException('full', 'QuotaExceededError'));
    const el = await page(key, '<chat-trigger id="o" on="cart:add" once>Once</chat-trigger>', {
      persistence: 'memory',
    });
    const fired = firings(el);
    cartAdd();
    await clock.tickAsync(0);
    cartAdd();
    await clock.tickAsync(0);
    expect(fired.callCount).to.equal(1);
    expect(el.fireTrigger('o')).to.equal(false);
  });

  const halfBroken = [
    ['reads but cannot write', 'setItem', new DOMException('full', 'QuotaExceededError')],
    ['writes but cannot read', 'getItem', new DOMException('denied', 'SecurityError')],
  ] as const;
  for (const [what, method, error] of halfBroken) {
    it(`storage that ${what} still keeps once`, async () => {
      sinon.stub(Storage.prototype, method).throws(error);
      const el = await page(key, '<chat-trigger id="o" on="cart:add" once>Once</chat-trigger>', {
        persistence: 'memory',
      });
      expect(el.fireTrigger('o')).to.equal(true);
      expect(el.fireTrigger('o')).to.equal(false);
    });
  }

  it("stores each trigger's firings as {count, last}, and still reads the [count, last] pairs of earlier versions", async () => {
    const now = Date.now();
    localStorage.setItem(`chat-widget:${key}:triggers`, JSON.stringify({old: [1, now - 1000]}));
    const el = await page(
      key,
      '<chat-trigger id="old" cooldown="1m">Old</chat-trigger><chat-trigger id="new" max="2">New</chat-trigger>',
      {persistence: 'memory'}
    );
    expect(el.fireTrigger('old')).to.equal(false);
    await clock.tickAsync(60_000);
    expect(el.fireTrigger('old')).to.equal(true);
    const stored = JSON.parse(localStorage.getItem(`chat-widget:${key}:triggers`)!);
    expect(stored.old).to.deep.equal({count: 2, last: now + 60_000});
    expect(stored.new).to.deep.equal({count: 1, last: now});
    expect(JSON.parse(sessionStorage.getItem(`chat-widget:${key}:triggers`)!).old).to.deep.equal({
      count: 2,
      last: now + 60_000,
    });
  });

  // Trigger ids and stored counts are data, never keys into a plain object: ids like `constructor`
  // fire like any other, and corrupt counts (storage is the page's to write) are read as none.
  for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    it(`a trigger with id "${id}" fires, once, on its moment and by fireTrigger()`, async () => {
      const faults = pageFaults();
      const el = await page(key, trigger(id, `Hello ${id}`));
      cartAdd();
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([`Hello ${id}`]);
      el.proactive.clear();
      // `once`: neither the moment nor fireTrigger() fires it again, and nothing throws.
      cartAdd();
      await clock.tickAsync(0);
      expect(el.fireTrigger(id)).to.equal(false);
      faults.stop();
      expect(stack(el)).to.deep.equal([]);
      expect(faults.seen).to.deep.equal([]);
      expect(({} as Record<string, unknown>).count).to.equal(undefined);
    });
  }

  for (const stored of [
    '"str"',
    '5',
    '{"t1": {}}',
    '{"t1": null}',
    '{"t1": {"count": "x", "last": {}}}',
    '[1,2]',
  ]) {
    it(`stored counts ${stored} are read as none: the trigger fires and is counted afresh`, async () => {
      const faults = pageFaults();
      localStorage.setItem(`chat-widget:${key}:triggers`, stored);
      sessionStorage.setItem(`chat-widget:${key}:triggers`, stored);
      const el = await page(key, trigger('t1', 'Ten percent off'));
      cartAdd();
      await clock.tickAsync(0);
      faults.stop();
      expect(faults.seen).to.deep.equal([]);
      expect(stack(el)).to.deep.equal(['Ten percent off']);
      const counted = JSON.parse(localStorage.getItem(`chat-widget:${key}:triggers`)!);
      expect(counted.t1).to.deep.equal({count: 1, last: Date.now()});
    });
  }
});
