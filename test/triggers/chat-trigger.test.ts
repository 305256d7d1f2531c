import {expect, oneEvent} from '@open-wc/testing';
import sinon from 'sinon';
import {ChatTrigger} from '../../src/index.js';
import {bubbleTexts, flush, reportedErrors, widget} from '../helpers.js';
import {engineArmed, fakeClock, stack, withTriggers} from './trigger-fixtures.js';

describe('<chat-trigger> and el.triggers', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = fakeClock()));
  afterEach(() => sinon.restore());

  describe('declared in HTML', () => {
    it('pushes its text content on load, after chat-trigger-fire reports it', async () => {
      const fired = sinon.spy();
      const el = await withTriggers('<chat-trigger id="hi">Hi  there,\n  <b>welcome</b>!</chat-trigger>');
      el.addEventListener('chat-trigger-fire', fired);
      expect(stack(el)).to.deep.equal([]);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Hi there, welcome!']);
      const {trigger, reason} = fired.firstCall.args[0].detail;
      expect(reason).to.equal('load');
      expect(trigger).to.include({id: 'hi', on: 'load', element: el.querySelector('chat-trigger')});
      expect(trigger.messages.map((m: {text: string}) => m.text)).to.deep.equal(['Hi there, welcome!']);
    });

    it('turns child buttons into a choice, a value becoming the payload', async () => {
      const el = await withTriggers(
        '<chat-trigger>Need help with sizes? <button value="size-guide">Size guide</button><button>Talk to us</button></chat-trigger>'
      );
      await clock.tickAsync(0);
      expect(el.proactive.messages[0]).to.deep.include({
        type: 'choice',
        text: 'Need help with sizes?',
        buttons: [{label: 'Size guide', payload: 'size-guide'}, {label: 'Talk to us'}],
      });
    });

    it('draws nothing itself', async () => {
      const el = await withTriggers(
        '<chat-trigger>Hidden text <button>Hidden button</button></chat-trigger>'
      );
      const trigger = el.querySelector('chat-trigger')!;
      expect(trigger).to.be.instanceOf(ChatTrigger);
      expect(trigger.checkVisibility()).to.equal(false);
      expect(trigger.querySelector('button')!.checkVisibility()).to.equal(false);
    });

    it('waits its delay (time on page) before pushing', async () => {
      const el = await withTriggers('<chat-trigger delay="3s">Welcome back</chat-trigger>');
      await clock.tickAsync(2999);
      expect(stack(el)).to.deep.equal([]);
      await clock.tickAsync(1);
      expect(stack(el)).to.deep.equal(['Welcome back']);
    });

    it('firing again replaces its bubble instead of stacking a copy', async () => {
      const el = await withTriggers('<chat-trigger on="cart:add">Checkout now?</chat-trigger>');
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Checkout now?']);
    });
  });

  describe('lifecycle', () => {
    it('runs a trigger added later', async () => {
      const el = await widget();
      el.insertAdjacentHTML('beforeend', '<chat-trigger delay="1s">Added later</chat-trigger>');
      await flush();
      await engineArmed();
      await clock.tickAsync(1000);
      expect(stack(el)).to.deep.equal(['Added later']);
    });

    it('removing a trigger cancels its pending delay and its listeners', async () => {
      const el = await withTriggers(
        '<chat-trigger delay="5s">Gone</chat-trigger><chat-trigger on="click">Gone too</chat-trigger><chat-trigger delay="5s">Stays</chat-trigger>'
      );
      const [gone, goneToo] = el.querySelectorAll('chat-trigger');
      gone.remove();
      goneToo.remove();
      await flush();
      document.body.click();
      await clock.tickAsync(5000);
      expect(stack(el)).to.deep.equal(['Stays']);
    });

    it('re-arms a trigger when its attributes or text change, leaving the others alone', async () => {
      const el = await withTriggers(
        '<chat-trigger id="a" delay="10s">Old text</chat-trigger><chat-trigger id="b" delay="4s">Other</chat-trigger>'
      );
      await clock.tickAsync(2000);
      const a = el.querySelector<HTMLElement>('#a')!;
      a.setAttribute('delay', '1s');
      await flush();
      await clock.tickAsync(1000);
      expect(stack(el)).to.deep.equal(['Old text']);
      a.textContent = 'New text';
      await flush();
      await clock.tickAsync(999);
      expect(stack(el)).to.deep.equal(['Old text']);
      await clock.tickAsync(1);
      // b kept its own clock (4s after load), and a's new text replaced its old bubble in place.
      expect(stack(el)).to.deep.equal(['New text', 'Other']);
    });

    it('does not re-arm when only the widget itself changes', async () => {
      const el = await withTriggers('<chat-trigger delay="2s" while-open>Still on time</chat-trigger>');
      await clock.tickAsync(1500);
      el.setAttribute('bot-name', 'Ava');
      el.open = true;
      await el.updateComplete;
      await flush();
      await clock.tickAsync(500);
      expect(stack(el)).to.deep.equal(['Still on time']);
    });

    it('removing the widget removes every listener and timer it added, and puts history back', async () => {
      const added = sinon.spy(window, 'addEventListener');
      const removed = sinon.spy(window, 'removeEventListener');
      const el = await withTriggers(
        ['load', 'idle', 'scroll', 'exit-intent', 'click']
          .map((on) => `<chat-trigger on="${on}" delay="1m">${on}</chat-trigger>`)
          .join('')
      );
      expect(history.pushState).not.to.equal(History.prototype.pushState);
      const ours = added.getCalls().filter((c) => c.args[2] === true);
      expect(ours.length).to.be.greaterThan(8);
      // load and idle wait on timers; scroll, exit-intent and click wait on events.
      expect(clock.countTimers()).to.equal(2);
      el.remove();
      // The widget tears down a task after removal (a move in the DOM is not a removal).
      await clock.tickAsync(0);
      for (const call of ours) {
        expect(
          removed.calledWith(call.args[0], call.args[1], true),
          `${call.args[0]} listener removed`
        ).to.equal(true);
      }
      expect(clock.countTimers()).to.equal(0);
      expect(history.pushState).to.equal(History.prototype.pushState);
      expect(history.replaceState).to.equal(History.prototype.replaceState);
    });

    it('starts again when the widget is put back', async () => {
      const el = await withTriggers('<chat-trigger on="cart:add">Back again</chat-trigger>');
      const parent = el.parentElement!;
      el.remove();
      // Removed for good (a task passes), then put back: it is ready again.
      await clock.tickAsync(0);
      const ready = oneEvent(el, 'chat-ready');
      parent.append(el);
      await ready;
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Back again']);
    });
  });

  describe('from JS', () => {
    it('el.triggers runs rules set from JS beside the children, with a RegExp url', async () => {
      const el = await withTriggers('<chat-trigger>From HTML</chat-trigger>');
      const list = [
        {id: 'js', messages: ['From JS', {type: 'text' as const, text: 'Second'}], url: /./},
        {messages: 'Never', url: /^https:\/\/nowhere\.example\//},
      ];
      el.triggers = list;
      expect(el.triggers).to.deep.equal(list);
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['From HTML', 'From JS', 'Second']);
    });

    it('triggers set before the widget is ready run once it is', async () => {
      const el = await widget({}, (w) => (w.triggers = [{messages: 'Early'}]));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Early']);
    });

    it('setting el.triggers again replaces only the JS rules', async () => {
      const el = await withTriggers('<chat-trigger on="cart:add">HTML</chat-trigger>');
      el.triggers = [{on: 'cart:add', messages: 'Old JS'}];
      el.triggers = [{on: 'cart:add', messages: 'New JS'}];
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['HTML', 'New JS']);
    });

    it('fireTrigger(id) fires now, skipping moment and url, and reports the api reason', async () => {
      const el = await withTriggers(
        '<chat-trigger id="promo" on="exit-intent" url="/nowhere">Promo</chat-trigger>'
      );
      const fired = oneEvent(el, 'chat-trigger-fire');
      expect(el.fireTrigger('promo')).to.equal(true);
      expect((await fired).detail.reason).to.equal('api');
      expect(stack(el)).to.deep.equal(['Promo']);
      expect(el.fireTrigger('nope')).to.equal(false);
    });

    it('fireTrigger(id) still keeps the frequency rules', async () => {
      const el = await withTriggers('<chat-trigger id="once" on="cart:add" once>Once</chat-trigger>');
      expect(el.fireTrigger('once')).to.equal(true);
      expect(el.fireTrigger('once')).to.equal(false);
    });
  });

  describe('chat-trigger-fire', () => {
    it('is cancelable: a cancelled trigger does not act and is not counted', async () => {
      const el = await withTriggers('<chat-trigger on="cart:add" once clear open>Only once</chat-trigger>');
      el.proactive.push('Existing');
      let cancel = true;
      el.addEventListener('chat-trigger-fire', (e) => cancel && e.preventDefault());
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Existing']);
      expect(el.open).to.equal(false);
      cancel = false;
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(el.open).to.equal(true);
    });

    it('bubbles and is composed, so a page hears it on document', async () => {
      const heard = oneEvent(document, 'chat-trigger-fire');
      await withTriggers('<chat-trigger>Hello</chat-trigger>');
      await clock.tickAsync(0);
      const event = await heard;
      expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    });
  });

  describe('actions', () => {
    it('clear empties the stack first', async () => {
      const el = await withTriggers('<chat-trigger on="cart:add" clear>Only me</chat-trigger>');
      el.proactive.push('Old one', 'Old two');
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Only me']);
    });

    it('open opens the chat, as an api open', async () => {
      const el = await withTriggers('<chat-trigger on="cart:add" open></chat-trigger>');
      const opened = oneEvent(el, 'chat-open');
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect((await opened).detail.source).to.equal('api');
      expect(el.open).to.equal(true);
    });

    it('send-event runs the pipeline: a Botpress proactive-trigger the page answers', async () => {
      const el = await withTriggers(
        '<chat-trigger id="greet" open send-event="proactive-trigger" new-session-only></chat-trigger>'
      );
      el.addEventListener('chat-event', (e) => {
        if (e.detail.type !== 'proactive-trigger') return;
        e.preventDefault();
        void e.detail.reply("I'm so proactive!");
      });
      const event = oneEvent(el, 'chat-event');
      await clock.tickAsync(0);
      const {detail} = await event;
      expect(detail).to.deep.include({type: 'proactive-trigger', channel: 'web'});
      expect(detail.payload).to.deep.include({trigger: 'greet', reason: 'load'});
      expect(detail.session.isNew).to.equal(true);
      await clock.tickAsync(0);
      await el.updateComplete;
      expect(bubbleTexts(el)).to.deep.equal(["I'm so proactive!"]);
      expect(el.open).to.equal(true);
    });

    it('send-event carries the text, so an unhandled event reaches the bot as a turn', async () => {
      const bot = sinon.stub().returns('Hi from the bot');
      const el = await withTriggers(
        '<chat-trigger send-event="proactive-trigger">fake message</chat-trigger>'
      );
      el.bot = bot;
      await clock.tickAsync(0);
      await clock.tickAsync(5000);
      expect(bot.firstCall.args[0]).to.include({text: 'fake message', origin: 'event'});
    });
  });

  describe('when it may not fire', () => {
    it('never while the chat is open, unless while-open', async () => {
      const el = await withTriggers(
        '<chat-trigger on="cart:add">Closed only</chat-trigger><chat-trigger on="cart:add" while-open>Even open</chat-trigger>',
        {open: true}
      );
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Even open']);
    });

    it('never while the widget is hidden, even with while-open', async () => {
      const el = await withTriggers('<chat-trigger on="cart:add" while-open>Hidden</chat-trigger>', {
        hidden: true,
      });
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal([]);
      el.hidden = false;
      document.dispatchEvent(new CustomEvent('cart:add'));
      await clock.tickAsync(0);
      expect(stack(el)).to.deep.equal(['Hidden']);
    });

    it('a moment missed while open is not replayed later', async () => {
      const el = await withTriggers('<chat-trigger delay="1s">Missed</chat-trigger>', {open: true});
      await clock.tickAsync(1000);
      await el.close();
      await clock.tickAsync(5000);
      expect(stack(el)).to.deep.equal([]);
    });
  });

  describe('bad input', () => {
    const cases: Array<[string, string, string]> = [
      ['on="exit intent"', '<chat-trigger id="x" on="exit intent">', 'on "exit intent"'],
      ['selector="!card"', '<chat-trigger id="x" on="click" selector="!card">', 'selector "!card"'],
      ['url="shoes*"', '<chat-trigger id="x" url="shoes*">', 'url "shoes*"'],
      ['delay="-2s"', '<chat-trigger id="x" delay="-2s">', 'delay "-2s"'],
      ['delay="soon"', '<chat-trigger id="x" delay="soon">', 'delay "soon"'],
      ['cooldown="10 minutes"', '<chat-trigger id="x" cooldown="10 minutes">', 'cooldown "10 minutes"'],
      ['count="0"', '<chat-trigger id="x" on="click" count="0">', 'count "0"'],
      ['max="0"', '<chat-trigger id="x" max="0">', 'max "0"'],
      ['depth="150"', '<chat-trigger id="x" on="scroll" depth="150">', 'depth "150"'],
    ];
    for (const [attribute, open, expected] of cases) {
      it(`${attribute} is reported naming the trigger and the attribute; the others keep working`, async () => {
        let report: ReturnType<typeof reportedErrors> | undefined;
        const el = await widget({}, (w) => {
          report = reportedErrors(w);
          w.innerHTML = `${open}Broken</chat-trigger><chat-trigger>Working</chat-trigger>`;
        });
        await engineArmed();
        await clock.tickAsync(0);
        expect(report!.events).to.have.length(1);
        const [{error, source}] = report!.events;
        expect(source).to.equal('trigger');
        expect(error.message).to.match(
          new RegExp(`^<chat-trigger id="x">: ${expected.replace(/[*[\]]/g, '\\$&')} is not `)
        );
        expect(report!.warn.calledOnce).to.equal(true);
        expect(report!.warn.firstCall.args[0]).to.include('<chat-trigger id="x">').and.include(expected);
        expect(stack(el)).to.deep.equal(['Working']);
      });
    }

    it('a trigger without an id is named by its position', async () => {
      let report: ReturnType<typeof reportedErrors> | undefined;
      await widget({}, (w) => {
        report = reportedErrors(w);
        w.innerHTML = '<chat-trigger>Fine</chat-trigger><chat-trigger on="">Bad</chat-trigger>';
      });
      await engineArmed();
      expect(report!.events[0].error.message).to.equal('<chat-trigger #2>: on "" is not valid');
    });

    it('a bad RegExp, a bad message and a bad glob from JS are named by their index', async () => {
      const el = await widget();
      const {events} = reportedErrors(el);
      el.triggers = [
        {messages: 'Good'},
        {url: /checkout/g, messages: 'Bad RegExp'},
        {url: 'checkout', messages: 'Bad glob'},
        {messages: {type: 'image', url: 'https://example.com/a.png', alt: ''}},
      ];
      await engineArmed();
      await clock.tickAsync(0);
      expect(events.map((e) => e.error.message)).to.deep.equal([
        'triggers[1]: url "/checkout/g" is not valid',
        'triggers[2]: url "checkout" is not valid',
        'triggers[3]: type must be "text" or "choice" in a proactive message, got "image"',
      ]);
      expect(stack(el)).to.deep.equal(['Good']);
    });

    it('a bad trigger is reported once, not again when another trigger changes', async () => {
      let report: ReturnType<typeof reportedErrors> | undefined;
      const el = await widget({}, (w) => {
        report = reportedErrors(w);
        w.innerHTML = '<chat-trigger delay="never">Bad</chat-trigger>';
      });
      el.insertAdjacentHTML('beforeend', '<chat-trigger>Another</chat-trigger>');
      el.open = true;
      await flush();
      expect(report!.events).to.have.length(1);
    });

    it('fixing a bad trigger arms it', async () => {
      const el = await withTriggers('<chat-trigger delay="-1s">Fixed</chat-trigger>');
      el.querySelector('chat-trigger')!.setAttribute('delay', '1s');
      await flush();
      await clock.tickAsync(1000);
      expect(stack(el)).to.deep.equal(['Fixed']);
    });
  });
});
