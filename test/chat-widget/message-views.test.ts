import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {emulateMedia, sendKeys, sendMouse} from '@web/test-runner-commands';
import sinon from 'sinon';
import type {Connector} from '../../src/connectors/connector.js';
import type {ChatWidget} from '../../src/index.js';
import {messageTime} from '../../src/chat-widget/message-views.js';
import {fileName, mapUrl} from '../../src/chat-widget/rich-views.js';
import type {ChatMessage, MessageInput} from '../../src/messages/message.js';
import {itExcept, itWithMediaEmulation} from '../engines.js';
import {
  animationsDone,
  part,
  parts,
  reportedErrors,
  settle,
  storeSession,
  uniqueKey,
  widget,
  widgetInFrame,
} from '../helpers.js';

/** An open widget showing `messages` from the bot. */
async function showing(
  messages: MessageInput | MessageInput[],
  attributes: Record<string, string | boolean> = {}
) {
  const el = await widget({open: true, ...attributes});
  await el.reply(messages);
  await settle(el);
  // Cards, media and places, and the links in plain text, are drawn by lazily loaded modules: the
  // widget asked for them while drawing; these imports settle after its own, then it draws again.
  await Promise.all([
    import('../../src/chat-widget/rich-views.js'),
    import('../../src/markdown/markdown.js'),
  ]);
  await settle(el);
  return el;
}

const bubbles = (el: ChatWidget) => parts(el, 'message');
const $ = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const $$ = (root: ParentNode, selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];

/** A link opens in a new tab with no opener and no referrer. */
function expectNewTab(link: Element, href: string) {
  expect(link.tagName).to.equal('A');
  expect(link.getAttribute('href')).to.equal(href);
  expect(link.getAttribute('target')).to.equal('_blank');
  expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
}

/** Leaves an anchor alone but keeps the click from opening a tab during the test. */
const noNavigation = (el: ChatWidget) =>
  el.shadowRoot!.addEventListener('click', (e) => (e.target as Element).closest('a') && e.preventDefault());

