// npm run bench [-- --check] [-- --quick] [-- --streams-only] [-- --only=persistence] [-- --voiceflow-only]
//
// Measures <chat-widget> against deep-chat side by side, in one headless
// Chromium, on the production bundles, through puppeteer-core and the Chrome
// DevTools Protocol. Writes bench/results.json and bench/RESULTS.md and prints
// a table. With --check it exits 1 when a budget is missed. --quick runs fewer
// samples (for trying the harness, not for publishing numbers).
import {spawnSync} from 'node:child_process';
import {createServer} from 'node:http';
import {readFile, stat, readdir, writeFile} from 'node:fs/promises';
import {existsSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants as zlib} from 'node:zlib';
import puppeteer from 'puppeteer-core';
import {BOT_PATH, CONTROL_PATH, createBotpressV12Mock} from '../mock/botpress-v12.mjs';
import {createChatMock, MOCK_PATH} from '../mock/http-chat.mjs';
import {chromeArgs, findChrome} from '../scripts/chrome.mjs';
import * as scenarios from './scenarios.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const CHECK = args.has('--check');
const QUICK = args.has('--quick');
/** Only the traced runs ("where the time goes"), printed as JSON; writes nothing. */
const PROFILE_ONLY = args.has('--profile-only');
/** Only the streaming rows (stream-2k-tokens, reply-latency), printed as JSON; writes nothing. */
const STREAMS_ONLY = args.has('--streams-only');
/** `--only=persistence`: one measurement, printed as JSON; writes nothing. */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

const LIBS = {
  ours: {file: 'dist/chat-widget.bundle.js', label: 'ours'},
  'deep-chat': {file: 'node_modules/deep-chat/dist/deepChat.bundle.js', label: 'deep-chat'},
};

/** How many samples each measurement takes. */
const PLAN = QUICK
  ? {
      warmup: 1,
      firstPaint: 5,
      t1k: 3,
      t10k: 1,
      heapCycles: 200,
      pushes: 40,
      bursts: 1,
      sendEvents: 1,
      persistence: 1,
      botpressV12: 1,
      enters: 5,
      streams: 1,
    }
  : {
      warmup: 2,
      firstPaint: 21,
      t1k: 7,
      t10k: 5,
      heapCycles: 1000,
      pushes: 150,
      bursts: 3,
      sendEvents: 3,
      persistence: 5,
      botpressV12: 5,
      enters: 15,
      streams: 3,
    };

const VIEWPORT = {width: 1280, height: 800};

// ---------------------------------------------------------------- helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x, digits = 1) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const log = (...parts) => process.stderr.write(parts.join(' ') + '\n');
/** ABBA order: ours, deep-chat, deep-chat, ours, ... so neither always runs first. */
const abba = (i, list) => (i % 2 ? [...list].reverse() : list);

const brotli = (buffer) =>
  brotliCompressSync(buffer, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      [zlib.BROTLI_PARAM_SIZE_HINT]: buffer.length,
    },
  }).length;

async function newestMtime(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}

/** Builds when a bundle is missing or older than anything in src/ (or the build config). */
async function ensureBuild() {
  const bundles = ['dist/chat-widget.bundle.js', 'dist/chat-widget.iife.js'].map((f) => path.join(root, f));
  const sources = Math.max(
    await newestMtime(path.join(root, 'src')),
    statSync(path.join(root, 'rollup.config.js')).mtimeMs
  );
  const stale = bundles.some((b) => !existsSync(b) || statSync(b).mtimeMs < sources);
  if (!stale) return;
  log('dist/ is missing or older than src/: npm run build');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], {cwd: root, stdio: ['ignore', 2, 2]});
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  for (const b of bundles)
    if (!existsSync(b)) throw new Error(`npm run build wrote no ${path.relative(root, b)}`);
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/**
 * The bundles, read once when the run starts: every page of the run loads
 * these same bytes even if someone rebuilds dist/ meanwhile.
 */
const snapshot = new Map();
async function takeSnapshot() {
  for (const {file} of Object.values(LIBS)) snapshot.set(`/${file}`, await readFile(path.join(root, file)));
  snapshot.set('/bench/.tmp/lit-floor.js', await litFloor());
}

