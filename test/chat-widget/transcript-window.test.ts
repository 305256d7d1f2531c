import {expect, waitUntil} from '@open-wc/testing';
import type {ChatMessage} from '../../src/index.js';
import {TRANSCRIPT_PAGE} from '../../src/chat-widget/chat-widget.component.js';
import {animationsDone, bubbleTexts, part, parts, uniqueKey, widget} from '../helpers.js';

/** Stores a session of `count` alternating messages under a new key, as a previous visit would have. */
function storedSession(count: number): string {
  const key = uniqueKey();
  const messages: ChatMessage[] = Array.from({length: count}, (_, i) => ({
    id: `m${i}`,
    type: 'text',
    text: `Message ${i}`,
    author: i % 2 ? 'bot' : 'user',
    timestamp: 1_700_000_000_000 + i,
  }));
  localStorage.setItem(
    `chat-widget:${key}`,
    JSON.stringify({version: 1, session: {id: 's', startedAt: 1}, messages})
  );
  return key;
}

const visibleInTranscript = (el: HTMLElement & {shadowRoot: ShadowRoot | null}, node: Element) => {
  const box = part(el as never, 'transcript').getBoundingClientRect();
  const rect = node.getBoundingClientRect();
  return rect.bottom <= box.bottom + 1 && rect.top >= box.top - 1;
};

describe('transcript window', () => {
  it('draws nothing of the panel until it is first opened', async () => {
    const el = await widget({'storage-key': storedSession(3)});
    expect(parts(el, 'transcript')).to.have.length(0);
    expect(parts(el, 'panel')).to.have.length(1);
    await el.show();
    expect(bubbleTexts(el)).to.deep.equal(['Message 0', 'Message 1', 'Message 2']);
    await el.close();
    expect(parts(el, 'transcript')).to.have.length(1);
  });

  it('draws a long transcript from its end, in order, scrolled to the latest message', async () => {
    const el = await widget({'storage-key': storedSession(1000)});
    await el.show();
    const drawn = parts(el, 'message');
    expect(drawn).to.have.length(TRANSCRIPT_PAGE);
    expect(bubbleTexts(el)[0]).to.equal(`Message ${1000 - TRANSCRIPT_PAGE}`);
    expect(bubbleTexts(el).at(-1)).to.equal('Message 999');
    expect(el.messages).to.have.length(1000);
    expect(visibleInTranscript(el, drawn.at(-1)!)).to.equal(true);
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('shows earlier messages on request, keeping the view in place and the log quiet', async () => {
    const count = TRANSCRIPT_PAGE * 2 + 10;
    const el = await widget({'storage-key': storedSession(count)});
    await el.show();
    const transcript = part(el, 'transcript');
    const anchorText = bubbleTexts(el)[0];
    const messageNode = (text: string) =>
      parts(el, 'message').find((m) => m.querySelector('.text')!.textContent === text)!;
    const anchorTop = messageNode(anchorText).getBoundingClientRect().top;
    const busy: Array<string | null> = [];
    new MutationObserver((records) =>
      records.forEach((r) => busy.push(`${r.attributeName}=${transcript.getAttribute(r.attributeName!)}`))
    ).observe(transcript, {attributeFilter: ['aria-busy', 'aria-live']});
    const more = transcript.querySelector<HTMLButtonElement>('.more')!;
    expect(more.textContent).to.equal('Show earlier messages');
    more.click();
    await waitUntil(() => parts(el, 'message').length === TRANSCRIPT_PAGE * 2);
    await el.updateComplete;
    // The message the visitor was looking at has not moved.
    expect(messageNode(anchorText).getBoundingClientRect().top).to.be.closeTo(anchorTop, 2);
    expect(bubbleTexts(el)[0]).to.equal(`Message ${count - 2 * TRANSCRIPT_PAGE}`);
    // Quiet while the earlier page is drawn, a polite log again after.
    expect(busy).to.include.members(['aria-live=off', 'aria-busy=true']);
    expect(transcript.getAttribute('aria-live')).to.equal('polite');
    expect(transcript.getAttribute('aria-busy')).to.equal('false');
    transcript.querySelector<HTMLButtonElement>('.more')!.click();
    await waitUntil(() => parts(el, 'message').length === count);
    expect(bubbleTexts(el)).to.deep.equal(Array.from({length: count}, (_, i) => `Message ${i}`));
    expect(transcript.querySelector('.more')).to.equal(null);
  });

  it('appends new messages to the end of the log and scrolls to them', async () => {
    const el = await widget({'storage-key': storedSession(200)});
    await el.show();
    const transcript = part(el, 'transcript');
    expect(transcript.getAttribute('role')).to.equal('log');
    const before = parts(el, 'message');
    await el.reply('The newest one');
    await el.updateComplete;
    const after = parts(el, 'message');
    expect(after).to.have.length(TRANSCRIPT_PAGE + 1);
    // The nodes already there stay (a log announces only what is added).
    expect(after.slice(0, -1)).to.deep.equal(before);
    expect(bubbleTexts(el).at(-1)).to.equal('The newest one');
    expect(visibleInTranscript(el, after.at(-1)!)).to.equal(true);
  });
});
