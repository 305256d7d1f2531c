// botpressV12Bot against the mock Botpress v12 server (mock/botpress-v12.mjs),
// over real HTTP and a real Socket.IO connection, through a real <chat-widget>.
import {expect, waitUntil} from '@open-wc/testing';
import {botpressV12Bot} from '../../src/connectors/botpress-v12-bot.js';
import type {ChatWidget} from '../../src/index.js';
import {animationsDone, part, reportedErrors, transcriptTexts, uniqueKey, widget} from '../helpers.js';
import {eachTestMockBot, mockBot, type MockBot} from './botpress-v12-mock.js';

/** A widget talking to a fresh bot on the mock; the visitor id lives in this tab's sessionStorage. */
async function talking(bot: MockBot, options: Record<string, unknown> = {}, storageKey = uniqueKey()) {
  const el = await widget({'storage-key': storageKey, persistence: 'session'}, (el) => {
    el.bot = botpressV12Bot({
      host: bot.host,
      botId: bot.botId,
      useSessionStorage: true,
      retryDelay: 20,
      ...options,
    });
  });
  await waitUntil(
    async () =>
      (await bot.requests('conversations/new')).length > 0 ||
      (await bot.requests('conversations/get')).length > 0,
    'the connector never found its conversation',
    {timeout: 5000}
  );
  return el;
}

/** Whether each widget's typing indicator is on, as its last `chat-typing` said. */
const typingOn = new WeakMap<EventTarget, boolean>();
document.addEventListener('chat-typing', (event) =>
  typingOn.set(event.target!, (event as CustomEvent).detail.typing)
);
const typing = (el: ChatWidget) => typingOn.get(el) ?? false;

const bots = (el: ChatWidget) => el.messages.filter((m) => m.author === 'bot');
const waitForBot = (el: ChatWidget, count: number, what = `${count} bot message(s)`) =>
  waitUntil(() => bots(el).length >= count, `never got ${what}`, {timeout: 5000});

