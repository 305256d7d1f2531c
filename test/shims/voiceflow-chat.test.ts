import {aTimeout, expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/define.js';
import '../../src/shims.js';
import type {ChatWidget} from '../../src/index.js';
import {
  consoleErrors,
  domEvents,
  part,
  parts,
  settle,
  transcriptTexts,
  uniqueKey,
  windowMessages,
} from '../helpers.js';
import {describeCompatibilityGlobal} from './compatibility-global.suite.js';
import {removeWidgets, theWidget} from './shim-helpers.js';

const chat = () => window.voiceflow.chat;
const bubbles = (el: ChatWidget) => parts(el, 'proactive-message').map((m) => m.textContent!.trim());
/**
 * A config of the kind Voiceflow's snippet passes, without `verify.projectID`: the widget then
 * has no bot, and these tests see the page API alone (voiceflow-runtime.test.ts has the project).
 */
const config = (extra: Record<string, unknown> = {}) => ({
  url: '/mock/voiceflow',
  versionID: 'production',
  assistant: {persistence: 'memory'},
  ...extra,
});

describeCompatibilityGlobal({
  path: 'voiceflow.chat',
  start: () => chat().load(config()),
  open: () => chat().open(),
  close: () => chat().close(),
  sendMessage: (text) => chat().interact({type: 'text', payload: text}),
  badCall: {call: () => chat().interact(null), error: 'voiceflow.chat.interact(): action must be an object, got null'},
});

describe('window.voiceflow.chat', () => {
  afterEach(() => {
    sinon.restore();
    removeWidgets();
  });

  describe('load()', () => {
    it('creates one widget in the body, maps the config onto attributes, and resolves when it is ready', async () => {
      const projectID = uniqueKey();
      await chat().load({
        verify: {projectID},
        url: '/mock/voiceflow',
        assistant: {
          title: 'Ava',
          description: 'Hat & Co.',
          image: 'https://example.com/ava.png',
          color: 'rgb(200, 0, 0)',
          position: 'left',
          persistence: 'sessionStorage',
        },
      });
      const all = document.querySelectorAll('chat-widget');
      expect(all).to.have.length(1);
      const el = all[0] as ChatWidget;
      expect(el.parentElement).to.equal(document.body);
      expect(el.ready).to.equal(true);
      expect(el.botName).to.equal('Ava');
      expect(el.description).to.equal('Hat & Co.');
      expect(el.botAvatar).to.equal('https://example.com/ava.png');
      expect(el.position).to.equal('left');
      expect(el.persistence).to.equal('session');
      expect(el.storageKey).to.equal(projectID);
      expect(getComputedStyle(part(el, 'launcher')).backgroundColor).to.equal('rgb(200, 0, 0)');
      sessionStorage.removeItem(`chat-widget:${projectID}`);
    });

    it('maps every persistence and avatar spelling; an unsafe avatar never reaches the page', async () => {
      const warn = sinon.stub(console, 'warn');
      await chat().load(config({assistant: {persistence: 'localStorage', avatar: 'javascript:alert(1)'}}));
      const el = await theWidget();
      expect(el.persistence).to.equal('local');
      expect(el.shadowRoot!.querySelector('[part=header] img')).to.equal(null);
      expect(warn.calledWithMatch(/bot-avatar/)).to.equal(true);
      await chat().load({assistant: {persistence: 'memory'}});
      expect(el.persistence).to.equal('memory');
      localStorage.removeItem(`chat-widget:${el.storageKey}`);
    });

    it('a second load() configures the widget the first one made', async () => {
      await chat().load(config());
      await chat().load(config({assistant: {title: 'Second', persistence: 'memory'}}));
      expect((await theWidget()).botName).to.equal('Second');
    });

    it('configures the widget the page already has', async () => {
      const mine = await fixture<ChatWidget>(html`<chat-widget persistence="memory"></chat-widget>`);
      await chat().load(config({assistant: {title: 'Mine', persistence: 'memory'}}));
      expect(mine.botName).to.equal('Mine');
    });

    it('draws the panel inline in render.target, with no launcher, in embedded mode', async () => {
      const target = await fixture<HTMLElement>(html`<div style="height: 400px"></div>`);
      await chat().load(config({render: {mode: 'embedded', target}}));
      const el = await theWidget();
      expect(el.parentElement).to.equal(target);
      expect(el.embedded).to.equal(true);
      expect(part(el, 'panel').checkVisibility()).to.equal(true);
      expect(part(el, 'launcher').checkVisibility()).to.equal(false);
    });
  });

  it('queues every call made before load() and replays them in order once the widget is ready', async () => {
    const events = domEvents(
      'chat-open',
      'chat-close',
      'chat-proactive-push',
      'chat-proactive-clear',
      'chat-message',
      'chat-event'
    );
    const settled = [
      chat().proactive.push({type: 'text', payload: {message: 'Early bird'}}),
      chat().open(),
      chat().interact({type: 'text', payload: 'Hello'}),
      chat().close(),
      chat().interact({type: 'launch'}),
      chat().proactive.clear(),
      chat().proactive.push({type: 'text', payload: {message: 'Last'}}),
      chat().hide(),
    ];
    expect(document.querySelector('chat-widget')).to.equal(null);
    await chat().load(config());
    await Promise.all(settled);
    const el = await theWidget();
    await settle(el);
    events.stop();
    expect(events.seen).to.deep.equal([
      'chat-proactive-push',
      'chat-open',
      'chat-message',
      'chat-close',
      'chat-event:launch',
      'chat-proactive-clear',
      'chat-proactive-push',
    ]);
    expect(transcriptTexts(el)).to.deep.equal(['Hello']);
    expect(el.proactive.messages.map((m) => m.text)).to.deep.equal(['Last']);
    expect(el.hidden).to.equal(true);
  });

  it('open() and close() open and close the panel; hide() and show() hide and show the whole widget', async () => {
    await chat().load(config());
    const el = await theWidget();
    const opened = oneEvent(el, 'chat-open');
    await chat().open();
    expect((await opened).detail.source).to.equal('api');
    expect(el.open).to.equal(true);
    await chat().close();
    await settle(el);
    expect(el.open).to.equal(false);
    await chat().hide();
    expect(el.hidden).to.equal(true);
    expect(part(el, 'launcher').checkVisibility()).to.equal(false);
    await chat().show();
    expect(el.hidden).to.equal(false);
    expect(part(el, 'launcher').checkVisibility()).to.equal(true);
  });

  it('interact(): a text action is a visitor message; launch, intent and event actions enter the event pipeline', async () => {
    await chat().load(config());
    const el = await theWidget();
    const details: unknown[] = [];
    el.addEventListener('chat-event', (e) => details.push({type: e.detail.type, payload: e.detail.payload}));
    await chat().interact({type: 'text', payload: 'Do you ship abroad?'});
    await chat().interact({type: 'launch'});
    await chat().interact({type: 'intent', payload: {intent: {name: 'account_services'}, entities: []}});
    await chat().interact({type: 'event', payload: {event: {name: 'promo'}}});
    await settle(el);
    expect(transcriptTexts(el)).to.deep.equal(['Do you ship abroad?']);
    expect(el.messages[0].author).to.equal('user');
    expect(details).to.deep.equal([
      {type: 'launch', payload: {}},
      {type: 'intent', payload: {intent: {name: 'account_services'}, entities: []}},
      {type: 'event', payload: {event: {name: 'promo'}}},
    ]);
  });

  it('proactive.push() shows one or several traces above the launcher; clear() removes them all', async () => {
    await chat().load(config());
    const el = await theWidget();
    await chat().proactive.push({type: 'text', payload: {message: 'hello world'}});
    await chat().proactive.push(
      {type: 'text', payload: {message: '1!'}},
      {type: 'text', payload: {message: '2!'}}
    );
    await settle(el);
    expect(bubbles(el)).to.deep.equal(['hello world', '1!', '2!']);
    await chat().proactive.clear();
    await settle(el);
    expect(bubbles(el)).to.deep.equal([]);
    expect(el.messages).to.have.length(0);
  });

  it('destroy() removes the widget load() created; a later load() makes a new one', async () => {
    await chat().load(config());
    const first = await theWidget();
    await chat().destroy();
    expect(first.isConnected).to.equal(false);
    expect(document.querySelector('chat-widget')).to.equal(null);
    await chat().load(config());
    const second = await theWidget();
    expect(second).not.to.equal(first);
  });

  it('posts voiceflow:open, close, interact and save_session to the window as JSON strings', async () => {
    await chat().load(config());
    const el = await theWidget();
    const posted = windowMessages();
    await chat().open();
    await chat().interact({type: 'text', payload: 'Hi'});
    await chat().interact({type: 'launch'});
    await chat().close();
    await settle(el);
    await aTimeout(20);
    posted.stop();
    expect(posted.data.every((d) => typeof d === 'string')).to.equal(true);
    const messages = (posted.data as string[]).map((d) => JSON.parse(d));
    expect(messages.map((m) => m.type)).to.deep.equal([
      'voiceflow:open',
      'voiceflow:interact',
      'voiceflow:save_session',
      'voiceflow:interact',
      'voiceflow:close',
      'voiceflow:save_session',
    ]);
    expect(messages[1].payload.action).to.deep.equal({type: 'text', payload: 'Hi'});
    expect(messages[1].payload.session.id).to.equal(el.session.id);
    expect(messages[2].payload.id).to.equal(el.session.id);
    expect(messages[2].payload.lastMessages[0].text).to.equal('Hi');
    expect(messages[3].payload.action).to.deep.equal({type: 'launch', payload: {}});
  });

  it('reports bad interact() input as a console error naming the API, and the queue keeps going', async () => {
    const errors = consoleErrors();
    const events = domEvents('chat-open', 'chat-message');
    const calls = [
      chat().open(),
      chat().interact(null),
      chat().interact({payload: 'no type'}),
      chat().interact({type: 'text', payload: 'After the bad ones'}),
    ];
    await chat().load(config());
    await Promise.all(calls);
    events.stop();
    expect(events.seen).to.deep.equal(['chat-open', 'chat-message']);
    expect(errors.messages()).to.have.length(2);
    expect(errors.messages()[0]).to.equal('voiceflow.chat.interact(): action must be an object, got null');
    expect(errors.messages()[1]).to.match(
      /^voiceflow\.chat\.interact\(\): event\.type must be a non-empty string/
    );
  });

  it('reports a failure that is not an Error by its text, and the queue keeps going', async () => {
    await chat().load(config());
    const el = await theWidget();
    const errors = consoleErrors();
    sinon.stub(el.proactive, 'push').callsFake(() => {
      throw 'a page script threw a string';
    });
    await chat().proactive.push('Lost');
    await chat().open();
    expect(errors.messages()).to.deep.equal([
      'voiceflow.chat.proactive.push(): a page script threw a string',
    ]);
    expect(el.open).to.equal(true);
  });

  it('waits for a widget that is defined and ready, even one added later by the page', async () => {
    const done = chat().proactive.push('Queued before any widget');
    await aTimeout(10);
    const el = document.createElement('chat-widget');
    el.setAttribute('persistence', 'memory');
    document.body.append(el);
    await done;
    await waitUntil(() => el.proactive.messages.length === 1);
    expect(el.proactive.messages[0].text).to.equal('Queued before any widget');
  });
});