/** The first-paint floor: Lit's production build and one element drawing a launcher button, minified. */
async function litFloor() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    stdin: {
      contents: `
        import {LitElement, html, css} from 'lit';
        class LitFloor extends LitElement {
          static styles = css\`:host{position:fixed;right:20px;bottom:20px}
            button{width:56px;height:56px;border:0;border-radius:50%;background:#1d4ed8;color:#fff}\`;
          render() { return html\`<button part="launcher" aria-label="Chat">Chat</button>\`; }
        }
        customElements.define('lit-floor', LitFloor);`,
      resolveDir: root,
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    conditions: ['production'],
    logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/** A static server for the repository root on 127.0.0.1, an ephemeral port, nothing cached; and the mock chat backend. */
async function serve() {
  const chatMock = createChatMock();
  const botpressV12 = createBotpressV12Mock();
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (pathname === MOCK_PATH || pathname.startsWith(`${MOCK_PATH}/`)) return chatMock(req, res);
    if (BOT_PATH.test(pathname) || CONTROL_PATH.test(pathname)) return botpressV12.handle(req, res);
    const file = path.join(root, pathname);
    if (req.method !== 'GET' || !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = snapshot.get(pathname) ?? (await readFile(file));
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  botpressV12.attach(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {server, origin: `http://127.0.0.1:${server.address().port}`};
}

// ---------------------------------------------------------------- browser

let browser;
let origin;

/** A fresh tab on the shell page for `lib`; `requests` collects what it loads. */
async function open(lib, {mount, trace} = {}) {
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  await page.setCacheEnabled(false);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (trace) await page.tracing.start({categories: TRACE_CATEGORIES});
  const query = new URLSearchParams({lib, ...(mount ? {mount} : {})});
  await page.goto(`${origin}/bench/pages/shell.html?${query}`);
  await page.evaluate(() => window.bench.loaded);
  await page.evaluate(scenarios.install);
  return {page, requests, errors, cdp: await page.createCDPSession()};
}

async function withPage(lib, options, run) {
  const tab = await open(lib, options);
  try {
    return await run(tab);
  } catch (error) {
    if (tab.errors.length) error.message += `\npage errors: ${tab.errors.join('\n')}`;
    throw error;
  } finally {
    await tab.page.close();
  }
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

// ---------------------------------------------------------------- tracing (profiling evidence)

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.compile',
];

const CATEGORY_OF = [
  [/IntersectionObserver/, 'intersections (content-visibility)'],
  [/[cC]ompile|Parse(Script|Function)|ParseHTML|ScriptStreaming|ResourceReceivedData/, 'parse & compile'],
  [
    /^(Layout|UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|InvalidateLayout|ParseAuthorStyleSheet)$/,
    'style & layout',
  ],
  [
    /^(Paint|PrePaint|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|PaintImage|RasterTask|Decode)/,
    'paint',
  ],
  [/GC|Heap|Sweep|Scavenge|Marking/i, 'GC'],
  [
    /^(FunctionCall|EvaluateScript|v8\.|V8\.|RunMicrotasks|FireAnimationFrame|TimerFire|EventDispatch|v8\.run|v8\.compile|CompileScript|CompileModule|EvaluateModule|ParseHTML)/,
    'script',
  ],
];

/**
 * Self time per trace event name on the page's main thread between the
 * `bench-start` and `bench-end` marks, with layout's object counts.
 */
function breakdown(traceBuffer) {
  const {traceEvents} = JSON.parse(new TextDecoder().decode(traceBuffer));
  const startMark = traceEvents.find((e) => e.name === 'bench-start');
  const endMark = traceEvents.find((e) => e.name === 'bench-end');
  if (!startMark || !endMark) return undefined;
  const onMain = traceEvents.filter((e) => e.pid === startMark.pid && e.tid === startMark.tid);
  const from = startMark.ts;
  const to = endMark.ts;
  // Complete events ('X') and begin/end pairs ('B'/'E') as intervals.
  const spans = [];
  const open = [];
  for (const e of onMain.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && e.dur != null) spans.push({name: e.name, ts: e.ts, end: e.ts + e.dur, args: e.args});
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin) spans.push({name: begin.name, ts: begin.ts, end: e.ts, args: {...begin.args, ...e.args}});
    }
  }
  const inside = spans
    .filter((s) => s.ts >= from && s.end <= to + 50_000)
    .sort((a, b) => a.ts - b.ts || b.end - a.end);
  // Self time: each span minus its direct children.
  const self = new Map();
  const stack = [];
  const layouts = [];
  for (const span of inside) {
    while (stack.length && stack[stack.length - 1].end <= span.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const dur = span.end - span.ts;
    if (parent) self.set(parent, (self.get(parent) ?? 0) - dur);
    self.set(span, (self.get(span) ?? 0) + dur);
    stack.push(span);
    if (span.name === 'Layout') {
      const objects = span.args?.beginData?.totalObjects ?? span.args?.data?.totalObjects;
      layouts.push({ms: dur / 1000, objects});
    }
  }
  const byName = new Map();
  for (const [span, us] of self) byName.set(span.name, (byName.get(span.name) ?? 0) + us / 1000);
  const byCategory = new Map();
  for (const [name, ms] of byName) {
    const category = CATEGORY_OF.find(([re]) => re.test(name))?.[1] ?? 'other';
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
  }
  const top = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, ms]) => ({name, ms: round(ms)}));
  return {
    windowMs: round((to - from) / 1000),
    categories: Object.fromEntries(
      [...byCategory].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v)])
    ),
    top,
    layouts: layouts
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((l) => ({ms: round(l.ms), objects: l.objects})),
  };
}

async function traced(lib, options, run) {
  const tab = await open(lib, {...options, trace: true});
  try {
    await run(tab);
    return breakdown(await tab.page.tracing.stop());
  } finally {
    await tab.page.close();
  }
}

// ---------------------------------------------------------------- measurements

const both = ['ours', 'deep-chat'];

async function bundleSizes() {
  const sizes = {};
  try {
    sizes.breakdown = await sizeBreakdown();
  } catch (error) {
    sizes.breakdown = {error: error.message};
  }
  for (const lib of both) {
    // What the page actually requested, besides the shell (bench/pages/): every same-origin file counts.
    const loaded = await withPage(lib, {mount: 'launcher'}, async ({page, requests}) => {
      await page.evaluate(() => window.bench.firstPaint);
      return requests;
    });
    const local = loaded
      .filter((u) => u.startsWith(origin) && !new URL(u).pathname.startsWith('/bench/pages/'))
      .map((u) => new URL(u).pathname.slice(1));
    const external = loaded.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    let bytes = 0;
    let raw = 0;
    for (const file of new Set(local)) {
      const buffer = snapshot.get(`/${file}`) ?? (await readFile(path.join(root, file)));
      bytes += brotli(buffer);
      raw += buffer.length;
    }
    sizes[lib] = {brotli: bytes, raw, files: [...new Set(local)], external};
  }
  return sizes;
}

