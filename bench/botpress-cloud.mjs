// Botpress's own webchat beside ours, both talking to the mock Webchat API (mock/botpress-cloud.mjs).
//
//   node bench/botpress-cloud.mjs --webchat /path/to/node_modules   (after `npm run build`)
//
// Botpress Cloud's hosted inject.js (cdn.botpress.cloud/webchat/vX/inject.js) is closed source and
// not on npm, so it cannot be served offline. What is on npm is `@botpress/webchat` (4.5.2), the
// React library that inject.js is built from, with the same `apiUrl` option. It is not a
// dependency of this project (React 19 and ~300 packages): install it anywhere, e.g.
// `npm install --prefix /tmp/bpwc @botpress/webchat@4.5.2 react@19 react-dom@19`, and pass that
// node_modules. This script bundles a page rendering `<Webchat clientId apiUrl>` with esbuild, serves
// it, our bundle and the mock from one local server, and drives both in headless Chromium with the
// network closed: the same conversation (greeting, "hello", "carousel") on each, ABAB, 5 runs.
//
// Rows: bytes the page downloads (brotli), ms from the page's start to the greeting drawn, ms
// from Enter to the bot's answer drawn, and whether each step worked at all.
import {build} from 'esbuild';
import {brotliCompressSync, constants} from 'node:zlib';
import {createServer} from 'node:http';
import {mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve, extname} from 'node:path';
import puppeteer from 'puppeteer-core';
import {createBotpressCloudMock} from '../mock/botpress-cloud.mjs';
import {findChrome, chromeArgs} from '../scripts/chrome.mjs';

