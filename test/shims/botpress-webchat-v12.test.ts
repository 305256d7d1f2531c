// window.botpressWebChat.init({host, botId}) against the mock Botpress v12
// server: Botpress's documented page recipes, run verbatim, over real HTTP and
// Socket.IO. (Without a host the page answers itself: botpress-webchat.test.ts.)
import {expect, waitUntil} from '@open-wc/testing';
import '../../src/define.js';
import '../../src/shims.js';
import type {ChatWidget} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';
import {transcriptTexts, widgetInFrame, windowMessages} from '../helpers.js';
import {eachTestMockBot, type MockBot} from '../connectors/botpress-v12-mock.js';
import {removeWidgets, theWidget} from './shim-helpers.js';

const botTexts = (el: ChatWidget) => el.messages.filter((m) => m.author === 'bot').map(messageText);

describe('window.botpressWebChat.init({host, botId}): a Botpress v12 server (the mock)', function () {
  this.timeout(15000);
  const currentBot = eachTestMockBot();
  let bot: MockBot;
  beforeEach(() => (bot = currentBot()));
  // The widgets init() made are forgotten too, so that the next init() makes a new one.
  afterEach(removeWidgets);

  it('the embedding snippet, then "Acting Proactively": sendEvent at once reaches the hook, which speaks first', async () => {
    const host = bot.host;
    const botId = bot.botId;
    // Botpress v12's website-embedding snippet, with this server as the host.
    window.botpressWebChat.init({
      host: host,
      botId: botId,
      useSessionStorage: true,
    });
    // The seed's page snippet, verbatim.
    window.botpressWebChat.sendEvent({
      type: 'proactive-trigger',
      channel: 'web',
      payload: {
        text: 'fake message',
      },
    });
    const el = await theWidget();
    const [event] = await bot.requested('events');
    // What the seed's hook reads: event.type, and the page's object at event.payload.payload.
    expect(event.body.payload!.type).to.equal('proactive-trigger');
    expect(event.body.payload!.payload).to.deep.equal({
      type: 'proactive-trigger',
      channel: 'web',
      payload: {text: 'fake message'},
    });
    await waitUntil(() => el.messages.length === 1, 'the hook never spoke', {timeout: 5000});
    expect(transcriptTexts(el)).to.deep.equal(["I'm so proactive!"]);
  });

  it('the documented events: show, then {type: "message", text} sends the text as the visitor; the bot answers', async () => {
    window.botpressWebChat.init({host: bot.host, botId: bot.botId, useSessionStorage: true});
    // website-embedding.md, "Changing Website Button", verbatim.
    window.botpressWebChat.sendEvent({type: 'show'});
    window.botpressWebChat.sendEvent({type: 'message', text: 'Hello!'});
    const el = await theWidget();
    await waitUntil(() => el.messages.length === 2, 'no answer', {timeout: 5000});
    expect(el.open).to.equal(true);
    expect(transcriptTexts(el)).to.deep.equal(['Hello!', 'You said: “Hello!”']);
    const [sent] = await bot.requests('messages');
    expect(sent.body.payload).to.deep.equal({type: 'text', text: 'Hello!'});
  });

  it('sendPayload posts a payload as it is: a postback to /messages', async () => {
    window.botpressWebChat.init({host: bot.host, botId: bot.botId, useSessionStorage: true});
    await window.botpressWebChat.sendPayload({type: 'postback', payload: 'BUY_PANAMA'});
    const [sent] = await bot.requested('messages');
    expect(sent.body.payload).to.deep.equal({type: 'postback', payload: 'BUY_PANAMA'});
    const el = await theWidget();
    await waitUntil(() => el.messages.length === 1, 'no answer', {timeout: 5000});
    expect(botTexts(el)).to.deep.equal(['Postback received: BUY_PANAMA']);
  });

  it('posts every socket event to the page as {...data, chatId}, as v12 webchat did; webchatReady and onEvent MESSAGE.RECEIVED from real traffic', async () => {
    const posted = windowMessages();
    const heard: {type: string; value: {id: string}}[] = [];
    window.botpressWebChat.onEvent((event) => heard.push(event as never), ['MESSAGE.RECEIVED']);
    window.botpressWebChat.init({host: bot.host, botId: bot.botId, useSessionStorage: true, chatId: 'shop'});
    const el = await theWidget('#shop');
    await bot.requested('conversations/new');
    await window.botpressWebChat.sendEvent({type: 'message', text: 'data please'}, 'shop');
    await waitUntil(
      () => posted.data.some((data) => (data as {hat?: string}).hat === 'panama'),
      'the data event was never posted'
    );
    posted.stop();
    const data = posted.data.filter((d) => typeof d === 'object' && d !== null) as Record<string, unknown>[];
    expect(data.map((d) => d.name).filter(Boolean)).to.include('webchatReady');
    expect(data.find((d) => d.hat === 'panama')).to.include({type: 'data', size: 'M', chatId: 'shop'});
    // The echo of the visitor's message, as Botpress's firehose posts it.
    const echo = data.find((d) => (d.payload as {text?: string} | undefined)?.text === 'data please');
    expect(echo).to.include({chatId: 'shop'});
    expect(echo!.authorId).to.be.a('string');

    await window.botpressWebChat.sendEvent({type: 'message', text: 'markdown'}, 'shop');
    await waitUntil(() => heard.length === 1, 'MESSAGE.RECEIVED never heard', {timeout: 5000});
    const {conversations} = await bot.state();
    const stored = conversations[0].messages.filter((m) => !m.authorId);
    // The message as the server sent it: its id, Botpress's conversation id, no author (the bot), its payload.
    expect(heard[0].value).to.deep.include({
      id: stored.at(-1)!.id,
      conversationId: conversations[0].id,
      sentOn: stored.at(-1)!.sentOn,
      payload: stored.at(-1)!.payload,
    });
    expect(heard[0].value).not.to.have.property('authorId');
    expect(el.messages.at(-1)).to.include({type: 'markdown'});
  });

  it('a page with init({botId}) and no host loads no Botpress connector and sends nothing', async () => {
    const before = performance.getEntriesByType('resource').length;
    window.botpressWebChat.init({botId: bot.botId, useSessionStorage: true});
    const el = await theWidget();
    expect(el.bot).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const requested = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((entry) => entry.name);
    expect(requested.filter((url) => /socket\.io|botpress-v12|channel-web/.test(url))).to.deep.equal([]);
  });

  it('the classic bundle: a page that never calls init({host}) never fetches chat-widget-botpress-v12.js (Socket.IO)', async () => {
    const {frame, el} = await widgetInFrame('/test/fixtures/classic-bundle.html');
    const win = frame.contentWindow as Window & typeof globalThis;
    win.botpressWebChat.init({botId: bot.botId, useSessionStorage: true});
    win.botpressWebChat.sendEvent({type: 'show'});
    await waitUntil(() => el.open);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fetched = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(fetched).to.include('/dist/chat-widget.iife.js');
    expect(fetched.filter((path) => /botpress-v12|socket\.io/.test(path))).to.deep.equal([]);
    frame.remove();
  });
});
