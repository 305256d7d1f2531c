/**
 * A button of a `choice` message or a card. It either sends something as the
 * visitor (its `payload`, or its label) or, with `url`, opens that link.
 */
export interface ChoiceButton {
  label: string;
  /**
   * Sent as the visitor's turn instead of the label when given: a string, or a
   * JSON object a backend gave (a Voiceflow request), handed back verbatim.
   */
  payload?: string | Record<string, unknown>;
  /** Opens this link (http, https, mailto or tel) in a new tab instead of sending. */
  url?: string;
}

/** Literal text; URLs in it become links. */
export interface TextContent {
  type: 'text';
  text: string;
}

/** Markdown (CommonMark with GFM tables, strikethrough and autolinks), drawn by the safe renderer. */
export interface MarkdownContent {
  type: 'markdown';
  text: string;
}

/** Width and height in CSS pixels, when known: the space is kept before the image loads. */
export interface MediaSize {
  width?: number;
  height?: number;
}

export interface ImageContent extends MediaSize {
  type: 'image';
  url: string;
  alt: string;
}

export interface ChoiceContent {
  type: 'choice';
  text: string;
  buttons: ChoiceButton[];
}

/** One card: at least a title, a text or an image. */
export interface Card {
  title?: string;
  text?: string;
  /** An image URL (http(s) or data:image/). */
  image?: string;
  /** The image's alternative text; empty when it is decorative. */
  alt?: string;
  buttons?: ChoiceButton[];
}

export interface CardContent extends Card {
  type: 'card';
}

/** Cards side by side, scrolled one at a time. */
export interface CarouselContent {
  type: 'carousel';
  cards: Card[];
}

export interface VideoContent extends MediaSize {
  type: 'video';
  url: string;
  title?: string;
}

export interface AudioContent {
  type: 'audio';
  url: string;
  title?: string;
}

/** A file to download: a link named `name` (else the URL's last segment). */
export interface FileContent {
  type: 'file';
  url: string;
  name?: string;
}

/** A place, shown as a link to a map. */
export interface LocationContent {
  type: 'location';
  latitude: number;
  longitude: number;
  title?: string;
  address?: string;
}

/** What a message says, without who said it or when. */
export type MessageContent =
  | TextContent
  | MarkdownContent
  | ImageContent
  | ChoiceContent
  | CardContent
  | CarouselContent
  | VideoContent
  | AudioContent
  | FileContent
  | LocationContent;

/** The message types, in the order the README lists them. */
export const messageTypes = [
  'text',
  'markdown',
  'image',
  'choice',
  'card',
  'carousel',
  'video',
  'audio',
  'file',
  'location',
] as const satisfies readonly MessageContent['type'][];

/** Voiceflow's text trace, accepted wherever a message is. */
export interface VoiceflowTextTrace {
  type: 'text';
  payload: {message: string};
}

/** Anything a page may pass as a message: a string is text; an image's `alt` may be left out. */
export type MessageInput =
  | string
  | ((
      | Exclude<MessageContent, ImageContent>
      | (Omit<ImageContent, 'alt'> & {alt?: string})
      | VoiceflowTextTrace
    ) & {
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
  /** For a visitor message made by a button: the button's payload, as the backend gave it. */
  payload?: string | Record<string, unknown>;
  /** For a visitor message made by a button: the id of the bot message the button was on. */
  replyTo?: string;
  /** For a bot message the visitor rated: the rating. */
  feedback?: FeedbackValue;
};

/** A visitor's rating of a bot message (the `feedback` attribute's thumbs). */
export const feedbackValues = ['up', 'down'] as const;
export type FeedbackValue = (typeof feedbackValues)[number];

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

/**
 * Returns the URL a link may open: http, https, mailto or tel (relative URLs
 * resolve against the page); otherwise undefined. Any other scheme (javascript:,
 * data:, vbscript:, file:…) is refused, and the link is drawn as text.
 */
export function linkUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url.trim(), document.baseURI);
    if (/^(https?|mailto|tel):$/.test(parsed.protocol)) return parsed.href;
  } catch {
    // Not a URL at all.
  }
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** A payload is a string, or a JSON object (checked by a JSON round trip: no functions, cycles or BigInts). */
function toPayload(value: unknown, field: string): ChoiceButton['payload'] {
  if (value === undefined || typeof value === 'string') return value;
  if (isPlainObject(value)) {
    try {
      return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    } catch {
      // Falls through to the error below.
    }
  }
  throw invalid(field, 'a string or a JSON object', value);
}

function toButtons(value: unknown, field = 'buttons'): ChoiceButton[] {
  if (!Array.isArray(value) || !value.length) throw invalid(field, 'a non-empty array', value);
  return value.map((button: unknown, index) => {
    const at = `${field}[${index}]`;
    const label = requireText(isRecord(button) ? button.label : button, `${at}.label`);
    const result: ChoiceButton = {label};
    if (!isRecord(button)) return result;
    const payload = toPayload(button.payload, `${at}.payload`);
    if (payload !== undefined) result.payload = payload;
    if (button.url !== undefined) {
      const url = linkUrl(button.url);
      if (!url) throw invalid(`${at}.url`, 'an http(s), mailto or tel URL', button.url);
      result.url = url;
    }
    return result;
  });
}

function requireUrl(value: unknown, field: string, check = safeUrl): string {
  const url = check(value);
  if (!url)
    throw invalid(field, check === safeUrl ? 'an http(s) or data:image/ URL' : 'an http(s) URL', value);
  return url;
}

