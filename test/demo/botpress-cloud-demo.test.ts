import {expect, waitUntil} from '@open-wc/testing';
import type {ChatWidget} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';
import {widgetInFrame} from '../helpers.js';

const texts = (el: ChatWidget) => el.messages.map((m) => `${m.author}: ${messageText(m)}`);

describe("demo: Botpress Cloud's embed code against the mock Webchat API (the built bundle)", () => {
  it('loads the connector file beside the bundle, opens on webchat:initialized, and holds a conversation', async () => {
    // Botpress's own storage key: a visitor's second visit continues; this test starts afresh.
    localStorage.removeItem('bp-webchat-client');
    localStorage.removeItem('bp-webchat-client-sessions');
    const {frame, el} = await widgetInFrame('/demo/botpress-cloud.html');
    const page = frame.contentWindow!;
    await waitUntil(() => el.open, 'the recipe opens the webchat');
    await waitUntil(
      () => texts(el).some((text) => text.startsWith('bot: Hi! I am the **mock**')),
      'the greeting',
      {
        timeout: 8000,
      }
    );
    const loaded = page.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loaded).to.include('/dist/chat-widget-botpress-cloud.js');
    frame.contentDocument!.querySelector<HTMLButtonElement>('[data-run="message"]')!.click();
    await waitUntil(() => el.messages.at(-1)?.type === 'carousel', 'the carousel', {timeout: 8000});
    const log = frame.contentDocument!.getElementById('log')!.textContent!;
    expect(log).to.contain('webchat:initialized');
    expect(log).to.match(/conversation "conv_\w+"/);
    expect(log).to.contain('messageSent');
    el.reset();
    frame.remove();
    localStorage.removeItem('bp-webchat-client');
    localStorage.removeItem('bp-webchat-client-sessions');
  });
});
