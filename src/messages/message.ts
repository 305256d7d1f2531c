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

/** Reads the optional `id` of a message input; throws when it is not a string. */
export function inputId(input: unknown): string | undefined {
  return isRecord(input) ? optionalString(input.id, 'id') : undefined;
}

/** `reply()` takes one message or an array of them. */
export const asList = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T];
