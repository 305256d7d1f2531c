import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {uniqueKey, widget} from '../helpers.js';

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

    it('never overwrites corrupt or other-version data it could not read', async () => {
      sinon.stub(console, 'warn');
      for (const stored of [
        '{broken',
        JSON.stringify({version: 2, session: {id: 'x', startedAt: 1}, messages: []}),
      ]) {
        const key = uniqueKey();
        localStorage.setItem(`chat-widget:${key}`, stored);
        const errors: string[] = [];
        const el = await widget({'storage-key': key}, (w) =>
          w.addEventListener('chat-error', (e) => errors.push(e.detail.error.message))
        );
        await el.sendMessage('new message');
        expect(summary(el)).to.deep.equal(['user:new message']);
        expect(localStorage.getItem(`chat-widget:${key}`)).to.equal(stored);
        expect(errors).to.have.length(1);
        expect(errors[0]).to.match(/left untouched/);
        localStorage.removeItem(`chat-widget:${key}`);
      }
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
