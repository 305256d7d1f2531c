import {html} from 'lit';

// Inlined, so the widget makes no requests; decorative, so hidden from screen readers.
const icon = (path: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${path} /></svg>`;

export const chatIcon = icon('M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4z');
export const closeIcon = icon(
  'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12Z'
);
export const sendIcon = icon('M3 20V4l19 8Zm2-3 11.9-5L5 7v3.5l6 1.5-6 1.5Z');
/** A thumb up; the thumb-down button turns it over (styles). */
export const thumbIcon = icon('M2 21h4V9H2Zm20-11q0-2-2-2h-6l1-5-1-2-7 7v12h11l4-8Z');
