// `npm run test:types` (after `npm run build`): checks the package as users get it.
//  1. `npm pack`: the tarball holds every file package.json names (exports, types…).
//  2. custom-elements.json validates against the custom-elements-manifest schema.
//  3. publint --strict and Are the Types Wrong (ESM-only profile) on the tarball.
//  4. The tarball is unpacked as test/frameworks/node_modules/proactive-chat-widget,
//     and each framework fixture in test/frameworks/ is type-checked against it with
//     its framework's own checker: React (tsc), Vue (vue-tsc), Svelte (svelte-check),
//     Angular (ngc). Each fixture also holds mistakes the types must reject.
//  5. The fixtures are minimal apps (index.html, main.ts[x], vite.config.js), and Vite
//     builds each against the same unpacked tarball (Angular's from ngc's ahead-of-time
//     output, with Angular's linker for its packages): a build must log no warning and
//     take every module of the package from the tarball; its output must define
//     <chat-widget> and <chat-trigger> and use them as that framework does (React
//     through the wrapper, Vue as elements, not components, Angular AOT-compiled).
//     Each built app then runs in headless Chromium: with no error in its console,
//     it draws <chat-widget> with the attribute and the `bot` function it binds.
// Prints each step's time and a closing "N passed, N failed" line; exits 1 on a failure.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join, sep} from 'node:path';
import Ajv from 'ajv';
import puppeteer from 'puppeteer-core';
import {build, createLogger} from 'vite';
import {chromeArgs, findChrome} from './chrome.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const results = [];

