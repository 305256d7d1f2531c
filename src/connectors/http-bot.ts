import type {Turn, TurnContext} from '../conversation/conversation.js';
import {describe, invalid, messageText, newId, type MessageInput} from '../messages/message.js';
import type {Connector, ConnectorLink} from './connector.js';
import {MAX_RETRY_WAIT, online, retryAfterMs, wait} from './wait.js';
import {decodeUtf8, jsonReplies, ndjsonText, responseForm, sseText, type BadFrame} from './stream-formats.js';

type Awaitable<T> = T | PromiseLike<T>;

/** Options of `httpBot()`. Only `url` is required. */
export interface HttpBotOptions {
  /** Where each turn is POSTed; http(s), relative URLs resolve against the page. */
  url: string;
  /** Request headers, or a function returning them, called before every try (for tokens that expire). */
  headers?: Record<string, string> | (() => Awaitable<Record<string, string>>);
  /** Extra body fields, or a function of the turn and its context returning them; they override the defaults. */
  body?: Record<string, unknown> | ((turn: Turn, context: TurnContext) => Awaitable<Record<string, unknown>>);
  /** Sent as `model` in the body. */
  model?: string;
  /** `fetch`'s `credentials`: send cookies cross-origin with `'include'`. Default `'same-origin'`. */
  credentials?: RequestCredentials;
  /** Ms a try may wait for the response, and then for each piece of a stream, before it is aborted and counts as failed. Default 30000. */
  timeout?: number;
  /** How many times a failed try is repeated (network errors, timeouts, 408, 429, 5xx). Default 2: three tries in all. */
  retries?: number;
  /** Ms before the first retry; each later one waits twice as long, with jitter. Default 500. */
  retryDelay?: number;
  /** The replies are markdown (LLM text). Default true. */
  markdown?: boolean;
}

/** What every request accepts, in the order the widget prefers them. */
const ACCEPT = 'text/event-stream, application/x-ndjson, application/json, text/plain';

/** A try that failed: why, and whether another try may help. */
class TryFailed extends Error {
  readonly retryable: boolean;
  /** How long the server asked us to wait (`Retry-After`). */
  readonly waitMs?: number;
  /** The network went away with the browser offline: the try does not count. */
  readonly offline: boolean;

  constructor(message: string, {retryable = true, waitMs, offline = false}: Partial<TryFailed> = {}) {
    super(message);
    this.retryable = retryable;
    this.waitMs = waitMs;
    this.offline = offline;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * One try's abort controller: aborted by the turn's signal, and by a timer that
 * each sign of life (`alive()`) restarts.
 */
class TryControl {
  readonly #controller = new AbortController();
  readonly #timeout: number;
  readonly #turnSignal: AbortSignal;
  #timer?: ReturnType<typeof setTimeout>;
  readonly #abort = () => this.#controller.abort(this.#turnSignal.reason);

  constructor(turnSignal: AbortSignal, timeout: number) {
    this.#turnSignal = turnSignal;
    this.#timeout = timeout;
    turnSignal.addEventListener('abort', this.#abort, {once: true});
    this.alive();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The server is still talking: the timeout starts again. */
  alive(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => this.#controller.abort(new TryFailed(`no response within ${this.#timeout} ms`)),
      this.#timeout
    );
  }

  end(): void {
    clearTimeout(this.#timer);
    this.#turnSignal.removeEventListener('abort', this.#abort);
  }
}

/** A response body's bytes; reading stops (and the connection closes) when the consumer stops. */
async function* bytes(body: ReadableStream<Uint8Array>, control: TryControl): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) return;
      control.alive();
      yield value;
    }
  } finally {
    control.end();
    reader.cancel().catch(() => undefined);
  }
}

/** The conversation as OpenAI-style messages: text of text and choice messages, the bot as `assistant`. */
function chatMessages(turn: Turn, context: TurnContext) {
  const history = context.messages.flatMap((message) =>
    message === turn.message ||
    message.id === turn.message?.id ||
    message.type === 'image' ||
    !messageText(message)
      ? []
      : [{role: message.author === 'bot' ? 'assistant' : 'user', content: messageText(message)}]
  );
  return turn.text ? [...history, {role: 'user', content: turn.text}] : history;
}

