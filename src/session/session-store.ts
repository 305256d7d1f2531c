import {validateMessages, type ChatMessage} from '../messages/message.js';
import {storageName} from '../storage/storage-names.js';

/** Where the session lives: localStorage, sessionStorage, or nowhere. */
/** Where a session can live, the default first. */
export const persistences = ['local', 'session', 'memory'] as const;
export type Persistence = (typeof persistences)[number];

/** The visitor's session, as pages and the dialog engine see it. */
export interface ChatSession {
  id: string;
  startedAt: number;
  /** True until the first message enters the transcript. */
  isNew: boolean;
  /** The last 10 transcript messages, oldest first. */
  lastMessages: readonly ChatMessage[];
}

/** What is stored: the session's identity and its transcript. */
export interface SessionState {
  session: {id: string; startedAt: number};
  messages: readonly ChatMessage[];
}

/**
 * Bump when the stored shape changes. A record of another version is never read; it is
 * kept aside (under `storageName(key, 'unreadable')`) when the visitor first writes something new.
 */
export const SCHEMA_VERSION = 1;
/** Oldest messages beyond this are not stored, to stay far from storage quotas. */
export const STORED_MESSAGE_LIMIT = 1000;
/** A failed write is tried again after 1, 2, 4, 8 and 16 s, and after that with the next change. */
const RETRY_DELAYS = [1000, 2000, 4000, 8000, 16000];

export interface SessionStoreOptions {
  persistence: Persistence;
  key: string;
  /** Storage failed, or held data that could not be read; each fault is reported once. */
  onError(error: Error): void;
  /**
   * The session changed outside this tab's own edits: another tab's broadcast, or what
   * a write found stored (another tab's messages, its session, or a reset there).
   */
  onRemoteChange(state: SessionState): void;
  /** Injectable for tests; defaults to the window's storage. */
  storage?: Storage;
  /** Injectable for tests; defaults to `navigator.locks` where the page has it (secure contexts). */
  locks?: LockManager | null;
}

/**
 * Unites two transcripts by message id, in timestamp order. On an id in both,
 * `preferred` wins: it holds the newer knowledge (our edit, or a tab's broadcast).
 */