describe('botpressV12Bot: a Botpress v12 server over channel-web REST and Socket.IO (the mock)', function () {
  this.timeout(15000);
  const currentBot = eachTestMockBot();
  let bot: MockBot;
  beforeEach(() => (bot = currentBot()));

  it('sends what the visitor types to POST /messages with the socket id as webSessionId, and shows the reply after the bot typed', async () => {
    await bot.knobs({typingMs: 300});
    const el = await talking(bot);
    const [created] = await bot.requests('conversations/new');
    expect(created.body.webSessionId).to.be.a('string').and.have.length.greaterThan(0);
    const seen: boolean[] = [];
    el.addEventListener('chat-typing', (event) => seen.push((event as CustomEvent).detail.typing));
    const sending = el.sendMessage('Do you ship abroad?');
    const [sent] = await bot.requested('messages');
    expect(sent.body.payload).to.deep.equal({type: 'text', text: 'Do you ship abroad?'});
    const {conversations, sockets} = await bot.state();
    expect(sent.body.conversationId).to.equal(conversations[0].id);
    expect(sockets).to.include(sent.body.webSessionId);
    // The bot said it types for 300 ms: the indicator stays on from the send until the reply shows.
    await sending;
    await waitForBot(el, 1);
    expect(el.messages[1].timestamp - el.messages[0].timestamp).to.be.at.least(300);
    // On while the turn runs and while the bot types (the socket may bring the typing a little
    // after the HTTP answer: then it goes off and on again), off once the reply shows.
    expect(seen[0]).to.equal(true);
    expect(seen.at(-1)).to.equal(false);
    expect(typing(el)).to.equal(false);
    // The echo of the visitor's message is not shown a second time.
    expect(transcriptTexts(el)).to.deep.equal(['Do you ship abroad?', 'You said: “Do you ship abroad?”']);
    // The bot message keeps the server's id (so it is never shown twice).
    const stored = conversations[0].messages.length ? (await bot.state()).conversations[0].messages : [];
    expect(bots(el)[0].id).to.equal(stored.find((m) => !m.authorId)!.id);
    await el.show();
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  describe('every payload type v12 sends', () => {
    /** What the widget shows for each word the mock bot answers with a sample payload. */
    const shown = (host: string, botId: string): Record<string, object> => {
      const media = (file: string) => `${host}/api/v1/bots/${botId}/media/${file}`;
      const card = (title: string, text: string, value: string) => ({
        title,
        text,
        image: media('hat.png'),
        alt: '',
        buttons: [
          {label: `Tell me about ${title}`, payload: {type: 'say_something', text: `Tell me about ${title}`}},
          {label: 'Add to cart', payload: {type: 'postback', payload: `ADD_TO_CART_${value}`}},
          {label: 'Open the page', url: `https://shop.example.com/hats/${value.toLowerCase()}`},
        ],
      });
      const quickReplies = (text: string, ...buttons: [string, string][]) => ({
        type: 'choice',
        text,
        buttons: buttons.map(([label, value]) => ({
          label,
          payload: {type: 'quick_reply', text: label, payload: value},
        })),
      });
      return {
        markdown: {
          type: 'markdown',
          text: '**Hats** come in _three_ sizes: see the [size guide](https://shop.example.com/sizes).',
        },
        image: {type: 'image', url: media('hat.png'), alt: 'The Panama hat'},
        audio: {type: 'audio', url: 'https://media.example.com/hat-song.mp3', title: 'The hat song'},
        video: {
          type: 'video',
          url: 'https://media.example.com/how-to-measure.mp4',
          title: 'How to measure your head',
        },
        file: {type: 'file', url: media('size-guide.txt'), name: 'Size guide'},
        location: {
          type: 'location',
          latitude: 45.5017,
          longitude: -73.5673,
          title: 'Hat & Co.',
          address: '1 Hat Street, Montréal',
        },
        custom: {type: 'text', text: 'Here is our size chart.'},
        // v12 upper-cases the single-choice values it sends back; a dropdown's go as they are.
        choice: quickReplies('Which size do you wear?', ['Small', 'SIZE_S'], ['Medium', 'SIZE_M']),
        dropdown: quickReplies('Pick a colour', ['Black', 'black'], ['Sand', 'sand']),
        card: {type: 'card', ...card('Panama', 'Straw, summer', 'PANAMA')},
        carousel: {
          type: 'carousel',
          cards: [card('Panama', 'Straw, summer', 'PANAMA'), card('Fedora', 'Felt, all year', 'FEDORA')],
        },
      };
    };
    for (const word of Object.keys(shown('', '')))
      it(`${word}`, async () => {
        const el = await talking(bot);
        await el.sendMessage(`Show me a ${word} please`);
        await waitForBot(el, 1);
        expect(bots(el)[0]).to.deep.include(shown(bot.host, bot.botId)[word]);
      });
  });

  describe('buttons send back what the webchat sends', () => {
    it('a single-choice button: {type: quick_reply, text: title, payload: VALUE} to /messages', async () => {
      const el = await talking(bot);
      await el.sendMessage('choice');
      await waitForBot(el, 1);
      await el.show();
      await el.updateComplete;
      const [small] = part(el, 'transcript').querySelectorAll<HTMLButtonElement>('.choices button');
      small.click();
      const sent = await bot.requested('messages', 2);
      expect(sent[1].body.payload).to.deep.equal({type: 'quick_reply', text: 'Small', payload: 'SIZE_S'});
      await waitForBot(el, 2);
      expect(transcriptTexts(el).slice(-2)).to.deep.equal(['Small', 'You chose SIZE_S.']);
    });

    it("a card's postback goes to /messages, its say-something to /events, both answered", async () => {
      const el = await talking(bot);
      await el.sendMessage('card');
      await waitForBot(el, 1);
      const [say, postback] = (bots(el)[0] as {buttons: {label: string; payload: object}[]}).buttons;
      const connector = el.bot as ReturnType<typeof botpressV12Bot>;
      const context = {session: el.session, messages: el.messages, signal: new AbortController().signal};
      await connector.respond(
        {text: postback.label, payload: postback.payload as never, origin: 'choice'},
        context
      );
      const messages = await bot.requested('messages', 2);
      expect(messages[1].body.payload).to.deep.equal({type: 'postback', payload: 'ADD_TO_CART_PANAMA'});
      await waitForBot(el, 2);
      expect(transcriptTexts(el).at(-1)).to.equal('Postback received: ADD_TO_CART_PANAMA');
      await connector.respond({text: say.label, payload: say.payload as never, origin: 'choice'}, context);
      const [event] = await bot.requested('events');
      expect(event.body.payload).to.deep.equal({type: 'say_something', text: 'Tell me about Panama'});
      await waitForBot(el, 3);
      expect(transcriptTexts(el).at(-1)).to.equal('You said: “Tell me about Panama”');
    });
  });

  it('a page event goes to /events as v12 sendEvent sends it; the hook speaks first only in a new conversation', async () => {
    const storageKey = uniqueKey();
    const el = await talking(bot, {}, storageKey);
    const event = {type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}};
    await el.sendEvent(event);
    const [sent] = await bot.requested('events');
    expect(sent.body.payload).to.deep.equal({type: 'proactive-trigger', payload: event});
    await waitForBot(el, 1);
    expect(transcriptTexts(el)).to.deep.equal(["I'm so proactive!"]);

    // The page again (same tab, same stored session): the same conversation, and the hook stays quiet.
    el.remove();
    const again = await talking(bot, {}, storageKey);
    await waitUntil(async () => (await bot.requests('conversations/get')).length > 0);
    await again.sendEvent(event);
    await bot.requested('events', 2);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(transcriptTexts(again)).to.deep.equal(["I'm so proactive!"]);
    expect((await bot.requests('conversations/new')).length).to.equal(1);
    const {conversations} = await bot.state();
    expect(conversations).to.have.length(1);
    expect((await bot.requests('events'))[1].body.conversationId).to.equal(conversations[0].id);
  });

  it('reset() starts a new Botpress conversation', async () => {
    const el = await talking(bot);
    await el.sendMessage('hello');
    await waitForBot(el, 1);
    el.reset();
    await bot.requested('conversations/new', 2);
    await el.sendMessage('again');
    const messages = await bot.requested('messages', 2);
    expect(messages[0].body.conversationId).not.to.equal(messages[1].body.conversationId);
    await waitForBot(el, 1);
    expect(transcriptTexts(el)).to.deep.equal(['again', 'You said: “again”']);
  });

  describe('a dropped socket', () => {
    it('reconnects with a new socket id that keeps working; what the bot said meanwhile shows once', async () => {
      const el = await talking(bot);
      await el.sendMessage('first');
      await waitForBot(el, 1);
      const [oldSocket] = await bot.drop();
      // Said while the visitor's socket is down: the server keeps it; the widget reads it after reconnecting.
      await bot.say({type: 'text', text: 'While you were away'});
      await waitForBot(el, 2, 'the message said during the drop');
      await el.sendMessage('second');
      const messages = await bot.requested('messages', 2);
      expect(messages[1].body.webSessionId).not.to.equal(oldSocket);
      await waitForBot(el, 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(transcriptTexts(el)).to.deep.equal([
        'first',
        'You said: “first”',
        'While you were away',
        'second',
        'You said: “second”',
      ]);
      expect(await bot.visitorPayloads()).to.deep.equal([
        {type: 'text', text: 'first'},
        {type: 'text', text: 'second'},
      ]);
    });

    it('a webSessionId the server no longer knows ("session id is invalid"): a new socket, and the message goes once', async () => {
      const el = await talking(bot);
      const [forgotten] = await bot.forget();
      await el.sendMessage('still there?');
      // Refused with the old id, then sent with the new socket's.
      const messages = await bot.requested('messages', 2);
      expect(messages[0].body.webSessionId).to.equal(forgotten);
      expect(messages[1].body.webSessionId).to.be.a('string').and.not.equal(forgotten);
      await waitForBot(el, 1);
      expect(el.messages[0].status).to.equal(undefined);
      expect(await bot.visitorPayloads()).to.deep.equal([{type: 'text', text: 'still there?'}]);
    });

    it('shows "Reconnecting…" while the socket is down', async () => {
      const el = await talking(bot, {transports: ['websocket']});
      await el.show();
      const statuses: string[] = [];
      const record = () => statuses.push(part(el, 'status').textContent ?? '');
      const observer = new MutationObserver(record);
      observer.observe(part(el, 'status'), {childList: true, characterData: true, subtree: true});
      await bot.drop();
      await waitUntil(() => statuses.includes('Reconnecting…'), 'never showed Reconnecting…');
      // Socket.IO waits 0.5 to 1.5 s before it reconnects.
      await waitUntil(() => part(el, 'status').textContent === '', 'never came back online', {timeout: 5000});
      observer.disconnect();
    });
  });

  it('duplicate echoes and duplicate bot messages are shown once', async () => {
    await bot.knobs({duplicateEcho: true});
    const el = await talking(bot);
    await el.sendMessage('twice?');
    await waitForBot(el, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(transcriptTexts(el)).to.deep.equal(['twice?', 'You said: “twice?”']);
  });

  describe('failures', () => {
    it('429 with Retry-After, then success: sent once, shown once', async () => {
      await bot.knobs({status: 429, retryAfter: 0, failTimes: 1});
      const el = await talking(bot);
      await el.sendMessage('busy?');
      await bot.requested('messages', 2);
      await waitForBot(el, 1);
      expect(await bot.visitorPayloads()).to.deep.equal([{type: 'text', text: 'busy?'}]);
      expect(el.messages[0].status).to.equal(undefined);
    });

    it("a 500 that lasts: the message is marked not delivered, with Botpress's error message; Retry sends it", async () => {
      await bot.knobs({status: 500, failTimes: 3});
      const el = await talking(bot, {retries: 2});
      const errors = reportedErrors(el);
      await el.sendMessage('broken?');
      await waitUntil(() => el.messages[0]?.status === 'failed', 'the message was never marked failed', {
        timeout: 5000,
      });
      expect(errors.messages().join()).to.match(
        /messages failed: 500 \(Internal server error\) after 3 tries/
      );
      await el.show();
      await el.updateComplete;
      part(el, 'transcript').querySelector<HTMLButtonElement>('.failed button')!.click();
      await waitForBot(el, 1);
      expect(await bot.visitorPayloads()).to.deep.equal([{type: 'text', text: 'broken?'}]);
    });

    it('a request processed but never answered is not sent twice', async () => {
      await bot.knobs({hangupTimes: 1});
      const el = await talking(bot, {timeout: 500});
      await el.sendMessage('lost answer');
      await waitForBot(el, 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await bot.visitorPayloads()).to.deep.equal([{type: 'text', text: 'lost answer'}]);
      expect(el.messages[0].status).to.equal(undefined);
      expect(transcriptTexts(el)).to.deep.equal(['lost answer', 'You said: “lost answer”']);
    });

    it('a slow server: the visitor sees the typing indicator until the answer', async () => {
      await bot.knobs({delay: 400, replyDelay: 200});
      const el = await talking(bot);
      const sending = el.sendMessage('slow?');
      await waitUntil(() => typing(el));
      await sending;
      await waitForBot(el, 1);
      expect(transcriptTexts(el)).to.deep.equal(['slow?', 'You said: “slow?”']);
    });

    it('text longer than the bot accepts (botInfo maxMessageLength) fails before it is sent', async () => {
      const el = await talking(bot);
      const errors = reportedErrors(el);
      await el.sendMessage('x'.repeat(361));
      await waitUntil(() => el.messages[0]?.status === 'failed');
      expect(errors.messages().join()).to.contain('up to 360 characters');
      expect(await bot.requests('messages')).to.have.length(0);
    });

    it('a payload the widget cannot show is reported; the messages around it stay', async () => {
      const el = await talking(bot);
      const errors = reportedErrors(el);
      await bot.say(
        {type: 'text', text: 'before'},
        {type: 'custom', module: 'x', component: 'Secret'},
        {type: 'text', text: 'after'}
      );
      await waitForBot(el, 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(transcriptTexts(el)).to.deep.equal(['before', 'after']);
      expect(errors.messages()).to.deep.equal([
        'bot: a Botpress "custom" payload ("Secret") without a wrapped payload cannot be shown',
      ]);
    });
  });

  it('feedback goes to /saveFeedback as the webchat thumbs send it', async () => {
    const el = await talking(bot);
    await el.sendMessage('rate me');
    await waitForBot(el, 1);
    await (el.bot as ReturnType<typeof botpressV12Bot>).feedback!(bots(el)[0], 'down');
    const [saved] = await bot.requested('saveFeedback');
    expect(saved.body).to.include({
      messageId: bots(el)[0].id,
      target: sessionStorage.getItem('bp/socket/user'),
      feedback: -1,
    });
  });

  it('keeps the visitor id v12 keeps, and a custom userId of 24 characters or more', async () => {
    const el = await talking(bot);
    const visitorId = sessionStorage.getItem('bp/socket/user');
    expect(visitorId).to.match(/^[\w-]{24}$/);
    expect((await bot.state()).visitors).to.deep.equal([visitorId]);
    el.remove();
    const other = mockBot();
    const userId = 'a-visitor-id-of-my-own-000001';
    await talking(other, {userId, userIdScope: 'shop'});
    expect((await other.state()).visitors).to.deep.equal([userId]);
    expect(sessionStorage.getItem('bp/socket/shop/user')).to.equal(userId);
    await other.reset();
  });

  it('throws a TypeError naming the option at fault', () => {
    expect(() => botpressV12Bot({host: 'https://x.example', botId: ''})).to.throw(
      TypeError,
      'botpressV12Bot(): botId must be a non-empty string, got ""'
    );
    expect(() => botpressV12Bot({host: 42 as never, botId: 'b'})).to.throw(
      TypeError,
      'botpressV12Bot(): host must be a string, got number'
    );
    expect(() => botpressV12Bot({host: 'javascript:alert(1)', botId: 'b'})).to.throw(
      TypeError,
      'botpressV12Bot(): host must be an http(s) URL'
    );
    expect(() => botpressV12Bot({host: '', botId: 'b', retries: -1})).to.throw(
      TypeError,
      'botpressV12Bot(): retries must be a number of 0 or more, got number'
    );
    expect(() => botpressV12Bot(null as never)).to.throw(
      TypeError,
      'botpressV12Bot(): options must be an object, got null'
    );
  });
});
