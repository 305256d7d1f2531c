import {unsafeCSS, type CSSResult} from 'lit';

/**
 * A `css` tag for stylesheets with no interpolation. Lit's own tag checks every
 * interpolated value and carries that check's long message into the bundle;
 * a constant stylesheet needs none of it. Named `css` so the build's literal
 * minifier still minifies what it tags.
 */
export const css = (strings: TemplateStringsArray): CSSResult => unsafeCSS(strings[0]);
