import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import ar from '../../src/i18n/locales/ar.js';
import ja from '../../src/i18n/locales/ja.js';
import type {PluralString} from '../../src/i18n/strings.js';
import type {ChatWidget} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';
import {typeKeys} from '../engines.js';
import {
  accessibilityViolations,
  animationsDone,
  fromEdges,
  interfaceWords,
  part,
  parts,
  widgetInFrame,
} from '../helpers.js';

/** A page large enough for the open panel, as a visitor's window would be. */
const viewport = {width: 1000, height: 760};

/** A plural string of a translation, for `count`, as the widget writes it (the language's digits). */
const counted = (forms: PluralString, count: number, language: string) =>
  (forms[new Intl.PluralRules(language).select(count)] ?? forms.other).replace(
    '{count}',
    new Intl.NumberFormat(language).format(count)
  );

/** The interface's words with a run of Latin letters: an English string left untranslated. */
const latinWords = (el: ChatWidget) => interfaceWords(el).filter((words) => /[a-z]{2,}/i.test(words));

const botTexts = (el: ChatWidget) => el.messages.filter((m) => m.author === 'bot').map((m) => messageText(m));

/** Types `text` into the composer and presses Enter, as a visitor does. */
async function say(el: ChatWidget, text: string) {
  const answered = botTexts(el).length;
  part(el, 'input').focus();
  await typeKeys(text);
  await sendKeys({press: 'Enter'});
  await waitUntil(() => botTexts(el).length > answered, `the bot answers "${text}"`, {timeout: 4000});
}

/** Clicks the last button labelled `label` in the transcript and waits for the bot's answer to it. */
async function click(el: ChatWidget, label: string) {
  const answered = botTexts(el).length;
  const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=transcript] button')]
    .reverse()
    .find((b) => b.textContent!.trim() === label);
  expect(button, `a button "${label}"`).to.exist;
  button!.click();
  await waitUntil(() => botTexts(el).length > answered, `the bot answers "${label}"`, {timeout: 4000});
}

/**
 * Opens a language demo page with a new session: the widget speaks the page's
 * language (once its translation, a file of its own, has arrived) and the
 * page's two triggers have pushed their bubbles.
 */
async function openDemo(page: string, storageKey: string, launcherName: string) {
  localStorage.removeItem(`chat-widget:${storageKey}`);
  const {frame, el} = await widgetInFrame(page, viewport);
  await waitUntil(
    () => part(el, 'launcher').getAttribute('aria-label')?.startsWith(launcherName),
    `the launcher is named "${launcherName}…"`
  );
  await waitUntil(() => parts(el, 'proactive-message').length === 2, 'the page’s two proactive bubbles', {
    timeout: 4000,
  });
  return {frame, el};
}

/**
 * The launcher sits 20px from the page's bottom and its `side`; so do, on that side, the proactive
 * bubbles and their dismiss control while the chat is closed, and the panel while it is open.
 */
function expectInCorner(el: ChatWidget, side: 'left' | 'right') {
  expect(fromEdges(part(el, 'launcher')), 'the launcher').to.include({[side]: 20, bottom: 20});
  const beside = el.open
    ? [part(el, 'panel')]
    : [...parts(el, 'proactive-message'), part(el, 'proactive-close')];
  for (const element of beside) expect(fromEdges(element)[side], element.getAttribute('part')!).to.equal(20);
}

