import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import sinon from 'sinon';
import type {ChatWidget, ProactiveMessage} from '../../src/index.js';
import {animationsDone, bubbleTexts, isShown, part, parts, reportedErrors, settle, widget} from '../helpers.js';
import {itWithMediaEmulation} from '../engines.js';

const bubbles = (el: ChatWidget) =>
  parts(el, 'proactive-message').map((b) => b.querySelector('button')!.textContent);

describe('proactive stack in the element', () => {
  afterEach(() => sinon.restore());

  it("runs Voiceflow's documented snippet verbatim against el.proactive", async () => {
    const el = await widget();
    const window = {voiceflow: {chat: {proactive: el.proactive}}};
    // one message
    window.voiceflow.chat.proactive.push({type: 'text', payload: {message: 'hello world'}});
    // multiple messages
    window.voiceflow.chat.proactive.push(
      {type: 'text', payload: {message: '1!'}},
      {type: 'text', payload: {message: '2!'}}
    );
    await el.updateComplete;
    expect(bubbles(el)).to.deep.equal(['hello world', '1!', '2!']);
    window.voiceflow.chat.proactive.clear();
    await el.updateComplete;
    expect(bubbles(el)).to.deep.equal([]);
  });

  it('stacks bubbles above the launcher, newest nearest it, on the widget side, as a polite log', async () => {
    const el = await widget();
    el.proactive.push('first', 'second');
    await el.updateComplete;
    const [first, second] = parts(el, 'proactive-message').map((b) => b.getBoundingClientRect());
    const launcher = part(el, 'launcher').getBoundingClientRect();
    expect(first.bottom).to.be.at.most(second.top);
    expect(second.bottom).to.be.at.most(launcher.top);
    expect(Math.round(second.right)).to.equal(Math.round(launcher.right));
    expect(part(el, 'proactive').getAttribute('role')).to.equal('log');
    el.position = 'left';
    await el.updateComplete;
    expect(Math.round(parts(el, 'proactive-message')[1].getBoundingClientRect().left)).to.equal(
      Math.round(part(el, 'launcher').getBoundingClientRect().left)
    );
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('announces each push once: its text in the live region, the redrawn bubbles kept quiet', async () => {
    const el = await widget();
    const stack = part(el, 'proactive');
    const announcer = stack.querySelector('.sr-only')!;
    const bubblesPart = stack.querySelector('[aria-live="off"]')!;
    el.proactive.push('one', 'two', 'three');
    await el.updateComplete;
    expect(announcer.textContent).to.equal('one\ntwo\nthree');
    expect(bubblesPart.contains(parts(el, 'proactive-message')[0])).to.equal(true);
    el.proactive.push('four');
    await el.updateComplete;
    expect(announcer.textContent).to.equal('four');
    expect(bubbles(el)).to.deep.equal(['two', 'three', 'four']);
    el.proactive.clear();
    await el.updateComplete;
    expect(announcer.textContent).to.equal('');
  });

  it('fires chat-proactive-push with the messages of each call', async () => {
    const el = await widget();
    const event = oneEvent(el, 'chat-proactive-push');
    el.proactive.push('a', {type: 'choice', text: 'b', buttons: [{label: 'B'}]});
    const {messages} = (await event).detail;
    expect(messages.map((m: ProactiveMessage) => m.text)).to.deep.equal(['a', 'b']);
    expect(el.proactive.messages).to.deep.equal(messages);
  });

  it('folds older bubbles into "+N more", which reveals them', async () => {
    const el = await widget({'proactive-limit': '2'});
    el.proactive.push('1', '2', '3', '4', '5');
    await el.updateComplete;
    expect(bubbles(el)).to.deep.equal(['4', '5']);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!;
    expect(more.textContent).to.equal('+3 more');
    more.click();
    await el.updateComplete;
    expect(bubbles(el)).to.deep.equal(['2', '3', '4', '5']);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await el.updateComplete;
    expect(bubbles(el)).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(el.shadowRoot!.querySelector('.more')).to.equal(null);
  });

  itWithMediaEmulation('animates each bubble in, except under reduced motion', async () => {
    const el = await widget();
    el.proactive.push('animated');
    await el.updateComplete;
    expect(parts(el, 'proactive-message')[0].getAnimations()).to.have.length(1);
    await emulateMedia({reducedMotion: 'reduce'});
    try {
      el.proactive.push('still');
      await el.updateComplete;
      expect(parts(el, 'proactive-message')[1].getAnimations()).to.have.length(0);
    } finally {
      await emulateMedia({reducedMotion: 'no-preference'});
    }
  });

  it('dismisses the stack from its close control, and the badge counts what was not read', async () => {
    const el = await widget();
    el.proactive.push('a', 'b');
    await el.updateComplete;
    const dismissed = oneEvent(el, 'chat-proactive-dismiss');
    part(el, 'proactive-close').click();
    expect((await dismissed).detail.messages.map((m: ProactiveMessage) => m.text)).to.deep.equal(['a', 'b']);
    await el.updateComplete;
    expect(parts(el, 'proactive-message')).to.have.length(0);
    expect(part(el, 'badge').textContent).to.equal('2');
    await el.show();
    await el.close();
    expect(parts(el, 'badge')).to.have.length(0);
    expect(parts(el, 'proactive-message')).to.have.length(0);
  });

  it('opens the chat when a bubble is clicked, unless the click event is cancelled', async () => {
    const el = await widget();
    el.proactive.push('Want help?');
    await el.updateComplete;
    el.addEventListener('chat-proactive-click', (e) => e.preventDefault(), {once: true});
    parts(el, 'proactive-message')[0].querySelector('button')!.click();
    await settle(el);
    expect(el.open).to.equal(false);
    const click = oneEvent(el, 'chat-proactive-click');
    const opened = oneEvent(el, 'chat-open');
    parts(el, 'proactive-message')[0].querySelector('button')!.click();
    expect((await click).detail.message.text).to.equal('Want help?');
    expect((await opened).detail.source).to.equal('user');
  });

  it('opens the chat and sends the choice when a bubble button is clicked', async () => {
    const el = await widget();
    const turns: string[] = [];
    el.bot = (turn) => void turns.push(`${turn.origin}:${turn.text}`);
    el.proactive.push({
      type: 'choice',
      text: 'Need a size guide?',
      buttons: [{label: 'Yes please', payload: 'size-guide'}],
    });
    await el.updateComplete;
    parts(el, 'proactive-message')[0].querySelector<HTMLButtonElement>('.choices button')!.click();
    await waitUntil(() => turns.length);
    expect(el.open).to.equal(true);
    expect(turns).to.deep.equal(['choice:size-guide']);
    expect(bubbleTexts(el)).to.deep.equal(['Yes please']);
  });

  it('hides the stack while open and brings it back on close (keep)', async () => {
    const el = await widget();
    el.proactive.push('still here');
    await el.show();
    expect(parts(el, 'proactive-message')).to.have.length(0);
    await el.close();
    expect(bubbles(el)).to.deep.equal(['still here']);
  });

  it('clears the stack on open with proactive-on-open="clear"', async () => {
    const el = await widget({'proactive-on-open': 'clear'});
    el.proactive.push('gone');
    const cleared = oneEvent(el, 'chat-proactive-clear');
    await el.show();
    expect((await cleared).detail.messages.map((m: ProactiveMessage) => m.text)).to.deep.equal(['gone']);
    await el.close();
    expect(parts(el, 'proactive-message')).to.have.length(0);
  });

  it('turns the bubbles into the bot\'s opening messages with proactive-on-open="greet"', async () => {
    const el = await widget({'proactive-on-open': 'greet'});
    el.proactive.push('Hi there!', {type: 'choice', text: 'Looking for hats?', buttons: [{label: 'Yes'}]});
    expect(el.messages).to.have.length(0);
    await el.show();
    expect(el.messages.map((m) => `${m.author}:${m.type}:${(m as {text: string}).text}`)).to.deep.equal([
      'bot:text:Hi there!',
      'bot:choice:Looking for hats?',
    ]);
    expect(el.proactive.messages).to.have.length(0);
  });

  it('keeps proactive messages out of the transcript, the dialog engine and the stored session', async () => {
    const el = await widget();
    const bot = sinon.spy();
    el.bot = bot;
    el.proactive.push('not conversation');
    await settle(el);
    expect(el.messages).to.have.length(0);
    expect(el.session.isNew).to.equal(true);
    expect(bot.called).to.equal(false);
    expect(localStorage.getItem(`chat-widget:${el.storageKey}`) ?? '').to.not.contain('not conversation');
  });

  it('keeps the stack across page loads with proactive-persist, until opened', async () => {
    const first = await widget({'proactive-persist': true});
    const key = first.storageKey;
    first.proactive.push({id: 'promo', type: 'text', text: 'Code SAVE10'});
    await settle(first);
    first.remove();
    const second = await widget({'proactive-persist': true, 'storage-key': key});
    expect(bubbles(second)).to.deep.equal(['Code SAVE10']);
    await second.show();
    second.remove();
    const third = await widget({'proactive-persist': true, 'storage-key': key});
    expect(third.proactive.messages).to.have.length(0);
  });

  it('does not persist the stack without proactive-persist', async () => {
    const first = await widget();
    first.proactive.push('temporary');
    await settle(first);
    first.remove();
    const second = await widget({'storage-key': first.storageKey});
    expect(second.proactive.messages).to.have.length(0);
  });

  it('reports bad input with chat-error and a warning, still showing the valid messages', async () => {
    const el = await widget();
    el.proactive.push('existing');
    const reported = reportedErrors(el);
    el.proactive.push(null as never, 'fine', {type: 'text'} as never);
    el.proactive.push();
    await el.updateComplete;
    expect(reported.messages()).to.deep.equal([
      'proactive: push() message 1: a message must be a string or an object, got null',
      'proactive: push() message 3: text must be a non-empty string, got undefined',
      'proactive: push(): messages must be one message or more, got "none"',
    ]);
    expect(reported.warn.callCount).to.equal(3);
    expect(bubbles(el)).to.deep.equal(['existing', 'fine']);
  });

  it('renders a burst of 10,000 pushes once, with no more nodes than the limit and the "+N more" control', async () => {
    const el = await widget();
    await el.updateComplete;
    const renders = sinon.spy(el as unknown as {render(): unknown}, 'render');
    for (let i = 0; i < 10000; i++) el.proactive.push(`Message ${i}`);
    await el.updateComplete;
    expect(renders.callCount).to.equal(1);
    expect(parts(el, 'proactive-message')).to.have.length(3);
    expect(el.shadowRoot!.querySelector('.more')!.textContent).to.equal('+9,997 more');
    expect(el.proactive.messages).to.have.length(10000);
    expect(isShown(part(el, 'proactive'))).to.equal(true);
  });
});
