// A local Botpress Cloud Webchat API (the one `webchat.botpress.cloud/{clientId}` serves to
// Botpress's own webchat; the routes and signals of @botpress/webchat-client 0.7.3), for the tests, `npm start`
// (demo/botpress-cloud.html) and the benchmark. Its bot answers by keyword with every payload
// type the Webchat API sends.
//
//   GET    /mock/botpress-cloud/:clientId/initialize[?conversationId=]   SSE: `init`, then live signals
//   GET    /mock/botpress-cloud/:clientId/conversations/:id/listen       SSE: live signals
//   GET    /mock/botpress-cloud/:clientId/conversations/:id/messages     {messages (newest first), meta}
//   GET    /mock/botpress-cloud/:clientId/conversations                  {conversations, meta}
//   POST   /mock/botpress-cloud/:clientId/conversations                  {conversation}
//   POST   /mock/botpress-cloud/:clientId/messages                       {message}; echo, typing, the bot's answer
//   PUT    /mock/botpress-cloud/:clientId/messages/:id/feedback          {value: 'positive' | 'negative'}
//   POST   /mock/botpress-cloud/:clientId/events                         {event}; conversation_started, custom
//   GET    /mock/botpress-cloud/:clientId/users/me                       {user}
//
// Every route but /initialize needs the `x-user-key` /initialize handed out. Errors are
// Botpress's JSON `{id: 'err_…', code, type, message}`. CORS reflects the Origin, with credentials.
//
// Knobs, per client id (so each test has its own), set with POST …/:clientId/mock/knobs {…}:
//   replyDelay: ms      before the bot's typing and answer (slow replies)
//   duplicateEchoes: 1  every message_created signal is sent twice
//   echoFirst: 1        the echo is broadcast before the POST /messages response is written
//   failMessages: n     the next n POST /messages fail with `failStatus` (default 500) and an error body
//   failStatus: n       e.g. 429 (with Retry-After: 1) or 500
//   loseResponses: n    the next n POST /messages are stored and answered, but the connection is cut
//                       halfway through the response (the client cannot know it got through)
//   dropAfter: n        each stream is cut after n signals
//   greeting: 0         no greeting on a new conversation's conversation_started
// Control routes, for tests and the demo:
//   POST …/:clientId/mock/drop          cuts every open stream of the client now
//   POST …/:clientId/mock/forget        deletes the client's conversations (resuming one gets 404)
//   POST …/:clientId/mock/say {payload, conversationId?}   the bot says it (to every conversation)
//   POST …/:clientId/mock/signal {type, data}              broadcasts a signal (custom, webchat_visibility…)
//   GET  …/:clientId/mock/log           the requests seen, the feedback given, the events received

import {randomUUID} from 'node:crypto';

export const MOCK_PATH = '/mock/botpress-cloud';

const HEARTBEAT_MS = 30_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const id = (prefix) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
const now = () => new Date().toISOString();

const ERROR_TYPES = {
  400: 'InvalidPayload',
  401: 'Unauthorized',
  404: 'ResourceNotFound',
  429: 'RateLimited',
  500: 'Internal',
};

/** A picture the mock's payloads point at: same origin, so nothing leaves the machine. */
const asset = (origin, name) => `${origin}${MOCK_PATH}/assets/${name}`;

/** A tiny SVG for image and card payloads. */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#2b5f9e"/><text x="160" y="100" font-size="28" text-anchor="middle" fill="#fff" font-family="sans-serif">Botpress mock</text></svg>`;

