// A local chat backend speaking the generic streaming formats, for the tests,
// `npm start` (the demo's "AI assistant") and the benchmark. Never a real AI:
// its replies are built from what the visitor wrote.
//
//   POST /mock/chat?format=openai|aisdk|plain-sse|deepchat|ndjson|text|json|json-text|json-array|json-openai|json-unknown|json-broken|html
//   GET  /mock/chat/log[?key=…]    the requests seen, and how many per Idempotency-Key
//
// Knobs (query string):
//   delay=ms         wait before the first byte (status and headers)
//   chunk=n          characters per streamed piece (default: one word per piece)
//   rate=n           pieces per second (default 50); interval=ms sets the gap directly
//   tokens=n         the reply is n words long, the last one ∎ (for the benchmark)
//   status=n         answer with this status (with failTimes: only those tries)
//   retryAfter=s     a Retry-After header with a failing status
//   failTimes=n      fail the first n tries of each Idempotency-Key, then answer
//   hangup=n         close the connection without a response on the first n tries of each key
//   drop=n           destroy the connection after n pieces
//   error=n          a stream error frame after n pieces
//   malformed=1      a malformed frame after the first piece
//   duplicate=1      a JSON reply carrying the same message twice (same id)
//   crlf=1           \r\n line endings (SSE, NDJSON); ping=1: `: ping` comments between SSE events
//   split=1          every multibyte character's bytes are sent in two network writes
//
// A repeated Idempotency-Key gets the stored response of the first complete one,
// as idempotent servers do, instead of a second answer.

import {randomUUID} from 'node:crypto';

export const MOCK_PATH = '/mock/chat';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const STATUS_TEXT = {
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
};

/** What the mock answers: markdown-looking text built from the visitor's last message. */
export function replyText(messages, {format, tokens}) {
  // OpenAI-style `content`, or deep-chat's `text`.
  const last = [...(messages ?? [])].reverse().find((m) => m.role === 'user');
  const said = String(last?.content ?? last?.text ?? '');
  const words = said.split(/\s+/).filter(Boolean);
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const lines = [
    `**You said:** “${said}”`,
    '',
    `Here is what this mock backend can tell about it:`,
    `- ${words.length} word${words.length === 1 ? '' : 's'}, ${[...said].length} characters`,
    longest ? `- the longest word is *${longest}*` : '- no words at all',
    `- backwards it reads \`${[...said].reverse().join('')}\``,
    '',
    `> Streamed by \`mock/http-chat.mjs\` as **${format}**, turn ${Math.ceil((messages?.length ?? 1) / 2)} — café ☕.`,
  ];
  let text = lines.join('\n');
  if (tokens) {
    // The benchmark's long answer: the same words again until it is `tokens` words long, the last one ∎.
    const pool = text.match(/\S+\s*/g).map((word) => (/\s$/.test(word) ? word : `${word} `));
    text = Array.from({length: tokens - 1}, (_, i) => pool[i % pool.length]).join('') + '∎';
  }
  return text;
}

/** The reply cut into streamed pieces: `chunk` characters each, or one word (with its spacing) each. */
function pieces(text, chunk) {
  if (chunk > 0)
    return Array.from({length: Math.ceil(text.length / chunk)}, (_, i) =>
      text.slice(i * chunk, (i + 1) * chunk)
    );
  return text.match(/\s*\S+\s*/g) ?? [text];
}

const sse = (data) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** Each streamed format: its content type, and how a piece, an error, and the start and end are written. */
const STREAMS = {
  openai: {
    type: 'text/event-stream',
    ping: ': ping\n\n',
    start: (id) =>
      sse({
        id,
        object: 'chat.completion.chunk',
        created: 1,
        model: 'mock',
        choices: [{index: 0, delta: {role: 'assistant', content: ''}, finish_reason: null}],
      }),
    piece: (text, id) =>
      sse({
        id,
        object: 'chat.completion.chunk',
        created: 1,
        model: 'mock',
        choices: [{index: 0, delta: {content: text}, finish_reason: null}],
      }),
    error: (message) => sse({error: {message, type: 'server_error'}}),
    malformed: () => 'data: {"choices":[{"delta":{"content":"lost\n\n',
    end: (id) =>
      sse({
        id,
        object: 'chat.completion.chunk',
        created: 1,
        model: 'mock',
        choices: [{index: 0, delta: {}, finish_reason: 'stop'}],
      }) + sse('[DONE]'),
  },
  aisdk: {
    type: 'text/event-stream',
    ping: ': ping\n\n',
    headers: {'x-vercel-ai-ui-message-stream': 'v1'},
    start: (id) => sse({type: 'start', messageId: id}) + sse({type: 'text-start', id: 'text-1'}),
    piece: (text) => sse({type: 'text-delta', id: 'text-1', delta: text}),
    error: (message) => sse({type: 'error', errorText: message}),
    malformed: () => 'data: {"type":"text-delta","delta":\n\n',
    end: () => sse({type: 'text-end', id: 'text-1'}) + sse({type: 'finish'}) + sse('[DONE]'),
  },
  'plain-sse': {
    type: 'text/event-stream',
    ping: ': ping\n\n',
    // A piece with line breaks becomes several data: lines, which the reader joins with \n.
    piece: (text) =>
      text
        .split('\n')
        .map((line) => `data: ${line}\n`)
        .join('') + '\n',
    error: (message) => `event: error\ndata: ${message}\n\n`,
    malformed: () => 'data: {"not json\n\n',
    end: () => '',
  },
  deepchat: {
    type: 'text/event-stream',
    ping: ': ping\n\n',
    piece: (text) => sse({text}),
    error: (message) => sse({error: message}),
    malformed: () => 'data: {"text":\n\n',
    end: () => '',
  },
  ndjson: {
    type: 'application/x-ndjson',
    piece: (text) => JSON.stringify({delta: text}) + '\n',
    error: (message) => JSON.stringify({error: message}) + '\n',
    malformed: () => '{"delta":\n',
    end: () => '',
  },
  text: {
    type: 'text/plain; charset=utf-8',
    // The body is the text itself: its line breaks are content, never rewritten as \r\n.
    raw: true,
    piece: (text) => text,
    error: () => '',
    malformed: () => '',
    end: () => '',
  },
};

