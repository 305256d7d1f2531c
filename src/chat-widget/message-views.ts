import {html, nothing, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import type {Strings} from '../i18n/strings.js';
import type {FoundLink} from '../markdown/autolink.js';
import {linkUrl, safeUrl, type ChoiceButton, type MessageContent} from '../messages/message.js';
import type {RichContent} from './rich-views.js';

/**
 * How each message type is drawn inside its bubble: compact Lit templates, kept
 * out of the element so it stays thin. Every URL is checked again here (stored
 * and pushed messages were validated, but a view never trusts its input), and
 * every text is bound as text.
 */

/** What a view needs from the element. */
export interface ViewContext {
  /** A button that sends (not a link) was pressed: `index` is its place among the message's buttons. */
  send(button: ChoiceButton, index: number): void;
  /** The choice's set of buttons is spent (one was chosen). */
  spent: boolean;
  /** A markdown text, drawn (or plain text until the renderer has loaded). */
  markdown(text: string): unknown;
  /** A plain text with its URLs as links (literal until the renderer, which finds them, has loaded). */
  linked(text: string): unknown;
  /** A card, carousel, medium, file or place: drawn by the lazily loaded rich views (plain text until then). */
  rich(content: RichContent): unknown;
  /** The interface strings, in the widget's language. */
  strings: Strings;
}

/** What the lazily loaded rich views take from here, so they carry no Lit of their own. */
export interface ViewParts {
  html: typeof html;
  nothing: typeof nothing;
  ifDefined: typeof ifDefined;
  newTab: typeof newTab;
  image: typeof image;
  buttons: typeof buttons;
}

/** The parts, in one object the element hands the rich views. */
export const viewParts = (): ViewParts => ({html, nothing, ifDefined, newTab, image, buttons});

/** Opens in a new tab without giving the opened page a handle on this one. */
export const newTab = (url: string, content: unknown, className?: string) =>
  html`<a class=${ifDefined(className)} href=${url} target="_blank" rel="noopener noreferrer">${content}</a>`;

/** Text pieces as `findLinks()` gives them, the links drawn as links that open in a new tab. */
export const linkedPieces = (pieces: ReadonlyArray<string | FoundLink>) =>
  pieces.map((piece) => (typeof piece === 'string' ? piece : newTab(piece.url, piece.text)));

export const image = (url: string | undefined, alt = '', width?: number, height?: number) => {
  const src = safeUrl(url);
  // The width and height attributes give the image its aspect ratio before it loads: no layout shift.
  return src
    ? html`<img src=${src} alt=${alt} width=${ifDefined(width)} height=${ifDefined(height)} loading="lazy" />`
    : alt;
};

/**
 * Buttons that send (their payload, else their label), and links drawn as buttons that open
 * their URL; `spent` disables the sending ones (a choice already made).
 */
export function choiceButtons(
  list: readonly ChoiceButton[] | undefined,
  send: (button: ChoiceButton, index: number) => void,
  spent = false
) {
  if (!list?.length) return nothing;
  return html`<div class="choices">
    ${list.map((button, index) => {
      const url = button.url === undefined ? undefined : linkUrl(button.url);
      if (url) return newTab(url, button.label, 'button');
      return html`<button ?disabled=${spent} @click=${() => send(button, index)}>${button.label}</button>`;
    })}
  </div>`;
}

export const buttons = (list: readonly ChoiceButton[] | undefined, context: ViewContext) =>
  choiceButtons(list, context.send, context.spent);

/** Formatters by language and kind: making one costs far more than using it, and every bubble shows a time. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function formatter<Format extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  make: () => Format
): Format {
  let format = formatters.get(kind) as Format | undefined;
  if (!format) formatters.set(kind, (format = make()));
  return format;
}

const startOfDay = (time: number) => new Date(time).setHours(0, 0, 0, 0);

/**
 * When a message was sent, in the widget's language (`locale`, a valid
 * language tag): the time today; "yesterday" and the time the day before
 * (`Intl.RelativeTimeFormat`'s word for it); the date and time before that.
 */
export function messageTime(timestamp: number, locale: string, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(timestamp)) / 86_400_000);
  if (days !== 0 && days !== 1)
    return formatter(
      `${locale} date`,
      () => new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short'})
    ).format(timestamp);
  const time = formatter(
    `${locale} time`,
    () => new Intl.DateTimeFormat(locale, {timeStyle: 'short'})
  ).format(timestamp);
  if (days === 0) return time;
  const yesterday = formatter(
    `${locale} day`,
    () => new Intl.RelativeTimeFormat(locale, {numeric: 'auto'})
  ).format(-1, 'day');
  // "Yesterday 14:05": the word starts the label, so it is capitalized where the language has capitals.
  return `${yesterday[0].toLocaleUpperCase(locale)}${yesterday.slice(1)} ${time}`;
}

/** The content of one message's bubble. */
export function messageView(content: MessageContent, context: ViewContext): TemplateResult | unknown {
  switch (content.type) {
    case 'text':
      return html`<span class="text" dir="auto">${context.linked(content.text)}</span>`;
    case 'markdown':
      return context.markdown(content.text);
    case 'image':
      return image(content.url, content.alt, content.width, content.height);
    case 'choice':
      return html`${content.text ? html`<span class="text" dir="auto">${context.linked(content.text)}</span>` : nothing}
        ${buttons(content.buttons, context)}`;
    default:
      return context.rich(content);
  }
}
