import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {Strings, translationFor, type InterfaceStrings, type StringOverrides} from './strings.js';
import {loadTranslation} from './translations.js';

/** The translations already fetched, by language: a second widget (or a switch back) draws at once. */
const fetched = new Map<string, InterfaceStrings>();

/**
 * The language tag an element speaks: its own `lang` attribute, else its
 * nearest ancestor's, else the page's (`<html lang>`), else English. A tag browsers
 * cannot use (`en_US`, `english!`) is written properly where it can be, else
 * English is used.
 */
export function languageOf(element: Element): string {
  // Inside another component's shadow root, `closest` stops at that root: the page's language is next.
  const declared = element.closest('[lang]') ?? element.ownerDocument.documentElement;
  const tag = declared.getAttribute('lang')?.trim().replace(/_/g, '-');
  try {
    return (tag && Intl.getCanonicalLocales(tag)[0]) || 'en';
  } catch {
    return 'en';
  }
}

/**
 * Keeps an element's interface strings in its language: reads the language
 * when the element connects and whenever a `lang` attribute changes on it or in
 * the page (a page that switches language redraws the widget), fetches the
 * built-in translation the first time it is needed, and layers the page's
 * overrides on top. Until a translation arrives, the strings are English.
 */
export class LanguageController implements ReactiveController {
  /** The strings to draw with now. */
  strings = new Strings('en');
  #host: ReactiveControllerHost & HTMLElement;
  #failed: (error: Error) => void;
  #overrides?: StringOverrides;
  #observer?: MutationObserver;
  /** What `strings` was made from: a language, and whether its translation was in it. */
  #made = 'en';

  constructor(host: ReactiveControllerHost & HTMLElement, failed: (error: Error) => void) {
    this.#host = host;
    this.#failed = failed;
    host.addController(this);
  }

  /** The page's overrides (already checked), over the translation. */
  set overrides(overrides: StringOverrides | undefined) {
    this.#overrides = overrides;
    this.#made = '';
    this.#refresh();
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.#refresh());
    const watched = {attributeFilter: ['lang'], subtree: true};
    this.#observer.observe(document.documentElement, watched);
    // Inside another component's shadow root, the page's observer does not see the element.
    this.#observer.observe(this.#host, watched);
    this.#refresh();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  #refresh(): void {
    const language = languageOf(this.#host);
    const translated = translationFor(language);
    const translation = translated && fetched.get(translated);
    const made = `${language} ${Boolean(translation)}`;
    if (made === this.#made) return;
    this.#made = made;
    this.strings = new Strings(language, translation, this.#overrides);
    this.#host.requestUpdate();
    if (translated && !translation)
      loadTranslation(translated).then(
        (table) => {
          fetched.set(translated, table);
          this.#refresh();
        },
        (error) => this.#failed(new Error(`The ${translated} translation did not load: ${String(error)}`))
      );
  }
}
