// A Botpress v12 server's webchat side (the channel-web module), for the tests,
// `npm start` (demo/botpress.html) and the benchmark. It speaks the real wire:
//
//   Socket.IO (the real `socket.io` server) on /socket.io, namespace /guest:
//     the client connects with ?visitorId=…, joins the room `visitor:{visitorId}`,
//     and its socket id is the `webSessionId` every REST call carries.
//     The server emits `event` {name, data}: guest.webchat.message (every bot
//     message and the echo of every visitor message), guest.webchat.typing
//     {timeInMs, conversationId}, guest.webchat.data (custom data for the page).
//   REST under /api/v1/bots/{botId}/mod/channel-web (bodies carry webSessionId):
//     GET /botInfo; POST /conversations/list|get|new|reset, /messages, /events,
//     /preferences/get, /saveFeedback. Errors are Botpress's: 400 with its JSON
//     error body for an unknown webSessionId ("session id is invalid"), 400 text
//     for an unsupported message type.
//   GET /api/v1/bots/{botId}/media/{file}: the bot's media (a PNG, a text file).
//
// The bot: every visitor text is answered (with typing) by a text saying it
// back, or, when it names a payload type (markdown, image, audio, video, file,
// location, card, carousel, choice, dropdown, data, custom), by a sample of
// that payload as Botpress's content renderer emits it. A quick reply, a
// postback and a "say something" are answered too. Events are recorded, and a
// `proactive-trigger` is caught by the seed's hook (shared/seeds/
// botpress-acting-proactively.md): it speaks first only in a new conversation.
//
// Control, per bot id (what the tests and the demo turn):
//   POST /mock/botpress-v12/{botId}/knobs  {knobs}: replaces the bot's knobs:
//     duplicateEcho: true   every guest.webchat.message is emitted twice
//     status: n, failTimes: n, retryAfter: s, failRoutes: ['messages', …]
//                           the next failTimes requests to those routes (default
//                           messages and events) answer `status` with Botpress's
//                           JSON error body (and Retry-After when given)
//     hangupTimes: n        the next n /messages requests are processed, then never
//                           answered (the client times out, not knowing they arrived)
//     delay: ms             every REST answer waits this long (slow replies)
//     replyDelay: ms        the bot waits this long before answering
//     typingMs: ms          how long the bot says it types (default 500, as v12)
//   POST /mock/botpress-v12/{botId}/drop   closes the transport of every socket of
//                           the bot's visitors (a network drop: the client reconnects,
//                           with a new socket id, so old webSessionIds stop working)
//   POST /mock/botpress-v12/{botId}/forget the server stops knowing the visitors' socket ids
//                           (their webSessionIds fail with "session id is invalid"), sockets open
//   POST /mock/botpress-v12/{botId}/say {payloads: […]}: the bot sends these to
//                           each of its visitors' latest conversation (server push)
//   GET  /mock/botpress-v12/{botId}/log    the requests seen and the conversations
//   POST /mock/botpress-v12/{botId}/reset  forgets the bot's visitors, conversations, log and knobs

import {randomUUID} from 'node:crypto';
import {Server} from 'socket.io';
import {readBody} from './http-chat.mjs';

export const BOT_PATH = /^\/api\/v1\/bots\/([^/]+)\/(mod\/channel-web|media)\/([^?]*)/;
export const CONTROL_PATH = /^\/mock\/botpress-v12\/([^/]+)\/(knobs|drop|forget|say|log|reset)$/;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The message types `POST /messages` accepts (channel-web api.ts SUPPORTED_MESSAGES). */
const SUPPORTED_MESSAGES = [
  'text',
  'quick_reply',
  'form',
  'login_prompt',
  'visit',
  'request_start_conversation',
  'postback',
  'voice',
];
const MAX_MESSAGE_LENGTH = 360;
const DEFAULT_TYPING_DELAY = 500;

/** A 1×1 PNG and a text file: the bot's media. */
const MEDIA = {
  'hat.png': {
    type: 'image/png',
    body: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M/wHwAEBgIApD5fRAAAAABJRU5ErkJggg==',
      'base64'
    ),
  },
  'size-guide.txt': {
    type: 'text/plain; charset=utf-8',
    body: Buffer.from('Hat sizes: S 54 cm, M 56 cm, L 58 cm.\n'),
  },
};

