import {createSseParser, type ServerSentEvent} from './sse-parser.js';
import type {MessageInput} from '../messages/message.js';

/**
 * How a chat backend's response body is read, by its content type:
 * server-sent events, newline-delimited JSON, plain text as it streams, or one JSON document.
 */
export type ResponseForm = 'sse' | 'ndjson' | 'text' | 'json';

const FORMS: Record<string, ResponseForm> = {
  'text/event-stream': 'sse',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json': 'json',
  'text/plain': 'text',
};

/** The form of a response with this `Content-Type`; undefined for one a chat backend would not send (an HTML page). */
export function responseForm(contentType: string | null): ResponseForm | undefined {
  const type = (contentType || 'text/plain').split(';')[0].trim().toLowerCase();
  return FORMS[type] ?? (type.endsWith('+json') ? 'json' : undefined);
}

/** Called with a frame that could not be read; the stream goes on without it. */
export type BadFrame = (error: Error) => void;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text types of the streams read here whose frames carry a `delta`. */
const TEXT_DELTAS = new Set(['text-delta', 'response.output_text.delta']);

/**
 * The text a parsed stream frame adds, or '' when it adds none (a role, a finish
 * reason, usage, reasoning or tool parts). Throws the error an error frame carries.
 * Reads OpenAI chat chunks (`choices[0].delta.content`), the AI SDK UI message
 * stream (`text-delta` parts, `error` frames), OpenAI Responses text deltas,
 * and plain `{text}` or `{delta}` frames.
 */
export function frameText(frame: unknown): string {
  if (!isRecord(frame)) return typeof frame === 'string' ? frame : '';
  if (frame.type === 'error' || frame.error != null) {
    const error = frame.errorText ?? frame.error;
    throw new Error(String(isRecord(error) ? (error.message ?? JSON.stringify(error)) : error));
  }
  if (Array.isArray(frame.choices)) {
    const delta = (frame.choices[0] as {delta?: {content?: unknown}} | undefined)?.delta?.content;
    return typeof delta === 'string' ? delta : '';
  }
  if (frame.type !== undefined && !TEXT_DELTAS.has(frame.type as string)) return '';
  const text = frame.delta ?? frame.text;
  return typeof text === 'string' ? text : '';
}

/** Frames of the AI SDK UI message stream, which ends with [DONE] (OpenAI's Responses stream does not). */
const AI_SDK_TYPES = new Set(['start', 'text-start', 'text-delta']);

/** A stream frame: JSON parsed, anything else the text itself; undefined (and reported) when JSON is malformed. */
function parseFrame(data: string, badFrame: BadFrame): unknown {
  if (!/^\s*[[{]/.test(data)) return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    badFrame(new Error(`a malformed chunk: ${data.slice(0, 60)}`));
    return undefined;
  }
}

const dataText = (data: string, badFrame: BadFrame) => frameText(parseFrame(data, badFrame));

/** Decodes UTF-8 as it streams: a character split across chunks comes out whole. */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, {stream: true});
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * The text of a server-sent event stream, one piece per network chunk (however
 * many events it held). Ends at `data: [DONE]`; an `error` event or frame throws,
 * after the text before it. OpenAI and AI SDK streams always end with [DONE], so
 * one of those that ends without it was cut off (some browsers report a dropped
 * connection as a normal end): that throws a TypeError, as a network failure does;
 * so does a stream that closes before its first event.
 */
export async function* sseText(chunks: AsyncIterable<string>, badFrame: BadFrame): AsyncGenerator<string> {
  const events: ServerSentEvent[] = [];
  const feed = createSseParser((event) => events.push(event));
  let endsWithDone = false;
  let sawEvent = false;
  for await (const chunk of chunks) {
    feed(chunk);
    let text = '';
    try {
      for (const {event, data} of events.splice(0)) {
        sawEvent = true;
        if (data.startsWith('[DONE]')) return;
        if (event === 'error') throw new Error(data || 'an error event');
        const frame = parseFrame(data, badFrame);
        endsWithDone ||=
          isRecord(frame) && (Array.isArray(frame.choices) || AI_SDK_TYPES.has(frame.type as string));
        text += frameText(frame);
      }
    } finally {
      // The text before a [DONE] or an error still reaches the visitor.
      if (text) yield text;
    }
  }
  if (endsWithDone) throw new TypeError('the connection closed before data: [DONE]');
  if (!sawEvent) throw new TypeError('the connection closed before any event');
}

/** The text of newline-delimited JSON: each line a frame `frameText` reads. */
export async function* ndjsonText(chunks: AsyncIterable<string>, badFrame: BadFrame): AsyncGenerator<string> {
  let partial = '';
  const read = (lines: string[]) =>
    lines.map((line) => (line.trim() ? dataText(line, badFrame) : '')).join('');
  for await (const chunk of chunks) {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    const text = read(lines);
    if (text) yield text;
  }
  const text = read([partial]);
  if (text) yield text;
}

/** One message of a JSON reply: the widget's own shapes pass as they are; `{role, content}` becomes text. */
function toMessage(item: unknown): MessageInput {
  if (isRecord(item) && item.type === undefined && typeof (item.content ?? item.text) === 'string') {
    const message = {type: 'text' as const, text: (item.content ?? item.text) as string};
    return typeof item.id === 'string' ? {...message, id: item.id} : message;
  }
  return item as MessageInput;
}

/**
 * The messages of a JSON reply: `{text}`, `{messages: [...]}`, an OpenAI chat
 * completion (`choices[0].message.content`) or an array of messages. Server ids
 * are kept, so a reply that arrives twice is shown once. Undefined for any other shape.
 */
export function jsonReplies(json: unknown): MessageInput[] | undefined {
  if (Array.isArray(json)) return json.map(toMessage);
  if (!isRecord(json)) return undefined;
  if (Array.isArray(json.messages)) return json.messages.map(toMessage);
  if (Array.isArray(json.choices)) {
    const content = (json.choices[0] as {message?: {content?: unknown}} | undefined)?.message?.content;
    return typeof content === 'string' ? [toMessage({content, id: json.id})] : undefined;
  }
  return typeof json.text === 'string' ? [toMessage(json)] : undefined;
}
