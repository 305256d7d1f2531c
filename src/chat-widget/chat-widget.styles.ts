import {css} from 'lit';

/**
 * Every colour, the font, radius, sizes and z-index come from a public
 * `--chat-widget-*` property with a default. The private `--_*` properties
 * resolve each public one and its default once, on `:host`, so the rules below
 * read `var(--_accent)`; `--_align` is the side the stack lines up on.
 *
 * Sides are logical (inline start and end, block end): the widget lays itself
 * out right to left when its direction is (its `dir`, else the page's), with
 * no rule of its own. Only the `right` and `left` positions are physical.
 * `light-dark()` picks each default by the visitor's colour scheme. (The build
 * shortens the private names in the bundles: see rollup.config.js.)
 *
 * \`all: initial\` first: no inherited property of the host page (text-align,
 * text-transform, letter-spacing, white-space, line-height, font-style…) reaches
 * the widget; the rules after it set what the widget wants. (A page can still
 * style the host itself, e.g. \`chat-widget { color-scheme: dark }\`.)
 *
 * Selectors spell the part names of ./parts.ts as literals: a stylesheet with
 * interpolations is left unminified by the build. test/chat-widget/parts.test.ts
 * checks that the two agree.
 */
export default css`
  :host {
    all: initial;
    color-scheme: light dark;
    --_accent: var(--chat-widget-accent, light-dark(#1d4ed8, #2563eb));
    --_accent-text: var(--chat-widget-accent-text, #fff);
    --_background: var(--chat-widget-background, light-dark(#fff, #111827));
    --_text: var(--chat-widget-text, light-dark(#1f2937, #f3f4f6));
    --_bot-bubble: var(--chat-widget-bot-bubble, light-dark(#eef1f5, #1f2937));
    --_border: var(--chat-widget-border, light-dark(#d1d5db, #4b5563));
    --_radius: var(--chat-widget-radius, 16px);
    --_offset: var(--chat-widget-offset, 20px);
    --_launcher-size: var(--chat-widget-launcher-size, 56px);
    position: fixed;
    inset: auto;
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    z-index: var(--chat-widget-z-index, 2147483000);
    font: var(--chat-widget-font-size, 15px) / 1.45
      var(--chat-widget-font, system-ui, sans-serif);
    color: var(--_text);
  }
  :host([hidden]),
  :host([embedded]) :is([part='launcher'], [part='proactive']) {
    display: none;
  }
  :host([position='start']) {
    inset-inline: var(--_offset) auto;
  }
  :host([position='right']) {
    inset-inline: auto;
    right: var(--_offset);
  }
  :host([position='left']) {
    inset-inline: auto;
    left: var(--_offset);
  }
  /* The stack, panel and launcher line up on the side of the corner. */
  :host([position='start']),
  :host([position='left']:dir(ltr)),
  :host([position='right']:dir(rtl)) {
    --_align: flex-start;
  }
  :host([embedded]) {
    position: relative;
    inset: auto;
    z-index: auto;
    display: block;
    height: var(--chat-widget-height, 100%);
  }
  :host([embedded]) :is(section, [part='panel']) {
    display: flex;
    height: 100%;
    width: 100%;
    animation: none;
  }
  * {
    box-sizing: border-box;
    margin: 0;
  }
  section {
    display: flex;
    flex-direction: column;
    align-items: var(--_align, flex-end);
    gap: 12px;
  }
  button {
    font: inherit;
    color: inherit;
    text-align: inherit;
    cursor: pointer;
    padding: 0;
    border: 0;
    background: none;
  }
  :disabled {
    cursor: default;
    opacity: 0.6;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  svg {
    width: 50%;
    fill: currentColor;
  }
  img,
  video {
    display: block;
    max-width: 100%;
    height: auto;
  }
  a {
    color: inherit;
  }
  [part='launcher'],
  [part='header'] img,
  .sender img,
  .icon {
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    border-radius: 50%;
  }
  [part='launcher'],
  [part='header'],
  [part='send'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  [part='launcher'] {
    position: relative;
    width: var(--_launcher-size);
    height: var(--_launcher-size);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  [part='badge'] {
    position: absolute;
    top: -4px;
    inset-inline-end: -4px;
    padding: 0 7px;
    border-radius: 11px;
    background: #b91c1c;
    color: #fff;
    font: 700 12px/22px inherit;
  }

  [part='panel'] {
    display: none;
    flex-direction: column;
    width: var(--chat-widget-width, 370px);
    height: var(--chat-widget-height, min(620px, calc(100dvh - var(--_launcher-size) - 3 * var(--_offset))));
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.2);
  }
  :host([open]) [part='panel'] {
    display: flex;
    animation: rise 0.2s ease-out;
  }
  [part='header'] {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px;
    padding-inline-start: 16px;
  }
  [part='header'] div {
    flex: 1;
  }
  h2 {
    font-size: 1.05em;
  }
  /* Small print: the header's description and the status line, not the paragraphs of messages. */
  [part='header'] p,
  [part='status'],
  .failed,
  .more,
  [part='proactive-close'] {
    font-size: 0.85em;
  }

  [part='transcript'] {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 16px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  [part='message'],
  [part='typing'] {
    position: relative;
    max-width: 85%;
    padding: 8px 12px;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .text,
  [part='proactive-message'] > button {
    display: block;
    white-space: pre-wrap;
    /* Mixed-direction text: each line runs in the direction of its own first strong letter. */
    unicode-bidi: plaintext;
  }
  .bot,
  [part='typing'] {
    align-self: flex-start;
    background: var(--_bot-bubble);
    color: var(--chat-widget-bot-bubble-text, var(--_text));
    border-end-start-radius: 4px;
  }
  .user,
  .failed {
    align-self: flex-end;
  }
  .sender {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.8em;
  }
  .sender img {
    width: 24px;
    height: 24px;
    object-fit: cover;
  }
  /* The time is always in the accessibility tree; it shows, in the gap under its bubble, on hover and focus. */
  .time {
    position: absolute;
    top: 100%;
    color: var(--_text);
    font-size: 0.7em;
    white-space: nowrap;
    pointer-events: none;
    opacity: 0;
  }
  :is([part='message']:hover, [part='message']:focus-within, [part='transcript']:focus-visible) .time {
    opacity: 1;
  }
  .welcome {
    margin: auto 0;
    text-align: center;
  }
  .dots {
    display: flex;
    gap: 4px;
    padding: 6px 0;
  }
  .dots i {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.5;
    animation: blink 1.2s infinite both;
  }
  .dots i + i {
    animation-delay: 0.2s;
  }
  .dots i + i + i {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    30% {
      opacity: 1;
      transform: translateY(-3px);
    }
  }
  .feedback {
    display: flex;
    gap: 2px;
    margin-top: 4px;
  }
  .feedback .icon {
    width: 28px;
    height: 28px;
    opacity: 0.6;
  }
  .feedback [aria-pressed='true'] {
    opacity: 1;
    color: var(--_accent);
  }
  .down svg {
    transform: rotate(180deg);
  }
  .choices a {
    text-decoration: none;
  }
  /* A link opens a page: it says so, unlike the buttons beside it. */
  .choices a::after {
    content: ' ↗';
  }
  .choices a:dir(rtl)::after {
    content: ' ↖';
  }
  /* Arrows point the way the text runs. */
  [part='send']:dir(rtl) svg {
    transform: scaleX(-1);
  }
  .user {
    background: var(--chat-widget-user-bubble, var(--_accent));
    color: var(--chat-widget-user-bubble-text, var(--_accent-text));
    border-end-end-radius: 4px;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 6px;
  }
  .choices :is(button, a),
  .failed button,
  .ended button,
  .more,
  [part='proactive-close'] {
    padding: 4px 12px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_background);
  }
  .failed {
    color: var(--chat-widget-error, light-dark(#b91c1c, #fca5a5));
  }
  /* The streaming bubble's wrapper lays it out like the transcript's own bubbles. */
  .stream {
    display: flex;
    flex-direction: column;
  }
  .stream:empty,
  [part='status']:empty {
    display: none;
  }
  .note {
    display: block;
    margin-top: 4px;
    font-size: 0.8em;
    font-style: italic;
  }
  [part='status'] {
    padding: 6px 16px;
    border-bottom: 1px solid var(--_border);
    text-align: center;
  }

  [part='composer'] {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 12px;
    border-top: 1px solid var(--_border);
  }
  [part='input'] {
    flex: 1;
    max-height: 8em;
    min-height: 40px;
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: 20px;
    background: var(--_background);
    color: inherit;
    font: inherit;
    resize: none;
    field-sizing: content;
  }
  .ended {
    align-items: center;
    justify-content: space-between;
  }
  [part='send'] {
    width: 40px;
    height: 40px;
  }
  [part='stop'] {
    height: 40px;
    padding: 0 14px;
    border: 1px solid var(--_border);
    border-radius: 20px;
    background: var(--_background);
    color: inherit;
  }

  [part='proactive'],
  [part='proactive'] > div {
    display: flex;
    flex-direction: column;
    align-items: inherit;
    gap: 8px;
    max-width: min(320px, calc(100vw - 2 * var(--_offset)));
  }
  [part='proactive-message'] {
    padding: 10px 14px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    overflow-wrap: anywhere;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.15);
    animation: rise 0.25s ease-out;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(6px);
    }
  }

  @media (max-width: 480px) {
    :host([open]) {
      inset: 0;
    }
    :host([open]) [part='panel'] {
      position: fixed;
      inset: 0;
      width: 100vw;
      height: 100dvh;
      border: 0;
      border-radius: 0;
    }
    :host([open]) [part='launcher'] {
      display: none;
    }
  }
  /* 16 px at least on touch screens: iOS zooms the page into a smaller input on focus. */
  @media (pointer: coarse) {
    [part='input'] {
      font-size: max(16px, 1em);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
    }
  }
`;