describe('message types in the transcript', () => {
  afterEach(() => sinon.restore());

  it('text: stays literal, its URLs, www. and email addresses become links that open a new tab', async () => {
    const el = await showing(
      'See https://example.com/a?b=1, www.example.org or help@example.com. <b>no</b> javascript:alert(1)'
    );
    const bubble = bubbles(el)[0];
    const links = $$(bubble, 'a');
    expect(links).to.have.length(3);
    expectNewTab(links[0], 'https://example.com/a?b=1');
    expectNewTab(links[1], 'http://www.example.org/');
    expectNewTab(links[2], 'mailto:help@example.com');
    expect($(bubble, '.text').textContent).to.equal(
      'See https://example.com/a?b=1, www.example.org or help@example.com. <b>no</b> javascript:alert(1)'
    );
    expect(bubble.querySelector('b')).to.equal(null);
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('markdown: plain text until the renderer loads, then drawn as markdown with its styles', async () => {
    const el = await widget({open: true});
    await el.reply({
      type: 'markdown',
      text: '**Bold** and [a link](https://example.com) and [bad](javascript:alert(1))',
    });
    await el.updateComplete;
    const bubble = bubbles(el)[0];
    await waitUntil(() => bubble.querySelector('.markdown strong'), 'the renderer loads and draws');
    expect($(bubble, 'strong').textContent).to.equal('Bold');
    expectNewTab($(bubble, '.markdown a'), 'https://example.com/');
    expect($$(bubble, 'a')).to.have.length(1);
    expect(bubble.textContent).to.contain('bad');
    // The renderer's stylesheet is adopted into the shadow root.
    expect(getComputedStyle($(bubble, '.markdown')).whiteSpace).to.equal('normal');
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  // Seen in WebKit: the image here, whose URL answers 404, is drawn as a broken image 200 px tall, not by
  // its width/height ratio. Kept visible as a WebKit gap.
  itExcept(['webkit'], 'a broken image is not sized by its width and height there (seen: 200 px tall)')(
    'image: its width and height reserve the space before it loads',
    async () => {
      const el = await showing({
        type: 'image',
        url: '/never-loads.png',
        alt: 'A hat',
        width: 200,
        height: 100,
      });
      const img = $<HTMLImageElement>(bubbles(el)[0], 'img');
      expect(img.alt).to.equal('A hat');
      expect(img.getAttribute('width')).to.equal('200');
      expect(img.getBoundingClientRect().height).to.be.closeTo(100, 1);
      await animationsDone(el);
      await expect(el).to.be.accessible();
    }
  );

  it('choice: a payload button sends its payload and origin, a URL button is a link', async () => {
    const el = await showing({
      type: 'choice',
      text: 'Pick one',
      buttons: [
        {label: 'Warm', payload: {action: 'warm', id: 7}},
        {label: 'Docs', url: 'https://example.com/docs'},
      ],
    });
    noNavigation(el);
    const choice = el.messages[0];
    expectNewTab($(bubbles(el)[0], 'a.button'), 'https://example.com/docs');
    const sent = oneEvent(el, 'chat-message');
    $(bubbles(el)[0], 'button').click();
    const {message} = (await sent).detail;
    expect(message).to.include({author: 'user', text: 'Warm', replyTo: choice.id});
    expect(message.payload).to.deep.equal({action: 'warm', id: 7});
    await el.updateComplete;
    expect($<HTMLButtonElement>(bubbles(el)[0], 'button').disabled).to.equal(true);
    expect(el.messages[1].payload).to.deep.equal({action: 'warm', id: 7});
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('card: image, title, text with links and buttons, a button sends its payload from the card', async () => {
    const turns: unknown[] = [];
    const el = await showing({
      type: 'card',
      title: 'Midnight beanie',
      text: 'Merino, see https://example.com/beanie',
      image: '/hat.png',
      alt: 'A blue beanie',
      buttons: [
        {label: 'Buy', payload: 'buy-beanie'},
        {label: 'Details', url: 'https://example.com/beanie'},
      ],
    });
    el.bot = (turn) => void turns.push(turn.payload);
    const card = $(bubbles(el)[0], '.card');
    expect($<HTMLImageElement>(card, 'img').alt).to.equal('A blue beanie');
    expect($(card, '.title').textContent).to.equal('Midnight beanie');
    expectNewTab($(card, '.text a'), 'https://example.com/beanie');
    expectNewTab($(card, 'a.button'), 'https://example.com/beanie');
    $(card, 'button').focus();
    const sent = oneEvent(el, 'chat-message');
    await sendKeys({press: 'Enter'});
    expect((await sent).detail.message).to.include({
      text: 'Buy',
      payload: 'buy-beanie',
      replyTo: el.messages[0].id,
    });
    await waitUntil(() => turns.length === 1);
    expect(turns).to.deep.equal(['buy-beanie']);
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  // Seen in WebKit's headless MiniBrowser: the smooth scroll stops short of the next card. Kept visible as a WebKit gap.
  itExcept(['webkit'], 'the smooth scroll stops short of the next card there (seen: never at 251)')(
    'carousel: a named group of numbered cards, scrolled by the previous/next buttons from the keyboard',
    async () => {
      const cards = ['One', 'Two', 'Three'].map((title) => ({
        title,
        text: `The ${title} hat`,
        buttons: [{label: `Pick ${title}`}],
      }));
      const el = await showing({type: 'carousel', cards});
      const carousel = $(bubbles(el)[0], '.carousel');
      expect(carousel.getAttribute('role')).to.equal('group');
      expect(carousel.getAttribute('aria-label')).to.equal('Carousel, 3 cards');
      expect(
        $$(carousel, '.card').map((c) => [c.getAttribute('role'), c.getAttribute('aria-label')])
      ).to.deep.equal([
        ['group', '1 of 3'],
        ['group', '2 of 3'],
        ['group', '3 of 3'],
      ]);
      const row = $(carousel, '.row');
      expect(getComputedStyle(row).scrollSnapType).to.equal('x mandatory');
      expect(row.scrollLeft).to.equal(0);
      const [previous, next] = [$(carousel, '.previous'), $(carousel, '.next')];
      expect([previous.ariaDisabled, next.ariaDisabled]).to.deep.equal(['true', 'false']);
      const [first, second] = $$(row, '.card');
      const step = second.offsetLeft - first.offsetLeft;
      const end = row.scrollWidth - row.clientWidth;
      const scrolledTo = (left: number) =>
        waitUntil(() => Math.abs(row.scrollLeft - left) < 2, `scrolled to ${left}`);
      next.focus();
      await sendKeys({press: 'Enter'});
      await scrolledTo(step);
      expect(previous.ariaDisabled).to.equal('false');
      await sendKeys({press: ' '});
      await scrolledTo(end);
      await waitUntil(() => next.ariaDisabled === 'true', 'the next control says it can go no further');
      // Focus stays on the control, which says it can go no further.
      expect(el.shadowRoot!.activeElement).to.equal(next);
      previous.focus();
      await sendKeys({press: 'Enter'});
      await scrolledTo(step);
      expect(next.ariaDisabled).to.equal('false');
      const sent = oneEvent(el, 'chat-message');
      $$(carousel, 'button')
        .find((b) => b.textContent === 'Pick Two')!
        .click();
      expect((await sent).detail.message).to.include({text: 'Pick Two', replyTo: el.messages[0].id});
      await animationsDone(el);
      await expect(el).to.be.accessible();
    }
  );

  it('video and audio: native players with controls, named by their title', async () => {
    const el = await showing([
      {type: 'video', url: '/clip.mp4', title: 'How to measure', width: 320, height: 180},
      {type: 'audio', url: '/note.mp3', title: 'Voice note'},
    ]);
    const video = $<HTMLVideoElement>(bubbles(el)[0], 'video');
    expect(video.controls).to.equal(true);
    expect(video.src).to.equal(new URL('/clip.mp4', location.href).href);
    expect(video.getAttribute('aria-label')).to.equal('How to measure');
    expect(video.getAttribute('height')).to.equal('180');
    const audio = $<HTMLAudioElement>(bubbles(el)[1], 'audio');
    expect(audio.controls).to.equal(true);
    expect(audio.getAttribute('aria-label')).to.equal('Voice note');
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('file: a download link named by its name, or by the last segment of its URL', async () => {
    const el = await showing([
      {type: 'file', url: 'https://example.com/files/size-guide.pdf', name: 'Size guide'},
      {type: 'file', url: 'https://example.com/files/returns%20form.pdf?v=2'},
    ]);
    const [named, unnamed] = bubbles(el).map((b) => $(b, 'a'));
    expectNewTab(named, 'https://example.com/files/size-guide.pdf');
    expect(named.hasAttribute('download')).to.equal(true);
    expect(named.textContent).to.equal('Size guide');
    expect(unnamed.textContent).to.equal('returns form.pdf');
    expect(fileName('https://example.com/')).to.equal('https://example.com/');
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('location: an OpenStreetMap link with its title, and the address', async () => {
    const place = {
      type: 'location',
      latitude: 52.52,
      longitude: 13.405,
      title: 'Our shop',
      address: 'Hutstraße 1, Berlin',
    } as const;
    const el = await showing([place, {type: 'location', latitude: -33.9, longitude: 151.2}]);
    const link = $(bubbles(el)[0], 'a');
    expectNewTab(link, 'https://www.openstreetmap.org/?mlat=52.52&mlon=13.405');
    expect(link.textContent).to.equal('Our shop');
    expect(bubbles(el)[0].textContent).to.contain('Hutstraße 1, Berlin');
    expect($(bubbles(el)[1], 'a').textContent).to.equal('Open the map');
    expect(mapUrl({type: 'location', latitude: 1, longitude: 2})).to.match(
      /^https:\/\/www\.openstreetmap\.org\/\?mlat=1&mlon=2/
    );
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });
});

describe('the proactive stack', () => {
  afterEach(() => sinon.restore());

  it('shows text and choices; a choice link button opens its URL, a payload button sends its payload', async () => {
    const el = await widget();
    el.proactive.push({
      type: 'choice',
      text: 'Looking for something? https://example.com',
      buttons: [
        {label: 'Hats', payload: 'all'},
        {label: 'Shop', url: 'https://example.com/shop'},
      ],
    });
    await el.updateComplete;
    const bubble = part(el, 'proactive-message');
    expectNewTab($(bubble, 'a.button'), 'https://example.com/shop');
    // The bubble's own text is a button that opens the chat: no link inside it.
    expect($$(bubble, 'a')).to.have.length(1);
    // Other types are not for the stack: reported, and the stack keeps what it had.
    const errors = reportedErrors(el);
    el.proactive.push({type: 'card', title: 'x'} as never);
    expect(errors.messages().join()).to.match(/type must be "text" or "choice" in a proactive message/);
    expect(el.proactive.messages).to.have.length(1);
    const sent = oneEvent(el, 'chat-message');
    $$(bubble, '.choices button')[0].click();
    expect((await sent).detail.message).to.include({text: 'Hats', payload: 'all'});
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });
});

describe('the link scheme rule and an XSS corpus through every field', () => {
  afterEach(() => sinon.restore());

  const markup = [
    '<img src=x onerror="window.__xss=1">',
    '<script>window.__xss=1</script>',
    '"><svg onload="window.__xss=1">',
    '<a href="javascript:window.__xss=1">x</a>',
    '{{constructor.constructor("window.__xss=1")()}}',
  ];
  const badUrls = [
    'javascript:window.__xss=1',
    ' JaVaScRiPt:window.__xss=1',
    'java\tscript:window.__xss=1',
    'vbscript:msgbox(1)',
    'data:text/html,<script>window.__xss=1</script>',
    'file:///etc/passwd',
  ];

  /** Nothing in the shadow root runs script or links to a script URL. */
  function expectInert(el: ChatWidget) {
    const root = el.shadowRoot!;
    expect(root.querySelector('script, iframe, object, embed, svg[onload], [onerror], [onload]')).to.equal(
      null
    );
    for (const node of root.querySelectorAll('[href], [src]')) {
      const url = node.getAttribute('href') ?? node.getAttribute('src')!;
      expect(url, `${node.tagName} ${url}`).to.match(/^(https?:|mailto:|tel:|data:image\/|\/)/);
    }
    expect((window as {__xss?: number}).__xss).to.equal(undefined);
  }

  it('shows markup in every text field as text', async () => {
    for (const text of markup) {
      const el = await showing([
        text,
        {type: 'markdown', text},
        {type: 'image', url: '/a.png', alt: text},
        {
          type: 'choice',
          text,
          buttons: [
            {label: text, payload: text},
            {label: text, url: 'https://example.com'},
          ],
        },
        {
          type: 'card',
          title: text,
          text,
          image: '/a.png',
          alt: text,
          buttons: [{label: text, payload: {text}}],
        },
        {
          type: 'carousel',
          cards: [
            {title: text, text},
            {title: text, buttons: [{label: text}]},
          ],
        },
        {type: 'video', url: '/v.mp4', title: text},
        {type: 'audio', url: '/a.mp3', title: text},
        {type: 'file', url: '/f.pdf', name: text},
        {type: 'location', latitude: 1, longitude: 2, title: text, address: text},
      ]);
      await waitUntil(() => el.shadowRoot!.querySelector('.markdown'), 'markdown drawn');
      expectInert(el);
      const shown = el.shadowRoot!.querySelector('[part="transcript"]')!.textContent!;
      expect(shown.split(text.replace(/\s+/g, ' ')).length - 1, text).to.be.at.least(1);
      // A button's payload is sent verbatim as the turn's text, never drawn.
      const sent = oneEvent(el, 'chat-message');
      $(bubbles(el)[3], 'button').click();
      expect((await sent).detail.message).to.include({text, payload: text});
      el.remove();
    }
  });

  it('refuses every URL field with a scheme other than http(s) (mailto/tel for links; data:image/ for images)', async () => {
    const el = await widget({open: true});
    const fields: Array<(url: string) => MessageInput> = [
      (url) => ({type: 'image', url, alt: 'x'}),
      (url) => ({type: 'choice', text: 'x', buttons: [{label: 'x', url}]}),
      (url) => ({type: 'card', title: 'x', image: url}),
      (url) => ({type: 'card', title: 'x', buttons: [{label: 'x', url}]}),
      (url) => ({type: 'carousel', cards: [{title: 'x', image: url}]}),
      (url) => ({type: 'carousel', cards: [{title: 'x', buttons: [{label: 'x', url}]}]}),
      (url) => ({type: 'video', url}),
      (url) => ({type: 'audio', url}),
      (url) => ({type: 'file', url}),
    ];
    for (const field of fields)
      for (const url of badUrls)
        expect(() => el.reply(field(url)), `${JSON.stringify(field(url))}`).to.throw(TypeError);
    // Media and files load over http(s) only, not data:image/.
    expect(() => el.reply({type: 'file', url: 'data:image/png;base64,AAAA'})).to.throw(TypeError, /url/);
    // A link button may call or mail.
    await el.reply({
      type: 'choice',
      text: 'Call',
      buttons: [
        {label: 'Call', url: 'tel:+491234'},
        {label: 'Mail', url: 'mailto:a@b.co'},
      ],
    });
    await settle(el);
    expect($$(el.shadowRoot!, 'a.button').map((a) => a.getAttribute('href'))).to.deep.equal([
      'tel:+491234',
      'mailto:a@b.co',
    ]);
    expect(el.messages).to.have.length(1);
  });

  it('drops a stored message whose URL was tampered with, reporting it, and keeps the others', async () => {
    const key = uniqueKey();
    const stored = (message: Record<string, unknown>, id: string) => ({
      ...message,
      id,
      author: 'bot',
      timestamp: 1,
    });
    storeSession(key, [
      stored({type: 'card', title: 'ok', buttons: [{label: 'x', url: 'javascript:window.__xss=1'}]}, 'a'),
      stored({type: 'file', url: 'javascript:window.__xss=1'}, 'b'),
      stored({type: 'text', text: 'kept'}, 'c'),
    ]);
    const errors = reportedErrors(document);
    const el = await widget({open: true, 'storage-key': key});
    await settle(el);
    expect(el.messages.map((m) => m.id)).to.deep.equal(['c']);
    expect(errors.messages()).to.have.length(2);
    expect(errors.messages()[0]).to.match(/^storage: storage message \[0\]: buttons\[0\]\.url must be/);
    expectInert(el);
    localStorage.removeItem(`chat-widget:${key}`);
  });
});

describe('conversation polish', () => {
  afterEach(() => sinon.restore());

  it('groups runs of bot messages under one avatar and name', async () => {
    const el = await widget({open: true, 'bot-name': 'Ava'});
    await el.reply(['One', 'Two', 'Three']);
    await el.sendMessage('Me');
    await el.reply('Four');
    await settle(el);
    const senders = $$(el.shadowRoot!, '.sender');
    expect(senders).to.have.length(2);
    expect(senders.map((s) => s.textContent!.trim())).to.deep.equal(['Ava', 'Ava']);
    expect(senders[0].getAttribute('aria-hidden')).to.equal('true');
    // Each bubble still says who wrote it, for screen readers.
    expect(bubbles(el).map((b) => $(b, '.sr-only').textContent)).to.deep.equal([
      'Ava:',
      'Ava:',
      'Ava:',
      'You:',
      'Ava:',
    ]);
    el.botAvatar = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    await el.updateComplete;
    expect($<HTMLImageElement>(senders[0], 'img').alt).to.equal('');
    await animationsDone(el);
    await expect(el).to.be.accessible();
  });

  it('says each message time in the page language, readable by screen readers and shown on hover and focus', async () => {
    const wrapper = document.createElement('div');
    wrapper.lang = 'de-DE';
    document.body.append(wrapper);
    const el = document.createElement('chat-widget');
    el.setAttribute('storage-key', uniqueKey());
    el.open = true;
    wrapper.append(el);
    await oneEvent(el, 'chat-ready');
    await el.reply({type: 'choice', text: 'Choose', buttons: [{label: 'A'}]});
    await settle(el);
    const time = $(bubbles(el)[0], 'time');
    const stamp = el.messages[0].timestamp;
    expect(time.getAttribute('datetime')).to.equal(new Date(stamp).toISOString());
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('de-DE', {timeStyle: 'short'}).format(stamp));
    expect(messageTime(Date.UTC(2024, 0, 2, 9, 5), 'en-GB', Date.UTC(2025, 0, 1))).to.match(
      /2 Jan 2024, \d\d:05/
    );
    // Hidden visually (but in the accessibility tree) until the bubble is hovered or focused.
    const shown = () => getComputedStyle(time).opacity;
    expect(shown()).to.equal('0');
    $(bubbles(el)[0], 'button').focus();
    expect(shown()).to.equal('1');
    $(bubbles(el)[0], 'button').blur();
    expect(shown()).to.equal('0');
    const box = bubbles(el)[0].getBoundingClientRect();
    await sendMouse({type: 'move', position: [Math.round(box.x + 5), Math.round(box.y + 5)]});
    expect(shown()).to.equal('1');
    await sendMouse({type: 'move', position: [0, 0]});
    expect(shown()).to.equal('0');
    await animationsDone(el);
    await expect(el).to.be.accessible();
    wrapper.remove();
  });

  itWithMediaEmulation(
    'shows three animated dots while typing, still under reduced motion, with a spoken text',
    async () => {
      const el = await widget({open: true, 'bot-name': 'Ava'});
      void el.reply('Hi', {typing: 1000});
      await settle(el);
      const typing = part(el, 'typing');
      expect($(typing, '.sr-only').textContent).to.equal('Ava is typing…');
      const dots = $$(typing, '.dots i');
      expect(dots).to.have.length(3);
      expect(dots[0].getAnimations()).to.have.length(1);
      await emulateMedia({reducedMotion: 'reduce'});
      try {
        expect(dots[0].getAnimations()).to.have.length(0);
      } finally {
        await emulateMedia({reducedMotion: 'no-preference'});
      }
      await animationsDone(el);
      await expect(el).to.be.accessible();
    }
  );

  it('shows the welcome text or slot while the transcript is empty', async () => {
    const el = await widget({open: true, welcome: 'Ask me about hats.'});
    expect($(el.shadowRoot!, '.welcome').textContent!.trim()).to.equal('Ask me about hats.');
    const slotted = document.createElement('p');
    slotted.slot = 'welcome';
    slotted.textContent = 'Hello from the page';
    el.append(slotted);
    expect($<HTMLSlotElement>(el.shadowRoot!, 'slot[name="welcome"]').assignedElements()).to.deep.equal([
      slotted,
    ]);
    await animationsDone(el);
    await expect(el).to.be.accessible();
    await el.reply('Hi');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.welcome')).to.equal(null);
    el.reset();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.welcome')).not.to.equal(null);
  });

  it('the launcher shows a close icon while the panel is open', async () => {
    const el = await widget();
    const launcher = part(el, 'launcher');
    expect(launcher.querySelector('slot[name="launcher"]')).not.to.equal(null);
    launcher.click();
    await el.updateComplete;
    expect(launcher.querySelector('slot')).to.equal(null);
    expect($(launcher, 'path').getAttribute('d')).to.equal(
      $(part(el, 'header'), 'button path').getAttribute('d')
    );
    launcher.click();
    await el.updateComplete;
    expect(launcher.querySelector('slot[name="launcher"]')).not.to.equal(null);
  });
});

describe('feedback', () => {
  afterEach(() => sinon.restore());

  it('has no thumbs without the feedback attribute', async () => {
    const el = await showing('Hello');
    expect(el.shadowRoot!.querySelector('.feedback')).to.equal(null);
  });

  it('rates a bot message: chat-feedback fires, the rating is stored and the connector hears it', async () => {
    const key = uniqueKey();
    const rated: Array<[string, string]> = [];
    const connector: Connector = {
      respond: () => null,
      feedback: (message, value) => void rated.push([message.id, value]),
    };
    const el = await widget({open: true, feedback: true, 'storage-key': key}, (w) => (w.bot = connector));
    await el.reply([
      {type: 'markdown', text: 'An **answer**'},
      {type: 'card', title: 'No thumbs on a card'},
    ]);
    await el.sendMessage('mine');
    await settle(el);
    expect($$(el.shadowRoot!, '.feedback')).to.have.length(1);
    const [up, down] = $$(bubbles(el)[0], '.feedback button');
    expect([up.getAttribute('aria-label'), down.getAttribute('aria-label')]).to.deep.equal([
      'Good answer',
      'Bad answer',
    ]);
    expect(up.getAttribute('aria-pressed')).to.equal('false');
    const heard = oneEvent(el, 'chat-feedback');
    up.focus();
    await sendKeys({press: 'Enter'});
    const {detail} = await heard;
    expect(detail.value).to.equal('up');
    expect(detail.message).to.include({id: el.messages[0].id, feedback: 'up'});
    await el.updateComplete;
    expect(up.getAttribute('aria-pressed')).to.equal('true');
    expect(rated).to.deep.equal([[el.messages[0].id, 'up']]);
    // The same rating again is nothing new; the other one replaces it.
    up.click();
    down.click();
    await el.updateComplete;
    expect(rated.map(([, value]) => value)).to.deep.equal(['up', 'down']);
    expect(el.messages[0].feedback).to.equal('down');
    await animationsDone(el);
    await expect(el).to.be.accessible();
    // Remembered with the session.
    await new Promise((resolve) => setTimeout(resolve, 300));
    el.remove();
    const again = await widget({open: true, feedback: true, 'storage-key': key});
    await settle(again);
    expect((again.messages[0] as ChatMessage).feedback).to.equal('down');
    expect($(bubbles(again)[0], '.down').getAttribute('aria-pressed')).to.equal('true');
  });
});

describe('markdown in the bundles', () => {
  it('the classic bundle fetches the markdown file beside it on the first markdown message, and draws it', async () => {
    const {frame, el} = await widgetInFrame('/test/fixtures/classic-bundle.html');
    const fetched = () =>
      frame
        .contentWindow!.performance.getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname);
    expect(fetched()).not.to.include('/dist/chat-widget-markdown.js');
    await el.show();
    await el.reply({type: 'markdown', text: 'Some **bold** text'});
    await waitUntil(() => el.shadowRoot!.querySelector('.markdown strong'), 'drawn once the file has loaded');
    expect(fetched()).to.include('/dist/chat-widget-markdown.js');
    frame.remove();
  });
});

describe('markdown from a connector that declares it', () => {
  it('streams through one growing markdown bubble whose nodes the final message keeps', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const connector: Connector = {
      markdown: true,
      async *respond() {
        yield 'Here is **bold';
        yield '** text\n\n- one\n';
        await gate;
        yield '- two';
      },
    };
    const el = await widget({open: true}, (w) => (w.bot = connector));
    // Loads the renderer first, so the stream is drawn as markdown from its first chunk.
    await el.reply({type: 'markdown', text: 'ready'});
    await waitUntil(() => el.shadowRoot!.querySelector('.markdown'));
    void el.sendMessage('go');
    await waitUntil(
      () => el.shadowRoot!.querySelector('.stream .markdown li'),
      'the stream draws markdown as it comes'
    );
    const streamed = $(el.shadowRoot!, '.stream .markdown');
    expect($(streamed, 'strong').textContent).to.equal('bold');
    const firstItem = $(streamed, 'li');
    release();
    await waitUntil(() => el.messages.length === 3, 'the stream ends as a message');
    await settle(el);
    expect(el.messages[2]).to.include({type: 'markdown', text: 'Here is **bold** text\n\n- one\n- two'});
    const final = $(bubbles(el)[2], '.markdown');
    expect(final).to.equal(streamed);
    expect($$(final, 'li').map((li) => li.textContent)).to.deep.equal(['one', 'two']);
    expect(final.querySelector('li')).to.equal(firstItem);
    expect(el.shadowRoot!.querySelector('.stream [part="message"]')).to.equal(null);
  });

  it("turns its plain text replies into markdown messages; a function engine's text stays text", async () => {
    const el = await widget(
      {open: true},
      (w) => (w.bot = {markdown: true, respond: () => ['*hi*', {type: 'image', url: '/a.png', alt: 'x'}]})
    );
    await el.sendMessage('go');
    await waitUntil(() => el.messages.length === 3);
    expect(el.messages.map((m) => m.type)).to.deep.equal(['text', 'markdown', 'image']);
    el.bot = () => '*hi*';
    await el.sendMessage('again');
    await waitUntil(() => el.messages.length === 5);
    expect(el.messages[4].type).to.equal('text');
  });
});
