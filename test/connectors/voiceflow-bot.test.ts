// voiceflowBot() in a widget, over real HTTP to the mock Voiceflow runtime (mock/voiceflow-runtime.mjs).
import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import sinon from 'sinon';
import {sessionKey, voiceflowBot, type VoiceflowBotOptions} from '../../src/connectors/voiceflow-bot.js';
import type {ChatWidget} from '../../src/index.js';
import {
  animationsDone,
  consoleErrors,
  part,
  parts,
  reportedErrors,
  settle,
  uniqueKey,
  widget,
} from '../helpers.js';

const MOCK = '/mock/voiceflow';

interface Logged {
  method: string;
  route: string;
  versionID?: string;
  body: {
    action?: {type: string; payload?: unknown};
    config?: Record<string, unknown>;
    [key: string]: unknown;
  };
  status: number;
}

/** What the mock saw for a project, oldest first. */
async function seen(projectID: string): Promise<Logged[]> {
  const response = await fetch(`${MOCK}/log?projectID=${encodeURIComponent(projectID)}`);
  return ((await response.json()) as {requests: Logged[]}).requests;
}
const actions = async (projectID: string) =>
  (await seen(projectID)).filter((r) => r.route.endsWith('/interact')).map((r) => r.body.action);

async function knobs(projectID: string, settings: Record<string, unknown>): Promise<void> {
  await fetch(`${MOCK}/knobs`, {method: 'POST', body: JSON.stringify({projectID, ...settings})});
}

/** An open widget talking to a new mock project; `storage` is session storage unless told. */
async function talking(options: Partial<VoiceflowBotOptions> = {}) {
  const projectID = options.projectID ?? uniqueKey();
  const bot = voiceflowBot({projectID, url: MOCK, storage: () => sessionStorage, retryDelay: 10, ...options});
  const el = await widget({}, (element) => (element.bot = bot));
  await el.show();
  return {el, bot, projectID};
}

const texts = (el: ChatWidget) => el.messages.map((m) => ('text' in m ? m.text : m.type));
const lastOfType = <T extends ChatWidget['messages'][number]['type']>(el: ChatWidget, type: T) =>
  [...el.messages].reverse().find((m) => m.type === type) as Extract<
    ChatWidget['messages'][number],
    {type: T}
  >;

/** Sends as the visitor and waits for the turn to end (its answer shown, or the message failed). */
async function say(el: ChatWidget, text: string) {
  await el.sendMessage(text);
  await settle(el);
}

