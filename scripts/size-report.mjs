// Prints how many bytes each area of the source adds to the classic bundle
// (dist/chat-widget.iife.js), so that a growing area is visible before the
// budget check (size-limit) fails.
//
// The bundle is built again in memory with the project's own rollup config,
// this time with a source map; every byte of the minified output is credited
// to the source file its mapping points at (bytes with no mapping are the
// bundle's wrapper: "other"). An area's brotli figure is its minified text
// compressed on its own, so the areas' brotli bytes add up to more than the
// whole file's, which is shown last and is what the budget measures.
//
// Usage: npm run build && node scripts/size-report.mjs [--json]
import {decode} from '@jridgewell/sourcemap-codec';
import {existsSync, readFileSync} from 'node:fs';
import {posix} from 'node:path';
import {brotliCompressSync, constants} from 'node:zlib';
import {rollup} from 'rollup';
import configs, {lazyFiles} from '../rollup.config.js';

const BUNDLE = 'dist/chat-widget.iife.js';

/** The areas, in the order printed; a source belongs to the first whose test matches its path. */
const areas = [
  ['Lit', (path) => /node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\//.test(path)],
  ['element and styles', (path) => path.startsWith('src/chat-widget/')],
  ['shims', (path) => path.startsWith('src/shims')],
  ['triggers', (path) => path.startsWith('src/triggers/')],
  ['conversation and session', (path) => /^src\/(conversation|session|connectors)\//.test(path)],
  ['other', () => true],
];

/** The same brotli setting size-limit uses. */
const brotli = (text) => brotliCompressSync(text, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;

/** A mapped source as a path from the project root, tsc's dist/ output read as the src/ it came from. */
function projectPath(source) {
  const path = posix.normalize(posix.join(posix.dirname(BUNDLE), source));
  return path.startsWith('dist/') && !path.includes('node_modules/')
    ? path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')
    : path.slice(path.indexOf('node_modules/'));
}

/**
 * A plugin whose transform returns no source map (lit-developer-messages, in
 * rollup.config.js) would leave its modules unmapped; here its change is taken
 * as moving no code. Its edits shorten two strings inside Lit, so a few bytes
 * of Lit may be credited a little off, but never to another area.
 */
const keepingMaps = (plugin) =>
  plugin.transform
    ? {
        ...plugin,
        async transform(...args) {
          const result = await plugin.transform.apply(this, args);
          return typeof result === 'string' ? {code: result, map: null} : result;
        },
      }
    : plugin;

const [config] = configs;
const output = config.output.find((o) => o.file === BUNDLE);
const bundle = await rollup({
  ...config,
  plugins: config.plugins.map(keepingMaps),
  output: undefined,
  onwarn: () => {},
});
const {
  output: [chunk],
} = await bundle.generate({...output, sourcemap: 'hidden'});
await bundle.close();

// The in-memory build must be the file size-limit measures, or the table would describe another bundle.
const built = readFileSync(BUNDLE, 'utf8');
if (built !== chunk.code) {
  console.error(`size-report: ${BUNDLE} differs from a fresh build; run \`npm run build\` first.`);
  process.exit(1);
}

/** The minified text credited to each area. */
const text = new Map(areas.map(([name]) => [name, []]));
const areaOf = new Map();
const credit = (sourceIndex, piece) => {
  const source = sourceIndex === undefined ? '' : chunk.map.sources[sourceIndex];
  if (!areaOf.has(source)) {
    const path = source ? projectPath(source) : '';
    areaOf.set(source, areas.find(([, test]) => test(path))[0]);
  }
  text.get(areaOf.get(source)).push(piece);
};

const lines = chunk.code.split('\n');
decode(chunk.map.mappings).forEach((segments, lineIndex) => {
  const line = lines[lineIndex];
  // Columns before the first mapping, and every line break, belong to no source.
  credit(
    undefined,
    line.slice(0, segments[0]?.[0] ?? line.length) + (lineIndex < lines.length - 1 ? '\n' : '')
  );
  segments.forEach(([column, sourceIndex], index) => {
    credit(sourceIndex, line.slice(column, segments[index + 1]?.[0] ?? line.length));
  });
});

const rows = areas.map(([name]) => {
  const code = text.get(name).join('');
  return {area: name, minified: Buffer.byteLength(code), brotli: brotli(code)};
});
const total = {area: 'whole bundle', minified: Buffer.byteLength(built), brotli: brotli(built)};
const credited = rows.reduce((sum, row) => sum + row.minified, 0);
if (credited !== total.minified) {
  console.error(
    `size-report: credited ${credited} B of ${total.minified} B; the source map does not cover the bundle.`
  );
  process.exit(1);
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify([...rows, total], null, 2));
} else {
  const pad = (value, width) => String(value).padStart(width);
  console.log(`\n  ${BUNDLE}, bytes per area (brotli: each area compressed alone)\n`);
  console.log(`  ${'area'.padEnd(26)}${pad('minified', 10)}${pad('brotli', 9)}`);
  for (const row of [...rows, total]) {
    if (row === total) console.log(`  ${'-'.repeat(45)}`);
    console.log(`  ${row.area.padEnd(26)}${pad(row.minified, 10)}${pad(row.brotli, 9)}`);
  }
  printPages(pad);
}

/**
 * What a page downloads, by what it uses (DEVELOPERS.md's budget table): the
 * classic bundle plus the lazily loaded files that page's features fetch, each
 * compressed on its own, as a browser receives them.
 */
function printPages(pad) {
  const fileBytes = (file) => (existsSync(`dist/${file}`) ? brotli(readFileSync(`dist/${file}`)) : undefined);
  const lazy = Object.fromEntries(Object.values(lazyFiles).map((file) => [file, fileBytes(file)]));
  console.log(`\n  lazily loaded files (brotli): ${Object.entries(lazy)
    .map(([file, bytes]) => `${file} ${bytes ?? 'not built'}`)
    .join(', ')}`);
  const widgetPage = ['chat-widget-triggers.js', 'chat-widget-http.js', 'chat-widget-markdown.js', 'chat-widget-rich.js'];
  const pages = [
    ['widget, proactive, triggers, shims, rich messages, endpoint', widgetPage, 20000],
    ['that plus Voiceflow\'s runtime', [...widgetPage, 'chat-widget-voiceflow.js'], 23000],
    ['that plus Botpress Cloud', [...widgetPage, 'chat-widget-botpress-cloud.js'], 23000],
    ['that plus Botpress v12 (Socket.IO)', [...widgetPage, 'chat-widget-botpress-v12.js'], 36000],
  ];
  console.log(`\n  what a page downloads (classic bundle + the lazy files it fetches, brotli)\n`);
  for (const [name, files, budget] of pages) {
    const bytes = brotli(readFileSync(BUNDLE)) + files.reduce((sum, file) => sum + (lazy[file] ?? 0), 0);
    const missing = files.filter((file) => lazy[file] === undefined);
    const verdict = bytes <= budget ? 'within' : `OVER by ${bytes - budget}`;
    console.log(
      `  ${name.padEnd(62)}${pad(bytes, 7)} / ${budget} ${verdict}${missing.length ? ` (not built yet: ${missing.join(', ')})` : ''}`
    );
  }
}
