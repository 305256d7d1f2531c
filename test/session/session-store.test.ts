import {expect, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatMessage} from '../../src/messages/message.js';
import {
  mergeMessages,
  SCHEMA_VERSION,
  SessionStore,
  STORED_MESSAGE_LIMIT,
  type SessionState,
} from '../../src/session/session-store.js';
import {uniqueKey} from '../helpers.js';

const message = (id: string, timestamp: number, text = id): ChatMessage => ({
  id,
  type: 'text',
  text,
  author: 'user',
  timestamp,
});

/** A Storage whose methods can be made to throw, with an optional quota in characters. */
class FakeStorage implements Storage {
  data = new Map<string, string>();
  failWrites = false;
  failReads = false;
  quota = Infinity;
  writes = 0;
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(k: string) {
    if (this.failReads) throw new DOMException('denied', 'SecurityError');
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new DOMException('flaky disk', 'UnknownError');
    const used = [...this.data].reduce((sum, [key, value]) => sum + (key === k ? 0 : value.length), 0);
    if (used + v.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.writes++;
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const store = (storage: Storage, onError = sinon.spy(), key = 'k', onRemoteChange = sinon.spy()) =>
  new SessionStore({persistence: 'session', key, storage, onError, onRemoteChange});

const stored = (storage: FakeStorage, key = 'k') => JSON.parse(storage.getItem(`chat-widget:${key}`)!);
const ids = (state: {messages: readonly ChatMessage[]}) => state.messages.map((m) => m.id);

describe('session store', () => {
  afterEach(() => sinon.restore());

  it('writes a versioned record and reads it back', () => {
    const storage = new FakeStorage();
    const s = store(storage);
    const state = {session: {id: 's1', startedAt: 5}, messages: [message('a', 1)]};
    s.save(state);
    s.flush();
    expect(stored(storage).version).to.equal(SCHEMA_VERSION);
    expect(store(storage).read()).to.deep.equal(state);
  });

  it('batches the saves of one task into one write', async () => {
    const storage = new FakeStorage();
    const s = store(storage);
    const messages: ChatMessage[] = [];
    for (let i = 0; i < 500; i++) {
      messages.push(message(`m${i}`, i));
      s.save({session: {id: 's', startedAt: 1}, messages});
    }
    expect(storage.writes).to.equal(0);
    await new Promise((r) => setTimeout(r, 10));
    expect(storage.writes).to.equal(1);
    expect(stored(storage).messages).to.have.length(500);
  });

  it('unites what another writer stored for the same session, and says what it found', () => {
    const storage = new FakeStorage();
    const first = store(storage);
    first.save({session: {id: 's', startedAt: 1}, messages: [message('a', 1), message('c', 3)]});
    first.flush();
    const onRemoteChange = sinon.spy();
    const second = store(storage, sinon.spy(), 'k', onRemoteChange);
    second.save({session: {id: 's', startedAt: 1}, messages: [message('b', 2)]});
    second.flush();
    expect(ids(stored(storage))).to.deep.equal(['a', 'b', 'c']);
    expect(ids(onRemoteChange.firstCall.args[0])).to.deep.equal(['a', 'b', 'c']);
  });

  it('lets a new tab join the stored session instead of replacing it', () => {
    const storage = new FakeStorage();
    const first = store(storage);
    first.save({session: {id: 'older', startedAt: 1}, messages: [message('a', 1)]});
    first.flush();
    const onRemoteChange = sinon.spy();
    const second = store(storage, sinon.spy(), 'k', onRemoteChange);
    second.save({session: {id: 'newer', startedAt: 2}, messages: [message('b', 2)]});
    second.flush();
    expect(stored(storage).session.id).to.equal('older');
    expect(ids(stored(storage))).to.deep.equal(['a', 'b']);
    expect(onRemoteChange.firstCall.args[0].session.id).to.equal('older');
  });

  it('replaces on reset and keeps at most the newest messages', () => {
    const storage = new FakeStorage();
    const s = store(storage);
    s.save({session: {id: 'a', startedAt: 1}, messages: [message('x', 1)]});
    s.flush();
    s.save({session: {id: 'a', startedAt: 1}, messages: []}, {replace: true});
    s.flush();
    expect(s.read()!.messages).to.deep.equal([]);
    const many = Array.from({length: STORED_MESSAGE_LIMIT + 5}, (_, i) => message(String(i), i));
    s.save({session: {id: 'a', startedAt: 1}, messages: many});
    s.flush();
    expect(s.read()!.messages).to.have.length(STORED_MESSAGE_LIMIT);
    expect(s.read()!.messages[0].id).to.equal('5');
  });

  it('reports unreadable data once, leaves it until something new is written, then keeps it aside', () => {
    for (const raw of [
      '{not json',
      JSON.stringify({version: 99, session: {id: 's', startedAt: 1}, messages: []}),
      '{"version":1}',
      '[null]',
      'null',
    ]) {
      const storage = new FakeStorage();
      storage.setItem('chat-widget:k', raw);
      const onError = sinon.spy();
      const s = store(storage, onError);
      expect(s.read(), raw).to.equal(undefined);
      expect(s.read(), raw).to.equal(undefined);
      expect(storage.getItem('chat-widget:k'), raw).to.equal(raw);
      expect(onError.callCount, raw).to.equal(1);
      expect(onError.firstCall.args[0].message).to.match(/kept under "chat-widget:k:unreadable"/);
      s.save({session: {id: 'new', startedAt: 2}, messages: [message('m', 1)]});
      s.flush();
      expect(ids(s.read()!), raw).to.deep.equal(['m']);
      expect(storage.getItem('chat-widget:k:unreadable'), raw).to.equal(raw);
      expect(onError.callCount, raw).to.equal(1);
    }
  });

  it('keeps the valid messages of a damaged record and reports each bad one once, by field', () => {
    const storage = new FakeStorage();
    const raw = JSON.stringify({
      version: 1,
      session: {id: 's', startedAt: 1},
      messages: [
        message('a', 1),
        null,
        {...message('b', 2), text: {_$litType$: 1}},
        {...message('c', 3), timestamp: '3'},
        {type: 'text', text: 'no id', author: 'bot', timestamp: 4},
        message('d', 5),
      ],
    });
    storage.setItem('chat-widget:k', raw);
    const onError = sinon.spy();
    const s = store(storage, onError);
    expect(ids(s.read()!)).to.deep.equal(['a', 'd']);
    expect(onError.args.map(([error]) => error.message.replace(/;.*/, ''))).to.deep.equal([
      'storage message [1]: a message must be a string or an object, got null',
      'storage message [2]: text must be a non-empty string, got object',
      'storage message [3]: timestamp must be a finite number, got "3"',
      'storage message [4]: id must be a non-empty string, got undefined',
    ]);
    s.read();
    expect(onError.callCount).to.equal(4);
    expect(storage.getItem('chat-widget:k')).to.equal(raw);
    s.save({session: {id: 's', startedAt: 1}, messages: [...s.read()!.messages, message('e', 6)]});
    s.flush();
    expect(ids(stored(storage))).to.deep.equal(['a', 'd', 'e']);
    expect(storage.getItem('chat-widget:k:unreadable')).to.equal(raw);
  });

  it('recovers after a transient write fault: reported once, retried, nothing lost', async () => {
    const clock = sinon.useFakeTimers();
    const storage = new FakeStorage();
    const onError = sinon.spy();
    const s = store(storage, onError);
    const messages = [message('a', 1)];
    const state = {session: {id: 's', startedAt: 1}, messages};
    storage.failWrites = true;
    s.save(state);
    await clock.tickAsync(1);
    messages.push(message('b', 2));
    s.save(state);
    await clock.tickAsync(1);
    expect(storage.getItem('chat-widget:k')).to.equal(null);
    storage.failWrites = false;
    await clock.tickAsync(5000);
    expect(ids(stored(storage))).to.deep.equal(['a', 'b']);
    expect(onError.callCount).to.equal(1);
    expect(onError.firstCall.args[0].name).to.equal('UnknownError');
    messages.push(message('c', 3));
    s.save(state);
    await clock.tickAsync(1);
    expect(ids(stored(storage))).to.deep.equal(['a', 'b', 'c']);
  });

  it('stores what fits when one message is too large for the quota, reporting once', () => {
    const storage = new FakeStorage();
    storage.quota = 50_000;
    const onError = sinon.spy();
    const s = store(storage, onError);
    const messages = [message('a', 1), {...message('huge', 2), text: 'x'.repeat(60_000)}];
    const state = {session: {id: 's', startedAt: 1}, messages};
    s.save(state);
    s.flush();
    for (let i = 0; i < 8; i++) {
      messages.push(message(`later${i}`, 3 + i));
      s.save(state);
      s.flush();
    }
    expect(ids(stored(storage))).to.deep.equal(['a', ...Array.from({length: 8}, (_, i) => `later${i}`)]);
    expect(onError.callCount).to.equal(1);
    expect(onError.firstCall.args[0].name).to.equal('QuotaExceededError');
  });

  it('never writes over a record it cannot read now', () => {
    const storage = new FakeStorage();
    storage.failReads = true;
    const onError = sinon.spy();
    const s = store(storage, onError);
    expect(s.read()).to.equal(undefined);
    s.save({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]});
    s.flush();
    expect(storage.data.size).to.equal(0);
    expect(onError.callCount).to.equal(1);
    storage.failReads = false;
    s.flush();
    expect(ids(stored(storage))).to.deep.equal(['m']);
  });

  it('keeps nothing with memory persistence', () => {
    const s = new SessionStore({
      persistence: 'memory',
      key: uniqueKey(),
      onError: () => {},
      onRemoteChange: () => {},
    });
    s.save({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]});
    s.flush();
    expect(s.read()).to.equal(undefined);
  });

  it('writes what is pending when the page hides', () => {
    const storage = new FakeStorage();
    const s = store(storage);
    s.save({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]});
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(ids(stored(storage))).to.deep.equal(['m']);
    s.close();
  });

  it('tells other stores of the same key in local persistence, under a lock', async () => {
    const key = uniqueKey();
    const received: SessionState[] = [];
    const a = new SessionStore({persistence: 'local', key, onError: () => {}, onRemoteChange: () => {}});
    const b = new SessionStore({
      persistence: 'local',
      key,
      onError: () => {},
      onRemoteChange: (s) => received.push(s),
    });
    const request = sinon.spy(navigator.locks, 'request');
    a.save({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]});
    await waitUntil(() => received.length, 'b hears of the write');
    expect(request.firstCall.args[0]).to.equal(`chat-widget:${key}`);
    expect(received.map(ids)).to.deep.equal([['m']]);
    a.close();
    b.close();
    localStorage.removeItem(`chat-widget:${key}`);
  });

