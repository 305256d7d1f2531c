import type {InterfaceStrings, TranslatedLanguage} from './strings.js';

/**
 * The built-in translation for a language. Each is a module of its own,
 * `locales/<language>.js`, fetched only by pages in that language (the bundles
 * fetch `chat-widget-lang-<language>.js` beside them: see rollup.config.js), so
 * English pages download none of them and others download one. A bundler
 * splits the import into one file per translation.
 */
export const loadTranslation = (language: TranslatedLanguage): Promise<InterfaceStrings> =>
  import(`./locales/${language}.js`).then((module: {default: InterfaceStrings}) => module.default);
