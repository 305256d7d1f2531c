// voiceflowBot({stream: true}) in a widget, over real HTTP and server-sent events to the
// mock Voiceflow runtime's stream route (mock/voiceflow-runtime.mjs).
import {expect, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/shims.js';
import {voiceflowBot, type VoiceflowBotOptions} from '../../src/connectors/voiceflow-bot.js';
import type {ChatWidget} from '../../src/index.js';
import {animationsDone, part, reportedErrors, settle, uniqueKey, widget} from '../helpers.js';
import {removeWidgets, theWidget} from '../shims/shim-helpers.js';

const MOCK = '/mock/voiceflow';

interface Logged {
  route: string;
  versionID?: string;
  body: {action?: {type: string; payload?: unknown}};
  status: number;
  dropped?: boolean;
}
async function seen(projectID: string): Promise<Logged[]> {
  const response = await fetch(`${MOCK}/log?projectID=${encodeURIComponent(projectID)}`);
  return ((await response.json()) as {requests: Logged[]}).requests;
}
const interactions = async (projectID: string) =>
  (await seen(projectID)).filter((r) => r.route.includes('/interact'));

async function knobs(projectID: string, settings: Record<string, unknown>): Promise<void> {
  await fetch(`${MOCK}/knobs`, {method: 'POST', body: JSON.stringify({projectID, ...settings})});
}

/** An open widget streaming from a new mock project. */
async function streaming(options: Partial<VoiceflowBotOptions> = {}, settings?: Record<string, unknown>) {
  const projectID = options.projectID ?? uniqueKey();
  if (settings) await knobs(projectID, settings);
  const bot = voiceflowBot({
    projectID,
    url: MOCK,
    stream: true,
    storage: () => sessionStorage,
    retryDelay: 10,
    ...options,
  });
  const el = await widget({}, (element) => (element.bot = bot));
  await el.show();
  return {el, bot, projectID};
}

const texts = (el: ChatWidget) =>
  el.messages.map((m) => (m.type !== 'choice' && 'text' in m ? m.text : m.type));

/** The growing bubble's text as the visitor sees it, or undefined when there is none. */
const growing = (el: ChatWidget) =>
  el
    .shadowRoot!.querySelector('.stream [part~="message"]')
    ?.querySelector('.text, .markdown')
    ?.textContent?.trim() ?? undefined;

/**
 * Sends as the visitor and records, until the turn ends, every text the growing bubble
 * showed and how many transcript messages there were meanwhile.
 */
async function watch(el: ChatWidget, text: string) {
  const shown: string[] = [];
  const counts = new Set<number>();
  const look = () => {
    const now = growing(el);
    if (now !== undefined && now !== shown.at(-1)) {
      shown.push(now);
      counts.add(el.messages.length);
    }
  };
  const observer = new MutationObserver(look);
  observer.observe(el.shadowRoot!, {subtree: true, childList: true, characterData: true});
  await el.sendMessage(text);
  await settle(el);
  observer.disconnect();
  return {shown, counts};
}

describe('voiceflowBot({stream: true}) against the mock runtime', () => {
  afterEach(() => sinon.restore());

  it('POSTs the stream route with completion_events, the environment and only {action}', async () => {
    const {el, bot, projectID} = await streaming({versionID: 'production'});
    await bot.launch();
    const [request] = await seen(projectID);
    expect(request.route).to.equal(
      `/v2/public/project/${projectID}/user/${bot.session.userID}/interact/stream`
    );
    expect(request.versionID).to.equal('production');
    expect(request.body).to.deep.equal({action: {type: 'launch'}});
    // The launch's whole traces: the welcome and its buttons.
    expect(el.messages.map((m) => m.type)).to.deep.equal(['markdown', 'choice']);
  });

  it('a completion grows in one bubble, not announced, then enters the transcript as one message', async () => {
    const {el} = await streaming({}, {chunks: 6, chunkDelay: 40});
    const {shown, counts} = await watch(el, 'completion');
    const final = 'Our hats are made in small batches, by hand.';
    // The visitor saw it grow: several lengths, each a prefix of the next.
    expect(shown.length).to.be.greaterThan(2);
    for (const [index, text] of shown.entries()) {
      expect(final.startsWith(text), text).to.equal(true);
      if (index) expect(text.length).to.be.greaterThan(shown[index - 1].length);
    }
    // While it grew, it was not in the transcript (only the visitor's message was).
    expect([...counts]).to.deep.equal([1]);
    expect(texts(el)).to.deep.equal(['completion', final]);
    expect(el.messages[1].type).to.equal('markdown');
    expect(el.messages[1].status).to.equal(undefined);
    expect(growing(el)).to.equal(undefined);
    expect(part(el, 'transcript').querySelector('.stream')!.getAttribute('aria-live')).to.equal('off');
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('the older completion-start/-continue/-end shape grows one bubble too', async () => {
    const {el} = await streaming({}, {chunks: 4, chunkDelay: 40});
    const {shown} = await watch(el, 'legacy');
    expect(shown.length).to.be.greaterThan(2);
    expect(texts(el)).to.deep.equal(['legacy', 'Streamed the older way.']);
  });

  it('whole traces before and after a completion are shown as they come, in order', async () => {
    const {el} = await streaming({}, {chunks: 5, chunkDelay: 40});
    const {shown, counts} = await watch(el, 'mixed');
    // The text before the completion was in the transcript while the completion grew; the buttons after were not yet.
    expect(shown.length).to.be.greaterThan(2);
    expect([...counts]).to.deep.equal([2]);
    expect(texts(el)).to.deep.equal([
      'mixed',
      'Let me look that up\\.',
      'The Rust Fedora comes in three sizes.',
      'choice',
    ]);
    // The buttons work as on the plain route: typed text matching one sends its request.
    await el.sendMessage('show hats');
    await settle(el);
    expect(el.messages.at(-1)!.type).to.equal('carousel');
  });

  it('a raw \\u0007 inside a string (which strict JSON parsers reject) does not lose the trace', async () => {
    const {el} = await streaming({}, {bell: true, chunks: 3});
    const errors = reportedErrors(el);
    await el.sendMessage('mixed');
    await settle(el);
    expect(texts(el)).to.deep.equal([
      'mixed',
      'Let me look that up\\.',
      'The Rust Fedora comes in three sizes.',
      'choice',
    ]);
    expect(errors.events).to.deep.equal([]);
  });

  it('a connection dropped mid-completion keeps what arrived, marked incomplete, reports it, and tries nothing again', async () => {
    // Frames: text, start, content ×4 (of 6), then the connection goes.
    const {el, projectID} = await streaming({}, {chunks: 6, drop: true, dropAfter: 6});
    const errors = reportedErrors(el);
    await el.sendMessage('mixed');
    await waitUntil(() => el.messages.length === 3, 'the incomplete bubble');
    await settle(el);
    const [visitor, before, cut] = el.messages;
    expect(visitor.status).to.equal(undefined);
    expect(before.type).to.equal('markdown');
    expect(cut.status).to.equal('incomplete');
    expect('The Rust Fedora comes in three sizes.'.startsWith((cut as {text: string}).text)).to.equal(true);
    expect((cut as {text: string}).text.length).to.be.greaterThan(0);
    const note = part(el, 'transcript').querySelectorAll('[part~="message"]')[2].querySelector('.note');
    expect(note?.textContent).to.equal('Incomplete');
    expect(errors.messages()).to.have.length(1);
    expect(errors.messages()[0]).to.match(/stream broke off before its end/);
    // Once, not again: a retry would repeat what was shown.
    expect(await interactions(projectID)).to.have.length(1);
    expect(growing(el)).to.equal(undefined);
  });

  it('a connection dropped before any trace fails the turn like a failed request: "Not delivered", nothing shown', async () => {
    const {el} = await streaming({}, {drop: true, dropAfter: 0});
    const errors = reportedErrors(el);
    await el.sendMessage('completion');
    await settle(el);
    expect(texts(el)).to.deep.equal(['completion']);
    expect(el.messages[0].status).to.equal('failed');
    // Chromium and WebKit hand the page the response's headers, then a broken body; Firefox may fail
    // the fetch itself when no byte of the body came (a network error, retried like one).
    expect(errors.messages()[0]).to.match(/stream broke off before its end|NetworkError/);
  });

  it('a connection dropped between whole traces keeps them and reports the failure', async () => {
    const {el} = await streaming({}, {drop: true, dropAfter: 1});
    const errors = reportedErrors(el);
    await el.sendMessage('mixed');
    await settle(el);
    expect(texts(el)).to.deep.equal(['mixed', 'Let me look that up\\.']);
    expect(el.messages[0].status).to.equal(undefined);
    expect(errors.messages()).to.have.length(1);
  });

  it('Stop ends the stream: what arrived stays, marked incomplete, without an error', async () => {
    const {el} = await streaming({}, {chunks: 8, chunkDelay: 80});
    const errors = reportedErrors(el);
    const sent = el.sendMessage('completion');
    await waitUntil(() => (growing(el)?.length ?? 0) > 0, 'the first chunk');
    part<HTMLButtonElement>(el, 'stop').click();
    await sent;
    await waitUntil(() => el.messages.length === 2, 'the stopped bubble');
    expect(el.messages[1].status).to.equal('incomplete');
    expect(errors.events).to.deep.equal([]);
  });

  it('without completion_events the runtime sends the completion as one text trace', async () => {
    const projectID = uniqueKey();
    const response = await fetch(`${MOCK}/v2/public/project/${projectID}/user/u1/interact/stream`, {
      method: 'POST',
      body: JSON.stringify({action: {type: 'text', payload: 'completion'}}),
    });
    expect(response.headers.get('content-type')).to.equal('text/event-stream');
    const body = await response.text();
    expect(body).to.match(/^event: trace\nid: 1\ndata: \{"type":"text"/);
    expect(body).to.match(/event: end\nid: 2\ndata: \{\}\n\n$/);
    // The body schema: no state.
    const rejected = await fetch(`${MOCK}/v2/public/project/${projectID}/user/u1/interact/stream`, {
      method: 'POST',
      body: JSON.stringify({action: {type: 'launch'}, state: {}}),
    });
    expect(rejected.status).to.equal(400);
  });

  it('without a link (on its own) a stream is read as one answer, completions joined', async () => {
    const projectID = uniqueKey();
    const bot = voiceflowBot({projectID, url: MOCK, stream: true, storage: () => sessionStorage});
    const signal = new AbortController().signal;
    const replies = await bot.respond(
      {text: 'mixed', origin: 'composer'},
      {session: {id: 's', startedAt: 0, isNew: true, lastMessages: []}, messages: [], signal}
    );
    expect(
      (replies as Array<{type: string; text?: string}>).map((m) =>
        m.type === 'choice' ? m.type : (m.text ?? m.type)
      )
    ).to.deep.equal(['Let me look that up\\.', 'The Rust Fedora comes in three sizes.', 'choice']);
  });

  it('rejects a stream option that is not a boolean', () => {
    expect(() => voiceflowBot({projectID: 'p', stream: 'yes' as never})).to.throw(
      TypeError,
      /voiceflowBot\(\): stream/
    );
  });
});

describe('window.voiceflow.chat.load({stream: true})', () => {
  afterEach(() => removeWidgets());

  it("streams: the launch's completion grows in one bubble in a widget load() made", async () => {
    const projectID = uniqueKey();
    await knobs(projectID, {chunks: 5, chunkDelay: 40});
    await window.voiceflow.chat.load({
      verify: {projectID},
      url: MOCK,
      assistant: {persistence: 'memory'},
      stream: true,
    } as never);
    const el = await theWidget();
    await waitUntil(() => el.bot, 'the connector');
    window.voiceflow.chat.open();
    await waitUntil(() => el.messages.length === 2, 'the launch');
    const {shown} = await watch(el, 'completion');
    expect(shown.length).to.be.greaterThan(2);
    expect(el.messages.at(-1)).to.include({
      type: 'markdown',
      text: 'Our hats are made in small batches, by hand.',
    });
    const [request] = await seen(projectID);
    expect(request.route).to.match(/^\/v2\/public\/project\/.+\/interact\/stream$/);
  });
});
