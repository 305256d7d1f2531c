// Installing the globals, without `src/shims.ts` and before `<chat-widget>` is
// defined: this file imports neither, so it sees the page as a tag manager would.
import {aTimeout, expect, waitUntil} from '@open-wc/testing';
import type {ChatWidget} from '../../src/index.js';
import {installShims} from '../../src/shims/install-shims.js';
import {removeWidgets} from './shim-helpers.js';

// What the page had before the bundle: importing the modules above installed nothing.
const before = {
  voiceflow: 'voiceflow' in window,
  botpressWebChat: 'botpressWebChat' in window,
  botpress: 'botpress' in window,
};

describe('installShims()', () => {
  after(() => removeWidgets());

  it('is not run by importing the shim modules', () => {
    expect(before).to.deep.equal({voiceflow: false, botpressWebChat: false, botpress: false});
  });

  it('extends globals the page already has, never replacing a member', () => {
    const theirLoad = () => 'theirs';
    const win = window as unknown as Record<string, Record<string, unknown>>;
    win.voiceflow = {other: 1, chat: {load: theirLoad}};
    win.botpress = {existing: true};
    installShims();
    expect(window.voiceflow.chat.load).to.equal(theirLoad);
    expect(win.voiceflow.other).to.equal(1);
    expect(window.voiceflow.chat.open).to.be.a('function');
    expect(window.voiceflow.chat.proactive.push).to.be.a('function');
    expect(win.botpress.existing).to.equal(true);
    expect(window.botpress.on).to.be.a('function');
    expect(window.botpressWebChat.init).to.be.a('function');
  });

  it('is harmless when run twice: the same members, every event reported once', async () => {
    const members = {...window.botpressWebChat};
    installShims();
    expect({...window.botpressWebChat}).to.deep.equal(members);

    const seen: string[] = [];
    window.botpressWebChat.onEvent((event: {type: string}) => seen.push(event.type), ['UI.OPENED']);
    // A widget the page wrote in its HTML, not defined yet: calls wait for the definition, then readiness.
    const el = document.createElement('chat-widget') as ChatWidget;
    el.setAttribute('persistence', 'memory');
    document.body.append(el);
    const opened = window.botpressWebChat.sendEvent({type: 'show'});
    await aTimeout(20);
    expect(el.open).to.equal(undefined);
    await import('../../src/define.js');
    await opened;
    await waitUntil(() => el.open === true);
    await aTimeout(20);
    expect(seen).to.deep.equal(['UI.OPENED']);
  });
});
