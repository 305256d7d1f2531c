/** A quick-reply button of a `choice` message. */
export interface ChoiceButton {
  label: string;
  /** Sent as the visitor's turn instead of the label when given. */
  payload?: string;
}

export interface TextContent {
  type: 'text';
  text: string;
}

export interface ImageContent {
  type: 'image';
  url: string;
  alt: string;
}

export interface ChoiceContent {
  type: 'choice';
  text: string;
  buttons: ChoiceButton[];
}

/** What a message says, without who said it or when. */
export type MessageContent = TextContent | ImageContent | ChoiceContent;

/** Voiceflow's text trace, accepted wherever a message is. */
export interface VoiceflowTextTrace {
  type: 'text';
  payload: {message: string};
}

/** Anything a page may pass as a message: a string is text. */
export type MessageInput =
  | string
  | ((TextContent | (Omit<ImageContent, 'alt'> & {alt?: string}) | ChoiceContent | VoiceflowTextTrace) & {
      id?: string;
    });

export type MessageAuthor = 'user' | 'bot';

/** A message in the transcript. */
export type ChatMessage = MessageContent & {
  id: string;
  author: MessageAuthor;
  /** Milliseconds since the epoch, when it entered the transcript. */
  timestamp: number;
  /**
   * `failed`: the dialog engine did not take this visitor message; it can be retried.
   * `incomplete`: a bot message whose stream was stopped or stalled; it holds what arrived.
   */
  status?: 'failed' | 'incomplete';
  /** For a choice message: the index of the button the visitor chose. */
  chosen?: number;
};

/** How `reply()` shows bot messages: `typing` true waits by text length, a number waits that many ms. */
export interface ReplyOptions {
  typing?: boolean | number;
}

/** A fresh unique id; `randomUUID` exists only in secure contexts, hence the fallback. */
export function newId(): string {
  return crypto.randomUUID?.() ?? Date.now().toString(36) + Math.random().toString(36).slice(2);
}

/**
 * Returns the URL when its scheme is http or https (relative URLs resolve against
 * the page), or it is a `data:image/` URL; otherwise undefined.
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (/^data:image\//i.test(trimmed)) return trimmed;
  try {
    const parsed = new URL(trimmed, document.baseURI);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
  } catch {
    // Not a URL at all: unsafe by definition.
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a wrong value is named in an error: strings quoted, others by kind. */
export const describe = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value;

/** The TypeError for a field that is not what it must be; every validator words it this way. */
export const invalid = (field: string, expected: string, value: unknown) =>
  new TypeError(`${field} must be ${expected}, got ${describe(value)}`);

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid(field, 'a non-empty string', value);
  return value;
}

const optionalString = (value: unknown, field: string) => {
  if (value !== undefined && typeof value !== 'string') throw invalid(field, 'a string', value);
  return value as string | undefined;
};

function toButtons(value: unknown): ChoiceButton[] {
  if (!Array.isArray(value) || !value.length) throw invalid('buttons', 'a non-empty array', value);
  return value.map((button: unknown, index) => {
    const label = requireText(isRecord(button) ? button.label : button, `buttons[${index}].label`);
    const payload = optionalString(
      isRecord(button) ? button.payload : undefined,
      `buttons[${index}].payload`
    );
    return payload === undefined ? {label} : {label, payload};
  });
}

/**
 * Validates a message from a page or a bot and returns its content. Throws a
 * TypeError that names the field at fault.
 */
export function toContent(input: unknown): MessageContent {
  if (typeof input === 'string') return {type: 'text', text: requireText(input, 'text')};
  if (!isRecord(input)) throw invalid('a message', 'a string or an object', input);
  switch (input.type) {
    case 'text': {
      const trace = isRecord(input.payload) && input.text === undefined;
      return {
        type: 'text',
        text: requireText(
          trace ? (input.payload as {message: unknown}).message : input.text,
          trace ? 'payload.message' : 'text'
        ),
      };
    }
    case 'image': {
      const url = safeUrl(input.url);
      if (!url) throw invalid('url', 'an http(s) or data:image/ URL', input.url);
      return {type: 'image', url, alt: optionalString(input.alt, 'alt') ?? ''};
    }
    case 'choice':
      return {
        type: 'choice',
        text: optionalString(input.text, 'text') ?? '',
        buttons: toButtons(input.buttons),
      };
    default:
      throw invalid('type', '"text", "image" or "choice"', input.type);
  }
}

