// A connector for Voiceflow's runtime, on the public interact route its own web
// chat widget (react-chat V2) uses. A leaf module: the shim loads it with a
// dynamic import, only on pages that call `voiceflow.chat.load({verify})`.
import type {Turn, TurnContext} from '../conversation/conversation.js';
import {
  invalid,
  linkUrl,
  messageText,
  newId,
  type ChatMessage,
  type MessageInput,
} from '../messages/message.js';
import type {PageEvent} from '../pipeline/event-pipeline.js';
import type {Connector, ConnectorLink, FeedbackValue} from './connector.js';
import {createSseParser, type ServerSentEvent} from './sse-parser.js';
import {MAX_RETRY_WAIT} from './wait.js';
import {
  completionPart,
  isTrace,
  readTraces,
  type TraceStep,
  type VoiceflowButton,
  type VoiceflowTrace,
} from './voiceflow-traces.js';

/** Voiceflow's general runtime, where its widget talks by default. */
export const VOICEFLOW_RUNTIME = 'https://general-runtime.voiceflow.com';

/** A Voiceflow request (an action): `{type, payload?}`. */
export type VoiceflowAction = {type: string; payload?: unknown} & Record<string, unknown>;

/** A Voiceflow web chat extension, as `load({assistant: {extensions}})` takes them. */
export interface VoiceflowExtension {
  name: string;
  /** `response` draws into a bubble; `effect` only acts. */
  type: 'response' | 'effect';
  match(args: {trace: VoiceflowTrace}): boolean;
  /** Draws the trace into `element`, a node inside a bot bubble; may return a cleanup function. */
  render?(args: {trace: VoiceflowTrace; element: HTMLElement}): void | (() => void);
  effect?(args: {trace: VoiceflowTrace}): void | Promise<void>;
}

/** Where a Voiceflow session stands, as their widget stores it. */
export type VoiceflowStatus = 'IDLE' | 'ACTIVE' | 'ENDED';

/** What Voiceflow's widget keeps under `voiceflow-session-{projectID}`. */
export interface VoiceflowSession {
  userID: string;
  startTime: number;
  status: VoiceflowStatus;
  turns: unknown[];
}

/** Options of `voiceflowBot()`. Only `projectID` is required. */
export interface VoiceflowBotOptions {
  /** The Voiceflow project (agent) id. */
  projectID: string;
  /** Sent as the `versionID` header when given: `production`, `development` or a version id. */
  versionID?: string;
  /** The runtime's address. Default: Voiceflow's general runtime. */
  url?: string;
  /** The visitor's id; wins over the stored one. Default: the stored one, else a new one. */
  userID?: string | number;
  /**
   * Use the runtime's streaming route (`…/interact/stream?completion_events=true`):
   * traces are shown as they arrive, and an AI step's completion grows in one bubble
   * as it is written. Default false: the public interact route, one answer at a time.
   */
  stream?: boolean;
  /** Sent to start a new session instead of `{type: 'launch'}`: `load({launch: {event}})`. */
  launch?: {event?: VoiceflowAction};
  /** Launch a new session when it is opened (Voiceflow's `autostart`). Default true. */
  autostart?: boolean;
  /** Voiceflow extensions: custom traces are matched against them in order. */
  extensions?: readonly VoiceflowExtension[];
  /** Where the session is kept (the widget's `persistence`): Voiceflow's key in this storage. Default `localStorage`. */
  storage?: () => Storage | undefined;
  /** Whether the visitor sees the chat now: a session started by `reset()` launches at once when so. */
  visible?: () => boolean;
  /** Hears each action sent and the session after it, as Voiceflow's `voiceflow:interact` reports them. */
  onInteract?: (action: VoiceflowAction, session: VoiceflowSession) => void;
  /** Hears each save of the session, as `voiceflow:save_session` reports them. */
  onSave?: (session: VoiceflowSession) => void;
  /** How many times a request failing with a network error, 429 or 5xx is repeated. Default 2. */
  retries?: number;
  /** Ms before the first retry; each later one waits twice as long. Default 500. */
  retryDelay?: number;
  /** Ms a request may take before it is aborted and counts as failed. Default 30000. */
  timeout?: number;
}

/** A Voiceflow connector: a `Connector`, plus the launch the shim calls when the chat opens. */
export interface VoiceflowConnector extends Connector {
  /** Starts the session (sends the launch request) when it is new; resolves when its replies are shown. */
  launch(): Promise<void>;
  /** The session as Voiceflow's widget stores it. */
  readonly session: VoiceflowSession;
}

