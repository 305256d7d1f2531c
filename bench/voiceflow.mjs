// npm run bench -- --voiceflow-only [--quick]
//
// Voiceflow's own web chat (the published `@voiceflow/react-chat` bundle, the
// "V2" widget their CDN served as widget/bundle.mjs) beside ours, each loaded
// by Voiceflow's embed snippet into the same blank page and talking to the same
// mock runtime (mock/voiceflow-runtime.mjs), offline, in one headless Chromium.
// Measures the bytes each page downloads, script start to launcher painted, and
// Enter to the bot's reply painted. Writes bench/voiceflow-results.json and
// bench/VOICEFLOW.md.
import {createServer} from 'node:http';
import {readFile, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants as zlib} from 'node:zlib';
import puppeteer from 'puppeteer-core';
import {createVoiceflowMock, VOICEFLOW_MOCK_PATH} from '../mock/voiceflow-runtime.mjs';
import {chromeArgs, findChrome} from '../scripts/chrome.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.argv.includes('--quick');
const SAMPLES = QUICK ? {launcher: 3, enter: 3} : {launcher: 11, enter: 9};

/** Each widget: its classic script, and where its launcher, input and transcript are once drawn. */
const WIDGETS = {
  ours: {
    script: '/dist/chat-widget.iife.js',
    host: 'chat-widget',
    launcher: '[part=launcher]',
    input: '[part=input]',
  },
  voiceflow: {
    script: '/node_modules/@voiceflow/react-chat/dist/bundle.mjs',
    host: '#voiceflow-chat',
    launcher: '.vfrc-launcher',
    input: 'textarea',
  },
};

/**
 * The page: blank, then Voiceflow's snippet, inserted after the page has loaded
 * and painted (as the snippet's async script is). Their SDK resolves paths
 * against `url` as a base (`new URL(path, url)`), so the runtime's address ends
 * in a slash; ours takes it either way.
 */