/**
 * Where the bytes come from, for when bundle-brotli is over budget: dist/cdn.js
 * (the bundles' entry) rebundled with esbuild and its metafile. esbuild's
 * minifier is not rollup's terser, so the totals differ a little; the shares hold.
 */
async function sizeBreakdown() {
  const esbuild = await import('esbuild');
  const build = (options) =>
    esbuild.build({
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      metafile: true,
      conditions: ['production'],
      absWorkingDir: root,
      logLevel: 'silent',
      ...options,
    });
  const full = await build({entryPoints: ['dist/cdn.js']});
  const [output] = Object.values(full.metafile.outputs);
  const minified = full.outputFiles[0].contents.length;
  const groups = new Map();
  const files = [];
  for (const [file, {bytesInOutput}] of Object.entries(output.inputs)) {
    const group = file.startsWith('node_modules/')
      ? 'lit (node_modules)'
      : `src/${file.split('/').slice(1, -1).join('/') || '(entries)'}`;
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
    files.push({file, bytes: bytesInOutput});
  }
  const withoutShims = await build({entryPoints: ['dist/define.js']});
  const litAlone = await build({
    stdin: {
      contents:
        "export {LitElement, html, css, nothing} from 'lit'; export {repeat} from 'lit/directives/repeat.js';",
      resolveDir: root,
    },
  });
  return {
    esbuildMinified: minified,
    esbuildBrotli: brotli(full.outputFiles[0].contents),
    withoutShimsBrotli: brotli(withoutShims.outputFiles[0].contents),
    litAloneBrotli: brotli(litAlone.outputFiles[0].contents),
    groups: Object.fromEntries([...groups].sort((a, b) => b[1] - a[1])),
    largestFiles: files.sort((a, b) => b.bytes - a.bytes).slice(0, 6),
  };
}

async function firstPaint() {
  const kinds = [
    ['ours', 'launcher'],
    ['deep-chat', 'launcher'],
    ['ours', 'embedded'],
    ['lit-floor', 'launcher'],
  ];
  const samples = Object.fromEntries(kinds.map(([lib, mount]) => [`${lib}/${mount}`, []]));
  const total = PLAN.warmup + PLAN.firstPaint;
  for (let i = 0; i < total; i++) {
    const order = i % 2 ? [...kinds].reverse() : kinds;
    for (const [lib, mount] of order) {
      const t = await withPage(lib, {mount}, ({page}) => page.evaluate(() => window.bench.firstPaint));
      if (i >= PLAN.warmup) samples[`${lib}/${mount}`].push(t);
    }
  }
  const summary = {};
  for (const [key, list] of Object.entries(samples)) {
    summary[key] = {
      // "From script start": the bundle has arrived; its compile, its run and the frame count.
      // The fetch before it is the network's (the same local file server for both libraries),
      // reported beside it.
      ms: median(list.map((t) => t.end - t.fetched)),
      withFetch: median(list.map((t) => t.end - t.start)),
      fetch: median(list.map((t) => t.fetched - t.start)),
      compile: median(list.map((t) => t.started - t.fetched)),
      run: median(list.map((t) => t.rendered - t.started)),
      toPaint: median(list.map((t) => t.end - t.rendered)),
      runs: list.length,
    };
  }
  return summary;
}

async function transcripts(count, runs) {
  const kinds = [
    ['ours', false],
    ['deep-chat', false],
    ['ours', true],
  ];
  const samples = {ours: [], 'deep-chat': [], oursCold: []};
  for (let i = 0; i < runs; i++) {
    for (const [lib, cold] of i % 2 ? [...kinds].reverse() : kinds) {
      const r = await withPage(lib, {}, ({page}) => page.evaluate(scenarios.transcript, {count, cold}));
      samples[cold ? 'oursCold' : lib].push(r);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [
      k,
      {
        ms: median(v.map((r) => r.ms)),
        samples: v.map((r) => round(r.ms)),
        atLatest: v.every((r) => r.atLatest),
        role: v[0].role,
        scroll: v[v.length - 1].scroll,
      },
    ])
  );
}

async function heap() {
  const growth = {ours: [], 'deep-chat': []};
  const reps = 1;
  for (let i = 0; i < reps; i++) {
    for (const lib of abba(i, both)) {
      const bytes = await withPage(lib, {}, async ({page, cdp}) => {
        await page.evaluate(scenarios.mountCycles, {cycles: 20}); // warm-up: code compiled, caches filled
        const before = await heapUsed(cdp);
        await page.evaluate(scenarios.mountCycles, {cycles: PLAN.heapCycles});
        const after = await heapUsed(cdp);
        const {nodes, jsEventListeners} = await cdp.send('Memory.getDOMCounters');
        return {growth: after - before, before, after, nodes, jsEventListeners};
      });
      growth[lib].push(bytes);
    }
  }
  return Object.fromEntries(
    Object.entries(growth).map(([lib, list]) => [lib, {bytes: median(list.map((g) => g.growth)), runs: list}])
  );
}

