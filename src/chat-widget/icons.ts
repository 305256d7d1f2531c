import {svg} from 'lit';

// Material Symbols paths (Apache-2.0), inlined so the widget makes no requests.
export const chatIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Zm3 6v2h2v-2Zm4 0v2h2v-2Zm4 0v2h2v-2Z" transform="translate(-1 0)"/></svg>`;
export const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12Z"/></svg>`;
export const sendIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20V4l19 8Zm2-3 11.9-5L5 7v3.5l6 1.5-6 1.5Z"/></svg>`;
