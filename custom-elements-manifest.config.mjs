// The custom elements manifest (custom-elements.json): what editors, docs and the
// framework type generators (scripts/framework-types.mjs) read. The analyzer reads
// the TypeScript source; the plugins below make the result describe the package
// as shipped: dist/ paths, attribute types spelled out, each event's `detail` type
// taken from ChatEventDetailMap (the one source of truth), and no private members.
import {posix} from 'node:path';
import ts from 'typescript';

/** The file that declares every event and its detail (src/events/chat-events.ts). */
const EVENTS_FILE = 'src/events/chat-events.ts';

/**
 * `src/a/b.ts`, `/src/a/b.js`, or `./b.js` from a module in src/a/ → `dist/a/b.js`:
 * the manifest names the files the package ships, from its root.
 */
function distPath(path, from) {
  const fromPackageRoot = path.startsWith('./') ? posix.join(posix.dirname(from), path) : path;
  return fromPackageRoot.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');
}

/** Every `path` and `module` in the manifest, at any depth, names a file in dist/. */
function shippedPaths() {
  const visit = (value, from) => {
    if (Array.isArray(value)) return value.forEach((item) => visit(item, from));
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof inner === 'string')
        value[key] = distPath(inner, from);
      else visit(inner, from);
    }
  };
  return {
    name: 'shipped-paths',
    packageLinkPhase({customElementsManifest: manifest}) {
      for (const module of manifest.modules) visit(module, module.path);
    },
  };
}

/** Each custom element class of the manifest, with the TypeScript class it was read from. */
function* elementClasses(manifest, program) {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      const source = program.getSourceFile(module.path);
      const node = source?.statements.find(
        (statement) => ts.isClassDeclaration(statement) && statement.name?.text === declaration.name
      );
      if (!node) throw new Error(`custom-elements-manifest: no class ${declaration.name} in ${module.path}`);
      yield {declaration, node};
    }
  }
}

/** `'a' | 'b'` when the type is a union of string literals (give or take `undefined`), else undefined. */
function literalUnion(type) {
  const members = (type.isUnion() ? type.types : [type]).filter(
    (member) => !(member.flags & ts.TypeFlags.Undefined)
  );
  if (!members.length || !members.every((member) => member.isStringLiteral())) return undefined;
  return members.map((member) => `'${member.value}'`).join(' | ');
}

/**
 * Reads the source with TypeScript's checker for what the analyzer cannot see:
 * attribute types that are aliases (`Position`) become their values
 * (`'right' | 'left'`), so editors can offer them; each event gets its detail
 * type from ChatEventDetailMap; a class whose base the analyzer could not name
 * (`<chat-trigger>` extends `globalThis.HTMLElement` so that it imports without a
 * DOM) gets `HTMLElement`.
 */
function typesFromTheChecker() {
  return {
    name: 'types-from-the-checker',
    packageLinkPhase({customElementsManifest: manifest}) {
      const files = manifest.modules.map((module) => module.path);
      const program = ts.createProgram(files, {
        target: ts.ScriptTarget.ES2022,
        strict: true,
        skipLibCheck: true,
        noEmit: true,
      });
      const checker = program.getTypeChecker();
      const details = eventDetails(program);

      for (const {declaration, node} of elementClasses(manifest, program)) {
        const classType = checker.getTypeAtLocation(node);
        for (const feature of [...(declaration.attributes ?? []), ...(declaration.members ?? [])]) {
          const name = feature.fieldName ?? (feature.kind === 'field' ? feature.name : undefined);
          const property = name && classType.getProperty(name);
          if (!property) continue;
          const values = literalUnion(checker.getTypeOfSymbolAtLocation(property, node));
          if (values) feature.type = {text: values};
        }

        for (const event of declaration.events ?? []) {
          const detail = details.get(event.name);
          if (!detail)
            throw new Error(
              `custom-elements-manifest: ${declaration.name} documents @fires ${event.name}, which ${EVENTS_FILE} does not declare`
            );
          event.type = {text: detail};
        }
        if (declaration.events?.length) {
          const documented = new Set(declaration.events.map((event) => event.name));
          const missing = [...details.keys()].filter((name) => !documented.has(name));
          if (missing.length)
            throw new Error(
              `custom-elements-manifest: ${declaration.name} fires ${missing.join(', ')} (${EVENTS_FILE}) with no @fires line in its JSDoc`
            );
        }

        if (declaration.superclass && !declaration.superclass.name) {
          const base = node.heritageClauses?.[0]?.getText() ?? '';
          if (!/\bHTMLElement\b/.test(base))
            throw new Error(`custom-elements-manifest: cannot name the base class of ${declaration.name}`);
          declaration.superclass = {name: 'HTMLElement', package: 'global:'};
        }
        declaration.customElement = true;
      }
    },
  };
}

/** Event name → the source text of its detail type, from ChatEventDetailMap. */
function eventDetails(program) {
  const source = program.getSourceFile(EVENTS_FILE);
  const map = source?.statements.find(
    (statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === 'ChatEventDetailMap'
  );
  if (!map) throw new Error(`custom-elements-manifest: no ChatEventDetailMap in ${EVENTS_FILE}`);
  return new Map(
    map.members.map((member) => [member.name.text, member.type.getText(source).replace(/\s+/g, ' ')])
  );
}

/**
 * Leaves out what a page cannot use: private and `#private` members, the
 * attributes of private reactive state (Lit's `state: true`, such as the
 * composer's draft), and exports with no name.
 */
function publicSurfaceOnly() {
  const isPrivate = (member) => member.privacy === 'private' || member.name.startsWith('#');
  return {
    name: 'public-surface-only',
    packageLinkPhase({customElementsManifest: manifest}) {
      for (const module of manifest.modules) {
        // An anonymous default export (the stylesheet's `export default css…`) names nothing a tool could look up.
        if (module.exports) module.exports = module.exports.filter((entry) => entry.declaration.name);
        for (const declaration of module.declarations ?? []) {
          if (!declaration.members) continue;
          const hidden = new Set(declaration.members.filter(isPrivate).map((member) => member.name));
          declaration.members = declaration.members.filter((member) => !hidden.has(member.name));
          if (declaration.attributes)
            declaration.attributes = declaration.attributes.filter(
              (attribute) => !hidden.has(attribute.fieldName)
            );
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  // package.json names the manifest itself (`customElements`); the build does not rewrite it.
  packagejson: false,
  litelement: true,
  // Order matters: the checker reads the source paths, so dist/ paths come last.
  plugins: [publicSurfaceOnly(), typesFromTheChecker(), shippedPaths()],
};