/** The bot's payloads for each keyword of the visitor's text. */
export function botPayloads(text, origin) {
  const said = String(text ?? '').trim();
  const word = said.toLowerCase();
  const card = (title, n) => ({
    type: 'card',
    title,
    subtitle: `Card number ${n}`,
    imageUrl: asset(origin, 'picture.svg'),
    actions: [
      {action: 'postback', label: `Pick ${title}`, value: `pick-${n}`},
      {action: 'say', label: `Say ${title}`, value: `say-${n}`},
      {action: 'url', label: 'Botpress', value: 'https://botpress.com/'},
    ],
  });
  const options = [
    {label: 'Red', value: 'colour-red'},
    {label: 'Blue', value: 'colour-blue'},
  ];
  const table = {
    markdown: [{type: 'markdown', markdown: '**Bold**, _italic_ and a [link](https://botpress.com/)'}],
    image: [{type: 'image', imageUrl: asset(origin, 'picture.svg')}],
    audio: [{type: 'audio', audioUrl: asset(origin, 'sound.wav')}],
    video: [{type: 'video', videoUrl: asset(origin, 'clip.mp4')}],
    file: [{type: 'file', fileUrl: asset(origin, 'terms.pdf'), title: 'terms.pdf'}],
    location: [
      {
        type: 'location',
        latitude: 45.5019,
        longitude: -73.5674,
        address: 'Montréal, QC',
        title: 'Botpress HQ',
      },
    ],
    card: [card('Fedora', 1)],
    carousel: [{type: 'carousel', items: [card('Fedora', 1), card('Beanie', 2)]}],
    choice: [{type: 'choice', text: 'Which colour?', options}],
    dropdown: [{type: 'dropdown', text: 'Pick a colour from the list', options}],
    bloc: [
      {
        type: 'bloc',
        items: [
          {type: 'text', payload: {text: 'A bloc: text first,'}},
          {type: 'image', payload: {imageUrl: asset(origin, 'picture.svg')}},
          {type: 'markdown', payload: {markdown: '**then** markdown'}},
        ],
      },
    ],
    help: [
      {
        type: 'text',
        text: 'Say one of: markdown, image, audio, video, file, location, card, carousel, choice, dropdown, bloc, update, delete, custom, hide, config.',
      },
    ],
  };
  if (table[word]) return table[word];
  const colour = /^colour-(\w+)$/.exec(word);
  if (colour) return [{type: 'text', text: `You picked **${colour[1]}**.`}];
  return [{type: 'text', text: `You said: **${said}**\nSay *help* for what I can send.`}];
}

/** A client id's world: its users, conversations and knobs. */
function createClient() {
  return {
    users: new Map(), // userKey → user
    conversations: new Map(), // id → {id, userId, createdAt, messages, started}
    streams: new Set(), // {res, conversationId, sent}
    knobs: {},
    log: {requests: [], feedback: [], events: [], messages: []},
  };
}

const sse = (signal) => `data: ${JSON.stringify(signal)}\n\n`;