async function proactive() {
  const times = await withPage('ours', {}, ({page}) =>
    page.evaluate(scenarios.proactivePushes, {samples: PLAN.pushes})
  );
  const bursts = [];
  for (let i = 0; i < PLAN.bursts; i++) {
    bursts.push(
      await withPage('ours', {}, ({page}) => page.evaluate(scenarios.proactiveBurst, {count: 10_000}))
    );
  }
  return {
    p95: percentile(times, 95),
    median: median(times),
    max: Math.max(...times),
    samples: times.length,
    burst: {
      ms: median(bursts.map((b) => b.ms)),
      ...bursts[bursts.length - 1],
      runs: bursts.map((b) => round(b.ms)),
    },
  };
}

async function sendEvents() {
  const runs = [];
  for (let i = 0; i < PLAN.sendEvents; i++) {
    runs.push(await withPage('ours', {}, ({page}) => page.evaluate(scenarios.sendEvents, {count: 10_000})));
  }
  const lost = Math.max(...runs.flatMap((r) => [r.ready.lost, r.beforeReady.lost]));
  const outOfOrder = Math.max(...runs.flatMap((r) => [r.ready.outOfOrder, r.beforeReady.outOfOrder]));
  return {
    perSecond: median(runs.map((r) => r.perSecond)),
    ms: median(runs.map((r) => r.ms)),
    lost,
    outOfOrder,
    runs,
  };
}

/** 1,000 visitor messages answered, with the session stored in localStorage. */
async function persistence() {
  const runs = [];
  for (let i = 0; i < PLAN.persistence; i++) {
    runs.push(await withPage('ours', {}, ({page}) => page.evaluate(scenarios.persistence, {count: 1000})));
  }
  return {ms: median(runs.map((r) => r.ms)), storedMs: median(runs.map((r) => r.storedMs)), runs};
}

/**
 * Botpress v12 against the mock v12 server (ours only: Botpress's own v12
 * webchat is not on npm, see the note). The bot types for 0 ms, so the time is
 * the wire's and the code's. Also whether a page that never calls
 * `init({host})` fetches the connector's file.
 */
async function botpressV12() {
  const runs = [];
  const chunk = 'dist/chat-widget-botpress-v12.js';
  for (let i = 0; i < PLAN.botpressV12; i++) {
    const botId = `bench-${Date.now()}-${i}`;
    await fetch(`${origin}/mock/botpress-v12/${botId}/knobs`, {
      method: 'POST',
      body: JSON.stringify({typingMs: 0}),
    });
    runs.push(
      await withPage('ours', {}, async ({page, requests}) => {
        const result = await page.evaluate(scenarios.botpressV12FirstReply, {botId});
        return {...result, fetchedChunk: requests.some((url) => url.endsWith(chunk))};
      })
    );
  }
  const withoutV12 = await withPage('ours', {mount: 'launcher'}, async ({page, requests}) => {
    await page.evaluate(() => window.bench.firstPaint);
    return requests.some((url) => url.endsWith(chunk));
  });
  const buffer = snapshot.get(`/${chunk}`) ?? (await readFile(path.join(root, chunk)));
  return {ms: median(runs.map((r) => r.ms)), runs, chunkBrotli: brotli(buffer), withoutV12};
}

async function enterToVisible() {
  const samples = {ours: [], 'deep-chat': []};
  const blocks = QUICK ? 1 : 3;
  const perBlock = Math.ceil(PLAN.enters / blocks);
  for (let b = 0; b < blocks; b++) {
    for (const lib of abba(b, both)) {
      await withPage(lib, {}, async ({page}) => {
        await page.evaluate(scenarios.prepareComposer);
        for (let i = 0; i < perBlock; i++) {
          const text = `Hello ${b}-${i}, is the blue one in stock?`;
          await page.evaluate((t) => void window.bench.armEnter(t), text);
          await page.evaluate(() => window.bench.adapter.input(window.bench.el).focus());
          await page.keyboard.type(text);
          await page.keyboard.press('Enter');
          samples[lib].push(await page.evaluate(() => window.bench.enter));
          await page.evaluate(() => window.bench.idle());
        }
      });
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [
      k,
      {
        ms: median(v.map((x) => x.ms)),
        samples: v.length,
        all: v.map((x) => round(x.ms)),
        frames: v.map((x) => x.frames),
      },
    ])
  );
}

/** The streamed answer of stream-2k-tokens: 2,000 tokens (words, one per SSE event) at 200 tokens/s. */
const STREAM = {tokens: 2000, rate: 200, endMark: '∎'};

/**
 * stream-2k-tokens and reply-latency: the same mock SSE stream, in OpenAI chunks for
 * ours (through the endpoint property, i.e. httpBot) and in deep-chat's `{text}`
 * frames for deep-chat's own `connect: {url, stream: true}`. Main-thread time is
 * CDP's TaskDuration over the stream, per token; frames are rAF to rAF.
 */
