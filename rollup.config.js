// Bundles for pages without a build step: an ES module and a classic script,
// each with Lit inside. Input is tsc's output in dist/, so the bundles and the
// npm entries are built from the same JavaScript.
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
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
 * Shortens two messages Lit throws only when its own APIs are misused (a
 * CSSResult built by hand, template strings that are not a literal's). The
 * bundles' private copy of Lit is used by our code alone, which does neither;
 * the messages stay intact in the npm build, where pages share Lit.
 */
const litDeveloperMessages = {
  name: 'lit-developer-messages',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/](lit-html|@lit)[\\/]/.test(id)) return null;
    return code
      .replace('CSSResult is not constructable. Use `unsafeCSS` or `css` instead.', 'CSSResult')
      .replace('invalid template strings array', 'template strings');
  },
};

export default {
  input: 'dist/cdn.js',
  // Lit's production build, not its development one.
  plugins: [nodeResolve({exportConditions: ['production']}), litDeveloperMessages, minifyLiterals(), minify],
  output: [
    {file: 'dist/chat-widget.bundle.js', format: 'es'},
    {file: 'dist/chat-widget.iife.js', format: 'iife', name: 'ChatWidgetBundle'},
  ],
};
