// A connector for a self-hosted Botpress v12 server, through its webchat
// channel (the channel-web module): REST routes for what the visitor sends,
// Socket.IO's /guest namespace for what the bot sends. A leaf module: the
// shims load it with a dynamic import, so only pages that talk to a v12 server
// download it and Socket.IO.
import {io, type Socket} from 'socket.io-client';
import {invalid, type ChatMessage} from '../messages/message.js';
import {STORAGE_PREFIX} from '../storage/storage-names.js';
import type {Connector, ConnectorLink} from './connector.js';
import {MESSAGE_TYPES, toMessages, type WireMessage, type WirePayload} from './botpress-v12-payloads.js';
import {MAX_RETRY_WAIT, retryAfterMs, wait} from './wait.js';

/** Options of `botpressV12Bot()`. `host` and `botId` are required. */
export interface BotpressV12BotOptions {
  /**
   * The Botpress server's URL with its ROOT_PATH, as in v12's `init({host})`:
   * `https://bots.example.com`, `https://example.com/botpress`; '' or a path
   * is on the page's own origin.
   */
  host: string;
  botId: string;
  /** v12's `userIdScope`: bots that must not share a visitor id on one site each get a scope. */
  userIdScope?: string;
  /** v12's `userId`: a visitor id of your own, used only when it is 24 characters or longer (as v12 does). */
  userId?: string;
  /** v12's `useSessionStorage`: the visitor id lasts for the tab instead of in localStorage. */
  useSessionStorage?: boolean;
  /** v12's `externalAuthToken`: sent as `ExternalAuth` and `X-BP-ExternalAuth` bearer headers. */
  externalAuthToken?: string;
  /** Socket.IO transports (v12's `window.SOCKET_TRANSPORTS`); by default polling, upgraded to WebSocket. */
  transports?: ('websocket' | 'polling')[];
  /** Ms a request may take before it counts as failed. Default 30000. */
  timeout?: number;
  /** How many times a failed request is repeated (network errors, timeouts, 408, 429, 5xx). Default 2. */
  retries?: number;
  /** Ms before the first retry; each later one waits twice as long, with jitter. Default 500. */
  retryDelay?: number;
  /**
   * Hears every event the server emits on the socket, as it arrives: `name`
   * (`guest.webchat.message`, `guest.webchat.typing`, `guest.webchat.data`…)
   * and `data`. The shim posts them to the page as v12's webchat did.
   */
  onServerEvent?: (name: string, data: unknown) => void;
}

/** A Botpress v12 connector: a `Connector`, plus `sendPayload` for v12's page call of that name. */
export interface BotpressV12Connector extends Connector {
  /**
   * Sends a payload as it is, as v12's `sendPayload` does: message types to
   * `/messages`, others to `/events`. Rejects when the server refuses it.
   */
  sendPayload(payload: WirePayload): Promise<void>;
  /**
   * A bot message as the server sent it (its conversation id, author and
   * payload), by id, among the last 100 shown; what v12's `MESSAGE.RECEIVED` reports.
   */
  received(id: string): WireMessage | undefined;
}

/** How many bot messages `received()` remembers. */
const REMEMBERED = 100;

/** v12's default `maxMessageLength`, until /botInfo says otherwise. */
const DEFAULT_MAX_LENGTH = 360;
/** How long a sent message's echo is waited for before the turn ends without it. */
const ECHO_WAIT = 1000;
/** What Botpress answers a webSessionId whose socket is gone: wait for the new socket, then try again. */
const STALE_SESSION = 'session id is invalid';

/** A request that failed: why, and whether trying again may help. */
class RequestFailed extends Error {
  constructor(
    message: string,
    readonly retry: 'no' | 'later' | 'new-socket',
    /** The server asked for this wait (`Retry-After`), in ms. */
    readonly waitMs?: number,
    /** The request may have reached the server (no answer came back). */
    readonly unanswered = false
  ) {
    super(message);
  }
}

