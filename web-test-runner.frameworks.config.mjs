// `npm run test:frameworks`: <chat-widget> mounted by the real React and Vue
// runtimes in Chromium (test/frameworks/*/*.mount.ts). Apart from the main suite
// because React ships CommonJS only: as Vite's dev server does, it is bundled once
// by esbuild into an ES module, and `react` and `react-dom/client` are served as
// modules that take their named exports from it (one copy of React for both).
import {execFileSync} from 'node:child_process';
import esbuild from 'esbuild';
import base from './web-test-runner.config.mjs';

const BUNDLE = '/__react/bundle.js';
/** Each served package: its specifier, and its name in the bundle. */
const packages = {react: 'React', 'react-dom/client': 'ReactDOMClient'};

function reactAsEsModules() {
  let bundle;
  return {
    name: 'react-as-es-modules',
    resolveImport: ({source}) => (source in packages ? `/__react/${packages[source]}.js` : undefined),
    async serve({path}) {
      if (path === BUNDLE) {
        bundle ??= esbuild
          .build({
            stdin: {
              contents: Object.entries(packages)
                .map(([specifier, name]) => `export {default as ${name}} from '${specifier}';`)
                .join('\n'),
              resolveDir: import.meta.dirname,
            },
            bundle: true,
            format: 'esm',
            write: false,
            define: {'process.env.NODE_ENV': '"development"'},
          })
          .then((result) => result.outputFiles[0].text);
        return {body: await bundle, type: 'js'};
      }
      const served = Object.entries(packages).find(([, name]) => path === `/__react/${name}.js`);
      if (!served) return undefined;
      const [specifier, name] = served;
      // Its export names, read in a Node process of its own (React's development build wraps the console).
      const exported = execFileSync(
        process.execPath,
        ['-p', `Object.keys(require('${specifier}')).join(' ')`],
        {
          cwd: import.meta.dirname,
          encoding: 'utf8',
        }
      )
        .split(/\s+/)
        .filter((key) => /^[A-Za-z_$][\w$]*$/.test(key));
      return {
        body: `import {${name}} from '${BUNDLE}';\nexport default ${name};\nexport const {${exported.join(', ')}} = ${name};\n`,
        type: 'js',
      };
    },
  };
}

export default {
  ...base,
  files: ['test/frameworks/*/*.mount.ts'],
  plugins: [reactAsEsModules(), ...base.plugins],
  coverage: false,
};
