import {expect, waitUntil} from '@open-wc/testing';
import {widget, widgetInFrame} from '../helpers.js';
import {requestsFor} from './mock-chat.js';

describe('the endpoint attribute', function () {
  // The demo page streams at its own pace (a slow first byte, 30 pieces a second).
  this.timeout(20000);

  it('makes a plain page with only the classic bundle talk to the backend, streaming', async () => {
    // The assistant demo is such a page: the bundle and one <chat-widget endpoint>.
    localStorage.removeItem('chat-widget:demo-assistant');
    const {frame, el} = await widgetInFrame('/demo/assistant.html');
    const input = el.shadowRoot!.querySelector('textarea')!;
    input.value = 'What can you do?';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!.click();
    const lengths = new Set<number>();
    await waitUntil(
      () => {
        // Markdown from this connector: plain text until the renderer loads, then drawn.
        const bubble = el.shadowRoot!.querySelector('[part="message"].bot :is(.text, .markdown)');
        if (bubble) lengths.add(bubble.textContent!.length);
        return el.messages.length === 2;
      },
      'the streamed reply is in the transcript',
      {timeout: 10000, interval: 10}
    );
    expect(lengths.size, 'the bubble was drawn growing').to.be.greaterThan(3);
    const reply = el.messages[1] as {text: string};
    expect(reply.text.startsWith('**You said:** “What can you do?”')).to.equal(true);
    const [request] = await requestsFor(el.messages[0].id);
    expect(request.body.messages).to.deep.equal([{role: 'user', content: 'What can you do?'}]);
    el.reset();
    frame.remove();
    localStorage.removeItem('chat-widget:demo-assistant');
  });

  it('gives way to a bot the page sets, and comes back when it is unset', async () => {
    const el = await widget({endpoint: '/mock/chat?format=json'});
    const connector = el.bot;
    expect(connector).to.have.property('respond');
    const own = () => 'mine';
    el.bot = own;
    el.endpoint = '/mock/chat?format=text';
    await el.updateComplete;
    expect(el.bot).to.equal(own);
    el.bot = undefined;
    expect(el.bot).to.have.property('markdown', true);
    await el.sendMessage('hi');
    await waitUntil(() => el.messages.length === 2);
    expect((el.messages[1] as {text: string}).text).to.contain('as **text**');
    el.endpoint = undefined;
    await el.updateComplete;
    expect(el.bot).to.equal(undefined);
  });
});
