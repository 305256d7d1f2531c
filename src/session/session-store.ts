import type {ChatMessage} from '../messages/message.js';
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

/** Bump when the stored shape changes; other versions are never read or overwritten. */
export const SCHEMA_VERSION = 1;
/** Oldest messages beyond this are not stored, to stay far from storage quotas. */
export const STORED_MESSAGE_LIMIT = 1000;

export interface SessionStoreOptions {
  persistence: Persistence;
  key: string;
  /** Called once, the first time storage fails; the store then works in memory. */
  onError(error: Error): void;
  /** Another tab changed the same session. */
  onRemoteChange(state: SessionState): void;
  /** Injectable for tests; defaults to the window's storage. */
  storage?: Storage;
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

const isState = (value: unknown): value is SessionState & {version: number} => {
  const state = value as (SessionState & {version: number}) | null;
  return typeof state?.session?.id === 'string' && Array.isArray(state.messages);
};

/**
 * Keeps a session in Web Storage under one key, with a schema version, and in
 * step with other tabs (BroadcastChannel). Storage
 * that throws, is full or holds data we cannot read turns the store into a
 * memory-only one, and a bad read never leads to overwriting what is stored.
 */
export class SessionStore {
  #storage?: Storage;
  #channel?: BroadcastChannel;
  readonly #storageKey: string;
  #reported = false;

  readonly #options: SessionStoreOptions;

  constructor(options: SessionStoreOptions) {
    this.#options = options;
    this.#storageKey = storageName(options.key);
    if (options.persistence === 'memory') return;
    try {
      this.#storage = options.storage ?? (options.persistence === 'local' ? localStorage : sessionStorage);
    } catch (error) {
      this.#fail(error);
    }
    // Only localStorage is shared between tabs; sessionStorage is per tab.
    if (options.persistence !== 'local' || !this.#storage) return;
    // Other tabs hear of each write. (Every browser that runs this code has BroadcastChannel.)
    this.#channel = new BroadcastChannel(this.#storageKey);
    this.#channel.onmessage = (event: MessageEvent<SessionState>) => options.onRemoteChange(event.data);
  }

  /** The stored state, or undefined when there is none or it cannot be read. */
  read(): SessionState | undefined {
    if (!this.#storage) return undefined;
    let raw: string | null;
    try {
      raw = this.#storage.getItem(this.#storageKey);
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
    return raw === null ? undefined : this.#parse(raw, true);
  }

  /**
   * Stores the state, united with what another tab may have stored meanwhile,
   * tells the other tabs, and returns what was stored.
   */
  write(state: SessionState, {replace = false} = {}): SessionState {
    let merged = state;
    const stored = replace ? undefined : this.read();
    if (stored?.session.id === state.session.id) {
      merged = {...state, messages: mergeMessages(stored.messages, state.messages)};
    }
    if (!this.#storage) return merged;
    const kept = {...merged, messages: merged.messages.slice(-STORED_MESSAGE_LIMIT)};
    try {
      this.#storage.setItem(this.#storageKey, JSON.stringify({version: SCHEMA_VERSION, ...kept}));
    } catch (error) {
      this.#fail(error);
      return merged;
    }
    this.#channel?.postMessage(kept);
    return merged;
  }

  /** Stops listening to other tabs. */
  close(): void {
    this.#channel?.close();
  }

  #parse(raw: string, reportFailure: boolean): SessionState | undefined {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    if (isState(value) && value.version === SCHEMA_VERSION) {
      return {session: value.session, messages: value.messages};
    }
    if (reportFailure) {
      this.#fail(
        new Error(
          `stored session "${this.#storageKey}" is corrupt or not schema version ${SCHEMA_VERSION}; it is left untouched`
        )
      );
    }
    return undefined;
  }

  /** From now on the session lives in memory only; the error is reported once. */
  #fail(error: unknown): void {
    this.#storage = undefined;
    this.close();
    if (this.#reported) return;
    this.#reported = true;
    this.#options.onError(error instanceof Error ? error : new Error(String(error)));
  }
}
