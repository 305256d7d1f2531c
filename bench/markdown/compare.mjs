// node bench/markdown/compare.mjs [--failed]
//
// The measurements behind the choice of markdown renderer (README, "Markdown"):
// src/markdown against streaming-markdown with the safe renderer beside this
// file, by bytes (esbuild bundle, terser with rollup.config.js's options,
// brotli quality 11), by CommonMark spec examples passed per section, and by
// the XSS corpus, both in headless Chromium. Needs the alternative installed
// without saving it: `npm install --no-save streaming-markdown@0.2.15`.
// --failed also lists our failing example numbers per section.
import {build} from 'esbuild';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants} from 'node:zlib';
import puppeteer from 'puppeteer-core';
import {minify} from 'terser';
import {chromeArgs, findChrome} from '../../scripts/chrome.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ours = path.join(root, 'src/markdown/markdown.ts');
const theirs = path.join(root, 'bench/markdown/streaming-markdown-renderer.js');

const bundle = async (contents, format) =>
  (
    await build({
      stdin: {contents, resolveDir: root, loader: 'ts'},
      bundle: true,
      format,
      target: 'es2022',
      write: false,
    })
  ).outputFiles[0].text;

/** Minified and brotli bytes of what an entry's exports pull in, as the build would ship it. */
async function bytes(contents) {
  const {code} = await minify(await bundle(contents, 'esm'), {
    ecma: 2022,
    module: true,
    compress: {passes: 3, unsafe_arrows: true, unsafe_methods: true},
    format: {comments: false},
  });
  const brotli = brotliCompressSync(code, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
  return {minified: code.length, brotli};
}

const sizes = {
  'src/markdown (renderMarkdown, MarkdownStream)': await bytes(
    `export {MarkdownStream, renderMarkdown} from ${JSON.stringify(ours)};`
  ),
  'streaming-markdown 0.2.15 + safe renderer': await bytes(
    `export {MarkdownStream, renderMarkdown} from ${JSON.stringify(theirs)};`
  ),
  'markdownStyles (either renderer needs it)': await bytes(
    `export {markdownStyles} from ${JSON.stringify(path.join(root, 'src/markdown/markdown.styles.ts'))};`
  ),
  'findLinks (src/markdown/autolink.ts)': await bytes(
    `export {findLinks} from ${JSON.stringify(path.join(root, 'src/markdown/autolink.ts'))};`
  ),
};
console.log('| bundle | minified | brotli |\n| --- | ---: | ---: |');
for (const [name, {minified, brotli}] of Object.entries(sizes))
  console.log(`| ${name} | ${minified} | ${brotli} |`);

const harness = await bundle(
  `import * as ours from ${JSON.stringify(ours)};
   import * as theirs from ${JSON.stringify(theirs)};
   import {specExamples, passRates} from './test/markdown/commonmark.ts';
   import {xssCorpus} from './test/markdown/xss-corpus.ts';
   window.harness = {ours, theirs, specExamples, passRates, xssCorpus};`,
  'iife'
);
const spec = readFileSync(path.join(root, 'node_modules/commonmark-spec/spec.txt'), 'utf8');
const browser = await puppeteer.launch({executablePath: findChrome(), args: chromeArgs()});
const page = await browser.newPage();
await page.setContent(
  '<!doctype html><html><head><base href="https://example.test/"></head><body></body></html>'
);
await page.addScriptTag({content: harness});
const result = await page.evaluate(async (specText) => {
  const {ours, theirs, specExamples, passRates, xssCorpus} = window.harness;
  const examples = specExamples(specText);
  const rates = {
    ours: passRates(ours.renderMarkdown, examples),
    theirs: passRates(theirs.renderMarkdown, examples),
  };
  const xss = {};
  for (const [name, renderer] of Object.entries({ours, theirs})) {
    const host = document.createElement('div');
    document.body.append(host);
    const unsafe = [];
    for (const text of xssCorpus) {
      const box = document.createElement('div');
      box.append(renderer.renderMarkdown(text));
      host.append(box);
      for (const element of box.querySelectorAll('*')) {
        const href = element.getAttribute('href');
        const src = element.getAttribute('src');
        if (
          (href !== null && !/^(https?:\/\/|mailto:|tel:)/.test(href)) ||
          (src !== null && !/^https?:\/\//.test(src)) ||
          [...element.attributes].some((attribute) => /^on/i.test(attribute.name)) ||
          /^(script|iframe|svg|style|object|embed)$/.test(element.localName)
        )
          unsafe.push(`${text} → ${element.outerHTML}`);
      }
    }
    for (const anchor of host.querySelectorAll('a')) {
      anchor.addEventListener('click', (event) => event.preventDefault());
      anchor.click();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    xss[name] = {cases: xssCorpus.length, unsafe, scriptRan: window.xssFired ?? null};
    delete window.xssFired;
    host.remove();
  }
  return {rates, xss};
}, spec);
await browser.close();

const percent = ({passed, total}) => `${passed} (${Math.round((100 * passed) / total)} %)`;
const totals = {ours: {passed: 0, total: 0}, theirs: {passed: 0, total: 0}};
console.log(
  '\n| CommonMark 0.31.2 section | examples | src/markdown | streaming-markdown |\n| --- | ---: | ---: | ---: |'
);
for (const [section, rate] of Object.entries(result.rates.ours)) {
  const other = result.rates.theirs[section];
  for (const [name, each] of [
    ['ours', rate],
    ['theirs', other],
  ]) {
    totals[name].passed += each.passed;
    totals[name].total += each.total;
  }
  console.log(`| ${section} | ${rate.total} | ${percent(rate)} | ${percent(other)} |`);
}
console.log(`| all covered | ${totals.ours.total} | ${percent(totals.ours)} | ${percent(totals.theirs)} |`);
if (process.argv.includes('--failed')) {
  for (const [section, rate] of Object.entries(result.rates.ours))
    console.log(`${section}: ${rate.failed.join(' ')}`);
}
console.log('\nXSS corpus:', JSON.stringify(result.xss, null, 2));