async function streams() {
  const samples = {ours: [], 'deep-chat': []};
  const query = `tokens=${STREAM.tokens}&rate=${STREAM.rate}`;
  const urls = {
    ours: `${MOCK_PATH}?format=openai&${query}`,
    'deep-chat': `${MOCK_PATH}?format=deepchat&${query}`,
  };
  for (let i = 0; i < PLAN.streams; i++) {
    for (const lib of abba(i, both)) {
      samples[lib].push(
        await withPage(lib, {}, async ({page, cdp}) => {
          await page.evaluate(scenarios.prepareStream, {url: urls[lib]});
          await cdp.send('Performance.enable');
          const task = async () =>
            (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
          const before = await task();
          const run = await page.evaluate(scenarios.runStream, {endMark: STREAM.endMark});
          const mainThreadMs = ((await task()) - before) * 1000;
          return {...run, mainThreadMs};
        })
      );
    }
  }
  const summarize = (runs) => ({
    msPerToken: median(runs.map((r) => r.mainThreadMs / STREAM.tokens)),
    longestFrame: median(runs.map((r) => Math.max(...r.frames))),
    framesOver50: median(runs.map((r) => r.frames.filter((f) => f > 50).length)),
    replyLatency: median(runs.map((r) => r.painted - r.responseEnd)),
    streamSeconds: median(runs.map((r) => (r.painted - r.start) / 1000)),
    runs: runs.map((r) => ({
      mainThreadMs: round(r.mainThreadMs),
      longestFrame: round(Math.max(...r.frames)),
      framesOver50: r.frames.filter((f) => f > 50).length,
      frames: r.frames.length,
      replyLatency: round(r.painted - r.responseEnd),
      firstText: round(r.firstText - r.start),
      seconds: round((r.painted - r.start) / 1000, 2),
      chars: r.chars,
    })),
  });
  return {ours: summarize(samples.ours), 'deep-chat': summarize(samples['deep-chat'])};
}

/** Where the time goes in ours, from one traced run of each scenario. */
async function profiles() {
  const out = {};
  out['first-paint'] = await traced('ours', {mount: 'launcher'}, ({page}) =>
    page.evaluate(() => window.bench.firstPaint)
  );
  out['deep-chat first-paint'] = await traced('deep-chat', {mount: 'launcher'}, ({page}) =>
    page.evaluate(() => window.bench.firstPaint)
  );
  out['transcript-10k-open'] = await traced('ours', {}, ({page}) =>
    page.evaluate(scenarios.transcript, {count: 10_000, cold: false})
  );
  out['transcript-10k-open, content-visibility off (experiment)'] = await traced(
    'ours',
    {},
    async ({page}) => {
      await page.evaluate(() => {
        // The same run with one extra style sheet in each new widget: messages always rendered.
        const create = window.bench.adapter.create;
        window.bench.adapter.create = (options) => {
          const el = create(options);
          queueMicrotask(() => {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync('[part~=message] { content-visibility: visible !important; }');
            el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, sheet];
          });
          return el;
        };
      });
      return page.evaluate(scenarios.transcript, {count: 10_000, cold: false});
    }
  );
  out['transcript-10k-cold'] = await traced('ours', {}, ({page}) =>
    page.evaluate(scenarios.transcript, {count: 10_000, cold: true})
  );
  out['deep-chat transcript-10k'] = await traced('deep-chat', {}, ({page}) =>
    page.evaluate(scenarios.transcript, {count: 10_000, cold: true})
  );
  return out;
}

// ---------------------------------------------------------------- report

/** The classic bundle's brotli budget, from .size-limit.json (which `npm run size` checks). */
async function bundleBudget() {
  const limits = JSON.parse(await readFile(new URL('../.size-limit.json', import.meta.url), 'utf8'));
  const classic = limits.find((entry) => entry.path === 'dist/chat-widget.iife.js');
  return parseInt(classic.limit, 10);
}

function rows(m, budget) {
  const fp = m.firstPaint;
  const firstPaintBudget = fp['deep-chat/launcher'].ms / 3;
  const r = [];
  const row = (name, unit, ours, deepChat, budget, pass, digits = 1) =>
    r.push({name, unit, ours: round(ours, digits), deepChat: round(deepChat, digits), budget, pass});
  row(
    'bundle-brotli',
    'B',
    m.sizes.ours.brotli,
    m.sizes['deep-chat'].brotli,
    `≤ ${budget}`,
    m.sizes.ours.brotli <= budget,
    0
  );
  row(
    'first-paint',
    'ms',
    fp['ours/launcher'].ms,
    fp['deep-chat/launcher'].ms,
    `≤ ⅓ deep-chat (${round(firstPaintBudget)})`,
    fp['ours/launcher'].ms <= firstPaintBudget
  );
  row(
    'first-paint-with-fetch',
    'ms',
    fp['ours/launcher'].withFetch,
    fp['deep-chat/launcher'].withFetch,
    null,
    null
  );
  row('first-paint-embedded', 'ms', fp['ours/embedded'].ms, fp['deep-chat/launcher'].ms, null, null);
  row('transcript-1k-open', 'ms', m.t1k.ours.ms, m.t1k['deep-chat'].ms, null, null);
  row('transcript-10k-open', 'ms', m.t10k.ours.ms, m.t10k['deep-chat'].ms, '≤ 150', m.t10k.ours.ms <= 150);
  const latest = (t) => t.ours.atLatest && t.oursCold.atLatest;
  r.push({
    name: 'transcript-scroll-to-latest',
    unit: 'check',
    ours: latest(m.t1k) && latest(m.t10k) ? 'yes' : 'no',
    deepChat: m.t1k['deep-chat'].atLatest && m.t10k['deep-chat'].atLatest ? 'yes' : 'no',
    budget: 'newest message on screen',
    pass: latest(m.t1k) && latest(m.t10k),
  });
  row('transcript-1k-cold', 'ms', m.t1k.oursCold.ms, m.t1k['deep-chat'].ms, null, null);
  row('transcript-10k-cold', 'ms', m.t10k.oursCold.ms, m.t10k['deep-chat'].ms, null, null);
  row(
    'heap-after-1k-mounts',
    'B',
    m.heap.ours.bytes,
    m.heap['deep-chat'].bytes,
    '≤ 1048576',
    m.heap.ours.bytes <= 1048576,
    0
  );
  row('proactive-push-paint-p95', 'ms', m.proactive.p95, null, '≤ 16', m.proactive.p95 <= 16);
  row('proactive-push-paint-median', 'ms', m.proactive.median, null, null, null);
  row('proactive-burst-10k', 'ms', m.proactive.burst.ms, null, null, null);
  row('proactive-burst-10k-dom-nodes', 'nodes', m.proactive.burst.nodes, null, null, null, 0);
  row(
    'send-event-10k',
    'events/s',
    m.events.perSecond,
    null,
    '0 lost, in order',
    m.events.lost === 0 && m.events.outOfOrder === 0,
    0
  );
  row(
    'send-event-10k-lost',
    'events',
    m.events.lost + m.events.outOfOrder,
    null,
    '= 0',
    m.events.lost === 0 && m.events.outOfOrder === 0,
    0
  );
  row('persistence-1000', 'ms', m.persistence.ms, null, '≤ 1000', m.persistence.ms <= 1000);
  row('botpress-v12-first-reply', 'ms', m.botpressV12.ms, null, null, null);
  row(
    'botpress-v12-chunk-brotli',
    'B',
    m.botpressV12.chunkBrotli,
    null,
    'only pages with v12 fetch it',
    !m.botpressV12.withoutV12 && m.botpressV12.runs.every((r) => r.fetchedChunk),
    0
  );
  row('enter-to-visible', 'ms', m.enter.ours.ms, m.enter['deep-chat'].ms, null, null);
  const s = m.streams;
  row(
    'stream-2k-tokens-main-thread',
    'ms/token',
    s.ours.msPerToken,
    s['deep-chat'].msPerToken,
    null,
    null,
    3
  );
  row('stream-2k-tokens-longest-frame', 'ms', s.ours.longestFrame, s['deep-chat'].longestFrame, null, null);
  row(
    'stream-2k-tokens-frames-over-50ms',
    'frames',
    s.ours.framesOver50,
    s['deep-chat'].framesOver50,
    '= 0',
    s.ours.framesOver50 === 0,
    0
  );
  row('reply-latency', 'ms', s.ours.replyLatency, s['deep-chat'].replyLatency, null, null);
  return r;
}

