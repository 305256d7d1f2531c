import {expect} from '@open-wc/testing';
import {
  englishStrings,
  Strings,
  translatedLanguages,
  translationFor,
  validOverrides,
  type StringName,
} from '../../src/i18n/strings.js';
import {loadTranslation} from '../../src/i18n/translations.js';

const slotsOf = (entry: string | Record<string, string>) =>
  new Set(
    [...(typeof entry === 'string' ? [entry] : Object.values(entry)).join(' ').matchAll(/\{(\w+)\}/g)].map(
      (m) => m[1]
    )
  );

describe('interface strings', () => {
  it('picks the built-in translation from a language tag', () => {
    expect(translationFor('pt-BR')).to.equal('pt');
    expect(translationFor('zh-Hans-CN')).to.equal('zh');
    expect(translationFor('AR')).to.equal('ar');
    expect(translationFor('iw')).to.equal('he');
    expect(translationFor('en-GB')).to.equal(undefined);
    expect(translationFor('')).to.equal(undefined);
    expect(translationFor(undefined)).to.equal(undefined);
  });

  it('has every translation complete, with the same slots as English and the plural forms its language uses', async () => {
    for (const language of translatedLanguages) {
      const table = await loadTranslation(language);
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const name of Object.keys(englishStrings) as StringName[]) {
        const entry = table[name] as string | Record<string, string>;
        expect(entry, `${language}.${name}`).to.exist;
        // A form may drop {count} when it spells the number out ("رسالة واحدة", one message).
        const expected = [...slotsOf(englishStrings[name])].filter((slot) => slot !== 'count');
        for (const slot of expected) expect([...slotsOf(entry)], `${language}.${name}`).to.include(slot);
        if (typeof entry !== 'string')
          for (const form of Object.keys(entry))
            expect([...categories, 'other'], `${language}.${name}.${form}`).to.include(form);
      }
    }
  });

  it('fills slots and picks plural forms with Intl.PluralRules', async () => {
    const polish = new Strings('pl', await loadTranslation('pl'));
    expect(polish.count('chatWithUnread', 1, {name: 'Ava'})).to.equal(
      'Czat z Ava, 1 nieprzeczytana wiadomość'
    );
    expect(polish.count('chatWithUnread', 3, {name: 'Ava'})).to.equal(
      'Czat z Ava, 3 nieprzeczytane wiadomości'
    );
    expect(polish.count('chatWithUnread', 5, {name: 'Ava'})).to.equal(
      'Czat z Ava, 5 nieprzeczytanych wiadomości'
    );
    const arabic = new Strings('ar', await loadTranslation('ar'));
    expect(arabic.count('chatWithUnread', 2, {name: 'Ava'})).to.equal('الدردشة مع Ava، رسالتان غير مقروءتين');
    expect(arabic.count('more', 3)).to.equal(`+${new Intl.NumberFormat('ar').format(3)} أخرى`);
    expect(arabic.text('typing', {name: 'Ava'})).to.equal('Ava يكتب…');
    expect(arabic.text('cardOf', {index: 2, count: 3}), 'numbers in the language’s digits').to.include(
      new Intl.NumberFormat('ar').format(2)
    );
    const english = new Strings('en');
    expect(english.count('chatWithUnread', 1, {name: 'Ava'})).to.equal('Chat with Ava, 1 unread message');
    expect(english.count('chatWithUnread', 1200, {name: 'Ava'})).to.equal(
      'Chat with Ava, 1,200 unread messages'
    );
    expect(english.count('carousel', 1)).to.equal('Carousel, 1 card');
    expect(english.text('chatWith', {name: 'Ava'})).to.equal('Chat with Ava');
    expect(english.text('chatWith'), 'a missing value stays visible').to.equal('Chat with {name}');
    expect(english.text('saidBy', {constructor: 'x'} as never), 'only the values given fill slots').to.equal(
      '{name}:'
    );
  });

  it('layers a page’s overrides over the translation over English', async () => {
    const french = await loadTranslation('fr');
    const strings = new Strings('fr', french, {
      send: 'Go',
      more: {one: '+{count} de plus', other: '+{count} de plus'},
    });
    expect(strings.text('send')).to.equal('Go');
    expect(strings.count('more', 2)).to.equal('+2 de plus');
    expect(strings.text('retry')).to.equal('Réessayer');
  });

  it('keeps only the overrides it can use, and says what was wrong with the others', () => {
    const problems: string[] = [];
    expect(
      validOverrides(
        {
          send: 'Go',
          retry: 5,
          more: {one: 'x'},
          chatWithUnread: {other: '{count} new'},
          nope: 'x',
          carousel: {one: 1, other: 'x'},
        },
        (problem) => problems.push(`${problem.name}: ${problem.message}`)
      )
    ).to.deep.equal({send: 'Go', chatWithUnread: {other: '{count} new'}});
    expect(problems).to.deep.equal([
      'TypeError: strings.retry must be a string, or plural forms with "other", got number',
      'TypeError: strings.more must be a string, or plural forms with "other", got object',
      "TypeError: strings.nope is not an interface string (see the README's list)",
      'TypeError: strings.carousel must be a string, or plural forms with "other", got object',
    ]);
    expect(validOverrides(null)).to.deep.equal({});
    expect(validOverrides('send')).to.deep.equal({});
  });
});
