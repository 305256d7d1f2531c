import {html, nothing, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {findLinks} from '../markdown/autolink.js';
import {
  linkUrl,
  safeUrl,
  type Card,
  type ChoiceButton,
  type LocationContent,
  type MessageContent,
  webUrl,
} from '../messages/message.js';

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
}

/** Opens in a new tab without giving the opened page a handle on this one. */
const newTab = (url: string, content: unknown, className?: string) =>
  html`<a class=${ifDefined(className)} href=${url} target="_blank" rel="noopener noreferrer">${content}</a>`;

/** Plain text with its URLs (and www. and email addresses) as links; the rest stays literal. */
export const linkedText = (text: string) =>
  findLinks(text).map((piece) => (typeof piece === 'string' ? piece : newTab(piece.url, piece.text)));

const image = (url: string | undefined, alt = '', width?: number, height?: number) => {
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

const buttons = (list: readonly ChoiceButton[] | undefined, context: ViewContext) =>
  choiceButtons(list, context.send, context.spent);

const card = (content: Card, context: ViewContext, label?: string) =>
  html`<div class="card" role=${ifDefined(label ? 'group' : undefined)} aria-label=${ifDefined(label)}>
    ${content.image ? image(content.image, content.alt) : nothing}
    ${content.title ? html`<p class="title">${content.title}</p>` : nothing}
    ${content.text ? html`<p class="text">${linkedText(content.text)}</p>` : nothing}
    ${buttons(content.buttons, context)}
  </div>`;

/** Scrolls a carousel's row by one card, backwards or forwards. */
function slide(event: Event, direction: -1 | 1) {
  const row = (event.currentTarget as HTMLElement).parentElement!.querySelector('.row')!;
  const [first, second] = row.children as HTMLCollectionOf<HTMLElement>;
  // One card and the gap after it; negative in a right-to-left row, which scrolls towards negative offsets.
  const step = second ? second.offsetLeft - first.offsetLeft : row.clientWidth;
  row.scrollBy({left: direction * step, behavior: 'smooth'});
}

/** After a scroll, a control that can go no further says so (it stays focusable, so focus is not lost). */
function atEdges({currentTarget}: Event) {
  const row = currentTarget as HTMLElement;
  const offset = Math.abs(row.scrollLeft);
  const [previous, next] = row.parentElement!.querySelectorAll(':scope > button');
  // Within 2 px: scroll offsets may be fractional.
  previous.ariaDisabled = String(offset < 2);
  next.ariaDisabled = String(offset + row.clientWidth > row.scrollWidth - 2);
}

const carousel = (cards: readonly Card[], context: ViewContext) =>
  html`<div class="carousel" role="group" aria-label="Carousel, ${cards.length} cards">
    <button class="icon previous" aria-label="Previous card" aria-disabled="true" @click=${(e: Event) => slide(e, -1)}>‹</button>
    <div class="row" @scroll=${{handleEvent: atEdges, passive: true}}>
      ${cards.map((each, index) => card(each, context, `${index + 1} of ${cards.length}`))}
    </div>
    <button class="icon next" aria-label="Next card" aria-disabled=${cards.length < 2} @click=${(e: Event) => slide(e, 1)}>›</button>
  </div>`;

/** The last segment of a URL's path, decoded: what a file is called when it has no name. */
export function fileName(url: string): string {
  const segment = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(segment) || url;
  } catch {
    return segment;
  }
}

/** An OpenStreetMap link with a marker on the place (the map centres on it). */
export const mapUrl = ({latitude, longitude}: LocationContent) =>
  `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}`;

/** Formatters by language and kind: making one costs far more than using it, and every bubble shows a time. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * When a message was sent, in `locale` (the page's language; the browser's when
 * absent or not a valid language tag): the time today, the date and time before.
 */
export function messageTime(timestamp: number, locale?: string, now = Date.now()): string {
  const date = new Date(timestamp);
  const today = date.toDateString() === new Date(now).toDateString();
  const key = `${locale} ${today}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = today ? {timeStyle: 'short'} : {dateStyle: 'medium', timeStyle: 'short'};
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat(undefined, options);
    }
    formatters.set(key, format);
  }
  return format.format(date);
}

/** The content of one message's bubble. */
export function messageView(content: MessageContent, context: ViewContext): TemplateResult | unknown {
  switch (content.type) {
    case 'text':
      return html`<span class="text">${linkedText(content.text)}</span>`;
    case 'markdown':
      return context.markdown(content.text);
    case 'image':
      return image(content.url, content.alt, content.width, content.height);
    case 'choice':
      return html`${content.text ? html`<span class="text">${linkedText(content.text)}</span>` : nothing}
        ${buttons(content.buttons, context)}`;
    case 'card':
      return card(content, context);
    case 'carousel':
      return carousel(content.cards, context);
    // Media load from http(s) URLs only: the model checked them (toContent), whatever their source.
    case 'video':
      return html`<video controls src=${content.url} aria-label=${ifDefined(content.title)} width=${ifDefined(content.width)} height=${ifDefined(content.height)}></video>`;
    case 'audio':
      return html`${content.title ? html`<span class="text">${content.title}</span>` : nothing}
        <audio controls src=${content.url} aria-label=${ifDefined(content.title)}></audio>`;
    case 'file': {
      const url = webUrl(content.url);
      return url ? html`<a class="file" href=${url} download target="_blank" rel="noopener noreferrer">${content.name || fileName(url)}</a>` : content.name;
    }
    case 'location':
      return html`${newTab(mapUrl(content), content.title || 'Open the map', 'place')}
        ${content.address ? html`<span class="text">${content.address}</span>` : nothing}`;
  }
}
