import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {emulateMedia, sendKeys, setViewport} from '@web/test-runner-commands';
import sinon from 'sinon';
import {
  animationsDone,
  bubbleTexts,
  isShown,
  part,
  parts,
  reportedErrors,
  settle,
  widget,
} from '../helpers.js';
import {itExcept, itWithMediaEmulation, pressWithShift, typeKeys} from '../engines.js';

const itWithViewport = itExcept(['webkit'], "@web/test-runner's WebDriver launcher cannot set the viewport");

const focusedPart = (el: HTMLElement) => el.shadowRoot!.activeElement?.getAttribute('part');

describe('<chat-widget> element', () => {
  afterEach(() => sinon.restore());

  describe('closed', () => {
    it('shows only an accessible launcher inside a named landmark', async () => {
      const el = await widget({'bot-name': 'Ava'});
      const launcher = part(el, 'launcher');
      expect(launcher.getAttribute('aria-label')).to.equal('Chat with Ava');
      expect(launcher.getAttribute('aria-expanded')).to.equal('false');
      expect(isShown(part(el, 'panel'))).to.equal(false);
      expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-label')).to.equal('Chat with Ava');
      await animationsDone(el);
      await expect(el).to.be.accessible();
    });

    it('is not shown at all with the hidden attribute', async () => {
      const el = await widget({hidden: true});
      expect(isShown(part(el, 'launcher'))).to.equal(false);
      el.hidden = false;
      expect(isShown(part(el, 'launcher'))).to.equal(true);
    });
  });

  describe('opening and closing', () => {
    it('opens from a launcher click, moves focus into the input and reports a user open', async () => {
      const el = await widget();
      const opened = oneEvent(el, 'chat-open');
      part(el, 'launcher').click();
      expect((await opened).detail).to.deep.equal({source: 'user'});
      await el.updateComplete;
      expect(el.open).to.equal(true);
      expect(el.hasAttribute('open')).to.equal(true);
      expect(isShown(part(el, 'panel'))).to.equal(true);
      expect(part(el, 'launcher').getAttribute('aria-expanded')).to.equal('true');
      expect(focusedPart(el)).to.equal('input');
      await animationsDone(el);
      await expect(el).to.be.accessible();
    });

    it('opens with the keyboard alone and Escape closes, returning focus to the launcher', async () => {
      const el = await widget();
      part(el, 'launcher').focus();
      await sendKeys({press: 'Enter'});
      await waitUntil(() => el.open, 'Enter on the launcher opens the chat');
      await el.updateComplete;
      expect(focusedPart(el)).to.equal('input');
      const closed = oneEvent(el, 'chat-close');
      await sendKeys({press: 'Escape'});
      expect((await closed).detail).to.deep.equal({source: 'user'});
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(focusedPart(el)).to.equal('launcher');
    });

    it('closes from the header close button', async () => {
      const el = await widget({open: true});
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=header] button')!.click();
      await oneEvent(el, 'chat-close');
      expect(el.open).to.equal(false);
    });

    it('show(), close() and toggle() report an api source and settle after the transition', async () => {
      const el = await widget();
      const events: string[] = [];
      for (const name of ['chat-open', 'chat-close'] as const) {
        el.addEventListener(name, (e) => events.push(`${name}:${e.detail.source}`));
      }
      await el.show();
      expect(
        part(el, 'panel')
          .getAnimations()
          .filter((a) => a.playState === 'running')
      ).to.have.length(0);
      expect(isShown(part(el, 'panel'))).to.equal(true);
      await el.toggle();
      expect(el.open).to.equal(false);
      await el.toggle();
      await el.close();
      expect(events).to.deep.equal(['chat-open:api', 'chat-close:api', 'chat-open:api', 'chat-close:api']);
    });

    it('an even number of toggle() calls in one task leaves it as it was and emits nothing', async () => {
      const el = await widget();
      const events: string[] = [];
      for (const name of ['chat-open', 'chat-close'] as const)
        el.addEventListener(name, () => events.push(name));
      await Promise.all([el.toggle(), el.toggle()]);
      await settle(el);
      expect(el.open).to.equal(false);
      await el.show();
      await Promise.all([el.toggle(), el.toggle(), el.toggle(), el.toggle()]);
      await settle(el);
      expect(el.open).to.equal(true);
      expect(events).to.deep.equal(['chat-open']);
    });

    it('does not steal focus from a field the visitor is typing in when opened by a script', async () => {
      const el = await widget();
      const field = document.createElement('input');
      el.parentElement!.append(field);
      field.focus();
      await el.show();
      expect(document.activeElement).to.equal(field);
    });
  });

  describe('composer', () => {
    it('sends with Enter, adds a line with Shift+Enter, and disables send while empty', async () => {
      const el = await widget({open: true});
      const sent: string[] = [];
      el.addEventListener('chat-message', (e) =>
        sent.push(`${e.detail.message.author}:${(e.detail.message as {text: string}).text}`)
      );
      const send = part<HTMLButtonElement>(el, 'send');
      part(el, 'input').focus();
      expect(send.disabled).to.equal(true);
      await typeKeys('Hello');
      await pressWithShift('Enter');
      await sendKeys({type: 'there'});
      await el.updateComplete;
      expect(send.disabled).to.equal(false);
      expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('Hello\nthere');
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(sent).to.deep.equal(['user:Hello\nthere']);
      expect(bubbleTexts(el)).to.deep.equal(['Hello\nthere']);
      expect(part<HTMLTextAreaElement>(el, 'input').value).to.equal('');
      expect(send.disabled).to.equal(true);
    });

    it('sends with the send button and ignores blank input', async () => {
      const el = await widget({open: true});
      part(el, 'input').focus();
      await sendKeys({type: '   '});
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(el.messages).to.have.length(0);
      await sendKeys({type: 'Hi'});
      await el.updateComplete;
      part(el, 'send').click();
      await el.updateComplete;
      expect(bubbleTexts(el)).to.deep.equal(['Hi']);
    });

    it('uses the placeholder attribute', async () => {
      const el = await widget({open: true, placeholder: 'Ask Ava anything'});
      expect(part(el, 'input').getAttribute('placeholder')).to.equal('Ask Ava anything');
    });
  });

  describe('sendMessage()', () => {
    it('adds a visitor message with id, author and timestamp', async () => {
      const el = await widget();
      const event = oneEvent(el, 'chat-message');
      await el.sendMessage('  Where is my order?  ');
      const {message} = (await event).detail;
      expect(message).to.include({type: 'text', text: 'Where is my order?', author: 'user'});
      expect(message.id).to.be.a('string').and.not.empty;
      expect(message.timestamp).to.be.closeTo(Date.now(), 5000);
      expect(el.messages).to.deep.equal([message]);
    });

    it('sends nothing for empty or blank text and throws for a non-string', async () => {
      const el = await widget();
      const listener = sinon.spy();
      el.addEventListener('chat-message', listener);
      await el.sendMessage('');
      await el.sendMessage(' \n\t ');
      expect(() => el.sendMessage(42 as unknown as string)).to.throw(TypeError, /text must be a string/);
      expect(listener.called).to.equal(false);
      expect(el.messages).to.have.length(0);
    });

    it('sends nothing made only of zero-width or blank characters, from the API or the composer', async () => {
      const el = await widget({open: true});
      const listener = sinon.spy();
      el.addEventListener('chat-message', listener);
      for (const text of ['\u200b', '\u200b\u200c\u200d', ' \u2060\ufeff ', '\u00ad\u200b\n'])
        await el.sendMessage(text);
      const input = part<HTMLTextAreaElement>(el, 'input');
      input.value = '\u200b\u200d';
      input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
      await el.updateComplete;
      expect(part<HTMLButtonElement>(el, 'send').disabled).to.equal(true);
      input.focus();
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(listener.called).to.equal(false);
      expect(el.messages).to.have.length(0);
      await el.sendMessage('\u200bHi\u200b');
      expect(el.messages.map((m) => (m.type === 'text' ? m.text : ''))).to.deep.equal(['\u200bHi\u200b']);
    });
  });

  describe('reply()', () => {
    it('adds text, image and choice messages in order, and accepts one or many', async () => {
      const el = await widget({open: true, 'bot-name': 'Ava'});
      await el.reply('Hi!');
      await el.reply([
        {type: 'image', url: 'https://example.com/hat.png', alt: 'A red hat'},
        {type: 'choice', text: 'Pick one', buttons: [{label: 'Hats'}, {label: 'Shoes', payload: 'shoes'}]},
      ]);
      await el.updateComplete;
      expect(el.messages.map((m) => `${m.author}:${m.type}`)).to.deep.equal([
        'bot:text',
        'bot:image',
        'bot:choice',
      ]);
      const img = part(el, 'transcript').querySelector('img')!;
      expect(img.getAttribute('src')).to.equal('https://example.com/hat.png');
      expect(img.alt).to.equal('A red hat');
      const buttons = [...part(el, 'transcript').querySelectorAll<HTMLButtonElement>('.choices button')];
      expect(buttons.map((b) => b.textContent)).to.deep.equal(['Hats', 'Shoes']);
      await animationsDone(el);
      await expect(el).to.be.accessible();
    });

    it('shows the typing indicator first when asked, and reports it', async () => {
      const el = await widget({open: true});
      const typing: boolean[] = [];
      el.addEventListener('chat-typing', (e) => typing.push(e.detail.typing));
      const done = el.reply('One moment', {typing: 60});
      await waitUntil(() => parts(el, 'typing').length, 'the typing indicator shows');
      expect(isShown(part(el, 'typing'))).to.equal(true);
      expect(el.messages).to.have.length(0);
      await done;
      await el.updateComplete;
      expect(parts(el, 'typing')).to.have.length(0);
      expect(typing).to.deep.equal([true, false]);
      expect(bubbleTexts(el)).to.deep.equal(['One moment']);
    });

    it('throws a TypeError naming the field, and leaves the transcript alone', async () => {
      const el = await widget();
      await el.reply('Kept');
      const cases: Array<[unknown, RegExp]> = [
        [{type: 'sticker', url: 'x'}, /type must be/],
        [{type: 'text'}, /text must be a non-empty string/],
        [{type: 'image', url: 'javascript:alert(1)'}, /url must be an http\(s\)/],
        [{type: 'image', url: 'ftp://example.com/a.png'}, /url must be/],
        [['fine', {type: 'choice', buttons: []}], /buttons must be a non-empty array/],
        [null, /must be a string or an object/],
        [[], /one message or more/],
      ];
      for (const [input, pattern] of cases) {
        expect(() => el.reply(input as never), JSON.stringify(input)).to.throw(TypeError, pattern);
      }
      await settle(el);
      expect(el.messages.map((m) => (m as {text: string}).text)).to.deep.equal(['Kept']);
    });
  });

  describe('choice messages', () => {
    it('sends the payload (or label) as the visitor turn, shows the label, and disables the set', async () => {
      const el = await widget({open: true});
      const turns: string[] = [];
      el.bot = (turn) => void turns.push(`${turn.origin}:${turn.text}`);
      await el.reply({
        type: 'choice',
        text: 'Pick',
        buttons: [{label: 'Hats'}, {label: 'Shoes', payload: '/shoes'}],
      });
      await el.updateComplete;
      const [, shoes] = part(el, 'transcript').querySelectorAll<HTMLButtonElement>('.choices button');
      shoes.click();
      await settle(el);
      expect(turns).to.deep.equal(['choice:/shoes']);
      expect(bubbleTexts(el)).to.deep.equal(['Pick', 'Shoes']);
      const buttons = [...part(el, 'transcript').querySelectorAll<HTMLButtonElement>('.choices button')];
      expect(buttons.every((b) => b.disabled)).to.equal(true);
      buttons[0].click();
      await settle(el);
      expect(turns).to.have.length(1);
    });
  });

  describe('header attributes', () => {
    it('shows bot-name, bot-avatar and description', async () => {
      const el = await widget({
        open: true,
        'bot-name': 'Ava',
        'bot-avatar': 'https://example.com/ava.png',
        description: 'Replies in minutes',
      });
      const header = part(el, 'header');
      expect(header.querySelector('h2')!.textContent).to.equal('Ava');
      expect(header.querySelector('p')!.textContent).to.equal('Replies in minutes');
      expect(header.querySelector('img')!.getAttribute('src')).to.equal('https://example.com/ava.png');
    });

    it('refuses an avatar URL with an unsafe scheme and says so', async () => {
      let reported!: ReturnType<typeof reportedErrors>;
      const el = await widget({open: true, 'bot-avatar': 'javascript:alert(1)'}, (w) => {
        reported = reportedErrors(w);
      });
      expect(part(el, 'header').querySelector('img')).to.equal(null);
      expect(reported.messages()).to.deep.equal([
        'attribute: bot-avatar must be an http(s) or data:image/ URL, got "javascript:alert(1)"',
      ]);
      expect(reported.warn.calledWithMatch(/bot-avatar/)).to.equal(true);
    });

    it('reports an unknown position and falls back to the end of its direction', async () => {
      let reported!: ReturnType<typeof reportedErrors>;
      const el = await widget({position: 'middle'}, (w) => {
        reported = reportedErrors(w);
      });
      expect(el.position).to.equal('end');
      expect(reported.messages()).to.deep.equal([
        'attribute: position must be one of end,start,right,left, got "middle"',
      ]);
    });
  });

  describe('position and layout', () => {
    it('sits in the bottom-right corner by default and bottom-left with position="left"', async () => {
      const el = await widget();
      const right = el.getBoundingClientRect();
      expect(window.innerWidth - right.right).to.be.lessThan(40);
      el.position = 'left';
      await el.updateComplete;
      expect(el.getBoundingClientRect().left).to.be.lessThan(40);
    });

    itWithViewport('goes full screen at 480px wide or less', async () => {
      await setViewport({width: 400, height: 700});
      try {
        const el = await widget({open: true});
        const panel = part(el, 'panel').getBoundingClientRect();
        expect(panel.width).to.equal(400);
        expect(panel.height).to.equal(700);
        expect(getComputedStyle(part(el, 'panel')).height).to.equal('700px');
      } finally {
        await setViewport({width: 800, height: 600});
      }
    });

    itWithMediaEmulation('uses a dark scheme under prefers-color-scheme: dark', async () => {
      const el = await widget({open: true});
      const light = getComputedStyle(part(el, 'panel')).backgroundColor;
      await emulateMedia({colorScheme: 'dark'});
      try {
        const dark = getComputedStyle(part(el, 'panel')).backgroundColor;
        expect(light).to.equal('rgb(255, 255, 255)');
        expect(dark).to.equal('rgb(17, 24, 39)');
        await el.reply('Contrast holds in the dark too');
        await el.updateComplete;
        // Contrast is measured on the settled panel, not on a frame of its opening fade.
        await Promise.all(
          part(el, 'panel')
            .getAnimations()
            .map((animation) => animation.finished)
        );
        await animationsDone(el);
        await expect(el).to.be.accessible();
      } finally {
        await emulateMedia({colorScheme: 'light'});
      }
    });

    itWithMediaEmulation('animates opening, and not at all under prefers-reduced-motion', async () => {
      const el = await widget();
      el.open = true;
      await el.updateComplete;
      expect(part(el, 'panel').getAnimations()).to.have.length(1);
      await el.close();
      await emulateMedia({reducedMotion: 'reduce'});
      try {
        el.open = true;
        await el.updateComplete;
        expect(part(el, 'panel').getAnimations()).to.have.length(0);
      } finally {
        await emulateMedia({reducedMotion: 'no-preference'});
      }
    });

    it('takes its colours from --chat-widget-* custom properties', async () => {
      const el = await widget();
      el.style.setProperty('--chat-widget-accent', 'rgb(10, 120, 20)');
      expect(getComputedStyle(part(el, 'launcher')).backgroundColor).to.equal('rgb(10, 120, 20)');
    });

    it('lets the launcher slot replace the icon', async () => {
      const el = await widget({}, (w) => {
        const icon = document.createElement('span');
        icon.slot = 'launcher';
        icon.textContent = 'Help';
        w.append(icon);
      });
      const slot = part(el, 'launcher').querySelector('slot')!;
      expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Help']);
    });
  });

  describe('unread badge', () => {
    it('counts bot messages that arrive while closed and clears on open', async () => {
      const el = await widget({'bot-name': 'Ava'});
      expect(parts(el, 'badge')).to.have.length(0);
      await el.reply(['One', 'Two']);
      await el.updateComplete;
      expect(part(el, 'badge').textContent).to.equal('2');
      expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('Chat with Ava, 2 unread messages');
      await el.show();
      expect(parts(el, 'badge')).to.have.length(0);
      el.unread = -1;
      await el.updateComplete;
      expect(parts(el, 'badge')).to.have.length(0);
    });
  });

  describe('screen readers', () => {
    it('keeps the transcript a polite log with each bubble labelled by its author', async () => {
      const el = await widget({open: true, 'bot-name': 'Ava'});
      const transcript = part(el, 'transcript');
      expect(transcript.getAttribute('role')).to.equal('log');
      await el.sendMessage('Hi');
      await el.reply('Hello!');
      await el.updateComplete;
      // Each bubble is read with its author first and its time last.
      const time = (m: {timestamp: number}) => new Intl.DateTimeFormat(undefined, {timeStyle: 'short'}).format(m.timestamp);
      expect(parts(el, 'message').map((m) => m.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        `You: Hi ${time(el.messages[0])}`,
        `Ava: Hello! ${time(el.messages[1])}`,
      ]);
    });
  });

  describe('exposes every shadow part', () => {
    it('renders the parts of the contract', async () => {
      const el = await widget({open: true});
      await el.reply('x', {typing: 30}).then(() => undefined);
      el.proactive.push('Hello');
      el.open = false;
      await el.reply('y');
      void el.reply('typing', {typing: 500});
      await waitUntil(() => parts(el, 'typing').length, 'the typing indicator shows');
      for (const name of [
        'launcher',
        'badge',
        'panel',
        'header',
        'transcript',
        'message',
        'typing',
        'composer',
        'input',
        'send',
        'proactive',
        'proactive-message',
        'proactive-close',
      ] as const) {
        // The contract's list (DESIGN.md), spelled out: the type checks it against src/chat-widget/parts.ts.
        expect(parts(el, name), name).to.not.have.length(0);
      }
    });
  });
});