/** An http(s) URL only: what media and files may load from. */
export const webUrl = (value: unknown) => {
  const url = safeUrl(value);
  return url && /^https?:/.test(url) ? url : undefined;
};

function optionalSize(input: Record<string, unknown>, content: MediaSize) {
  for (const side of ['width', 'height'] as const) {
    const value = input[side];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
      throw invalid(side, 'a positive number of pixels', value);
    content[side] = value;
  }
}

function optionalNumber(value: unknown, field: string, limit: number): number {
  if (typeof value !== 'number' || !(Math.abs(value) <= limit))
    throw invalid(field, `a number from -${limit} to ${limit}`, value);
  return value;
}

/** A card's fields; `field` prefixes error names inside a carousel (`cards[2].title`). */
function toCard(input: unknown, field = ''): Card {
  if (!isRecord(input)) throw invalid(field || 'a card', 'an object', input);
  const card: Card = {};
  for (const key of ['title', 'text', 'alt'] as const) {
    const value = optionalString(input[key], field + key);
    if (value !== undefined) card[key] = value;
  }
  if (input.image !== undefined) card.image = requireUrl(input.image, field + 'image');
  if (input.buttons !== undefined) card.buttons = toButtons(input.buttons, field + 'buttons');
  if (!card.title?.trim() && !card.text?.trim() && !card.image)
    throw invalid(field + 'title', 'given when a card has no text or image', input.title);
  return card;
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
    case 'markdown':
      return {type: 'markdown', text: requireText(input.text, 'text')};
    case 'image': {
      const image: ImageContent = {
        type: 'image',
        url: requireUrl(input.url, 'url'),
        alt: optionalString(input.alt, 'alt') ?? '',
      };
      optionalSize(input, image);
      return image;
    }
    case 'choice':
      return {
        type: 'choice',
        text: optionalString(input.text, 'text') ?? '',
        buttons: toButtons(input.buttons),
      };
    case 'card':
      return {type: 'card', ...toCard(input)};
    case 'carousel': {
      if (!Array.isArray(input.cards) || !input.cards.length)
        throw invalid('cards', 'a non-empty array', input.cards);
      return {type: 'carousel', cards: input.cards.map((card, index) => toCard(card, `cards[${index}].`))};
    }
    case 'video':
    case 'audio': {
      const media = {type: input.type, url: requireUrl(input.url, 'url', webUrl)} as
        VideoContent | AudioContent;
      const title = optionalString(input.title, 'title');
      if (title !== undefined) media.title = title;
      if (media.type === 'video') optionalSize(input, media);
      return media;
    }
    case 'file': {
      const file: FileContent = {type: 'file', url: requireUrl(input.url, 'url', webUrl)};
      const name = optionalString(input.name, 'name');
      if (name !== undefined) file.name = name;
      return file;
    }
    case 'location': {
      const location: LocationContent = {
        type: 'location',
        latitude: optionalNumber(input.latitude, 'latitude', 90),
        longitude: optionalNumber(input.longitude, 'longitude', 180),
      };
      for (const key of ['title', 'address'] as const) {
        const value = optionalString(input[key], key);
        if (value !== undefined) location[key] = value;
      }
      return location;
    }
    default:
      throw invalid('type', messageTypes.map((type) => `"${type}"`).join(', '), input.type);
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
  const {id, author, timestamp, status, chosen, payload, replyTo, feedback} = record;
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
  if (payload !== undefined) message.payload = toPayload(payload, 'payload');
  if (replyTo !== undefined) message.replyTo = requireText(replyTo, 'replyTo');
  if (feedback !== undefined) {
    if (!feedbackValues.includes(feedback as FeedbackValue))
      throw invalid('feedback', '"up", "down" or absent', feedback);
    message.feedback = feedback as FeedbackValue;
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

/**
 * Characters that show nothing: white space, and the zero-width ones
 * `trim()` keeps (zero-width space, joiners, word joiner, soft hyphen, BOM).
 */
const invisible = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/** Whether a visitor's text would show nothing: such a message is not sent. */
export const isBlank = (text: string): boolean => !text.replace(invisible, '');

/**
 * The first `limit` characters of `text` or fewer, cut between grapheme
 * clusters (an emoji with its modifiers and joiners stays whole) where the
 * browser has `Intl.Segmenter`, else between code points: never inside a
 * surrogate pair.
 */
export function cutText(text: string, limit: number): string {
  const pieces =
    typeof Intl.Segmenter === 'function'
      ? Array.from(
          new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text),
          ({segment}) => segment
        )
      : Array.from(text);
  let cut = '';
  for (const piece of pieces) {
    if (cut.length + piece.length > limit) break;
    cut += piece;
  }
  return cut;
}

/**
 * What a message says as plain text: for the typing delay, a bot's history,
 * previews and logs. Media say their title or name, a card its title and text.
 */
export function messageText(content: MessageContent): string {
  switch (content.type) {
    case 'image':
      return content.alt;
    case 'card':
      return [content.title, content.text].filter(Boolean).join('\n');
    case 'carousel':
      return content.cards.map((card) => messageText({type: 'card', ...card})).join('\n\n');
    case 'video':
    case 'audio':
      return content.title ?? '';
    case 'file':
      return content.name ?? '';
    case 'location':
      return [content.title, content.address].filter(Boolean).join(', ');
    default:
      return content.text;
  }
}