/** Runs one named check, timing it; a thrown error (or a failing command) fails it. */
async function check(name, body) {
  const start = performance.now();
  let failure;
  try {
    await body();
  } catch (error) {
    failure = error;
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  results.push({name, ok: !failure});
  console.log(`${failure ? 'FAIL' : 'ok  '} ${name} (${seconds} s)`);
  if (failure) console.log(String(failure.stdout ?? '') + String(failure.stderr ?? '') || failure.message);
}

/** Runs a command; its output is shown only when it fails. */
function run(command, args, cwd = root) {
  execFileSync(command, args, {cwd, stdio: 'pipe', encoding: 'utf8'});
}

/** Every file path package.json promises: entry fields, every exports condition, typesVersions. */
function promisedFiles() {
  const paths = [
    pkg.main,
    pkg.module,
    pkg.types,
    pkg.unpkg,
    pkg.jsdelivr,
    pkg.customElements,
    pkg['web-types'],
  ];
  const visit = (target) => {
    if (typeof target === 'string') paths.push(target);
    else if (target) Object.values(target).forEach(visit);
  };
  visit(pkg.exports);
  for (const targets of Object.values(pkg.typesVersions?.['*'] ?? {})) paths.push(...targets);
  return [...new Set(paths.filter(Boolean).map((path) => path.replace(/^\.\//, '')))];
}

const packDir = mkdtempSync(join(tmpdir(), 'pack-'));
let tarball;

await check('npm pack: the tarball holds every file package.json names', () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {cwd: root, encoding: 'utf8'})
  );
  tarball = join(packDir, packed.filename);
  const files = new Set(packed.files.map((file) => file.path));
  const missing = promisedFiles().filter((path) => !files.has(path));
  if (missing.length) throw new Error(`missing from the tarball: ${missing.join(', ')}`);
  const sourceMaps = packed.files.filter((file) => file.path.endsWith('.js.map')).map((file) => file.path);
  for (const map of sourceMaps) {
    const {sources, sourcesContent} = JSON.parse(readFileSync(join(root, map), 'utf8'));
    if (!sourcesContent || sourcesContent.length !== sources.length)
      throw new Error(`${map} has no sourcesContent`);
  }
});

await check('custom-elements.json validates against the custom-elements-manifest schema', () => {
  const schema = JSON.parse(
    readFileSync(join(root, 'node_modules/custom-elements-manifest/schema.json'), 'utf8')
  );
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const validate = new Ajv({allErrors: true, strict: false}).compile(schema);
  if (!validate(manifest)) throw new Error(JSON.stringify(validate.errors, null, 2));
});

await check('publint --strict', () => run(bin('publint'), ['run', tarball, '--strict']));

// ESM only, by design (`"type": "module"`, no `require` condition): the profile skips
// the CommonJS resolutions, and checks node10 (typesVersions), node16 and bundlers.
await check('Are the Types Wrong', () => run(bin('attw'), [tarball, '--profile', 'esm-only']));

const installed = join(root, 'test/frameworks/node_modules/proactive-chat-widget');
rmSync(installed, {recursive: true, force: true});
mkdirSync(installed, {recursive: true});
run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);

const fixture = (name) => join(root, 'test/frameworks', name);
await check('React 19 TSX (tsc)', () => run(bin('tsc'), ['-p', fixture('react/tsconfig.json')]));
await check('Vue 3 SFC (vue-tsc, strictTemplates)', () =>
  run(bin('vue-tsc'), ['-p', fixture('vue/tsconfig.json')])
);
await check('Svelte 5 (svelte-check)', () =>
  run(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings'], fixture('svelte'))
);
// ngc also writes its ahead-of-time output (tsconfig's outDir), which the Angular app's build reads.
rmSync(join(root, 'test/frameworks/node_modules/.angular-aot'), {recursive: true, force: true});
await check('Angular, CUSTOM_ELEMENTS_SCHEMA (ngc, strictTemplates)', () =>
  run(bin('ngc'), ['-p', fixture('angular/tsconfig.json')])
);

/**
 * Builds a fixture app with Vite (its own vite.config.js) and returns what the
 * checks read: the output's JavaScript, and each module's code as the framework's
 * plugin compiled it. Fails on any warning the build logs.
 */
async function viteBuild(name) {
  const warnings = [];
  const customLogger = {
    ...createLogger('warn'),
    warn: (message) => warnings.push(message),
    warnOnce: (message) => warnings.push(message),
  };
  const compiled = new Map();
  const output = await build({
    root: fixture(name),
    logLevel: 'warn',
    customLogger,
    // Rolldown's advice on slow plugins is about speed, and timing-dependent: not a finding.
    build: {write: false, rolldownOptions: {checks: {bundlerTimings: false}}},
    plugins: [
      {
        name: 'record-compiled-modules',
        enforce: 'post',
        transform(code, id) {
          compiled.set(id, code);
        },
      },
    ],
  });
  if (warnings.length) throw new Error(`the build logged warnings:\n${warnings.join('\n')}`);
  const chunks = [output].flat().flatMap((result) => result.output);
  const javascript = chunks
    .filter((chunk) => chunk.type === 'chunk')
    .map((chunk) => chunk.code)
    .join('\n');
  // test/frameworks/package.json keeps the package's name from resolving to this repository's own dist/.
  const ids = [...compiled.keys()];
  const ownCopies = ids.filter((id) => ['dist', 'src'].some((dir) => id.startsWith(join(root, dir) + sep)));
  if (ownCopies.length)
    throw new Error(`modules from the repository, not the tarball: ${ownCopies.join(', ')}`);
  if (!ids.some((id) => id.startsWith(installed + sep))) throw new Error('no module came from the tarball');
  for (const tag of ['chat-widget', 'chat-trigger']) {
    if (!new RegExp(`customElements\\.define\\(\\s*[\`'"]${tag}[\`'"]`).test(javascript))
      throw new Error(`the output does not define <${tag}>`);
  }
  await runInChromium(chunks);
  return {javascript, compiled};
}

let browser;

/**
 * Serves a build's output (from memory, on 127.0.0.1) to a Chromium page and waits
 * for the app to draw <chat-widget>: ready, its launcher in its shadow root, the
 * bot name it was given and a `bot` function. Any page error, failed request or
 * console error or warning fails it.
 */
async function runInChromium(files) {
  const served = new Map(
    files.map((file) => [`/${file.fileName}`, file.type === 'chunk' ? file.code : file.source])
  );
  const types = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css'};
  const server = createServer((request, response) => {
    const path = request.url === '/' ? '/index.html' : request.url;
    if (path === '/favicon.ico') return response.writeHead(204).end();
    if (!served.has(path)) return response.writeHead(404).end();
    response.writeHead(200, {'content-type': types[path.slice(path.lastIndexOf('.'))] ?? 'text/plain'});
    response.end(served.get(path));
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  browser ??= await puppeteer.launch({executablePath: findChrome(), args: chromeArgs()});
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`${request.url()} failed`));
  page.on(
    'response',
    (response) => response.ok() || problems.push(`${response.url()}: ${response.status()}`)
  );
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warn') problems.push(message.text());
  });
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const widget = await page
      .waitForFunction(
        () => {
          const el = document.querySelector('chat-widget');
          return (
            el?.ready &&
            el.shadowRoot.querySelector('[part~="launcher"]') && {botName: el.botName, bot: typeof el.bot}
          );
        },
        {timeout: 10_000}
      )
      .then(
        (handle) => handle.jsonValue(),
        () => undefined
      );
    if (problems.length) throw new Error(`in Chromium:\n${problems.join('\n')}`);
    if (!widget) throw new Error('in Chromium, no <chat-widget> was drawn');
    if (widget.botName !== 'Ava' || widget.bot !== 'function')
      throw new Error(`in Chromium, <chat-widget> did not get its bindings: ${JSON.stringify(widget)}`);
  } finally {
    await page.close();
    server.close();
  }
}