function checkOptions(options: HttpBotOptions): void {
  if (typeof options !== 'object' || options === null)
    throw invalid('httpBot(): options', 'an object', options);
  const {url, headers, body, timeout, retries, retryDelay} = options;
  if (typeof url !== 'string' || !url.trim()) throw invalid('httpBot(): url', 'a non-empty string', url);
  for (const [name, value] of Object.entries({headers, body}))
    if (value != null && typeof value !== 'object' && typeof value !== 'function')
      throw invalid(`httpBot(): ${name}`, 'an object or a function', value);
  for (const [name, value] of Object.entries({timeout, retries, retryDelay}))
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && Number.isFinite(value)))
      throw invalid(`httpBot(): ${name}`, 'a number of 0 or more', value);
}

/** The request URL: resolved against the page, and only http(s). */
function requestUrl(url: string): string {
  const resolved = new URL(url, document.baseURI);
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:')
    throw invalid('httpBot(): url', 'an http(s) URL', url);
  return resolved.href;
}

/**
 * A connector for any HTTP chat backend, OpenAI-compatible ones included. Each turn
 * is POSTed as JSON `{messages: [{role, content}], sessionId, model?, stream: true, ...body}`
 * with an `Idempotency-Key` (the visitor message's id, the same on every retry).
 * The response is read by its content type: server-sent events (OpenAI chunks,
 * AI SDK UI message stream, plain `data:` text), NDJSON and streamed `text/plain`
 * grow one bubble; JSON (`{text}`, `{messages}`, an OpenAI completion, an array
 * of messages) adds messages, keeping their ids.
 *
 * Failures: network errors, timeouts, 408, 429 and 5xx are tried again with
 * exponential backoff and jitter (honouring `Retry-After`), up to `retries` times;
 * other statuses fail at once. While the browser is offline the turn waits,
 * and the link shows `offline`. When no try succeeds, `respond` rejects with an
 * Error naming the URL and the status, and the widget offers "Retry". Once
 * streamed text has reached the visitor nothing is tried again: a later failure
 * is reported through the link and the text already shown stays.
 *
 * Throws a TypeError naming the option at fault.
 */
