import {expect} from '@open-wc/testing';
import sinon from 'sinon';
import {safeColor} from '../../src/chat-widget/safe-color.js';
import {configure} from '../../src/shims/shim-target.js';
import {widget} from '../helpers.js';

describe('config colours', () => {
  afterEach(() => sinon.restore());

  it('accept only CSS colours', () => {
    for (const color of ['red', '#0a7', 'rgb(0 120 0 / 50%)', 'hsl(200deg 50% 40%)', 'transparent'])
      expect(safeColor(color), color).to.equal(color);
    for (const value of [
      'url(https://x.test/a.png)',
      'red; background: url(x)',
      'expression(alert(1))',
      '',
      5,
      null,
      {},
    ])
      expect(safeColor(value), String(value)).to.equal(undefined);
  });

  for (const [product, config] of [
    ['Voiceflow assistant.color', (color: unknown) => ({assistant: {color}})],
    ['Botpress configuration.color', (color: unknown) => ({configuration: {color}})],
  ] as const) {
    it(`set ${product} as the accent, and report anything else without loading it`, async () => {
      const warn = sinon.stub(console, 'warn');
      const el = await widget();
      const errors: string[] = [];
      el.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}:${e.detail.error.message}`));
      configure(el, config('rgb(0, 120, 0)'));
      expect(el.style.getPropertyValue('--chat-widget-accent')).to.equal('rgb(0, 120, 0)');
      configure(el, config('url(https://tracker.test/pixel.png)'));
      configure(el, config(42));
      expect(el.style.getPropertyValue('--chat-widget-accent')).to.equal('rgb(0, 120, 0)');
      expect(errors).to.deep.equal([
        'attribute:color must be a CSS color, got "url(https://tracker.test/pixel.png)"',
        'attribute:color must be a CSS color, got number',
      ]);
      expect(warn.callCount).to.equal(2);
    });
  }
});
