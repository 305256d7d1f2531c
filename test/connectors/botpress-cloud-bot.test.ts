import {expect, waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import {
  botpressCloudBot,
  type BotpressCloudBotOptions,
  type ChatMessage,
  type ChatWidget,
} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';
import {animationsDone, part, reportedErrors, uniqueKey, widget} from '../helpers.js';
import {CLOUD_API, GREETING, mockControl, mockLog, said, saidSoon} from './botpress-cloud-mock.js';

/** A widget talking to the mock Webchat API with a client id and a storage key of its own, once greeted. */
async function cloudWidget(
  {knobs, ...options}: Partial<BotpressCloudBotOptions> & {knobs?: Record<string, unknown>} = {},
  attributes: Record<string, string | boolean> = {}
) {
  const clientId = options.clientId ?? uniqueKey();
  const storageKey = options.storageKey ?? uniqueKey();
  if (knobs) await mockControl(clientId, 'knobs', knobs);
  const signals: Array<[string, unknown]> = [];
  const bot = botpressCloudBot({
    clientId,
    apiUrl: CLOUD_API,
    storageKey,
    reconnectDelay: 50,
    recoveryDelay: 50,
    onSignal: (type, data) => signals.push([type, data]),
    ...options,
  });
  const el = await widget(attributes, (el) => (el.bot = bot));
  if (knobs?.greeting !== 0) await saidSoon(el, GREETING);
  return {el, bot, clientId, storageKey, signals};
}

/** Types `text` and sends it as the visitor. */
const send = (el: ChatWidget, text: string) => el.sendMessage(text);

const storedClient = (storageKey: string) =>
  JSON.parse(localStorage.getItem(`${storageKey}-client`) ?? 'null');

describe('botpressCloudBot: Botpress Cloud Webchat API (the mock, over real HTTP and SSE)', () => {
  const widgets: ChatWidget[] = [];
  afterEach(() => {
    sinon.restore();
    for (const el of widgets.splice(0)) el.remove();
  });

  it('opens /initialize, keeps the user and conversation as Botpress does, and starts the conversation once', async () => {
    const {el, clientId, storageKey, signals} = await cloudWidget();
    expect(said(el)).to.deep.equal([`bot: ${GREETING}`]);
    const stored = storedClient(storageKey);
    expect(stored.version).to.equal(0);
    expect(stored.state.user.userId).to.match(/^user_/);
    expect(stored.state.user.userToken).to.match(/^key_/);
    expect(stored.state.conversationId).to.match(/^conv_/);
    const log = await mockLog(clientId);
    expect(log.events).to.deep.equal([{type: 'conversation_started', data: {}}]);
    expect(log.requests[0]).to.include({method: 'GET', route: '/initialize', query: ''});
    expect(signals).to.deep.include(['conversation', stored.state.conversationId]);
    el.show();
    await el.updateComplete;
    expect(part(el, 'status').textContent).to.equal('');
  });

  it('sends with metadata.clientMessageId and merges the echo by it: duplicated echoes, echo before the response', async () => {
    const {el, clientId} = await cloudWidget({knobs: {duplicateEchoes: 1, echoFirst: 1}});
    await send(el, 'hello there');
    await saidSoon(el, 'You said: **hello there**\nSay *help* for what I can send.');
    expect(said(el)).to.deep.equal([
      `bot: ${GREETING}`,
      'user: hello there',
      'bot: You said: **hello there**\nSay *help* for what I can send.',
    ]);
    const {messages} = await mockLog(clientId);
    expect(messages).to.have.length(1);
    expect(messages[0].payload).to.deep.equal({type: 'text', text: 'hello there'});
    expect(messages[0].metadata).to.deep.equal({clientMessageId: el.messages[1].id});
    // Bot text is markdown, as Botpress's webchat draws it.
    expect(el.messages[2].type).to.equal('markdown');
  });

  it('maps every payload type onto the widget messages', async () => {
    const {el} = await cloudWidget();
    const errors = reportedErrors(el);
    const origin = location.origin;
    const asset = (name: string) => `${origin}${CLOUD_API}/assets/${name}`;
    const card = (title: string, n: number) => ({
      title,
      text: `Card number ${n}`,
      image: asset('picture.svg'),
      buttons: [
        {label: `Pick ${title}`, payload: {type: 'text', text: `Pick ${title}`, value: `pick-${n}`}},
        {label: `Say ${title}`, payload: {type: 'text', text: `Say ${title}`, value: `say-${n}`}},
        {label: 'Botpress', url: 'https://botpress.com/'},
      ],
    });
    const colours = (text: string) => ({
      type: 'choice',
      text,
      buttons: [
        {label: 'Red', payload: {type: 'text', text: 'Red', value: 'colour-red'}},
        {label: 'Blue', payload: {type: 'text', text: 'Blue', value: 'colour-blue'}},
      ],
    });
    const expected: Record<string, unknown[]> = {
      markdown: [{type: 'markdown', text: '**Bold**, _italic_ and a [link](https://botpress.com/)'}],
      image: [{type: 'image', url: asset('picture.svg'), alt: ''}],
      audio: [{type: 'audio', url: asset('sound.wav')}],
      video: [{type: 'video', url: asset('clip.mp4')}],
      file: [{type: 'file', url: asset('terms.pdf'), name: 'terms.pdf'}],
      location: [
        {
          type: 'location',
          latitude: 45.5019,
          longitude: -73.5674,
          title: 'Botpress HQ',
          address: 'Montréal, QC',
        },
      ],
      card: [{type: 'card', ...card('Fedora', 1)}],
      carousel: [{type: 'carousel', cards: [card('Fedora', 1), card('Beanie', 2)]}],
      choice: [colours('Which colour?')],
      dropdown: [colours('Pick a colour from the list')],
      bloc: [
        {type: 'markdown', text: 'A bloc: text first,'},
        {type: 'image', url: asset('picture.svg'), alt: ''},
        {type: 'markdown', text: '**then** markdown'},
      ],
    };
    for (const [word, messages] of Object.entries(expected)) {
      const before = el.messages.length;
      await send(el, word);
      await waitUntil(() => el.messages.length === before + 1 + messages.length, `${word} never answered`);
      const answer = el.messages
        .slice(before + 1)
        .map(({id: _id, author: _a, timestamp: _t, ...content}) => content);
      expect(answer, word).to.deep.equal(messages);
    }
    // A bloc's items keep their message's id, each with its index.
    expect(el.messages.at(-1)!.id).to.match(/^msg_\w+\/2$/);
    expect(errors.messages()).to.deep.equal([]);
  });

  it("a choice button sends what Botpress's webchat sends: the label as text and the option's value", async () => {
    const {el, clientId} = await cloudWidget();
    el.show();
    await send(el, 'choice');
    await saidSoon(el, 'Which colour?');
    await el.updateComplete;
    const red = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.choices button')].find(
      (button) => button.textContent === 'Red'
    )!;
    red.click();
    await saidSoon(el, 'You picked **red**.');
    const {messages} = await mockLog(clientId);
    expect(messages.at(-1)!.payload).to.deep.equal({type: 'text', text: 'Red', value: 'colour-red'});
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('shows typing_started until the answer, and tells the page', async () => {
    const {el, signals} = await cloudWidget({knobs: {replyDelay: 300}});
    const typing: boolean[] = [];
    el.addEventListener('chat-typing', (event) => typing.push(event.detail.typing));
    await send(el, 'slow');
    await waitUntil(() => typing.at(-1) === true, 'typing never showed');
    await saidSoon(el, 'You said: **slow**\nSay *help* for what I can send.');
    expect(typing.at(-1)).to.equal(false);
    expect(signals).to.deep.include(['isTyping', {isTyping: true, timeout: 5000}]);
  });

  it('message_updated changes a message in place; message_deleted takes it out', async () => {
    const {el} = await cloudWidget();
    // Each bot message as it entered the transcript (the mock edits or deletes it 50 ms later).
    const arrived: ChatMessage[] = [];
    el.addEventListener('chat-message', (event) => arrived.push(event.detail.message));
    await send(el, 'update');
    await saidSoon(el, 'The final answer');
    const draft = arrived.find((message) => messageText(message) === 'A first draft')!;
    const final = el.messages.at(-1)!;
    expect([final.id, final.timestamp]).to.deep.equal([draft.id, draft.timestamp]);
    expect(said(el)).not.to.include('bot: A first draft');
    await send(el, 'delete');
    await waitUntil(() => arrived.some((message) => messageText(message) === 'This message will be deleted'));
    await waitUntil(() => !said(el).includes('bot: This message will be deleted'), 'never deleted');
    expect(said(el).at(-1)).to.equal('user: delete');
  });

  it('hands custom, webchat_visibility and webchat_config signals to onSignal', async () => {
    const {el, signals} = await cloudWidget();
    for (const word of ['custom', 'hide', 'config']) await send(el, word);
    await waitUntil(() => signals.some(([type]) => type === 'webchatConfig'), 'no config signal');
    expect(signals.filter(([type]) => /^(customEvent|webchat)/.test(type))).to.deep.equal([
      ['customEvent', {kind: 'confetti', colour: 'gold'}],
      ['webchatVisibility', 'hide'],
      ['webchatConfig', {botName: 'Reconfigured'}],
    ]);
  });

  it('a page event is POST /events of type custom with its data; the bot answers on the stream', async () => {
    const {el, clientId} = await cloudWidget();
    await el.sendEvent({type: 'custom', payload: {type: 'custom', plan: 'pro'}});
    await saidSoon(el, 'Custom event received: {"type":"custom","plan":"pro"}');
    const {events} = await mockLog(clientId);
    expect(events.at(-1)).to.deep.equal({type: 'custom', data: {type: 'custom', plan: 'pro'}});
    // A page event draws no visitor bubble.
    expect(el.messages.filter((m) => m.author === 'user')).to.have.length(0);
  });

  it('feedback is PUT /messages/{id}/feedback with positive or negative', async () => {
    const {el, bot, clientId} = await cloudWidget();
    const greeting = el.messages[0];
    await bot.feedback!(greeting, 'up');
    await bot.feedback!(greeting, 'down');
    const {feedback} = await mockLog(clientId);
    expect(feedback).to.deep.equal([
      {messageId: greeting.id, value: 'positive'},
      {messageId: greeting.id, value: 'negative'},
    ]);
  });

  it('after a dropped stream it reconnects and lists the conversation: what came meanwhile once, nothing twice', async () => {
    const {el, clientId} = await cloudWidget();
    const statuses: string[] = [];
    new MutationObserver(() => statuses.push(part(el, 'status').textContent ?? '')).observe(el.shadowRoot!, {
      subtree: true,
      characterData: true,
      childList: true,
    });
    el.show();
    await mockControl(clientId, 'drop', {});
    await mockControl(clientId, 'say', {payload: {type: 'text', text: 'Said while you were away'}});
    await saidSoon(el, 'Said while you were away');
    await send(el, 'after');
    await saidSoon(el, 'You said: **after**\nSay *help* for what I can send.');
    expect(said(el)).to.deep.equal([
      `bot: ${GREETING}`,
      'bot: Said while you were away',
      'user: after',
      'bot: You said: **after**\nSay *help* for what I can send.',
    ]);
    const {requests, events} = await mockLog(clientId);
    const initialize = requests.filter((r) => r.route === '/initialize');
    expect(initialize).to.have.length(2);
    expect(initialize[1].query).to.match(/^\?conversationId=conv_/);
    expect(requests.some((r) => /\/conversations\/conv_\w+\/messages/.test(r.route))).to.equal(true);
    // conversation_started went once.
    expect(events).to.have.length(1);
    expect(statuses.some((text) => /reconnect/i.test(text))).to.equal(true);
  });

  it('a stream cut after every few signals loses and duplicates nothing', async () => {
    const {el} = await cloudWidget({knobs: {dropAfter: 2}});
    for (const word of ['one', 'two', 'three']) {
      await send(el, word);
      await saidSoon(el, `You said: **${word}**\nSay *help* for what I can send.`);
    }
    expect(said(el).filter((text) => text.startsWith('bot: You said'))).to.have.length(3);
    expect(new Set(el.messages.map((m) => m.id)).size).to.equal(el.messages.length);
  });

  it('a returning visitor continues the stored conversation: no second greeting, nothing shown twice', async () => {
    const first = await cloudWidget();
    await send(first.el, 'remember me');
    await saidSoon(first.el, 'You said: **remember me**\nSay *help* for what I can send.');
    const conversationId = storedClient(first.storageKey).state.conversationId;
    const storageKey = first.el.storageKey;
    first.el.remove();
    // The same site, the next page: the same storage keys.
    const bot = botpressCloudBot({clientId: first.clientId, apiUrl: CLOUD_API, storageKey: first.storageKey});
    const el = await widget({'storage-key': storageKey}, (el) => (el.bot = bot));
    await waitUntil(
      async () =>
        (await mockLog(first.clientId)).requests.filter((r) => r.route === '/initialize').length === 2
    );
    await send(el, 'again');
    await saidSoon(el, 'You said: **again**\nSay *help* for what I can send.');
    expect(said(el)).to.deep.equal([
      `bot: ${GREETING}`,
      'user: remember me',
      'bot: You said: **remember me**\nSay *help* for what I can send.',
      'user: again',
      'bot: You said: **again**\nSay *help* for what I can send.',
    ]);
    expect(storedClient(first.storageKey).state.conversationId).to.equal(conversationId);
    const {requests, events} = await mockLog(first.clientId);
    expect(requests.filter((r) => r.route === '/initialize')[1].query).to.equal(
      `?conversationId=${conversationId}`
    );
    expect(events.filter((e) => e.type === 'conversation_started')).to.have.length(2);
    el.remove();
  });

  it("a visitor coming from Botpress's own webchat (its stored client state) continues that conversation", async () => {
    const {el: before, clientId, storageKey} = await cloudWidget();
    const stored = storedClient(storageKey);
    before.remove();
    // Only Botpress's key: no widget transcript, no record of which widget session it belongs to.
    localStorage.removeItem(`${storageKey}-client-sessions`);
    const bot = botpressCloudBot({clientId, apiUrl: CLOUD_API, storageKey});
    const el = await widget({persistence: 'memory'}, (el) => (el.bot = bot));
    // The conversation's history comes from /initialize.
    await saidSoon(el, GREETING);
    expect(storedClient(storageKey).state).to.deep.equal(stored.state);
    expect(said(el)).to.deep.equal([`bot: ${GREETING}`]);
    el.remove();
  });

  it('an unknown user key (401) gets a new user; storageLocation sessionStorage keeps the state there', async () => {
    const storageKey = uniqueKey();
    const stale = {
      state: {user: {userId: 'user_gone', userToken: 'key_gone'}, conversationId: 'conv_gone'},
      version: 0,
    };
    sessionStorage.setItem(`${storageKey}-client`, JSON.stringify(stale));
    const {clientId} = await cloudWidget({storageKey, storageLocation: 'sessionStorage'});
    const state = JSON.parse(sessionStorage.getItem(`${storageKey}-client`)!).state;
    expect(state.user.userId).to.match(/^user_/);
    expect(state.user.userId).not.to.equal('user_gone');
    expect(localStorage.getItem(`${storageKey}-client`)).to.equal(null);
    const initialize = (await mockLog(clientId)).requests.filter((r) => r.route === '/initialize');
    expect(initialize.map((r) => [r.query, r.userKey])).to.deep.equal([
      ['?conversationId=conv_gone', 'key_gone'],
      ['', undefined],
    ]);
    sessionStorage.removeItem(`${storageKey}-client`);
    sessionStorage.removeItem(`${storageKey}-client-sessions`);
  });

  it('reset() starts a new conversation for the same user', async () => {
    const {el, storageKey} = await cloudWidget();
    const before = storedClient(storageKey).state;
    el.reset();
    await saidSoon(el, GREETING);
    const after = storedClient(storageKey).state;
    expect(after.user).to.deep.equal(before.user);
    expect(after.conversationId).not.to.equal(before.conversationId);
  });

  it('a conversation the server no longer knows (404) is replaced by a new one for the same user', async () => {
    const {el, clientId, storageKey} = await cloudWidget();
    const before = storedClient(storageKey).state;
    await mockControl(clientId, 'forget', {});
    await mockControl(clientId, 'drop', {});
    await waitUntil(
      () => storedClient(storageKey).state.conversationId !== before.conversationId,
      'no new conversation'
    );
    expect(storedClient(storageKey).state.user).to.deep.equal(before.user);
    await send(el, 'still here');
    await saidSoon(el, 'You said: **still here**\nSay *help* for what I can send.');
  });

  for (const [name, knobs] of [
    ['500 error bodies', {failMessages: 2, failStatus: 500}],
    ['429 with Retry-After', {failMessages: 1, failStatus: 429}],
  ] as const)
    it(`a send that fails with ${name} is tried again and delivered once`, async () => {
      const {el, clientId} = await cloudWidget({knobs});
      await send(el, 'persist');
      await saidSoon(el, 'You said: **persist**\nSay *help* for what I can send.');
      const {messages, requests} = await mockLog(clientId);
      expect(messages).to.have.length(1);
      expect(requests.filter((r) => r.route === '/messages')).to.have.length(knobs.failMessages + 1);
      expect(el.messages.some((m) => m.status === 'failed')).to.equal(false);
    });

  it('a send whose response was lost is found in the conversation and not sent twice', async () => {
    const {el, clientId} = await cloudWidget({knobs: {loseResponses: 1}});
    await send(el, 'once only');
    await saidSoon(el, 'You said: **once only**\nSay *help* for what I can send.');
    const {messages} = await mockLog(clientId);
    expect(messages).to.have.length(1);
    expect(el.messages.filter((m) => m.author === 'user')).to.have.length(1);
  });

  it('a send that keeps failing is shown as not delivered, and Retry delivers it', async () => {
    const {el} = await cloudWidget({retries: 0, knobs: {failMessages: 1, failStatus: 503}});
    el.show();
    const errors = reportedErrors(el);
    await send(el, 'try me');
    await waitUntil(() => el.messages.some((m) => m.status === 'failed'), 'never failed');
    expect(errors.messages()[0]).to.match(
      /^bot: POST \/messages failed: 503 Internal: mock failure \(503\)$/
    );
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.failed button')!.click();
    await saidSoon(el, 'You said: **try me**\nSay *help* for what I can send.');
  });

  it('a stream silent past heartbeatTimeout is reopened; nothing is lost or shown twice', async () => {
    const {el, clientId} = await cloudWidget({heartbeatTimeout: 250});
    await send(el, 'quiet');
    await saidSoon(el, 'You said: **quiet**\nSay *help* for what I can send.');
    await waitUntil(
      async () => (await mockLog(clientId)).requests.filter((r) => r.route === '/initialize').length >= 3,
      'the silent stream was never reopened'
    );
    expect(said(el)).to.deep.equal([
      `bot: ${GREETING}`,
      'user: quiet',
      'bot: You said: **quiet**\nSay *help* for what I can send.',
    ]);
  });

  it('an API that is not there: the status says offline, chat-error names it, and a send fails visibly', async () => {
    const errors: string[] = [];
    const hear = (event: Event) => errors.push((event as CustomEvent).detail.error.message);
    document.addEventListener('chat-error', hear);
    sinon.stub(console, 'warn');
    try {
      const bot = botpressCloudBot({clientId: uniqueKey(), apiUrl: '/mock/no-such-api', reconnectDelay: 10});
      const el = await widget({open: true}, (el) => (el.bot = bot));
      await waitUntil(() => errors.length === 1, 'no chat-error');
      expect(errors[0]).to.match(
        /^Botpress Cloud \(.+\/mock\/no-such-api\/.+\): the connection failed: GET \/initialize failed: 404/
      );
      await el.updateComplete;
      expect(part(el, 'status').textContent).to.match(/offline/i);
      await send(el, 'anyone?');
      await waitUntil(() => el.messages.some((m) => m.status === 'failed'), 'the send never failed');
    } finally {
      document.removeEventListener('chat-error', hear);
    }
  });

  // The mock's cut reaches the connector as an error in some runs and engines and as the stream's
  // end in others (always in WebKit): the offline state must show either way.
  it('while the browser is offline it waits for the network without spending tries, then catches up', async () => {
    const {el, clientId} = await cloudWidget({reconnectAttempts: 0, recoveryDelay: 10});
    el.show();
    let online = false;
    sinon.stub(Navigator.prototype, 'onLine').get(() => online);
    await mockControl(clientId, 'drop', {});
    await waitUntil(async () => {
      await el.updateComplete;
      return /offline/i.test(part(el, 'status').textContent ?? '');
    }, 'offline never shown');
    await mockControl(clientId, 'say', {payload: {type: 'text', text: 'While you were offline'}});
    // Long past every try it would have had.
    await new Promise((resolve) => setTimeout(resolve, 200));
    online = true;
    dispatchEvent(new Event('online'));
    await saidSoon(el, 'While you were offline');
    await el.updateComplete;
    expect(part(el, 'status').textContent).to.equal('');
  });

  it('a payload the widget cannot draw is reported; the messages around it stay', async () => {
    const {el, clientId} = await cloudWidget();
    const errors = reportedErrors(el);
    await mockControl(clientId, 'say', {
      payload: {type: 'custom', url: 'https://example.com/c.js', name: 'Widget'},
    });
    await mockControl(clientId, 'say', {payload: {type: 'image', imageUrl: 'javascript:alert(1)'}});
    await mockControl(clientId, 'say', {payload: {type: 'text', text: 'still fine'}});
    await saidSoon(el, 'still fine');
    expect(errors.events.map((e) => e.source)).to.deep.equal(['bot', 'bot']);
    expect(errors.messages()[0]).to.contain('type must be');
    expect(errors.messages()[1]).to.contain('url must be');
  });

  it('bad options are TypeErrors naming the option', () => {
    const make = (options: unknown) => () => botpressCloudBot(options as BotpressCloudBotOptions);
    expect(make(undefined)).to.throw(
      TypeError,
      'botpressCloudBot(): options must be an object, got undefined'
    );
    expect(make({clientId: ''})).to.throw(
      TypeError,
      'botpressCloudBot(): clientId must be a non-empty string, got ""'
    );
    expect(make({clientId: 'a', apiUrl: 'javascript:alert(1)'})).to.throw(
      TypeError,
      'apiUrl must be an http(s) URL'
    );
    expect(make({clientId: 'a', storageLocation: 'cookies'})).to.throw(TypeError, 'storageLocation must be');
    expect(make({clientId: 'a', reconnectDelay: -1})).to.throw(
      TypeError,
      'reconnectDelay must be a number of 0 or more'
    );
    expect(make({clientId: 'a', onSignal: 'x'})).to.throw(TypeError, 'onSignal must be a function');
  });
});