describe('demo: the shop in Arabic and in Japanese (arabic.html, japanese.html)', () => {
  let frame: HTMLIFrameElement | undefined;
  let storageKey = '';
  afterEach(() => {
    frame?.remove();
    localStorage.removeItem(`chat-widget:${storageKey}`);
  });

  it('Arabic: fully in Arabic, in the bottom-left corner, the bot answering in Arabic', async () => {
    storageKey = 'demo-arabic';
    let el: ChatWidget;
    ({frame, el} = await openDemo('/demo/arabic.html', storageKey, 'الدردشة مع سارة'));
    expect(el.matches(':dir(rtl)')).to.equal(true);
    // The classic bundle fetched the Arabic translation, beside it, and no other.
    const translations = frame!
      .contentWindow!.performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.includes('chat-widget-lang-'));
    expect(translations).to.deep.equal(['/dist/chat-widget-lang-ar.js']);

    // Closed: the launcher in the bottom-left corner, the bubbles and their controls on its side.
    expectInCorner(el, 'left');
    expect(part(el, 'proactive-close').textContent!.trim()).to.equal(ar.dismiss);
    expect(el.proactive.messages.map((m) => m.text)).to.deep.equal([
      'أهلًا بك في قبعات وشركاه! بدأت تخفيضات الشتاء: خصم ٢٠٪ على قبعات الصوف.',
      'هل تبحث عن قبعة؟',
    ]);
    expect(latinWords(el)).to.deep.equal([]);

    // Open: the panel in the same corner, the launcher still in it.
    await el.show();
    expectInCorner(el, 'left');
    expect(el.shadowRoot!.querySelector('.welcome')!.textContent).to.contain('اسألني عن المقاسات');

    // A question typed in Arabic (with the alef and the vowel marks a visitor may or may not type) gets Arabic markdown.
    await say(el, 'مرحبًا، ما هي المقاسات المتوفرة؟');
    const sizes = botTexts(el).at(-1)!;
    expect(sizes).to.match(/^قبعاتنا بأربعة مقاسات/);
    expect(sizes).not.to.match(/[a-z]{2,}/i);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=message] .markdown table'), 'the size table');

    // A choice, then the whole range as a carousel named in Arabic.
    await say(el, 'أرني القبعات');
    expect(el.messages.at(-1)).to.include({type: 'choice', text: 'ما الذي تبحث عنه؟'});
    await el.updateComplete;
    await click(el, 'أرني التشكيلة كلها');
    await waitUntil(() => el.shadowRoot!.querySelector('.carousel'), 'the carousel is drawn');
    expect(el.shadowRoot!.querySelector('.carousel')!.getAttribute('aria-label')).to.equal(
      counted(ar.carousel, 4, 'ar')
    );

    // Every word of the interface is Arabic: labels, placeholder, who said what, thumbs, carousel arrows.
    expect(part<HTMLTextAreaElement>(el, 'input').placeholder).to.equal(ar.placeholder);
    expect(part(el, 'send').getAttribute('aria-label')).to.equal(ar.send);
    expect(latinWords(el)).to.deep.equal([]);
    await animationsDone(el);
    expect(await accessibilityViolations(el)).to.deep.equal([]);
  });

  it('Japanese: fully in Japanese, in the bottom-right corner, the bot answering in Japanese', async () => {
    storageKey = 'demo-japanese';
    let el: ChatWidget;
    ({frame, el} = await openDemo('/demo/japanese.html', storageKey, 'ハナとチャット'));
    expect(el.matches(':dir(ltr)')).to.equal(true);

    expectInCorner(el, 'right');
    expect(el.proactive.messages.map((m) => m.text)).to.deep.equal([
      'ハット＆コーへようこそ！冬のセール開催中：ウールの帽子が20%オフです。',
      '帽子をお探しですか？',
    ]);

    await el.show();
    expectInCorner(el, 'right');
    await say(el, 'こんにちは');
    expect(botTexts(el).at(-1)).to.match(/^こんにちは！ハナです。/);
    // Full-width and half-width katakana are one word to the bot.
    await say(el, 'ｻｲｽﾞは？');
    expect(botTexts(el).at(-1)).to.match(/^帽子のサイズは4種類です。/);
    await say(el, '帽子を見せて');
    await el.updateComplete;
    await click(el, '全部見せて');
    await waitUntil(() => el.shadowRoot!.querySelector('.carousel'), 'the carousel is drawn');

    // The interface's labels are the Japanese table's, and no English is left anywhere in it.
    const root = el.shadowRoot!;
    const chatWithHana = ja.chatWith.replace('{name}', 'ハナ');
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal(chatWithHana);
    expect(root.querySelector('section')!.getAttribute('aria-label')).to.equal(chatWithHana);
    expect(part(el, 'header').querySelector('button')!.getAttribute('aria-label')).to.equal(ja.closeChat);
    expect(part<HTMLTextAreaElement>(el, 'input').placeholder).to.equal(ja.placeholder);
    expect(part(el, 'input').getAttribute('aria-label')).to.equal(ja.messageLabel);
    expect(part(el, 'send').getAttribute('aria-label')).to.equal(ja.send);
    expect(part(el, 'transcript').getAttribute('aria-label')).to.equal(ja.conversation);
    const [visitor, bot] = parts(el, 'message');
    expect(visitor.querySelector('.sr-only')!.textContent).to.equal(ja.saidByYou);
    expect(bot.querySelector('.sr-only')!.textContent).to.equal(ja.saidBy.replace('{name}', 'ハナ'));
    expect(
      [...bot.querySelectorAll('.feedback button')].map((b) => b.getAttribute('aria-label'))
    ).to.deep.equal([ja.goodAnswer, ja.badAnswer]);
    const carousel = root.querySelector('.carousel')!;
    expect(carousel.getAttribute('aria-label')).to.equal(counted(ja.carousel, 4, 'ja'));
    expect(carousel.querySelector('.card')!.getAttribute('aria-label')).to.equal('4枚中1枚目');
    expect(latinWords(el)).to.deep.equal([]);
    await animationsDone(el);
    expect(await accessibilityViolations(el)).to.deep.equal([]);
  });
});
