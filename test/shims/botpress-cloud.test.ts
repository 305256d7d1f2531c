import {aTimeout, expect, fixture, html} from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/define.js';
import '../../src/shims.js';
import {consoleErrors, domEvents, part, settle, transcriptTexts, uniqueKey} from '../helpers.js';
import {describeCompatibilityGlobal} from './compatibility-global.suite.js';
import {removeWidgets, theWidget} from './shim-helpers.js';

const bp = () => window.botpress;
/**
 * A v2 init config with a storage key of its own, kept in memory. Without a
 * `clientId` it talks to no backend: the page answers (botpress-cloud-backend.test.ts
 * has the widget talking to Botpress Cloud's API, the mock).
 */
const config = (configuration: Record<string, unknown> = {}) => ({
  botId: uniqueKey(),
  configuration: {persistence: 'memory', ...configuration},
});

describeCompatibilityGlobal({
  path: 'botpress',
  start: () => bp().init(config()),
  open: () => bp().open(),
  close: () => bp().close(),
  sendMessage: (text) => bp().sendMessage(text),
  badCall: {
    call: () => bp().sendEvent('not an object'),
    error: 'botpress.sendEvent(): event must be an object, got "not an object"',
  },
});

describe('window.botpress', () => {
  const offs: Array<() => void> = [];
  afterEach(() => {
    sinon.restore();
    offs.splice(0).forEach((off) => off());
    removeWidgets();
  });
  /** Subscribes for this test only. */
  const on = (type: string, handler: (data: unknown) => void) => offs.push(bp().on(type, handler));

  it('init() creates one widget and maps the configuration; a second init() makes no second widget', async () => {
    const cfg = config({
      botName: 'Ava',
      botAvatar: 'https://example.com/ava.png',
      botDescription: 'Hat & Co.',
      color: 'rgb(0, 120, 0)',
    });
    await bp().init(cfg);
    const el = await theWidget();
    expect([el.botName, el.botAvatar, el.description, el.storageKey]).to.deep.equal([
      'Ava',
      'https://example.com/ava.png',
      'Hat & Co.',
      cfg.botId,
    ]);
    expect(getComputedStyle(part(el, 'launcher')).backgroundColor).to.equal('rgb(0, 120, 0)');
    await bp().init(config({botName: 'Again'}));
    expect(document.querySelectorAll('chat-widget')).to.have.length(1);
    expect(el.botName).to.equal('Again');
  });

  it('init() renders into the selector given', async () => {
    await fixture(html`<div id="webchat"></div>`);
    await bp().init({...config(), selector: '#webchat'});
    expect((await theWidget()).parentElement!.id).to.equal('webchat');
  });

  it('queues calls made before init() and replays them in order once the widget is ready', async () => {
    const events = domEvents('chat-open', 'chat-close', 'chat-message', 'chat-event');
    const calls = [
      bp().open(),
      bp().sendMessage('Hi there!'),
      bp().sendEvent({type: 'page-view', path: '/hats'}),
      bp().toggle(),
      bp().setUnreadMessageCount(2),
    ];
    await bp().init(config());
    await Promise.all(calls);
    const el = await theWidget();
    await settle(el);
    events.stop();
    expect(events.seen).to.deep.equal(['chat-open', 'chat-message', 'chat-event:page-view', 'chat-close']);
    expect(el.unread).to.equal(2);
    expect(part(el, 'badge').textContent).to.equal('2');
  });

  it('open(), close() and toggle() drive the panel; sendMessage() sends as the visitor', async () => {
    await bp().init(config());
    const el = await theWidget();
    await bp().open();
    expect(el.open).to.equal(true);
    await bp().close();
    expect(el.open).to.equal(false);
    await bp().toggle();
    expect(el.open).to.equal(true);
    await bp().sendMessage('What sizes do you have?');
    await settle(el);
    expect(transcriptTexts(el)).to.deep.equal(['What sizes do you have?']);
  });

  it('sendEvent() sends a custom event through the pipeline, the whole object as its payload', async () => {
    await bp().init(config());
    const el = await theWidget();
    const seen: unknown[] = [];
    el.addEventListener(
      'chat-event',
      (e) => (e.preventDefault(), seen.push([e.detail.type, e.detail.payload]))
    );
    await bp().sendEvent({myCustomProperty: 'value'});
    await bp().sendEvent({type: 'proactive-trigger', text: 'hello'});
    expect(seen).to.deep.equal([
      ['custom', {myCustomProperty: 'value'}],
      ['proactive-trigger', {type: 'proactive-trigger', text: 'hello'}],
    ]);
  });

  it('config() merges the configuration and the user; updateUser() and getUser() keep the user, with the session id', async () => {
    await bp().init(config());
    const el = await theWidget();
    await bp().config({
      configuration: {botName: 'Configured', composerPlaceholder: 'Type here'},
      user: {name: 'Jo'},
    });
    expect(el.botName).to.equal('Configured');
    expect(el.placeholder).to.equal('Type here');
    const updated = await bp().updateUser({pictureUrl: 'https://example.com/jo.png', data: {plan: 'pro'}});
    expect(updated).to.deep.equal({
      name: 'Jo',
      pictureUrl: 'https://example.com/jo.png',
      data: {plan: 'pro'},
      id: el.session.id,
    });
    expect(await bp().getUser()).to.deep.equal(updated);
  });

  it('restartConversation() starts a new session; setUnreadMessageCount() sets the badge', async () => {
    await bp().init(config());
    const el = await theWidget();
    await bp().sendMessage('Hello');
    const before = el.session.id;
    await bp().restartConversation();
    await settle(el);
    expect(el.session.id).not.to.equal(before);
    expect(el.messages).to.have.length(0);
    expect((await bp().getUser()) as {id: string}).to.have.property('id', el.session.id);
    await bp().setUnreadMessageCount(5);
    await settle(el);
    expect(part(el, 'badge').textContent).to.equal('5');
    await bp().setUnreadMessageCount(0);
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part=badge]')).to.equal(null);
  });

  describe('on()', () => {
    it('hears webchat:initialized, webchat:ready, webchat:opened, webchat:closed, messageSent, message, customEvent and error', async () => {
      const seen: Array<[string, unknown]> = [];
      const types = [
        'webchat:initialized',
        'webchat:ready',
        'webchat:opened',
        'webchat:closed',
        'messageSent',
        'message',
        'customEvent',
        'error',
      ];
      for (const type of types) on(type, (data) => seen.push([type, data]));
      await bp().init(config());
      const el = await theWidget();
      el.bot = (turn) => (turn.origin === 'event' ? [] : 'Hello, visitor');
      sinon.stub(console, 'warn');
      await bp().open();
      await bp().sendMessage('Hi');
      await settle(el);
      await bp().sendEvent({type: 'cart:add'});
      await bp().close();
      el.proactive.push({type: 'image'} as never);
      await settle(el);
      const id = el.session.id;
      expect(seen.map(([type]) => type)).to.deep.equal([
        'webchat:initialized',
        'webchat:ready',
        'webchat:opened',
        'messageSent',
        'message',
        'customEvent',
        'webchat:closed',
        'error',
      ]);
      expect(seen[0][1]).to.equal(id);
      expect(seen[2][1]).to.equal(id);
      expect(seen[3][1]).to.deep.include({conversationId: id, authorId: 'user'});
      expect(seen[4][1]).to.have.nested.property('payload.text', 'Hello, visitor');
      expect(seen[5][1]).to.include({type: 'cart:add'});
      expect(seen[7][1]).to.be.instanceOf(Error);
    });

    it("'*' hears every event as {type, value}; the returned function unsubscribes", async () => {
      const all: string[] = [];
      const off = bp().on('*', (event) => all.push((event as {type: string}).type));
      offs.push(off);
      await bp().init(config());
      await bp().open();
      off();
      await bp().close();
      expect(all).to.deep.equal(['webchat:initialized', 'webchat:ready', 'webchat:opened']);
    });

    it('a handler added after the widget is ready still hears webchat:initialized and webchat:ready', async () => {
      await bp().init(config());
      await theWidget();
      const seen: string[] = [];
      on('webchat:ready', () => seen.push('ready'));
      on('webchat:initialized', () => seen.push('initialized'));
      await aTimeout(0);
      expect(seen).to.deep.equal(['ready', 'initialized']);
    });

    it("Botpress's recipe: open on webchat:initialized, then speak on webchat:ready", async () => {
      offs.push(
        window.botpress.on('webchat:initialized', (event) => {
          void event;
          window.botpress.open();
        }),
        window.botpress.on('webchat:ready', () => {
          const message = 'Hi there!';
          window.botpress.sendMessage(message);
        })
      );
      await bp().init(config());
      const el = await theWidget();
      await aTimeout(20);
      await settle(el);
      expect(el.open).to.equal(true);
      expect(transcriptTexts(el)).to.deep.equal(['Hi there!']);
    });
  });

  it('reports a handler that is not a function, and still returns an unsubscribe function', async () => {
    const errors = consoleErrors();
    const off = bp().on('message', 'nope' as never);
    expect(off).to.be.a('function');
    off();
    expect(errors.messages()).to.deep.equal(['botpress.on(): handler must be a function, got "nope"']);
    const bad = bp().sendEvent('not an object');
    // sendEvent waits for a widget: give it one, and the error names the call.
    await bp().init(config());
    await bad;
    expect(errors.messages()[1]).to.equal('botpress.sendEvent(): event must be an object, got "not an object"');
  });
});