export function mergeMessages(
  base: readonly ChatMessage[],
  preferred: readonly ChatMessage[]
): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const message of base) byId.set(message.id, message);
  for (const message of preferred) byId.set(message.id, message);
  // Ties across tabs are broken by id, so every tab settles on the same order.
  return [...byId.values()].sort(
    (a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** What a read of the stored record found. */
interface StoredRecord {
  raw: string | null;
  /** The readable part: the session and its valid messages. */
  state?: SessionState;
  /** What could not be read; when not empty, `raw` is kept aside before it is replaced. */
  problems: Error[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The session and valid messages of a stored record or a tab's broadcast, and what was wrong. */
function readState(value: unknown, source: 'storage' | 'tab'): {state?: SessionState; problems: Error[]} {
  const session = isRecord(value) ? value.session : undefined;
  const messages = isRecord(value) ? value.messages : undefined;
  if (
    !isRecord(session) ||
    typeof session.id !== 'string' ||
    typeof session.startedAt !== 'number' ||
    !Array.isArray(messages)
  ) {
    return {
      problems: [new TypeError(`${source}: not a session ({session: {id, startedAt}, messages: [...]})`)],
    };
  }
  const checked = validateMessages(messages, source);
  return {
    state: {session: {id: session.id, startedAt: session.startedAt}, messages: checked.messages},
    problems: checked.errors,
  };
}

// By name, not class: a storage error may come from another frame's realm.
const isQuotaError = (error: unknown) => /quota/i.test(String((error as DOMException | null)?.name));

const asError = (error: unknown): Error =>
  error instanceof Error || error instanceof DOMException ? error : new Error(String(error));

/**
 * Keeps a session in Web Storage under one key, with a schema version, and in step
 * with other tabs (BroadcastChannel).
 *
 * Writes are batched: `save()` only notes the latest state, and one write per batch
 * reads what is stored, unites it with this tab's transcript and stores the union. With
 * `local` persistence that read-modify-write runs under a Web Lock named after the key,
 * so two tabs never interleave it and neither loses the other's messages (the union
 * with the whole in-memory transcript, and the broadcasts, also repair a write that
 * raced where locks are missing). A failed write is reported once and tried again; the
 * page hiding flushes what is pending.
 */
export class SessionStore {
  /** The stores open in this document: a store reading its key first writes what the others hold. */
  static readonly #open = new Set<SessionStore>();
  #storage?: Storage;
  #channel?: BroadcastChannel;
  readonly #storageKey: string;
  readonly #unreadableKey: string;
  readonly #options: SessionStoreOptions;
  readonly #locks?: LockManager;

  /** The latest state handed to `save()` and not yet stored. */
  #pending?: SessionState;
  #replace = false;
  #flushRequested = false;
  #closed = false;
  /** Sessions this store has read from or written to storage; any other is a new tab's own. */
  readonly #knownSessions = new Set<string>();
  /** The last record read or written, parsed: reused while storage still holds exactly it. */
  #last?: StoredRecord;
  /** Raw records whose problems were reported already, and those kept aside already. */
  #reportedRaw?: string | null;
  #keptAsideRaw?: string | null;
  /** Messages too large for the quota on their own: left out of later writes. */
  readonly #unstorable = new Set<string>();
  #writeFaultReported = false;
  #readFaultReported = false;
  #retries = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;

  readonly #onPageHide = () => this.flush();

  constructor(options: SessionStoreOptions) {
    this.#options = options;
    this.#storageKey = storageName(options.key);
    this.#unreadableKey = storageName(options.key, 'unreadable');
    if (options.persistence === 'memory') return;
    try {
      this.#storage = options.storage ?? (options.persistence === 'local' ? localStorage : sessionStorage);
    } catch (error) {
      // No storage at all (blocked by the browser's settings): the session lives in memory.
      options.onError(asError(error));
      return;
    }
    addEventListener('pagehide', this.#onPageHide);
    SessionStore.#open.add(this);
    // Only localStorage is shared between tabs; sessionStorage is per tab.
    if (options.persistence !== 'local') return;
    this.#locks = options.locks === undefined ? navigator.locks : (options.locks ?? undefined);
    // Other tabs hear of each write. (Every browser that runs this code has BroadcastChannel.)
    this.#channel = new BroadcastChannel(this.#storageKey);
    this.#channel.onmessage = (event: MessageEvent<unknown>) => this.#received(event.data);
  }

  /** The stored state (its valid messages), or undefined when there is none or it cannot be read. */
  read(): SessionState | undefined {
    // A widget replaced by another on this page (a framework re-rendering) may not have written yet.
    for (const other of SessionStore.#open)
      if (other !== this && other.#storageKey === this.#storageKey) other.flush();
    const stored = this.#readStored();
    if (stored?.state) this.#knownSessions.add(stored.state.session.id);
    return stored?.state;
  }

  /** Whether this session has been read from or written to storage (so it is not only this tab's). */
  knows(sessionId: string): boolean {
    return this.#knownSessions.has(sessionId);
  }

  /**
   * Stores the state soon, united with what other tabs stored meanwhile; `replace`
   * (a reset) stores it as it is. Several saves in a row make one write.
   */
  save(state: SessionState, {replace = false} = {}): void {
    if (!this.#storage || this.#closed) return;
    this.#pending = state;
    this.#replace ||= replace;
    this.#requestFlush();
  }

  /** Writes what is pending now, without waiting for the lock: for a page that is going away. */
  flush(): void {
    if (this.#pending) this.#write();
  }

  /** Writes what is pending, then stops listening to other tabs and retrying. */
  close(): void {
    this.flush();
    this.#closed = true;
    this.#pending = undefined;
    clearTimeout(this.#retryTimer);
    removeEventListener('pagehide', this.#onPageHide);
    SessionStore.#open.delete(this);
    this.#channel?.close();
  }

  #requestFlush(): void {
    if (this.#flushRequested) return;
    this.#flushRequested = true;
    const run = () => {
      this.#flushRequested = false;
      if (this.#pending && !this.#closed) this.#write();
    };
    // A timer, not a microtask: a burst of messages sent in one task becomes one write.
    if (this.#locks) void this.#locks.request(this.#storageKey, run).catch(() => setTimeout(run));
    else setTimeout(run);
  }

  /** Reads the stored record; undefined when storage cannot be read now (reported once). */
  #readStored(): StoredRecord | undefined {
    if (!this.#storage) return undefined;
    let raw: string | null;
    try {
      raw = this.#storage.getItem(this.#storageKey);
      this.#readFaultReported = false;
    } catch (error) {
      if (!this.#readFaultReported) this.#options.onError(asError(error));
      this.#readFaultReported = true;
      return undefined;
    }
    if (this.#last && this.#last.raw === raw) return this.#last;
    const record = this.#parse(raw);
    if (record.problems.length && raw !== this.#reportedRaw) {
      this.#reportedRaw = raw;
      for (const problem of record.problems) this.#options.onError(problem);
    }
    this.#last = record;
    return record;
  }

  #parse(raw: string | null): StoredRecord {
    if (raw === null) return {raw, problems: []};
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const keptAside = `it is kept under "${this.#unreadableKey}" when the next message is stored`;
    if (!isRecord(value) || value.version !== SCHEMA_VERSION) {
      const problem = new Error(
        `stored session "${this.#storageKey}" is corrupt or not schema version ${SCHEMA_VERSION}; ${keptAside}`
      );
      return {raw, problems: [problem]};
    }
    const {state, problems} = readState(value, 'storage');
    return {
      raw,
      state,
      problems: problems.map((problem) => new TypeError(`${problem.message}; ${keptAside}`)),
    };
  }

  /** One read-modify-write: what is stored, united with the pending state, is stored and broadcast. */
  #write(): void {
    const pending = this.#pending;
    if (!pending || !this.#storage) return;
    const stored = this.#readStored();
    if (!stored) return this.#retryLater();
    let result: SessionState = pending;
    const other = stored.state;
    if (other && !this.#replace) {
      if (other.session.id === pending.session.id) {
        result = {session: pending.session, messages: mergeMessages(other.messages, pending.messages)};
      } else if (!this.#knownSessions.has(pending.session.id)) {
        // This tab's session was never stored: it joins the stored one (two tabs opened at once).
        result = {session: other.session, messages: mergeMessages(other.messages, pending.messages)};
      } else if (other.session.startedAt >= pending.session.startedAt) {
        // Another tab reset the session after ours began: theirs wins.
        this.#pending = undefined;
        this.#options.onRemoteChange(other);
        return;
      }
    }
    const messages = result.messages.filter((message) => !this.#unstorable.has(message.id));
    try {
      if (stored.problems.length && stored.raw !== null && stored.raw !== this.#keptAsideRaw) {
        this.#storage.setItem(this.#unreadableKey, stored.raw);
        this.#keptAsideRaw = stored.raw;
      }
      this.#store(result.session, messages.slice(-STORED_MESSAGE_LIMIT));
    } catch (error) {
      if (!this.#writeFaultReported) this.#options.onError(asError(error));
      this.#writeFaultReported = true;
      return this.#retryLater();
    }
    this.#retries = 0;
    if (this.#pending === pending) this.#pending = undefined;
    this.#replace = false;
    this.#knownSessions.add(result.session.id);
    // The whole union, so a tab that knows messages missing from it stores them again.
    this.#channel?.postMessage(result);
    if (
      result !== pending &&
      (result.session !== pending.session || result.messages.length !== pending.messages.length)
    ) {
      this.#options.onRemoteChange(result);
    }
  }

  /**
   * Writes the record. When the quota is full, a message that is most of the record is
   * left out (and from then on, once a write without it succeeds), else the oldest half.
   */
  #store(session: SessionState['session'], messages: readonly ChatMessage[]): void {
    const tooLarge: string[] = [];
    for (;;) {
      const raw = JSON.stringify({version: SCHEMA_VERSION, session, messages});
      try {
        this.#storage!.setItem(this.#storageKey, raw);
        this.#last = {raw, state: {session, messages}, problems: []};
        for (const id of tooLarge) this.#unstorable.add(id);
        return;
      } catch (error) {
        if (!isQuotaError(error) || !messages.length) throw error;
        if (!this.#writeFaultReported) this.#options.onError(asError(error));
        this.#writeFaultReported = true;
        const sizes = messages.map((message) => JSON.stringify(message).length);
        const largest = sizes.indexOf(Math.max(...sizes));
        if (sizes[largest] * 2 > raw.length) {
          tooLarge.push(messages[largest].id);
          messages = messages.filter((_, index) => index !== largest);
        } else {
          messages = messages.slice(Math.ceil(messages.length / 2));
        }
      }
    }
  }

  #retryLater(): void {
    clearTimeout(this.#retryTimer);
    if (this.#retries >= RETRY_DELAYS.length) return;
    this.#retryTimer = setTimeout(() => this.#requestFlush(), RETRY_DELAYS[this.#retries++]);
  }

  /** Another tab stored a change: its state, checked like any message from outside. */
  #received(data: unknown): void {
    const {state, problems} = readState(data, 'tab');
    for (const problem of problems) this.#options.onError(problem);
    if (!state) return;
    this.#knownSessions.add(state.session.id);
    this.#options.onRemoteChange(state);
  }
}