/** The key Voiceflow's widget keeps its session under, on the page's origin. */
export const sessionKey = (projectID: string) => `voiceflow-session-${projectID}`;

const statuses: readonly string[] = ['IDLE', 'ACTIVE', 'ENDED'] satisfies VoiceflowStatus[];

/** The stored session, when it is one Voiceflow's widget (or this connector) wrote. */
function readSession(storage: Storage | undefined, projectID: string): VoiceflowSession | undefined {
  try {
    const stored = JSON.parse(
      storage?.getItem(sessionKey(projectID)) ?? 'null'
    ) as Partial<VoiceflowSession> | null;
    if (!stored || typeof stored.userID !== 'string' || !stored.userID) return undefined;
    return {
      userID: stored.userID,
      startTime: typeof stored.startTime === 'number' ? stored.startTime : Date.now(),
      status: statuses.includes(stored.status as string) ? (stored.status as VoiceflowStatus) : 'ACTIVE',
      turns: Array.isArray(stored.turns) ? stored.turns : [],
    };
  } catch {
    return undefined;
  }
}

const newSession = (userID = newId()): VoiceflowSession => ({
  userID,
  startTime: Date.now(),
  status: 'IDLE',
  turns: [],
});

/** A request that failed: whether trying again may help, and how long the server asked to wait. */
class RequestFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly waitMs?: number
  ) {
    super(message);
  }
}

/**
 * A trace from a stream frame's data. The runtime may put raw control characters
 * into strings, which JSON.parse rejects: they go first (escaped ones stay). The
 * older v2beta1 stream wraps each trace as `{type: 'trace', trace}`.
 */
function traceOf(data: string): VoiceflowTrace | undefined {
  try {
    // eslint-disable-next-line no-control-regex
    const parsed = JSON.parse(data.replace(/[\u0000-\u001f]/g, '')) as unknown;
    const trace =
      (parsed as {type?: unknown; trace?: unknown})?.type === 'trace'
        ? (parsed as {trace: unknown}).trace
        : parsed;
    return isTrace(trace) ? trace : undefined;
  } catch {
    return undefined;
  }
}

/** Text handed from the stream reader to the bubble that shows it: `chunks` yields what was pushed, until closed. */
interface TextChannel {
  chunks: AsyncIterable<string>;
  push(text: string): void;
  /** No more text; with an error, the text so far is incomplete. */
  close(error?: Error): void;
}

