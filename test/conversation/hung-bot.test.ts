import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';
import {bubbleTexts, part, parts, settle, widget} from '../helpers.js';

const texts = (el: ChatWidget) =>
  el.messages.map(
    (m) => `${m.author}:${messageText(m)}${m.status ? ` (${m.status})` : ''}`
  );

const never = () => new Promise<never>(() => undefined);

describe('bots that hang: reply-timeout', () => {
  afterEach(() => sinon.restore());

  it('defaults to 30 s, counted from the turn start, and is set by the reply-timeout attribute', async () => {
    sinon.stub(console, 'warn');
    const el = await widget({open: true});
    expect(el.replyTimeout).to.equal(30000);
    el.bot = never;
    const clock = sinon.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
    try {
      const done = el.sendMessage('hello?');
      await clock.tickAsync(29_990);
      expect(el.messages[0].status).to.equal(undefined);
      await el.updateComplete;
      expect(parts(el, 'typing')).to.have.length(1);
      const error = oneEvent(el, 'chat-error');
      await clock.tickAsync(20);
      expect((await error).detail.error.message).to.equal(
        'The bot timed out after 30000 ms without any output'
      );
      await done;
    } finally {
      clock.restore();
    }
    const other = await widget({'reply-timeout': '1500'});
    expect(other.replyTimeout).to.equal(1500);
  });

  it('ends typing, marks the message "Not delivered · Retry", reports, aborts the signal and frees the queue', async () => {
    const warn = sinon.stub(console, 'warn');
    const el = await widget({open: true, 'reply-timeout': '80'});
    const signals: AbortSignal[] = [];
    el.bot = (turn, context) => {
      signals.push(context.signal);
      // Only the first call hangs: the retry is answered.
      return signals.length === 1 ? never() : `answer to ${turn.text}`;
    };
    const typing: boolean[] = [];
    el.addEventListener('chat-typing', (e) => typing.push(e.detail.typing));
    const error = oneEvent(el, 'chat-error');
    const first = el.sendMessage('first');
    const second = el.sendMessage('second');
    const {detail} = await error;
    expect(detail.source).to.equal('bot');
    expect(detail.error).to.be.instanceOf(Error);
    expect(detail.error.message).to.equal('The bot timed out after 80 ms without any output');
    expect(warn.calledWithMatch('timed out after 80 ms')).to.equal(true);
    await Promise.all([first, second]);
    await el.updateComplete;
    expect(signals[0].aborted).to.equal(true);
    expect(texts(el)).to.deep.equal(['user:first (failed)', 'user:second', 'bot:answer to second']);
    expect(typing).to.deep.equal([true, false, true, false]);
    expect(parts(el, 'typing')).to.have.length(0);
    const failed = el.shadowRoot!.querySelector('.failed')!;
    expect(failed.textContent).to.contain('Not delivered');
    failed.querySelector('button')!.click();
    await waitUntil(() => el.messages.length === 4);
    expect(texts(el).slice(-1)).to.deep.equal(['bot:answer to first']);
  });

  it('counts the timeout from the last streamed chunk, and keeps a stalled stream, marked incomplete', async () => {
    sinon.stub(console, 'warn');
    const el = await widget({open: true, 'reply-timeout': '150'});
    el.bot = async function* () {
      // Each chunk comes well within the timeout, the whole stream takes longer than it.
      for (const chunk of ['One, ', 'two, ', 'three, ', 'four']) {
        await new Promise((resolve) => setTimeout(resolve, 60));
        yield chunk;
      }
    };
    await el.sendMessage('count');
    expect(texts(el)).to.deep.equal(['user:count', 'bot:One, two, three, four']);

    el.bot = async function* () {
      yield 'It was a dark and stormy';
      await never();
    };
    const error = oneEvent(el, 'chat-error');
    await el.sendMessage('story');
    expect((await error).detail.error.message).to.match(/timed out after 150 ms/);
    await el.updateComplete;
    expect(texts(el).slice(2)).to.deep.equal([
      'user:story (failed)',
      'bot:It was a dark and stormy (incomplete)',
    ]);
    expect(bubbleTexts(el).slice(-1)).to.deep.equal(['It was a dark and stormy']);
    expect(parts(el, 'message').at(-1)!.querySelector('.note')!.textContent).to.equal('Incomplete');
  });

  it('reports a bad reply-timeout and keeps the default', async () => {
    sinon.stub(console, 'warn');
    const el = await widget();
    const error = oneEvent(el, 'chat-error');
    el.setAttribute('reply-timeout', 'soon');
    const {detail} = await error;
    expect(detail.source).to.equal('attribute');
    expect(detail.error.message).to.match(/reply-timeout must be a number of ms/);
    expect(el.replyTimeout).to.equal(30000);
  });

  const thrown: Array<[string, () => unknown, RegExp]> = [
    ['a null-prototype object', () => Object.create(null), /^The bot failed: \{\}$/],
    [
      'a Proxy that throws from every trap',
      () =>
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
            getPrototypeOf: () => {
              throw new Error('trap');
            },
            ownKeys: () => {
              throw new Error('trap');
            },
          }
        ),
      /^The bot failed: a value it could not describe \(object\)$/,
    ],
    ['a string', () => 'plain text', /^The bot failed: plain text$/],
    ['a number', () => 42, /^The bot failed: 42$/],
    ['undefined', () => undefined, /^The bot failed: undefined$/],
    ['a symbol', () => Symbol('odd'), /^The bot failed: Symbol\(odd\)$/],
  ];
  for (const [name, make, message] of thrown) {
    for (const how of ['throws', 'rejects with', 'streams then throws']) {
      it(`reports an engine that ${how} ${name} as a readable Error; sendMessage() resolves`, async () => {
        sinon.stub(console, 'warn');
        const el = await widget({open: true});
        el.bot =
          how === 'throws'
            ? () => {
                throw make();
              }
            : how === 'rejects with'
              ? () => Promise.reject(make())
              : async function* () {
                  yield 'partial';
                  throw make();
                };
        const errors: Array<{error: Error; source: string}> = [];
        el.addEventListener('chat-error', (e) => errors.push(e.detail));
        await el.sendMessage('hi');
        expect(errors).to.have.length(1);
        expect(errors[0].source).to.equal('bot');
        expect(errors[0].error).to.be.instanceOf(Error);
        expect(errors[0].error.message).to.match(message);
        await el.updateComplete;
        expect(texts(el)).to.deep.equal(['user:hi (failed)']);
        expect(parts(el, 'typing')).to.have.length(0);
      });
    }
  }

  it('reports a reply that is a throwing Proxy, and answers the next turn', async () => {
    sinon.stub(console, 'warn');
    const el = await widget();
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new TypeError('no');
        },
      }
    );
    el.bot = (turn) => (turn.text === 'bad' ? (hostile as never) : 'good');
    const errors = sinon.spy();
    el.addEventListener('chat-error', errors);
    await el.sendMessage('bad');
    await el.sendMessage('next');
    expect(errors.callCount).to.equal(1);
    expect(texts(el)).to.deep.equal(['user:bad (failed)', 'user:next', 'bot:good']);
  });
});

