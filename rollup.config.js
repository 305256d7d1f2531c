// Bundles for pages without a build step: an ES module and a classic script,
// each with Lit inside. Input is tsc's output in dist/, so the bundles and the
// npm entries are built from the same JavaScript.
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import MagicString from 'magic-string';
import minifyLiterals from 'rollup-plugin-minify-template-literals';

const minify = terser({
  ecma: 2022,
  module: true,
  compress: {passes: 3, unsafe_arrows: true, unsafe_methods: true},
  // Lit keeps its internal \`_$…\` property names stable so that separate copies of Lit on
  // one page interoperate. These bundles carry a private copy that nothing outside them
  // touches, so those names can be shortened like any other (about 90 B brotli).
  mangle: {properties: {regex: /^_\$/}},
  format: {comments: false},
});

/**
 * Shortens three messages Lit throws only when its own APIs are misused (a
 * CSSResult built by hand, a value that is not CSS in `css`, template strings
 * that are not a literal's; TypeScript already rejects the second). The
 * bundles' private copy of Lit is used by our code alone, which does neither;
 * the messages stay intact in the npm build, where pages share Lit.
 */
const litDeveloperMessages = {
  name: 'lit-developer-messages',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/](lit-html|@lit)[\\/]/.test(id)) return null;
    return code
      .replace('CSSResult is not constructable. Use `unsafeCSS` or `css` instead.', 'CSSResult')
      .replace('invalid template strings array', 'template strings')
      .replace(
        "Value passed to 'css' function must be a 'css' function result: \"+t+\". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.\"",
        'css: "+t'
      );
  },
};

/**
 * The stylesheet's private custom properties are named for readers
 * (`--_accent`, `--_launcher-size`); in the bundles each becomes `--_` and a
 * letter, in order of first use. Only names starting `--_` are private (the
 * public ones are `--chat-widget-*`), and nothing outside the shadow root can
 * see them, so the rename changes no behaviour.
 */
const shortPrivateProperties = {
  name: 'short-private-properties',
  renderChunk(code) {
    const short = new Map();
    const output = new MagicString(code);
    for (const match of code.matchAll(/--_[a-z][a-z-]*/g)) {
      if (!short.has(match[0])) short.set(match[0], `--_${short.size.toString(36)}`);
      output.overwrite(match.index, match.index + match[0].length, short.get(match[0]));
    }
    return {code: output.toString(), map: output.generateMap({hires: true})};
  },
};

/**
 * The Botpress v12 connector (with Socket.IO) is not in the bundles: the shim's
 * `import('../connectors/botpress-v12-bot.js')` loads dist/chat-widget.botpress-v12.js,
 * beside the bundle that asked for it, only on pages that call
 * `botpressWebChat.init({host, botId})`. A classic script has no `import.meta.url`:
 * the IIFE notes its own address while it runs (`document.currentScript`).
 */
const V12_CHUNK = './chat-widget.botpress-v12.js';
const lazyConnectors = {
  name: 'lazy-connectors',
  resolveDynamicImport(specifier) {
    if (typeof specifier === 'string' && specifier.endsWith('/connectors/botpress-v12-bot.js'))
      return {id: V12_CHUNK, external: true};
    return null;
  },
  renderDynamicImport({format, targetModuleId}) {
    if (targetModuleId !== V12_CHUNK) return null;
    const base = format === 'iife' ? 'chatWidgetBundleUrl' : 'import.meta.url';
    return {left: 'import(new URL(', right: `, ${base}).href)`};
  },
};

const bundles = {
  input: 'dist/cdn.js',
  // Lit's production build, not its development one.
  plugins: [
    nodeResolve({exportConditions: ['production']}),
    litDeveloperMessages,
    // Our own literals only: Lit's come minified.
    minifyLiterals({include: 'dist/**'}),
    minify,
    shortPrivateProperties,
    lazyConnectors,
  ],
  output: [
    {file: 'dist/chat-widget.bundle.js', format: 'es'},
    {
      file: 'dist/chat-widget.iife.js',
      format: 'iife',
      name: 'ChatWidgetBundle',
      intro: 'var chatWidgetBundleUrl = document.currentScript && document.currentScript.src || location.href;',
    },
  ],
};

/** The lazily loaded Botpress v12 connector, Socket.IO's browser client inside. */
const botpressV12 = {
  input: 'dist/connectors/botpress-v12-bot.js',
  plugins: [nodeResolve({browser: true}), minify],
  output: {file: 'dist/chat-widget.botpress-v12.js', format: 'es'},
};

export default [bundles, botpressV12];
