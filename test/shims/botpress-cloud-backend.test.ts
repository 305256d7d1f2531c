import {expect, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/define.js';
import '../../src/shims.js';
import {uniqueKey} from '../helpers.js';
import {
  CLOUD_API,
  GREETING,
  mockControl,
  mockLog,
  said,
  saidSoon,
} from '../connectors/botpress-cloud-mock.js';
import {removeWidgets, theWidget} from './shim-helpers.js';

/**
 * What Botpress's hosted config.js passes to `init`, for a bot of its own: only
 * `apiUrl` is added, pointing at the mock instead of webchat.botpress.cloud.
 */
function botpressConfig(clientId = uniqueKey()) {
  return {
    botId: uniqueKey(),
    clientId,
    apiUrl: CLOUD_API,
    configuration: {botName: 'Hat Bot', storageKey: uniqueKey(), persistence: 'memory'},
  };
}

describe('window.botpress with a clientId: talking to Botpress Cloud (the mock Webchat API)', () => {
  const offs: Array<() => void> = [];
  afterEach(() => {
    sinon.restore();
    offs.splice(0).forEach((off) => off());
    removeWidgets();
  });

  it("Botpress's recipes, verbatim: open on webchat:initialized; hear the conversation and the bot's messages", async () => {
    const config = botpressConfig();
    const heard: Array<[string, unknown]> = [];
    // https://botpress.com/docs/webchat/interact/open-webchat-on-page-load
    offs.push(
      window.botpress.on('webchat:initialized', () => {
        window.botpress.open();
      })
    );
    // https://botpress.com/docs/webchat/interact/listen-to-events
    offs.push(window.botpress.on('message', (message) => heard.push(['message', message])));
    offs.push(
      window.botpress.on('conversation', (conversationId) => heard.push(['conversation', conversationId]))
    );
    window.botpress.init(config);
    const el = await theWidget();
    await saidSoon(el, GREETING);
    await waitUntil(() => el.open, 'the recipe never opened the webchat');
    expect(el.botName).to.equal('Hat Bot');
    const conversation = heard.find(([type]) => type === 'conversation')?.[1];
    expect(conversation).to.match(/^conv_/);
    const message = heard.find(([type]) => type === 'message')?.[1] as {
      authorId: string;
      payload: {text: string};
    };
    expect(message.authorId).to.equal('bot');
    expect(message.payload.text).to.equal(GREETING);
  });

  it('sendMessage() reaches the bot, and its answer is a message event', async () => {
    const config = botpressConfig();
    const texts: string[] = [];
    offs.push(
      window.botpress.on('message', (message) =>
        texts.push((message as {payload: {text: string}}).payload.text)
      )
    );
    window.botpress.init(config);
    // https://botpress.com/docs/webchat/interact/send-message: after webchat:ready.
    offs.push(window.botpress.on('webchat:ready', () => void window.botpress.sendMessage('Hello')));
    const el = await theWidget();
    await saidSoon(el, 'You said: **Hello**\nSay *help* for what I can send.');
    await waitUntil(() => texts.includes('You said: **Hello**\nSay *help* for what I can send.'));
    const {messages} = await mockLog(config.clientId);
    expect(messages.map((m) => m.payload)).to.deep.equal([{type: 'text', text: 'Hello'}]);
  });

  it("the bot's Send Custom Event, Hide Webchat and Configure Webchat cards reach the page and the widget", async () => {
    const config = botpressConfig();
    const heard: Array<[string, unknown]> = [];
    for (const type of ['customEvent', 'webchatVisibility', 'webchatConfig'])
      offs.push(window.botpress.on(type, (data) => heard.push([type, data])));
    window.botpress.init(config);
    window.botpress.open();
    const el = await theWidget();
    await saidSoon(el, GREETING);
    await el.sendMessage('custom');
    await waitUntil(() => heard.length === 1, 'no custom event');
    await el.sendMessage('hide');
    await waitUntil(() => !el.open, 'the bot never hid the webchat');
    await el.sendMessage('config');
    await waitUntil(() => el.botName === 'Reconfigured', 'the bot never configured the webchat');
    expect(heard).to.deep.equal([
      ['customEvent', {kind: 'confetti', colour: 'gold'}],
      ['webchatVisibility', 'hide'],
      ['webchatConfig', {botName: 'Reconfigured'}],
    ]);
  });

  it('sendEvent(data) is a custom event for the bot (its Custom Trigger), the data as given', async () => {
    const config = botpressConfig();
    window.botpress.init(config);
    // https://botpress.com/docs/webchat/interact/send-event
    window.botpress.sendEvent({myCustomProperty: 'hello'});
    const el = await theWidget();
    await saidSoon(el, 'Custom event received: {"myCustomProperty":"hello"}');
    const {events} = await mockLog(config.clientId);
    expect(events).to.deep.include({type: 'custom', data: {myCustomProperty: 'hello'}});
    expect(said(el).filter((text) => text.startsWith('user:'))).to.deep.equal([]);
  });

  it('botpressWebChat.init({clientId}) (Cloud v1 pages) talks to Botpress Cloud too', async () => {
    const config = botpressConfig();
    window.botpressWebChat.init(config);
    window.botpressWebChat.sendEvent({type: 'show'});
    const el = await theWidget();
    await saidSoon(el, GREETING);
    await el.sendMessage('v1 page');
    await saidSoon(el, 'You said: **v1 page**\nSay *help* for what I can send.');
  });

  it('a bot signal reaches only the handlers of its type, and "*" hears it as {type, value}', async () => {
    const config = botpressConfig();
    const all: unknown[] = [];
    offs.push(window.botpress.on('*', (event) => all.push(event)));
    window.botpress.init(config);
    window.botpress.open();
    const el = await theWidget();
    await saidSoon(el, GREETING);
    await mockControl(config.clientId, 'signal', {type: 'custom', data: {event: {n: 1}}});
    await waitUntil(() => all.some((e) => (e as {type: string}).type === 'customEvent'));
    expect(all).to.deep.include({type: 'customEvent', value: {n: 1}, chatId: ''});
  });

  it("as Botpress's webchat, a page view starts no conversation: the first open does; a returning visitor resumes at once", async () => {
    // Kept in localStorage, as pages keep it by default: the next page is the same session.
    const base = botpressConfig();
    const config = {...base, configuration: {...base.configuration, persistence: 'local'}};
    window.botpress.init(config);
    const el = await theWidget();
    // Time for a conversation to start if it were going to.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await mockLog(config.clientId)).requests.filter((r) => r.route === '/initialize')).to.deep.equal(
      []
    );
    expect(el.messages).to.deep.equal([]);
    window.botpress.open();
    await saidSoon(el, GREETING);
    removeWidgets();
    // The next page of the same site: the stored conversation is resumed before any open.
    window.botpress.init(config);
    const next = await theWidget();
    await saidSoon(next, GREETING);
    expect(next.open).to.equal(false);
    const initialize = (await mockLog(config.clientId)).requests.filter((r) => r.route === '/initialize');
    expect(initialize[1].query).to.match(/^\?conversationId=conv_/);
  });

  it('a bad apiUrl in the config is reported as a chat-error naming it; the widget still works', async () => {
    const errors: string[] = [];
    const hear = (event: Event) => errors.push((event as CustomEvent).detail.error.message);
    document.addEventListener('chat-error', hear);
    offs.push(() => document.removeEventListener('chat-error', hear));
    sinon.stub(console, 'warn');
    window.botpress.init({...botpressConfig(), apiUrl: 'javascript:alert(1)'});
    const el = await theWidget();
    window.botpress.open();
    await waitUntil(() => errors.length > 0, 'no chat-error');
    expect(errors[0]).to.contain('apiUrl must be an http(s) URL');
    expect(el.open).to.equal(true);
  });
});
