// Takes the README's screenshots of the demo in headless Chromium (the demo page,
// then the chat panel showing each rich message type): `npm start` in one
// terminal, then `node scripts/screenshots.mjs [url]`. The PNGs go to docs/.
import puppeteer from 'puppeteer-core';
import {chromeArgs, findChrome} from './chrome.mjs';

const url = process.argv[2] ?? 'http://localhost:8000/';
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
      ].map(([title, text, colour]) => ({title, text, image: `swatch:${colour}`, alt: '', buttons: [{label: 'Tell me more', payload: title}]})),
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
    {type: 'location', latitude: 52.52, longitude: 13.405, title: 'Hat & Co. Berlin', address: 'Hutstraße 1, 10115 Berlin'},
  ],
  'message-feedback': ['Delivery takes 2–4 working days in the EU.', 'Anything else I can help with?'],
};

const browser = await puppeteer.launch({executablePath: findChrome(), args: chromeArgs()});
try {
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
    await el.reply({type: 'choice', text: 'Shall I recommend one?', buttons: [{label: 'Something warm'}, {label: 'For the sun'}]});
    el.shadowRoot.querySelector('[part=input]').blur();
  });
  await new Promise((r) => setTimeout(r, 400));
  await page.screenshot({path: 'docs/demo-open.png'});
  await page.$eval(widget, (el) => el.reset());
  await page.close();

  for (const [name, messages] of Object.entries(shots)) {
    const page = await browser.newPage();
    // No request leaves the machine: media from example.com and the like are answered locally with nothing.
    await page.setRequestInterception(true);
    page.on('request', (request) =>
      new URL(request.url()).hostname === new URL(url).hostname ? request.continue() : request.respond({status: 204})
    );
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
    const panel = await page.evaluateHandle(() => document.querySelector('chat-widget').shadowRoot.querySelector('[part="panel"]'));
    await panel.screenshot({path: `docs/${name}.png`});
    console.log(`docs/${name}.png`);
    await page.close();
  }
} finally {
  await browser.close();
}