  it('checks what another tab broadcasts like any message, keeping the good ones', async () => {
    const key = uniqueKey();
    const received: SessionState[] = [];
    const onError = sinon.spy();
    const s = new SessionStore({persistence: 'local', key, onError, onRemoteChange: (x) => received.push(x)});
    const channel = new BroadcastChannel(`chat-widget:${key}`);
    channel.postMessage({
      session: {id: 's', startedAt: 1},
      messages: [
        message('good', 1),
        {...message('bad', 2), text: {_$litType$: 1, strings: ['<b>'], values: []}},
      ],
    });
    channel.postMessage({session: 'nonsense'});
    await waitUntil(() => onError.callCount === 2, 'both broadcasts checked');
    expect(received.map(ids)).to.deep.equal([['good']]);
    expect(onError.args.map(([e]) => e.message)).to.deep.equal([
      'tab message [1]: text must be a non-empty string, got object',
      'tab: not a session ({session: {id, startedAt}, messages: [...]})',
    ]);
    channel.close();
    s.close();
  });

  it('merges by id, the preferred side winning, in timestamp order', () => {
    const merged = mergeMessages(
      [message('a', 2, 'old'), message('b', 1)],
      [message('a', 2, 'new'), message('c', 0)]
    );
    expect(merged.map((m) => `${m.id}:${(m as {text: string}).text}`)).to.deep.equal(['c:c', 'b:b', 'a:new']);
  });
});
