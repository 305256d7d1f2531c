import {invalid} from '../messages/message.js';

/**
 * The words the markdown renderer shows or reads out. They are in the table
 * below like every other string; the renderer, a file of its own, takes these
 * alone as its English defaults.
 */
export const markdownStrings = {
  /** A code block's copy button: its text, its name, and what it says for two seconds after a click. */
  copy: 'Copy',
  copyCode: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  /** The name of a table's scrolling region. */
  table: 'Table',
};

/**
 * Every string the widget shows or reads out, in English: the one table every
 * visible and accessible word comes from. Built-in translations (`locales/`)
 * and a page's `strings` property override entries by name. `{name}` and
 * `{count}` are filled in when used; an entry with plural forms is an object
 * keyed by `Intl.PluralRules` categories (`one`, `few`, `many`, `other`…), and
 * `other` is always there.
 */
export const englishStrings = {
  /** The bot's name when the page gives none (`bot-name`). */
  assistant: 'Assistant',
  chatWith: 'Chat with {name}',
  /** The launcher's name while the badge shows a count. */
  chatWithUnread: {
    one: 'Chat with {name}, {count} unread message',
    other: 'Chat with {name}, {count} unread messages',
  },
  closeChat: 'Close chat',
  conversation: 'Conversation',
  messageLabel: 'Message',
  placeholder: 'Message…',
  send: 'Send',
  /** The control that stops a reply being answered or streamed. */
  stop: 'Stop',
  /** The note on a bot message whose stream was stopped or stalled. */
  incomplete: 'Incomplete',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: messages will be sent when you are back online',
  notDelivered: 'Not delivered.',
  retry: 'Retry',
  showEarlier: 'Show earlier messages',
  typing: '{name} is typing…',
  /** Read out before each message: who said it. */
  saidByYou: 'You:',
  saidBy: '{name}:',
  messagesFrom: 'Messages from {name}',
  dismiss: 'Dismiss',
  dismissMessages: 'Dismiss messages',
  more: {one: '+{count} more', other: '+{count} more'},
  /** The `feedback` attribute's thumbs. */
  goodAnswer: 'Good answer',
  badAnswer: 'Bad answer',
  /** Where the composer was, once the bot ended the conversation, and the button that starts anew. */
  ended: 'The conversation has ended.',
  restart: 'Start a new conversation',
  carousel: {one: 'Carousel, {count} card', other: 'Carousel, {count} cards'},
  /** One card of a carousel, by its place. */
  cardOf: '{index} of {count}',
  previousCard: 'Previous card',
  nextCard: 'Next card',
  /** A place's link when the bot gave it no title. */
  openMap: 'Open the map',
  ...markdownStrings,
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
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (slot, key: string) => (Object.hasOwn(values, key) ? values[key] : slot));

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
    this.#table = Object.assign(
      {},
      englishStrings,
      ...layers.map((layer) => validOverrides(layer))
    ) as InterfaceStrings;
    this.#plurals = new Intl.PluralRules(language);
    this.#numbers = new Intl.NumberFormat(language);
  }

  /** A string with its slots filled; numbers are written in the language's digits. */
  text(name: StringName, values: Record<string, string | number> = {}): string {
    const entry = this.#table[name];
    return this.#fill(typeof entry === 'string' ? entry : entry.other, values);
  }

  /** The plural form of a string for `count`, with `{count}` and its other slots filled. */
  count(name: StringName, count: number, values: Record<string, string | number> = {}): string {
    const entry = this.#table[name];
    const form = typeof entry === 'string' ? entry : (entry[this.#plurals.select(count)] ?? entry.other);
    return this.#fill(form, {...values, count});
  }

  /** A number in the language's digits (the badge's count). */
  number(value: number): string {
    return this.#numbers.format(value);
  }

  #fill(template: string, values: Record<string, string | number>): string {
    const written: Record<string, string> = {};
    for (const [key, value] of Object.entries(values))
      written[key] = typeof value === 'number' ? this.#numbers.format(value) : value;
    return fill(template, written);
  }
}

/**
 * The entries of an overrides object that can be used: known names with a
 * string, or plural forms with `other`. Anything else is left out, so a wrong
 * entry falls back to the layer below instead of showing "undefined", and
 * `report` hears what was wrong with it.
 */
export function validOverrides(overrides: unknown, report?: (problem: TypeError) => void): StringOverrides {
  if (typeof overrides !== 'object' || overrides === null) return {};
  const valid: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(overrides)) {
    const plural =
      typeof value === 'object' &&
      value !== null &&
      typeof (value as PluralString).other === 'string' &&
      Object.values(value).every((form) => typeof form === 'string');
    if (!Object.hasOwn(englishStrings, name))
      report?.(new TypeError(`strings.${name} is not an interface string (see the README's list)`));
    else if (typeof value === 'string' || plural) valid[name] = value;
    else report?.(invalid(`strings.${name}`, 'a string, or plural forms with "other"', value));
  }
  return valid as StringOverrides;
}
