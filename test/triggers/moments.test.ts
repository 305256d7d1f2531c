import {expect} from '@open-wc/testing';
import {resetMouse, sendKeys, sendMouse} from '@web/test-runner-commands';
import sinon from 'sinon';
import {fakeClock, scrollToY, stack, tallPage, withTriggers} from './trigger-fixtures.js';
import {movePointerOut} from '../engines.js';

/** Clicks the middle of `element` with the real mouse. */
async function click(element: Element) {
  const box = element.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  });
}

const scrollRoom = () => document.documentElement.scrollHeight - window.innerHeight;

describe('trigger moments', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = fakeClock()));
  afterEach(async () => {
    sinon.restore();
    await resetMouse();
  });

  describe('exit-intent on desktop', () => {
    it('fires when the pointer leaves through the top of the viewport', async () => {
      const el = await withTriggers(
        '<chat-trigger on="exit-intent">Wait! Code SAVE10 takes 10% off.</chat-trigger>'
      );
      await sendMouse({type: 'move', position: [200, 200]});
      await sendMouse({type: 'move', position: [200, 5]});
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      await movePointerOut(200, -20);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Wait! Code SAVE10 takes 10% off.']);
    });

    it('does not fire when the pointer leaves through another edge, or moves between elements', async () => {
      const el = await withTriggers('<chat-trigger on="exit-intent">Leaving?</chat-trigger>');
      await sendMouse({type: 'move', position: [200, 200]});
      await movePointerOut(200, window.innerHeight + 20);
      await movePointerOut(-20, 200);
      document.body.dispatchEvent(
        new MouseEvent('mouseout', {bubbles: true, clientY: 0, relatedTarget: document.documentElement})
      );
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
    });

    it('waits its delay, and a page that hides the widget meanwhile is not interrupted', async () => {
      const el = await withTriggers('<chat-trigger on="exit-intent" delay="500ms">Leaving?</chat-trigger>');
      await sendMouse({type: 'move', position: [200, 200]});
      await movePointerOut(200, -20);
      await clock.tickAsync(499);
      expect(stack(el)).to.deep.equal([]);
      el.hidden = true;
      await clock.tickAsync(1);
      expect(stack(el)).to.deep.equal([]);
    });
  });

  describe('exit-intent on touch devices', () => {
    let undo: () => void;
    beforeEach(() => {
      const real = window.matchMedia.bind(window);
      sinon
        .stub(window, 'matchMedia')
        .callsFake((query) =>
          query === '(pointer: coarse)' ? ({matches: true} as MediaQueryList) : real(query)
        );
      undo = tallPage();
    });
    afterEach(() => undo());

    it('fires on a fast scroll up', async () => {
      const el = await withTriggers('<chat-trigger on="exit-intent">Before you go…</chat-trigger>');
      await scrollToY(3000);
      await clock.tickAsync(1000);
      await scrollToY(2900);
      await clock.tickAsync(100);
      expect(stack(el)).to.deep.equal([]);
      await scrollToY(2650);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Before you go…']);
    });

    it('does not fire on a slow scroll up, or on scrolling down', async () => {
      const el = await withTriggers('<chat-trigger on="exit-intent">Before you go…</chat-trigger>');
      for (const y of [1000, 2000, 3000, 2850, 2700, 2550, 2400]) {
        await scrollToY(y);
        await clock.tickAsync(600);
      }
      expect(stack(el)).to.deep.equal([]);
    });

    it('fires when the page is hidden', async () => {
      const el = await withTriggers('<chat-trigger on="exit-intent">See you soon</chat-trigger>');
      const state = sinon.stub(document, 'visibilityState').get(() => 'visible');
      document.dispatchEvent(new Event('visibilitychange'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      state.get(() => 'hidden');
      document.dispatchEvent(new Event('visibilitychange'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['See you soon']);
    });

    it('ignores the desktop moment', async () => {
      const el = await withTriggers('<chat-trigger on="exit-intent">Touch only</chat-trigger>');
      await sendMouse({type: 'move', position: [200, 200]});
      await movePointerOut(200, -20);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
    });
  });

  describe('idle', () => {
    it('fires after delay with no input', async () => {
      const el = await withTriggers('<chat-trigger on="idle" delay="20s">Still there?</chat-trigger>');
      await clock.tickAsync(19_999);
      expect(stack(el)).to.deep.equal([]);
      await clock.tickAsync(1);
      expect(stack(el)).to.deep.equal(['Still there?']);
    });

    it('waits 30s by default', async () => {
      const el = await withTriggers('<chat-trigger on="idle">Still there?</chat-trigger>');
      await clock.tickAsync(29_999);
      expect(stack(el)).to.deep.equal([]);
      await clock.tickAsync(1);
      expect(stack(el)).to.deep.equal(['Still there?']);
    });

    it('starts counting again on pointer, key, scroll and touch input', async () => {
      const undo = tallPage();
      try {
        const el = await withTriggers('<chat-trigger on="idle" delay="5s">Still there?</chat-trigger>');
        const inputs: Array<[string, () => Promise<unknown>]> = [
          ['pointer move', () => sendMouse({type: 'move', position: [300, 300]})],
          ['pointer down', () => sendMouse({type: 'down'}).then(() => sendMouse({type: 'up'}))],
          ['key', () => sendKeys({press: 'Shift'})],
          ['scroll', () => scrollToY(500)],
          [
            'touch',
            async () =>
              document.body.dispatchEvent(
                new PointerEvent('pointerdown', {pointerType: 'touch', bubbles: true})
              ),
          ],
        ];
        // Each input comes 4s after the last one: 5s of quiet never pass.
        for (const [name, input] of inputs) {
          await clock.tickAsync(4000);
          await input();
          expect(stack(el), `after ${name}`).to.deep.equal([]);
        }
        await clock.tickAsync(4999);
        expect(stack(el)).to.deep.equal([]);
        await clock.tickAsync(1);
        expect(stack(el)).to.deep.equal(['Still there?']);
      } finally {
        undo();
      }
    });
  });

  describe('scroll', () => {
    let undo: () => void;
    beforeEach(() => (undo = tallPage()));
    afterEach(() => undo());

    it('fires once the page is scrolled past depth', async () => {
      const el = await withTriggers(
        '<chat-trigger on="scroll" depth="60">Found what you need?</chat-trigger>'
      );
      await scrollToY(Math.round(scrollRoom() * 0.5));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      await scrollToY(Math.round(scrollRoom() * 0.65));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Found what you need?']);
    });

    it('defaults to 50% and also takes a % sign', async () => {
      const el = await withTriggers(
        '<chat-trigger on="scroll">Half</chat-trigger><chat-trigger on="scroll" depth="90%">Nearly all</chat-trigger>'
      );
      await scrollToY(Math.round(scrollRoom() * 0.55));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Half']);
    });

    it('cancels its delay when scrolled back above depth', async () => {
      const el = await withTriggers(
        '<chat-trigger on="scroll" depth="50" delay="2s">Keep reading?</chat-trigger>'
      );
      await scrollToY(Math.round(scrollRoom() * 0.6));
      await clock.tickAsync(1000);
      await scrollToY(Math.round(scrollRoom() * 0.2));
      await clock.tickAsync(5000);
      expect(stack(el)).to.deep.equal([]);
      await scrollToY(Math.round(scrollRoom() * 0.7));
      await clock.tickAsync(2000);
      expect(stack(el)).to.deep.equal(['Keep reading?']);
    });

    it('counts a page restored already scrolled', async () => {
      await scrollToY(Math.round(scrollRoom() * 0.8));
      const el = await withTriggers('<chat-trigger on="scroll">Already down here</chat-trigger>');
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Already down here']);
    });
  });

  describe('DOM events', () => {
    let shop: HTMLElement;
    beforeEach(() => {
      shop = document.createElement('div');
      shop.innerHTML = `
        <div class="product-card" style="height:40px">Trail shoe <span>€89</span></div>
        <div class="product-card" style="height:40px">Road shoe</div>
        <button id="other" style="height:40px">Newsletter</button>`;
      document.body.prepend(shop);
    });
    afterEach(() => shop.remove());

    it('counts real clicks on matching elements (or inside them) and fires on the count-th', async () => {
      const el = await withTriggers(
        '<chat-trigger on="click" selector=".product-card" count="3">Want recommendations?</chat-trigger>'
      );
      const fired = sinon.spy();
      el.addEventListener('chat-trigger-fire', fired);
      const [first, second] = shop.querySelectorAll('.product-card');
      await click(first);
      await click(shop.querySelector('#other')!);
      await click(second.parentElement!.querySelector('span')!);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      await click(second);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Want recommendations?']);
      expect(fired.firstCall.args[0].detail.reason).to.equal('click');
      for (let i = 0; i < 3; i++) await click(first);
      await clock.tickAsync(0);
      expect(fired.callCount).to.equal(2);
    });

    it('is delegated: elements added later count', async () => {
      const el = await withTriggers('<chat-trigger on="click" selector=".late">Late</chat-trigger>');
      shop.insertAdjacentHTML('beforeend', '<button class="late">Added later</button>');
      await click(shop.querySelector('.late')!);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Late']);
    });

    it("hears a page's own event, from an element or the window, even one that does not bubble", async () => {
      const el = await withTriggers(
        '<chat-trigger on="cart:add" count="3">Ready to check out?</chat-trigger>'
      );
      shop.querySelector('#other')!.dispatchEvent(new CustomEvent('cart:add'));
      window.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      document.dispatchEvent(new CustomEvent('cart:add', {bubbles: true}));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Ready to check out?']);
    });

    it('waits its delay after the event', async () => {
      const el = await withTriggers(
        '<chat-trigger on="click" selector="#other" delay="2s">Sign up?</chat-trigger>'
      );
      await click(shop.querySelector('#other')!);
      await clock.tickAsync(1999);
      expect(stack(el)).to.deep.equal([]);
      await clock.tickAsync(1);
      expect(stack(el)).to.deep.equal(['Sign up?']);
    });
  });
});