function textChannel(): TextChannel {
  const queue: string[] = [];
  let closed = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  return {
    chunks: (async function* () {
      for (;;) {
        if (queue.length) yield queue.splice(0).join('');
        else if (failure) throw failure;
        else if (closed) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    })(),
    push(text) {
      queue.push(text);
      poke();
    },
    close(error) {
      closed = true;
      failure = error;
      poke();
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function checkOptions(options: VoiceflowBotOptions): void {
  if (typeof options !== 'object' || options === null)
    throw invalid('voiceflowBot(): options', 'an object', options);
  const {projectID, versionID, url, userID, extensions, stream} = options;
  if (stream !== undefined && typeof stream !== 'boolean')
    throw invalid('voiceflowBot(): stream', 'a boolean', stream);
  if (typeof projectID !== 'string' || !projectID.trim())
    throw invalid('voiceflowBot(): projectID', 'a non-empty string', projectID);
  if (versionID !== undefined && typeof versionID !== 'string')
    throw invalid('voiceflowBot(): versionID', 'a string', versionID);
  if (url !== undefined && !/^https?:\/\//i.test(new URL(String(url), document.baseURI).href))
    throw invalid('voiceflowBot(): url', 'an http(s) URL', url);
  if (userID !== undefined && typeof userID !== 'string' && typeof userID !== 'number')
    throw invalid('voiceflowBot(): userID', 'a string or a number', userID);
  if (extensions !== undefined && !Array.isArray(extensions))
    throw invalid('voiceflowBot(): extensions', 'an array', extensions);
  for (const [index, extension] of (extensions ?? []).entries())
    if (typeof extension?.match !== 'function')
      throw invalid(`voiceflowBot(): extensions[${index}].match`, 'a function', extension?.match);
}

/**
 * A connector for a Voiceflow agent, talking to the runtime as Voiceflow's own
 * web chat does: each visitor turn is POSTed to
 * `{url}/public/{projectID}/state/user/{userID}/interact` as
 * `{action, config: {tts: false}}`, with a `versionID` header when given, and
 * the traces that come back are shown in order (text from its Slate rich text
 * as markdown, images, cards, carousels, buttons; `delay`s behind the typing
 * indicator; completions joined into one bubble), `end` closes the input,
 * `no-reply` arms a timer, and custom traces go to the extensions and the
 * page (`chat-action`). With `stream: true`, each action goes to the streaming
 * route (`{url}/v2/public/project/{projectID}/user/{userID}/interact/stream`) and
 * its server-sent traces are shown as they arrive, a completion growing in one bubble.
 *
 * The session is Voiceflow's: the `userID` is read from and written to
 * `voiceflow-session-{projectID}` (a visitor's Voiceflow conversation goes on
 * after the script swap); `launch()` starts a new session, and `reset()` gives a
 * new `userID`. Requests go one at a time, in order. Network errors, 429 and
 * 5xx are tried again with backoff (`Retry-After` honoured); a 401 (a private
 * project) fails at once with a console error naming the setting to change.
 *
 * Throws a TypeError naming the option at fault.
 */
export function voiceflowBot(options: VoiceflowBotOptions): VoiceflowConnector {
  checkOptions(options);
  const {
    projectID,
    versionID,
    launch,
    autostart = true,
    extensions = [],
    retries = 2,
    retryDelay = 500,
    timeout = 30_000,
  } = options;
  const base = (options.url ?? VOICEFLOW_RUNTIME).replace(/\/+$/, '');
  const storage = () => {
    try {
      return (options.storage ?? (() => localStorage))();
    } catch {
      return undefined;
    }
  };
  const given = options.userID === undefined ? undefined : String(options.userID);

  // `load({userID})` wins: a different stored id is a different visitor, whose session starts anew.
  const stored = readSession(storage(), projectID);
  let session = stored && (!given || stored.userID === given) ? stored : newSession(given);
  let link: ConnectorLink | undefined;
  /** The widget session this Voiceflow session belongs to: a new one (a reset) means a new Voiceflow session. */
  let widgetSession: string | undefined;
  /** The buttons of the last answer: typed text that matches one's name sends its request, as Voiceflow does. */
  let lastButtons: VoiceflowButton[] = [];
  let noReplyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Requests go one at a time: each waits for the one before. */
  let queue: Promise<unknown> = Promise.resolve();
  let transcriptSaved = false;

  function save(): void {
    const target = storage();
    try {
      target?.setItem(sessionKey(projectID), JSON.stringify(session));
      // Voiceflow's widget keeps the session in one storage only.
      for (const other of [localStorage, sessionStorage])
        if (other !== target) other.removeItem(sessionKey(projectID));
    } catch (error) {
      link?.error(new Error(`Voiceflow: the session could not be stored (${(error as Error).message})`));
    }
    options.onSave?.(session);
  }

  const endpoint = (path: string) => `${base}/${path}`;
  const headers = (): Record<string, string> => ({
    'content-type': 'application/json',
    ...(versionID ? {versionID} : {}),
  });

  /** One POST with the connector's retry rules; resolves with the response's JSON. */
  const post = async (path: string, body: unknown, signal?: AbortSignal): Promise<unknown> =>
    (await request(path, body, signal)).json().catch(() => ({}));

  /**
   * One POST with the connector's retry rules; resolves with the response once it
   * is ok (its status and headers within `timeout`), to be read by the caller.
   */
  async function request(
    path: string,
    body: unknown,
    signal?: AbortSignal,
    accept?: string
  ): Promise<Response> {
    for (let tries = 1; ; tries++) {
      let failure: RequestFailed;
      // Aborted by the turn's signal or the timeout (AbortSignal.any is too new for some browsers still in use).
      const control = new AbortController();
      const abort = () => control.abort(signal?.reason);
      signal?.addEventListener('abort', abort);
      const timer = setTimeout(() => control.abort(new Error(`no answer within ${timeout} ms`)), timeout);
      try {
        const response = await fetch(endpoint(path), {
          method: 'POST',
          // The stream route takes the version as `?environment=`, not as a header.
          headers: accept ? {'content-type': 'application/json', accept} : headers(),
          body: JSON.stringify(body),
          signal: control.signal,
        });
        if (response.ok) return response;
        const status = `${response.status} ${response.statusText}`.trim();
        const detail = await response.text().catch(() => '');
        if (response.status === 401)
          throw new RequestFailed(
            `POST ${endpoint(path)} failed: ${status}. The Voiceflow project ${projectID} is private: ` +
              'make its API public (the agent\'s settings, "Dialog API" / apiPrivacy: PUBLIC), as the web chat needs.',
            false
          );
        const retryAfter = Number(response.headers.get('retry-after'));
        failure = new RequestFailed(
          `POST ${endpoint(path)} failed: ${status}${detail ? ` ${detail.slice(0, 200)}` : ''}`,
          response.status === 429 || response.status >= 500,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined
        );
      } catch (error) {
        if (error instanceof RequestFailed) throw error;
        if (signal?.aborted) throw signal.reason;
        // The timeout's own reason: some engines (WebKit) reject an aborted fetch with a generic AbortError.
        const reason = control.signal.aborted ? (control.signal.reason as Error) : (error as Error);
        failure = new RequestFailed(`POST ${endpoint(path)} failed: ${reason.message}`, true);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      }
      if (!failure.retryable || tries > retries)
        throw new Error(`${failure.message} (after ${tries} ${tries === 1 ? 'try' : 'tries'})`);
      await pause(Math.min(MAX_RETRY_WAIT, failure.waitMs ?? retryDelay * 2 ** (tries - 1)));
    }
  }

  function clearNoReply(): void {
    clearTimeout(noReplyTimer);
    noReplyTimer = undefined;
  }

  /** Runs a custom trace: the page's `chat-action` first (cancel it to handle it alone), then the extensions. */
  function custom(trace: VoiceflowTrace): void {
    if (link && !link.action({type: trace.type, payload: trace.payload, trace})) return;
    const extension = extensions.find((candidate) => {
      try {
        return candidate.match({trace});
      } catch (error) {
        console.error(`Extension '${candidate.name}' threw an error: ${error}`);
        return false;
      }
    });
    if (!extension) return;
    if (extension.type === 'effect')
      void (async () => {
        try {
          await extension.effect?.({trace});
        } catch (error) {
          console.error(`Extension '${extension.name}' threw an error: ${error}`);
        }
      })();
    else if (extension.render && link)
      link.render((element) => extension.render!({trace, element}), extension.name);
  }

  /** What one answer has shown so far: its messages (without a link), its buttons, its no-reply. */
  interface Answer {
    messages: MessageInput[];
    buttons: VoiceflowButton[];
    /** Ms the messages take to show, as Voiceflow's no-reply timer counts them. */
    waited: number;
    noReply?: number;
  }
  const newAnswer = (): Answer => ({messages: [], buttons: [], waited: 0});

  /**
   * Shows one step of an answer. With a link, a message goes out after its delay
   * behind the typing indicator and the rest act as they come; without one (a
   * connector used on its own), the message is kept in `answer.messages`.
   */
  async function show(step: TraceStep, answer: Answer, signal?: AbortSignal): Promise<void> {
    if (step.kind === 'message') {
      if (step.buttons) answer.buttons.push(...step.buttons);
      // Voiceflow's no-reply timer counts each message's delay (1 s when none) and a second more.
      answer.waited += (step.delay || 1000) + 1000;
      if (!link) answer.messages.push(step.message);
      else {
        if (step.delay) {
          link.typing(true);
          await pause(step.delay);
          if (signal?.aborted) return;
        }
        link.push(step.message);
      }
    } else if (step.kind === 'end') {
      session.status = 'ENDED';
      link?.end();
    } else if (step.kind === 'no-reply') answer.noReply = step.timeout;
    else custom(step.trace);
  }

  /** The answer is all shown: its buttons are the ones typed text can match, and its no-reply timer starts. */
  function finish(answer: Answer): MessageInput[] {
    lastButtons = answer.buttons;
    const {noReply} = answer;
    if (noReply !== undefined && session.status !== 'ENDED') {
      clearNoReply();
      noReplyTimer = setTimeout(
        () => {
          noReplyTimer = undefined;
          void deliver({type: 'no-reply', payload: null}).catch((error: Error) => link?.error(error));
        },
        noReply * 1000 + answer.waited
      );
    }
    return answer.messages;
  }

  const reportBad = (reason: string) => link?.error(new Error(`Voiceflow: ${reason}`));

  /** Shows the steps of one whole answer, in order. */
  async function perform(steps: readonly TraceStep[], signal?: AbortSignal): Promise<MessageInput[]> {
    const answer = newAnswer();
    for (const step of steps) {
      if (signal?.aborted) break;
      await show(step, answer, signal);
    }
    return finish(answer);
  }

  /** The public interact route: one JSON answer `{trace: […]}`. */
  async function answerOf(action: VoiceflowAction, signal?: AbortSignal): Promise<MessageInput[]> {
    const json = await post(
      `public/${encodeURIComponent(projectID)}/state/user/${encodeURIComponent(session.userID)}/interact`,
      {action, config: {tts: false}},
      signal
    );
    const traces = (json as {trace?: unknown})?.trace;
    if (!Array.isArray(traces))
      throw new Error(`Voiceflow answered without a trace list: ${JSON.stringify(json)?.slice(0, 200)}`);
    return perform(readTraces(traces, reportBad), signal);
  }

  /**
   * The streaming route: traces shown as their `event: trace` frames arrive, a
   * completion growing in one bubble (`link.stream`), until `event: end`. A stream
   * cut off before any trace fails like a failed request; one cut off later is not
   * tried again (the runtime has moved on: a retry would repeat the answer): what
   * arrived stays, a half-written completion marked incomplete, and the failure is reported.
   */
  async function streamedAnswerOf(action: VoiceflowAction, signal?: AbortSignal): Promise<MessageInput[]> {
    const environment = versionID ? `&environment=${encodeURIComponent(versionID)}` : '';
    const path = `v2/public/project/${encodeURIComponent(projectID)}/user/${encodeURIComponent(session.userID)}/interact/stream?completion_events=true${environment}`;
    const response = await request(path, {action}, signal, 'text/event-stream');
    if (!response.body || !/^text\/event-stream/i.test(response.headers.get('content-type') ?? ''))
      throw new Error(
        `POST ${endpoint(path)} answered ${response.headers.get('content-type')}, not text/event-stream`
      );
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const cancel = () => reader.cancel().catch(() => undefined);
    signal?.addEventListener('abort', cancel);
    const answer = newAnswer();
    /** Without a link nothing is shown as it comes: the traces are read as one answer at the end. */
    const kept: VoiceflowTrace[] = [];
    let completion: TextChannel | undefined;
    let shown: Promise<void> | undefined;
    const closeCompletion = async (error?: Error) => {
      completion?.close(error);
      completion = undefined;
      await shown;
    };
    let ended = false;
    let received = 0;
    let tail = '';
    let failure: Error | undefined;
    const events: ServerSentEvent[] = [];
    const feed = createSseParser((event) => events.push(event));
    try {
      for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        feed(value);
        tail = (tail + value).slice(-100);
        for (const {event, data} of events.splice(0)) {
          if (event === 'end') ended = true;
          if (event !== 'trace') continue;
          const trace = traceOf(data);
          if (!trace) {
            reportBad(`a stream frame that is not a trace: ${data.slice(0, 100)}`);
            continue;
          }
          received++;
          const part = completionPart(trace);
          if (!link) kept.push(trace);
          else if (!part) {
            await closeCompletion();
            for (const step of readTraces([trace], reportBad)) await show(step, answer, signal);
          } else if (part.state === 'end') {
            if (completion) answer.waited += 2000;
            await closeCompletion();
          } else {
            if (part.state === 'start') await closeCompletion();
            if (!completion) {
              completion = textChannel();
              shown = link.stream(completion.chunks);
            }
            if (part.text) completion.push(part.text);
          }
          if (signal?.aborted) break;
        }
        if (signal?.aborted) break;
      }
      // An `end` frame without data is not an event to the parser, but it did arrive.
      ended ||= /(^|[\r\n])event: ?end[\r\n]/.test(tail);
    } catch (error) {
      failure = error as Error;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    if (signal?.aborted) {
      await closeCompletion(signal.reason as Error);
      throw signal.reason;
    }
    const cutOff = ended
      ? undefined
      : new Error(
          `POST ${endpoint(path)}: the stream broke off before its end${failure ? ` (${failure.message})` : ''}`
        );
    if (cutOff && !received) throw cutOff;
    if (!link) return perform(readTraces(kept, reportBad), signal);
    // Reported once: by the half-written bubble when there is one, else here.
    if (cutOff && !completion) link.error(cutOff);
    await closeCompletion(cutOff);
    return finish(answer);
  }

  /** Sends one action after the ones before it, and shows what comes back. */
  function interact(action: VoiceflowAction, signal?: AbortSignal): Promise<MessageInput[]> {
    const run = queue.then(async () => {
      clearNoReply();
      // Any link (button) action that opens a URL opens it first, as Voiceflow's widget does.
      for (const step of Array.isArray((action.payload as {actions?: unknown})?.actions)
        ? (action.payload as {actions: Array<{type?: unknown; payload?: {url?: unknown}}>}).actions
        : [])
        if (step?.type === 'open_url') {
          const url = linkUrl(step.payload?.url);
          if (url) open(url, '_blank', 'noopener');
        }
      const messages = await (options.stream ? streamedAnswerOf : answerOf)(action, signal);
      options.onInteract?.(action, session);
      save();
      // Voiceflow's widget creates the transcript after the visitor's first real interaction.
      if (!transcriptSaved && action.type !== 'launch' && action.type !== 'no-reply') {
        transcriptSaved = true;
        post(`public/${encodeURIComponent(projectID)}/transcripts`, {sessionID: session.userID}).catch(
          (error: Error) => link?.error(error)
        );
      }
      return messages;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /** An action from outside a turn (launch, no-reply): its messages go through the link. */
  async function deliver(action: VoiceflowAction): Promise<void> {
    if (!link) return;
    link.typing(true);
    try {
      await interact(action);
    } finally {
      link?.typing(false);
    }
  }

  /** The request a visitor's turn sends: a button's request, typed text matching a button, else text. */
  function actionFor(turn: Turn): VoiceflowAction {
    const payload = turn.payload;
    if (payload && typeof payload === 'object' && typeof payload.type === 'string')
      return payload as VoiceflowAction;
    const typed = turn.text.trim().toLowerCase();
    const match = lastButtons.find((button) => button.name.trim().toLowerCase() === typed);
    return match ? (match.request as VoiceflowAction) : {type: 'text', payload: turn.text};
  }

  const launchAction = (): VoiceflowAction => launch?.event ?? {type: 'launch'};

  const connector: VoiceflowConnector = {
    // Voiceflow's widget draws text as markdown; so a streamed completion is markdown.
    markdown: true,

    get session() {
      return session;
    },

    connect(connectorLink) {
      link = connectorLink;
      const id = connectorLink.session().id;
      if (widgetSession !== undefined && widgetSession !== id) {
        // A reset (here, or adopted from another tab that already stored its new session).
        const elsewhere = readSession(storage(), projectID);
        session = elsewhere && elsewhere.userID !== session.userID ? elsewhere : newSession();
        lastButtons = [];
        transcriptSaved = false;
        save();
        if (options.visible?.()) void connector.launch();
      }
      widgetSession = id;
      // A session Voiceflow ended stays ended until the visitor starts a new one.
      if (session.status === 'ENDED') connectorLink.end();
    },

    disconnect() {
      link = undefined;
      clearNoReply();
    },

    launch() {
      if (session.status !== 'IDLE' || !autostart) return Promise.resolve();
      session.status = 'ACTIVE';
      return deliver(launchAction()).catch((error: Error) => {
        // Not started after all: the next open tries again.
        session.status = 'IDLE';
        link?.error(error);
      });
    },

    async respond(turn: Turn, context: TurnContext) {
      // A visitor talking to an ended session starts the flow again, as a new message to the runtime does.
      if (session.status === 'ENDED') session.status = 'ACTIVE';
      return interact(actionFor(turn), context.signal);
    },

    async event(event: PageEvent, context: TurnContext) {
      const {type, payload} = event;
      return interact({type, ...(payload === undefined ? {} : {payload})}, context.signal);
    },

    async feedback(message: ChatMessage, value: FeedbackValue) {
      const earlier = (link?.messages() ?? []).filter(
        (m) => m.timestamp < message.timestamp && m.author === 'user'
      );
      const lastUser = earlier.at(-1);
      await post(`feedback/${encodeURIComponent(projectID)}/user/${encodeURIComponent(session.userID)}`, {
        name: value === 'up' ? 'Thumbs up' : 'Thumbs down',
        text: [messageText(message)],
        lastUserTurn: lastUser
          ? {id: lastUser.id, type: 'user', message: messageText(lastUser), timestamp: lastUser.timestamp}
          : null,
      });
    },
  };
  return connector;
}