/** A visitor id as v12 makes one: nanoid(24), from nanoid's URL-safe alphabet. */
function newVisitorId(): string {
  const alphabet = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (byte) => alphabet[byte & 63]).join('');
}

/** Web Storage, or nothing when the browser refuses it (then ids last as long as the page). */
function webStorage(useSessionStorage?: boolean): Storage | undefined {
  try {
    return useSessionStorage ? sessionStorage : localStorage;
  } catch {
    return undefined;
  }
}

function checkOptions(options: BotpressV12BotOptions): void {
  if (typeof options !== 'object' || options === null)
    throw invalid('botpressV12Bot(): options', 'an object', options);
  const {host, botId, userIdScope, userId, externalAuthToken, onServerEvent} = options;
  if (typeof host !== 'string') throw invalid('botpressV12Bot(): host', 'a string', host);
  if (typeof botId !== 'string' || !botId.trim())
    throw invalid('botpressV12Bot(): botId', 'a non-empty string', botId);
  for (const [name, value] of Object.entries({userIdScope, userId, externalAuthToken}))
    if (value !== undefined && typeof value !== 'string')
      throw invalid(`botpressV12Bot(): ${name}`, 'a string', value);
  if (onServerEvent !== undefined && typeof onServerEvent !== 'function')
    throw invalid('botpressV12Bot(): onServerEvent', 'a function', onServerEvent);
  for (const name of ['timeout', 'retries', 'retryDelay'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && Number.isFinite(value)))
      throw invalid(`botpressV12Bot(): ${name}`, 'a number of 0 or more', value);
  }
}

/** The server's root (`…/`), checked: http(s) only. */
function serverRoot(host: string): URL {
  let root: URL;
  try {
    // A path (or '') is on the page's origin: `/botpress` resolves against the page's address.
    root = new URL(`${host.trim().replace(/\/+$/, '')}/`, document.baseURI);
  } catch {
    throw invalid('botpressV12Bot(): host', 'a URL', host);
  }
  if (root.protocol !== 'http:' && root.protocol !== 'https:')
    throw invalid('botpressV12Bot(): host', 'an http(s) URL', host);
  return root;
}

const byTime = (a: WireMessage, b: WireMessage) => Date.parse(a.sentOn) - Date.parse(b.sentOn);

/** The same payload, compared as JSON (how a visitor message is found again in the history). */
const samePayload = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A connector for a Botpress v12 server (channel-web). On `connect` it opens
 * the Socket.IO `/guest` connection with the visitor id v12 keeps (`bp/socket/user`
 * in Web Storage), then finds the conversation: the one this widget session
 * had, else a new one (`POST /conversations/new`). Visitor turns go to
 * `POST /messages`, page events to `POST /events` (as v12's `sendEvent`:
 * `{type, payload: the event}`), each with the socket id as `webSessionId`.
 * Bot messages, typing and data arrive on the socket; a message waits while
 * the bot "types", as in v12's webchat. Every payload type v12 sends is mapped
 * onto the widget's messages (`markdown: true` text is markdown, single-choice
 * values are upper-cased, cards and carousels keep their say/postback/URL actions).
 *
 * Failures: network errors, timeouts, 408, 429 and 5xx are tried again with
 * backoff (honouring `Retry-After`), up to `retries` times; a webSessionId the
 * server no longer knows (its socket reconnected) waits for the new socket and
 * tries again. A message whose request got no answer is looked for in the
 * conversation before it is sent again, so nothing is sent twice. After a
 * reconnect the conversation is read again and what the bot said meanwhile is
 * shown, once.
 *
 * Throws a TypeError naming the option at fault.
 */
