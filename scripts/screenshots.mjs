// Takes the README's screenshots of the demo in headless Chromium:
// `npm start` in one terminal, then `node scripts/screenshots.mjs [url]`.
import puppeteer from 'puppeteer-core';
import {chromeArgs, findChrome} from './chrome.mjs';

const url = process.argv[2] ?? 'http://localhost:8000/';
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
} finally {
  await browser.close();
}