describe('voiceflowBot() against the mock runtime', () => {
  afterEach(() => sinon.restore());

  it('launches: POSTs the public interact route with the versionID header and only {action, config}', async () => {
    const {el, bot, projectID} = await talking({versionID: 'production'});
    await bot.launch();
    const [request] = await seen(projectID);
    expect(request.method).to.equal('POST');
    expect(request.route).to.equal(`/public/${projectID}/state/user/${bot.session.userID}/interact`);
    expect(request.versionID).to.equal('production');
    expect(request.body).to.deep.equal({action: {type: 'launch'}, config: {tts: false}});
    expect(request.status).to.equal(200);
    // The welcome: Slate marks as markdown, the literal text escaped; then the buttons.
    const welcome = el.messages[0];
    expect(welcome.type).to.equal('markdown');
    expect(texts(el)[0]).to.equal(
      'Welcome to **Hat \\& Co\\.**\\! I am *Ava*\\.\n\nPrices are ++final++, ~~old offers~~ are gone; see [our hats](https://example.com/hats)\\.'
    );
    const choice = lastOfType(el, 'choice');
    expect(choice.buttons.map((b) => b.label)).to.deep.equal([
      'Show hats',
      'Photo',
      'Order form',
      'Account',
      'Visit shop',
    ]);
    expect(bot.session.status).to.equal('ACTIVE');
  });

  it('leaves the versionID header out when none is given, and launches only once', async () => {
    const {bot, projectID} = await talking();
    await bot.launch();
    await bot.launch();
    const requests = await seen(projectID);
    expect(requests).to.have.length(1);
    expect(requests[0].versionID).to.equal(undefined);
  });

  it("sends a button's request verbatim, and typed text matching a button's name sends that button's request", async () => {
    const {el, bot, projectID} = await talking();
    await bot.launch();
    await settle(el);
    await say(el, '  account ');
    expect(texts(el).at(-1)).to.match(/^Intent: account\\_services/);
    const buttons = part(el, 'transcript').querySelectorAll<HTMLButtonElement>('.choices button');
    buttons[0].click();
    await waitUntil(() => el.messages.some((m) => m.type === 'carousel'), 'the cards');
    // Only the buttons of the last answer match typed text, as in Voiceflow's widget: these are gone now.
    await say(el, 'Account');
    const sent = await actions(projectID);
    expect(sent.slice(1)).to.deep.equal([
      {
        type: 'intent',
        payload: {intent: {name: 'account_services'}, query: '', entities: [], label: 'Account'},
      },
      {type: 'path-cards', payload: {label: 'Show hats'}},
      {type: 'text', payload: 'Account'},
    ]);
    // The visitor's bubbles say what they typed and pressed.
    expect(
      el.messages.filter((m) => m.author === 'user').map((m) => ('text' in m ? m.text : ''))
    ).to.deep.equal(['account', 'Show hats', 'Account']);
  });

  it('maps cardV2, carousel (dropping empty cards) and visual traces onto cards, carousels and images', async () => {
    const {el} = await talking();
    await say(el, 'cards');
    const card = lastOfType(el, 'card');
    expect(card).to.include({
      title: 'Rust Fedora',
      text: 'Wool felt, $79',
      image: 'https://picsum.photos/seed/fedora/320/200',
    });
    expect(card.buttons).to.deep.equal([
      {label: 'Buy the fedora', payload: {type: 'path-buy', payload: {label: 'Buy the fedora'}}},
    ]);
    const carousel = lastOfType(el, 'carousel');
    expect(carousel.cards.map((c) => c.title)).to.deep.equal(['Midnight Beanie', 'Trail Cap']);
    expect(carousel.cards[1].buttons).to.equal(undefined);
    await say(el, 'image');
    expect(lastOfType(el, 'image')).to.include({
      url: 'https://picsum.photos/seed/hat/400/300',
      width: 400,
      height: 300,
    });
  });

  it('draws a text trace without slate from its message, escapes markup in Slate text, and ignores bookkeeping traces', async () => {
    const {el} = await talking();
    const errors = reportedErrors(el);
    await say(el, 'plain');
    expect(lastOfType(el, 'markdown').text).to.equal('A text trace with **no** slate.');
    await say(el, 'markup');
    expect(lastOfType(el, 'markdown').text).to.equal(
      '\\*not emphasis\\* \\<b\\>not bold\\</b\\> \\[not a link\\]\\(javascript:alert\\(1\\)\\)'
    );
    await say(el, 'unknown');
    expect(texts(el).at(-1)).to.equal('Only this line is for you\\.');
    expect(errors.events).to.deep.equal([]);
  });

  it('joins completion traces, in both formats, into one bubble', async () => {
    const {el} = await talking();
    await say(el, 'completion');
    expect(texts(el).at(-1)).to.equal('Our hats are made in small batches, by hand.');
    await say(el, 'legacy');
    expect(texts(el).at(-1)).to.equal('Streamed the older way.');
  });

  it("honours a trace's delay behind the typing indicator", async () => {
    const {el} = await talking();
    const sent = el.sendMessage('delay');
    await waitUntil(() => texts(el).includes('One moment…'), 'the first line');
    await settle(el);
    expect(el.messages.at(-1)!.author).to.equal('bot');
    // The second line waits 600 ms, with the typing indicator on.
    expect(parts(el, 'typing')).to.have.length(1);
    expect(texts(el)).not.to.include('Found it after a pause\\.');
    await sent;
    await settle(el);
    expect(texts(el).at(-1)).to.equal('Found it after a pause\\.');
    expect(parts(el, 'typing')).to.have.length(0);
  });

  it('end closes the input with a line saying so, and "Start a new conversation" starts a new session and launches it', async () => {
    const {el, bot, projectID} = await talking({visible: () => true});
    await bot.launch();
    const firstUser = bot.session.userID;
    await say(el, 'end');
    expect(bot.session.status).to.equal('ENDED');
    expect(parts(el, 'input')).to.have.length(0);
    expect(part(el, 'composer').textContent).to.contain('The conversation has ended.');
    await animationsDone(el);
    await expect(el).to.be.accessible();
    const restart = part(el, 'composer').querySelector('button')!;
    restart.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => el.messages.some((m) => m.type === 'choice'), 'the new welcome');
    expect(bot.session.userID).not.to.equal(firstUser);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input'));
    const launches = (await seen(projectID)).filter((r) => r.body?.action?.type === 'launch');
    expect(launches.map((r) => r.route.split('/')[5])).to.deep.equal([firstUser, bot.session.userID]);
  });

  it('no-reply sends {type: "no-reply"} after the timeout and the shown messages, unless the visitor speaks first', async () => {
    const {el, projectID} = await talking();
    await say(el, 'noreply');
    await say(el, 'hello');
    // The visitor spoke: the timer was cleared.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await actions(projectID)).map((a) => a!.type)).to.deep.equal(['text', 'text']);
    await say(el, 'noreply');
    // 1 s of timeout, plus 1 s and 1 s more for the one message shown before it.
    await waitUntil(() => texts(el).at(-1) === 'Are you still there?', 'the no-reply answer', {
      timeout: 5000,
    });
    expect((await actions(projectID)).at(-1)).to.deep.equal({type: 'no-reply', payload: null});
  });

  it('stores the userID under voiceflow-session-{projectID}, and continues a stored Voiceflow session', async () => {
    const projectID = uniqueKey();
    const userID = `visitor-${uniqueKey()}`;
    localStorage.setItem(
      sessionKey(projectID),
      JSON.stringify({userID, turns: [], startTime: 1, status: 'ACTIVE'})
    );
    const {el, bot} = await talking({projectID, storage: () => localStorage});
    expect(bot.session.userID).to.equal(userID);
    // An ACTIVE session is not launched again.
    await bot.launch();
    await say(el, 'hi');
    const [request] = await seen(projectID);
    expect(request.route).to.equal(`/public/${projectID}/state/user/${userID}/interact`);
    expect(JSON.parse(localStorage.getItem(sessionKey(projectID))!)).to.include({userID, status: 'ACTIVE'});
    localStorage.removeItem(sessionKey(projectID));
  });

  it('a stored session that Voiceflow ended shows the ended line; a visitor message from the page still goes', async () => {
    const projectID = uniqueKey();
    sessionStorage.setItem(
      sessionKey(projectID),
      JSON.stringify({userID: 'ended-visitor', turns: [], startTime: 1, status: 'ENDED'})
    );
    const {el, bot} = await talking({projectID});
    await settle(el);
    expect(part(el, 'composer').classList.contains('ended')).to.equal(true);
    await bot.launch();
    expect(await seen(projectID)).to.deep.equal([]);
    await say(el, 'hello again');
    expect(parts(el, 'input')).to.have.length(1);
    expect(texts(el)).to.deep.equal(['hello again', 'You said: **hello again**']);
  });

  it('a userID given wins over the stored one; numbers become strings', async () => {
    const projectID = uniqueKey();
    sessionStorage.setItem(
      sessionKey(projectID),
      JSON.stringify({userID: 'stored', turns: [], startTime: 1, status: 'ACTIVE'})
    );
    const {bot} = await talking({projectID, userID: 42});
    expect(bot.session).to.include({userID: '42', status: 'IDLE'});
  });

  it('sends feedback to the feedback route', async () => {
    const {el, bot, projectID} = await talking();
    await say(el, 'how much is the fedora');
    const answer = el.messages.at(-1)!;
    await bot.feedback!(answer, 'up');
    const feedback = (await seen(projectID)).find((r) => r.route.startsWith('/feedback/'))!;
    expect(feedback.route).to.equal(`/feedback/${projectID}/user/${bot.session.userID}`);
    expect(feedback.body).to.deep.include({
      name: 'Thumbs up',
      text: ['You said: **how much is the fedora**'],
    });
    expect(feedback.body.lastUserTurn).to.include({type: 'user', message: 'how much is the fedora'});
  });

  it('creates the transcript once, after the first real interaction', async () => {
    const {el, bot, projectID} = await talking();
    await bot.launch();
    await say(el, 'one');
    await say(el, 'two');
    const transcripts = (await seen(projectID)).filter((r) => r.route.endsWith('/transcripts'));
    expect(transcripts).to.have.length(1);
    expect(transcripts[0].body).to.deep.equal({sessionID: bot.session.userID});
  });

  describe('failures', () => {
    it('a 401 (a private project) fails the turn at once, naming the project setting to change', async () => {
      const projectID = uniqueKey();
      await knobs(projectID, {status: 401});
      const {el} = await talking({projectID});
      const errors = reportedErrors(el);
      await say(el, 'hello');
      expect(el.messages.at(-1)!.status).to.equal('failed');
      expect(await seen(projectID)).to.have.length(1);
      expect(errors.messages()[0]).to.match(/401 Unauthorized.*project .* is private.*apiPrivacy: PUBLIC/);
    });

    it('429 and 500 are tried again (Retry-After honoured), and nothing is lost or shown twice', async () => {
      const projectID = uniqueKey();
      await knobs(projectID, {status: 429, failTimes: 1, retryAfter: 0});
      const {el} = await talking({projectID});
      await say(el, 'hello');
      expect(texts(el)).to.deep.equal(['hello', 'You said: **hello**']);
      await knobs(projectID, {status: 500, failTimes: 2});
      await say(el, 'again');
      expect(texts(el)).to.deep.equal(['hello', 'You said: **hello**', 'again', 'You said: **again**']);
      const interacts = (await seen(projectID)).filter((r) => r.route.endsWith('/interact'));
      expect(interacts.map((r) => r.status)).to.deep.equal([429, 200, 500, 500, 200]);
    });

    it('a turn that still fails shows "Not delivered · Retry", and Retry sends it once more', async () => {
      const projectID = uniqueKey();
      await knobs(projectID, {status: 503, failTimes: 3});
      const {el} = await talking({projectID, retries: 2});
      reportedErrors(el);
      await say(el, 'hello');
      expect(el.messages.at(-1)!.status).to.equal('failed');
      part(el, 'transcript').querySelector<HTMLButtonElement>('.failed button')!.click();
      await waitUntil(() => el.messages.length === 2, 'the answer after Retry');
      expect(texts(el)).to.deep.equal(['hello', 'You said: **hello**']);
    });

    it('a request that takes longer than `timeout` fails as a network error would; the delay knob holds the answer back', async () => {
      const projectID = uniqueKey();
      await knobs(projectID, {delay: 400});
      const {el} = await talking({projectID, timeout: 100, retries: 0});
      const errors = reportedErrors(el);
      await say(el, 'slow');
      expect(el.messages.at(-1)!.status).to.equal('failed');
      expect(errors.messages()[0]).to.match(/no answer within 100 ms \(after 1 try\)/);
      // With time enough, the same delay is the typing indicator's.
      const {el: patient} = await talking({projectID});
      const sent = patient.sendMessage('slow');
      await waitUntil(() => parts(patient, 'typing').length === 1, 'the typing indicator');
      await sent;
      expect(texts(patient)).to.deep.equal(['slow', 'You said: **slow**']);
    });

    it('the mock rejects body keys and versions the runtime would reject', async () => {
      const projectID = uniqueKey();
      const post = (body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${MOCK}/public/${projectID}/state/user/u1/interact`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        });
      expect((await post({action: {type: 'text', payload: 'hi'}, state: {}})).status).to.equal(400);
      expect((await post({action: {type: 'launch'}, config: {tts: false, voice: 1}})).status).to.equal(400);
      expect((await post({action: {type: 'launch'}}, {versionID: 'nightly'})).status).to.equal(404);
      const ok = await post({action: {type: 'launch'}}, {versionID: 'development'});
      expect(Object.keys(await ok.json())).to.deep.equal(['trace']);
    });
  });

  describe('custom traces', () => {
    it('go to the page as a cancelable chat-action, then to the first extension that matches', async () => {
      const effect = sinon.spy();
      const render = sinon.spy(({element}: {trace: {type: string}; element: HTMLElement}) => {
        const form = document.createElement('form');
        form.innerHTML = '<label>Size <select><option>M</option></select></label>';
        element.append(form);
      });
      const {el} = await talking({
        extensions: [
          {name: 'never', type: 'effect', match: () => false, effect},
          {name: 'order-form', type: 'response', match: ({trace}) => trace.type === 'order-form', render},
        ],
      });
      const heard: unknown[] = [];
      el.addEventListener('chat-action', (event) => heard.push(event.detail));
      await say(el, 'custom');
      expect(heard).to.have.length(1);
      expect(heard[0]).to.deep.include({
        type: 'order-form',
        payload: {product: 'Rust Fedora', sizes: ['S', 'M', 'L']},
      });
      expect(effect.called).to.equal(false);
      expect(render.calledOnce).to.equal(true);
      expect(render.firstCall.args[0].trace.type).to.equal('order-form');
      // Drawn inside a bot bubble.
      const bubble = parts(el, 'message').at(-1)!;
      expect(bubble.classList.contains('bot')).to.equal(true);
      expect(bubble.querySelector('select')).to.not.equal(null);
      await animationsDone(el);
      await expect(el).to.be.accessible();
    });

    it('a page that cancels chat-action handles it alone: no extension runs', async () => {
      const effect = sinon.spy();
      const {el} = await talking({extensions: [{name: 'fx', type: 'effect', match: () => true, effect}]});
      let heard = 0;
      el.addEventListener('chat-action', (event) => {
        heard++;
        event.preventDefault();
      });
      await say(el, 'custom');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).to.equal(1);
      expect(effect.called).to.equal(false);
    });

    it('an effect extension runs; one that throws is logged with its name, as Voiceflow does', async () => {
      const errors = consoleErrors();
      const effect = sinon.spy();
      const {el} = await talking({
        extensions: [
          {
            name: 'broken',
            type: 'effect',
            match: () => {
              throw new Error('bad match');
            },
          },
          {name: 'fx', type: 'effect', match: ({trace}) => trace.type === 'order-form', effect},
        ],
      });
      await el.sendMessage('custom');
      await waitUntil(() => effect.called, 'the effect');
      expect(effect.firstCall.args[0].trace.payload).to.deep.equal({
        product: 'Rust Fedora',
        sizes: ['S', 'M', 'L'],
      });
      expect(errors.messages()).to.deep.equal(["Extension 'broken' threw an error: Error: bad match"]);
    });
  });

  it("opens an open_url button's link (scheme checked) and sends its request", async () => {
    const open = sinon.stub(window, 'open');
    const {el, bot, projectID} = await talking();
    await bot.launch();
    await settle(el);
    const visit = [...part(el, 'transcript').querySelectorAll<HTMLButtonElement>('.choices button')].find(
      (b) => b.textContent === 'Visit shop'
    )!;
    visit.click();
    await waitUntil(() => texts(el).at(-1) === 'The shop opened in a new tab\\.', 'the answer');
    expect(open.calledOnceWith('https://example.com/shop', '_blank', 'noopener')).to.equal(true);
    expect((await actions(projectID)).at(-1)!.type).to.equal('path-visit');
  });

  it('rejects bad options with a TypeError naming them', () => {
    expect(() => voiceflowBot({projectID: ''})).to.throw(
      TypeError,
      'voiceflowBot(): projectID must be a non-empty string, got ""'
    );
    expect(() => voiceflowBot({projectID: 'p', url: 'javascript:alert(1)'})).to.throw(
      TypeError,
      /url must be an http\(s\) URL/
    );
    expect(() => voiceflowBot({projectID: 'p', extensions: [{} as never]})).to.throw(
      TypeError,
      /extensions\[0\]\.match must be a function/
    );
  });
});
