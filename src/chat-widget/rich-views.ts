import type {TemplateResult} from 'lit';
import {
  webUrl,
  type Card,
  type CarouselContent,
  type CardContent,
  type AudioContent,
  type FileContent,
  type LocationContent,
  type VideoContent,
} from '../messages/message.js';
import type {ViewContext, ViewParts} from './message-views.js';

/** The message types drawn by this module: the ones only some conversations have. */
export type RichContent =
  CardContent | CarouselContent | VideoContent | AudioContent | FileContent | LocationContent;

/**
 * Cards, carousels, media, files and places. They come in a file of their own,
 * fetched the first time a conversation shows one (see rollup.config.js,
 * `lazyFiles`), so they get Lit's `html` and the shared views from the element
 * (`parts`) instead of bundling a second copy of Lit. Every URL is checked again
 * here, and every text is bound as text.
 */
export function richView(
  content: RichContent,
  context: ViewContext,
  parts: ViewParts
): TemplateResult | unknown {
  const {html, nothing, ifDefined, newTab, image, buttons} = parts;

  const card = (each: Card, label?: string) =>
    html`<div class="card" role=${ifDefined(label ? 'group' : undefined)} aria-label=${ifDefined(label)}>
      ${each.image ? image(each.image, each.alt) : nothing}
      ${each.title ? html`<p class="title" dir="auto">${each.title}</p>` : nothing}
      ${each.text ? html`<p class="text" dir="auto">${context.linked(each.text)}</p>` : nothing}
      ${buttons(each.buttons, context)}
    </div>`;

  switch (content.type) {
    case 'card':
      return card(content);
    case 'carousel': {
      const {cards} = content;
      const {strings} = context;
      const count = cards.length;
      // The arrows are drawn left to right (engines do not all mirror ‹ and › in right-to-left text)
      // and turned round by the styles in a right-to-left widget, so each points outwards.
      return html`<div class="carousel" role="group" aria-label=${strings.count('carousel', count)}>
        <button class="icon previous" aria-label=${strings.text('previousCard')} aria-disabled="true" @click=${(e: Event) => slide(e, -1)}><span dir="ltr">‹</span></button>
        <div class="row" @scroll=${{handleEvent: atEdges, passive: true}}>
          ${cards.map((each, index) => card(each, strings.text('cardOf', {index: index + 1, count})))}
        </div>
        <button class="icon next" aria-label=${strings.text('nextCard')} aria-disabled=${cards.length < 2} @click=${(e: Event) => slide(e, 1)}><span dir="ltr">›</span></button>
      </div>`;
    }
    // Media load from http(s) URLs only: the model checked them (toContent), whatever their source.
    case 'video':
      return html`<video controls src=${content.url} aria-label=${ifDefined(content.title)} width=${ifDefined(content.width)} height=${ifDefined(content.height)}></video>`;
    case 'audio':
      return html`${content.title ? html`<span class="text" dir="auto">${content.title}</span>` : nothing}
        <audio controls src=${content.url} aria-label=${ifDefined(content.title)}></audio>`;
    case 'file': {
      const url = webUrl(content.url);
      return url
        ? html`<a class="file" href=${url} download target="_blank" rel="noopener noreferrer">${content.name || fileName(url)}</a>`
        : content.name;
    }
    case 'location':
      return html`${newTab(mapUrl(content), content.title || context.strings.text('openMap'), 'place')}
        ${content.address ? html`<span class="text" dir="auto">${content.address}</span>` : nothing}`;
  }
}

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

/** The styles of what this module draws, adopted by the element when it loads. */
export const richStyles = `
  [data-type='card'],
  [data-type='carousel'] {
    padding: 0;
  }
  .card {
    overflow: hidden;
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding-bottom: 10px;
    background: var(--_bot-bubble);
    border-radius: var(--_radius);
  }
  .card > :not(img) {
    margin: 0 12px;
  }
  .card > :first-child:not(img) {
    margin-top: 10px;
  }
  .card img {
    width: 100%;
    aspect-ratio: 16 / 9;
    object-fit: cover;
  }
  .title {
    font-weight: 650;
  }
  [data-type='carousel'] {
    width: 85%;
    background: none;
  }
  .carousel {
    position: relative;
  }
  .row {
    display: flex;
    gap: 8px;
    overflow-x: auto;
    scroll-snap-type: x mandatory;
    scrollbar-width: none;
  }
  .row .card {
    flex: 0 0 85%;
    scroll-snap-align: start;
  }
  .carousel > button {
    position: absolute;
    top: 30%;
    z-index: 1;
    border: 1px solid var(--_border);
    background: var(--_background);
    font-size: 1.4em;
  }
  .carousel > [aria-disabled='true'] {
    opacity: 0.3;
    cursor: default;
  }
  .previous {
    inset-inline-start: 4px;
  }
  .carousel > button > span {
    display: inline-block;
  }
  .carousel:dir(rtl) > button > span {
    transform: scaleX(-1);
  }
  .next {
    inset-inline-end: 4px;
  }
  video,
  audio {
    width: 100%;
    min-width: 220px;
  }
  .file::before {
    content: '↓ ';
  }
`;
