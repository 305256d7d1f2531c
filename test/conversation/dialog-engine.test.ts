import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import type {Turn, TurnContext} from '../../src/index.js';
import {typingDelay} from '../../src/index.js';
import {bubbleTexts, part, parts, settle, widget} from '../helpers.js';

const texts = (el: {messages: readonly unknown[]}) =>
  el.messages.map((m) => `${(m as {author: string}).author}:${(m as {text?: string}).text ?? ''}`);

describe('dialog engine: el.bot', () => {
  afterEach(() => sinon.restore());

  it('gets turns from the composer, sendMessage and choices, with the session and a signal', async () => {
    const el = await widget({open: true});
    const turns: Array<[Turn, TurnContext]> = [];
    el.bot = (turn, context) => void turns.push([turn, context]);
    await el.sendMessage('from api');
    part(el, 'input').focus();
    part<HTMLTextAreaElement>(el, 'input').value = 'typed';
    part(el, 'input').dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    part(el, 'send').click();
    await waitUntil(() => turns.length === 2);
    expect(turns.map(([t]) => `${t.origin}:${t.text}`)).to.deep.equal(['api:from api', 'composer:typed']);
    expect(turns[0][0].message!.author).to.equal('user');
    expect(turns[0][1].signal).to.be.instanceOf(AbortSignal);
    expect(turns[1][1].session.lastMessages.map((m) => (m as unknown as {text: string}).text)).to.deep.equal([
      'from api',
      'typed',
    ]);
  });

  it('accepts sync replies, promises, arrays and an adapter object', async () => {
    const el = await widget();
    el.bot = (turn) => `echo ${turn.text}`;
    await el.sendMessage('one');
    el.bot = async (turn) => [`async ${turn.text}`, {type: 'image', url: 'https://x.test/a.png', alt: 'pic'}];
    await el.sendMessage('two');
    el.bot = {respond: (turn) => Promise.resolve(`adapter ${turn.text}`)};
    await el.sendMessage('three');
    el.bot = () => undefined;
    await el.sendMessage('four');
    expect(texts(el)).to.deep.equal([
      'user:one',
      'bot:echo one',
      'user:two',
      'bot:async two',
      'bot:',
      'user:three',
      'bot:adapter three',
      'user:four',
    ]);
    expect(() => (el.bot = 5 as never)).to.throw(
      TypeError,
      /bot must be a function or an object with a respond\(\) method/
    );
  });

  it('streams an async iterable into one bubble as it arrives, announcing it once when done', async () => {
    const el = await widget({open: true});
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    el.bot = async function* () {
      yield 'Hel';
      await gate;
      yield 'lo, ';
      yield 'world';
    };
    const announced = sinon.spy();
    el.addEventListener(
      'chat-message',
      (e) => e.detail.message.author === 'bot' && announced((e.detail.message as {text: string}).text)
    );
    const done = el.sendMessage('hi');
    await waitUntil(() => bubbleTexts(el).length === 2);
    expect(bubbleTexts(el)).to.deep.equal(['hi', 'Hel']);
    expect(announced.called).to.equal(false);
    release();
    await done;
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['hi', 'Hello, world']);
    expect(announced.args).to.deep.equal([['Hello, world']]);
  });

  it('lets a turn sent while a reply streams wait its turn', async () => {
    const el = await widget();
    const order: string[] = [];
    el.bot = async function* (turn) {
      order.push(`start ${turn.text}`);
      await new Promise((r) => setTimeout(r, 30));
      yield `reply ${turn.text}`;
      order.push(`end ${turn.text}`);
    };
    await Promise.all([el.sendMessage('first'), el.sendMessage('second')]);
    expect(order).to.deep.equal(['start first', 'end first', 'start second', 'end second']);
    expect(texts(el)).to.deep.equal(['user:first', 'user:second', 'bot:reply first', 'bot:reply second']);
  });

  it('shows typing while the engine thinks', async () => {
    const el = await widget({open: true});
    let answer!: (v: string) => void;
    el.bot = () => new Promise<string>((r) => (answer = r));
    const typing: boolean[] = [];
    el.addEventListener('chat-typing', (e) => typing.push(e.detail.typing));
    const done = el.sendMessage('hi');
    await waitUntil(() => parts(el, 'typing').length);
    answer('done');
    await done;
    expect(typing).to.deep.equal([true, false]);
  });

  for (const [name, engine] of [
    [
      'throws',
      () => {
        throw new Error('backend down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('backend down'))],
    [
      'fails mid-stream',
      async function* () {
        yield 'partial';
        throw new Error('backend down');
      },
    ],
  ] as const) {
    it(`marks the visitor message "not delivered" when the engine ${name}, and retry works`, async () => {
      sinon.stub(console, 'warn');
      const el = await widget({open: true});
      el.bot = engine as never;
      const error = oneEvent(el, 'chat-error');
      await el.sendMessage('hello');
      expect((await error).detail).to.include({source: 'bot'});
      await el.updateComplete;
      expect(el.messages.map((m) => m.status)).to.deep.equal(['failed']);
      const failed = el.shadowRoot!.querySelector('.failed')!;
      expect(failed.textContent).to.contain('Not delivered');
      el.bot = (turn) => `got ${turn.text} (${turn.origin})`;
      failed.querySelector('button')!.click();
      await waitUntil(() => el.messages.length === 2);
      await el.updateComplete;
      expect(texts(el)).to.deep.equal(['user:hello', 'bot:got hello (retry)']);
      expect(el.messages[0].status).to.equal(undefined);
      expect(el.shadowRoot!.querySelector('.failed')).to.equal(null);
    });
  }

  it('reports an engine reply that is not a message, keeping the transcript', async () => {
    sinon.stub(console, 'warn');
    const el = await widget();
    el.bot = () => ({type: 'sticker'}) as never;
    const error = oneEvent(el, 'chat-error');
    await el.sendMessage('hi');
    expect((await error).detail.error.message).to.match(/type must be/);
    expect(texts(el)).to.deep.equal(['user:hi']);
  });

  it('aborts the signal and drops pending output on reset()', async () => {
    const el = await widget();
    let signal!: AbortSignal;
    el.bot = (_turn, context) => {
      signal = context.signal;
      // Late enough that the turn is still waiting when reset() comes.
      return new Promise((r) => setTimeout(() => r('late'), 1000));
    };
    const done = el.sendMessage('hi');
    await waitUntil(() => signal);
    el.reset();
    expect(signal.aborted).to.equal(true);
    await done;
    await settle(el);
    expect(el.messages).to.have.length(0);
  });

  it('works with no engine: a page answers through chat-message and reply()', async () => {
    const el = await widget();
    el.addEventListener('chat-message', (e) => {
      if (e.detail.message.author === 'user') void el.reply('Page answer');
    });
    await el.sendMessage('hi');
    await waitUntil(() => el.messages.length === 2);
    expect(texts(el)).to.deep.equal(['user:hi', 'bot:Page answer']);
  });
});

describe('reply queue and typing time', () => {
  it('shows replies in order, each after its own typing time', async () => {
    const el = await widget();
    const slow = el.reply('first', {typing: 40});
    const fast = el.reply('second');
    await Promise.all([slow, fast]);
    expect(texts(el)).to.deep.equal(['bot:first', 'bot:second']);
  });

  it('bases typing: true on text length, capped at 1.5 s', () => {
    const short = typingDelay([{type: 'text', text: 'hi'}], true);
    const longer = typingDelay([{type: 'text', text: 'hi there, how can I help?'}], true);
    expect(short).to.be.within(300, 800);
    expect(longer).to.be.greaterThan(short);
    expect(typingDelay([{type: 'text', text: 'x'.repeat(500)}], true)).to.equal(1500);
    expect(typingDelay([{type: 'text', text: 'hi'}], 250)).to.equal(250);
    expect(typingDelay([{type: 'text', text: 'hi'}], -5)).to.equal(0);
    expect(typingDelay([{type: 'text', text: 'hi'}], false)).to.equal(0);
    expect(typingDelay([{type: 'text', text: 'hi'}], undefined)).to.equal(0);
  });

  it('bases typing: true on what is said, not on the message object around it', () => {
    const hi = typingDelay([{type: 'text', text: 'Hi'}], true);
    expect(hi).to.be.below(500);
    const longUrl = `https://example.com/${'x'.repeat(200)}.png`;
    expect(typingDelay([{type: 'image', url: longUrl, alt: 'Hi'}], true)).to.equal(hi);
    const buttons = [{label: 'Yes', payload: 'a long payload the visitor never reads'}];
    expect(typingDelay([{type: 'choice', text: 'Hi', buttons}], true)).to.equal(hi);
  });

  it('uses the length-based time for typing: true', async () => {
    const el = await widget();
    const clock = sinon.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
    try {
      const delay = typingDelay([{type: 'text', text: 'hello'}], true);
      const done = el.reply('hello', {typing: true});
      await clock.tickAsync(delay - 1);
      expect(el.messages).to.have.length(0);
      await clock.tickAsync(2);
      await done;
      expect(el.messages).to.have.length(1);
    } finally {
      clock.restore();
    }
  });
});
