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
  string | ((TextContent | ImageContent | ChoiceContent | VoiceflowTextTrace) & {id?: string});

export type MessageAuthor = 'user' | 'bot';

/** A message in the transcript. */
export type ChatMessage = MessageContent & {
  id: string;
  author: MessageAuthor;
  /** Milliseconds since the epoch, when it entered the transcript. */
  timestamp: number;
  /** `failed`: the dialog engine did not take this visitor message; it can be retried. */
  status?: 'failed';
  /** For a choice message: the index of the button the visitor chose. */
  chosen?: number;
};

/** How `reply()` shows bot messages: `typing` true waits by text length, a number waits that many ms. */
export interface ReplyOptions {
  typing?: boolean | number;
}

/** A fresh unique id; `randomUUID` exists only in secure contexts, hence the fallback. */
export function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? Date.now().toString(36) + Math.random().toString(36).slice(2);
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
    const parsed = new URL(trimmed, globalThis.document?.baseURI);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
  } catch {
    // Not a URL at all: unsafe by definition.
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new TypeError(`${field} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

function toButtons(value: unknown): ChoiceButton[] {
  if (!Array.isArray(value) || !value.length) {
    throw new TypeError(`buttons must be a non-empty array, got ${describe(value)}`);
  }
  return value.map((button: unknown, index) => {
    const label = requireText(isRecord(button) ? button.label : button, `buttons[${index}].label`);
    const payload = isRecord(button) ? button.payload : undefined;
    if (payload !== undefined && typeof payload !== 'string') {
      throw new TypeError(`buttons[${index}].payload must be a string, got ${describe(payload)}`);
    }
    return payload === undefined ? {label} : {label, payload};
  });
}

/**
 * Validates a message from a page or a bot and returns its content. Throws a
 * TypeError that names the field at fault.
 */
export function toContent(input: unknown): MessageContent {
  if (typeof input === 'string') return {type: 'text', text: requireText(input, 'text')};
  if (!isRecord(input)) {
    throw new TypeError(`a message must be a string or an object, got ${describe(input)}`);
  }
  switch (input.type) {
    case 'text': {
      const text = isRecord(input.payload) && input.text === undefined ? input.payload.message : input.text;
      return {type: 'text', text: requireText(text, isRecord(input.payload) ? 'payload.message' : 'text')};
    }
    case 'image': {
      const url = safeUrl(input.url);
      if (!url)
        throw new TypeError(`url must be an http(s) or data:image/ URL, got ${JSON.stringify(input.url)}`);
      if (input.alt !== undefined && typeof input.alt !== 'string') {
        throw new TypeError(`alt must be a string, got ${describe(input.alt)}`);
      }
      return {type: 'image', url, alt: input.alt ?? ''};
    }
    case 'choice': {
      const text = input.text === undefined ? '' : input.text;
      if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${describe(text)}`);
      return {type: 'choice', text, buttons: toButtons(input.buttons)};
    }
    default:
      throw new TypeError(`type must be "text", "image" or "choice", got ${JSON.stringify(input.type)}`);
  }
}

/** Reads the optional `id` of a message input; throws when it is not a string. */
export function inputId(input: unknown): string | undefined {
  if (!isRecord(input) || input.id === undefined) return undefined;
  if (typeof input.id !== 'string') throw new TypeError(`id must be a string, got ${describe(input.id)}`);
  return input.id;
}

/** The text a message shows, for previews, announcements and turns. */
export function messageText(content: MessageContent): string {
  return content.type === 'image' ? content.alt : content.text;
}

/** `reply()` takes one message or an array of them. */
export const asList = <T>(value: T | readonly T[]): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [value as T];
