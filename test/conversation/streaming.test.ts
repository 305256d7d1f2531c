import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {animationsDone, bubbleTexts, part, parts, settle, widget} from '../helpers.js';

/** A stream the test feeds chunk by chunk, recording the signal it was given. */
function controlledStream() {
  const queue: Array<string | null> = [];
  let wake: (() => void) | undefined;
  const state: {signal?: AbortSignal} = {};
  const send = (chunk: string | null) => {
    queue.push(chunk);
    wake?.();
  };
  async function* engine(_turn: unknown, context: {signal: AbortSignal}) {
    state.signal = context.signal;
    for (;;) {
      while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      const chunk = queue.shift()!;
      if (chunk === null) return;
      yield chunk;
    }
  }
  return {engine, send, state};
}

const transcriptOf = (el: ChatWidget) => part(el, 'transcript');
const atBottom = (node: HTMLElement) => node.scrollHeight - node.scrollTop - node.clientHeight < 2;
/** Waits for the transcript's scroll event (scroll events are dispatched with the next frame). */
const scrolled = (node: HTMLElement) =>
  new Promise((resolve) => node.addEventListener('scroll', resolve, {once: true}));

describe('streaming replies', () => {
  afterEach(() => sinon.restore());

  it('shows typing until the first token, then grows one bubble outside the live region, announced once', async () => {
    const el = await widget({open: true});
    const {engine, send} = controlledStream();
    el.bot = engine as never;
    const done = el.sendMessage('hi');
    await waitUntil(() => parts(el, 'typing').length === 1);
    expect(parts(el, 'message')).to.have.length(1);
    send('Hel');
    await waitUntil(() => bubbleTexts(el).length === 2);
    expect(parts(el, 'typing')).to.have.length(0);
    const growing = parts(el, 'message')[1];
    // The log's politeness does not reach the growing bubble: it is not read token by token.
    expect(growing.closest('[aria-live]')!.getAttribute('aria-live')).to.equal('off');
    send('lo');
    await waitUntil(() => bubbleTexts(el)[1] === 'Hello');
    expect(parts(el, 'message')[1]).to.equal(growing);
    send(null);
    await done;
    await el.updateComplete;
    const finished = parts(el, 'message')[1];
    expect(bubbleTexts(el)).to.deep.equal(['hi', 'Hello']);
    // The finished message is added to the log itself, so it is announced once, whole.
    expect(finished.parentElement).to.equal(transcriptOf(el));
    expect(finished.closest('[aria-live]')?.getAttribute('aria-live') ?? 'polite').to.not.equal('off');
    expect(transcriptOf(el).querySelector('.stream')!.children).to.have.length(0);
  });

  it('follows the stream while the visitor is at the bottom', async () => {
    const el = await widget({open: true});
    await el.reply(Array.from({length: 30}, (_, i) => `Earlier message ${i}`));
    await settle(el);
    const transcript = transcriptOf(el);
    expect(atBottom(transcript)).to.equal(true);
    const {engine, send} = controlledStream();
    el.bot = engine as never;
    const done = el.sendMessage('tell me a story');
    for (let line = 0; line < 20; line++) {
      send(`Line ${line} of a long streamed answer.\n`);
      await waitUntil(() => bubbleTexts(el).at(-1)!.includes(`Line ${line} `));
      await el.updateComplete;
      expect(atBottom(transcript), `at line ${line}`).to.equal(true);
    }
    send(null);
    await done;
    await el.updateComplete;
    expect(atBottom(transcript)).to.equal(true);
  });

  it('leaves a visitor who scrolled up where they are, through the stream and its end', async () => {
    const el = await widget({open: true});
    await el.reply(Array.from({length: 30}, (_, i) => `Earlier message ${i}`));
    await settle(el);
    const transcript = transcriptOf(el);
    const {engine, send} = controlledStream();
    el.bot = engine as never;
    const done = el.sendMessage('tell me a story');
    send('First line.\n');
    await waitUntil(() => bubbleTexts(el).at(-1) === 'First line.');
    await el.updateComplete;
    const event = scrolled(transcript);
    transcript.scrollTop = 100;
    await event;
    for (let line = 0; line < 10; line++) send(`More text ${line}.\n`);
    await waitUntil(() => bubbleTexts(el).at(-1)!.includes('More text 9'));
    await el.updateComplete;
    expect(transcript.scrollTop).to.equal(100);
    send(null);
    await done;
    await settle(el);
    expect(transcript.scrollTop).to.equal(100);
    // Back at the bottom, it follows again.
    const back = scrolled(transcript);
    transcript.scrollTop = transcript.scrollHeight;
    await back;
    await el.reply('And one more');
    await el.updateComplete;
    expect(atBottom(transcript)).to.equal(true);
  });

  it('has a Stop control, reached by keyboard, that aborts the turn and keeps what arrived, marked incomplete', async () => {
    const el = await widget({open: true});
    // Past the panel's opening animation, whose fading colours axe would measure.
    await el.show();
    const {engine, send, state} = controlledStream();
    el.bot = engine as never;
    expect(parts(el, 'stop')).to.have.length(0);
    const done = el.sendMessage('hi');
    await waitUntil(() => parts(el, 'stop').length === 1);
    send('Half an ans');
    await waitUntil(() => bubbleTexts(el).length === 2);
    const stop = part(el, 'stop');
    expect(stop.textContent!.trim()).to.equal('Stop');
    expect(stop.checkVisibility()).to.equal(true);
    await animationsDone(el);
    await expect(el).to.be.accessible();

    part(el, 'input').focus();
    await sendKeys({press: 'Tab'});
    expect(el.shadowRoot!.activeElement).to.equal(stop);
    await sendKeys({press: 'Enter'});
    await done;
    await el.updateComplete;
    expect(state.signal!.aborted).to.equal(true);
    expect(parts(el, 'stop')).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input'));
    expect(el.messages.map((m) => [m.author, m.type === 'text' && m.text, m.status])).to.deep.equal([
      ['user', 'hi', undefined],
      ['bot', 'Half an ans', 'incomplete'],
    ]);
    const note = parts(el, 'message')[1].querySelector('.note')!;
    expect(note.textContent!.trim()).to.equal('Incomplete');
    expect(note.checkVisibility()).to.equal(true);
    // Nothing that arrives after Stop is drawn.
    send('wer');
    await settle(el);
    expect(bubbleTexts(el)).to.deep.equal(['hi', 'Half an ans']);
    // The next turn is answered as usual.
    el.bot = (turn) => `echo ${turn.text}`;
    await el.sendMessage('again');
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['hi', 'Half an ans', 'again', 'echo again']);
  });

  it('Stop before any output keeps the visitor message delivered and adds nothing', async () => {
    const el = await widget({open: true});
    let signal!: AbortSignal;
    el.bot = (_turn, context) => {
      signal = context.signal;
      return new Promise(() => undefined);
    };
    const errors = sinon.spy();
    el.addEventListener('chat-error', errors);
    const done = el.sendMessage('hi');
    await waitUntil(() => parts(el, 'stop').length === 1);
    part(el, 'stop').click();
    await done;
    await el.updateComplete;
    expect(signal.aborted).to.equal(true);
    expect(parts(el, 'typing')).to.have.length(0);
    expect(el.messages.map((m) => m.status)).to.deep.equal([undefined]);
    expect(errors.called).to.equal(false);
  });
});