/**
 * Where a message came from: a page's `reply()`, the dialog engine or a backend (`bot`),
 * the stored session (`storage`), or another tab of the same session (`tab`).
 */
export type MessageSource = 'reply' | 'bot' | 'storage' | 'tab';

/** The messages that passed, in order, and one TypeError for each that did not. */
export interface ValidatedMessages<T> {
  messages: T[];
  errors: TypeError[];
}

/** Message input from a page or a bot: its content, and the id it asked for. */
export type ValidContent = MessageContent & {id?: string};

const authors: readonly string[] = ['user', 'bot'] satisfies MessageAuthor[];

/** A transcript message (from storage or another tab): its content plus id, author, timestamp and marks. */
function toChatMessage(input: unknown): ChatMessage {
  const content = toContent(input);
  const record = input as Record<string, unknown>;
  const {id, author, timestamp, status, chosen} = record;
  if (typeof id !== 'string' || !id) throw invalid('id', 'a non-empty string', id);
  if (typeof author !== 'string' || !authors.includes(author))
    throw invalid('author', '"user" or "bot"', author);
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp))
    throw invalid('timestamp', 'a finite number', timestamp);
  const message = {...content, id, author, timestamp} as ChatMessage;
  if (status !== undefined) {
    if (status !== 'failed' && status !== 'incomplete')
      throw invalid('status', '"failed", "incomplete" or absent', status);
    message.status = status;
  }
  if (chosen !== undefined) {
    const buttons = content.type === 'choice' ? content.buttons.length : 0;
    if (!Number.isInteger(chosen) || (chosen as number) < 0 || (chosen as number) >= buttons)
      throw invalid('chosen', 'the index of one of its buttons', chosen);
    message.chosen = chosen as number;
  }
  return message;
}

/**
 * The one check every message passes, whatever its source. From a page or a bot
 * (`reply`, `bot`) it is message input (a string, a text/image/choice object or a
 * Voiceflow trace, with an optional string id); from storage or another tab it is a
 * whole transcript message. Bad items are left out alone, each with a TypeError
 * naming the source, its index and the field at fault; text positions take strings only.
 */
export function validateMessages(
  inputs: readonly unknown[],
  source: 'reply' | 'bot'
): ValidatedMessages<ValidContent>;
export function validateMessages(
  inputs: readonly unknown[],
  source: 'storage' | 'tab'
): ValidatedMessages<ChatMessage>;
export function validateMessages(
  inputs: readonly unknown[],
  source: MessageSource
): ValidatedMessages<ValidContent | ChatMessage> {
  const result: ValidatedMessages<ValidContent | ChatMessage> = {messages: [], errors: []};
  const transcript = source === 'storage' || source === 'tab';
  const ids = new Set<string>();
  inputs.forEach((input, index) => {
    try {
      if (transcript) {
        const message = toChatMessage(input);
        if (ids.has(message.id)) throw invalid('id', 'unique in the transcript', message.id);
        ids.add(message.id);
        result.messages.push(message);
      } else {
        const content = toContent(input);
        const id = inputId(input);
        result.messages.push(id === undefined ? content : {...content, id});
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      result.errors.push(new TypeError(`${source} message [${index}]: ${reason}`));
    }
  });
  return result;
}

/** Reads the optional `id` of a message input; throws when it is not a string. */
export function inputId(input: unknown): string | undefined {
  return isRecord(input) ? optionalString(input.id, 'id') : undefined;
}

/** `reply()` takes one message or an array of them. */
export const asList = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T];
