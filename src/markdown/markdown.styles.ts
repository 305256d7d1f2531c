/**
 * The CSS for what the markdown renderer draws, scoped to a container with
 * the class `markdown` (the element gives its markdown bubbles that class and
 * adopts this text in its shadow root). Sizes suit a chat bubble: headings
 * stay close to the body text. Colours follow the bubble's own text colour
 * (`currentColor`, mixed with transparency), so the same rules read well on
 * the bot's light bubble, the visitor's accent bubble and in dark mode.
 * Borders follow the public `--chat-widget-border` when a page sets it. The
 * element's private `--_*` properties are not used: the build renames them
 * chunk by chunk (rollup.config.js), so in this lazily loaded chunk the same
 * name would stand for another property.
 *
 * A plain string, not Lit's `css`: this module loads lazily and without Lit.
 */
export const markdownStyles = `
.markdown {
  white-space: normal;
  overflow-wrap: anywhere;
}
.markdown > :first-child {
  margin-top: 0;
}
.markdown > :last-child {
  margin-bottom: 0;
}
.markdown :is(p, ul, ol, blockquote, pre, hr, .code-block, .table, h1, h2, h3, h4, h5, h6) {
  margin: 0 0 0.6em;
}
.markdown :is(h1, h2, h3, h4, h5, h6) {
  margin-top: 0.8em;
  font-weight: 650;
  line-height: 1.25;
}
.markdown h1 {
  font-size: 1.3em;
}
.markdown h2 {
  font-size: 1.2em;
}
.markdown h3 {
  font-size: 1.1em;
}
.markdown :is(h4, h5, h6) {
  font-size: 1em;
}
.markdown h6 {
  opacity: 0.8;
}
.markdown :is(ul, ol) {
  padding-inline-start: 1.4em;
}
.markdown li > :is(p, ul, ol) {
  margin: 0;
}
.markdown li + li {
  margin-top: 0.2em;
}
.markdown a {
  color: inherit;
  text-decoration: underline;
  text-underline-offset: 2px;
}
.markdown img {
  max-width: 100%;
  height: auto;
}
.markdown blockquote {
  padding-inline-start: 0.75em;
  border-inline-start: 3px solid var(--chat-widget-border, color-mix(in srgb, currentColor 35%, transparent));
  opacity: 0.9;
}
.markdown hr {
  border: 0;
  border-top: 1px solid var(--chat-widget-border, color-mix(in srgb, currentColor 35%, transparent));
}
.markdown code {
  font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  padding: 0.1em 0.3em;
  border-radius: 4px;
  background: color-mix(in srgb, currentColor 10%, transparent);
}
.markdown .code-block {
  position: relative;
}
.markdown pre {
  margin: 0;
  padding: 0.6em 0.75em;
  padding-top: 2em;
  overflow-x: auto;
  border-radius: 8px;
  background: color-mix(in srgb, currentColor 10%, transparent);
  white-space: pre;
  overflow-wrap: normal;
}
.markdown pre code {
  padding: 0;
  background: none;
}
.markdown .copy {
  position: absolute;
  top: 0.3em;
  inset-inline-end: 0.3em;
  padding: 0.15em 0.6em;
  border: 1px solid color-mix(in srgb, currentColor 30%, transparent);
  border-radius: 6px;
  background: transparent;
  color: inherit;
  font: inherit;
  font-size: 0.8em;
  cursor: pointer;
}
.markdown .copy:focus-visible,
.markdown .table:focus-visible {
  outline: 2px solid currentColor;
  outline-offset: 2px;
}
.markdown .table {
  max-width: 100%;
  overflow-x: auto;
}
.markdown table {
  border-collapse: collapse;
  font-size: 0.95em;
}
.markdown :is(th, td) {
  padding: 0.3em 0.6em;
  border: 1px solid var(--chat-widget-border, color-mix(in srgb, currentColor 30%, transparent));
  text-align: start;
  vertical-align: top;
  overflow-wrap: normal;
}
.markdown th {
  background: color-mix(in srgb, currentColor 8%, transparent);
}
.markdown :is(th, td)[align='center'] {
  text-align: center;
}
.markdown :is(th, td)[align='right'] {
  text-align: end;
}
.markdown :is(p, li, h1, h2, h3, h4, h5, h6, th, td) {
  /* Mixed-direction text: each paragraph runs in the direction of its own first strong letter. */
  unicode-bidi: plaintext;
}
/* Code reads left to right in every language. */
.markdown pre {
  direction: ltr;
  text-align: left;
}
.markdown del {
  opacity: 0.75;
}
`;