/** The sample payloads, as Botpress v12's content renderer emits them, by the word that asks for them. */
function samplePayloads(botId) {
  const media = (file) => `/api/v1/bots/${botId}/media/${file}`;
  const card = (title, subtitle, value) => ({
    type: 'card',
    title,
    subtitle,
    image: media('hat.png'),
    actions: [
      {action: 'Say something', title: `Tell me about ${title}`, text: `Tell me about ${title}`},
      {action: 'Postback', title: 'Add to cart', payload: `ADD_TO_CART_${value}`},
      {
        action: 'Open URL',
        title: 'Open the page',
        url: `https://shop.example.com/hats/${value.toLowerCase()}`,
      },
    ],
  });
  return {
    markdown: [
      {
        type: 'text',
        markdown: true,
        text: '**Hats** come in _three_ sizes: see the [size guide](https://shop.example.com/sizes).',
        typing: true,
      },
    ],
    image: [{type: 'image', image: media('hat.png'), title: 'The Panama hat', typing: true}],
    audio: [{type: 'audio', audio: 'https://media.example.com/hat-song.mp3', title: 'The hat song'}],
    video: [
      {
        type: 'video',
        video: 'https://media.example.com/how-to-measure.mp4',
        title: 'How to measure your head',
      },
    ],
    file: [{type: 'file', file: media('size-guide.txt'), title: 'Size guide'}],
    location: [
      {
        type: 'location',
        latitude: 45.5017,
        longitude: -73.5673,
        title: 'Hat & Co.',
        address: '1 Hat Street, Montréal',
      },
    ],
    card: [card('Panama', 'Straw, summer', 'PANAMA')],
    carousel: [
      {
        type: 'carousel',
        items: [card('Panama', 'Straw, summer', 'PANAMA'), card('Fedora', 'Felt, all year', 'FEDORA')],
      },
    ],
    choice: [
      {
        type: 'single-choice',
        text: 'Which size do you wear?',
        typing: true,
        choices: [
          {title: 'Small', value: 'size_s'},
          {title: 'Medium', value: 'size_m'},
        ],
      },
    ],
    dropdown: [
      {
        type: 'dropdown',
        message: 'Pick a colour',
        buttonText: 'Choose',
        options: [
          {label: 'Black', value: 'black'},
          {label: 'Sand', value: 'sand'},
        ],
      },
    ],
    data: [{type: 'data', hat: 'panama', size: 'M'}],
    custom: [
      {
        type: 'custom',
        module: 'hat-shop',
        component: 'SizeChart',
        wrapped: {type: 'text', text: 'Here is our size chart.'},
      },
    ],
  };
}

/** Botpress's JSON error body (server.ts handleUnexpectedError). */
const errorBody = (statusCode, message, type = 'Exception') => ({
  statusCode,
  type,
  message,
  details: '',
  docs: 'https://botpress.com/docs',
});

/** CORS as Botpress's default `httpServer.cors` (enabled, any origin) allows it. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,OPTIONS',
  'access-control-allow-headers': 'content-type, externalauth, x-bp-externalauth',
};

function send(res, status, body, headers = {}) {
  const json = typeof body !== 'string';
  res.writeHead(status, {
    ...CORS,
    'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    ...headers,
  });
  res.end(json ? JSON.stringify(body) : body);
}

/**
 * The mock: `handle(req, res)` answers a request when it is one of the mock's
 * (resolving true), `attach(httpServer)` starts the Socket.IO server on it.
 */
