import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import type {ChatWidget} from '../../src/index.js';
import {itWithMediaEmulation} from '../engines.js';
import {animationsDone, part, parts, settle, uniqueKey} from '../helpers.js';

/** What a careless host page (or a Vite template's `#app`) sets on everything the widget inherits from. */
const hostPageStyle = `
  text-align: center; text-transform: uppercase; letter-spacing: 5px; word-spacing: 9px;
  text-indent: 40px; white-space: nowrap; line-height: 3; font-style: italic;
  font-variant: small-caps; text-shadow: 1px 1px red; font-weight: 700; word-break: break-all;
  color: rgb(255, 0, 0); font-family: serif; font-size: 30px; cursor: wait; list-style-type: square;
`;

describe('the widget against the host page', () => {
  it('inherits no text property from the page around it', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div style=${hostPageStyle}><chat-widget storage-key=${uniqueKey()} open></chat-widget></div>`
    );
    const el = wrapper.querySelector<ChatWidget>('chat-widget')!;
    await el.reply(['A bot message with some words in it', {type: 'markdown', text: '- an item'}]);
    await settle(el);
    const bubble = parts(el, 'message')[0];
    const style = getComputedStyle(bubble.querySelector('.text')!);
    expect({
      textAlign: style.textAlign,
      textTransform: style.textTransform,
      letterSpacing: style.letterSpacing,
      wordSpacing: style.wordSpacing,
      textIndent: style.textIndent,
      fontStyle: style.fontStyle,
      fontVariant: style.fontVariant,
      textShadow: style.textShadow,
      fontWeight: style.fontWeight,
      wordBreak: style.wordBreak,
      fontSize: style.fontSize,
      cursor: style.cursor,
    }).to.deep.equal({
      textAlign: 'start',
      textTransform: 'none',
      letterSpacing: 'normal',
      wordSpacing: '0px',
      textIndent: '0px',
      fontStyle: 'normal',
      fontVariant: 'normal',
      textShadow: 'none',
      fontWeight: '400',
      wordBreak: 'normal',
      fontSize: '15px',
      cursor: 'auto',
    });
    // The widget's own line height and wrapping, not the page's.
    expect(parseFloat(style.lineHeight)).to.be.closeTo(15 * 1.45, 0.5);
    expect(getComputedStyle(bubble).whiteSpace).to.equal('normal');
    expect(style.color).not.to.equal('rgb(255, 0, 0)');
    expect(style.fontFamily).not.to.equal('serif');
    expect(getComputedStyle(part(el, 'input')).textAlign).to.equal('start');
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('keeps the input at 16 px or more on touch screens, so iOS does not zoom in', async () => {
    const el = await fixture<ChatWidget>(html`<chat-widget storage-key=${uniqueKey()} open></chat-widget>`);
    await settle(el);
    // Find the rule the widget applies under `(pointer: coarse)`, whatever pointer the test browser has.
    const sheets = [...el.shadowRoot!.adoptedStyleSheets];
    const coarse = sheets
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText === '(pointer: coarse)');
    expect(coarse).to.have.length(1);
    const rule = [...coarse[0].cssRules][0] as CSSStyleRule;
    expect(part(el, 'input').matches(rule.selectorText)).to.equal(true);
    expect(rule.style.fontSize).to.equal('max(16px, 1em)');
    // Applied as a touch screen would, it makes the 15 px input 16 px.
    const probe = new CSSStyleSheet();
    probe.replaceSync(`${rule.selectorText} { ${rule.style.cssText} }`);
    el.shadowRoot!.adoptedStyleSheets = [...sheets, probe];
    expect(getComputedStyle(part(el, 'input')).fontSize).to.equal('16px');
    el.shadowRoot!.adoptedStyleSheets = sheets;
    // Without it, the input follows the pointer the browser reports.
    const touch = matchMedia('(pointer: coarse)').matches;
    expect(getComputedStyle(part(el, 'input')).fontSize).to.equal(touch ? '16px' : '15px');
  });

  itWithMediaEmulation('follows the colour scheme, and a page forces one with color-scheme on the element', async () => {
    const el = await fixture<ChatWidget>(html`<chat-widget storage-key=${uniqueKey()} open></chat-widget>`);
    await settle(el);
    const panel = () => getComputedStyle(part(el, 'panel')).backgroundColor;
    await emulateMedia({colorScheme: 'dark'});
    try {
      expect(panel()).to.equal('rgb(17, 24, 39)');
      el.style.colorScheme = 'light';
      expect(panel()).to.equal('rgb(255, 255, 255)');
      await emulateMedia({colorScheme: 'light'});
      el.style.colorScheme = 'dark';
      expect(panel()).to.equal('rgb(17, 24, 39)');
    } finally {
      await emulateMedia({colorScheme: 'no-preference'});
    }
  });
});
