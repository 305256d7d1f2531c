// A local Voiceflow runtime for the tests, `npm start` (demo/voiceflow.html) and
// the benchmark, faithful to the public routes Voiceflow's web chat calls
// (shared/reference/backends.md §1.2, §1.8): the same paths, the body schema
// (only `action` and `config`), the `versionID` header, `{trace: […]}` answers,
// a 401 for a private project, and CORS for any origin. Never a real agent: its
// traces are scripted by the action, one of each type the widget draws.
//
//   POST /mock/voiceflow/public/:projectID/state/user/:userID/interact   {action, config?}
//   POST /mock/voiceflow/v2/public/project/:projectID/user/:userID/interact/stream?completion_events=true[&environment=…]
//        {action}  → text/event-stream: `event: trace` frames, then `event: end` (§1.5)
//   GET  /mock/voiceflow/public/:projectID/publishing                    → {}
//   POST /mock/voiceflow/public/:projectID/transcripts                   → {}
//   POST /mock/voiceflow/feedback/:projectID/user/:userID                → {}
//   POST /mock/voiceflow/knobs   {projectID, status?, failTimes?, retryAfter?, delay?}   sets a project's failures
//   GET  /mock/voiceflow/log?projectID=…                                 the requests seen, oldest first
//
// Knobs (per project, through /knobs): `status` answers every request with that
// status (401 as a private project; with `failTimes`, only that many times);
// `retryAfter` adds the header; `delay` waits that many ms before answering.
// On the stream route only: `chunks` splits each completion's text into that many
// content traces; `chunkDelay` waits that many ms before each frame; `bell` puts a
// raw \u0007 (unescaped, as the runtime sometimes does) into every string; `drop`
// closes the connection before `end` (with `dropAfter: n`, after n trace frames).
// Without `completion_events=true`, a completion arrives as one text trace.
//
// Scripts, by the action's type: `launch` → a rich text and a choice of buttons;
// `path-*` (a button) → that button's traces; `text` → a keyword's traces
// (see TEXT_SCRIPTS) or an echo; `intent`, `event` and `no-reply` → a line each.

import {mountedAt} from './http-chat.mjs';

export const VOICEFLOW_MOCK_PATH = '/mock/voiceflow';

