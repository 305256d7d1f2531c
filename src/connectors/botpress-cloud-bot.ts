import type {Turn, TurnContext} from '../conversation/conversation.js';
import {invalid, newId, type ChatMessage, type MessageInput} from '../messages/message.js';
import type {PageEvent} from '../pipeline/event-pipeline.js';
import type {Connector, ConnectorLink, FeedbackValue} from './connector.js';
import {messageIdOf, toMessages, type CloudMessageInput} from './botpress-cloud-payloads.js';
import {createSseParser} from './sse-parser.js';
import {online, wait} from './wait.js';

/** Where Botpress's own webchat finds the Webchat API; the client id is the path segment after it. */
export const BOTPRESS_CLOUD_API_URL = 'https://webchat.botpress.cloud';

/**
 * What the backend tells the page rather than the visitor, named as
 * `window.botpress.on()` names them, with what Botpress's webchat hands its handlers.
 */
export interface BotpressCloudSignals {
  /** The bot's "Send Custom Event" card: its `event`. */
  customEvent: unknown;
  /** The bot's Show / Hide / Toggle Webchat cards. */
  webchatVisibility: 'show' | 'hide' | 'toggle';
  /** The bot's Configure Webchat card: the configuration to merge. */
  webchatConfig: Record<string, unknown>;
  /** The conversation id, each time the connector starts or resumes one. */
  conversation: string;
  /** The bot started or stopped typing (`timeout` ms at most). */
  isTyping: {isTyping: boolean; timeout?: number};
  participantAdded: unknown;
  participantRemoved: unknown;
}

/** Options of `botpressCloudBot()`. Only `clientId` is required. */
export interface BotpressCloudBotOptions {
  /** The webchat's client id (from the bot's embed code). */
  clientId: string;
  /** The Webchat API's base URL (a proxy, a gateway, a mock); the client id is appended. Default Botpress's. */
  apiUrl?: string;
  /** Where the user and conversation are kept: `${storageKey}-client`, as Botpress's webchat keeps them. Default `bp-webchat`. */
  storageKey?: string;
  /** Botpress's `storageLocation`: `localStorage` (default) or `sessionStorage`. */
  storageLocation?: 'localStorage' | 'sessionStorage';
  /** Hears what the backend tells the page (see BotpressCloudSignals). */
  onSignal?: <K extends keyof BotpressCloudSignals>(type: K, data: BotpressCloudSignals[K]) => void;
  /** Ms between tries to reopen a dropped stream. Default 3000, as Botpress's webchat. */
  reconnectDelay?: number;
  /** Tries to reopen a dropped stream before recovery starts. Default 10, as Botpress's webchat. */
  reconnectAttempts?: number;
  /** Ms before the first of 3 recovery tries, doubling each time. Default 5000, as Botpress's webchat. */
  recoveryDelay?: number;
  /** Ms without a byte on the stream (the server's heartbeat included) before it counts as dropped. Default 60000. */
  heartbeatTimeout?: number;
  /**
   * Waits for the visitor, as Botpress's webchat does: a new visitor's user and conversation are
   * made only when they first send, a page event is sent, or `start()` is called (the shim calls it
   * when the chat first opens), so a page view alone starts no conversation. A returning visitor's
   * stored conversation is resumed at once either way. Default false: connect when the widget does.
   */
  waitForVisitor?: boolean;
  /** Ms a request may take. Default 30000. */
  timeout?: number;
  /** How often a failed send is tried again (network errors, 429, 5xx). Default 3. */
  retries?: number;
}

/** What Botpress's webchat persists (zustand `persist`: `{state, version}`). */
interface StoredClient {
  user?: {userId: string; userToken: string};
  conversationId?: string;
}

/** A Botpress message on the wire. */
interface CloudMessage {
  id: string;
  createdAt?: string;
  payload: unknown;
  userId: string;
  conversationId?: string;
  metadata?: {clientMessageId?: string};
}

