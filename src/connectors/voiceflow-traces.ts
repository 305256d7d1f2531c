// Voiceflow's traces (the runtime's answer) read into what the widget shows
// and does, in order. The shapes and rules follow Voiceflow's own widget
// (react-chat V2 `Bj` trace handlers): a text trace is drawn from its Slate
// content, else its `message`; a card needs `description`; invalid carousel
// cards are dropped; a `choice` gives the turn its buttons; anything else
// that is not a known bookkeeping trace is a custom action for extensions.
import type {Card, ChoiceButton, MessageInput} from '../messages/message.js';
import {slateToMarkdown} from './voiceflow-slate.js';

/** One trace as the runtime sends it. */
export interface VoiceflowTrace {
  type: string;
  payload?: unknown;
  [field: string]: unknown;
}

/** A Voiceflow button: its name, and the request that pressing it sends. */
export interface VoiceflowButton {
  name: string;
  request: Record<string, unknown>;
}

/** What one trace (or a run of completion traces) becomes. */
export type TraceStep =
  /** A message to show, after `delay` ms behind the typing indicator. */
  | {kind: 'message'; message: MessageInput; delay: number; buttons?: VoiceflowButton[]}
  /** The conversation ended: the input closes. */
  | {kind: 'end'}
  /** Send `{type: 'no-reply'}` after `timeout` seconds without a visitor turn. */
  | {kind: 'no-reply'; timeout: number}
  /** A trace the widget does not draw: a custom action, for extensions and the page. */
  | {kind: 'custom'; trace: VoiceflowTrace};

/** Traces the runtime sends for its own bookkeeping, which Voiceflow's widget ignores. */
const bookkeeping = new Set([
  'block',
  'channel-action',
  // A completion trace whose state is not one of start/content/end (the older
  // completion-start/-continue/-end always have one: see completionPart).
  'completion',
  'debug',
  'entity-filling',
  'flow',
  'goto',
  'knowledgeBase',
  'log',
  'path',
  'speak',
  'stream',
]);

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A positive number of ms (the trace's `delay`), else 0. */
const delayOf = (value: unknown) =>
  typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : 0;

/** Is this a trace at all: an object with a string `type`. */
export const isTrace = (value: unknown): value is VoiceflowTrace => typeof record(value).type === 'string';

/** Voiceflow buttons that are well formed: a name and a request object. */
export function buttonsOf(value: unknown): VoiceflowButton[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((button) => {
    const {name, request} = record(button);
    return typeof name === 'string' && name.trim() && typeof record(request).type === 'string'
      ? [{name, request: request as Record<string, unknown>}]
      : [];
  });
}

/** A button as the widget draws it: the request is its payload, sent back verbatim. */
const toButton = ({name, request}: VoiceflowButton): ChoiceButton => ({label: name, payload: request});

/** A text trace's markdown: its Slate content, else its `message` (which Voiceflow's widget also draws as markdown). */
function textOf(payload: Record<string, unknown>): string {
  const content = record(payload.slate).content;
  const fromSlate = Array.isArray(content) ? slateToMarkdown(content) : '';
  return fromSlate || text(payload.message);
}

/** A card's fields; undefined when it has nothing to show (Voiceflow drops those too). */
function toCard(value: unknown): Card | undefined {
  const {title, description, imageUrl, buttons} = record(value);
  const card: Card = {};
  if (text(title).trim()) card.title = text(title);
  const body = text(record(description).text);
  if (body.trim()) card.text = body;
  if (text(imageUrl)) card.image = text(imageUrl);
  const list = buttonsOf(buttons);
  if (list.length) card.buttons = list.map(toButton);
  return card.title || card.text || card.image ? card : undefined;
}

/** Where a completion trace stands, and the text it adds. */
export interface CompletionPart {
  state: 'start' | 'content' | 'end';
  text: string;
}

const legacyStates: Record<string, CompletionPart['state']> = {
  'completion-start': 'start',
  'completion-continue': 'content',
  'completion-end': 'end',
};

/**
 * A completion trace read in either format: `completion` with `state`
 * start/content/end and `content`, or the older `completion-start/-continue/-end`
 * with `completion` (which `completion-start` may carry already). Undefined for any other trace.
 */
export function completionPart(trace: VoiceflowTrace): CompletionPart | undefined {
  const payload = record(trace.payload);
  const state = trace.type === 'completion' ? payload.state : legacyStates[trace.type];
  if (state !== 'start' && state !== 'content' && state !== 'end') return undefined;
  return {state, text: state === 'end' ? '' : text(payload.content ?? payload.completion)};
}

/**
 * Reads a trace list into steps, in order. Completion traces, in either
 * format (`completion` with `state` start/content/end, or the older
 * `completion-start/-continue/-end`), join into one message. Traces that are
 * not objects with a `type` are reported through `bad` and skipped.
 */
export function readTraces(
  traces: readonly unknown[],
  bad: (reason: string) => void = () => undefined
): TraceStep[] {
  const steps: TraceStep[] = [];
  let completion: string | undefined;
  const endCompletion = () => {
    if (completion?.trim())
      steps.push({kind: 'message', message: {type: 'markdown', text: completion}, delay: 0});
    completion = undefined;
  };
  traces.forEach((trace, index) => {
    if (!isTrace(trace)) return bad(`trace [${index}] is not an object with a type`);
    const part = completionPart(trace);
    if (part) {
      if (part.state === 'end') return endCompletion();
      if (part.state === 'start') completion = '';
      completion = (completion ?? '') + part.text;
      return;
    }
    const payload = record(trace.payload);
    switch (trace.type) {
      case 'text': {
        const markdown = textOf(payload);
        if (markdown.trim())
          steps.push({
            kind: 'message',
            message: {type: 'markdown', text: markdown},
            delay: delayOf(payload.delay ?? record(payload.slate).messageDelayMilliseconds),
          });
        return;
      }
      case 'visual': {
        if (payload.visualType !== undefined && payload.visualType !== 'image') return;
        if (!text(payload.image)) return;
        const {width, height} = record(payload.dimensions);
        const size =
          typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0
            ? {width, height}
            : {};
        steps.push({
          kind: 'message',
          message: {type: 'image', url: text(payload.image), alt: '', ...size},
          delay: 0,
        });
        return;
      }
      case 'cardV2': {
        const card = toCard(payload);
        if (card) steps.push({kind: 'message', message: {type: 'card', ...card}, delay: 0});
        return;
      }
      case 'carousel': {
        const cards = Array.isArray(payload.cards)
          ? payload.cards.map(toCard).filter((card) => card !== undefined)
          : [];
        if (cards.length) steps.push({kind: 'message', message: {type: 'carousel', cards}, delay: 0});
        return;
      }
      case 'choice': {
        const buttons = buttonsOf(payload.buttons);
        if (buttons.length)
          steps.push({
            kind: 'message',
            message: {type: 'choice', text: '', buttons: buttons.map(toButton)},
            delay: 0,
            buttons,
          });
        return;
      }
      case 'no-reply': {
        const timeout = payload.timeout;
        if (typeof timeout === 'number' && timeout > 0) steps.push({kind: 'no-reply', timeout});
        return;
      }
      case 'end':
        steps.push({kind: 'end'});
        return;
      default:
        if (!bookkeeping.has(trace.type)) steps.push({kind: 'custom', trace});
    }
  });
  // A completion the runtime never closed still says what it said.
  endCompletion();
  return steps;
}
