import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatWidget, Connector, ConnectorLink, PageEvent, Turn, TurnContext} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';
import {animationsDone, bubbleTexts, part, parts, settle, widget} from '../helpers.js';

/** A connector that records its lifecycle and keeps each link it is given. */
function recordingConnector(respond: Connector['respond'] = (turn) => `echo ${turn.text}`) {
  const links: ConnectorLink[] = [];
  const connector = {
    respond: sinon.spy(respond),
    connect: sinon.spy((link: ConnectorLink) => void links.push(link)),
    disconnect: sinon.spy(),
  };
  return {connector, links};
}

/** An async iterable of text fed by hand: `push` a chunk, `end` it (with an error, it throws). */
function pushable() {
  const queue: string[] = [];
  let ended: {error?: Error} | undefined;
  let wake = () => {};
  const iterable = (async function* () {
    for (;;) {
      if (queue.length) yield queue.shift()!;
      else if (ended?.error) throw ended.error;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  })();
  return {
    iterable,
    push: (text: string) => (queue.push(text), wake()),
    end: (error?: Error) => ((ended = {error}), wake()),
  };
}

/** One task later: a removed element's teardown has run by then. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

const texts = (el: ChatWidget) =>
  el.messages.map((m) => `${m.author}:${messageText(m)}`);

describe('connector lifecycle', () => {
  afterEach(() => sinon.restore());

  it('connects once the widget is ready, and again after reset(), disconnecting first', async () => {
    const {connector, links} = recordingConnector();
    const el = await widget({}, (el) => (el.bot = connector));
    await settle(el);
    expect(connector.connect.callCount).to.equal(1);
    expect(links[0].signal.aborted).to.equal(false);
    expect(links[0].session().id).to.equal(el.session.id);

    el.reset();
    expect(connector.disconnect.callCount).to.equal(1);
    expect(links[0].signal.aborted).to.equal(true);
    expect(connector.connect.callCount).to.equal(2);
    expect(links[1].signal.aborted).to.equal(false);
    expect(connector.disconnect.firstCall.calledBefore(connector.connect.secondCall)).to.equal(true);
  });

  it('a connector set after ready is connected at once; a new el.bot disconnects the old one', async () => {
    const el = await widget();
    const first = recordingConnector();
    el.bot = first.connector;
    expect(first.connector.connect.callCount).to.equal(1);
    const second = recordingConnector();
    el.bot = second.connector;
    expect(first.connector.disconnect.callCount).to.equal(1);
    expect(first.links[0].signal.aborted).to.equal(true);
    expect(second.connector.connect.callCount).to.equal(1);
    el.bot = (turn) => `function ${turn.text}`;
    expect(second.connector.disconnect.callCount).to.equal(1);
    await el.sendMessage('hi');
    expect(texts(el)).to.deep.equal(['user:hi', 'bot:function hi']);
  });

  it('disconnects when the element leaves the page', async () => {
    const {connector, links} = recordingConnector();
    const el = await widget({}, (el) => (el.bot = connector));
    el.remove();
    await nextTask();
    expect(connector.disconnect.callCount).to.equal(1);
    expect(links[0].signal.aborted).to.equal(true);
  });

  it('keeps its conversation, connector and pending reply when moved in the DOM (persistence="memory")', async () => {
    let answer!: (text: string) => void;
    const {connector, links} = recordingConnector(() => new Promise<string>((resolve) => (answer = resolve)));
    const el = await widget({persistence: 'memory', open: true}, (el) => (el.bot = connector));
    await el.reply(['one', 'two']);
    const pending = el.sendMessage('three');
    await waitUntil(() => answer);

    // What frameworks do when they reorder: remove, then insert elsewhere in the same task.
    const elsewhere = document.createElement('div');
    el.parentElement!.after(elsewhere);
    el.remove();
    elsewhere.append(el);
    await nextTask();
    // ...or in a microtask.
    el.remove();
    await Promise.resolve();
    document.body.append(el);
    await nextTask();

    expect(connector.disconnect.callCount).to.equal(0);
    expect(connector.connect.callCount).to.equal(1);
    expect(links[0].signal.aborted).to.equal(false);
    answer('four');
    await pending;
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['bot:one', 'bot:two', 'user:three', 'bot:four']);
    expect(bubbleTexts(el)).to.deep.equal(['one', 'two', 'three', 'four']);
    el.remove();
  });

  it('reports a connect() that throws or rejects as a chat-error, and keeps working', async () => {
    const warn = sinon.stub(console, 'warn');
    const el = await widget();
    const errors: string[] = [];
    el.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}: ${e.detail.error.message}`));
    el.bot = {
      respond: () => 'still here',
      connect: () => {
        throw Object.create(null);
      },
    };
    el.bot = {respond: () => 'still here', connect: () => Promise.reject(new Error('socket refused'))};
    await waitUntil(() => errors.length === 2);
    expect(errors[0]).to.match(/^bot: The bot could not connect/);
    expect(errors[1]).to.equal('bot: socket refused');
    expect(warn.called).to.equal(true);
    await el.sendMessage('hi');
    expect(texts(el)).to.deep.equal(['user:hi', 'bot:still here']);
  });
});

describe('server push through the link', () => {
  afterEach(() => sinon.restore());

  async function linked(attributes: Record<string, string | boolean> = {open: true}) {
    const {connector, links} = recordingConnector();
    const el = await widget(attributes, (el) => (el.bot = connector));
    await settle(el);
    return {el, link: links[0], connector, links};
  }

  it('shows pushed bot messages at any time, announced like any other', async () => {
    const {el, link} = await linked();
    const announced = sinon.spy();
    el.addEventListener('chat-message', (e) => announced(e.detail.message.author));
    link.push('Hello from the server');
    link.push([
      {type: 'text', text: 'Two'},
      {type: 'choice', text: 'Pick', buttons: [{label: 'A'}]},
    ]);
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['Hello from the server', 'Two', 'Pick']);
    expect(announced.args.flat()).to.deep.equal(['bot', 'bot', 'bot']);
    expect(link.messages().map((m) => m.author)).to.deep.equal(['bot', 'bot', 'bot']);
  });

  it('link.stream() grows one bubble outside the transcript, then adds one message, announced once', async () => {
    const {el, link} = await linked();
    const announced = sinon.spy();
    el.addEventListener('chat-message', (e) => announced(messageText(e.detail.message)));
    const chunks = pushable();
    const done = link.stream(chunks.iterable);
    const growing = () => el.shadowRoot!.querySelector('.stream')!.querySelector('.text, .markdown')?.textContent;
    chunks.push('Hel');
    await waitUntil(() => growing() === 'Hel', 'the first chunk');
    chunks.push('lo **there**');
    await waitUntil(() => growing() === 'Hello **there**', 'the second chunk');
    expect(el.messages).to.have.length(0);
    chunks.end();
    await done;
    await el.updateComplete;
    expect(el.messages.map((m) => [m.type, messageText(m), m.status])).to.deep.equal([['text', 'Hello **there**', undefined]]);
    expect(growing()).to.equal(undefined);
    expect(announced.args.flat()).to.deep.equal(['Hello **there**']);
  });

  it('link.stream() cut short keeps what arrived, marked incomplete, and reports the failure; an abort is not reported', async () => {
    const warn = sinon.stub(console, 'warn');
    const {el, link} = await linked();
    const errors = sinon.spy();
    el.addEventListener('chat-error', (e) => errors(e.detail.error.message));
    const broken = pushable();
    const done = link.stream(broken.iterable);
    broken.push('Half a sen');
    broken.end(new Error('the stream broke off'));
    await done;
    const stopped = pushable();
    const alsoDone = link.stream(stopped.iterable);
    stopped.push('Stopp');
    stopped.end(new DOMException('stopped', 'AbortError'));
    await alsoDone;
    expect(el.messages.map((m) => [messageText(m), m.status])).to.deep.equal([
      ['Half a sen', 'incomplete'],
      ['Stopp', 'incomplete'],
    ]);
    expect(errors.args.flat()).to.deep.equal(['the stream broke off']);
    expect(warn.called).to.equal(true);
  });

  it('a reset discards a link stream', async () => {
    const {el, link} = await linked();
    const chunks = pushable();
    const done = link.stream(chunks.iterable);
    chunks.push('from the old session');
    await waitUntil(() => el.shadowRoot!.querySelector('.stream .text'), 'the bubble');
    el.reset();
    chunks.end();
    await done;
    await el.updateComplete;
    expect(el.messages).to.have.length(0);
    expect(el.shadowRoot!.querySelector('.stream .text')).to.equal(null);
  });

  it('validates each pushed item alone: bad ones are reported, good ones stay', async () => {
    const warn = sinon.stub(console, 'warn');
    const {el, link} = await linked();
    const errors: Array<{source: string; message: string}> = [];
    el.addEventListener('chat-error', (e) =>
      errors.push({source: e.detail.source, message: e.detail.error.message})
    );
    link.push(['ok', null, {type: 'text', text: {html: '<img src=x onerror=alert(1)>'}}, 'fine'] as never);
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['ok', 'fine']);
    expect(errors.map((e) => e.source)).to.deep.equal(['bot', 'bot']);
    expect(errors[1].message).to.match(/text must be a non-empty string, got object/);
    expect(warn.callCount).to.equal(2);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('shows a message whose id is already in the transcript once, from a push or a reply', async () => {
    const {connector, links} = recordingConnector(() => [{type: 'text', text: 'Answer', id: 'srv-1'}]);
    const el = await widget({open: true}, (el) => (el.bot = connector));
    await el.sendMessage('question');
    const [link] = links;
    link.push({type: 'text', text: 'Answer', id: 'srv-1'});
    link.push([
      {type: 'text', text: 'Other', id: 'srv-2'},
      {type: 'text', text: 'Other', id: 'srv-2'},
    ]);
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['question', 'Answer', 'Other']);
    expect(el.messages.map((m) => m.id).slice(1)).to.deep.equal(['srv-1', 'srv-2']);
  });

  it('turns the typing indicator on and off', async () => {
    const {el, link} = await linked();
    const typing: boolean[] = [];
    el.addEventListener('chat-typing', (e) => typing.push(e.detail.typing));
    link.typing(true);
    await el.updateComplete;
    expect(parts(el, 'typing')).to.have.length(1);
    link.typing(false);
    await el.updateComplete;
    expect(parts(el, 'typing')).to.have.length(0);
    expect(typing).to.deep.equal([true, false]);
    expect(() => link.typing('yes' as never)).to.throw(TypeError, /link.typing\(\): on must be a boolean/);
  });

  it('draws the connection state as a polite status line', async () => {
    const {el, link} = await linked();
    await el.show();
    const status = part(el, 'status');
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.textContent!.trim()).to.equal('');
    expect(status.checkVisibility()).to.equal(false);
    link.status('connecting');
    await el.updateComplete;
    expect(status.textContent!.trim()).to.equal('Connecting…');
    expect(status.checkVisibility()).to.equal(true);
    link.status('reconnecting');
    await el.updateComplete;
    expect(part(el, 'status').textContent!.trim()).to.equal('Reconnecting…');
    link.status('offline');
    await el.updateComplete;
    expect(part(el, 'status').textContent!.trim()).to.equal(
      'Offline: messages will be sent when you are back online'
    );
    // The same node all along: a live region announces changes to what it holds.
    expect(part(el, 'status')).to.equal(status);
    await animationsDone(el);
    await expect(el).to.be.accessible();
    link.status('online');
    await el.updateComplete;
    expect(status.checkVisibility()).to.equal(false);
    expect(() => link.status('lost' as never)).to.throw(TypeError, /link.status\(\): state must be one of/);
  });

  it('is accessible with the status line and the Stop control both shown', async () => {
    const {connector, links} = recordingConnector(() => new Promise(() => undefined));
    const el = await widget({open: true}, (el) => (el.bot = connector));
    await el.show();
    links[0].status('offline');
    void el.sendMessage('queued while offline');
    await waitUntil(() => parts(el, 'stop').length === 1);
    expect(part(el, 'status').checkVisibility()).to.equal(true);
    await animationsDone(el);
    await expect(el).to.be.accessible();
    part(el, 'stop').click();
  });

  it('reports link.error() as a chat-error from the bot, with a console warning', async () => {
    const warn = sinon.stub(console, 'warn');
    const {el, link} = await linked();
    const error = oneEvent(el, 'chat-error');
    link.error(new Error('stream dropped'));
    const {detail} = await error;
    expect(detail.source).to.equal('bot');
    expect(detail.error.message).to.equal('stream dropped');
    expect(warn.calledWithMatch('stream dropped')).to.equal(true);
  });

  it('ignores every call on a link whose signal aborted', async () => {
    const warn = sinon.stub(console, 'warn');
    const {el, link, links} = await linked();
    link.status('offline');
    el.reset();
    await el.updateComplete;
    expect(part(el, 'status').textContent!.trim()).to.equal('');
    const errors = sinon.spy();
    el.addEventListener('chat-error', errors);
    link.push('late from the old socket');
    link.typing(true);
    link.status('reconnecting');
    link.error(new Error('old'));
    await el.updateComplete;
    expect(el.messages).to.have.length(0);
    expect(parts(el, 'typing')).to.have.length(0);
    expect(part(el, 'status').textContent!.trim()).to.equal('');
    expect(errors.called).to.equal(false);
    expect(warn.called).to.equal(false);
    links[1].push('from the new link');
    await el.updateComplete;
    expect(bubbleTexts(el)).to.deep.equal(['from the new link']);
  });
});

describe('page events and feedback reach the connector', () => {
  it('hands a page event to connector.event() when it has one, with the context', async () => {
    const el = await widget();
    const events: Array<[PageEvent, TurnContext]> = [];
    const respond = sinon.spy(() => 'a turn');
    el.bot = {
      respond,
      event: (event, context) => {
        events.push([event, context]);
        return 'event handled';
      },
    };
    await el.sendEvent({type: 'cart:add', channel: 'web', payload: {sku: 'A1', text: 'added'}});
    expect(respond.called).to.equal(false);
    expect(events).to.have.length(1);
    expect(events[0][0]).to.deep.equal({
      type: 'cart:add',
      channel: 'web',
      payload: {sku: 'A1', text: 'added'},
    });
    expect(events[0][1].signal).to.be.instanceOf(AbortSignal);
    expect(texts(el)).to.deep.equal(['bot:event handled']);
  });

  it('hands it as a turn to a connector without event(), as before', async () => {
    const el = await widget();
    const turns: Turn[] = [];
    el.bot = {respond: (turn) => void turns.push(turn)};
    await el.sendEvent({type: 'custom', payload: {text: 'as text'}});
    expect(turns.map((t) => [t.origin, t.text])).to.deep.equal([['event', 'as text']]);
  });
});
