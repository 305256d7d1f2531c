import {aTimeout, expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/define.js';
import '../../src/shims.js';
import {
  consoleErrors,
  domEvents,
  part,
  settle,
  transcriptTexts,
  uniqueKey,
  windowMessages,
} from '../helpers.js';
import {describeCompatibilityGlobal} from './compatibility-global.suite.js';
import {removeWidgets, theWidget} from './shim-helpers.js';

const webchat = () => window.botpressWebChat;
/**
 * A v12 config with a storage key of its own, kept in sessionStorage. Without
 * a `host` no server is attached: the page answers itself (the v12 server is
 * botpress-webchat-v12.test.ts's).
 */
const config = (extra: Record<string, unknown> = {}) => ({
  botId: uniqueKey(),
  useSessionStorage: true,
  ...extra,
});
type Seen = {type: string; value: unknown; chatId: string};

describeCompatibilityGlobal({
  path: 'botpressWebChat',
  start: () => webchat().init(config()),
  open: () => webchat().sendEvent({type: 'show'}),
  close: () => webchat().sendEvent({type: 'hide'}),
  sendMessage: (text) => webchat().sendPayload({type: 'text', text}),
  badCall: {
    call: () => webchat().sendPayload(null),
    error: 'botpressWebChat.sendPayload(): payload must be an object, got null',
  },
});

describe('window.botpressWebChat', () => {
  afterEach(() => {
    sinon.restore();
    removeWidgets();
  });

  describe('init()', () => {
    it('creates one widget in the body and maps the v12 config onto attributes', async () => {
      const botId = uniqueKey();
      await webchat().init({
        botId,
        botName: 'Ava',
        avatarUrl: 'https://example.com/ava.png',
        botConvoDescription: 'Hat & Co.',
        composerPlaceholder: 'Ask me',
        useSessionStorage: true,
        locale: 'fr',
      });
      const el = await theWidget();
      expect(el.parentElement).to.equal(document.body);
      expect(el.botName).to.equal('Ava');
      expect(el.botAvatar).to.equal('https://example.com/ava.png');
      expect(el.description).to.equal('Hat & Co.');
      expect(el.placeholder).to.equal('Ask me');
      await el.show();
      expect(part(el, 'input').getAttribute('placeholder')).to.equal('Ask me');
      // Botpress's `locale` is the interface's language.
      expect(el.lang).to.equal('fr');
      await waitUntil(() => part(el, 'send').getAttribute('aria-label') === 'Envoyer', 'the French interface');
      await el.close();
      expect(el.persistence).to.equal('session');
      expect(el.storageKey).to.equal(botId);
      await webchat().init(config({botName: 'Again'}));
      expect(document.querySelectorAll('chat-widget')).to.have.length(1);
      expect(el.botName).to.equal('Again');
    });

    it('creates the widget in the target selector, with the chatId as its id', async () => {
      await fixture(html`<div id="chat-box"></div>`);
      await webchat().init(config({chatId: 'support'}), '#chat-box');
      const el = await theWidget('#support');
      expect(el.parentElement!.id).to.equal('chat-box');
    });

    it('hideWidget hides the launcher: the widget shows only while the chat is open', async () => {
      await webchat().init(config({hideWidget: true}));
      const el = await theWidget();
      expect(el.hidden).to.equal(true);
      await webchat().sendEvent({type: 'show'});
      await settle(el);
      expect(el.open).to.equal(true);
      expect(el.hidden).to.equal(false);
      expect(part(el, 'panel').checkVisibility()).to.equal(true);
      await webchat().sendEvent({type: 'hide'});
      await settle(el);
      expect(el.hidden).to.equal(true);
      await webchat().mergeConfig({hideWidget: false});
      expect(el.hidden).to.equal(false);
      await webchat().sendEvent({type: 'show'});
      await webchat().sendEvent({type: 'hide'});
      await settle(el);
      expect(el.hidden).to.equal(false);
    });
  });

  it('init() followed at once by sendEvent(proactive-trigger): the event waits for the widget and reaches the pipeline', async () => {
    const events = domEvents('chat-ready', 'chat-event');
    const detail = new Promise<HTMLElementEventMap['chat-event']['detail']>((resolve) =>
      document.addEventListener('chat-event', (e) => resolve((e as CustomEvent).detail), {once: true})
    );
    webchat().init(config());
    webchat().sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}});
    const seen = await detail;
    events.stop();
    expect(events.seen).to.deep.equal(['chat-ready', 'chat-event:proactive-trigger']);
    expect(seen.channel).to.equal('web');
    expect(seen.payload).to.deep.equal({text: 'fake message'});
    expect(seen.session.isNew).to.equal(true);
  });

  it('the seed hook: cancelling chat-event skips the dialog engine; reply() answers after a typing indicator', async () => {
    await webchat().init(config());
    const el = await theWidget();
    const bot = sinon.spy();
    el.bot = bot;
    el.addEventListener('chat-event', (event) => {
      if (event.detail.type !== 'proactive-trigger') return;
      event.preventDefault();
      if (event.detail.session.lastMessages.length) return;
      void event.detail.reply({type: 'text', text: "I'm so proactive!"}, {typing: 30});
    });
    const typing = oneEvent(el, 'chat-typing');
    await webchat().sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}});
    expect((await typing).detail.typing).to.equal(true);
    await oneEvent(el, 'chat-message');
    expect(transcriptTexts(el)).to.deep.equal(["I'm so proactive!"]);
    await webchat().sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}});
    await aTimeout(60);
    expect(transcriptTexts(el)).to.deep.equal(["I'm so proactive!"]);
    expect(bot.called).to.equal(false);
  });

  describe('sendEvent()', () => {
    it('show, hide and toggle open and close the panel; message sends payload.text as the visitor', async () => {
      await webchat().init(config());
      const el = await theWidget();
      await webchat().sendEvent({type: 'show'});
      expect(el.open).to.equal(true);
      await webchat().sendEvent({type: 'hide'});
      expect(el.open).to.equal(false);
      await webchat().sendEvent({type: 'toggle'});
      expect(el.open).to.equal(true);
      await webchat().sendEvent({type: 'message', payload: {text: 'Do you ship abroad?'}});
      await settle(el);
      expect(transcriptTexts(el)).to.deep.equal(['Do you ship abroad?']);
      expect(el.messages[0].author).to.equal('user');
    });

    it('any other type goes to the dialog engine as an event, interpreted as a user message', async () => {
      await webchat().init(config());
      const el = await theWidget();
      const turns: unknown[] = [];
      el.bot = (turn) => {
        turns.push({text: turn.text, origin: turn.origin});
        return 'Got it';
      };
      await webchat().sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}});
      await settle(el);
      expect(turns).to.deep.equal([{text: 'fake message', origin: 'event'}]);
      expect(transcriptTexts(el)).to.deep.equal(['Got it']);
    });

    it('createConversation starts a new session; loadConversation keeps the stored one and warns about any other', async () => {
      await webchat().init(config());
      const el = await theWidget();
      await webchat().sendEvent({type: 'message', payload: {text: 'Hello'}});
      const first = el.session.id;
      await webchat().sendEvent({type: 'createConversation'});
      await settle(el);
      expect(el.session.id).not.to.equal(first);
      expect(el.messages).to.have.length(0);

      const warn = sinon.stub(console, 'warn');
      await webchat().sendEvent({type: 'loadConversation', payload: {conversationId: el.session.id}});
      expect(warn.called).to.equal(false);
      const current = el.session.id;
      await webchat().sendEvent({type: 'loadConversation', payload: {conversationId: first}});
      expect(el.session.id).to.equal(current);
      expect(warn.calledOnce).to.equal(true);
      expect(warn.firstCall.args[0]).to.match(
        /^botpressWebChat\.sendEvent\(\): only the stored conversation can be loaded/
      );
    });
  });

  it('sendPayload(): a text payload is a visitor message; another payload is a pipeline event of its type', async () => {
    await webchat().init(config());
    const el = await theWidget();
    const types: string[] = [];
    el.addEventListener('chat-event', (e) => types.push(e.detail.type));
    await webchat().sendPayload({type: 'text', text: 'Hi there'});
    await webchat().sendPayload({type: 'postback', payload: 'BUY'});
    await settle(el);
    expect(transcriptTexts(el)).to.deep.equal(['Hi there']);
    expect(types).to.deep.equal(['postback']);
  });

  it('configure() and mergeConfig() apply the keys given and report CONFIG.SET', async () => {
    await webchat().init(config());
    const el = await theWidget();
    const seen: Seen[] = [];
    webchat().onEvent((event: Seen) => seen.push(event), ['CONFIG.SET']);
    await webchat().configure({botName: 'Configured', composerPlaceholder: 'Type'});
    await webchat().mergeConfig({botConvoDescription: 'Merged'});
    expect(el.botName).to.equal('Configured');
    expect(el.placeholder).to.equal('Type');
    expect(el.description).to.equal('Merged');
    expect(seen.map((e) => [e.type, e.value])).to.deep.equal([
      ['CONFIG.SET', {botName: 'Configured', composerPlaceholder: 'Type'}],
      ['CONFIG.SET', {botConvoDescription: 'Merged'}],
    ]);
  });

  describe('onEvent()', () => {
    it('reports lifecycle, UI and message topics as {type, value, chatId}', async () => {
      const seen: Seen[] = [];
      webchat().onEvent(
        (event: Seen) => seen.push(event),
        ['LIFECYCLE.LOADED', 'LIFECYCLE.READY', 'UI.OPENED', 'UI.CLOSED', 'MESSAGE.SENT', 'MESSAGE.RECEIVED']
      );
      await webchat().init(config());
      const el = await theWidget();
      el.bot = () => 'Hello, visitor';
      await webchat().sendEvent({type: 'show'});
      await webchat().sendPayload({type: 'text', text: 'Hi'});
      await settle(el);
      await webchat().sendEvent({type: 'hide'});
      await settle(el);
      expect(seen.map((e) => e.type)).to.deep.equal([
        'LIFECYCLE.LOADED',
        'LIFECYCLE.READY',
        'UI.OPENED',
        'MESSAGE.SENT',
        'MESSAGE.RECEIVED',
        'UI.CLOSED',
      ]);
      const sent = seen[3].value as Record<string, unknown>;
      expect(sent).to.include({conversationId: el.session.id, authorId: 'user'});
      expect((sent.payload as {text: string}).text).to.equal('Hi');
      expect(sent.sentOn).to.be.instanceOf(Date);
      expect(seen[4].value).to.have.nested.property('payload.text', 'Hello, visitor');
    });

    it("'*' hears every topic; a second handler for the same chatId replaces the first", async () => {
      const first = sinon.spy();
      const all: string[] = [];
      webchat().onEvent(first, ['*']);
      webchat().onEvent((event: Seen) => all.push(event.type), ['*']);
      await webchat().init(config());
      await webchat().sendEvent({type: 'show'});
      await webchat().mergeConfig({botName: 'X'});
      expect(all).to.deep.equal(['LIFECYCLE.LOADED', 'LIFECYCLE.READY', 'UI.OPENED', 'CONFIG.SET']);
      expect(first.called).to.equal(false);
    });

    it('a handler added after the widget is ready still hears LIFECYCLE.LOADED and READY', async () => {
      await webchat().init(config());
      await theWidget();
      const seen: string[] = [];
      webchat().onEvent((event: Seen) => seen.push(event.type), ['LIFECYCLE.LOADED', 'LIFECYCLE.READY']);
      await aTimeout(0);
      expect(seen).to.deep.equal(['LIFECYCLE.LOADED', 'LIFECYCLE.READY']);
    });
  });

  it('v12: posts {name, chatId} to the window for webchatLoaded, webchatReady, webchatOpened and webchatClosed', async () => {
    // The first widget on the page belongs to the earlier tests' init() without a chatId.
    await fixture(html`<chat-widget persistence="memory"></chat-widget>`);
    const posted = windowMessages();
    await webchat().init(config({chatId: 'bp-web-widget'}));
    await webchat().sendEvent({type: 'show'}, 'bp-web-widget');
    await webchat().sendEvent({type: 'hide'}, 'bp-web-widget');
    await aTimeout(20);
    posted.stop();
    expect(posted.data.filter((d) => (d as {chatId: string}).chatId === 'bp-web-widget')).to.deep.equal([
      {name: 'webchatLoaded', chatId: 'bp-web-widget'},
      {name: 'webchatReady', chatId: 'bp-web-widget'},
      {name: 'webchatOpened', chatId: 'bp-web-widget'},
      {name: 'webchatClosed', chatId: 'bp-web-widget'},
    ]);
  });

  it('targets several widgets on one page by chatId', async () => {
    webchat().init(config({chatId: 'sales', botName: 'Sales'}));
    webchat().init(config({chatId: 'help', botName: 'Help'}));
    const sales: string[] = [];
    const help: string[] = [];
    webchat().onEvent((event: Seen) => sales.push(`${event.type}@${event.chatId}`), ['UI.OPENED'], 'sales');
    webchat().onEvent((event: Seen) => help.push(`${event.type}@${event.chatId}`), ['UI.OPENED'], 'help');
    await webchat().sendEvent({type: 'show'}, 'help');
    const salesEl = await theWidget('#sales');
    const helpEl = await theWidget('#help');
    expect(document.querySelectorAll('chat-widget')).to.have.length(2);
    expect([salesEl.botName, helpEl.botName]).to.deep.equal(['Sales', 'Help']);
    expect([salesEl.open, helpEl.open]).to.deep.equal([false, true]);
    await webchat().sendPayload({type: 'text', text: 'For sales'}, 'sales');
    await webchat().mergeConfig({botConvoDescription: 'Helpdesk'}, 'help');
    await settle(salesEl);
    expect(transcriptTexts(salesEl)).to.deep.equal(['For sales']);
    expect(transcriptTexts(helpEl)).to.deep.equal([]);
    expect([salesEl.description, helpEl.description]).to.deep.equal([undefined, 'Helpdesk']);
    expect(sales).to.deep.equal([]);
    expect(help).to.deep.equal(['UI.OPENED@help']);
  });

  it('reports bad input as a console error naming the API and the argument; the queue keeps going', async () => {
    const errors = consoleErrors();
    const events = domEvents('chat-open', 'chat-message', 'chat-event');
    const calls = [
      webchat().sendEvent({type: 'show'}),
      webchat().sendEvent('show' as never),
      webchat().sendEvent({payload: {text: 'no type'}} as never),
      webchat().sendPayload(null as never),
      webchat().sendEvent({type: 'message', payload: {text: 'Still here'}}),
    ];
    webchat().onEvent('not a function' as never, ['*']);
    webchat().onEvent(() => undefined, 'UI.OPENED' as never);
    await webchat().init(config());
    await Promise.all(calls);
    events.stop();
    expect(events.seen).to.deep.equal(['chat-event:show', 'chat-open', 'chat-event:message', 'chat-message']);
    const messages = errors.messages();
    expect(messages).to.have.length(5);
    expect(messages[0]).to.equal('botpressWebChat.onEvent(): handler must be a function, got "not a function"');
    expect(messages[1]).to.equal('botpressWebChat.onEvent(): topics must be an array, got "UI.OPENED"');
    expect(messages[2]).to.equal('botpressWebChat.sendEvent(): event must be an object, got "show"');
    expect(messages[3]).to.match(/^botpressWebChat\.sendEvent\(\): event\.type must be a non-empty string/);
    expect(messages[4]).to.match(/^botpressWebChat\.sendPayload\(\): payload must be an object/);
  });
});