const page = (widget, projectID) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Voiceflow snippet bench</title><link rel="icon" href="data:,"></head>
<body>
<script>
  const widget = ${JSON.stringify(widget)};
  /** performance.now() once a frame that holds the launcher is painted (a task posted from rAF runs after the paint). */
  window.launcherPainted = new Promise((resolve) => {
    const check = () => {
      const launcher = document.querySelector(widget.host)?.shadowRoot?.querySelector(widget.launcher);
      if (!launcher) return requestAnimationFrame(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(check);
  });
  addEventListener('load', () => requestAnimationFrame(() => setTimeout(() => {
    (function (d, t) {
      var v = d.createElement(t), s = d.getElementsByTagName(t)[0];
      v.onload = function () {
        window.voiceflow.chat.load({
          verify: { projectID: ${JSON.stringify(projectID)} },
          url: location.origin + '${VOICEFLOW_MOCK_PATH}/',
          versionID: 'production'
        }).then(() => (window.loaded = true));
      };
      window.scriptStart = performance.now();
      v.src = widget.script; v.type = 'text/javascript'; s.parentNode.insertBefore(v, s);
    })(document, 'script');
  })));
</script>
</body></html>`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
const brotli = (buffer) =>
  brotliCompressSync(buffer, {params: {[zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buffer.length}}).length;

async function serve() {
  const mock = createVoiceflowMock();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith(VOICEFLOW_MOCK_PATH)) return mock(req, res);
    if (url.pathname === '/page.html') {
      res.writeHead(200, {'content-type': 'text/html', 'cache-control': 'no-store'});
      return res.end(page(WIDGETS[url.searchParams.get('widget')], url.searchParams.get('project')));
    }
    const file = path.join(root, decodeURIComponent(url.pathname));
    try {
      const body = await readFile(file);
      res.writeHead(200, {'content-type': 'text/javascript', 'cache-control': 'no-store'});
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {server, origin: `http://127.0.0.1:${server.address().port}`};
}

let counter = 0;

/** A fresh tab with the snippet for `name`; resolves once the widget is loaded, with what the page requested. */
async function openPage(browser, origin, name) {
  const tab = await browser.newPage();
  await tab.setViewport({width: 1280, height: 800});
  await tab.setCacheEnabled(false);
  const requests = [];
  tab.on('request', (request) => requests.push(request.url()));
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  // Each run its own project: a new visitor, a new session.
  await tab.goto(`${origin}/page.html?widget=${name}&project=bench-${name}-${process.pid}-${++counter}`);
  await tab.waitForFunction(() => window.loaded === true, {timeout: 20_000});
  return {tab, requests, errors};
}

/** The bytes of every same-origin file the page requested (the page itself aside), brotli-compressed. */
async function downloaded(requests, origin) {
  const files = [
    ...new Set(
      requests
        .filter((url) => url.startsWith(origin) && !url.includes('/page.html') && !url.includes(VOICEFLOW_MOCK_PATH))
        .map((url) => new URL(url).pathname)
    ),
  ];
  let compressed = 0;
  let raw = 0;
  for (const file of files) {
    const buffer = await readFile(path.join(root, file));
    compressed += brotli(buffer);
    raw += buffer.length;
  }
  const external = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'));
  return {brotli: compressed, raw, files, external: [...new Set(external)]};
}

/** Opens the chat, waits for the launch answer, then measures Enter → the echo painted, `count` times. */
async function enterToReply(tab, name, count) {
  const widget = WIDGETS[name];
  await tab.evaluate(() => window.voiceflow.chat.open());
  await tab.waitForFunction(
    (host) => (document.querySelector(host)?.shadowRoot?.textContent ?? '').includes('Welcome to'),
    {timeout: 20_000},
    widget.host
  );
  const samples = [];
  for (let i = 0; i < count; i++) {
    const said = `bench${i}x${Date.now() % 1000}`;
    await tab.evaluate(
      (w, word) => {
        const root = document.querySelector(w.host).shadowRoot;
        root.querySelector(w.input).focus();
        window.replyPainted = new Promise((resolve) => {
          const onKey = (event) => {
              if (event.key !== 'Enter') return;
              removeEventListener('keydown', onKey, {capture: true});
              const start = performance.now();
              // The echo is "You said: <word>" (ours shows its markdown source until the markdown renderer lands).
              const echo = new RegExp(`You said: \\**${word}`);
              const check = () => {
                if (!echo.test(root.textContent)) return requestAnimationFrame(check);
                const channel = new MessageChannel();
                channel.port1.onmessage = () => resolve(performance.now() - start);
                channel.port2.postMessage(0);
              };
              requestAnimationFrame(check);
            };
          addEventListener('keydown', onKey, {capture: true});
        });
      },
      widget,
      said
    );
    await tab.keyboard.type(said);
    await tab.keyboard.press('Enter');
    process.stderr.write(`  ${name} message ${i}\n`);
    samples.push(await tab.evaluate(() => window.replyPainted));
  }
  return samples;
}

export async function run() {
  const {server, origin} = await serve();
  const browser = await puppeteer.launch({
    protocolTimeout: 60_000,
    executablePath: findChrome(),
    // A closed network: anything not on the local server fails at once (their widget asks cdn.voiceflow.com for a logo).
    args: [...chromeArgs(), '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
  const results = {};
  try {
    const names = Object.keys(WIDGETS);
    const launcher = Object.fromEntries(names.map((name) => [name, []]));
    const bytes = {};
    const errors = {};
    for (let i = 0; i < SAMPLES.launcher + 1; i++) {
      for (const name of i % 2 ? [...names].reverse() : names) {
        const {tab, requests, errors: pageErrors} = await openPage(browser, origin, name);
        process.stderr.write(`  ${name} page ${i}\n`);
        const ms = await tab.evaluate(() => window.launcherPainted.then((end) => end - window.scriptStart));
        // The first round warms the server and the disk cache; it is not counted.
        if (i > 0) launcher[name].push(ms);
        if (i === 1) bytes[name] = await downloaded(requests, origin);
        errors[name] = [...new Set([...(errors[name] ?? []), ...pageErrors])];
        await tab.close();
      }
    }
    const enter = {};
    for (const name of names) {
      const {tab, requests} = await openPage(browser, origin, name);
      enter[name] = await enterToReply(tab, name, SAMPLES.enter);
      bytes[name].external = [...new Set([...bytes[name].external, ...(await downloaded(requests, origin)).external])];
      await tab.close();
    }
    const version = JSON.parse(await readFile(path.join(root, 'node_modules/@voiceflow/react-chat/package.json'), 'utf8')).version;
    results.report = {
      machine: `${os.cpus()[0]?.model.trim()} ×${os.cpus().length}, ${os.type()} ${os.arch()}, Node ${process.version}`,
      browser: await browser.version(),
      date: new Date().toISOString(),
      voiceflowReactChat: version,
      samples: SAMPLES,
      rows: [
        {metric: 'voiceflow-snippet-bytes-brotli', unit: 'B', ours: bytes.ours.brotli, voiceflow: bytes.voiceflow.brotli},
        {metric: 'voiceflow-snippet-bytes-raw', unit: 'B', ours: bytes.ours.raw, voiceflow: bytes.voiceflow.raw},
        {metric: 'voiceflow-script-start-to-launcher-painted', unit: 'ms', ours: round(median(launcher.ours)), voiceflow: round(median(launcher.voiceflow))},
        {metric: 'voiceflow-enter-to-reply-painted', unit: 'ms', ours: round(median(enter.ours)), voiceflow: round(median(enter.voiceflow))},
      ],
      details: {bytes, launcher: mapRound(launcher), enter: mapRound(enter), pageErrors: errors},
    };
  } finally {
    await browser.close();
    server.close();
  }
  const report = results.report;
  await writeFormatted('bench/voiceflow-results.json', JSON.stringify(report, null, 2));
  await writeFormatted('bench/VOICEFLOW.md', markdown(report));
  console.log(JSON.stringify(report.rows, null, 2));
  console.log('Wrote bench/voiceflow-results.json and bench/VOICEFLOW.md.');
}

/** Writes a file formatted the way the repository's Prettier config would. */
async function writeFormatted(file, text) {
  const full = path.join(root, file);
  const prettier = await import('prettier');
  await writeFile(full, await prettier.format(text, {...(await prettier.resolveConfig(full)), filepath: full}));
}

const mapRound = (samples) => Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map(round)]));
const number = (x) => x.toLocaleString('en-US');

function markdown(report) {
  const lines = [
    "# Voiceflow's web chat beside ours",
    '',
    `Written by \`npm run bench -- --voiceflow-only\` on ${report.date}.`,
    '',
    `- Machine: ${report.machine}; browser: ${report.browser}, headless, 1280×800`,
    `- Theirs: \`@voiceflow/react-chat\` ${report.voiceflowReactChat}, \`dist/bundle.mjs\` (the V2 widget); ours: \`dist/chat-widget.iife.js\``,
    `- Samples: ${report.samples.launcher} page loads each (after one warm-up), ${report.samples.enter} messages each`,
    '',
    '| metric | unit | ours | Voiceflow |',
    '| --- | --- | ---: | ---: |',
    ...report.rows.map((row) => `| ${row.metric} | ${row.unit} | ${number(row.ours)} | ${number(row.voiceflow)} |`),
    '',
    '## Method',
    '',
    "Both pages are the same blank page running Voiceflow's embed snippet, the script's address the only difference; " +
      'the snippet is inserted once the page has loaded and painted. Both talk to the same mock runtime ' +
      '(`mock/voiceflow-runtime.mjs`) on the same local server, caching off, no other network ' +
      `(their widget's request for ${report.details.bytes.voiceflow.external.join(', ') || 'nothing external'} fails at once and is not counted).`,
    '',
    '- bytes: every same-origin file the page requested (the page and the runtime aside), brotli quality 11 ' +
      `(ours: ${report.details.bytes.ours.files.join(', ')}; theirs: ${report.details.bytes.voiceflow.files.join(', ')}).`,
    '- script start to launcher painted: from inserting the script tag to the paint of the first frame with the launcher in the shadow root ' +
      `(samples, ms: ours ${report.details.launcher.ours.join(', ')}; theirs ${report.details.launcher.voiceflow.join(', ')}).`,
    '- Enter to reply painted: the chat is opened and launched, then the visitor types a word and presses Enter; from the keydown to the paint ' +
      'of the first frame holding the echo "You said: …" ' +
      `(samples, ms: ours ${report.details.enter.ours.join(', ')}; theirs ${report.details.enter.voiceflow.join(', ')}). ` +
      "Their widget shows a reply's messages one by one behind its typing indicator (about a second each); that is their visitor's wait, so it counts.",
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) run().catch((error) => {
  console.error(error);
  process.exit(2);
});
