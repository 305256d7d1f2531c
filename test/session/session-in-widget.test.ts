import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import fc from 'fast-check';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {bubbleTexts, part, settle, uniqueKey, widget} from '../helpers.js';

type TabWindow = Window & {widgetReady: Promise<ChatWidget>; chatEvents: string[]};

async function openTab(
  key: string,
  persistence = 'local'
): Promise<{frame: HTMLIFrameElement; el: ChatWidget}> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/tab.html?key=${encodeURIComponent(key)}&persistence=${persistence}`;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, {once: true}));
  const el = await waitUntil(() => (frame.contentWindow as TabWindow).widgetReady).then(
    () => (frame.contentWindow as TabWindow).widgetReady
  );
  return {frame, el};
}

async function reload(frame: HTMLIFrameElement): Promise<ChatWidget> {
  const loaded = new Promise((r) => frame.addEventListener('load', r, {once: true}));
  frame.contentWindow!.location.reload();
  await loaded;
  await waitUntil(() => (frame.contentWindow as TabWindow).widgetReady);
  return (frame.contentWindow as TabWindow).widgetReady;
}

const summary = (el: ChatWidget) => el.messages.map((m) => `${m.author}:${(m as {text: string}).text}`);

describe('sessions', () => {
  afterEach(() => sinon.restore());

  it('is new until the first message, and keeps the last 10 messages', async () => {
    const el = await widget();
    const {id, startedAt} = el.session;
    expect(el.session.isNew).to.equal(true);
    for (let i = 0; i < 12; i++) await el.sendMessage(`m${i}`);
    expect(el.session).to.include({id, startedAt, isNew: false});
    expect(el.session.lastMessages.map((m) => (m as {text: string}).text)).to.deep.equal(
      Array.from({length: 10}, (_, i) => `m${i + 2}`)
    );
  });

  it('fires chat-ready with the restored session', async () => {
    const key = uniqueKey();
    const first = await widget({'storage-key': key});
    await first.sendMessage('hello');
    first.remove();
    const el = document.createElement('chat-widget');
    el.setAttribute('storage-key', key);
    const ready = oneEvent(el, 'chat-ready');
    document.body.append(el);
    const {session} = (await ready).detail;
    expect(session).to.include({id: first.session.id, isNew: false});
    el.remove();
  });

  it('restores the transcript on reload, in order, with the original timestamps', async () => {
    const key = uniqueKey();
    const {frame, el} = await openTab(key);
    await el.sendMessage('first');
    await el.reply(['second', {type: 'choice', text: 'third', buttons: [{label: 'x'}]}]);
    const before = el.messages.map((m) => ({...m}));
    const reloaded = await reload(frame);
    expect(reloaded.messages).to.deep.equal(before);
    expect(reloaded.session).to.include({id: el.session.id, isNew: false});
    frame.remove();
  });

  it('starts a new session with reset(), also after a reload', async () => {
    const key = uniqueKey();
    const {frame, el} = await openTab(key);
    await el.sendMessage('old');
    const oldId = el.session.id;
    el.reset();
    expect(el.messages).to.have.length(0);
    expect(el.session.isNew).to.equal(true);
    expect(el.session.id).to.not.equal(oldId);
    const reloaded = await reload(frame);
    expect(reloaded.messages).to.have.length(0);
    expect(reloaded.session.id).to.equal(el.session.id);
    frame.remove();
  });

  it('keeps sessionStorage sessions per tab and memory sessions nowhere', async () => {
    const key = uniqueKey();
    const {frame, el} = await openTab(key, 'session');
    await el.sendMessage('in session storage');
    expect(localStorage.getItem(`chat-widget:${key}`)).to.equal(null);
    expect(summary(await reload(frame))).to.deep.equal(['user:in session storage']);
    frame.remove();
    const memory = await widget({persistence: 'memory'});
    await memory.sendMessage('forgotten');
    memory.remove();
    const again = await widget({persistence: 'memory', 'storage-key': memory.storageKey});
    expect(again.messages).to.have.length(0);
  });

  it('keeps two bots on one site apart by storage-key', async () => {
    const a = await widget();
    const b = await widget();
    await a.sendMessage('for a');
    expect(b.messages).to.have.length(0);
    expect(a.session.id).to.not.equal(b.session.id);
  });

  describe('when storage fails', () => {
    it('keeps working in memory when storage throws, with one chat-error', async () => {
      sinon.stub(console, 'warn');
      sinon
        .stub(Storage.prototype, 'setItem')
        .throws(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      const errors: string[] = [];
      const el = await widget({}, (w) =>
        w.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}:${e.detail.error.name}`))
      );
      await el.sendMessage('one');
      await el.sendMessage('two');
      await el.reply('three');
      expect(summary(el)).to.deep.equal(['user:one', 'user:two', 'bot:three']);
      await waitUntil(() => errors.length, 'the failed write is reported');
      await el.sendMessage('four');
      await new Promise((r) => setTimeout(r, 50));
      expect(errors).to.deep.equal(['storage:QuotaExceededError']);
    });

    it('keeps working when reading storage throws', async () => {
      sinon.stub(console, 'warn');
      sinon.stub(Storage.prototype, 'getItem').throws(new DOMException('denied', 'SecurityError'));
      const errors: string[] = [];
      const el = await widget({}, (w) =>
        w.addEventListener('chat-error', (e) => errors.push(e.detail.error.name))
      );
      await el.sendMessage('still works');
      expect(summary(el)).to.deep.equal(['user:still works']);
      expect(errors).to.deep.equal(['SecurityError']);
    });

    /**
     * A tab meets a storage fault (`fault` returns the transcript it leaves, in `summary`
     * form), then sends 8 messages: after a reload all of them are there, with one chat-error.
     */
    async function expectRecovery(fault: (el: ChatWidget, frame: HTMLIFrameElement) => Promise<string[]>) {
      sinon.stub(console, 'warn');
      const key = uniqueKey();
      const {frame, el} = await openTab(key);
      const errors: string[] = [];
      el.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}:${e.detail.error.name}`));
      const before = await fault(el, frame);
      for (let i = 0; i < 8; i++) await el.sendMessage(`after ${i}`);
      const reloaded = await reload(frame);
      expect(summary(reloaded)).to.deep.equal([
        ...before,
        ...Array.from({length: 8}, (_, i) => `user:after ${i}`),
      ]);
      expect(errors).to.deep.equal(['storage:QuotaExceededError']);
      frame.remove();
      localStorage.removeItem(`chat-widget:${key}`);
    }

    it('recovers after a transient write fault: one chat-error, nothing lost on reload', () =>
      expectRecovery(async (el, frame) => {
        const tab = frame.contentWindow as unknown as typeof globalThis;
        const setItem = sinon
          .stub(tab.Storage.prototype, 'setItem')
          .throws(new tab.DOMException('The quota has been exceeded.', 'QuotaExceededError'));
        await el.sendMessage('during the fault');
        await new Promise((r) => setTimeout(r, 50));
        setItem.restore();
        return ['user:during the fault'];
      }));

    it('stores the messages after a reply too large for the quota', () =>
      expectRecovery(async (el) => {
        await el.sendMessage('before');
        await el.reply('x'.repeat(6_000_000));
        return ['user:before'];
      }));

    it('writes what is pending when the page goes away at once', async () => {
      const key = uniqueKey();
      const {frame, el} = await openTab(key);
      void el.sendMessage('sent just before leaving');
      const reloaded = await reload(frame);
      expect(summary(reloaded)).to.deep.equal(['user:sent just before leaving']);
      frame.remove();
      localStorage.removeItem(`chat-widget:${key}`);
    });
  });

  describe('with corrupt, foreign or wrong-shaped storage', () => {
    const session = {id: 'stored-session', startedAt: 1};
    const good = {type: 'text', text: 'kept', id: 'good', author: 'bot', timestamp: 2};
    const record = (messages: unknown) => JSON.stringify({version: 1, session, messages});
    /** [what is stored, how many chat-errors its reading gives] */
    const cases: Array<[string, number]> = [
      ['{broken', 1],
      ['null', 1],
      ['42', 1],
      ['"text"', 1],
      ['[null]', 1],
      ['[42]', 1],
      ['["text"]', 1],
      ['{}', 1],
      [JSON.stringify({version: 2, session, messages: [good]}), 1],
      [JSON.stringify({version: 1, session: {id: 5}, messages: [good]}), 1],
      [JSON.stringify({version: 1, session, messages: {}}), 1],
      [record([good, null]), 1],
      [record([good, 42]), 1],
      [record(['text', good]), 1],
      [record([good, {}]), 1],
      [record([good, [1, 2]]), 1],
      [record([good, {...good, id: undefined}]), 1],
      [record([good, {...good, id: 'n', timestamp: undefined}]), 1],
      [record([good, {...good, id: 'n', timestamp: '3'}]), 1],
      [record([good, {...good, id: 'n', author: 'system'}]), 1],
      [record([good, {...good, id: 'n', text: {_$litType$: 1, strings: ['<img>'], values: []}}]), 1],
      [record([good, {...good, id: 'n', text: ['a']}]), 1],
      [record([good, {...good, id: 'n', status: 'sent'}]), 1],
      [
        record([
          good,
          {type: 'image', url: 'javascript:alert(1)', alt: '', id: 'n', author: 'bot', timestamp: 3},
        ]),
        1,
      ],
      [record([good, {type: 'choice', text: 'q', buttons: [], id: 'n', author: 'bot', timestamp: 3}]), 1],
      [
        record([
          good,
          {
            type: 'choice',
            text: 'q',
            buttons: [{label: 'a'}],
            chosen: 4,
            id: 'n',
            author: 'bot',
            timestamp: 3,
          },
        ]),
        1,
      ],
      [record([null, {}, good, 'x']), 3],
    ];

    it('works, keeps the valid entries, reports the others once, and keeps the record aside on the next write', async () => {
      sinon.stub(console, 'warn');
      for (const [raw, reported] of cases) {
        const key = uniqueKey();
        const storageKey = `chat-widget:${key}`;
        localStorage.setItem(storageKey, raw);
        const errors: string[] = [];
        const el = await widget({'storage-key': key, open: true}, (w) =>
          w.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}:${e.detail.error.message}`))
        );
        const readable =
          raw.startsWith('{"version":1,"session":{"id":"stored-session"') && raw.includes('"messages":[');
        const kept = readable ? ['bot:kept'] : [];
        expect(summary(el), raw).to.deep.equal(kept);
        expect(errors, raw).to.have.length(reported);
        for (const error of errors) expect(error, raw).to.match(/^storage:/);
        await new Promise((r) => setTimeout(r, 20));
        expect(localStorage.getItem(storageKey), raw).to.equal(raw);

        part<HTMLInputElement>(el, 'input').focus();
        // No doubled letter: WebKit's WebDriver types one of a pair.
        await sendKeys({type: 'new text'});
        await sendKeys({press: 'Enter'});
        await settle(el);
        expect(bubbleTexts(el), raw).to.deep.equal([...kept.map((k) => k.slice(4)), 'new text']);
        el.remove();
        const written = JSON.parse(localStorage.getItem(storageKey)!);
        expect(
          written.messages.map((m: {text: string}) => m.text),
          raw
        ).to.deep.equal([...kept.map((k) => k.slice(4)), 'new text']);
        expect(localStorage.getItem(`${storageKey}:unreadable`), raw).to.equal(raw);
        expect(errors, raw).to.have.length(reported);
        localStorage.removeItem(storageKey);
        localStorage.removeItem(`${storageKey}:unreadable`);
      }
    });

    it('works and reports with any stored JSON', async () => {
      sinon.stub(console, 'warn');
      const message = fc.record({
        type: fc.constantFrom('text', 'image', 'choice', 'sticker'),
        text: fc.oneof(fc.string(), fc.jsonValue()),
        id: fc.oneof(fc.string(), fc.integer()),
        author: fc.constantFrom('user', 'bot', 'page'),
        timestamp: fc.oneof(fc.integer(), fc.string()),
      });
      const stored = fc.oneof(
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.array(fc.oneof(message, fc.jsonValue())).map(record)
      );
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push(e);
      addEventListener('error', onError);
      addEventListener('unhandledrejection', onError);
      await fc.assert(
        fc.asyncProperty(stored, async (raw) => {
          const key = uniqueKey();
          localStorage.setItem(`chat-widget:${key}`, raw);
          const reports: string[] = [];
          const el = await widget({'storage-key': key, open: true}, (w) =>
            w.addEventListener('chat-error', (e) => reports.push(e.detail.error.message))
          );
          const shown = el.messages.length;
          const parsed = JSON.parse(raw);
          const entries = Array.isArray(parsed?.messages) ? parsed.messages.length : 0;
          // Nothing is dropped silently, and what is kept is drawn.
          if (shown < entries || parsed?.version !== 1) expect(reports.length).to.be.greaterThan(0);
          expect(bubbleTexts(el)).to.have.length(shown);
          await el.sendMessage('still works');
          await settle(el);
          expect(bubbleTexts(el).at(-1)).to.equal('still works');
          el.remove();
          localStorage.removeItem(`chat-widget:${key}`);
          localStorage.removeItem(`chat-widget:${key}:unreadable`);
        }),
        {numRuns: 40}
      );
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onError);
      expect(errors).to.deep.equal([]);
    });
  });

  describe('two tabs of one site', () => {
    it('show the same transcript live, with nothing lost or duplicated when both send at once', async () => {
      const key = uniqueKey();
      const [a, b] = await Promise.all([openTab(key), openTab(key)]);
      await a.el.sendMessage('hello from A');
      await waitUntil(() => b.el.messages.length === 1, 'B sees A');
      // Both at once, several each, in the same task.
      await Promise.all([
        a.el.sendMessage('A1'),
        b.el.sendMessage('B1'),
        a.el.sendMessage('A2'),
        b.el.sendMessage('B2'),
      ]);
      await waitUntil(() => a.el.messages.length === 5 && b.el.messages.length === 5, 'both tabs have all 5');
      expect(summary(a.el)).to.deep.equal(summary(b.el));
      expect(new Set(a.el.messages.map((m) => m.id)).size).to.equal(5);
      const stored = JSON.parse(localStorage.getItem(`chat-widget:${key}`)!);
      expect(stored.messages).to.have.length(5);
      const c = await openTab(key);
      expect(summary(c.el)).to.deep.equal(summary(a.el));
      for (const tab of [a, b, c]) tab.frame.remove();
      localStorage.removeItem(`chat-widget:${key}`);
    });

    it('keep all four first messages of two new tabs sending at once, live and after reload', async () => {
      const key = uniqueKey();
      const [a, b] = await Promise.all([openTab(key), openTab(key)]);
      // Neither tab has stored its new session yet: each sends and is answered in the same task.
      const tabs = {A: a, B: b};
      await Promise.all(
        Object.entries(tabs).flatMap(([name, {el}]) => [el.sendMessage(`${name}1`), el.reply(`to ${name}`)])
      );
      await waitUntil(() => a.el.messages.length === 4 && b.el.messages.length === 4, 'both tabs have all 4');
      expect(summary(a.el)).to.deep.equal(summary(b.el));
      expect(a.el.session.id).to.equal(b.el.session.id);
      const reloaded = await reload(a.frame);
      expect(summary(reloaded).sort()).to.deep.equal(['bot:to A', 'bot:to B', 'user:A1', 'user:B1']);
      a.frame.remove();
      b.frame.remove();
      localStorage.removeItem(`chat-widget:${key}`);
    });

    it('lose nothing in rounds of 2 tabs × 100 messages, live and after reload', async () => {
      const key = uniqueKey();
      const [a, b] = await Promise.all([openTab(key), openTab(key)]);
      const sent: string[] = [];
      for (let round = 0; round < 3; round++) {
        const sends: Promise<void>[] = [];
        for (let i = 0; i < 100; i++) {
          for (const [name, tab] of [
            ['A', a],
            ['B', b],
          ] as const) {
            const text = `${name}${round}-${i}`;
            sent.push(`user:${text}`);
            sends.push(tab.el.sendMessage(text));
            // Some sends wait for the other tab's writes, some go in the same task.
            if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
          }
        }
        await Promise.all(sends);
      }
      const all = sent.length;
      await waitUntil(
        () => a.el.messages.length === all && b.el.messages.length === all,
        `both tabs have all ${all} (A ${a.el.messages.length}, B ${b.el.messages.length})`,
        {timeout: 5000}
      );
      expect(summary(a.el)).to.deep.equal(summary(b.el));
      const reloaded = await reload(a.frame);
      const lost = sent.filter((text) => !summary(reloaded).includes(text));
      expect(lost, `${lost.length} of ${all} lost after reload`).to.deep.equal([]);
      expect(summary(reloaded)).to.have.length(all);
      a.frame.remove();
      b.frame.remove();
      localStorage.removeItem(`chat-widget:${key}`);
    });

    it('converge whatever the interleaving of their sends', async () => {
      const [a, b] = await Promise.all([openTab(uniqueKey()), openTab(uniqueKey())]);
      const step = fc.record({
        tab: fc.constantFrom(0, 1),
        wait: fc.constantFrom('none', 'microtask', 'task'),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, {minLength: 1, maxLength: 12}),
          fc.boolean(),
          async (steps, fresh) => {
            const key = uniqueKey();
            if (!fresh)
              localStorage.setItem(
                `chat-widget:${key}`,
                JSON.stringify({version: 1, session: {id: key, startedAt: 1}, messages: []})
              );
            for (const tab of [a, b]) tab.el.storageKey = key;
            await Promise.all([a.el.updateComplete, b.el.updateComplete]);
            const sends = steps.map(async ({tab, wait}, i) => {
              if (wait === 'microtask') await null;
              if (wait === 'task') await new Promise((r) => setTimeout(r));
              await [a, b][tab].el.sendMessage(`m${i}`);
            });
            await Promise.all(sends);
            await waitUntil(
              () => a.el.messages.length === steps.length && b.el.messages.length === steps.length,
              'both tabs have every message'
            );
            expect(summary(a.el)).to.deep.equal(summary(b.el));
            expect(a.el.session.id).to.equal(b.el.session.id);
            await waitUntil(
              () =>
                JSON.parse(localStorage.getItem(`chat-widget:${key}`) ?? '{}').messages?.length ===
                steps.length
            );
            localStorage.removeItem(`chat-widget:${key}`);
          }
        ),
        {numRuns: 25}
      );
      a.frame.remove();
      b.frame.remove();
    });

    it('check a message another tab broadcasts like any other: an object is never rendered as markup', async () => {
      sinon.stub(console, 'warn');
      const el = await widget({open: true});
      await el.sendMessage('mine');
      const errors: string[] = [];
      el.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}:${e.detail.error.message}`));
      const markup = '<img part="injected" src="data:," onerror="window.injected = true">';
      const template = {_$litType$: 1, strings: Object.assign([markup], {raw: [markup]}), values: []};
      const channel = new BroadcastChannel(`chat-widget:${el.storageKey}`);
      const {id, startedAt} = el.session;
      channel.postMessage({
        session: {id, startedAt},
        messages: [
          ...el.messages,
          {type: 'text', text: template, id: 'evil', author: 'bot', timestamp: Date.now() + 1},
          {type: 'text', text: 'from the other tab', id: 'fine', author: 'bot', timestamp: Date.now() + 2},
        ],
      });
      channel.close();
      await waitUntil(() => el.messages.length === 2, 'the good broadcast message arrives');
      await settle(el);
      expect(bubbleTexts(el)).to.deep.equal(['mine', 'from the other tab']);
      expect(el.shadowRoot!.querySelector('img[part=injected]')).to.equal(null);
      expect((window as {injected?: boolean}).injected).to.equal(undefined);
      expect(errors).to.deep.equal(['storage:tab message [1]: text must be a non-empty string, got object']);
    });

    it('follow a reset in the other tab, and keep proactive stacks per tab', async () => {
      const key = uniqueKey();
      const [a, b] = await Promise.all([openTab(key), openTab(key)]);
      await a.el.sendMessage('before reset');
      await waitUntil(() => b.el.messages.length === 1);
      a.el.proactive.push('only in A');
      a.el.reset();
      await waitUntil(() => b.el.messages.length === 0, 'B follows the reset');
      expect(b.el.session.id).to.equal(a.el.session.id);
      expect(b.el.proactive.messages).to.have.length(0);
      expect(a.el.proactive.messages).to.have.length(1);
      a.frame.remove();
      b.frame.remove();
      localStorage.removeItem(`chat-widget:${key}`);
    });
  });
});
