import {expect, waitUntil} from '@open-wc/testing';
import {resetMouse, sendMouse} from '@web/test-runner-commands';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {movePointerOut} from '../engines.js';

// The demo shop, tried as a visitor would: the real pages in a frame, real
// clicks and pointer moves, in-shop navigation through its links. Its clock is
// faked once the first page is up, so every rule armed after that runs on it.

type ShopWindow = Window & typeof globalThis;

const forget = () => {
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage))
      if (key.startsWith('chat-widget:demo-shop:')) storage.removeItem(key);
  }
  sessionStorage.removeItem('demo-shop:cart');
};

describe('the demo shop', () => {
  let frame: HTMLIFrameElement;
  let win: ShopWindow;
  let chat: ChatWidget;
  let clock: sinon.SinonFakeTimers;

  const stack = () => chat.proactive.messages.map((m) => m.text);
  const fired = () =>
    [...win.document.querySelectorAll('#trigger-log li')].map((li) => li.textContent!.split('  ')[1]);

  async function open(path: string) {
    frame = document.createElement('iframe');
    frame.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:1';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
    frame.src = path;
    document.body.append(frame);
    await loaded;
    win = frame.contentWindow as ShopWindow;
    chat = win.document.querySelector('chat-widget') as ChatWidget;
    await waitUntil(() => chat.ready, 'the widget is ready');
    // sinon installs on another global with `global`, which its types do not list.
    const config = {global: win, toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.now()};
    clock = sinon.useFakeTimers(config as Parameters<typeof sinon.useFakeTimers>[0]);
  }

  /** Clicks the middle of the element with the real mouse. */
  async function click(element: Element) {
    element.scrollIntoView({block: 'center'});
    const box = element.getBoundingClientRect();
    const hit = (element.getRootNode() as Document | ShadowRoot).elementFromPoint(
      box.x + box.width / 2,
      box.y + box.height / 2
    );
    expect(hit === element || element.contains(hit), `${element.localName} is not covered`).to.equal(true);
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
  }

  /** Follows a shop link, as the visitor would, and waits for the page to be swapped in. */
  async function go(selector: string, heading: string) {
    await click(win.document.querySelector(selector)!);
    await waitUntil(
      () => win.document.querySelector('main h1')?.textContent === heading,
      `on the ${heading} page`
    );
  }

  beforeEach(forget);
  afterEach(async () => {
    clock?.restore();
    frame?.remove();
    await resetMouse();
    forget();
  });

  it('each page declares its triggers without an error', async () => {
    for (const page of [
      'index.html',
      'category/shoes.html',
      'product/trail-runner.html',
      'product/city-sneaker.html',
      'product/rust-fedora.html',
      'product/midnight-beanie.html',
      'cart.html',
      'checkout.html',
    ]) {
      const errors: string[] = [];
      const warn = sinon.stub(console, 'warn').callsFake((message: string) => errors.push(message));
      await open(`/demo/shop/${page}`);
      warn.restore();
      expect(chat.querySelectorAll('chat-trigger').length, page).to.equal(7);
      expect(errors, page).to.deep.equal([]);
      expect(win.document.querySelectorAll('#trigger-log li').length, page).to.equal(0);
      clock.restore();
      frame.remove();
    }
  });

  it("a visitor's tour: greeting, recommendations, cart event, Botpress's hook, shoes offer, idle nudge, exit intent", async function () {
    this.timeout(30_000);
    await open('/demo/shop/checkout.html');

    // The shop front greets a new visitor after 4s.
    await go('header nav a[href$="index.html"]', 'Hats and shoes for every day.');
    await clock.tickAsync(4000);
    expect(stack()).to.deep.equal(["Hi, I'm Ava 👋 Ask me about sizes, delivery or returns."]);

    // Three product cards in a row: a recommendation, as a choice.
    await go('.product-card[href$="trail-runner.html"]', 'Trail runner');
    await go('.crumbs a', 'Hats and shoes for every day.');
    await go('.product-card[href$="city-sneaker.html"]', 'City sneaker');
    await go('.crumbs a', 'Hats and shoes for every day.');
    expect(fired()).not.to.include('recommend');
    await go('.product-card[href$="rust-fedora.html"]', 'Rust fedora');
    await clock.tickAsync(0);
    expect(chat.proactive.messages.at(-1)).to.deep.include({
      type: 'choice',
      text: 'Comparing a few? I can recommend one.',
      buttons: [{label: 'Recommend me something', payload: 'recommend'}],
    });

    // The bubbles cover the buy button: the visitor dismisses them, then adds to the cart,
    // which dispatches the shop's own cart:add event.
    await click(chat.shadowRoot!.querySelector('[part=proactive-close]')!);
    expect(stack()).to.deep.equal([]);
    await click(win.document.querySelector('[data-add-to-cart]')!);
    await clock.tickAsync(0);
    expect(stack()).to.deep.equal(['Good choice! Not sure about the size?']);
    expect(win.document.querySelector('[data-cart-count]')!.textContent).to.equal('1');

    // Ten seconds on a product: the proactive-trigger event, answered by the page's hook.
    await clock.tickAsync(10_000);
    await clock.tickAsync(2000);
    expect(chat.messages.map((m) => m.type === 'text' && m.text)).to.deep.equal([
      'Questions about the Rust fedora? I know the sizes and the delivery times.',
    ]);
    expect(chat.unread).to.equal(1);

    // The shoes category clears the stack and offers 20% after 3s.
    await go('header nav a[href$="shoes.html"]', 'Shoes');
    await clock.tickAsync(2999);
    expect(stack()).not.to.include('Chat with me for 20% off shoes');
    await clock.tickAsync(1);
    expect(stack()).to.deep.equal(['Chat with me for 20% off shoes']);

    // Fifteen idle seconds on the cart.
    await go('header nav a[href$="cart.html"]', 'Your cart');
    await clock.tickAsync(14_999);
    expect(stack()).not.to.include(
      'Still deciding? Delivery is free over €50, and returns are free for 30 days.'
    );
    await clock.tickAsync(1);
    expect(stack()).to.include(
      'Still deciding? Delivery is free over €50, and returns are free for 30 days.'
    );

    // Leaving the checkout through the top of the window, once per visitor.
    await go('header nav a[href$="checkout.html"]', 'Checkout');
    await sendMouse({type: 'move', position: [300, 200]});
    await movePointerOut(300, -20);
    await clock.tickAsync(0);
    expect(stack()).to.deep.equal(['Wait! Code SAVE10 takes 10% off.']);
    chat.proactive.clear();
    await sendMouse({type: 'move', position: [300, 200]});
    await movePointerOut(300, -20);
    await clock.tickAsync(0);
    expect(stack()).to.deep.equal([]);

    expect(fired()).to.deep.equal([
      'checkout-rescue',
      'cart-nudge',
      'shoes-offer',
      'product-help',
      'added',
      'recommend',
      'welcome',
    ]);
  });
});