/** The JSON reply forms. */
const JSON_REPLIES = {
  json: (text, id, {duplicate}) => {
    const message = {id, type: 'text', text};
    return {messages: duplicate ? [message, message] : [message]};
  },
  'json-text': (text, id) => ({id, text}),
  'json-array': (text, id) => [{id, type: 'text', text}],
  /** JSON that is no chat reply at all. */
  'json-unknown': () => ({status: 'ok'}),
  'json-openai': (text, id) => ({
    id,
    object: 'chat.completion',
    created: 1,
    model: 'mock',
    choices: [{index: 0, message: {role: 'assistant', content: text}, finish_reason: 'stop'}],
  }),
};

/** 200 answers no chat client can read: a proxy's sign-in page, JSON cut short. */
const BROKEN_PAGES = {
  html: {type: 'text/html', body: '<!doctype html><title>Sign in</title><form>…</form>'},
  'json-broken': {type: 'application/json', body: '{"messages": [{"type": "text", "te'},
};

/** A request's JSON body; `{unreadable: raw}` when it is not JSON. */
export async function readBody(req) {
  const parts = [];
  for await (const part of req) parts.push(part);
  const raw = Buffer.concat(parts).toString('utf8');
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    return {unreadable: raw};
  }
}

/** Writes `text`, cutting each multibyte character's bytes across two writes when `split` is on. */
async function write(res, text, {split, crlf}) {
  const out = crlf ? text.replace(/\n/g, '\r\n') : text;
  const bytes = Buffer.from(out, 'utf8');
  const cut = split ? [...out].findIndex((c) => Buffer.byteLength(c) > 1) : -1;
  if (cut < 0) return void res.write(bytes);
  const at = Buffer.byteLength([...out].slice(0, cut).join('')) + 1;
  res.write(bytes.subarray(0, at));
  await sleep(15);
  res.write(bytes.subarray(at));
}

/**
 * A Node request handler for the mock; `handle(req, res)` resolves when it is done.
 * Each handler has its own memory of keys and its own log.
 */
