import {expect, oneEvent} from '@open-wc/testing';
import sinon from 'sinon';
import {atUrl, engineArmed, fakeClock, stack, withTriggers} from './trigger-fixtures.js';
import {itWhere} from '../engines.js';

describe('trigger url filter and SPA navigation', () => {
  let clock: sinon.SinonFakeTimers;
  let url: ReturnType<typeof atUrl>;
  beforeEach(() => {
    clock = fakeClock();
    url = atUrl();
  });
  afterEach(() => {
    sinon.restore();
    url.restore();
  });

  it('a glob starting with / is tested against the path; * matches anything', async () => {
    url.go('/category/shoes/trail?sort=price#top');
    const el = await withTriggers(
      `<chat-trigger url="/category/shoes*">Shoes</chat-trigger>
       <chat-trigger url="/category/*/trail">Any trail</chat-trigger>
       <chat-trigger url="/category/shoes">Exact path only</chat-trigger>
       <chat-trigger url="/category/shoes/trail?sort=price">Query is not part of the path</chat-trigger>`
    );
    await clock.tickAsync(0);
    expect(stack(el)).to.deep.equal(['Shoes', 'Any trail']);
  });

  it('any other glob is tested against the whole URL', async () => {
    url.go('/product/trail-runner?color=red');
    const el = await withTriggers(
      `<chat-trigger url="*?color=red">Red</chat-trigger>
       <chat-trigger url="http*://*/product/*">Product</chat-trigger>
       <chat-trigger url="https://shop.example/*">Other site</chat-trigger>`
    );
    await clock.tickAsync(0);
    expect(stack(el)).to.deep.equal(['Red', 'Product']);
  });

  it('a RegExp from JS is tested against the whole URL', async () => {
    url.go('/product/42');
    const el = await withTriggers('');
    el.triggers = [
      {messages: 'Numbered product', url: /\/product\/\d+$/},
      {messages: 'Anchored to the path: no match', url: /^\/product/},
    ];
    await engineArmed();
    await clock.tickAsync(0);
    expect(stack(el)).to.deep.equal(['Numbered product']);
  });

  it('all conditions must hold: a click on the right element on the wrong page does not count', async () => {
    const button = document.createElement('button');
    button.className = 'buy';
    document.body.append(button);
    try {
      const el = await withTriggers(
        '<chat-trigger on="click" selector=".buy" url="/product/*">Questions?</chat-trigger>'
      );
      button.click();
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      url.go('/product/1');
      button.click();
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Questions?']);
    } finally {
      button.remove();
    }
  });

  describe('re-checked on SPA navigation', () => {
    it('pushState into a matching path arms the trigger: a load delay counts from there', async () => {
      const el = await withTriggers(
        '<chat-trigger delay="3s" url="/category/shoes*" clear>Chat with me for 20% off shoes</chat-trigger>'
      );
      await clock.tickAsync(5000);
      expect(stack(el)).to.deep.equal([]);
      url.go('/category/shoes');
      await clock.tickAsync(2999);
      expect(stack(el)).to.deep.equal([]);
      await clock.tickAsync(1);
      expect(stack(el)).to.deep.equal(['Chat with me for 20% off shoes']);
    });

    it('navigating away cancels a pending delay and removes its listeners', async () => {
      url.go('/category/shoes');
      const el = await withTriggers(
        '<chat-trigger delay="3s" url="/category/shoes*">Shoes</chat-trigger><chat-trigger on="cart:add" url="/category/shoes*">Cart</chat-trigger>'
      );
      await clock.tickAsync(2000);
      url.go('/checkout');
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(5000);
      expect(stack(el)).to.deep.equal([]);
    });

    it('staying on matching pages keeps the trigger armed, without firing again', async () => {
      url.go('/category/shoes');
      const el = await withTriggers('<chat-trigger url="/category/*">Category</chat-trigger>');
      const fired = sinon.spy();
      el.addEventListener('chat-trigger-fire', fired);
      await clock.tickAsync(0);
      url.go('/category/bags');
      await clock.tickAsync(0);
      expect(fired.callCount).to.equal(1);
    });

    it('replaceState', async () => {
      const el = await withTriggers('<chat-trigger url="/checkout*">Checkout help</chat-trigger>');
      history.replaceState(null, '', '/checkout/payment');
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Checkout help']);
    });

    it('popstate (back and forward)', async () => {
      url.go('/cart');
      url.go('/somewhere-else');
      const el = await withTriggers('<chat-trigger url="/cart">Your cart is waiting</chat-trigger>');
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      const popped = oneEvent(window, 'popstate');
      history.back();
      await popped;
      await clock.tickAsync(0);
      expect(location.pathname).to.equal('/cart');
      expect(stack(el)).to.deep.equal(['Your cart is waiting']);
    });

    it('hashchange', async () => {
      const el = await withTriggers('<chat-trigger url="*#help">Need help?</chat-trigger>');
      const changed = oneEvent(window, 'hashchange');
      location.hash = 'help';
      await changed;
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Need help?']);
    });

    itWhere('navigation' in window, 'it has no Navigation API')(
      "the Navigation API's currententrychange",
      async () => {
        const el = await withTriggers('<chat-trigger url="/only-navigation-api">Heard</chat-trigger>');
        // The prototype's pushState goes around our wrapper: only the Navigation API can tell.
        const changed = oneEvent(
          (window as unknown as {navigation: EventTarget}).navigation,
          'currententrychange'
        );
        History.prototype.pushState.call(history, null, '', '/only-navigation-api');
        await changed;
        await clock.tickAsync(0);
        expect(stack(el)).to.deep.equal(['Heard']);
      }
    );
  });
});