const fmt = (v) => (v == null ? '–' : typeof v === 'number' ? v.toLocaleString('en-US') : String(v));
const verdict = (pass) => (pass == null ? '' : pass ? 'pass' : 'FAIL');

function table(results) {
  const head = ['metric', 'unit', 'ours', 'deep-chat', 'budget', ''];
  const body = results.map((x) => [
    x.name,
    x.unit,
    fmt(x.ours),
    fmt(x.deepChat),
    x.budget ?? '',
    verdict(x.pass),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i >= 2 && i <= 3 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function markdown(report, m) {
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${report.date}.`,
    '',
    `- Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGB} GB RAM, ${report.machine.os}, Node ${report.machine.node}`,
    `- Browser: ${report.browser}, headless, viewport ${VIEWPORT.width}×${VIEWPORT.height}, 60 Hz frames`,
    `- Bundles: ours \`${LIBS.ours.file}\`, deep-chat ${report.deepChatVersion} \`${LIBS['deep-chat'].file}\``,
    `- Samples: ${JSON.stringify(PLAN)}${QUICK ? ' (--quick: not for publishing)' : ''}`,
    '',
    '| metric | unit | ours | deep-chat | budget | result |',
    '| --- | --- | ---: | ---: | --- | --- |',
    ...report.results.map(
      (x) =>
        `| ${x.name} | ${x.unit} | ${fmt(x.ours)} | ${fmt(x.deepChat)} | ${x.budget ?? ''} | ${verdict(x.pass)} |`
    ),
    '',
    '## Details',
    '',
    `- bundle-brotli: node:zlib brotli, quality 11, of every same-origin file the page requested. ours: ${m.sizes.ours.files.join(', ')} (${fmt(m.sizes.ours.raw)} B raw); deep-chat: ${m.sizes['deep-chat'].files.join(', ')} (${fmt(m.sizes['deep-chat'].raw)} B raw)${m.sizes['deep-chat'].external.length ? `, and it also requests ${m.sizes['deep-chat'].external.join(', ')} (blocked here, not counted)` : ''}.`,
    ...(m.sizes.breakdown?.groups
      ? [
          `- bundle-brotli breakdown (dist/cdn.js rebundled with esbuild: ${fmt(m.sizes.breakdown.esbuildMinified)} B minified, ${fmt(m.sizes.breakdown.esbuildBrotli)} B brotli; ` +
            `without the compatibility shims (dist/define.js) ${fmt(m.sizes.breakdown.withoutShimsBrotli)} B brotli; Lit alone ${fmt(m.sizes.breakdown.litAloneBrotli)} B brotli). ` +
            `Minified bytes by folder: ${Object.entries(m.sizes.breakdown.groups)
              .map(([k, v]) => `${k} ${fmt(v)}`)
              .join(', ')}. ` +
            `Largest files: ${m.sizes.breakdown.largestFiles.map((f) => `${f.file} ${fmt(f.bytes)}`).join(', ')}.`,
        ]
      : []),
    `- first-paint floor: a minified Lit element drawing one button (${fmt(brotli(snapshot.get('/bench/.tmp/lit-floor.js')))} B brotli), same shell, same runs: ${round(m.firstPaint['lit-floor/launcher'].ms)} ms.`,
    `- first-paint phases (median ms of each phase, so they need not add up exactly; script added to the loaded, painted shell → bundle fetched → compiled, its code starts → element rendered → frame painted; first-paint counts the last three): ${Object.entries(
      m.firstPaint
    )
      .map(
        ([k, v]) =>
          `${k}: ${round(v.fetch)} + ${round(v.compile)} + ${round(v.run)} + ${round(v.toPaint)} ≈ ${round(v.withFetch)}`
      )
      .join('; ')}.`,
    ...[
      ['1k', m.t1k],
      ['10k', m.t10k],
    ].map(
      ([n, t]) =>
        `- transcript ${n} samples (ms): ${Object.entries(t)
          .map(([k, v]) => `${k} [${v.samples.join(', ')}]`)
          .join('; ')}. ` +
        `Newest message on screen within 30 frames: ${Object.entries(t)
          .map(([k, v]) => `${k} ${v.atLatest ? 'yes' : 'no'}`)
          .join(', ')}; ` +
        `transcript role: ${Object.entries(t)
          .map(([k, v]) => `${k} ${v.role ?? 'none'}`)
          .join(', ')}; ` +
        `last scroll state (top/height/client px): ${Object.entries(t)
          .map(([k, v]) => `${k} ${v.scroll.top}/${v.scroll.height}/${v.scroll.client}`)
          .join(', ')}.`
    ),
    `- heap-after-1k-mounts runs (bytes): ours ${m.heap.ours.runs.map((g) => g.growth).join(', ')}; deep-chat ${m.heap['deep-chat'].runs.map((g) => g.growth).join(', ')}.`,
    `- proactive-push-paint: ${m.proactive.samples} pushes, median ${round(m.proactive.median)} ms, p95 ${round(m.proactive.p95)} ms, max ${round(m.proactive.max)} ms.`,
    `- proactive-burst-10k: runs ${m.proactive.burst.runs.join(', ')} ms; after the burst the stack holds ${fmt(m.proactive.burst.stacked)} messages and the widget's shadow root ${fmt(m.proactive.burst.nodes)} nodes (${fmt(m.proactive.burst.elements)} elements).`,
    `- botpress-v12-first-reply: Botpress v12's embedding snippet and "Acting Proactively" page code (init, then sendEvent proactive-trigger) on the module bundle, against the mock v12 server (mock/botpress-v12.mjs, real Socket.IO) on the bench's origin, the bot typing 0 ms; ms from init to the hook's reply in the transcript, including the lazily loaded connector file (Socket.IO inside), the socket's connection, /botInfo, /conversations/new, POST /events and the reply on the socket (median of ${m.botpressV12.runs.length}). Runs (ms): [${m.botpressV12.runs.map((r) => round(r.ms)).join(', ')}]. botpress-v12-chunk-brotli: dist/chat-widget-botpress-v12.js, fetched by every v12 run: ${m.botpressV12.runs.every((r) => r.fetchedChunk) ? 'yes' : 'NO'}; by a page that never calls init({host}): ${m.botpressV12.withoutV12 ? 'YES' : 'no'}. Botpress's own v12 webchat has no column: it is not on npm (its inject.js and the "lite" React app it frames are served by a running Botpress v12 server, built from botpress/v12 modules/channel-web), so it cannot run offline against the mock.`,
    `- persistence-1000: 1,000 visitor messages sent one after another to a closed widget with persistence="local" (the default), each answered by an echo bot; ms from the first send to the end of the frame after the last answer entered the transcript (median of ${m.persistence.runs.length}); the stored record held the newest answer after ${round(m.persistence.storedMs)} ms. Runs (ms): [${m.persistence.runs.map((r) => round(r.ms)).join(', ')}]; stored ${m.persistence.runs[0].storedMessages} of ${m.persistence.runs[0].messages} messages (the newest 1,000 are kept).`,
    `- send-event-10k: ${fmt(round(m.events.perSecond, 0))} events/s (10,000 calls settled in ${round(m.events.ms)} ms); lost ${m.events.lost}, out of order ${m.events.outOfOrder}, over 10,000 events sent to a ready widget and 10,000 sent before it was ready, per run.`,
    `- stream-2k-tokens: one visitor message answered by the mock chat backend (mock/http-chat.mjs) with ${STREAM.tokens} tokens (words, one SSE event each) at ${STREAM.rate} tokens/s; ours reads OpenAI chunks through the \`endpoint\` property (httpBot), deep-chat reads \`{text}\` frames through its own \`connect: {url, stream: true}\`. ` +
      `Main-thread time is CDP Performance TaskDuration from the send to the paint showing the whole answer, divided by ${STREAM.tokens}; frames are requestAnimationFrame to requestAnimationFrame over the same span. ` +
      `reply-latency: from the fetch's Resource Timing responseEnd (the last byte) to the paint showing the final reply (ours: in the transcript, no longer the streaming bubble). ` +
      `Runs: ${Object.entries(m.streams)
        .map(([k, v]) => `${k} ${JSON.stringify(v.runs)}`)
        .join('; ')}.`,
    `- enter-to-visible: from the Enter keydown (window, capture phase) to the paint showing the visitor's message; median of ${m.enter.ours.samples}. ` +
      `Samples (ms): ${Object.entries(m.enter)
        .map(([k, v]) => `${k} [${v.all.join(', ')}]`)
        .join('; ')}. ` +
      `Frames until visible: ${Object.entries(m.enter)
        .map(([k, v]) => `${k} [${v.frames.join(', ')}]`)
        .join('; ')}. ` +
      'The keys arrive at random points of the 16.7 ms frame, so each sample includes up to one frame of waiting.',
  ];
  if (m.profiles) {
    lines.push('', '## Where the time goes (one traced run each, main-thread self time, ms)', '');
    for (const [name, p] of Object.entries(m.profiles)) {
      if (!p) continue;
      lines.push(
        `- ${name}: window ${p.windowMs} ms; ${Object.entries(p.categories)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}. ` +
          `Top events: ${p.top.map((t) => `${t.name} ${t.ms}`).join(', ')}. ` +
          `Largest layouts: ${p.layouts.map((l) => `${l.ms} ms (${fmt(l.objects)} objects)`).join(', ')}.`
      );
    }
  }
  lines.push(
    '',
    '## Method',
    '',
    'A puppeteer-core harness (`bench/run.mjs`) drives one headless Chromium over the DevTools protocol. ' +
      'Both libraries load their production ES-module bundle into the same page shell (`bench/pages/shell.html`), ' +
      'at the same viewport, from a local HTTP server with caching off; runs alternate ours / deep-chat (ABBA) in fresh tabs. ' +
      'For first-paint the element is in the page and the bundle is added once the shell has loaded and painted (as a deferred snippet or a tag manager adds it), ' +
      "so the shell's own first frame is not counted; the clock starts when the bundle has arrived, so its compile counts. " +
      'Interactions start at the beginning of a frame; "painted" is a task posted from requestAnimationFrame, which runs once that frame is rendered. ' +
      'deep-chat has no launcher and no closed state, so its transcript numbers are the time to create it with `history` of N messages and paint them; ' +
      'ours is measured both ways: `-open` (show() on a closed widget already holding N restored messages) and `-cold` (created open with N stored messages).',
    ''
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

/** Writes a file formatted the way the repository's Prettier config would. */
async function writeFormatted(file, text) {
  const full = path.join(root, file);
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(full)) ?? {};
    text = await prettier.format(text, {...options, filepath: full});
  } catch {
    text += '\n';
  }
  await writeFile(full, text);
}

async function main() {
  const started = Date.now();
  await ensureBuild();
  // Voiceflow's own widget beside ours, on its own page and mock runtime (bench/voiceflow.mjs).
  if (args.has('--voiceflow-only')) return (await import('./voiceflow.mjs')).run();
  await takeSnapshot();
  const served = await serve();
  origin = served.origin;
  browser = await puppeteer.launch({
    executablePath: findChrome(),
    args: [
      ...chromeArgs(),
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
      // A closed, deterministic network: anything not on the local server fails at once.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
    protocolTimeout: 180_000,
  });
  try {
    const m = {};
    const step = async (name, fn) => {
      const t = Date.now();
      m[name] = await fn();
      log(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    log(`bench: ${await browser.version()}, ${QUICK ? 'quick' : 'full'} run`);
    if (PROFILE_ONLY) {
      console.log(JSON.stringify(await profiles(), null, 2));
      return;
    }
    if (STREAMS_ONLY) {
      console.log(JSON.stringify(await streams(), null, 2));
      return;
    }
    if (ONLY) {
      const only = {persistence, events: sendEvents, proactive, heap, botpressV12}[ONLY];
      if (!only)
        throw new Error(`--only= takes persistence, events, proactive, heap or botpressV12, not ${ONLY}`);
      console.log(JSON.stringify(await only(), null, 2));
      return;
    }
    await step('sizes', bundleSizes);
    await step('firstPaint', firstPaint);
    await step('t1k', () => transcripts(1_000, PLAN.t1k));
    await step('t10k', () => transcripts(10_000, PLAN.t10k));
    await step('heap', heap);
    await step('proactive', proactive);
    await step('events', sendEvents);
    await step('persistence', persistence);
    await step('botpressV12', botpressV12);
    await step('enter', enterToVisible);
    await step('streams', streams);
    await step('profiles', profiles);

    const deepChatVersion = JSON.parse(
      await readFile(path.join(root, 'node_modules/deep-chat/package.json'), 'utf8')
    ).version;
    const report = {
      machine: {
        cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
        cores: os.cpus().length,
        memoryGB: Math.round(os.totalmem() / 2 ** 30),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
      },
      browser: await browser.version(),
      date: new Date().toISOString(),
      deepChatVersion,
      quick: QUICK,
      plan: PLAN,
      results: rows(m, await bundleBudget()),
      details: m,
    };
    await writeFormatted('bench/results.json', JSON.stringify(report, null, 2));
    await writeFormatted('bench/RESULTS.md', markdown(report, m));
    console.log(table(report.results));
    console.log(
      `\nfirst-paint floor in the same runs (Lit and one button, nothing else): ${round(m.firstPaint['lit-floor/launcher'].ms)} ms`
    );
    console.log(
      `\n${report.machine.cpu} ×${report.machine.cores}, ${report.browser}; ${((Date.now() - started) / 1000).toFixed(0)} s. ` +
        'Wrote bench/results.json and bench/RESULTS.md.'
    );
    const failed = report.results.filter((x) => x.pass === false);
    if (failed.length) {
      console.log(
        `\nBudgets missed: ${failed.map((x) => `${x.name} (${fmt(x.ours)} ${x.unit}, budget ${x.budget})`).join('; ')}`
      );
      if (CHECK) process.exitCode = 1;
    } else {
      console.log('\nAll budgets met.');
    }
  } finally {
    await browser.close();
    served.server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