export function createChatMock() {
  /** Requests seen, oldest first. */
  const log = [];
  /** Tries seen per Idempotency-Key. */
  const tries = new Map();
  /** The first complete response per Idempotency-Key: {status, headers, body}. */
  const stored = new Map();

  async function answer(req, res, url) {
    const query = Object.fromEntries(url.searchParams);
    const number = (name, fallback = 0) => (query[name] === undefined ? fallback : Number(query[name]));
    const key = req.headers['idempotency-key'] ?? '';
    const body = await readBody(req);
    const attempt = (tries.get(key) ?? 0) + 1;
    if (key) tries.set(key, attempt);
    const entry = {
      key,
      attempt,
      time: Date.now(),
      query,
      headers: Object.fromEntries(
        ['idempotency-key', 'authorization', 'content-type', 'accept', 'x-token'].flatMap((h) =>
          req.headers[h] === undefined ? [] : [[h, req.headers[h]]]
        )
      ),
      body,
      outcome: 'pending',
    };
    log.push(entry);
    let closed = false;
    res.on('close', () => {
      closed = !res.writableFinished;
      if (closed && entry.outcome === 'pending') entry.outcome = 'closed by the client';
    });

    const replay = key && stored.get(key);
    if (replay) {
      entry.outcome = 'replayed';
      res.writeHead(replay.status, {...replay.headers, 'idempotent-replayed': 'true'});
      return void res.end(replay.body);
    }

    await sleep(number('delay'));
    if (attempt <= number('hangup')) {
      // A network error as the browser sees one: the connection closes before any byte of a response.
      entry.outcome = 'hung up';
      return void res.socket.destroy();
    }
    const format = query.format ?? 'openai';
    const id = `mock-${randomUUID()}`;
    const text = replyText(body.messages, {format, tokens: number('tokens')});
    const failTimes = number('failTimes', query.status ? Infinity : 0);
    if (attempt > failTimes && JSON_REPLIES[format]) {
      // The answer is stored even when the client has gone (a timeout): the work is done, and a
      // retry with the same key gets it.
      const headers = {'content-type': 'application/json', 'cache-control': 'no-store'};
      const json = JSON.stringify(JSON_REPLIES[format](text, id, {duplicate: query.duplicate === '1'}));
      if (key) stored.set(key, {status: 200, headers, body: json});
      if (closed) return;
      entry.outcome = 'answered';
      res.writeHead(200, headers);
      return void res.end(json);
    }
    if (closed) return;
    if (attempt <= failTimes) {
      const status = number('status', 503);
      entry.outcome = `failed with ${status}`;
      const headers = {'content-type': 'application/json', 'cache-control': 'no-store'};
      if (query.retryAfter) headers['retry-after'] = query.retryAfter;
      res.writeHead(status, STATUS_TEXT[status] ?? 'Error', headers);
      return void res.end(JSON.stringify({error: {message: `mock failure ${attempt} of ${failTimes}`}}));
    }
    const page = BROKEN_PAGES[format];
    if (page) {
      entry.outcome = 'answered';
      res.writeHead(200, {'content-type': page.type});
      return void res.end(page.body);
    }
    const stream = STREAMS[format];
    if (!stream) {
      entry.outcome = 'unknown format';
      res.writeHead(400, {'content-type': 'application/json'});
      return void res.end(JSON.stringify({error: {message: `unknown format ${format}`}}));
    }
    const options = {split: query.split === '1', crlf: query.crlf === '1' && !stream.raw};
    const headers = {'content-type': stream.type, 'cache-control': 'no-store', ...stream.headers};
    res.writeHead(200, headers);
    res.flushHeaders();
    const interval = query.interval ? number('interval') : 1000 / number('rate', 50);
    const parts = pieces(text, number('chunk'));
    const sent = [];
    const send = async (frame) => {
      sent.push(frame);
      await write(res, frame, options);
    };
    const started = performance.now();
    if (stream.start) await send(stream.start(id));
    for (let i = 0; i < parts.length; i++) {
      if (closed) return;
      if (query.drop !== undefined && i === number('drop')) {
        entry.outcome = `dropped after ${i} pieces`;
        return void res.destroy();
      }
      if (query.error !== undefined && i === number('error')) {
        await send(stream.error('the mock failed mid-stream'));
        entry.outcome = `error frame after ${i} pieces`;
        return void res.end();
      }
      if (query.ping === '1' && stream.ping) await send(stream.ping);
      await send(stream.piece(parts[i], id));
      if (query.malformed === '1' && i === 0) await send(stream.malformed());
      // Paced from the start, so timer drift does not add up over a long stream.
      const due = started + (i + 1) * interval - performance.now();
      if (due > 0) await sleep(due);
    }
    if (closed) return;
    await send(stream.end(id));
    res.end();
    entry.outcome = 'answered';
    if (key) stored.set(key, {status: 200, headers, body: sent.join('')});
  }

  return async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    if (req.method === 'GET' && url.pathname === `${MOCK_PATH}/log`) {
      const key = url.searchParams.get('key');
      const requests = key ? log.filter((entry) => entry.key === key) : log;
      res.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
      return res.end(JSON.stringify({requests, count: requests.length}));
    }
    if (url.pathname !== MOCK_PATH) {
      res.writeHead(404, {'content-type': 'application/json'});
      return res.end(JSON.stringify({error: {message: `no ${url.pathname} here`}}));
    }
    if (req.method !== 'POST') {
      res.writeHead(405, {allow: 'POST', 'content-type': 'application/json'});
      return res.end(JSON.stringify({error: {message: 'POST a conversation to this URL'}}));
    }
    try {
      await answer(req, res, url);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, {'content-type': 'application/json'});
      res.end(JSON.stringify({error: {message: String(error)}}));
    }
  };
}

/** A Node request handler as a Koa-style middleware (what @web/dev-server and @web/test-runner take), under `prefix`. */
export function mountedAt(prefix, handle) {
  return async function mock(context, next) {
    if (context.path !== prefix && !context.path.startsWith(`${prefix}/`)) return next();
    // The mock writes the raw response itself (streams, dropped connections): Koa keeps out.
    context.respond = false;
    // Koa's own idea of the status (its default is 404), which the test runner reports for a request the client abandoned.
    context.status = 200;
    await handle(context.req, context.res);
  };
}

/** The mock as a middleware, under `/mock/chat`. */
export const chatMockMiddleware = () => mountedAt(MOCK_PATH, createChatMock());