/** The code of a fixture's file as its framework's plugin compiled it (a Vue SFC is several modules). */
function compiledFile(compiled, name, file) {
  const path = join(fixture(name), file);
  const modules = [...compiled].filter(([id]) => id.split('?')[0] === path).map(([, code]) => code);
  if (!modules.length) throw new Error(`${file} was not compiled`);
  return modules.join('\n');
}

await check('React 19 app: vite build (@vitejs/plugin-react), run in Chromium', async () => {
  const {javascript} = await viteBuild('react');
  // main.tsx renders the @lit/react wrapper, made for <chat-widget>.
  if (!/tagName:\s*[`'"]chat-widget[`'"]/.test(javascript))
    throw new Error('the wrapper is not in the output');
});
await check('Vue 3 app: vite build (@vitejs/plugin-vue, isCustomElement), run in Chromium', async () => {
  const {compiled} = await viteBuild('vue');
  const app = compiledFile(compiled, 'vue', 'App.vue');
  // Without isCustomElement, Vue compiles the tags to resolveComponent('chat-widget'),
  // which looks for a Vue component on every render and, in development, warns
  // "Failed to resolve component: chat-widget" in the visitor's console.
  if (/resolveComponent/.test(app))
    throw new Error('App.vue resolves a component: isCustomElement is not applied');
  for (const tag of ['chat-widget', 'chat-trigger'])
    if (!new RegExp(`_createElement(Block|VNode)\\(\\s*"${tag}"`).test(app))
      throw new Error(`App.vue does not create <${tag}> as an element`);
});
await check('Svelte 5 app: vite build (@sveltejs/vite-plugin-svelte), run in Chromium', async () => {
  const {compiled} = await viteBuild('svelte');
  const app = compiledFile(compiled, 'svelte', 'App.svelte');
  if (!/<chat-widget[\s>]/.test(app) || !/<chat-trigger[\s>]/.test(app))
    throw new Error("App.svelte's template does not hold the two tags");
  if (!/[`'"]chat-message[`'"]/.test(app)) throw new Error('App.svelte does not listen to chat-message');
});
await check('Angular 21 app: vite build (ngc AOT output, Angular linker), run in Chromium', async () => {
  const {compiled} = await viteBuild('angular');
  const app = compiledFile(compiled, 'angular', 'app.component.ts');
  if (!/ɵɵdefineComponent/.test(app) || !/"chat-widget"/.test(app))
    throw new Error('app.component.ts is not the compiled component with <chat-widget> in its template');
  const unlinked = [...compiled].filter(
    ([id, code]) => id.includes('@angular') && /ɵɵngDeclare\w+\(\{/.test(code)
  );
  if (unlinked.length) throw new Error(`not linked: ${unlinked.map(([id]) => id).join(', ')}`);
});

await browser?.close();
rmSync(packDir, {recursive: true, force: true});
const failed = results.filter((result) => !result.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
