import {expect, waitUntil} from '@open-wc/testing';
import {widgetInFrame} from '../helpers.js';

describe('demo: the AI assistant page (endpoint attribute, mock backend)', () => {
  it('streams an answer from the mock into one growing bubble', async () => {
    localStorage.removeItem('chat-widget:demo-assistant');
    const {frame, el} = await widgetInFrame('/demo/assistant.html');
    void el.sendMessage('Tell me about hats');
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part="typing"]'),
      'typing shows while the first byte is slow'
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="message"].bot'), 'the bubble appears', {
      timeout: 3000,
    });
    expect(el.messages).to.have.length(1);
    await waitUntil(() => el.messages.length === 2, 'the whole answer arrives', {timeout: 8000});
    expect((el.messages[1] as {text: string}).text).to.match(/^\*\*You said:\*\* “Tell me about hats”/);
    expect(el.shadowRoot!.querySelectorAll('[part="message"].bot')).to.have.length(1);
    el.reset();
    frame.remove();
    localStorage.removeItem('chat-widget:demo-assistant');
  });
});
