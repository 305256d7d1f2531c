// Angular apps are built by the Angular CLI (@angular/build: esbuild, plus the two
// steps below). To keep CI's install small, this config does those two steps with
// the Angular compiler the type-check already uses: the app's TypeScript comes from
// ngc's ahead-of-time output (compiled templates, no JIT compiler in the bundle),
// and Angular's own packages, which npm ships partially compiled, go through the
// Angular linker.
import {readFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {transformAsync} from '@babel/core';
import {needsLinking} from '@angular/compiler-cli/linker';
import linker from '@angular/compiler-cli/linker/babel';
import {defineConfig} from 'vite';

const fixture = import.meta.dirname;
/** ngc's outDir in tsconfig.json. */
const aot = join(fixture, '../node_modules/.angular-aot');

export default defineConfig({
  // As the Angular CLI's production build: Angular's development checks and JIT support drop out.
  define: {ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false'},
  plugins: [
    {
      name: 'angular-aot',
      enforce: 'pre',
      async load(id) {
        if (dirname(id) === fixture && id.endsWith('.ts')) {
          return readFile(join(aot, basename(id, '.ts') + '.js'), 'utf8');
        }
      },
      async transform(code, id) {
        if (!id.includes('/node_modules/@angular/') || !needsLinking(id, code)) return undefined;
        const linked = await transformAsync(code, {
          filename: id,
          plugins: [linker],
          babelrc: false,
          configFile: false,
          compact: false,
          sourceMaps: false,
        });
        return {code: linked.code, map: null};
      },
    },
  ],
});