export function createBotpressCloudMock() {
  const clients = new Map();
  const client = (clientId) => {
    if (!clients.has(clientId)) clients.set(clientId, createClient());
    return clients.get(clientId);
  };

  function cors(req, res) {
    const origin = req.headers.origin;
    if (!origin) return;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('vary', 'Origin');
  }

  function fail(res, status, message, headers = {}) {
    res.writeHead(status, {'content-type': 'application/json', 'cache-control': 'no-store', ...headers});
    res.end(
      JSON.stringify({
        id: id('err'),
        code: status,
        type: ERROR_TYPES[status] ?? (status >= 500 ? 'Internal' : 'Unknown'),
        message,
      })
    );
  }

  function json(res, status, body) {
    res.writeHead(status, {'content-type': 'application/json', 'cache-control': 'no-store'});
    res.end(JSON.stringify(body));
  }

  async function readJson(req) {
    let text = '';
    for await (const chunk of req) text += chunk;
    return text ? JSON.parse(text) : {};
  }

  /** Sends a signal to the streams of a conversation; `dropAfter` cuts a stream after that many. */
  function broadcast(world, conversationId, signal) {
    const times = world.knobs.duplicateEchoes && signal.type === 'message_created' ? 2 : 1;
    for (const stream of [...world.streams]) {
      if (stream.conversationId !== conversationId) continue;
      for (let i = 0; i < times; i++) stream.res.write(sse(signal));
      stream.sent++;
      if (world.knobs.dropAfter && stream.sent >= world.knobs.dropAfter) stream.res.destroy();
    }
  }

  function openStream(world, req, res, conversationId, first) {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    if (first) res.write(sse(first));
    const stream = {res, conversationId, sent: 0};
    world.streams.add(stream);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      world.streams.delete(stream);
    });
  }

  function addMessage(world, conversation, {payload, userId, metadata}) {
    const message = {
      id: id('msg'),
      createdAt: now(),
      payload,
      userId,
      conversationId: conversation.id,
      ...(metadata ? {metadata} : {}),
    };
    conversation.messages.push(message);
    return message;
  }

  /** The bot types, then says `payloads`, one message each; `update`, `delete` and the signals act after. */
  async function botAnswer(world, conversation, text, origin) {
    await sleep(Number(world.knobs.replyDelay ?? 0));
    broadcast(world, conversation.id, {type: 'typing_started', data: {timeout: 5000}});
    await sleep(Number(world.knobs.replyDelay ?? 30));
    const word = String(text ?? '')
      .trim()
      .toLowerCase();
    if (word === 'custom')
      return broadcast(world, conversation.id, {
        type: 'custom',
        data: {event: {kind: 'confetti', colour: 'gold'}},
      });
    if (word === 'hide' || word === 'show' || word === 'toggle')
      return broadcast(world, conversation.id, {type: 'webchat_visibility', data: {visibility: word}});
    if (word === 'config')
      return broadcast(world, conversation.id, {
        type: 'webchat_config',
        data: {config: {botName: 'Reconfigured'}},
      });
    const payloads =
      word === 'update' || word === 'delete'
        ? [{type: 'text', text: word === 'update' ? 'A first draft' : 'This message will be deleted'}]
        : botPayloads(text, origin);
    for (const payload of payloads) {
      const message = addMessage(world, conversation, {payload, userId: 'bot'});
      broadcast(world, conversation.id, {type: 'message_created', data: message});
    }
    broadcast(world, conversation.id, {type: 'typing_stopped', data: {}});
    const last = conversation.messages.at(-1);
    if (word === 'update') {
      await sleep(50);
      last.payload = {type: 'text', text: 'The final answer'};
      last.updatedAt = now();
      broadcast(world, conversation.id, {type: 'message_updated', data: last});
    } else if (word === 'delete') {
      await sleep(50);
      conversation.messages.splice(conversation.messages.indexOf(last), 1);
      broadcast(world, conversation.id, {
        type: 'message_deleted',
        data: {id: last.id, conversationId: conversation.id, userId: 'bot'},
      });
    }
  }

  function newConversation(world, user) {
    const conversation = {id: id('conv'), userId: user.id, createdAt: now(), messages: [], started: false};
    world.conversations.set(conversation.id, conversation);
    return conversation;
  }

  async function handle(req, res, clientId, route, origin) {
    const world = client(clientId);
    const url = new URL(req.url, 'http://mock');
    world.log.requests.push({
      method: req.method,
      route,
      query: url.search,
      userKey: req.headers['x-user-key'],
    });
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
        'access-control-max-age': '600',
      });
      return void res.end();
    }

    // The mock's own control routes.
    if (route.startsWith('/mock/')) {
      const body = req.method === 'POST' ? await readJson(req) : {};
      switch (route) {
        case '/mock/knobs':
          Object.assign(world.knobs, body);
          return json(res, 200, {knobs: world.knobs});
        case '/mock/drop':
          for (const stream of world.streams) stream.res.destroy();
          return json(res, 200, {dropped: true});
        case '/mock/forget':
          world.conversations.clear();
          return json(res, 200, {forgotten: true});
        case '/mock/say':
          for (const conversation of world.conversations.values())
            if (!body.conversationId || body.conversationId === conversation.id) {
              const message = addMessage(world, conversation, {payload: body.payload, userId: 'bot'});
              broadcast(world, conversation.id, {type: 'message_created', data: message});
            }
          return json(res, 200, {said: true});
        case '/mock/signal':
          for (const conversation of world.conversations.values())
            broadcast(world, conversation.id, {type: body.type, data: body.data});
          return json(res, 200, {sent: true});
        case '/mock/log':
          return json(res, 200, world.log);
        default:
          return fail(res, 404, `no mock route ${route}`);
      }
    }

    const key = req.headers['x-user-key'];
    let user = key ? world.users.get(key) : undefined;
    if (key && !user) return fail(res, 401, 'Invalid user key');

    if (req.method === 'GET' && route === '/initialize') {
      if (!user) {
        user = {id: id('user'), createdAt: now(), updatedAt: now(), userKey: id('key')};
        world.users.set(user.userKey, user);
      }
      const wanted = url.searchParams.get('conversationId');
      const conversation = wanted ? world.conversations.get(wanted) : newConversation(world, user);
      if (!conversation || conversation.userId !== user.id)
        return fail(res, 404, `Conversation ${wanted} not found`);
      return openStream(world, req, res, conversation.id, {
        type: 'init',
        data: {
          conversation: {id: conversation.id, createdAt: conversation.createdAt, updatedAt: now()},
          messages: [...conversation.messages].reverse(),
          participants: [],
          user,
        },
      });
    }
    if (!user) return fail(res, 401, 'The x-user-key header is required');

    const ownConversation = (conversationId) => {
      const conversation = world.conversations.get(conversationId);
      return conversation?.userId === user.id ? conversation : undefined;
    };
    let match;
    if (req.method === 'GET' && route === '/users/me') return json(res, 200, {user});
    if (req.method === 'GET' && route === '/conversations') {
      // Botpress's own webchat lists them for its conversation picker.
      const conversations = [...world.conversations.values()]
        .filter((conversation) => conversation.userId === user.id)
        .map(({id: conversationId, createdAt}) => ({id: conversationId, createdAt, updatedAt: createdAt}));
      return json(res, 200, {conversations, meta: {}});
    }
    if (req.method === 'POST' && route === '/conversations') {
      const conversation = newConversation(world, user);
      return json(res, 201, {conversation: {id: conversation.id, createdAt: conversation.createdAt}});
    }
    if ((match = /^\/conversations\/([^/]+)\/(listen|messages)$/.exec(route)) && req.method === 'GET') {
      const conversation = ownConversation(decodeURIComponent(match[1]));
      if (!conversation) return fail(res, 404, `Conversation ${match[1]} not found`);
      if (match[2] === 'listen') return openStream(world, req, res, conversation.id);
      return json(res, 200, {messages: [...conversation.messages].reverse(), meta: {}});
    }
    if (req.method === 'POST' && route === '/messages') {
      const body = await readJson(req);
      const conversation = ownConversation(body.conversationId);
      if (!conversation) return fail(res, 404, `Conversation ${body.conversationId} not found`);
      if (!body.payload || typeof body.payload.type !== 'string')
        return fail(res, 400, 'payload.type is required');
      if (world.knobs.failMessages > 0) {
        world.knobs.failMessages--;
        const status = Number(world.knobs.failStatus ?? 500);
        return fail(res, status, `mock failure (${status})`, status === 429 ? {'retry-after': '1'} : {});
      }
      const message = addMessage(world, conversation, {
        payload: body.payload,
        userId: user.id,
        metadata: body.metadata,
      });
      world.log.messages.push(message);
      const echo = () => broadcast(world, conversation.id, {type: 'message_created', data: message});
      if (world.knobs.echoFirst) echo();
      if (world.knobs.loseResponses > 0) {
        world.knobs.loseResponses--;
        // Half a response, then the cut: a browser retries a request that got no byte back on its own.
        res.writeHead(200, {'content-type': 'application/json'});
        res.write('{"message":');
        setTimeout(() => res.socket.destroy(), 20);
      } else json(res, 200, {message});
      if (!world.knobs.echoFirst) echo();
      const text = body.payload.value ?? body.payload.text;
      void botAnswer(world, conversation, text, origin);
      return;
    }
    if ((match = /^\/messages\/([^/]+)\/feedback$/.exec(route)) && req.method === 'PUT') {
      const body = await readJson(req);
      const messageId = decodeURIComponent(match[1]);
      const message = [...world.conversations.values()]
        .flatMap((c) => c.messages)
        .find((m) => m.id === messageId);
      if (!message) return fail(res, 404, `Message ${messageId} not found`);
      if (body.value !== 'positive' && body.value !== 'negative')
        return fail(res, 400, 'value must be positive or negative');
      message.feedback = {value: body.value};
      world.log.feedback.push({messageId, value: body.value});
      return json(res, 200, {});
    }
    if (req.method === 'POST' && route === '/events') {
      const body = await readJson(req);
      const conversation = ownConversation(body.conversationId);
      if (!conversation) return fail(res, 404, `Conversation ${body.conversationId} not found`);
      const type = body.payload?.type;
      if (type !== 'custom' && type !== 'conversation_started')
        return fail(res, 400, 'payload.type must be custom or conversation_started');
      world.log.events.push(body.payload);
      const isInitial = type === 'conversation_started' && !conversation.started;
      if (type === 'conversation_started') conversation.started = true;
      const event = {
        id: id('evt'),
        createdAt: now(),
        conversationId: conversation.id,
        userId: user.id,
        payload: {type, data: type === 'conversation_started' ? {status: {isInitial}} : body.payload.data},
      };
      json(res, 200, {event});
      // The bot's "Conversation Started" trigger greets a new conversation; its "Custom Trigger" answers events.
      if (isInitial && world.knobs.greeting !== 0) {
        const message = addMessage(world, conversation, {
          payload: {type: 'text', text: 'Hi! I am the **mock** Botpress Cloud bot. Say *help*.'},
          userId: 'bot',
        });
        broadcast(world, conversation.id, {type: 'message_created', data: message});
      } else if (type === 'custom') {
        const message = addMessage(world, conversation, {
          payload: {type: 'text', text: `Custom event received: ${JSON.stringify(body.payload.data)}`},
          userId: 'bot',
        });
        broadcast(world, conversation.id, {type: 'message_created', data: message});
      }
      return;
    }
    return fail(res, 404, `No route ${req.method} ${route}`);
  }

  return {
    /** Handles a request under MOCK_PATH; false when the path is not the mock's. */
    async handle(req, res) {
      const url = new URL(req.url, 'http://mock');
      if (!url.pathname.startsWith(`${MOCK_PATH}/`)) return false;
      const rest = url.pathname.slice(MOCK_PATH.length + 1);
      const origin = `http://${req.headers.host}`;
      if (rest.startsWith('assets/')) {
        serveAsset(res, rest.slice('assets/'.length));
        return true;
      }
      const slash = rest.indexOf('/');
      const clientId = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
      const route = slash < 0 ? '/' : rest.slice(slash);
      try {
        await handle(req, res, clientId, route, origin);
      } catch (error) {
        if (!res.headersSent) fail(res, 500, String(error));
        else res.destroy();
      }
      return true;
    },
  };
}

/** The media the payloads point at: an SVG picture; the others are tiny stand-ins of their type. */
function serveAsset(res, name) {
  const types = {
    'picture.svg': 'image/svg+xml',
    'sound.wav': 'audio/wav',
    'clip.mp4': 'video/mp4',
    'terms.pdf': 'application/pdf',
  };
  if (!types[name]) {
    res.writeHead(404, {'content-type': 'text/plain'});
    return void res.end('not found');
  }
  res.writeHead(200, {'content-type': types[name], 'cache-control': 'no-store'});
  res.end(name === 'picture.svg' ? SVG : '');
}

/** The mock as middleware for @web/dev-server and @web/test-runner (Koa). */
export function botpressCloudMiddleware() {
  const mock = createBotpressCloudMock();
  return async function botpressCloudMock(context, next) {
    if (!context.path.startsWith(`${MOCK_PATH}/`)) return next();
    // The response is written by hand (SSE streams stay open): Koa must not touch it.
    context.respond = false;
    context.status = 200;
    await mock.handle(context.req, context.res);
  };
}
