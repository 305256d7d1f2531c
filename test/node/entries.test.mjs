// Every entry of the package imports under Node, where there is no DOM, and does
// nothing there: server rendering (Next, Nuxt, SvelteKit, Astro) imports the same
// modules as the browser. Each entry is imported by its public name
// (`proactive-chat-widget/shims`), through the package's own exports map, in a
// fresh Node process, so one entry's globals cannot hide another's.
// Run with `node --test test/node/` after `npm run build`.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {promisify} from 'node:util';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

/** What a page would see: the browser globals and the compatibility globals the shims install in a browser. */
const pageGlobals = ['window', 'document', 'voiceflow', 'botpress', 'botpressWebChat', 'localStorage'];

/**
 * Imports `specifier` in a new Node process and reports the globals it added and what it exports.
 * JSON entries are imported as JSON.
 */
async function importInNode(specifier) {
  const attributes = specifier.endsWith('.json') ? ", {with: {type: 'json'}}" : '';
  const script = `
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    const module = await import(${JSON.stringify(specifier)}${attributes});
    const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
    console.log(JSON.stringify({added, exports: Object.keys(module)}));`;
  const {stdout} = await run(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: new URL('../..', import.meta.url),
  });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

/** The entries with something to import at run time (the others carry only types). */
const runtimeEntries = Object.entries(pkg.exports).filter(
  ([, target]) => typeof target === 'string' || Object.keys(target).some((condition) => condition !== 'types')
);

test('the package has the entries DESIGN.md names', () => {
  for (const entry of [
    '.',
    './define',
    './shims',
    './react',
    './chat-widget.bundle.js',
    './chat-widget.iife.js',
  ])
    assert.ok(
      runtimeEntries.some(([name]) => name === entry),
      `${entry} is exported`
    );
});

for (const [entry] of runtimeEntries) {
  const specifier = pkg.name + entry.slice(1);
  test(`${specifier} imports under Node and touches no page global`, async () => {
    const {added} = await importInNode(specifier);
    const touched = added.filter((name) => pageGlobals.includes(name));
    assert.deepEqual(touched, [], `${specifier} created ${touched.join(', ')}`);
  });
}

test('the class entry exports the element classes and the connector', async () => {
  const {exports} = await importInNode(pkg.name);
  for (const name of ['ChatWidget', 'ChatTrigger', 'httpBot', 'toContent'])
    assert.ok(exports.includes(name), name);
});

test('the React entry exports a component for <chat-widget>', async () => {
  const {exports} = await importInNode(`${pkg.name}/react`);
  assert.deepEqual(exports.sort(), ['ChatWidget', 'ChatWidgetElement']);
});

test('the React wrapper renders <chat-widget> on the server', async () => {
  const script = `
    const React = await import('react');
    const {renderToString} = await import('react-dom/server');
    const {ChatWidget} = await import('${pkg.name}/react');
    console.log(renderToString(React.createElement(ChatWidget, {'bot-name': 'Ava', onChatMessage() {}})));`;
  const {stdout} = await run(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: new URL('../..', import.meta.url),
  });
  assert.match(stdout, /<chat-widget bot-name="Ava"><\/chat-widget>/);
});
