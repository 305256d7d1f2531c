/**
 * Every string the widget shows or reads out, in English: the one table every
 * visible and accessible word comes from. Built-in translations (`locales/`)
 * and a page's `strings` property override entries by name. `{name}` and
 * `{count}` are filled in when used; an entry with plural forms is an object
 * keyed by `Intl.PluralRules` categories (`one`, `few`, `many`, `other`…), and
 * `other` is always there.
 */
export const englishStrings = {
  chatWith: 'Chat with {name}',
  unread: {one: '{count} unread message', other: '{count} unread messages'},
  closeChat: 'Close chat',
  conversation: 'Conversation',
  messageLabel: 'Message',
  placeholder: 'Message…',
  send: 'Send',
  stop: 'Stop',
  incomplete: 'Incomplete',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: messages will be sent when you are back online',
  notDelivered: 'Not delivered.',
  retry: 'Retry',
  showEarlier: 'Show earlier messages',
  typing: '{name} is typing…',
  you: 'You',
  messagesFrom: 'Messages from {name}',
  dismiss: 'Dismiss',
  dismissMessages: 'Dismiss messages',
  more: {one: '+{count} more', other: '+{count} more'},
};

/** A string with plural forms: one per `Intl.PluralRules` category the language uses; `other` is required. */
export type PluralString = Partial<Record<Intl.LDMLPluralRule, string>> & {other: string};

/** The names of the interface strings. */
export type StringName = keyof typeof englishStrings;

/** A whole table: every name, each a string or plural forms. */
export type InterfaceStrings = {
  [Name in StringName]: (typeof englishStrings)[Name] extends string ? string : PluralString;
};

/** What a translation or a page's `strings` property gives: any of the names. */
export type StringOverrides = Partial<InterfaceStrings>;

/** The languages with a built-in translation besides English (BCP 47 primary subtags). */
export const translatedLanguages = [
  'es',
  'fr',
  'de',
  'pt',
  'it',
  'nl',
  'pl',
  'tr',
  'ar',
  'he',
  'ja',
  'zh',
  'ko',
] as const;
export type TranslatedLanguage = (typeof translatedLanguages)[number];

/**
 * The built-in translation for a language tag (`pt-BR` → `pt`, `zh-Hans-CN` →
 * `zh`), or undefined when there is none (English is used).
 */
export function translationFor(languageTag: string | null | undefined): TranslatedLanguage | undefined {
  const primary = (languageTag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  // `iw` is the old code for Hebrew, still sent by some systems.
  const language = primary === 'iw' ? 'he' : primary;
  return (translatedLanguages as readonly string[]).includes(language)
    ? (language as TranslatedLanguage)
    : undefined;
}

/** Fills `{name}`-style slots; a slot with no value stays as written, so a gap is visible. */
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (slot, key: string) => (key in values ? String(values[key]) : slot));

/**
 * Strings in one language: the English table, under the translation, under the
 * page's overrides. `text()` fills a string's slots; `count()` picks the plural
 * form for a number with `Intl.PluralRules`, and writes the number in the
 * language's digits.
 */
export class Strings {
  readonly language: string;
  readonly #table: InterfaceStrings;
  readonly #plurals: Intl.PluralRules;
  readonly #numbers: Intl.NumberFormat;

  constructor(language: string, ...layers: Array<StringOverrides | undefined>) {
    this.language = language;
    this.#table = Object.assign({}, englishStrings, ...layers.map(validOverrides)) as InterfaceStrings;
    this.#plurals = new Intl.PluralRules(language);
    this.#numbers = new Intl.NumberFormat(language);
  }

  text(name: StringName, values: Record<string, string | number> = {}): string {
    const entry = this.#table[name];
    return fill(typeof entry === 'string' ? entry : entry.other, values);
  }

  count(name: StringName, count: number, values: Record<string, string | number> = {}): string {
    const entry = this.#table[name];
    const form = typeof entry === 'string' ? entry : (entry[this.#plurals.select(count)] ?? entry.other);
    return fill(form, {...values, count: this.#numbers.format(count)});
  }
}

/**
 * The entries of an overrides object that can be used: known names with a
 * string, or plural forms with `other`. Anything else is left out, so a wrong
 * entry falls back to the layer below instead of showing "undefined".
 */
export function validOverrides(overrides: unknown): StringOverrides {
  if (typeof overrides !== 'object' || overrides === null) return {};
  const valid: Record<string, unknown> = {};
  for (const name of Object.keys(englishStrings)) {
    const value = (overrides as Record<string, unknown>)[name];
    const plural =
      typeof value === 'object' && value !== null && typeof (value as PluralString).other === 'string';
    if (typeof value === 'string' || plural) valid[name] = value;
  }
  return valid as StringOverrides;
}
