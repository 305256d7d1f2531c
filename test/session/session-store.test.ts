import {expect} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatMessage} from '../../src/messages/message.js';
import {
  mergeMessages,
  SCHEMA_VERSION,
  SessionStore,
  STORED_MESSAGE_LIMIT,
} from '../../src/session/session-store.js';
import {uniqueKey} from '../helpers.js';

const message = (id: string, timestamp: number, text = id): ChatMessage => ({
  id,
  type: 'text',
  text,
  author: 'user',
  timestamp,
});

/** A Storage whose methods can be made to throw. */
class FakeStorage implements Storage {
  data = new Map<string, string>();
  failWrites = false;
  failReads = false;
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
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const store = (storage: Storage, onError = sinon.spy(), key = 'k') =>
  new SessionStore({persistence: 'session', key, storage, onError, onRemoteChange: () => {}});

describe('session store', () => {
  it('writes a versioned record and reads it back', () => {
    const storage = new FakeStorage();
    const s = store(storage);
    const state = {session: {id: 's1', startedAt: 5}, messages: [message('a', 1)]};
    s.write(state);
    expect(JSON.parse(storage.getItem('chat-widget:k')!).version).to.equal(SCHEMA_VERSION);
    expect(store(storage).read()).to.deep.equal(state);
  });

  it('unites what another writer stored for the same session', () => {
    const storage = new FakeStorage();
    store(storage).write({session: {id: 's', startedAt: 1}, messages: [message('a', 1), message('c', 3)]});
    const merged = store(storage).write({session: {id: 's', startedAt: 1}, messages: [message('b', 2)]});
    expect(merged.messages.map((m) => m.id)).to.deep.equal(['a', 'b', 'c']);
  });

  it('replaces on reset and keeps at most the newest messages', () => {
    const storage = new FakeStorage();
    const s = store(storage);
    s.write({session: {id: 'a', startedAt: 1}, messages: [message('x', 1)]});
    s.write({session: {id: 'a', startedAt: 1}, messages: []}, {replace: true});
    expect(s.read()!.messages).to.deep.equal([]);
    const many = Array.from({length: STORED_MESSAGE_LIMIT + 5}, (_, i) => message(String(i), i));
    s.write({session: {id: 'a', startedAt: 1}, messages: many});
    expect(s.read()!.messages).to.have.length(STORED_MESSAGE_LIMIT);
    expect(s.read()!.messages[0].id).to.equal('5');
  });

  it('leaves corrupt data and other schema versions untouched, reports once, and works in memory', () => {
    for (const raw of [
      '{not json',
      JSON.stringify({version: 99, session: {id: 's', startedAt: 1}, messages: []}),
      '{"version":1}',
    ]) {
      const storage = new FakeStorage();
      storage.setItem('chat-widget:k', raw);
      const onError = sinon.spy();
      const s = store(storage, onError);
      expect(s.read()).to.equal(undefined);
      s.write({session: {id: 'new', startedAt: 2}, messages: [message('m', 1)]});
      expect(s.read()).to.equal(undefined);
      expect(storage.getItem('chat-widget:k'), raw).to.equal(raw);
      expect(onError.callCount).to.equal(1);
      expect(onError.firstCall.args[0].message).to.match(/left untouched/);
    }
  });

  it('survives storage that throws on read or is full, reporting once', () => {
    const storage = new FakeStorage();
    storage.failReads = true;
    const onError = sinon.spy();
    const s = store(storage, onError);
    expect(s.read()).to.equal(undefined);
    expect(s.write({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]}).messages).to.have.length(
      1
    );
    expect(onError.callCount).to.equal(1);

    const full = new FakeStorage();
    full.failWrites = true;
    const onFull = sinon.spy();
    const f = store(full, onFull);
    f.write({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]});
    f.write({session: {id: 'a', startedAt: 1}, messages: [message('n', 2)]});
    expect(onFull.callCount).to.equal(1);
    expect(onFull.firstCall.args[0].name).to.equal('QuotaExceededError');
  });

  it('keeps nothing with memory persistence', () => {
    const s = new SessionStore({
      persistence: 'memory',
      key: uniqueKey(),
      onError: () => {},
      onRemoteChange: () => {},
    });
    s.write({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]});
    expect(s.read()).to.equal(undefined);
  });

  it('tells other stores of the same key in local persistence', async () => {
    const key = uniqueKey();
    const received: unknown[] = [];
    const a = new SessionStore({persistence: 'local', key, onError: () => {}, onRemoteChange: () => {}});
    const b = new SessionStore({
      persistence: 'local',
      key,
      onError: () => {},
      onRemoteChange: (s) => received.push(s),
    });
    a.write({session: {id: 'a', startedAt: 1}, messages: [message('m', 1)]});
    await new Promise((r) => setTimeout(r, 50));
    expect(received).to.have.length(1);
    a.close();
    b.close();
    localStorage.removeItem(`chat-widget:${key}`);
  });

  it('merges by id, the preferred side winning, in timestamp order', () => {
    const merged = mergeMessages(
      [message('a', 2, 'old'), message('b', 1)],
      [message('a', 2, 'new'), message('c', 0)]
    );
    expect(merged.map((m) => `${m.id}:${(m as {text: string}).text}`)).to.deep.equal(['c:c', 'b:b', 'a:new']);
  });
});
