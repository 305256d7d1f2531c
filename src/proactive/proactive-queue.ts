import type {WidgetHost} from '../events/chat-events.js';
import {
  cutText,
  inputId,
  invalid,
  newId,
  toContent,
  type ChoiceButton,
  type MessageInput,
} from '../messages/message.js';
import {storageName} from '../storage/storage-names.js';

/** A proactive bubble: text, with quick-reply buttons when it is a choice. */
export interface ProactiveMessage {
  id: string;
  type: 'text' | 'choice';
  text: string;
  buttons?: ChoiceButton[];
}

/** The `el.proactive` API, as Voiceflow's `chat.proactive` plus a read-only stack. */
export interface ProactiveApi {
  /** Shows one or more bubbles above the launcher; a known `id` replaces that bubble in place. */
  push(...messages: MessageInput[]): readonly ProactiveMessage[];
  /** Removes every bubble. */
  clear(): void;
  /** The current stack, oldest first. */
  readonly messages: readonly ProactiveMessage[];
}

/** Longer texts are shortened visibly (with an ellipsis), never dropped. */
export const PROACTIVE_TEXT_LIMIT = 2000;

/** Validates one proactive message; throws a TypeError that names the problem. */
export function toProactive(input: unknown): ProactiveMessage {
  const id = inputId(input) ?? newId();
  const content = toContent(input);
  if (content.type !== 'text' && content.type !== 'choice')
    throw invalid('type', '"text" or "choice" in a proactive message', content.type);
  const text =
    content.text.length > PROACTIVE_TEXT_LIMIT
      ? cutText(content.text, PROACTIVE_TEXT_LIMIT - 1) + '…'
      : content.text;
  return content.type === 'choice'
    ? {id, type: 'choice', text, buttons: content.buttons}
    : {id, type: 'text', text};
}

/**
 * The stack of proactive bubbles. It is not conversation: nothing here reaches
 * the transcript, the dialog engine or the session store.
 */
export class ProactiveQueue implements ProactiveApi {
  /** Older bubbles the visitor revealed through "+N more", beyond the limit. */
  revealed = 0;
  /** Dismissed bubbles the visitor has not yet opened the chat to read. */
  unseen = 0;
  #stack: ProactiveMessage[] = [];
  /** Index of each id in the stack, so a burst of pushes stays linear. */
  #positions = new Map<string, number>();
  #storage?: Storage;
  #storageKey = '';
  #savePending = false;

  readonly #host: WidgetHost;

  constructor(host: WidgetHost) {
    this.#host = host;
  }

  get messages(): readonly ProactiveMessage[] {
    return this.#stack;
  }

  push(...inputs: MessageInput[]): readonly ProactiveMessage[] {
    if (!inputs.length)
      this.#host.error(invalid('push(): messages', 'one message or more', 'none'), 'proactive');
    const added: ProactiveMessage[] = [];
    inputs.forEach((input, index) => {
      try {
        added.push(toProactive(input));
      } catch (error) {
        this.#host.error(
          new TypeError(`push() message ${index + 1}: ${(error as Error).message}`),
          'proactive'
        );
      }
    });
    if (!added.length) return added;
    for (const message of added) {
      const at = this.#positions.get(message.id);
      if (at === undefined) this.#positions.set(message.id, this.#stack.push(message) - 1);
      else this.#stack[at] = message;
    }
    this.#changed();
    this.#host.emit('chat-proactive-push', {messages: added});
    return added;
  }

  clear(): void {
    const old = this.take();
    if (old.length) this.#host.emit('chat-proactive-clear', {messages: old});
  }

  /** The visitor closed the stack: it goes, and counts as unseen on the launcher badge. */
  dismiss(): void {
    const old = this.take();
    this.unseen += old.length;
    this.#host.emit('chat-proactive-dismiss', {messages: old});
  }

  /** Empties the stack and returns what it held. */
  take(): readonly ProactiveMessage[] {
    const old = this.#stack;
    this.#stack = [];
    this.#positions.clear();
    this.#changed();
    return old;
  }

  /** The bubbles to draw: the newest `limit`, plus those revealed. */
  visible(limit: number): readonly ProactiveMessage[] {
    return this.#stack.slice(-Math.max(1, limit + this.revealed));
  }

  /**
   * Keeps the stack in `storage` (the tab's sessionStorage) across page loads,
   * restoring what a previous page left there.
   */
  persist(storage: (() => Storage) | undefined, key: string): void {
    this.#storageKey = storageName(key, 'proactive');
    this.#storage = undefined;
    try {
      // Reading `sessionStorage` itself throws where storage is blocked.
      this.#storage = storage?.();
      const saved = JSON.parse(this.#storage?.getItem(this.#storageKey) ?? '[]') as unknown;
      if (Array.isArray(saved) && saved.length) this.push(...(saved as MessageInput[]));
    } catch (error) {
      this.#host.error(error as Error, 'proactive');
    }
  }

  /** Forgets the stored copy, as opening the chat does. */
  forget(): void {
    try {
      this.#storage?.removeItem(this.#storageKey);
    } catch {
      // Storage that throws has nothing of ours to forget.
    }
  }

  #changed(): void {
    this.revealed = 0;
    this.#host.changed();
    if (!this.#storage || this.#savePending) return;
    // Saved once per task, so a burst of pushes writes storage once.
    this.#savePending = true;
    queueMicrotask(() => {
      this.#savePending = false;
      try {
        if (this.#stack.length) this.#storage?.setItem(this.#storageKey, JSON.stringify(this.#stack));
        else this.forget();
      } catch (error) {
        this.#storage = undefined;
        this.#host.error(error as Error, 'proactive');
      }
    });
  }
}
