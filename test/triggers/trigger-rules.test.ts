import {expect} from '@open-wc/testing';
import {readTrigger, toRule, type TriggerInit} from '../../src/index.js';

const at = (href: string) => new URL(href) as unknown as Location;
const error = (init: TriggerInit) => {
  try {
    toRule(init);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('trigger rules', () => {
  it('fills in the defaults', () => {
    expect(toRule({})).to.deep.include({
      id: '',
      on: 'load',
      delay: 0,
      count: 1,
      depth: 50,
      cooldown: 0,
      max: Infinity,
    });
    expect(toRule({on: 'idle'}).delay).to.equal(30_000);
  });

  it('reads durations: 500ms, 3s, 2m, 1h, or a bare number of ms', () => {
    const delays: Array<[string | number, number]> = [
      ['500ms', 500],
      ['3s', 3000],
      ['1.5s', 1500],
      ['2m', 120_000],
      ['1h', 3_600_000],
      ['250', 250],
      [250, 250],
      [' 10s ', 10_000],
      ['0', 0],
    ];
    for (const [delay, ms] of delays) expect(toRule({delay}).delay, String(delay)).to.equal(ms);
    expect(toRule({cooldown: '10m'}).cooldown).to.equal(600_000);
  });

  it('rejects negative or unparseable durations, naming the attribute', () => {
    for (const delay of ['-1s', -5, 'soon', '3 seconds', '3S', '', NaN, Infinity]) {
      expect(error({delay}), String(delay)).to.equal(`delay "${delay}" is not valid`);
    }
    expect(error({cooldown: '-10m'})).to.equal('cooldown "-10m" is not valid');
  });

  it('takes counts of at least 1, and depth as a percentage', () => {
    expect(toRule({count: '3', max: 2}).count).to.equal(3);
    expect(toRule({max: '2'}).max).to.equal(2);
    for (const count of ['0', 0, -1, '1.5', 'many']) {
      expect(error({count}), String(count)).to.equal(`count "${count}" is not valid`);
    }
    expect(error({max: 0})).to.equal('max "0" is not valid');
    expect(toRule({depth: '75%'}).depth).to.equal(75);
    expect(toRule({depth: 0}).depth).to.equal(0);
    expect(toRule({depth: '100'}).depth).to.equal(100);
    expect(toRule({depth: '12.5'}).depth).to.equal(12.5);
    expect(error({depth: '101'})).to.equal('depth "101" is not valid');
  });

  it('takes any DOM event name as a moment, and rejects what cannot be one', () => {
    for (const on of [
      'load',
      'exit-intent',
      'idle',
      'scroll',
      'click',
      'cart:add',
      'my.event',
      'add_to_cart',
    ]) {
      expect(toRule({on}).on).to.equal(on);
    }
    for (const on of ['exit intent', '', '3s', 'on click']) {
      expect(error({on})).to.equal(`on "${on}" is not valid`);
    }
  });

  it('checks a selector', () => {
    expect(toRule({on: 'click', selector: '.product-card, [data-sku]'}).selector).to.equal(
      '.product-card, [data-sku]'
    );
    expect(error({on: 'click', selector: 'a:nope('})).to.equal('selector "a:nope(" is not valid');
  });

  describe('url', () => {
    const matches = (url: string | RegExp, href: string) => toRule({url}).url!(at(href));

    it('a glob starting with / is matched against the path only', () => {
      expect(matches('/checkout*', 'https://shop.example/checkout')).to.equal(true);
      expect(matches('/checkout*', 'https://shop.example/checkout/pay?step=2')).to.equal(true);
      expect(matches('/checkout', 'https://shop.example/checkout?step=2')).to.equal(true);
      expect(matches('/checkout', 'https://shop.example/checkout/pay')).to.equal(false);
      expect(matches('/checkout*', 'https://shop.example/en/checkout')).to.equal(false);
      expect(matches('/*/checkout', 'https://shop.example/en/checkout')).to.equal(true);
    });

    it('any other glob against the whole URL, its special characters taken literally', () => {
      expect(matches('*', 'https://shop.example/anything?at=all#really')).to.equal(true);
      expect(matches('https://shop.example/*', 'https://shop.example/cart')).to.equal(true);
      expect(matches('https://shop.example/*', 'https://shopXexample/cart')).to.equal(false);
      expect(matches('*?ref=mail*', 'https://shop.example/cart?ref=mail&x=1')).to.equal(true);
      expect(matches('*(sale)*', 'https://shop.example/(sale)')).to.equal(true);
      expect(matches('http*://*.example/*', 'http://a.example/b')).to.equal(true);
    });

    it('rejects a glob that is neither a path nor a URL', () => {
      for (const url of ['checkout*', 'shop.example/*', '/has space', '']) {
        expect(error({url})).to.equal(`url "${url}" is not valid`);
      }
    });

    it('a RegExp is tested against the whole URL, and may not be global or sticky', () => {
      expect(matches(/\/product\/\d+$/, 'https://shop.example/product/42')).to.equal(true);
      expect(matches(/^\/product/, 'https://shop.example/product/42')).to.equal(false);
      expect(error({url: /x/g})).to.equal('url "/x/g" is not valid');
      expect(error({url: /x/y})).to.equal('url "/x/y" is not valid');
    });
  });

  it('gives each message a stable id, from the id or from what the trigger says', () => {
    expect(toRule({id: 'promo', messages: ['a', 'b']}).messages.map((m) => m.id)).to.deep.equal([
      'trigger:promo:0',
      'trigger:promo:1',
    ]);
    expect(toRule({messages: 'Hi'}).messages[0].id).to.equal(toRule({messages: 'Hi'}).messages[0].id);
    expect(toRule({messages: 'Hi'}).key).not.to.equal(toRule({messages: 'Hi', on: 'click'}).key);
  });

  it('reads a <chat-trigger>: attributes camelCased, text collapsed, buttons as choices', () => {
    const element = document.createElement('chat-trigger');
    element.setAttribute('on', 'exit-intent');
    element.setAttribute('once-per-session', '');
    element.setAttribute('send-event', 'proactive-trigger');
    element.append('  Wait!\n  ', Object.assign(document.createElement('em'), {textContent: 'SAVE10'}), ' ');
    element.append(document.createComment('not text'));
    element.append(Object.assign(document.createElement('button'), {textContent: ' Use it ', value: 'use'}));
    expect(readTrigger(element)).to.deep.equal({
      on: 'exit-intent',
      oncePerSession: '',
      sendEvent: 'proactive-trigger',
      messages: {type: 'choice', text: 'Wait! SAVE10', buttons: [{label: 'Use it', payload: 'use'}]},
    });
    const rule = toRule(readTrigger(element), element);
    expect(rule.oncePerSession).to.equal('');
    expect(rule.element).to.equal(element);
    expect(readTrigger(document.createElement('chat-trigger')).messages).to.deep.equal([]);
  });
});
