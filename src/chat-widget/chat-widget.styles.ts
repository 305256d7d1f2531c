import {css} from 'lit';

/**
 * Every colour, the font, radius, sizes and z-index come from a public
 * `--chat-widget-*` property with a default; the private `--_*` names resolve
 * them once. `light-dark()` picks each default by the visitor's colour scheme.
 */
export default css`
  :host {
    color-scheme: light dark;
    --_accent: var(--chat-widget-accent, light-dark(#1d4ed8, #2563eb));
    --_on-accent: var(--chat-widget-accent-text, #fff);
    --_bg: var(--chat-widget-background, light-dark(#fff, #111827));
    --_text: var(--chat-widget-text, light-dark(#1f2937, #f3f4f6));
    --_bot-bg: var(--chat-widget-bot-bubble, light-dark(#eef1f5, #1f2937));
    --_border: var(--chat-widget-border, light-dark(#d1d5db, #4b5563));
    --_radius: var(--chat-widget-radius, 16px);
    --_gap: var(--chat-widget-offset, 20px);
    --_size: var(--chat-widget-launcher-size, 56px);
    position: fixed;
    inset: auto var(--_gap) var(--_gap) auto;
    z-index: var(--chat-widget-z-index, 2147483000);
    font: var(--chat-widget-font-size, 15px) / 1.45
      var(--chat-widget-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  :host([embedded]) {
    position: relative;
    inset: auto;
    z-index: auto;
    display: block;
    height: var(--chat-widget-height, 100%);
  }
  :host([embedded]) section,
  :host([embedded]) [part='panel'] {
    display: flex;
    width: 100%;
    height: 100%;
    animation: none;
  }
  :host([embedded]) [part='launcher'],
  :host([embedded]) [part='proactive'] {
    display: none;
  }
  :host([position='left']) {
    inset: auto auto var(--_gap) var(--_gap);
  }
  * {
    box-sizing: border-box;
  }
  section {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
  }
  :host([position='left']) section {
    align-items: flex-start;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  [part='launcher'] {
    position: relative;
    display: grid;
    place-items: center;
    width: var(--_size);
    height: var(--_size);
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  [part='launcher'] svg {
    width: 28px;
    height: 28px;
    fill: currentColor;
  }
  [part='badge'] {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #b91c1c;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 22px;
  }

  [part='panel'] {
    display: none;
    flex-direction: column;
    width: var(--chat-widget-width, 370px);
    height: var(--chat-widget-height, min(620px, calc(100dvh - var(--_size) - 3 * var(--_gap))));
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
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
    padding: 12px 12px 12px 16px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [part='header'] img {
    width: 36px;
    height: 36px;
    border-radius: 50%;
    object-fit: cover;
  }
  [part='header'] div {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  [part='header'] p {
    margin: 0;
    font-size: 0.85em;
  }
  .icon {
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
  }
  .icon svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
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
  [part='message'] {
    max-width: 85%;
    padding: 8px 12px;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
    content-visibility: auto;
    contain-intrinsic-size: auto 40px;
  }
  .text {
    white-space: pre-wrap;
  }
  .bot {
    align-self: flex-start;
    background: var(--_bot-bg);
    color: var(--chat-widget-bot-bubble-text, var(--_text));
    border-bottom-left-radius: 4px;
  }
  .user {
    align-self: flex-end;
    background: var(--chat-widget-user-bubble, var(--_accent));
    color: var(--chat-widget-user-bubble-text, var(--_on-accent));
    border-bottom-right-radius: 4px;
  }
  [part='message'] img {
    display: block;
    max-width: 100%;
    border-radius: 8px;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 6px;
  }
  .choices button {
    padding: 5px 12px;
    border: 1px solid var(--_accent);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_text);
  }
  .choices button:disabled {
    cursor: default;
    opacity: 0.7;
  }
  .failed {
    align-self: flex-end;
    font-size: 0.85em;
    color: var(--chat-widget-error, light-dark(#b91c1c, #fca5a5));
  }
  .failed button {
    padding: 0;
    border: 0;
    background: none;
    text-decoration: underline;
    color: inherit;
  }
  [part='typing'] {
    display: flex;
    gap: 4px;
    align-self: flex-start;
    padding: 12px 14px;
    border-radius: var(--_radius);
    background: var(--_bot-bg);
  }
  [part='typing'] i {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--chat-widget-muted-text, light-dark(#4b5563, #b6bcc6));
    animation: blink 1.2s infinite both;
  }
  [part='typing'] i:nth-child(3) {
    animation-delay: 0.2s;
  }
  [part='typing'] i:nth-child(4) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    50% {
      opacity: 0.3;
    }
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
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    resize: none;
    field-sizing: content;
  }
  [part='send'] {
    background: var(--_accent);
    color: var(--_on-accent);
    width: 40px;
    height: 40px;
  }
  [part='send']:disabled {
    cursor: default;
    opacity: 0.5;
  }

  [part='proactive'] {
    display: flex;
    flex-direction: column;
    align-items: inherit;
    gap: 8px;
    max-width: min(320px, calc(100vw - 2 * var(--_gap)));
  }
  [part='proactive-message'] {
    padding: 10px 14px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    text-align: start;
    overflow-wrap: anywhere;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.15);
    animation: rise 0.25s ease-out;
  }
  [part='proactive-message'] > button {
    white-space: pre-wrap;
    display: block;
    padding: 0;
    border: 0;
    background: none;
    text-align: inherit;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(6px);
    }
  }
  .more,
  [part='proactive-close'] {
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_text);
    font-size: 0.85em;
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
  @media (prefers-reduced-motion: reduce) {
    *,
    [part] {
      animation: none !important;
      transition: none !important;
    }
  }
`;
