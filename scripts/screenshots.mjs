// Takes the README's screenshots of the demo in headless Chromium (the demo page,
// the chat panel showing each rich message type, and the Arabic and Japanese
// demos): `npm start` in one terminal, then `node scripts/screenshots.mjs [url]`.
// With `--languages`, only the Arabic and Japanese demos' (so the others are not
// rewritten). The PNGs go to docs/. The Arabic and Japanese pages need fonts
// for their scripts (on Debian: fonts-noto-core, fonts-noto-cjk).
import puppeteer from 'puppeteer-core';
import {chromeArgs, findChrome} from './chrome.mjs';

const options = process.argv.slice(2);
const url = options.find((option) => !option.startsWith('--')) ?? 'http://localhost:8000/';
const onlyLanguages = options.includes('--languages');
/** What each screenshot shows: messages the bot replies with, and what the visitor does first. */
const shots = {
  'message-markdown': [
    {
      type: 'markdown',
      text: '## Caring for felt\n\n1. Brush **with the nap**, never against it.\n2. Steam out dents; ~~iron~~ never.\n\n| Size | Head |\n| --- | --- |\n| M | 56 cm |\n| L | 58 cm |\n\n`felt` hates rain: see https://example.com/care',
    },
  ],
  'message-card': [
    {
      type: 'card',
      title: 'Midnight beanie',
      text: 'Merino, €29. Our warmest: double knit.',
      image: 'swatch:#1e3a8a',
      alt: '',
      buttons: [
        {label: 'Tell me more', payload: 'more:beanie'},
        {label: 'Size guide', url: 'https://example.com/size-guide'},
      ],
    },
  ],
  'message-carousel': [
    {
      type: 'carousel',
      cards: [
        ['Rust fedora', 'Felt, €79.', '#b45309'],
        ['Midnight beanie', 'Merino, €29.', '#1e3a8a'],
        ['Forest bucket hat', 'Cotton, €39.', '#166534'],
      ].map(([title, text, colour]) => ({
        title,
        text,
        image: `swatch:${colour}`,
        alt: '',
        buttons: [{label: 'Tell me more', payload: title}],
      })),
    },
  ],
  'message-choice': [
    {
      type: 'choice',
      text: 'What are you shopping for?',
      buttons: [
        {label: 'Something warm', payload: 'warm'},
        {label: 'Something for the sun', payload: 'sun'},
        {label: 'Our shop', url: 'https://example.com/shop'},
      ],
    },
  ],
  'message-media': [
    {type: 'image', url: 'swatch:#6b21a8', alt: 'A plum beret', width: 240, height: 135},
    {type: 'audio', url: 'https://example.com/voice-note.mp3', title: 'Voice note from the shop'},
    {type: 'file', url: 'https://example.com/files/size-guide.pdf', name: 'Size guide (PDF)'},
    {
      type: 'location',
      latitude: 52.52,
      longitude: 13.405,
      title: 'Hat & Co. Berlin',
      address: 'Hutstraße 1, 10115 Berlin',
    },
  ],
  'message-feedback': ['Delivery takes 2–4 working days in the EU.', 'Anything else I can help with?'],
};

/** A new tab from which no request leaves the machine: media from example.com and the like are answered locally with nothing. */
async function offlinePage(browser) {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) =>
    new URL(request.url()).hostname === new URL(url).hostname
      ? request.continue()
      : request.respond({status: 204})
  );
  return page;
}

