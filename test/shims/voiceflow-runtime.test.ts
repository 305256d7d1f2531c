// window.voiceflow.chat.load({verify: {projectID}, url}) talking to the mock Voiceflow runtime
// (mock/voiceflow-runtime.mjs) over real HTTP: Voiceflow's snippet and recipes, as written.
import {expect, html, fixture, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import sinon from 'sinon';
import '../../src/define.js';
import '../../src/shims.js';
import {sessionKey} from '../../src/connectors/voiceflow-bot.js';
import type {ChatWidget} from '../../src/index.js';
import {animationsDone, part, settle, transcriptTexts, uniqueKey, windowMessages} from '../helpers.js';
import {removeWidgets, theWidget} from './shim-helpers.js';

const MOCK = '/mock/voiceflow';
const chat = () => window.voiceflow.chat;

interface Logged {
  route: string;
  versionID?: string;
  body: {action?: {type: string; payload?: unknown}};
}
async function seen(projectID: string): Promise<Logged[]> {
  const response = await fetch(`${MOCK}/log?projectID=${encodeURIComponent(projectID)}`);
  return ((await response.json()) as {requests: Logged[]}).requests;
}
const actions = async (projectID: string) =>
  (await seen(projectID)).filter((r) => r.route.endsWith('/interact')).map((r) => r.body.action);

/** Voiceflow's messages posted to the window, parsed, from now on. */
function voiceflowMessages() {
  const posted = windowMessages();
  return {
    stop: posted.stop,
    all: () =>
      posted.data
        .filter((data): data is string => typeof data === 'string' && data.startsWith('{"type":"voiceflow:'))
        .map((data) => JSON.parse(data) as {type: string; payload?: {action?: unknown; session?: {userID: string; status: string}; userID?: string}}),
  };
}

describe('window.voiceflow.chat with a Voiceflow project', () => {
  let projectID: string;
  beforeEach(() => {
    projectID = uniqueKey();
  });
  afterEach(() => {
    sinon.restore();
    removeWidgets();
    localStorage.removeItem(sessionKey(projectID));
    localStorage.removeItem(`chat-widget:${projectID}`);
  });

  it("Voiceflow's embed snippet, with only src and url changed, holds a conversation with every trace type", async () => {
    const open = sinon.stub(window, 'open');
    // The snippet as Voiceflow's docs give it; `v.onload` runs at once, as the script is in the page already.
    await (function (d, t) {
      const v = d.createElement(t) as HTMLScriptElement;
      return new Promise<void>((resolve) => {
        v.onload = function () {
          void window.voiceflow.chat
            .load({
              verify: {projectID},
              url: MOCK,
              versionID: 'production',
              voice: {url: 'https://runtime-api.voiceflow.com'},
            })
            .then(resolve);
        };
        v.onload(new Event('load'));
      });
    })(document, 'script');
    const el = await theWidget();
    // Nothing is sent before the visitor opens the chat.
    expect(await seen(projectID)).to.deep.equal([]);
    part(el, 'launcher').click();
    await waitUntil(() => el.messages.some((m) => m.type === 'choice'), 'the launch answer');
    expect((await seen(projectID))[0]).to.deep.include({versionID: 'production', body: {action: {type: 'launch'}, config: {tts: false}}});
    await settle(el);

    // Every trace type, typed by the visitor with real keys.
    for (const keyword of ['cards', 'image', 'plain', 'completion', 'legacy', 'delay', 'unknown']) {
      const before = el.messages.length;
      part(el, 'input').focus();
      await sendKeys({type: keyword});
      await sendKeys({press: 'Enter'});
      // The turn is over when its Stop button goes.
      await waitUntil(() => el.messages.length > before + 1 && !el.shadowRoot!.querySelector('[part=stop]'), `the answer to ${keyword}`, {timeout: 4000});
      await settle(el);
    }
    const types = el.messages.filter((m) => m.author === 'bot').map((m) => m.type);
    expect(types).to.include.members(['markdown', 'choice', 'card', 'carousel', 'image']);
    expect(transcriptTexts(el)).to.include.members([
      'A text trace with **no** slate.',
      'Our hats are made in small batches, by hand.',
      'Streamed the older way.',
      'Found it after a pause\\.',
      'Only this line is for you\\.',
    ]);
    // A button with an open_url action opens its link and sends its request.
    const visit = [...part(el, 'transcript').querySelectorAll<HTMLButtonElement>('.choices button')].find((b) => b.textContent === 'Visit shop')!;
    visit.click();
    await waitUntil(() => transcriptTexts(el).at(-1) === 'The shop opened in a new tab\\.');
    expect(open.calledWith('https://example.com/shop')).to.equal(true);
    // end: the input closes.
    part(el, 'input').focus();
    await sendKeys({type: 'end'});
    await sendKeys({press: 'Enter'});
    await waitUntil(() => el.shadowRoot!.querySelector('.ended'), 'the ended line');
    await animationsDone(el);
    await expect(el).to.be.accessible();
    expect((await actions(projectID)).map((a) => a!.type)).to.deep.equal([
      'launch', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'path-visit', 'text',
    ]);
  });

  it('keeps the userID under voiceflow-session-{projectID}: a stored Voiceflow conversation goes on, without a new launch', async () => {
    localStorage.setItem(sessionKey(projectID), JSON.stringify({userID: 'from-voiceflow', turns: [{id: 'x'}], startTime: 5, status: 'ACTIVE'}));
    await chat().load({verify: {projectID}, url: MOCK});
    await chat().open();
    await chat().interact({type: 'text', payload: 'Where is my order?'});
    const el = await theWidget();
    await waitUntil(() => el.messages.length === 2, 'the answer');
    const requests = await seen(projectID);
    expect(requests.map((r) => r.route)).to.deep.equal([
      `/public/${projectID}/state/user/from-voiceflow/interact`,
      `/public/${projectID}/transcripts`,
    ]);
    // What Voiceflow's widget stored stays readable by it: its turns are kept.
    expect(JSON.parse(localStorage.getItem(sessionKey(projectID))!)).to.deep.equal({
      userID: 'from-voiceflow',
      turns: [{id: 'x'}],
      startTime: 5,
      status: 'ACTIVE',
    });
  });

  it('load({userID}) wins over the stored one; load({launch: {event}}) is what a new session sends first', async () => {
    localStorage.setItem(sessionKey(projectID), JSON.stringify({userID: 'someone-else', turns: [], startTime: 5, status: 'ACTIVE'}));
    const launch = {event: {type: 'launch', payload: {user_name: 'Mary', user_email: 'mary@test.com'}}};
    await chat().load({verify: {projectID}, url: MOCK, userID: 'mary-42', launch});
    await chat().open();
    const el = await theWidget();
    await waitUntil(() => el.messages.length > 0, 'the launch answer');
    const [first] = await seen(projectID);
    expect(first.route).to.equal(`/public/${projectID}/state/user/mary-42/interact`);
    expect(first.body.action).to.deep.equal(launch.event);
    expect(JSON.parse(localStorage.getItem(sessionKey(projectID))!).userID).to.equal('mary-42');
  });

  it('keeps the session where the persistence says: sessionStorage, and out of localStorage', async () => {
    await chat().load({verify: {projectID}, url: MOCK, assistant: {persistence: 'sessionStorage'}});
    await chat().open();
    const el = await theWidget();
    await waitUntil(() => el.messages.length > 0);
    expect(JSON.parse(sessionStorage.getItem(sessionKey(projectID))!).status).to.equal('ACTIVE');
    expect(localStorage.getItem(sessionKey(projectID))).to.equal(null);
    sessionStorage.removeItem(sessionKey(projectID));
    sessionStorage.removeItem(`chat-widget:${projectID}`);
  });

  it('posts voiceflow:open, interact (the exact action and the session), save_session and close, as their widget does', async () => {
    const posted = voiceflowMessages();
    await chat().load({verify: {projectID}, url: MOCK});
    await chat().open();
    const el = await theWidget();
    await waitUntil(() => el.messages.some((m) => m.type === 'choice'));
    await settle(el);
    part(el, 'transcript').querySelector<HTMLButtonElement>('.choices button')!.click();
    await waitUntil(() => el.messages.some((m) => m.type === 'carousel'));
    await chat().close();
    await waitUntil(() => posted.all().some((m) => m.type === 'voiceflow:close'));
    await new Promise((resolve) => setTimeout(resolve));
    posted.stop();
    const all = posted.all();
    expect(all.map((m) => m.type)).to.deep.equal([
      'voiceflow:open',
      'voiceflow:interact',
      'voiceflow:save_session',
      'voiceflow:interact',
      'voiceflow:save_session',
      'voiceflow:close',
      'voiceflow:save_session',
    ]);
    const userID = JSON.parse(localStorage.getItem(sessionKey(projectID))!).userID;
    expect(all[1].payload).to.deep.include({action: {type: 'launch'}});
    expect(all[1].payload!.session).to.include({userID, status: 'ACTIVE'});
    expect(all[3].payload!.action).to.deep.equal({type: 'path-cards', payload: {label: 'Show hats'}});
    expect(all[6].payload).to.include({userID});
  });

  it('a <chat-widget> declared in HTML is driven through window.voiceflow.chat and posts the same messages', async () => {
    const posted = voiceflowMessages();
    const el = await fixture<ChatWidget>(html`<chat-widget storage-key=${projectID} persistence="memory"></chat-widget>`);
    await chat().open();
    await chat().interact({type: 'text', payload: 'Hello from the page'});
    await chat().close();
    await waitUntil(() => posted.all().some((m) => m.type === 'voiceflow:close'));
    posted.stop();
    expect(posted.all().map((m) => m.type)).to.include.members(['voiceflow:open', 'voiceflow:interact', 'voiceflow:close']);
    expect(transcriptTexts(el)).to.deep.equal(['Hello from the page']);
    // Then load() gives that same widget the project: it launches, since the chat is open.
    await chat().open();
    await chat().load({verify: {projectID}, url: MOCK});
    await waitUntil(() => el.messages.some((m) => m.type === 'choice'), 'the launch');
    expect(document.querySelectorAll('chat-widget')).to.have.length(1);
  });

  it("recipe: trigger an intent after opening the web chat widget", async () => {
    await chat()
      .load({verify: {projectID}, url: MOCK, versionID: 'production'})
      .then(() => {
        window.voiceflow.chat.open();
        setTimeout(() => {
          window.voiceflow.chat.interact({type: 'intent', payload: {intent: {name: 'account_services'}, entities: []}});
        }, 200);
      });
    const el = await theWidget();
    await waitUntil(() => transcriptTexts(el).some((t) => t.startsWith('Intent: account')), 'the intent answer', {timeout: 4000});
    expect((await actions(projectID)).map((a) => a!.type)).to.deep.equal(['launch', 'intent']);
    // The launch answer comes first: requests go one at a time, in order.
    expect(el.messages[0].type).to.equal('markdown');
    expect(transcriptTexts(el)[0]).to.match(/^Welcome to/);
  });

  it('recipe: automatically open the web chat after a delay, which launches the session', async () => {
    await chat()
      .load({verify: {projectID}, url: MOCK})
      .then(() => {
        setTimeout(window.voiceflow.chat.open, 100);
      });
    const el = await theWidget();
    await waitUntil(() => el.open && el.messages.length > 0, 'opened and launched', {timeout: 4000});
    expect((await actions(projectID)).map((a) => a!.type)).to.deep.equal(['launch']);
  });

  it('interact({type: "launch"}) restarts the flow; reset() starts a new Voiceflow session, launched at once when open', async () => {
    await chat().load({verify: {projectID}, url: MOCK});
    await chat().open();
    const el = await theWidget();
    await waitUntil(() => el.messages.length > 0);
    const first = JSON.parse(localStorage.getItem(sessionKey(projectID))!).userID;
    await chat().interact({type: 'launch'});
    await waitUntil(async () => (await actions(projectID)).length === 2);
    el.reset();
    await waitUntil(() => el.messages.some((m) => m.type === 'choice'), 'the new launch');
    const second = JSON.parse(localStorage.getItem(sessionKey(projectID))!).userID;
    expect(second).not.to.equal(first);
    const routes = (await seen(projectID)).filter((r) => r.route.endsWith('/interact')).map((r) => r.route.split('/')[5]);
    expect(routes).to.deep.equal([first, first, second]);
  });

  it('load({assistant: {extensions}}): a response extension draws a custom action inside a bot bubble; an effect one acts', async () => {
    const effects: unknown[] = [];
    await chat().load({
      verify: {projectID},
      url: MOCK,
      assistant: {
        extensions: [
          {name: 'log', type: 'effect', match: ({trace}: {trace: {type: string}}) => trace.type === 'order-form' && effects.length > 0, effect: () => undefined},
          {
            name: 'order-form',
            type: 'response',
            match: ({trace}: {trace: {type: string}}) => trace.type === 'order-form',
            render: ({trace, element}: {trace: {payload: {product: string}}; element: HTMLElement}) => {
              const note = document.createElement('strong');
              note.textContent = `Order the ${trace.payload.product}`;
              element.append(note);
              return () => effects.push('cleaned up');
            },
          },
        ],
      },
    });
    await chat().open();
    await chat().interact({type: 'text', payload: 'custom'});
    const el = await theWidget();
    // The drawn bubble's container (other bot bubbles are markdown now, with their own <strong>).
    await waitUntil(() => el.shadowRoot!.querySelector('[part=message].bot [data-drawing] strong'), 'the drawn bubble');
    expect(el.shadowRoot!.querySelector('[part=message].bot [data-drawing] strong')!.textContent).to.equal(
      'Order the Rust Fedora'
    );
    // Drawn by page code, such a bubble is not stored.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stored = JSON.parse(localStorage.getItem(`chat-widget:${projectID}`) ?? '{}');
    expect(JSON.stringify(stored)).not.to.contain('order-form');
    el.reset();
    expect(effects).to.deep.equal(['cleaned up']);
  });

  it('a projectID that is not a non-empty string is reported, and the widget is made without a bot', async () => {
    const errors = sinon.stub(console, 'error');
    await chat().load({verify: {projectID: 42}, url: MOCK});
    const el = await theWidget();
    expect(errors.firstCall.args[0]).to.equal('voiceflow.chat.load(): projectID must be a non-empty string, got number');
    expect(el.bot).to.equal(undefined);
  });

  it('a private project (401) says which setting to change in the console', async () => {
    await fetch(`${MOCK}/knobs`, {method: 'POST', body: JSON.stringify({projectID, status: 401})});
    const warn = sinon.stub(console, 'warn');
    await chat().load({verify: {projectID}, url: MOCK});
    await chat().open();
    await waitUntil(() => warn.called, 'the failure is reported');
    expect(String(warn.firstCall.args[0])).to.match(/401 Unauthorized.*is private.*apiPrivacy: PUBLIC/);
    // Not started: the next open tries again.
    await chat().close();
    await fetch(`${MOCK}/knobs`, {method: 'POST', body: JSON.stringify({projectID})});
    await chat().open();
    const el = await theWidget();
    await waitUntil(() => el.messages.length > 0, 'launched on the next open');
  });
});
