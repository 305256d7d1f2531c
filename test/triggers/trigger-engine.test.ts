import {expect} from '@open-wc/testing';
import sinon from 'sinon';
import {
  TriggerEngine,
  type TriggerEnv,
  type TriggerHost,
  type TriggerInit,
  type TriggerSource,
} from '../../src/index.js';
import {reportedErrors} from '../helpers.js';

/** A page stand-in: its own clock, location, history, events and storage. No real window is touched. */
function fakePage(href = 'https://shop.example/') {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, {at: number; fn: () => void}>();
  const storage = () => {
    const data = new Map<string, string>();
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
  };
  const location = new URL(href);
  const navigate = (_data: unknown, _title: string, url?: string | URL | null) => {
    location.href = new URL(url!, location.href).href;
  };
  const history = {pushState: navigate, replaceState: navigate};
  const env = Object.assign(new EventTarget(), {
    setTimeout: (fn: () => void, ms = 0) => (timers.set(nextId, {at: now + ms, fn}), nextId++),
    clearTimeout: (id?: number) => void timers.delete(id!),
    Date: {now: () => now},
    location,
    history,
    document: {documentElement: {scrollHeight: 3000}, visibilityState: 'visible'},
    scrollY: 0,
    innerHeight: 1000,
    localStorage: storage(),
    sessionStorage: storage(),
    matchMedia: () => ({matches: false}),
  });
  return {
    env: env as unknown as TriggerEnv,
    history,
    timers,
    /** Moves the clock on, running the timers that fall due, in order. */
    tick(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    scrollTo(y: number) {
      env.scrollY = y;
      env.dispatchEvent(new Event('scroll'));
    },
  };
}

/** A widget stand-in that records what the engine asks of it. */
function fakeHost(state: Partial<{open: boolean; hidden: boolean; isNew: boolean}> = {}) {
  return Object.assign(new EventTarget(), {
    open: state.open ?? false,
    hidden: state.hidden ?? false,
    session: {isNew: state.isNew ?? true},
    storageKey: 'engine-test',
    proactive: {push: sinon.spy(), clear: sinon.spy()},
    show: sinon.stub().resolves(),
    sendEvent: sinon.stub().resolves(),
  });
}

const fromJs = (...inits: TriggerInit[]): TriggerSource[] =>
  inits.map((init, index) => ({version: init, name: `triggers[${index}]`, init}));
const pushed = (host: ReturnType<typeof fakeHost>) =>
  host.proactive.push.getCalls().flatMap((c) => c.args.map((m: {text: string}) => m.text));

describe('TriggerEngine on its own', () => {
  afterEach(() => sinon.restore());

  it('runs with an injected clock, location and event source', () => {
    const page = fakePage();
    const host = fakeHost();
    const engine = new TriggerEngine(host as TriggerHost, page.env);
    engine.update(fromJs({delay: '2s', messages: 'Hello'}, {on: 'cart:add', messages: 'Added'}));
    page.tick(1999);
    expect(pushed(host)).to.deep.equal([]);
    page.tick(1);
    expect(pushed(host)).to.deep.equal(['Hello']);
    (page.env as EventTarget).dispatchEvent(new Event('cart:add'));
    page.tick(0);
    expect(pushed(host)).to.deep.equal(['Hello', 'Added']);
    engine.stop();
  });

  it('acts in order: event, clear, push, open, send-event', () => {
    const page = fakePage();
    const host = fakeHost();
    const order: string[] = [];
    host.addEventListener('chat-trigger-fire', () => order.push('event'));
    host.proactive.clear = sinon.spy(() => order.push('clear'));
    host.proactive.push = sinon.spy(() => order.push('push'));
    host.show = sinon.stub().callsFake(() => (order.push('open'), Promise.resolve()));
    host.sendEvent = sinon.stub().callsFake(() => (order.push('send-event'), Promise.resolve()));
    const engine = new TriggerEngine(host as TriggerHost, page.env);
    engine.update(fromJs({id: 't', clear: true, open: true, sendEvent: 'proactive-trigger', messages: 'Hi'}));
    page.tick(0);
    expect(order).to.deep.equal(['event', 'clear', 'push', 'open', 'send-event']);
    expect(host.sendEvent.firstCall.args[0]).to.deep.equal({
      type: 'proactive-trigger',
      channel: 'web',
      payload: {trigger: 't', reason: 'load', text: 'Hi'},
    });
    engine.stop();
  });

  it('re-checks the url on pushState and replaceState when there is no Navigation API', () => {
    const page = fakePage();
    const host = fakeHost();
    const engine = new TriggerEngine(host as TriggerHost, page.env);
    engine.update(fromJs({url: '/checkout*', delay: '1s', messages: 'Checkout'}));
    page.tick(5000);
    page.history.pushState(null, '', '/checkout');
    page.tick(500);
    page.history.replaceState(null, '', '/cart');
    page.tick(5000);
    expect(pushed(host)).to.deep.equal([]);
    page.history.replaceState(null, '', '/checkout/pay');
    page.tick(1000);
    expect(pushed(host)).to.deep.equal(['Checkout']);
    engine.stop();
  });

  it('wraps history once for all engines, and unwraps it when the last one stops', () => {
    const page = fakePage();
    const {pushState} = page.history;
    const one = new TriggerEngine(fakeHost() as TriggerHost, page.env);
    const two = new TriggerEngine(fakeHost() as TriggerHost, page.env);
    one.update(fromJs({on: 'never-happens'}));
    const wrapped = page.history.pushState;
    expect(wrapped).not.to.equal(pushState);
    two.update(fromJs({on: 'never-happens'}));
    expect(page.history.pushState).to.equal(wrapped);
    one.stop();
    expect(page.history.pushState).to.equal(wrapped);
    two.stop();
    expect(page.history.pushState).to.equal(pushState);
  });

  it('leaves a wrapper another script added after it in place', () => {
    const page = fakePage();
    const engine = new TriggerEngine(fakeHost() as TriggerHost, page.env);
    engine.update(fromJs({on: 'never-happens'}));
    const ours = page.history.pushState;
    const theirs = (...args: Parameters<typeof ours>) => ours(...args);
    page.history.pushState = theirs;
    engine.stop();
    expect(page.history.pushState).to.equal(theirs);
    expect(page.history.replaceState).not.to.equal(undefined);
  });

  it('stop removes every listener and timer', () => {
    const page = fakePage();
    const target = page.env as EventTarget;
    const added = sinon.spy(target, 'addEventListener');
    const removed = sinon.spy(target, 'removeEventListener');
    const engine = new TriggerEngine(fakeHost() as TriggerHost, page.env);
    engine.update(
      fromJs({on: 'idle'}, {on: 'scroll'}, {on: 'exit-intent'}, {on: 'click', delay: '1s'}, {delay: '1m'})
    );
    target.dispatchEvent(new Event('click'));
    expect(page.timers.size).to.equal(3);
    engine.stop();
    expect(page.timers.size).to.equal(0);
    expect(removed.callCount).to.equal(added.callCount);
    for (const call of added.getCalls()) expect(removed.calledWith(...call.args)).to.equal(true);
  });

  it('measures scroll depth on the injected page', () => {
    const page = fakePage();
    const host = fakeHost();
    const engine = new TriggerEngine(host as TriggerHost, page.env);
    engine.update(fromJs({on: 'scroll', depth: 75, messages: 'Deep'}));
    page.scrollTo(1000); // 50% of the 2000px that scroll
    page.tick(0);
    expect(pushed(host)).to.deep.equal([]);
    page.scrollTo(1500);
    page.tick(0);
    expect(pushed(host)).to.deep.equal(['Deep']);
    engine.stop();
  });

  it('reports a bad trigger on the host and runs the good ones', () => {
    const page = fakePage();
    const host = fakeHost();
    const reported = reportedErrors(host);
    const engine = new TriggerEngine(host as TriggerHost, page.env);
    engine.update(fromJs({on: 'load', delay: -1, messages: 'Bad'}, {messages: 'Good'}));
    page.tick(0);
    expect(reported.messages()).to.deep.equal(['trigger: triggers[0]: delay "-1" is not valid']);
    expect(reported.warn.calledOnce).to.equal(true);
    expect(pushed(host)).to.deep.equal(['Good']);
    engine.stop();
  });

  it('the same trigger given twice runs once', () => {
    const page = fakePage();
    const host = fakeHost();
    const engine = new TriggerEngine(host as TriggerHost, page.env);
    const init = {messages: 'Once'};
    engine.update([...fromJs(init), ...fromJs(init)]);
    page.tick(0);
    expect(host.proactive.push.callCount).to.equal(1);
    engine.stop();
  });
});
