// Page calls that cannot break the page: each finding of the fault-injection
// run against the three compatibility globals, as a page would hit it.
import {aTimeout, expect} from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/define.js';
import '../../src/shims.js';
import {consoleErrors, settle, transcriptTexts, uniqueKey} from '../helpers.js';
import {pageFaults, removeWidgets, theWidget} from './shim-helpers.js';

const memory = () => ({botId: uniqueKey(), configuration: {persistence: 'memory'}});

describe('page calls that cannot break the page', () => {
  afterEach(() => {
    sinon.restore();
    removeWidgets();
  });

  it('a sendEvent with a chatId that is not a string is reported and does not jam later calls', async () => {
    const errors = consoleErrors();
    await window.botpress.init(memory());
    await window.botpressWebChat.sendEvent({type: 'show'}, [] as unknown as string);
    expect(errors.messages()).to.deep.equal([
      'botpressWebChat.sendEvent(): chatId must be a string, got an array',
    ]);
    await window.botpress.sendMessage('Still heard');
    await window.voiceflow.chat.open();
    const el = await theWidget();
    await settle(el);
    expect(transcriptTexts(el)).to.deep.equal(['Still heard']);
    expect(el.open).to.equal(true);
  });

  it('a cyclic or BigInt event payload after load() is reported, never thrown uncaught', async () => {
    const faults = pageFaults();
    const errors = consoleErrors();
    // No projectID: no Voiceflow connector (it would talk to Voiceflow's runtime), only the page calls.
    await window.voiceflow.chat.load({assistant: {persistence: 'memory'}});
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await window.voiceflow.chat.interact({type: 'event', payload: cyclic});
    await window.voiceflow.chat.interact({type: 'event', payload: 10n});
    await aTimeout(0);
    faults.stop();
    expect(faults.seen).to.deep.equal([]);
    expect(errors.messages().length).to.be.greaterThan(0);
    expect(errors.messages().every((m) => m.startsWith('voiceflow.chat'))).to.equal(true);
  });

  it('setUnreadMessageCount() with a non-number is reported and rendering goes on', async () => {
    const errors = consoleErrors();
    await window.botpress.init(memory());
    await window.botpress.setUnreadMessageCount(Symbol('x') as unknown as number);
    await window.botpress.setUnreadMessageCount(-1);
    expect(errors.messages()).to.deep.equal([
      'botpress.setUnreadMessageCount(): count must be a whole number of 0 or more, got symbol',
      'botpress.setUnreadMessageCount(): count must be a whole number of 0 or more, got number',
    ]);
    await window.botpress.setUnreadMessageCount(2);
    const el = await theWidget();
    await settle(el);
    expect(el.unread).to.equal(2);
    await window.botpress.open();
    expect(el.open).to.equal(true);
  });

  it('load()/init() with a bad selector or a throwing config report it and never throw', async () => {
    const errors = consoleErrors();
    const throwing = {
      get configuration(): never {
        throw new Error('getter exploded');
      },
    };
    const calls = [
      () => window.botpressWebChat.init(memory(), '##not a selector'),
      () => window.botpress.init(throwing),
      () => window.voiceflow.chat.load(throwing as never),
    ];
    const results = calls.map((call) => {
      try {
        return call();
      } catch (error) {
        return `threw ${(error as Error).message}`;
      }
    });
    expect(results.every((result) => result instanceof Promise)).to.equal(true);
    await Promise.all(results);
    expect(errors.messages()).to.deep.equal([
      'botpressWebChat.init(): selector must be a valid CSS selector, got "##not a selector"',
      'botpress.init(): config could not be read: getter exploded',
      'voiceflow.chat.load(): config could not be read: getter exploded',
    ]);
  });

  it('on() with an unknown event name reports it, naming the known ones', () => {
    const errors = consoleErrors();
    const off = window.botpress.on('mesage', () => undefined);
    off();
    expect(errors.messages()).to.have.length(1);
    expect(errors.messages()[0]).to.match(
      /^botpress\.on\(\): type must be one of .*"message".*, got "mesage"$/
    );
  });

  it('onEvent() with an unknown topic reports it, naming the known ones', () => {
    const errors = consoleErrors();
    window.botpressWebChat.onEvent(() => undefined, ['UI.OPEND']);
    expect(errors.messages()).to.have.length(1);
    expect(errors.messages()[0]).to.match(
      /^botpressWebChat\.onEvent\(\): topics must be .*"UI\.OPENED".*, got "UI\.OPEND"$/
    );
  });

  it('a chatId of __proto__, constructor or toString never reaches Object or Function', async () => {
    for (const chatId of ['__proto__', 'constructor', 'toString']) {
      await window.botpressWebChat.init({...memory(), chatId});
      expect(Object.prototype).not.to.have.own.property('id');
      expect(Object).not.to.have.own.property('id');
      expect(Function.prototype).not.to.have.own.property('id');
      expect(({} as {id?: unknown}).id).to.equal(undefined);
      const el = await theWidget(`chat-widget#${chatId}`);
      expect(el.id).to.equal(chatId);
      removeWidgets();
    }
  });

  it('updateUser() with a __proto__ key sets a field, not the prototype of anything', async () => {
    await window.botpress.init(memory());
    const user = (await window.botpress.updateUser(
      JSON.parse('{"__proto__": {"polluted": true}, "name": "Jo"}')
    )) as Record<string, unknown>;
    expect(({} as {polluted?: unknown}).polluted).to.equal(undefined);
    expect(user.name).to.equal('Jo');
    expect(Object.getPrototypeOf(user)).to.equal(Object.prototype);
  });

  it('one throwing on() handler does not starve the others, and is reported', async () => {
    const errors = consoleErrors();
    const faults = pageFaults();
    await window.botpress.init(memory());
    const heard: string[] = [];
    const offs = [
      window.botpress.on('webchat:opened', () => heard.push('first')),
      window.botpress.on('webchat:opened', () => {
        throw new Error('handler exploded');
      }),
      window.botpress.on('webchat:opened', () => heard.push('third')),
    ];
    await window.botpress.open();
    await aTimeout(0);
    offs.forEach((off) => off());
    faults.stop();
    expect(heard).to.deep.equal(['first', 'third']);
    expect(faults.seen).to.deep.equal([]);
    expect(errors.messages()).to.deep.equal([
      'botpress.on(): a "webchat:opened" handler threw: handler exploded',
    ]);
  });
});