const argument = (name) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const modules = argument('--webchat');
if (!modules || !existsSync(join(modules, '@botpress/webchat/package.json'))) {
  console.error('Pass --webchat <node_modules holding @botpress/webchat, react and react-dom>');
  process.exit(2);
}
const RUNS = Number(argument('--runs') ?? 5);
const brotli = (bytes) => brotliCompressSync(bytes, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;

// Botpress's page: the React library, bundled for production.
const out = mkdtempSync(join(tmpdir(), 'bpwc-'));
writeFileSync(
  join(out, 'source.js'),
  `import {createElement} from 'react';
import {createRoot} from 'react-dom/client';
import {Webchat} from '@botpress/webchat';
import ${JSON.stringify(join(resolve(modules), '@botpress/webchat/dist/style.css'))};
const params = new URLSearchParams(location.search);
createRoot(document.getElementById('root')).render(
  createElement('div', {style: {height: '600px', width: '400px'}},
    createElement(Webchat, {clientId: params.get('clientId'), apiUrl: location.origin + '/mock/botpress-cloud'}))
);
`
);
await build({
  entryPoints: {entry: join(out, 'source.js')},
  bundle: true,
  minify: true,
  format: 'esm',
  outdir: out,
  nodePaths: [resolve(modules)],
  define: {'process.env.NODE_ENV': '"production"'},
  logLevel: 'error',
});
const pages = {
  '/official.html': `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/official/entry.css"><div id="root"></div><script type="module" src="/official/entry.js"></script>`,
  '/ours.html': `<!doctype html><meta charset="utf-8"><script src="/dist/chat-widget.iife.js"></script>
<script>const clientId = new URLSearchParams(location.search).get('clientId');
window.botpress.on('webchat:initialized', () => window.botpress.open());
window.botpress.init({botId: clientId, clientId, apiUrl: '/mock/botpress-cloud', configuration: {storageKey: clientId}});</script>`,
};
const types = {'.js': 'text/javascript', '.css': 'text/css'};

const mock = createBotpressCloudMock();
const server = createServer(async (req, res) => {
  if (await mock.handle(req, res)) return;
  const path = new URL(req.url, 'http://local').pathname;
  if (pages[path]) return void res.writeHead(200, {'content-type': 'text/html'}).end(pages[path]);
  const file = path.startsWith('/official/')
    ? join(out, path.slice(10))
    : path.startsWith('/dist/')
      ? `.${path}`
      : '';
  if (file && existsSync(file))
    return void res
      .writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      .end(readFileSync(file));
  res.writeHead(404).end();
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: findChrome(),
  args: [...chromeArgs(), '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
});

/** The visible text of the page, our shadow root included. */
const visibleText = () => {
  const el = document.querySelector('chat-widget');
  return (el?.shadowRoot ?? document.body).textContent ?? '';
};

async function run(kind, n) {
  const page = await browser.newPage();
  const downloaded = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/mock/') || response.request().resourceType() === 'document') return;
    try {
      downloaded.push(brotli(await response.buffer()));
    } catch {
      // A stream: not a download.
    }
  });
  if (process.argv.includes('--debug')) {
    page.on('console', (message) => console.log(kind, 'console', message.type(), message.text()));
    page.on('request', (request) =>
      console.log(kind, 'request', request.method(), request.url(), JSON.stringify(request.headers()))
    );
    page.on('response', (response) =>
      console.log(kind, 'response', Math.round(performance.now()), response.status(), response.url())
    );
    page.on('requestfailed', (request) =>
      console.log(kind, 'failed', request.url(), request.failure()?.errorText)
    );
  }
  const clientId = `bench-${kind}-${n}-${Date.now()}`;
  const result = {kind, greeted: false, answered: false, carousel: false};
  try {
    await page.goto(`${origin}/${kind}.html?clientId=${clientId}`);
    await page.waitForFunction(
      (f) => new Function(`return (${f})()`)().includes('mock'),
      {timeout: 15000},
      visibleText.toString()
    );
    result.greeted = true;
    result.greetingMs = await page.evaluate(() => performance.now());
    const input = kind === 'ours' ? 'chat-widget >>> textarea' : 'textarea';
    await page.waitForSelector(input, {timeout: 5000});
    await page.click(input);
    await page.keyboard.type('hello');
    const sent = await page.evaluate(() => performance.now());
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (f) =>
        new Function(`return (${f})()`)().includes('You said: hello') ||
        new Function(`return (${f})()`)().includes('You said:'),
      {timeout: 10000},
      visibleText.toString()
    );
    result.answered = true;
    result.answerMs = (await page.evaluate(() => performance.now())) - sent;
    await page.keyboard.type('carousel');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (f) => new Function(`return (${f})()`)().includes('Beanie'),
      {timeout: 10000},
      visibleText.toString()
    );
    result.carousel = true;
  } catch (error) {
    result.error = error.message.split('\n')[0];
  }
  result.brotliBytes = downloaded.reduce((a, b) => a + b, 0);
  await page.close();
  return result;
}

const results = [];
for (let n = 0; n < RUNS; n++)
  for (const kind of n % 2 ? ['official', 'ours'] : ['ours', 'official']) results.push(await run(kind, n));
await browser.close();
server.close();

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
};
console.log('| metric | ours | @botpress/webchat 4.5.2 |\n| --- | --- | --- |');
const of = (kind) => results.filter((r) => r.kind === kind);
for (const [label, pick] of [
  ['downloaded, brotli (B)', (r) => r.brotliBytes],
  ['page start → greeting drawn (ms, median)', (r) => r.greetingMs],
  ['Enter → answer drawn (ms, median)', (r) => r.answerMs],
])
  console.log(
    `| ${label} | ${median(of('ours').map(pick))?.toFixed?.(0)} | ${median(of('official').map(pick))?.toFixed?.(0)} |`
  );
for (const step of ['greeted', 'answered', 'carousel'])
  console.log(
    `| ${step} | ${of('ours').filter((r) => r[step]).length}/${RUNS} | ${of('official').filter((r) => r[step]).length}/${RUNS} |`
  );
const errors = results.filter((r) => r.error);
if (errors.length) console.log('\nerrors:', JSON.stringify(errors, null, 1));