export function createBotpressV12Mock() {
  /** Per bot id: its knobs, visitors, conversations and log. */
  const bots = new Map();
  let io;

  const bot = (botId) => {
    if (!bots.has(botId))
      bots.set(botId, {
        knobs: {},
        failures: 0,
        hangups: 0,
        /** visitorId → messaging userId (db.mapVisitor) */
        users: new Map(),
        /** conversation id → {id, userId, createdOn, messages} */
        conversations: new Map(),
        log: [],
      });
    return bots.get(botId);
  };

  const guest = () => io?.of('/guest');

  /** The visitor a live socket id belongs to, from its room, as Botpress's getVisitorIdFromSocketId does. */
  function visitorOf(socketId) {
    if (typeof socketId !== 'string') return undefined;
    const rooms = guest()?.adapter.sids.get(socketId);
    const room = rooms && [...rooms].find((name) => name.startsWith('visitor:'));
    return room?.slice('visitor:'.length);
  }

  function emit(state, visitorId, name, data) {
    const times = name === 'guest.webchat.message' && state.knobs.duplicateEcho ? 2 : 1;
    for (let i = 0; i < times; i++)
      guest()
        ?.to(`visitor:${visitorId}`)
        .emit('event', {name, data: {...data, __room: `visitor:${visitorId}`}});
  }

  function createMessage(conversation, authorId, payload) {
    const message = {
      id: randomUUID(),
      conversationId: conversation.id,
      authorId,
      sentOn: new Date().toISOString(),
      payload,
    };
    conversation.messages.push(message);
    return message;
  }

  function createConversation(state, userId) {
    const conversation = {
      id: randomUUID(),
      clientId: randomUUID(),
      userId,
      createdOn: new Date().toISOString(),
      messages: [],
    };
    state.conversations.set(conversation.id, conversation);
    return conversation;
  }

  const recent = (state, userId) =>
    [...state.conversations.values()]
      .filter((c) => c.userId === userId)
      .sort((a, b) => lastActive(b) - lastActive(a))[0];
  const lastActive = (c) => Date.parse(c.messages.at(-1)?.sentOn ?? c.createdOn);

  /** The bot speaks: typing first when the payload asks (as channel-web's outgoing middleware), then the message. */
  async function botSays(state, visitorId, conversation, payloads) {
    if (state.knobs.replyDelay) await sleep(state.knobs.replyDelay);
    for (const payload of payloads) {
      if (payload.type === 'data') {
        emit(state, visitorId, 'guest.webchat.data', payload);
        continue;
      }
      if (payload.typing === true)
        emit(state, visitorId, 'guest.webchat.typing', {
          timeInMs: state.knobs.typingMs ?? DEFAULT_TYPING_DELAY,
          conversationId: conversation.id,
        });
      emit(state, visitorId, 'guest.webchat.message', createMessage(conversation, undefined, payload));
    }
  }

  /** What the bot answers a visitor's payload with. */
  function answer(botId, payload) {
    if (payload.type === 'quick_reply')
      return [{type: 'text', text: `You chose ${payload.payload}.`, typing: true}];
    if (payload.type === 'postback')
      return [{type: 'text', text: `Postback received: ${payload.payload}`, typing: true}];
    const text = String(payload.text ?? '');
    const samples = samplePayloads(botId);
    const asked = Object.keys(samples).find((word) => new RegExp(`\\b${word}\\b`, 'i').test(text));
    return asked ? samples[asked] : [{type: 'text', text: `You said: “${text}”`, typing: true}];
  }

  async function handleRest(req, res, botId, route, state) {
    if (req.method === 'OPTIONS') return send(res, 204, '');
    if (route === 'botInfo' && req.method === 'GET')
      return send(res, 200, {
        showBotInfoPage: false,
        name: 'Hat & Co. (mock)',
        description: 'A mock Botpress v12 bot',
        details: {},
        languages: ['en'],
        security: {escapeHTML: true},
        lazySocket: false,
        maxMessageLength: MAX_MESSAGE_LENGTH,
        alwaysScrollDownOnMessages: false,
      });
    if (req.method !== 'POST') return send(res, 404, errorBody(404, 'Not found', 'NotFoundError'));
    const body = await readBody(req);
    state.log.push({route, body});
    if (state.knobs.delay) await sleep(state.knobs.delay);
    const {knobs} = state;
    if (
      knobs.status &&
      (knobs.failRoutes ?? ['messages', 'events']).includes(route) &&
      state.failures < (knobs.failTimes ?? Infinity)
    ) {
      state.failures++;
      const headers = knobs.retryAfter !== undefined ? {'retry-after': String(knobs.retryAfter)} : {};
      return send(
        res,
        knobs.status,
        errorBody(knobs.status, knobs.status === 429 ? 'Too many requests' : 'Internal server error'),
        headers
      );
    }
    if (route === 'saveFeedback') {
      if (!body.target || !body.messageId || !body.feedback) return send(res, 400, 'Missing required fields');
      return send(res, 200, 'OK');
    }
    // assertUserInfo: no REST call works without a live socket.
    const visitorId = visitorOf(body.webSessionId);
    if (!visitorId) return send(res, 400, errorBody(400, 'session id is invalid'));
    if (!state.users.has(visitorId)) state.users.set(visitorId, randomUUID());
    const userId = state.users.get(visitorId);
    let conversation;
    if (body.conversationId) {
      conversation = state.conversations.get(body.conversationId);
      if (!conversation || conversation.userId !== userId)
        return send(res, 400, errorBody(400, "The conversation ID doesn't belong to that user"));
    }
    switch (route) {
      case 'conversations/list':
        return send(res, 200, {
          conversations: [...state.conversations.values()]
            .filter((c) => c.userId === userId)
            .sort((a, b) => lastActive(b) - lastActive(a))
            .map(({messages, ...c}) => ({...c, lastMessage: messages.at(-1)})),
          startNewConvoOnTimeout: false,
          recentConversationLifetime: '6 hours',
        });
      case 'conversations/new':
        return send(res, 200, {convoId: createConversation(state, userId).id});
      case 'conversations/get': {
        if (!conversation)
          return send(res, 400, errorBody(400, '`conversationId` is required and must be valid'));
        const messages = conversation.messages
          .filter(({payload}) => payload.type !== 'visit' && (payload.type !== 'text' || payload.text))
          .reverse();
        return send(res, 200, {...conversation, messages});
      }
      case 'conversations/reset':
        if (!conversation)
          return send(res, 400, errorBody(400, '`conversationId` is required and must be valid'));
        emit(
          state,
          visitorId,
          'guest.webchat.message',
          createMessage(conversation, userId, {type: 'session_reset', text: 'Reset the conversation'})
        );
        return send(res, 200, 'OK');
      case 'preferences/get':
        return send(res, 200, {language: 'en'});
      case 'messages': {
        const payload = body.payload ?? {};
        if (!SUPPORTED_MESSAGES.includes(payload.type))
          return send(res, 400, '`type` is required and must be valid');
        if (
          payload.type !== 'postback' &&
          (typeof payload.text !== 'string' || !payload.text || payload.text.length > MAX_MESSAGE_LENGTH)
        )
          return send(
            res,
            400,
            errorBody(400, `Text must be a valid string of less than ${MAX_MESSAGE_LENGTH} chars`, 'Error')
          );
        conversation ??= recent(state, userId) ?? createConversation(state, userId);
        emit(state, visitorId, 'guest.webchat.message', createMessage(conversation, userId, payload));
        if (payload.type !== 'visit') void botSays(state, visitorId, conversation, answer(botId, payload));
        if (state.hangups < (knobs.hangupTimes ?? 0)) {
          state.hangups++;
          // Processed, and the answer never comes: the client gives up, not knowing the message arrived.
          return new Promise((resolve) => req.on('close', resolve));
        }
        return send(res, 200, 'OK');
      }
      case 'events': {
        const payload = body.payload ?? {};
        conversation ??= recent(state, userId) ?? createConversation(state, userId);
        state.log.at(-1).event = {type: payload.type, payload, threadId: conversation.id};
        // The seed's before_incoming_middleware hook: speak first only when the session is new.
        if (payload.type === 'proactive-trigger' && !conversation.messages.length)
          void botSays(state, visitorId, conversation, [
            {type: 'text', text: "I'm so proactive!", typing: true},
          ]);
        if (payload.type === 'say_something')
          void botSays(state, visitorId, conversation, answer(botId, payload));
        return send(res, 200, 'OK');
      }
      default:
        return send(res, 404, errorBody(404, `Cannot POST ${route}`, 'NotFoundError'));
    }
  }

  async function handleControl(req, res, botId, action) {
    const state = bot(botId);
    const body = req.method === 'POST' ? await readBody(req) : {};
    const sockets = () =>
      [...state.users.keys()].flatMap((visitorId) => [
        ...(guest()?.adapter.rooms.get(`visitor:${visitorId}`) ?? []),
      ]);
    switch (action) {
      case 'knobs':
        state.knobs = body;
        state.failures = 0;
        state.hangups = 0;
        return send(res, 200, {knobs: state.knobs});
      case 'drop': {
        const ids = sockets();
        for (const id of ids) guest()?.sockets.get(id)?.conn.close();
        return send(res, 200, {dropped: ids});
      }
      case 'forget': {
        // The server no longer maps these sockets to their visitor (a restart, another node):
        // their ids fail as webSessionId although the sockets stay open.
        const ids = sockets();
        for (const id of ids)
          for (const visitorId of state.users.keys()) guest()?.sockets.get(id)?.leave(`visitor:${visitorId}`);
        return send(res, 200, {forgotten: ids});
      }
      case 'say':
        for (const [visitorId, userId] of state.users) {
          const conversation = recent(state, userId);
          if (conversation) await botSays(state, visitorId, conversation, body.payloads ?? []);
        }
        return send(res, 200, {said: body.payloads ?? []});
      case 'log':
        return send(res, 200, {
          log: state.log,
          conversations: [...state.conversations.values()],
          visitors: [...state.users.keys()],
          sockets: sockets(),
        });
      default:
        bots.delete(botId);
        return send(res, 200, {reset: botId});
    }
  }

  return {
    /** Answers the request if it is the mock's; resolves whether it was. */
    async handle(req, res) {
      const path = new URL(req.url, 'http://mock').pathname;
      const control = CONTROL_PATH.exec(path);
      if (control) {
        await handleControl(req, res, decodeURIComponent(control[1]), control[2]);
        return true;
      }
      const match = BOT_PATH.exec(path);
      if (!match) return false;
      const [, botId, area, route] = match;
      if (area === 'media') {
        const file = MEDIA[route];
        if (!file) send(res, 404, errorBody(404, 'Not found', 'NotFoundError'));
        else {
          res.writeHead(200, {...CORS, 'content-type': file.type});
          res.end(file.body);
        }
        return true;
      }
      await handleRest(req, res, decodeURIComponent(botId), route, bot(decodeURIComponent(botId)));
      return true;
    },

    /** Starts the Socket.IO server (as Botpress's realtime service configures it) on `httpServer`. */
    attach(httpServer) {
      io = new Server(httpServer, {
        path: '/socket.io',
        serveClient: false,
        allowEIO3: true,
        transports: ['websocket', 'polling'],
        cors: {origin: '*'},
        // Other upgrades on this server (the dev server's own web socket) are not ours to close.
        destroyUpgrade: false,
      });
      guest().on('connection', (socket) => {
        const visitorId = socket.handshake.query.visitorId;
        if (typeof visitorId === 'string' && visitorId) socket.join(`visitor:${visitorId}`);
      });
      return io;
    },

    close() {
      io?.close();
    },
  };
}

/**
 * The mock for @web/dev-server and @web/test-runner: `middleware` answers the
 * REST routes, `plugin` starts the Socket.IO server on the dev server's HTTP
 * server when it starts.
 */
export function botpressV12Mock() {
  const mock = createBotpressV12Mock();
  return {
    async middleware(context, next) {
      if (!BOT_PATH.test(context.path) && !CONTROL_PATH.test(context.path)) return next();
      // The mock writes the raw response itself: Koa keeps out.
      context.respond = false;
      context.status = 200;
      await mock.handle(context.req, context.res);
    },
    plugin: {
      name: 'botpress-v12-mock',
      serverStart({server}) {
        mock.attach(server);
      },
      // The connector's Socket.IO client, served to the browser: socket.io-parser's `development`
      // build imports `debug`, a CommonJS module a browser cannot import, so its plain ESM build.
      resolveImport({source}) {
        if (source === 'socket.io-parser') return '/node_modules/socket.io-parser/build/esm/index.js';
      },
      serverStop() {
        mock.close();
      },
    },
  };
}