/** The English demo: closed, with proactive bubbles, open; then the panel with each rich message type. */
async function englishShots(browser) {
  const page = await browser.newPage();
  await page.setViewport({width: 1100, height: 760});
  await page.goto(url, {waitUntil: 'networkidle0'});
  const widget = 'chat-widget';
  await page.$eval(widget, async (el) => {
    el.reset();
    el.proactive.clear();
    await el.updateComplete;
  });
  await page.screenshot({path: 'docs/demo-closed.png'});

  await page.$eval(widget, async (el) => {
    el.proactive.push('Hey, we sell lots of hats!', {
      type: 'choice',
      text: 'Want recommendations?',
      buttons: [{label: 'Yes please'}, {label: 'Just browsing'}],
    });
    await el.updateComplete;
  });
  await new Promise((r) => setTimeout(r, 400));
  await page.screenshot({path: 'docs/demo-proactive.png'});

  await page.$eval(widget, async (el) => {
    el.proactive.clear();
    await el.show();
    await el.sendMessage('Hi! What sizes do your hats come in?');
    await new Promise((r) => setTimeout(r, 2500));
    await el.reply({
      type: 'choice',
      text: 'Shall I recommend one?',
      buttons: [{label: 'Something warm'}, {label: 'For the sun'}],
    });
    el.shadowRoot.querySelector('[part=input]').blur();
  });
  await new Promise((r) => setTimeout(r, 400));
  await page.screenshot({path: 'docs/demo-open.png'});
  await page.$eval(widget, (el) => el.reset());
  await page.close();

  for (const [name, messages] of Object.entries(shots)) {
    const page = await offlinePage(browser);
    await page.setViewport({width: 520, height: 900, deviceScaleFactor: 2});
    await page.goto(new URL('demo/index.html', url).href);
    await page.evaluate(async (messages) => {
      localStorage.clear();
      const chat = document.querySelector('chat-widget');
      chat.reset();
      await chat.show();
      // The demo's own inline images: a coloured swatch as an SVG data URL.
      const swatch = (colour) =>
        `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="${colour}"/><ellipse cx="160" cy="120" rx="110" ry="22" fill="#0003"/><path d="M90 120q0-70 70-70t70 70z" fill="#fff6"/></svg>`)}`;
      const withImages = JSON.parse(JSON.stringify(messages), (key, value) =>
        typeof value === 'string' && value.startsWith('swatch:') ? swatch(value.slice(7)) : value
      );
      await chat.sendMessage(withImages[0].type === 'carousel' ? 'Show me everything' : 'Hello');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      chat.bot = undefined;
      await chat.reply(withImages);
      if (typeof messages[0] === 'string') {
        // Feedback: the visitor rated the first answer.
        chat.shadowRoot.querySelector('.feedback .up').click();
      }
      await new Promise((resolve) => setTimeout(resolve, 800));
      document.activeElement?.blur();
    }, messages);
    const panel = await page.evaluateHandle(() =>
      document.querySelector('chat-widget').shadowRoot.querySelector('[part="panel"]')
    );
    await panel.screenshot({path: `docs/${name}.png`});
    console.log(`docs/${name}.png`);
    await page.close();
  }
}

/** Waits until the demo's widget holds `count` bot messages. */
const botAnswers = (page, count) =>
  page.waitForFunction(
    (count) =>
      document.querySelector('chat-widget').messages.filter((m) => m.author === 'bot').length >= count,
    {timeout: 10000},
    count
  );

/** What the visitor says (and clicks) on a language demo, and the number of bot messages that follow. */
async function converse(page, turns) {
  let answers = 0;
  for (const {say, click, replies = 1} of turns) {
    await page.$eval(
      'chat-widget',
      (el, say, click) => {
        if (say) return el.sendMessage(say);
        const buttons = [...el.shadowRoot.querySelectorAll('[part=transcript] button')];
        buttons.findLast((button) => button.textContent.trim() === click).click();
      },
      say,
      click
    );
    answers += replies;
    await botAnswers(page, answers);
  }
  // The last answer's drawing (a carousel or markdown is drawn by a lazily loaded module) and its fade-in.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await page.$eval('chat-widget', (el) => el.shadowRoot.activeElement?.blur());
}

/** A language demo in a new session (its triggers greet new visitors only), ready once it speaks the page's language. */
async function newVisit(browser, path, storageKey) {
  const page = await offlinePage(browser);
  await page.setViewport({width: 1100, height: 760});
  await page.goto(new URL(path, url).href);
  await page.evaluate((storageKey) => localStorage.removeItem(`chat-widget:${storageKey}`), storageKey);
  await page.reload({waitUntil: 'networkidle0'});
  return page;
}

/** The Arabic demo closed with the page's two proactive bubbles, and open in a conversation; the Japanese demo open. */
async function languageShots(browser) {
  const arabic = await newVisit(browser, 'demo/arabic.html', 'demo-arabic');
  await arabic.waitForFunction(
    () =>
      document.querySelector('chat-widget').shadowRoot.querySelectorAll('[part=proactive-message]').length ===
      2,
    {timeout: 10000}
  );
  await new Promise((resolve) => setTimeout(resolve, 600));
  await arabic.screenshot({path: 'docs/demo-arabic-proactive.png'});
  console.log('docs/demo-arabic-proactive.png');
  await arabic.$eval('chat-widget', (el) => el.show());
  await converse(arabic, [{say: 'مرحبًا!'}, {say: 'أرني القبعات'}, {click: 'أرني التشكيلة كلها', replies: 2}]);
  await arabic.screenshot({path: 'docs/demo-arabic-open.png'});
  console.log('docs/demo-arabic-open.png');
  await arabic.$eval('chat-widget', (el) => el.reset());
  await arabic.close();

  const japanese = await newVisit(browser, 'demo/japanese.html', 'demo-japanese');
  await japanese.$eval('chat-widget', (el) => el.show());
  await converse(japanese, [{say: 'こんにちは'}, {say: 'サイズを教えてください'}, {say: '帽子を見せて'}]);
  await japanese.screenshot({path: 'docs/demo-japanese-open.png'});
  console.log('docs/demo-japanese-open.png');
  await japanese.$eval('chat-widget', (el) => el.reset());
  await japanese.close();
}

const browser = await puppeteer.launch({executablePath: findChrome(), args: chromeArgs()});
try {
  if (!onlyLanguages) await englishShots(browser);
  await languageShots(browser);
} finally {
  await browser.close();
}
