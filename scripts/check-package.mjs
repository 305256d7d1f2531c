// `npm run test:types` (after `npm run build`): checks the package as users get it.
//  1. `npm pack`: the tarball holds every file package.json names (exports, types…).
//  2. custom-elements.json validates against the custom-elements-manifest schema.
//  3. publint --strict and Are the Types Wrong (ESM-only profile) on the tarball.
//  4. The tarball is unpacked as test/frameworks/node_modules/proactive-chat-widget,
//     and each framework fixture in test/frameworks/ is type-checked against it with
//     its framework's own checker: React (tsc), Vue (vue-tsc), Svelte (svelte-check),
//     Angular (ngc). Each fixture also holds mistakes the types must reject.
// Prints each step's time and a closing "N passed, N failed" line; exits 1 on a failure.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Ajv from 'ajv';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const results = [];

/** Runs one named check, timing it; a thrown error (or a failing command) fails it. */
function check(name, body) {
  const start = performance.now();
  let failure;
  try {
    body();
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

check('npm pack: the tarball holds every file package.json names', () => {
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

check('custom-elements.json validates against the custom-elements-manifest schema', () => {
  const schema = JSON.parse(
    readFileSync(join(root, 'node_modules/custom-elements-manifest/schema.json'), 'utf8')
  );
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const validate = new Ajv({allErrors: true, strict: false}).compile(schema);
  if (!validate(manifest)) throw new Error(JSON.stringify(validate.errors, null, 2));
});

check('publint --strict', () => run(bin('publint'), ['run', tarball, '--strict']));

// ESM only, by design (`"type": "module"`, no `require` condition): the profile skips
// the CommonJS resolutions, and checks node10 (typesVersions), node16 and bundlers.
check('Are the Types Wrong', () => run(bin('attw'), [tarball, '--profile', 'esm-only']));

const installed = join(root, 'test/frameworks/node_modules/proactive-chat-widget');
rmSync(installed, {recursive: true, force: true});
mkdirSync(installed, {recursive: true});
run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);

const fixture = (name) => join(root, 'test/frameworks', name);
check('React 19 TSX (tsc)', () => run(bin('tsc'), ['-p', fixture('react/tsconfig.json')]));
check('Vue 3 SFC (vue-tsc, strictTemplates)', () =>
  run(bin('vue-tsc'), ['-p', fixture('vue/tsconfig.json')])
);
check('Svelte 5 (svelte-check)', () =>
  run(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings'], fixture('svelte'))
);
check('Angular, CUSTOM_ELEMENTS_SCHEMA (ngc, strictTemplates)', () =>
  run(bin('ngc'), ['-p', fixture('angular/tsconfig.json')])
);

rmSync(packDir, {recursive: true, force: true});
const failed = results.filter((result) => !result.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
