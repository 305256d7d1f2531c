// Bundles for pages without a build step: an ES module and a classic script,
// each with Lit inside. Input is tsc's output in dist/, so the bundles and the
// npm entries are built from the same JavaScript.
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {existsSync, readdirSync} from 'node:fs';
import {relative, resolve} from 'node:path';
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
/** One map for every file built: the lazily loaded ones (rich-views) read the bundle's names. */
const short = new Map();
const shortPrivateProperties = {
  name: 'short-private-properties',
  renderChunk(code) {
    const output = new MagicString(code);
    for (const match of code.matchAll(/--_[a-z][a-z-]*/g)) {
      if (!short.has(match[0])) short.set(match[0], `--_${short.size.toString(36)}`);
      output.overwrite(match.index, match.index + match[0].length, short.get(match[0]));
    }
    return {code: output.toString(), map: output.generateMap({hires: true})};
  },
};

/**
 * Code that only some pages need, loaded on demand. Each module here is
 * reached from the rest only through a dynamic `import()`; in the bundles that
 * import fetches a file of its own beside the bundle (`dist/chat-widget-….js`),
 * built self-contained below, so a page that never uses it never downloads
 * it. (The npm build keeps the plain `import()`, and the page's own bundler
 * splits it the same way.)
 */
export const lazyFiles = {
  'dist/connectors/http-bot.js': 'chat-widget-http.js',
  'dist/markdown/markdown.js': 'chat-widget-markdown.js',
  'dist/chat-widget/rich-views.js': 'chat-widget-rich.js',
  'dist/triggers/trigger-engine.js': 'chat-widget-triggers.js',
  'dist/connectors/voiceflow-bot.js': 'chat-widget-voiceflow.js',
  'dist/connectors/botpress-cloud-bot.js': 'chat-widget-botpress-cloud.js',
  'dist/connectors/botpress-v12-bot.js': 'chat-widget-botpress-v12.js',
  // Each built-in translation: pages in that language fetch it, others never do.
  ...Object.fromEntries(
    (existsSync('dist/i18n/locales') ? readdirSync('dist/i18n/locales') : [])
      .filter((file) => file.endsWith('.js'))
      .map((file) => [`dist/i18n/locales/${file}`, `chat-widget-lang-${file}`])
  ),
};
const builtLazyFiles = Object.entries(lazyFiles).filter(([module]) => existsSync(module));
/** A module's path from the project root, with forward slashes. */
const projectPath = (id) => relative(process.cwd(), resolve(id)).split('\\').join('/');
const lazyFileOf = (id) => lazyFiles[projectPath(id)];
const lazyFileNames = new Set(Object.values(lazyFiles));
const isTranslations = (id) => projectPath(id) === 'dist/i18n/translations.js';

/**
 * Turns `import('./connectors/http-bot.js')` into an import of the lazy file
 * beside the bundle: `import(new URL('chat-widget-http.js', <the bundle's URL>))`.
 * The module bundle knows its URL (`import.meta.url`); the classic script
 * notes `document.currentScript` while it first runs (see `intro` below).
 */
const loadLazyFiles = {
  name: 'load-lazy-files',
  async resolveDynamicImport(specifier, importer) {
    if (typeof specifier !== 'string') return null;
    const resolved = await this.resolve(specifier, importer, {skipSelf: true});
    const file = resolved && lazyFileOf(resolved.id);
    return file ? {id: file, external: true} : null;
  },
  // A translation is imported by a name made at run time (`./locales/${language}.js`): in the
  // bundles, the lazy file of that name (`chat-widget-lang-${language}.js`, see lazyFiles).
  transform(code, id) {
    if (!isTranslations(id)) return null;
    const output = new MagicString(code);
    output.replace('`./locales/${language}.js`', '`chat-widget-lang-${language}.js`');
    if (output.toString() === code)
      this.error('translations.js no longer imports `./locales/${language}.js`');
    return {code: output.toString(), map: output.generateMap({hires: true})};
  },
  renderDynamicImport({format, moduleId, targetModuleId}) {
    if (!lazyFileNames.has(targetModuleId) && !(targetModuleId === null && isTranslations(moduleId)))
      return null;
    const base = format === 'es' ? 'import.meta.url' : 'chatWidgetScriptUrl';
    return {left: 'import(new URL(', right: `, ${base}).href)`};
  },
};

const plugins = [
  // Lit's production build, not its development one.
  nodeResolve({exportConditions: ['production']}),
  litDeveloperMessages,
  // Our own literals only: Lit's come minified.
  minifyLiterals({include: 'dist/**'}),
  minify,
  shortPrivateProperties,
];

export default [
  {
    input: 'dist/cdn.js',
    plugins: [loadLazyFiles, ...plugins],
    output: [
      {file: 'dist/chat-widget.bundle.js', format: 'es'},
      {
        file: 'dist/chat-widget.iife.js',
        format: 'iife',
        name: 'ChatWidgetBundle',
        // Where the lazy files are: beside this script. Only readable while it first runs.
        intro:
          "const chatWidgetScriptUrl = typeof document < 'u' ? document.currentScript?.src ?? document.baseURI : '';",
      },
    ],
  },
  ...builtLazyFiles.map(([module, file]) => ({
    input: module,
    // Packages' browser builds: Socket.IO's client (in the Botpress v12 file) maps its Node
    // transports (`ws`) to the browser's through its package.json `browser` field.
    plugins: [nodeResolve({exportConditions: ['production'], browser: true}), ...plugins.slice(1)],
    output: {file: `dist/${file}`, format: 'es'},
  })),
];