/** A failed request: the status and Botpress's error type (`ResourceNotFound`, `Unauthorized`, `RateLimited`…). */
export class BotpressCloudError extends Error {
  readonly status: number;
  readonly type: string;
  /** How long the server asked us to wait (`Retry-After`), in ms. */
  readonly waitMs?: number;
  constructor(message: string, status = 0, type = 'network', waitMs?: number) {
    super(message);
    this.name = 'BotpressCloudError';
    this.status = status;
    this.type = type;
    this.waitMs = waitMs;
  }
  /** Whether trying again may help: the network, a timeout, 408, 429 or 5xx. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkOptions(options: BotpressCloudBotOptions): void {
  if (!isRecord(options)) throw invalid('botpressCloudBot(): options', 'an object', options);
  const {clientId, apiUrl, storageKey, storageLocation, onSignal} = options;
  if (typeof clientId !== 'string' || !clientId.trim())
    throw invalid('botpressCloudBot(): clientId', 'a non-empty string', clientId);
  for (const [name, value] of Object.entries({apiUrl, storageKey}))
    if (value !== undefined && (typeof value !== 'string' || !value.trim()))
      throw invalid(`botpressCloudBot(): ${name}`, 'a non-empty string', value);
  if (
    storageLocation !== undefined &&
    storageLocation !== 'localStorage' &&
    storageLocation !== 'sessionStorage'
  )
    throw invalid(
      'botpressCloudBot(): storageLocation',
      '"localStorage" or "sessionStorage"',
      storageLocation
    );
  if (onSignal !== undefined && typeof onSignal !== 'function')
    throw invalid('botpressCloudBot(): onSignal', 'a function', onSignal);
  const {reconnectDelay, reconnectAttempts, recoveryDelay, heartbeatTimeout, timeout, retries} = options;
  for (const [name, value] of Object.entries({
    reconnectDelay,
    reconnectAttempts,
    recoveryDelay,
    heartbeatTimeout,
    timeout,
    retries,
  }))
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && Number.isFinite(value)))
      throw invalid(`botpressCloudBot(): ${name}`, 'a number of 0 or more', value);
}

/** The API's base for a client id: `apiUrl` resolved against the page, only http(s). */
function baseUrl(apiUrl: string, clientId: string): string {
  const base = new URL(apiUrl, document.baseURI);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw invalid('botpressCloudBot(): apiUrl', 'an http(s) URL', apiUrl);
  return `${base.href.replace(/\/+$/, '')}/${encodeURIComponent(clientId)}`;
}

/** Reads and writes a persisted state as zustand does (`{state, version}`); a storage that throws (privacy modes) keeps nothing. */
function clientStore<State extends object>(key: string, location: 'localStorage' | 'sessionStorage') {
  const storage = () => (location === 'sessionStorage' ? sessionStorage : localStorage);
  return {
    read(): Partial<State> {
      try {
        const state = JSON.parse(storage().getItem(key) ?? 'null')?.state;
        return isRecord(state) ? (state as Partial<State>) : {};
      } catch {
        return {};
      }
    },
    write(state: State): void {
      try {
        storage().setItem(key, JSON.stringify({state, version: 0}));
      } catch {
        // Not kept: the next page load starts a new user.
      }
    },
  };
}

/**
 * A connector for Botpress Cloud's Webchat API, the one Botpress's own webchat
 * (`window.botpress`) uses at `webchat.botpress.cloud/{clientId}`.
 *
 * On connect it opens the server-sent events stream `GET /initialize`, which
 * creates or resumes the user and the conversation, and keeps them as
 * Botpress's webchat does (`bp-webchat-client` in localStorage: the user's id
 * and `x-user-key`, and the conversation id), so a returning visitor continues,
 * even one who talked to Botpress's own webchat on this site. After
 * `reset()` it starts a new conversation for the same user. It then sends
 * `conversation_started` (the bot's "Conversation Started" trigger) once per
 * conversation.
 *
 * The visitor's messages are `POST /messages` with `metadata.clientMessageId`
 * (the transcript message's id); the server's echo is merged by it, never
 * shown twice. A failed send (network, 429, 5xx) is tried again with backoff
 * after checking the conversation for it, so a send whose response was lost is
 * not sent twice. Bot messages arrive as `message_created`, `message_updated`
 * and `message_deleted`; typing as `typing_started` / `typing_stopped`; page
 * events go as `POST /events` (`custom`); feedback as
 * `PUT /messages/{id}/feedback`. Every payload type is drawn (text as markdown,
 * markdown, image, audio, video, file, location, card, carousel, choice,
 * dropdown, bloc); buttons send back what Botpress's webchat sends.
 *
 * A dropped stream is reopened every `reconnectDelay` ms, up to
 * `reconnectAttempts` times, then 3 recovery tries with a doubling delay; a
 * conversation the server no longer knows is replaced by a new one for the same
 * user. After each reopening the conversation's messages are listed and merged
 * by id: nothing is lost or shown twice.
 *
 * Throws a TypeError naming the option at fault.
 */
/** A Botpress Cloud connector, with `start()` for a connector that waits for the visitor. */
export interface BotpressCloudConnector extends Connector {
  /** Opens the stream now, if it is not open (see `waitForVisitor`); from then on it opens on every connect. */
  start(): void;
}

export function botpressCloudBot(options: BotpressCloudBotOptions): BotpressCloudConnector {
  checkOptions(options);
  const {
    clientId,
    apiUrl = BOTPRESS_CLOUD_API_URL,
    storageKey = 'bp-webchat',
    storageLocation = 'localStorage',
    onSignal,
    reconnectDelay = 3000,
    reconnectAttempts = 10,
    recoveryDelay = 5000,
    heartbeatTimeout = 60_000,
    timeout = 30_000,
    retries = 3,
    waitForVisitor = false,
  } = options;
  /** Whether the stream may open without a stored conversation: the visitor has shown up. */
  let wanted = !waitForVisitor;
  const base = baseUrl(apiUrl, clientId);
  const store = clientStore<StoredClient>(`${storageKey}-client`, storageLocation);
  /** Which widget session each conversation belongs to: a reset widget starts a new one. */
  const sessions = clientStore<{sessionId: string}>(`${storageKey}-client-sessions`, storageLocation);
  /** The conversations `conversation_started` went out for, in this page. */
  const started = new Set<string>();
  let connection: CloudConnection | undefined;

  const signal = <K extends keyof BotpressCloudSignals>(type: K, data: BotpressCloudSignals[K]) => {
    try {
      onSignal?.(type, data);
    } catch (error) {
      console.warn(`chat-widget: botpressCloudBot() onSignal("${type}") threw`, error);
    }
  };

  /** One link's life: the stream, the ids it learnt, the visitor's messages' echoes. */
  class CloudConnection {
    readonly link: ConnectorLink;
    readonly #controller = new AbortController();
    #state: StoredClient;
    #userId?: string;
    /** Resolves once the stream's `init` came and `conversation_started` went; replaced when the stream is lost. */
    #ready!: Promise<void>;
    #settle!: {resolve: () => void; reject: (error: Error) => void};
    #running = false;
    #typingTimer?: ReturnType<typeof setTimeout>;

    constructor(link: ConnectorLink) {
      this.link = link;
      link.signal.addEventListener('abort', () => this.close(), {once: true});
      this.#state = store.read();
      const owner = sessions.read().sessionId;
      const session = link.session().id;
      // A widget that was reset since (a new session) starts a new conversation with the same user;
      // a conversation from Botpress's own webchat (no owner yet) is resumed.
      if (owner !== undefined && owner !== session) delete this.#state.conversationId;
      this.#newReady();
    }

    get signal(): AbortSignal {
      return this.#controller.signal;
    }

    close(): void {
      this.#controller.abort(new DOMException('The connector was disconnected', 'AbortError'));
      clearTimeout(this.#typingTimer);
    }

    #newReady(): void {
      this.#ready = new Promise((resolve, reject) => (this.#settle = {resolve, reject}));
      // A send waiting on it reports the failure; nobody waiting is no unhandled rejection.
      this.#ready.catch(() => undefined);
    }

    /** Whether there is a conversation to resume (a returning visitor). */
    get resumable(): boolean {
      return this.#state.conversationId !== undefined;
    }

    /** Opens the stream unless it is open or opening. */
    start(): void {
      if (!this.#running) void this.run();
    }

    /** The conversation, once the stream is open; opens it (again, after giving up) if need be. */
    async ready(signal: AbortSignal): Promise<string> {
      wanted = true;
      this.start();
      let abort = () => undefined as void;
      try {
        await Promise.race([
          this.#ready,
          new Promise((_, reject) => {
            abort = () => reject(signal.reason);
            if (signal.aborted) abort();
            else signal.addEventListener('abort', abort, {once: true});
          }),
        ]);
      } finally {
        signal.removeEventListener('abort', abort);
      }
      return this.#state.conversationId!;
    }

    #save(): void {
      store.write(this.#state);
      sessions.write({sessionId: this.link.session().id});
    }

    /** Keeps the stream open: reconnects, then recovers, as Botpress's webchat does, until closed or out of tries. */
    async run(): Promise<void> {
      this.#running = true;
      let failures = 0;
      let opened = false;
      // No network at all: wait for it without spending tries, then reopen at once.
      const offline = () => {
        this.link.status('offline');
        return online(this.signal);
      };
      try {
        while (!this.signal.aborted) {
          try {
            this.link.status(opened ? 'reconnecting' : 'connecting');
            await this.#stream(opened);
            // The server ended the stream, or the network cut it (which some engines report as an
            // end, not an error): reopened like a dropped one, after the same pause or the network.
            failures = 0;
            if (!navigator.onLine) await offline();
            else {
              this.link.status('reconnecting');
              await wait(reconnectDelay, this.signal);
            }
          } catch (error) {
            if (this.signal.aborted) return;
            const failed =
              error instanceof BotpressCloudError ? error : new BotpressCloudError(String(error));
            if (failed.status === 404 && this.#state.conversationId) {
              // The conversation is gone: a new one for the same user, at once.
              delete this.#state.conversationId;
              continue;
            }
            if (failed.status === 401 && this.#state.user) {
              // The user key is no longer valid: a new user.
              this.#state = {};
              continue;
            }
            if (!navigator.onLine) {
              await offline();
              continue;
            }
            failures++;
            const recovery = failures - reconnectAttempts;
            if (!failed.retryable || recovery > 3) {
              this.link.status('offline');
              const given = new Error(`Botpress Cloud (${base}): the connection failed: ${failed.message}`);
              this.link.error(given);
              this.#settle.reject(given);
              this.#newReady();
              return;
            }
            this.link.status('reconnecting');
            const delay = recovery > 0 ? recoveryDelay * 2 ** (recovery - 1) : reconnectDelay;
            await wait(Math.max(delay, failed.waitMs ?? 0), this.signal);
          }
          opened = true;
        }
      } catch {
        // Closed while waiting.
      } finally {
        this.#running = false;
      }
    }

    /** Opens `/initialize` and reads it until it ends (resolves) or fails (throws). */
    async #stream(reopened: boolean): Promise<void> {
      const query = this.#state.conversationId
        ? `?conversationId=${encodeURIComponent(this.#state.conversationId)}`
        : '';
      const controller = new AbortController();
      const stop = () => controller.abort(this.signal.reason);
      this.signal.addEventListener('abort', stop, {once: true});
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const alive = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(
          () => controller.abort(new BotpressCloudError(`no data for ${heartbeatTimeout} ms`)),
          heartbeatTimeout
        );
      };
      let initialised = false;
      try {
        alive();
        let response: Response;
        try {
          response = await fetch(`${base}/initialize${query}`, {
            headers: {accept: 'text/event-stream', ...this.#userKeyHeader()},
            signal: controller.signal,
          });
        } catch (error) {
          throw controller.signal.reason instanceof BotpressCloudError
            ? controller.signal.reason
            : new BotpressCloudError(`network error (${(error as Error).message})`);
        }
        if (!response.ok || !response.body) throw await errorOf(response, 'GET /initialize');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parse = createSseParser(({data}) => {
          let parsed: {type?: unknown; data?: unknown};
          try {
            parsed = JSON.parse(data);
          } catch {
            this.link.error(new Error(`Botpress Cloud sent a signal that is not JSON: ${data.slice(0, 80)}`));
            return;
          }
          if (parsed?.type === 'init') {
            initialised = true;
            void this.#init(parsed.data, reopened);
          } else this.#signal(String(parsed?.type), parsed?.data);
        });
        for (;;) {
          let chunk: ReadableStreamReadResult<string>;
          try {
            chunk = await reader.read();
          } catch (error) {
            throw controller.signal.reason instanceof BotpressCloudError
              ? controller.signal.reason
              : new BotpressCloudError(`the stream broke off (${(error as Error).message})`);
          }
          if (chunk.done) break;
          alive();
          parse(chunk.value);
        }
        if (!initialised) throw new BotpressCloudError('the stream ended before its init signal');
      } finally {
        clearTimeout(watchdog);
        this.signal.removeEventListener('abort', stop);
        controller.abort();
        if (initialised && !this.signal.aborted) this.#newReady();
      }
    }

    #userKeyHeader(): Record<string, string> {
      const key = this.#state.user?.userToken;
      return key ? {'x-user-key': key} : {};
    }

    /** The stream is open: keep the ids, merge the messages, start the conversation once. */
    async #init(data: unknown, reopened: boolean): Promise<void> {
      const init = isRecord(data) ? data : {};
      const user = isRecord(init.user) ? init.user : {};
      const conversationId = isRecord(init.conversation) ? init.conversation.id : undefined;
      if (typeof conversationId !== 'string' || typeof user.id !== 'string') {
        this.link.error(new Error('Botpress Cloud sent an init signal without a conversation or user id'));
        return;
      }
      // This stream's readiness: a drop meanwhile makes a new one, for the next stream to settle.
      const settle = this.#settle;
      const changed = conversationId !== this.#state.conversationId;
      this.#userId = user.id;
      this.#state = {
        user: {
          userId: user.id,
          userToken: typeof user.userKey === 'string' ? user.userKey : this.#state.user!.userToken,
        },
        conversationId,
      };
      this.#save();
      if (changed || !reopened) signal('conversation', conversationId);
      try {
        // After a reopening the conversation is listed in full: what came while the stream was down.
        const messages = reopened ? await this.#listMessages() : (init.messages as CloudMessage[]);
        this.#merge(Array.isArray(messages) ? messages : []);
        if (!started.has(conversationId)) {
          started.add(conversationId);
          await this.request('POST', '/events', {
            conversationId,
            payload: {type: 'conversation_started', data: {}},
          });
        }
      } catch (error) {
        if (this.signal.aborted) return;
        this.link.error(error as Error);
      }
      this.link.status('online');
      settle.resolve();
    }

    /** Every message of the conversation, oldest first. */
    async #listMessages(): Promise<CloudMessage[]> {
      const all: CloudMessage[] = [];
      let nextToken: string | undefined;
      do {
        const page = (await this.request(
          'GET',
          `/conversations/${encodeURIComponent(this.#state.conversationId!)}/messages${
            nextToken ? `?nextToken=${encodeURIComponent(nextToken)}` : ''
          }`
        )) as {messages?: CloudMessage[]; meta?: {nextToken?: string}};
        all.push(...(page.messages ?? []));
        nextToken = page.meta?.nextToken;
      } while (nextToken);
      return all;
    }

    /** Adds the bot's messages not in the transcript yet, oldest first; the visitor's own are there already. */
    #merge(messages: CloudMessage[]): void {
      const inputs = [...messages]
        .filter((message) => isRecord(message) && message.userId !== this.#userId)
        .sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')))
        .flatMap((message) => toMessages(message.payload, String(message.id)));
      if (inputs.length) this.link.push(inputs as MessageInput[]);
    }

    #typing(on: boolean, timeout?: number): void {
      clearTimeout(this.#typingTimer);
      this.link.typing(on);
      // Botpress's webchat shows typing for 5 s at most.
      if (on) this.#typingTimer = setTimeout(() => this.#typing(false), timeout ?? 5000);
      signal('isTyping', on ? {isTyping: true, timeout: timeout ?? 5000} : {isTyping: false});
    }

    /** A live signal from the stream. */
    #signal(type: string, data: unknown): void {
      const record = isRecord(data) ? data : {};
      switch (type) {
        case 'message_created': {
          const message = record as unknown as CloudMessage;
          // The visitor's own message comes back as an echo: it is in the transcript already, merged by
          // metadata.clientMessageId. A bot message is added unless its id is there (a duplicate).
          if (message.userId === this.#userId) return;
          clearTimeout(this.#typingTimer);
          this.link.push(toMessages(message.payload, String(message.id)) as MessageInput[]);
          return;
        }
        case 'message_updated':
          if (record.userId !== this.#userId)
            this.#update(String(record.id), toMessages(record.payload, String(record.id)));
          return;
        case 'message_deleted':
          this.#update(String(record.id), []);
          return;
        case 'typing_started':
          return this.#typing(true, typeof record.timeout === 'number' ? record.timeout : undefined);
        case 'typing_stopped':
          return this.#typing(false);
        case 'custom':
          return signal('customEvent', record.event);
        case 'webchat_visibility':
          if (record.visibility === 'show' || record.visibility === 'hide' || record.visibility === 'toggle')
            signal('webchatVisibility', record.visibility);
          return;
        case 'webchat_config':
          if (isRecord(record.config)) signal('webchatConfig', record.config);
          return;
        case 'participant_added':
          return signal('participantAdded', record);
        case 'participant_removed':
          return signal('participantRemoved', record);
        // message_status_changed, and types Botpress may add: nothing to show.
      }
    }

    /** Replaces a bot message (and a bloc's items) in place; none left removes it. */
    #update(id: string, messages: CloudMessageInput[]): void {
      const existing = this.link
        .messages()
        .filter((message) => message.author === 'bot' && messageIdOf(message.id) === id)
        .map((message) => message.id);
      const next = new Set(messages.map((message) => message.id));
      const gone = existing.filter((old) => !next.has(old));
      if (gone.length) this.link.remove(gone);
      const inPlace = messages.filter((message) => existing.includes(message.id));
      if (inPlace.length) this.link.update(inPlace as MessageInput[]);
      const added = messages.filter((message) => !existing.includes(message.id));
      if (added.length) this.link.push(added as MessageInput[]);
    }

    /** One request to the API, as JSON; a Botpress error body becomes a BotpressCloudError. */
    async request(method: string, path: string, body?: unknown, signal = this.signal): Promise<unknown> {
      const controller = new AbortController();
      const abort = () => controller.abort(signal.reason);
      signal.addEventListener('abort', abort, {once: true});
      const timer = setTimeout(
        () => controller.abort(new BotpressCloudError(`no response within ${timeout} ms`)),
        timeout
      );
      try {
        const response = await fetch(base + path, {
          method,
          headers: {
            ...(body === undefined ? {} : {'content-type': 'application/json'}),
            ...this.#userKeyHeader(),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
        if (!response.ok) throw await errorOf(response, `${method} ${path}`);
        const text = await response.text();
        const json: unknown = text ? JSON.parse(text) : {};
        // Botpress's clients also read an error from a successful status's body.
        if (isRecord(json) && typeof json.code === 'number' && json.code >= 400)
          throw new BotpressCloudError(
            `${method} ${path}: ${String(json.message)}`,
            json.code,
            String(json.type)
          );
        return json;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof BotpressCloudError) throw error;
        const reason: unknown = controller.signal.reason ?? error;
        throw reason instanceof BotpressCloudError
          ? reason
          : new BotpressCloudError(`${method} ${path}: network error (${(error as Error).message})`);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
      }
    }

    /**
     * Sends a visitor message, tried again on network errors, 429 and 5xx. Before each retry the
     * conversation is checked for it (by clientMessageId): a send whose response was lost is done.
     */
    async send(payload: unknown, clientMessageId: string, turnSignal: AbortSignal): Promise<void> {
      for (let tries = 1; ; tries++) {
        const conversationId = await this.ready(turnSignal);
        try {
          await this.request(
            'POST',
            '/messages',
            {conversationId, payload, metadata: {clientMessageId}},
            turnSignal
          );
          return;
        } catch (error) {
          if (!(error instanceof BotpressCloudError) || !error.retryable || tries > retries) throw error;
          const backoff = 500 * 2 ** (tries - 1) * (0.5 + Math.random() / 2);
          await wait(Math.max(backoff, error.waitMs ?? 0), turnSignal);
          const sent = await this.#listMessages().catch(() => []);
          if (sent.some((message) => message.metadata?.clientMessageId === clientMessageId)) return;
        }
      }
    }
  }

  /** The live connection, for a turn: one is made when the widget has not connected yet. */
  const live = (): CloudConnection => {
    if (!connection || connection.signal.aborted)
      throw new Error('botpressCloudBot(): not connected (the widget connects it when it is ready)');
    return connection;
  };

  return {
    markdown: true,

    connect(link) {
      connection?.close();
      connection = new CloudConnection(link);
      if (wanted || connection.resumable) connection.start();
    },

    start() {
      wanted = true;
      connection?.start();
    },

    disconnect() {
      connection?.close();
      connection = undefined;
    },

    async respond(turn: Turn, context: TurnContext) {
      const payload = isRecord(turn.payload) ? turn.payload : {type: 'text', text: turn.text};
      await live().send(payload, turn.message?.id ?? newId(), context.signal);
      // The answer comes on the stream.
      return [];
    },

    async event(event: PageEvent, context: TurnContext) {
      const {type, payload} = event;
      // `window.botpress.sendEvent(data)` arrives as {type: data.type ?? 'custom', payload: data}: data as it was.
      const data =
        isRecord(payload) && (payload.type === type || type === 'custom') ? payload : {type, payload};
      const conversation = live();
      const conversationId = await conversation.ready(context.signal);
      await conversation.request(
        'POST',
        '/events',
        {conversationId, payload: {type: 'custom', data}},
        context.signal
      );
      return [];
    },

    async feedback(message: ChatMessage, value: FeedbackValue) {
      const conversation = live();
      await conversation.ready(conversation.signal);
      await conversation.request('PUT', `/messages/${encodeURIComponent(messageIdOf(message.id))}/feedback`, {
        value: value === 'up' ? 'positive' : 'negative',
      });
    },
  };
}

/** A failed response as a BotpressCloudError, with Botpress's error message and type when the body has them. */
async function errorOf(response: Response, what: string): Promise<BotpressCloudError> {
  let type = '';
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body: unknown = await response.json();
    if (isRecord(body)) {
      if (typeof body.type === 'string') type = body.type;
      if (typeof body.message === 'string') message = `${response.status} ${type}: ${body.message}`;
    }
  } catch {
    // Not JSON: the status says it.
  }
  const retryAfter = response.headers.get('retry-after');
  const waitMs = retryAfter && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
  return new BotpressCloudError(`${what} failed: ${message}`, response.status, type || 'http', waitMs);
}
