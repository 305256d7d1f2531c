import type {InterfaceStrings, TranslatedLanguage} from './strings.js';

type Translation = () => Promise<{default: InterfaceStrings}>;

/**
 * Each built-in translation is its own module, fetched only by pages in that
 * language (in the bundles, `chat-widget-lang-xx.js` beside the bundle), so
 * English pages download none of them and others download one.
 */
const translations: Record<TranslatedLanguage, Translation> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  he: () => import('./locales/he.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  pt: () => import('./locales/pt.js'),
  tr: () => import('./locales/tr.js'),
  zh: () => import('./locales/zh.js'),
};

/** The built-in translation for a language. */
export const loadTranslation = (language: TranslatedLanguage): Promise<InterfaceStrings> =>
  translations[language]().then((module) => module.default);
