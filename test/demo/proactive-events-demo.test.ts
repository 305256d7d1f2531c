import {expect, waitUntil} from '@open-wc/testing';
import type {ChatWidget} from '../../src/index.js';

async function load(frame: HTMLIFrameElement, reload = false): Promise<ChatWidget> {
  const loaded = new Promise((r) => frame.addEventListener('load', r, {once: true}));
  if (reload) frame.contentWindow!.location.reload();
  else document.body.append(frame);
  await loaded;
  const el = await waitUntil(() => frame.contentDocument!.querySelector('chat-widget')).then(() =>
    frame.contentDocument!.querySelector('chat-widget')!
  );
  await waitUntil(() => el.ready, 'the widget is ready');
  return el;
}

const bot = (el: ChatWidget) =>
  el.messages.filter((m) => m.author === 'bot').map((m) => (m as {text: string}).text);

describe('demo: acting proactively in the browser (the seed recipes)', () => {
  it('speaks first in a new session only, skipping the dialog engine, and answers unhandled events through it', async () => {
    localStorage.removeItem('chat-widget:proactive-events');
    const frame = document.createElement('iframe');
    frame.src = '/demo/proactive-events.html';
    let el = await load(frame);
    await waitUntil(() => bot(el).length === 1, 'the greeting arrives after its typing indicator', {
      timeout: 4000,
    });
    expect(bot(el)).to.deep.equal(["I'm so proactive!"]);
    // The page sends proactive-trigger again on every load: the session is no longer new.
    el = await load(frame, true);
    await new Promise((r) => setTimeout(r, 1200));
    expect(bot(el)).to.deep.equal(["I'm so proactive!"]);
    expect(el.messages.filter((m) => m.author === 'user')).to.have.length(0);
    // An event nobody cancels becomes the visitor's turn for the dialog engine, with no visitor bubble.
    await el.sendEvent({type: 'ask-about-returns', payload: {text: 'Can I return a hat?'}});
    expect(bot(el)[1]).to.match(/You asked \(through a "ask-about-returns" event\): Can I return a hat\?/);
    expect(el.messages.filter((m) => m.author === 'user')).to.have.length(0);
    // A new session greets again.
    el.reset();
    el = await load(frame, true);
    await waitUntil(() => bot(el).length === 1, 'greets in the new session', {timeout: 4000});
    frame.remove();
    localStorage.removeItem('chat-widget:proactive-events');
  });
});
