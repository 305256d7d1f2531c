import {expect, oneEvent} from '@open-wc/testing';
import sinon from 'sinon';
import type {Turn} from '../../src/index.js';
import {toPageEvent} from '../../src/pipeline/event-pipeline.js';
import {bubbleTexts, settle, uniqueKey, widget} from '../helpers.js';

describe('event pipeline: sendEvent()', () => {
  afterEach(() => sinon.restore());

  it('dispatches a cancelable chat-event carrying type, channel, payload, session and reply', async () => {
    const el = await widget();
    const event = oneEvent(el, 'chat-event');
    void el.sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}});
    const e = await event;
    expect(e.cancelable).to.equal(true);
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.detail).to.include({type: 'proactive-trigger', channel: 'web'});
    expect(e.detail.payload).to.deep.equal({text: 'fake message'});
    expect(e.detail.session).to.include({isNew: true});
    expect(e.detail.session.lastMessages).to.deep.equal([]);
    expect(e.detail.reply).to.be.a('function');
  });

  it('hands an unhandled event to the dialog engine as the visitor turn, drawing no visitor bubble', async () => {
    const el = await widget();
    const turns: Turn[] = [];
    el.bot = (turn) => {
      turns.push(turn);
      return 'Engine answer';
    };
    await el.sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}});
    expect(turns).to.have.length(1);
    expect(turns[0]).to.include({text: 'fake message', origin: 'event'});
    expect(turns[0].event!.type).to.equal('proactive-trigger');
    expect(turns[0].message).to.equal(undefined);
    expect(el.messages.map((m) => `${m.author}:${(m as {text: string}).text}`)).to.deep.equal([
      'bot:Engine answer',
    ]);
  });

  it('skips the dialog engine when chat-event is cancelled (SKIP_DIALOG_ENGINE), and can reply itself', async () => {
    const el = await widget({open: true});
    const bot = sinon.spy();
    el.bot = bot;
    el.addEventListener('chat-event', (e) => {
      e.preventDefault();
      void e.detail.reply({type: 'text', text: "I'm so proactive!"}, {typing: 20});
    });
    await el.sendEvent({type: 'proactive-trigger', payload: {}});
    await settle(el);
    await new Promise((r) => setTimeout(r, 60));
    expect(bot.called).to.equal(false);
    expect(bubbleTexts(el)).to.deep.equal(["I'm so proactive!"]);
  });

  it('acts on the built-in types show, hide, toggle and message', async () => {
    const el = await widget();
    await el.sendEvent({type: 'show'});
    expect(el.open).to.equal(true);
    await el.sendEvent({type: 'hide'});
    expect(el.open).to.equal(false);
    await el.sendEvent({type: 'toggle'});
    expect(el.open).to.equal(true);
    await el.sendEvent({type: 'message', payload: {text: 'From the page'}});
    expect(el.messages.map((m) => `${m.author}:${(m as {text: string}).text}`)).to.deep.equal([
      'user:From the page',
    ]);
  });

  it('does not act on a built-in type whose chat-event was cancelled', async () => {
    const el = await widget();
    el.addEventListener('chat-event', (e) => e.preventDefault());
    await el.sendEvent({type: 'show'});
    expect(el.open).to.equal(false);
  });

  it('queues events sent before the widget is ready and runs them in order', async () => {
    const el = document.createElement('chat-widget');
    el.setAttribute('storage-key', uniqueKey());
    const seen: string[] = [];
    el.addEventListener('chat-event', (e) => seen.push(e.detail.type));
    const done = ['a', 'b', 'c'].map((type) => el.sendEvent({type}));
    expect(seen).to.deep.equal([]);
    document.body.append(el);
    await Promise.all(done);
    expect(seen).to.deep.equal(['a', 'b', 'c']);
    el.remove();
  });

  it('delivers 1,000 events sent in one task, all in order', async () => {
    const el = await widget();
    const turns: string[] = [];
    el.bot = (turn) => void turns.push(turn.text);
    const seen: string[] = [];
    el.addEventListener('chat-event', (e) => seen.push(String(e.detail.payload.text)));
    const sent = Array.from({length: 1000}, (_, i) => String(i));
    await Promise.all(sent.map((text) => el.sendEvent({type: 'page-event', payload: {text}})));
    expect(seen).to.deep.equal(sent);
    expect(turns).to.deep.equal(sent);
  });

  it('throws a TypeError naming what is wrong with a bad event', async () => {
    const el = await widget();
    expect(() => el.sendEvent(null as never)).to.throw(TypeError, /the event must be an object, got null/);
    expect(() => el.sendEvent('show' as never)).to.throw(TypeError, /got "show"/);
    expect(() => el.sendEvent({} as never)).to.throw(TypeError, /event.type must be a non-empty string/);
    expect(() => toPageEvent([])).to.throw(TypeError, /the event must be an object, got an array/);
  });
});