export function httpBot(options: HttpBotOptions): Connector {
  checkOptions(options);
  const {url, headers, body, model, credentials, timeout = 30_000, retries = 2, retryDelay = 500} = options;
  const name = `POST ${url}`;
  let link: ConnectorLink | undefined;

  /** Reports a failure after text reached the visitor; without a link, the turn fails with it. */
  const report = (error: Error) => {
    if (!link || link.signal.aborted) throw error;
    link.error(error);
  };
  const badFrame: BadFrame = (error) => {
    const message = `${name}: ${error.message}`;
    if (link && !link.signal.aborted) link.error(new Error(message));
    else console.warn(`chat-widget: ${message}`);
  };

  async function whenOnline(signal: AbortSignal): Promise<void> {
    if (navigator.onLine) return;
    link?.status('offline');
    await online(signal);
    link?.status('online');
  }

  async function request(
    target: string,
    requestBody: string,
    key: string,
    control: TryControl
  ): Promise<Response> {
    const extraHeaders = typeof headers === 'function' ? await headers() : headers;
    try {
      return await fetch(target, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: ACCEPT,
          ...extraHeaders,
          'Idempotency-Key': key,
        },
        body: requestBody,
        credentials: credentials ?? 'same-origin',
        signal: control.signal,
      });
    } catch (error) {
      if (control.signal.reason instanceof TryFailed) throw control.signal.reason;
      if (error instanceof TypeError && !control.signal.aborted)
        throw new TryFailed(`network error (${error.message})`, {offline: !navigator.onLine});
      throw error;
    }
  }

  /**
   * Reads a response: the messages of JSON, or the text stream once its first
   * piece has arrived (a stream that fails before it counts as a failed try).
   */
  async function read(
    response: Response,
    control: TryControl
  ): Promise<MessageInput[] | AsyncIterable<string>> {
    const status = `${response.status} ${response.statusText}`.trim();
    const form = responseForm(response.headers.get('content-type'));
    if (!form || !response.body)
      throw new TryFailed(`${status} with content type ${describe(response.headers.get('content-type'))}`, {
        retryable: false,
      });
    if (form === 'json') {
      let json: unknown;
      try {
        json = await response.json();
      } catch (error) {
        const reason: unknown = control.signal.reason ?? error;
        if (reason instanceof TryFailed || control.signal.aborted) throw reason;
        throw new TryFailed(`${status} with unreadable JSON (${messageOf(reason)})`, {
          retryable: reason instanceof TypeError,
        });
      } finally {
        control.end();
      }
      const replies = jsonReplies(json);
      if (replies) return replies;
      throw new TryFailed(`${status} with JSON that has no text, messages or choices`, {retryable: false});
    }
    const text = decodeUtf8(bytes(response.body, control));
    const pieces =
      form === 'sse' ? sseText(text, badFrame) : form === 'ndjson' ? ndjsonText(text, badFrame) : text;
    let first: IteratorResult<string>;
    try {
      do first = await pieces.next();
      while (!first.done && !first.value);
    } catch (error) {
      const reason: unknown = control.signal.reason ?? error;
      if (reason instanceof TryFailed || control.signal.aborted) throw reason;
      // A connection lost before any text may be tried again; an error the server streamed may not.
      throw new TryFailed(`${status}, then the stream failed: ${messageOf(reason)}`, {
        retryable: reason instanceof TypeError,
      });
    }
    if (first.done) return [];
    return (async function* () {
      yield first.value;
      try {
        yield* pieces;
      } catch (error) {
        const reason: unknown = control.signal.reason ?? error;
        // Stopped by the widget (Stop, reset, unmount): the widget decides what the text becomes.
        if (control.signal.aborted && !(reason instanceof TryFailed)) throw reason;
        report(new Error(`${name} (${status}): the stream broke off: ${messageOf(reason)}`));
      }
    })();
  }

  return {
    markdown: options.markdown ?? true,

    connect(connectorLink) {
      link = connectorLink;
    },

    disconnect() {
      link = undefined;
    },

    async respond(turn, context) {
      const {signal} = context;
      const target = requestUrl(url);
      const key = turn.message?.id ?? newId();
      const extras = typeof body === 'function' ? await body(turn, context) : body;
      const requestBody = JSON.stringify({
        messages: chatMessages(turn, context),
        sessionId: context.session.id,
        ...(model ? {model} : {}),
        stream: true,
        ...extras,
      });
      for (let tries = 1; ; tries++) {
        await whenOnline(signal);
        const control = new TryControl(signal, timeout);
        let failed: TryFailed;
        try {
          const response = await request(target, requestBody, key, control);
          if (response.ok) return await read(response, control);
          response.body?.cancel().catch(() => undefined);
          control.end();
          failed = new TryFailed(`${response.status} ${response.statusText}`.trim(), {
            retryable: isRetryableStatus(response.status),
            waitMs: retryAfterMs(response.headers.get('retry-after')),
          });
        } catch (error) {
          control.end();
          if (signal.aborted) throw signal.reason;
          if (!(error instanceof TryFailed)) throw error;
          failed = error;
        }
        // A try lost because the browser went offline waits for the network and does not count.
        if (failed.offline) {
          tries--;
          continue;
        }
        if (!failed.retryable || tries > retries)
          throw new Error(
            `${name} failed: ${failed.message} after ${tries} ${tries === 1 ? 'try' : 'tries'}`
          );
        const backoff = retryDelay * 2 ** (tries - 1) * (0.5 + Math.random() / 2);
        await wait(Math.min(MAX_RETRY_WAIT, failed.waitMs ?? backoff), signal);
      }
    },
  };
}