const STATUS_TEXT = {400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable'};

/** The keys the runtime's ajv schema allows (`additionalProperties: false`). */
const BODY_KEYS = ['action', 'config'];
/** The fields that carry what a trace says (where the `bell` knob puts its \u0007). */
const SAID = new Set(['content', 'completion', 'message', 'text']);

/** The stream route's body (the public widget sends only `action`). */
const STREAM_BODY_KEYS = ['action', 'variables', 'config'];
const CONFIG_KEYS = ['tts', 'stopAll', 'stripSSML', 'stopTypes', 'selfDelegate', 'excludeTypes'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A text trace as the runtime sends it: Slate content and its plain `message`. */
const text = (children, {delay} = {}) => ({
  type: 'text',
  payload: {
    slate: {id: 'slate', content: [{children}]},
    message: children.map((child) => child.text ?? child.children?.map((c) => c.text).join('') ?? '').join(''),
    ...(delay ? {delay} : {}),
  },
});
const plain = (words) => text([{text: words}]);
const button = (name, request) => ({name, request});
const path = (id, label) => ({type: `path-${id}`, payload: {label}});

/** What `launch` answers: rich text with every mark, and the buttons that lead to every trace type. */
const LAUNCH = [
  {
    type: 'text',
    payload: {
      slate: {
        id: 'welcome',
        content: [
          {children: [{text: 'Welcome to '}, {text: 'Hat & Co.', fontWeight: '700'}, {text: '! I am '}, {text: 'Ava', italic: true}, {text: '.'}]},
          {children: [{text: ''}]},
          {
            children: [
              {text: 'Prices are '},
              {text: 'final', underline: true},
              {text: ', '},
              {text: 'old offers', strikeThrough: true},
              {text: ' are gone; see '},
              {type: 'link', url: 'https://example.com/hats', children: [{text: 'our hats'}]},
              {text: '.'},
            ],
          },
        ],
      },
      message: 'Welcome to Hat & Co.! I am Ava.\n\nPrices are final, old offers are gone; see our hats.',
    },
  },
  {
    type: 'choice',
    payload: {
      buttons: [
        button('Show hats', path('cards', 'Show hats')),
        button('Photo', path('image', 'Photo')),
        button('Order form', path('custom', 'Order form')),
        button('Account', {type: 'intent', payload: {intent: {name: 'account_services'}, query: '', entities: [], label: 'Account'}}),
        button('Visit shop', {type: 'path-visit', payload: {label: 'Visit shop', actions: [{type: 'open_url', payload: {url: 'https://example.com/shop'}}]}}),
      ],
    },
  },
];

const CARDS = [
  {
    type: 'cardV2',
    payload: {
      title: 'Rust Fedora',
      description: {text: 'Wool felt, $79'},
      imageUrl: 'https://picsum.photos/seed/fedora/320/200',
      buttons: [button('Buy the fedora', path('buy', 'Buy the fedora'))],
    },
  },
  {
    type: 'carousel',
    payload: {
      layout: 'Carousel',
      cards: [
        {id: '1', title: 'Midnight Beanie', description: {text: 'Merino, $29'}, imageUrl: 'https://picsum.photos/seed/beanie/320/200', buttons: [button('Buy the beanie', path('buy', 'Buy the beanie'))]},
        {id: '2', title: 'Trail Cap', description: {text: 'Cotton, $19'}, imageUrl: 'https://picsum.photos/seed/cap/320/200', buttons: []},
        // Invalid: nothing to show. Voiceflow's widget drops it.
        {id: '3', title: '', description: {text: ''}, imageUrl: '', buttons: []},
      ],
    },
  },
];

const PATHS = {
  cards: () => CARDS,
  image: () => [{type: 'visual', payload: {visualType: 'image', image: 'https://picsum.photos/seed/hat/400/300', dimensions: {width: 400, height: 300}, canvasVisibility: 'full'}}],
  custom: () => [{type: 'order-form', payload: {product: 'Rust Fedora', sizes: ['S', 'M', 'L']}, defaultPath: 0, paths: [{event: {type: 'order-submitted'}}]}],
  buy: (label) => [plain(`Added to your cart: ${label.replace(/^Buy the /, '')}.`)],
  visit: () => [plain('The shop opened in a new tab.')],
};

/** Typed keywords and what they answer. */
const TEXT_SCRIPTS = {
  end: () => [plain('Goodbye! Thanks for chatting.'), {type: 'end'}],
  noreply: () => [plain('Take your time. I will ask again in a second.'), {type: 'no-reply', payload: {timeout: 1}}],
  cards: () => CARDS,
  image: () => PATHS.image(),
  custom: () => PATHS.custom(),
  delay: () => [plain('One moment…'), text([{text: 'Found it after a pause.'}], {delay: 600})],
  plain: () => [{type: 'text', payload: {message: 'A text trace with **no** slate.'}}],
  completion: () => [
    {type: 'completion', payload: {state: 'start'}},
    ...['Our hats are ', 'made in small ', 'batches, by hand.'].map((content) => ({type: 'completion', payload: {state: 'content', content}})),
    {type: 'completion', payload: {state: 'end'}},
  ],
  legacy: () => [
    {type: 'completion-start', payload: {}},
    ...['Streamed the ', 'older way.'].map((completion) => ({type: 'completion-continue', payload: {completion}})),
    {type: 'completion-end', payload: {}},
  ],
  // Whole traces around a streamed completion, as a Response AI step between Message steps gives them.
  mixed: () => [
    plain('Let me look that up.'),
    {type: 'completion', payload: {state: 'start'}},
    ...['The Rust Fedora ', 'comes in three sizes.'].map((content) => ({type: 'completion', payload: {state: 'content', content}})),
    {type: 'completion', payload: {state: 'end'}},
    {type: 'choice', payload: {buttons: [button('Show hats', path('cards', 'Show hats'))]}},
  ],
  unknown: () => [{type: 'debug', payload: {message: 'matched nothing'}}, {type: 'path', payload: {path: 'x'}}, {type: 'knowledgeBase', payload: {}}, plain('Only this line is for you.')],
  markup: () => [text([{text: '*not emphasis* <b>not bold</b> [not a link](javascript:alert(1))'}])],
};

function script(action, state) {
  switch (action.type) {
    case 'launch':
      state.launched = true;
      return LAUNCH;
    case 'text': {
      const said = String(action.payload ?? '');
      const keyword = said.trim().toLowerCase();
      return TEXT_SCRIPTS[keyword]?.() ?? [text([{text: 'You said: '}, {text: said, fontWeight: '700'}])];
    }
    case 'intent':
      return [plain(`Intent: ${action.payload?.intent?.name ?? 'unknown'}. Your account: orders, returns and addresses.`)];
    case 'event':
      return [plain(`Event: ${action.payload?.event?.name ?? 'unknown'}.`)];
    case 'no-reply':
      return [plain('Are you still there?')];
    default: {
      const id = /^path-(.+)$/.exec(action.type)?.[1];
      const run = id && PATHS[id];
      if (run) return run(String(action.payload?.label ?? ''));
      return [plain(`Request "${action.type}" went down its path.`)];
    }
  }
}

/** The text a run of completion traces says, in either format. */
const completionText = (traces) =>
  traces.map((trace) => trace.payload?.content ?? trace.payload?.completion ?? '').join('');

/** Splits `text` into `count` pieces of about the same length (not at word boundaries, as the runtime's are not). */
function split(text, count) {
  const size = Math.ceil(text.length / count) || 1;
  return Array.from({length: Math.min(count, text.length)}, (_, index) => text.slice(index * size, (index + 1) * size));
}

/**
 * The traces as the stream sends them: each completion re-cut into `chunks`
 * content traces when asked, or, without completion events, joined into one text trace.
 */
function streamed(traces, {completionEvents, chunks}) {
  const out = [];
  let run;
  for (const trace of traces) {
    const legacy = trace.type.startsWith('completion-');
    const state = legacy ? trace.type.slice('completion-'.length) : trace.type === 'completion' ? trace.payload?.state : undefined;
    if (!state) {
      out.push(trace);
      continue;
    }
    if (state === 'start') run = [];
    else if (state === 'content' || state === 'continue') run?.push(trace);
    else if (state === 'end' && run) {
      const said = completionText(run);
      if (!completionEvents) out.push(plain(said));
      else {
        const pieces = chunks ? split(said, chunks) : run.map((item) => item.payload?.content ?? item.payload?.completion ?? '');
        const piece = legacy
          ? (completion) => ({type: 'completion-continue', payload: {completion}})
          : (content) => ({type: 'completion', payload: {state: 'content', content}});
        out.push(
          legacy ? {type: 'completion-start', payload: {}} : {type: 'completion', payload: {state: 'start'}},
          ...pieces.map(piece),
          legacy ? {type: 'completion-end', payload: {}} : {type: 'completion', payload: {state: 'end'}}
        );
      }
      run = undefined;
    }
  }
  return out;
}

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : undefined;
}

/** The mock's request handler: (req, res) → Promise, for any Node HTTP server. */
export function createVoiceflowMock() {
  const log = [];
  /** Per project: {status, failTimes, retryAfter, delay, failed}. */
  const knobs = new Map();
  /** Per project and user: the conversation's state. */
  const states = new Map();

  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, versionID, authorization',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  };
  const send = (res, status, body) => {
    res.writeHead(status, STATUS_TEXT[status] ?? (status < 300 ? 'OK' : 'Error'), {'content-type': 'application/json', 'cache-control': 'no-store', ...cors});
    res.end(JSON.stringify(body));
  };

  /** The knob's failure for this request, if any. */
  function failure(projectID) {
    const knob = knobs.get(projectID);
    if (!knob?.status) return undefined;
    if (knob.failTimes !== undefined && knob.failed >= knob.failTimes) return undefined;
    knob.failed++;
    return knob;
  }

  return async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const route = url.pathname.slice(VOICEFLOW_MOCK_PATH.length);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    if (req.method === 'GET' && route === '/log') {
      const projectID = url.searchParams.get('projectID');
      const requests = log.filter((entry) => !projectID || entry.projectID === projectID);
      return send(res, 200, {requests, count: requests.length});
    }
    let body;
    try {
      body = req.method === 'POST' ? await readJson(req) : undefined;
    } catch {
      return send(res, 400, {message: 'the body is not JSON'});
    }
    if (req.method === 'POST' && route === '/knobs') {
      knobs.set(body.projectID, {...body, failed: 0});
      return send(res, 200, {});
    }
    const streamRoute = /^\/v2\/public\/project\/([^/]+)\/user\/([^/]+)\/interact\/stream$/.exec(route);
    const match =
      streamRoute ??
      /^\/public\/([^/]+)\/state\/user\/([^/]+)\/interact$/.exec(route) ??
      /^\/public\/([^/]+)\/(publishing|transcripts)$/.exec(route) ??
      /^\/feedback\/([^/]+)\/user\/([^/]+)$/.exec(route);
    if (!match) return send(res, 404, {message: `no ${req.method} ${url.pathname} here`});
    const [, projectID, second] = match.map((part) => part && decodeURIComponent(part));
    // The stream route takes the version as `?environment=`, the others as a header.
    const versionID = streamRoute ? (url.searchParams.get('environment') ?? undefined) : req.headers.versionid;
    const entry = {projectID, method: req.method, route, versionID, body, time: Date.now()};
    log.push(entry);
    const knob = failure(projectID);
    const delay = knobs.get(projectID)?.delay;
    if (delay) await sleep(delay);
    if (knob) {
      entry.status = knob.status;
      if (knob.retryAfter !== undefined) res.setHeader('retry-after', String(knob.retryAfter));
      return send(res, knob.status, {message: knob.status === 401 ? 'no access to project' : `mock failure ${knob.failed}`});
    }
    // `production`, `development` or a version id (a Mongo ObjectId), as the runtime resolves them.
    if (versionID !== undefined && !/^(production|development|[0-9a-f]{24})$/.test(versionID)) {
      entry.status = 404;
      return send(res, 404, {message: `version ${versionID} not found`});
    }
    entry.status = 200;
    if (route.endsWith('/publishing')) return send(res, 200, {});
    if (route.endsWith('/transcripts') || route.startsWith('/feedback/')) return send(res, 200, {});
    if (streamRoute) return stream(res, {projectID, userID: second, body, url, entry});
    // The interact route's schema.
    const bad =
      !body || typeof body !== 'object' || Array.isArray(body)
        ? 'the body must be an object'
        : Object.keys(body).find((key) => !BODY_KEYS.includes(key))
          ? `body/${Object.keys(body).find((key) => !BODY_KEYS.includes(key))} is not allowed (additionalProperties)`
          : body.action !== undefined && (typeof body.action !== 'object' || typeof body.action?.type !== 'string')
            ? 'body/action must be an object with a string type'
            : body.config !== undefined && Object.keys(body.config).find((key) => !CONFIG_KEYS.includes(key))
              ? `body/config/${Object.keys(body.config).find((key) => !CONFIG_KEYS.includes(key))} is not allowed`
              : undefined;
    if (bad) {
      entry.status = 400;
      return send(res, 400, {message: bad});
    }
    const key = `${projectID}\u0000${second}`;
    const state = states.get(key) ?? {};
    states.set(key, state);
    const trace = script(body.action ?? {type: 'launch'}, state).map((item) => ({...item, time: Date.now()}));
    return send(res, 200, {trace});
  };

  /** The stream route: the same scripts, as server-sent events, with the stream knobs. */
  async function stream(res, {projectID, userID, body, url, entry}) {
    const extra = body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).find((key) => !STREAM_BODY_KEYS.includes(key));
    const bad =
      !body || typeof body !== 'object' || Array.isArray(body)
        ? 'the body must be an object'
        : extra
          ? `body/${extra} is not allowed (additionalProperties)`
          : typeof body.action !== 'object' || typeof body.action?.type !== 'string'
            ? 'body/action must be an object with a string type'
            : undefined;
    if (bad) {
      entry.status = 400;
      return send(res, 400, {message: bad});
    }
    const knob = knobs.get(projectID) ?? {};
    const key = `${projectID}\u0000${userID}`;
    const state = states.get(key) ?? {};
    states.set(key, state);
    const traces = streamed(script(body.action, state), {
      completionEvents: url.searchParams.get('completion_events') === 'true',
      chunks: knob.chunks,
    });
    res.writeHead(200, 'OK', {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...cors});
    res.flushHeaders();
    let id = 0;
    const frame = async (event, data) => {
      if (knob.chunkDelay) await sleep(knob.chunkDelay);
      // A raw control character inside the said text, which strict JSON parsers reject.
      const json = knob.bell
        ? JSON.stringify(data, (key, value) => (SAID.has(key) && typeof value === 'string' && value ? `${value}\u0007` : value)).replaceAll('\\u0007', '\u0007')
        : JSON.stringify(data);
      await new Promise((resolve) => res.write(`event: ${event}\nid: ${++id}\ndata: ${json}\n\n`, resolve));
    };
    for (const [index, trace] of traces.entries()) {
      if (knob.drop && index === (knob.dropAfter ?? traces.length)) break;
      await frame('trace', {...trace, time: Date.now()});
    }
    if (knob.drop) {
      entry.dropped = true;
      // A moment for the frames to be read: a connection lost a little later, not with the last frame.
      await sleep(50);
      // Closed without the terminating chunk (what was written still arrives): the browser sees a network error, not an end.
      return res.socket?.end();
    }
    await frame('end', {});
    res.end();
  }
}

/** The mock as a Koa-style middleware (what @web/dev-server and @web/test-runner take), under `/mock/voiceflow`. */
export const voiceflowMockMiddleware = () => mountedAt(VOICEFLOW_MOCK_PATH, createVoiceflowMock());