export function botpressV12Bot(options: BotpressV12BotOptions): BotpressV12Connector {
  checkOptions(options);
  const {botId, userIdScope, userId, externalAuthToken, transports, onServerEvent} = options;
  const {timeout = 30_000, retries = 2, retryDelay = 500} = options;
  const root = serverRoot(options.host);
  const base = `${root.href}api/v1/bots/${encodeURIComponent(botId)}/mod/channel-web`;
  const storage = webStorage(options.useSessionStorage);
  const visitorKey = userIdScope ? `bp/socket/${userIdScope}/user` : 'bp/socket/user';
  const conversationKey = `${STORAGE_PREFIX}botpress-v12:${userIdScope ?? ''}:${botId}`;
  const resolveUrl = (url: unknown) => {
    if (typeof url !== 'string') return undefined;
    try {
      return new URL(url, root).href;
    } catch {
      return undefined;
    }
  };

  /** The bot messages shown, as the server sent them, newest last. */
  const receivedMessages = new Map<string, WireMessage>();

  /** Everything that lives from `connect` to `disconnect`. */
  let live:
    | {
        link: ConnectorLink;
        socket: Socket;
        visitorId: string;
        conversationId?: string;
        /** Set while the conversation is being found, so one search runs at a time. */
        starting?: Promise<void>;
        maxLength: number;
        /** Ids of bot messages shown (or waiting behind the typing indicator). */
        shown: Set<string>;
        /** Ids of visitor messages the server has, each already matched to a send. */
        claimed: Set<string>;
        /** Echoes of visitor messages not matched to a send yet, by id. */
        echoes: Map<string, WirePayload>;
        /** Payloads sent (answered 200) whose echo has not come yet, each with what its echo ends. */
        owed: {payload: WirePayload; echoed: () => void}[];
        /** Calls waiting until the bot has nothing more to show. */
        idle: Set<() => void>;
        /** Bot messages waiting until the bot has "typed" them, each with its time. */
        held: {message: WireMessage; at: number}[];
        typingUntil: number;
        /** Whether this connector has the typing indicator on. */
        typing: boolean;
        timer?: ReturnType<typeof setTimeout>;
        /** Calls waiting for a socket and a conversation. */
        waiting: Set<() => void>;
      }
    | undefined;

  function visitorId(): string {
    if (userId && userId.length >= 24) {
      storage?.setItem(visitorKey, userId);
      return userId;
    }
    let id: string | null | undefined;
    try {
      id = storage?.getItem(visitorKey);
    } catch {
      // Storage refused: a new id for this page.
    }
    if (!id || id === 'undefined') {
      id = newVisitorId();
      try {
        storage?.setItem(visitorKey, id);
      } catch {
        // As above.
      }
    }
    return id;
  }

  /** Resolves once there is a live socket (and, unless `conversation` is false, a conversation); rejects on abort. */
  async function ready(signal: AbortSignal, conversation = true): Promise<NonNullable<typeof live>> {
    // A turn or page call may come a moment before the widget connects the connector.
    await firstConnect;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const state = live;
      if (!state) throw new Error('The Botpress connector is not connected');
      if (state.socket.connected && (!conversation || state.conversationId)) return state;
      if (state.socket.connected && !state.starting) start(state);
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          state.waiting.delete(done);
          signal.removeEventListener('abort', done);
          if (signal.aborted) reject(signal.reason);
          else resolve();
        };
        state.waiting.add(done);
        signal.addEventListener('abort', done, {once: true});
      });
    }
  }

  const wake = (state: NonNullable<typeof live>) => {
    for (const done of [...state.waiting]) done();
  };

  /** One POST with the body's webSessionId filled in; throws RequestFailed. */
  async function postOnce(
    route: string,
    body: object,
    signal: AbortSignal,
    needsConversation: boolean
  ): Promise<unknown> {
    const state = await ready(signal, needsConversation);
    const controller = new AbortController();
    const stop = () => controller.abort(signal.reason);
    signal.addEventListener('abort', stop, {once: true});
    const timer = setTimeout(
      () => controller.abort(new RequestFailed(`no answer within ${timeout} ms`, 'later', undefined, true)),
      timeout
    );
    let response: Response;
    try {
      // `__ts` as v12's webchat adds to every request but /botInfo: no cache in between answers from memory.
      response = await fetch(`${base}/${route}?__ts=${Date.now()}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(externalAuthToken
            ? {
                ExternalAuth: `Bearer ${externalAuthToken}`,
                'X-BP-ExternalAuth': `Bearer ${externalAuthToken}`,
              }
            : {}),
        },
        body: JSON.stringify({webSessionId: state.socket.id, ...body}),
        signal: controller.signal,
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (controller.signal.reason instanceof RequestFailed) throw controller.signal.reason;
      throw new RequestFailed(`network error (${(error as Error).message})`, 'later', undefined, true);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
    const type = response.headers.get('content-type') ?? '';
    const answer: unknown = await (type.includes('json') ? response.json() : response.text()).catch(
      () => undefined
    );
    // null for an empty answer: undefined means "found delivered" to post()'s callers.
    if (response.ok) return answer ?? null;
    // Botpress's errors are JSON `{statusCode, type, message, …}` or plain text.
    const said = typeof answer === 'string' ? answer : (answer as {message?: unknown} | undefined)?.message;
    const message = `${response.status}${said ? ` (${String(said).slice(0, 200)})` : ''}`;
    if (response.status === 400 && said === STALE_SESSION) {
      // The socket this id named is gone: wait for its successor.
      if (live === state && state.socket.connected) state.socket.disconnect().connect();
      throw new RequestFailed(message, 'new-socket');
    }
    const later = response.status === 408 || response.status === 429 || response.status >= 500;
    // A gateway that gave up on the server (502, 504) cannot say whether the server took the request.
    const unanswered = response.status === 502 || response.status === 504;
    throw new RequestFailed(
      message,
      later ? 'later' : 'no',
      retryAfterMs(response.headers.get('retry-after')),
      unanswered
    );
  }

  /**
   * POSTs to a channel-web route with bounded retries. `delivered()`, when
   * given, is asked before a request that got no answer is sent again.
   */
  async function post(
    route: string,
    body: object,
    signal: AbortSignal,
    {
      needsConversation = true,
      delivered,
    }: {needsConversation?: boolean; delivered?: () => Promise<boolean>} = {}
  ): Promise<unknown> {
    for (let tries = 1; ; tries++) {
      let failed: RequestFailed;
      try {
        return await postOnce(route, body, signal, needsConversation);
      } catch (error) {
        if (!(error instanceof RequestFailed)) throw error;
        failed = error;
      }
      if (failed.retry === 'no' || tries > retries)
        throw new Error(
          `POST ${base}/${route} failed: ${failed.message} after ${tries} ${tries === 1 ? 'try' : 'tries'}`
        );
      if (failed.retry === 'later') {
        const backoff = retryDelay * 2 ** (tries - 1) * (0.5 + Math.random() / 2);
        await wait(Math.min(MAX_RETRY_WAIT, failed.waitMs ?? backoff), signal);
      }
      if (failed.unanswered && delivered && (await delivered())) return undefined;
    }
  }

  /** The conversation with its messages, oldest first. */
  async function history(conversationId: string, signal: AbortSignal): Promise<WireMessage[]> {
    const conversation = (await post('conversations/get', {conversationId}, signal, {
      needsConversation: false,
    })) as {
      messages?: WireMessage[];
    };
    return [...(conversation?.messages ?? [])].sort(byTime);
  }

  /**
   * Finds the conversation once the socket is up: the one stored for this
   * widget session (a reload continues it), else a new one. Failures are
   * reported; the next call that needs a conversation starts again.
   */
  function start(state: NonNullable<typeof live>): void {
    const {link} = state;
    state.starting = (async () => {
      const info = (await fetch(`${base}/botInfo`, {signal: link.signal})
        .then((response) => (response.ok ? response.json() : undefined))
        .catch(() => undefined)) as {maxMessageLength?: unknown} | undefined;
      if (typeof info?.maxMessageLength === 'number') state.maxLength = info.maxMessageLength;
      const session = link.session().id;
      let stored: {session?: string; conversation?: string} = {};
      try {
        stored = JSON.parse(storage?.getItem(conversationKey) ?? '{}') ?? {};
      } catch {
        // Unreadable: a new conversation.
      }
      let messages: WireMessage[] | undefined;
      if (stored.session === session && typeof stored.conversation === 'string') {
        messages = await history(stored.conversation, link.signal).catch(() => undefined);
        if (messages) state.conversationId = stored.conversation;
      }
      if (!state.conversationId) {
        const created = (await post('conversations/new', {}, link.signal, {needsConversation: false})) as {
          convoId?: unknown;
        };
        if (typeof created?.convoId !== 'string' && typeof created?.convoId !== 'number')
          throw new Error(`POST ${base}/conversations/new answered without a convoId`);
        state.conversationId = String(created.convoId);
        messages = [];
        try {
          storage?.setItem(conversationKey, JSON.stringify({session, conversation: state.conversationId}));
        } catch {
          // Not stored: a reload starts a new conversation.
        }
      }
      for (const message of messages ?? []) if (message.authorId) state.claimed.add(message.id);
      show(state, missed(state, messages ?? []));
    })()
      .catch((error: unknown) => {
        if (!link.signal.aborted)
          link.error(
            new Error(`Botpress: the conversation could not be loaded: ${(error as Error).message}`)
          );
      })
      .finally(() => {
        state.starting = undefined;
        wake(state);
      });
  }

  /**
   * The bot messages in `messages` (oldest first) this widget has not shown:
   * those after the last one it knows, so nothing older comes back.
   */
  function missed(state: NonNullable<typeof live>, messages: readonly WireMessage[]): WireMessage[] {
    const known = new Set([...state.link.messages().map((message) => message.id), ...state.shown]);
    let last = -1;
    messages.forEach((message, index) => {
      if (known.has(message.id)) last = index;
    });
    // A widget that shows none of them yet (a new session) has everything still to show.
    return messages.slice(last + 1).filter((message) => !message.authorId && !known.has(message.id));
  }

  /** Shows bot messages now, or after the typing the bot announced. */
  function show(state: NonNullable<typeof live>, messages: readonly WireMessage[]): void {
    for (const message of messages) {
      if (state.shown.has(message.id)) continue;
      state.shown.add(message.id);
      state.held.push({message, at: state.typingUntil});
    }
    release(state);
  }

  /** Shows the messages whose time has come; keeps the typing indicator on while the bot still "types". */
  function release(state: NonNullable<typeof live>): void {
    clearTimeout(state.timer);
    const now = Date.now();
    const due = state.held.filter(({at}) => at <= now);
    state.held = state.held.filter(({at}) => at > now);
    const {link} = state;
    for (const {message} of due) {
      let inputs;
      try {
        inputs = toMessages(message.payload, resolveUrl);
      } catch (error) {
        link.error(error as Error);
        continue;
      }
      receivedMessages.set(message.id, message);
      if (receivedMessages.size > REMEMBERED) receivedMessages.delete(receivedMessages.keys().next().value!);
      // Each part gets an id made from the message's, so a message seen twice is shown once.
      link.push(
        inputs.map(
          (input, part) => ({...(input as object), id: part ? `${message.id}:${part}` : message.id}) as never
        )
      );
    }
    const typing = state.typingUntil > now;
    // Showing a message turns the indicator off: on again while the bot types more. Otherwise
    // only a change, so the widget's own indicator for a turn in progress stays as it is.
    if (typing && (due.length || !state.typing)) link.typing(true);
    else if (!typing && state.typing) link.typing(false);
    state.typing = typing;
    if (typing || state.held.length)
      state.timer = setTimeout(
        () => release(state),
        Math.max(0, Math.min(state.typingUntil, ...state.held.map(({at}) => at)) - now)
      );
    else for (const done of [...state.idle]) done();
  }

  /** Resolves once the bot is neither typing nor holding messages back (at once if so). */
  function whenIdle(state: NonNullable<typeof live>, signal: AbortSignal): Promise<void> {
    if (state.typingUntil <= Date.now() && !state.held.length) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        state.idle.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      state.idle.add(done);
      signal.addEventListener('abort', done, {once: true});
    });
  }

  /**
   * Matches a visitor message the server has to the send it came from
   * (`payload`), once; resolves when its echo has come (at most a second on).
   */
  function claim(state: NonNullable<typeof live>, payload: WirePayload, signal: AbortSignal): Promise<void> {
    for (const [id, echoed] of state.echoes)
      if (samePayload(echoed, payload)) {
        state.echoes.delete(id);
        state.claimed.add(id);
        return Promise.resolve();
      }
    // Its echo is still on its way (the socket may lag behind the HTTP answer).
    return new Promise<void>((echoed) => {
      state.owed.push({payload, echoed});
      wait(ECHO_WAIT, signal).then(echoed, echoed);
    });
  }

  /** A server event off the socket. */
  function heard(state: NonNullable<typeof live>, event: {name?: unknown; data?: unknown}): void {
    if (!event || typeof event.name !== 'string') return;
    const data = (event.data ?? {}) as WireMessage & {timeInMs?: unknown};
    try {
      onServerEvent?.(event.name, event.data);
    } catch (error) {
      state.link.error(error as Error);
    }
    // The room is the visitor's, so every tab and conversation of theirs hears it: only this one's counts.
    if (data.conversationId !== undefined && String(data.conversationId) !== state.conversationId) return;
    if (event.name === 'guest.webchat.typing') {
      const time = typeof data.timeInMs === 'number' ? data.timeInMs : 500;
      state.typingUntil = Math.max(Date.now(), state.typingUntil) + time;
      release(state);
    } else if (event.name === 'guest.webchat.message') {
      // A visitor's own message comes back as an echo: the widget drew it already. It is
      // matched to its send, so that a send whose answer was lost is not matched to it too.
      if (data.authorId) {
        const owed = state.owed.findIndex(({payload}) => samePayload(payload, data.payload));
        if (owed >= 0) {
          state.owed.splice(owed, 1)[0].echoed();
          state.claimed.add(data.id);
        } else state.echoes.set(data.id, data.payload);
      } else if (typeof data.id === 'string') show(state, [data]);
    }
  }

  /**
   * Looks for a sent payload the server has although its request got no answer:
   * a visitor message with the same payload that no earlier send has matched.
   */
  const deliveredCheck = (payload: WirePayload, signal: AbortSignal) => async () => {
    const state = await ready(signal);
    const found = (await history(state.conversationId!, signal)).find(
      (message) => message.authorId && !state.claimed.has(message.id) && samePayload(message.payload, payload)
    );
    if (found) {
      state.claimed.add(found.id);
      state.echoes.delete(found.id);
    }
    return Boolean(found);
  };

  /** Sends a payload the way v12's webchat routes it: message types to /messages, anything else to /events. */
  async function sendData(payload: WirePayload, signal: AbortSignal): Promise<void> {
    const state = await ready(signal);
    const isMessage = MESSAGE_TYPES.includes(payload.type);
    if (isMessage && typeof payload.text === 'string' && payload.text.length > state.maxLength)
      throw new Error(`The bot accepts messages of up to ${state.maxLength} characters`);
    const answered = await post(
      isMessage ? 'messages' : 'events',
      {conversationId: state.conversationId, payload},
      signal,
      isMessage ? {delivered: deliveredCheck(payload, signal)} : {}
    );
    // Found by the delivered check (undefined) is claimed already. The bot's typing follows the
    // echo on the socket: the turn lasts until the echo, then while the bot types, so the
    // indicator stays on until the answer shows.
    if (isMessage && answered !== undefined) await claim(state, payload, signal);
    await whenIdle(state, signal);
  }

  /** Resolves once the widget has connected the connector (a page call may come a moment before). */
  let connected!: () => void;
  const firstConnect = new Promise<void>((resolve) => (connected = resolve));

  function close(state: NonNullable<typeof live>): void {
    if (live !== state) return;
    live = undefined;
    clearTimeout(state.timer);
    state.socket.removeAllListeners();
    state.socket.disconnect();
    wake(state);
  }

  return {
    connect(link) {
      if (live) close(live);
      const id = visitorId();
      const socket = io(`${root.origin}/guest`, {
        path: `${root.pathname}socket.io`,
        query: {visitorId: id},
        ...(transports ? {transports} : {}),
      });
      const state: NonNullable<typeof live> = {
        link,
        socket,
        visitorId: id,
        maxLength: DEFAULT_MAX_LENGTH,
        shown: new Set(),
        claimed: new Set(),
        echoes: new Map(),
        owed: [],
        idle: new Set(),
        held: [],
        typingUntil: 0,
        typing: false,
        waiting: new Set(),
      };
      live = state;
      link.status('connecting');
      socket.on('connect', () => {
        link.status('online');
        // The first connection finds the conversation; a new socket id after a reconnect reads
        // what the bot said meanwhile.
        if (!state.conversationId) {
          if (!state.starting) start(state);
        } else
          history(state.conversationId, link.signal)
            .then((messages) => show(state, missed(state, messages)))
            .catch((error: unknown) => {
              if (!link.signal.aborted) link.error(error as Error);
            });
        wake(state);
      });
      socket.on('disconnect', (reason) => {
        if (link.signal.aborted) return;
        link.status('reconnecting');
        // The server closed this socket on purpose: Socket.IO leaves reconnecting to us.
        if (reason === 'io server disconnect') socket.connect();
      });
      socket.on('connect_error', () => link.status(state.conversationId ? 'reconnecting' : 'connecting'));
      socket.on('event', (event) => heard(state, event));
      link.signal.addEventListener('abort', () => close(state), {once: true});
      connected();
    },

    disconnect() {
      if (live) close(live);
    },

    respond(turn, context) {
      // A button's payload is the one the webchat sends for it (quick_reply, postback, say_something);
      // typed text is a text message.
      // A retried button message carries its payload on the message.
      const chosen = turn.payload ?? turn.message?.payload;
      const payload =
        chosen && typeof chosen === 'object' && typeof chosen.type === 'string'
          ? chosen
          : {type: 'text', text: turn.text};
      return sendData(payload, context.signal);
    },

    event(event, context) {
      // v12's sendEvent: the type, and the whole object the page passed as the payload.
      return sendData({type: event.type, payload: event}, context.signal);
    },

    async feedback(message: ChatMessage, value) {
      const state = live;
      if (!state) throw new Error('The Botpress connector is not connected');
      // The webchat's thumbs: 1 and -1, for the visitor (`target`), by the bot message's id.
      await post(
        'saveFeedback',
        {messageId: message.id, target: state.visitorId, feedback: value === 'up' ? 1 : -1},
        state.link.signal,
        {
          needsConversation: false,
        }
      );
    },

    received: (id) => receivedMessages.get(id),

    async sendPayload(payload) {
      if (!payload || typeof payload !== 'object' || typeof payload.type !== 'string')
        throw invalid('sendPayload(): payload', 'an object with a type', payload);
      await firstConnect;
      if (!live) throw new Error('The Botpress connector is not connected');
      return sendData(payload, live.link.signal);
    },
  };
}