describe('lifecycles', () => {
  afterEach(() => sinon.restore());

  async function halfStreamed(attributes: Record<string, string | boolean> = {open: true}) {
    const el = await widget(attributes);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    el.bot = async function* () {
      yield 'Aborted half ';
      await gate;
      yield 'and the rest';
    };
    const done = el.sendMessage('hi');
    await waitUntil(() => bubbleTexts(el).length === 2);
    return {el, release, done};
  }

  it('reset() mid-stream discards the half-streamed text everywhere', async () => {
    const {el, release, done} = await halfStreamed();
    el.reset();
    await done;
    await el.updateComplete;
    expect(parts(el, 'message')).to.have.length(0);
    release();
    await settle(el);
    expect(parts(el, 'message')).to.have.length(0);
    el.bot = async function* () {
      yield 'Fresh answer';
    };
    await el.sendMessage('again');
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['again', 'Fresh answer']);
    // Writes are batched: wait for the one that holds the answer.
    const key = `chat-widget:${el.storageKey}`;
    await waitUntil(() => localStorage.getItem(key)?.includes('Fresh answer'), 'the answer is stored');
    const stored = localStorage.getItem(key)!;
    expect(stored).to.not.contain('Aborted half');
  });

  it('removal mid-stream discards the half-streamed text, in the DOM and in storage', async () => {
    const {el, release, done} = await halfStreamed();
    const key = `chat-widget:${el.storageKey}`;
    el.remove();
    await new Promise((resolve) => setTimeout(resolve));
    await done;
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(localStorage.getItem(key)).to.not.contain('Aborted half');
    document.body.append(el);
    await oneEvent(el, 'chat-ready');
    await el.show();
    expect(bubbleTexts(el)).to.deep.equal(['hi']);
    el.remove();
  });

  it('keeps a reply in flight when the element is moved mid-stream', async () => {
    const {el, release, done} = await halfStreamed();
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    release();
    await done;
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['hi', 'Aborted half and the rest']);
  });

  it('does not pile up abort listeners over many replies with a typing delay', async () => {
    const el = await widget();
    const added = new Map<EventTarget, number>();
    const count = (delta: number) =>
      function (this: EventTarget, type: string) {
        if (type === 'abort') added.set(this, (added.get(this) ?? 0) + delta);
      };
    const add = sinon.stub(AbortSignal.prototype, 'addEventListener').callsFake(function (
      this: AbortSignal,
      ...args
    ) {
      count(1).call(this, args[0]);
      return add.wrappedMethod.apply(this, args);
    });
    const remove = sinon.stub(AbortSignal.prototype, 'removeEventListener').callsFake(function (
      this: AbortSignal,
      ...args
    ) {
      count(-1).call(this, args[0]);
      return remove.wrappedMethod.apply(this, args);
    });
    const clock = sinon.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
    try {
      const replies = Array.from({length: 500}, (_, i) => el.reply(`reply ${i}`, {typing: 1}));
      await clock.tickAsync(1000);
      await Promise.all(replies);
    } finally {
      clock.restore();
    }
    expect(el.messages).to.have.length(500);
    expect(Math.max(0, ...added.values())).to.be.at.most(1);
  });

  it("keeps 'ok' from ['ok', null, 5] and reports the bad items alone", async () => {
    sinon.stub(console, 'warn');
    const el = await widget({open: true});
    el.bot = () => ['ok', null, 5] as never;
    const errors: string[] = [];
    el.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}: ${e.detail.error.message}`));
    await el.sendMessage('hi');
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['user:hi', 'bot:ok']);
    expect(errors).to.deep.equal([
      'bot: bot message [1]: a message must be a string or an object, got null',
      'bot: bot message [2]: a message must be a string or an object, got number',
    ]);
    expect(part(el, 'transcript').querySelector('.failed')).to.equal(null);
  });
});
