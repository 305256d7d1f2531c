import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {messageTime} from '../../src/chat-widget/message-views.js';
import type {ChatWidget} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';
import {PROACTIVE_TEXT_LIMIT} from '../../src/proactive/proactive-queue.js';
import {
  animationsDone,
  fromEdges,
  interfaceWords,
  part,
  parts,
  reportedErrors,
  settle,
  storeSession,
  uniqueKey,
  widget,
  widgetInFrame,
} from '../helpers.js';

const page = document.documentElement;

/** Sets the page's language and direction for one test (restored after each). */
function pageIn(lang: string, dir?: 'rtl' | 'ltr') {
  page.lang = lang;
  if (dir) page.dir = dir;
}

/** Waits until the launcher's name is in the expected language: the translation is a file of its own. */
const speaking = (el: ChatWidget, start: string) =>
  waitUntil(
    () => part(el, 'launcher').getAttribute('aria-label')?.startsWith(start),
    `the launcher's name starts with "${start}", got "${part(el, 'launcher').getAttribute('aria-label')}"`
  );

describe('languages and directions', () => {
  afterEach(() => {
    page.removeAttribute('lang');
    page.removeAttribute('dir');
  });

  describe('strings', () => {
    it('an Arabic page shows the widget fully in Arabic, right to left, and it stays accessible', async () => {
      pageIn('ar', 'rtl');
      const el = await widget({'bot-name': 'سارة', 'proactive-limit': '2', feedback: true});
      await speaking(el, 'الدردشة مع سارة');
      el.proactive.push('مرحبا!', 'هل تحتاج مساعدة؟', 'لدينا عرض اليوم');
      await settle(el);
      expect(part(el, 'proactive-close').textContent!.trim()).to.equal('تجاهل');
      expect(el.shadowRoot!.querySelector('[part=proactive] .more')!.textContent!.trim()).to.equal(
        `+${new Intl.NumberFormat('ar').format(1)} أخرى`
      );

      await el.show();
      await el.sendMessage('أريد أن أعرف المزيد');
      await el.reply('بالتأكيد! ما الذي تريد معرفته؟');
      await settle(el);
      expect(part<HTMLTextAreaElement>(el, 'input').placeholder).to.equal('اكتب رسالة…');
      expect(part(el, 'input').getAttribute('aria-label')).to.equal('الرسالة');
      expect(part(el, 'send').getAttribute('aria-label')).to.equal('إرسال');
      expect(part(el, 'transcript').getAttribute('aria-label')).to.equal('المحادثة');
      const [visitor, bot] = parts(el, 'message');
      expect(visitor.querySelector('.sr-only')!.textContent).to.equal('أنت:');
      expect(bot.querySelector('.sr-only')!.textContent).to.equal('سارة:');
      const time = bot.querySelector('time')!;
      expect(time.textContent).to.equal(
        new Intl.DateTimeFormat('ar', {timeStyle: 'short'}).format(el.messages[1].timestamp)
      );
      expect(
        [...bot.querySelectorAll('.feedback button')].map((b) => b.getAttribute('aria-label'))
      ).to.deep.equal(['إجابة جيدة', 'إجابة سيئة']);
      // Not one word of the interface is left in English (or any Latin script).
      const latin = interfaceWords(el).filter((words) => /[a-z]{2,}/i.test(words));
      expect(latin).to.deep.equal([]);
      await animationsDone(el);
      await expect(el).to.be.accessible();
    });

    it('a Japanese page shows the widget fully in Japanese', async () => {
      pageIn('ja');
      const el = await widget();
      await speaking(el, 'アシスタントとチャット');
      expect(el.shadowRoot!.querySelector('section')!.getAttribute('aria-label')).to.equal(
        'アシスタントとチャット'
      );
      await el.show();
      await el.reply({type: 'carousel', cards: [{title: '一'}, {title: '二'}]});
      await import('../../src/chat-widget/rich-views.js');
      await settle(el);
      await settle(el);
      expect(part<HTMLTextAreaElement>(el, 'input').placeholder).to.equal('メッセージを入力…');
      expect(part(el, 'send').getAttribute('aria-label')).to.equal('送信');
      const carousel = el.shadowRoot!.querySelector('.carousel')!;
      expect(carousel.getAttribute('aria-label')).to.equal('カルーセル、カード2枚');
      expect(carousel.querySelector('.card')!.getAttribute('aria-label')).to.equal('2枚中1枚目');
      expect(parts(el, 'message')[0].querySelector('.sr-only')!.textContent).to.equal('アシスタント：');
      const latin = interfaceWords(el).filter((words) => /[a-z]{2,}/i.test(words));
      expect(latin).to.deep.equal([]);
      await animationsDone(el);
      await expect(el).to.be.accessible();
    });

    it('the widget’s own lang wins over the page’s, and a page that switches language redraws it', async () => {
      pageIn('de');
      const el = await widget({lang: 'fr-CA', open: true});
      await waitUntil(
        () => part(el, 'send').getAttribute('aria-label') === 'Envoyer',
        'French, from the widget’s lang'
      );
      el.removeAttribute('lang');
      await waitUntil(
        () => part(el, 'send').getAttribute('aria-label') === 'Senden',
        'German, from the page'
      );
      page.lang = 'es-MX';
      await waitUntil(
        () => part(el, 'send').getAttribute('aria-label') === 'Enviar',
        'Spanish, once the page switches'
      );
      page.lang = 'en';
      await waitUntil(() => part(el, 'send').getAttribute('aria-label') === 'Send', 'English again');
    });

    it('inside another component’s shadow root, speaks the page’s language', async () => {
      pageIn('es');
      const host = document.createElement('div');
      document.body.append(host);
      const el = document.createElement('chat-widget');
      el.setAttribute('storage-key', uniqueKey());
      el.open = true;
      host.attachShadow({mode: 'open'}).append(el);
      try {
        await waitUntil(
          () => el.shadowRoot?.querySelector('[part=send]')?.getAttribute('aria-label') === 'Enviar',
          'Spanish'
        );
      } finally {
        host.remove();
      }
    });

    it('speaks English where no translation exists or the tag is malformed, and writes the tag properly', async () => {
      for (const lang of ['sw', 'en_GB', 'not a tag!', '']) {
        pageIn(lang);
        const el = await widget({open: true});
        await settle(el);
        expect(part(el, 'send').getAttribute('aria-label'), lang).to.equal('Send');
        el.remove();
      }
      pageIn('pt_BR');
      const el = await widget({open: true});
      await waitUntil(() => part(el, 'send').getAttribute('aria-label') === 'Enviar', 'pt_BR read as pt-BR');
    });

    it('keeps English and reports it when the translation cannot load', async () => {
      const {frame, el} = await widgetInFrame('/test/fixtures/missing-translation.html');
      const errors = (frame.contentWindow as Window & {chatErrors: string[]}).chatErrors;
      try {
        await waitUntil(() => errors.length > 0, 'the failed translation is reported');
        expect(errors).to.have.length(1);
        expect(errors[0]).to.match(/^attribute: The he translation did not load: /);
        expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('Chat with Ava');
        expect(el.matches(':dir(rtl)'), 'still laid out right to left').to.equal(true);
      } finally {
        frame.remove();
      }
    });

    it('lets the page override any string, over the translation, and reports a wrong entry keeping the rest', async () => {
      pageIn('fr');
      const el = await widget({open: true, 'proactive-limit': '1'});
      const errors = reportedErrors(el);
      el.strings = {
        send: 'Go',
        more: {one: 'et {count} autre', other: 'et {count} autres'},
        retry: 7 as never,
        sendd: 'x',
      } as never;
      el.proactive.push('un', 'deux', 'trois');
      await waitUntil(() => part(el, 'input').getAttribute('aria-label') === 'Message', 'French underneath');
      expect(part(el, 'send').getAttribute('aria-label')).to.equal('Go');
      expect(errors.messages()).to.deep.equal([
        'attribute: strings.retry must be a string, or plural forms with "other", got number',
        "attribute: strings.sendd is not an interface string (see the README's list)",
      ]);
      await el.close();
      expect(el.shadowRoot!.querySelector('[part=proactive] .more')!.textContent!.trim()).to.equal(
        'et 2 autres'
      );
      expect(() => (el.strings = 'Go' as never)).to.throw(
        TypeError,
        'strings must be an object of interface strings, got "Go"'
      );
      expect(part(el, 'launcher').getAttribute('aria-label')).to.match(/^Discuter avec /);
      el.strings = undefined;
      await settle(el);
      expect(el.strings).to.deep.equal({});
      await el.show();
      expect(part(el, 'send').getAttribute('aria-label')).to.equal('Envoyer');
      errors.warn.restore();
    });

    it('counts with the language’s plural rules: the launcher’s unread count in Polish', async () => {
      pageIn('pl');
      const el = await widget({'bot-name': 'Ava'});
      await speaking(el, 'Czat z Ava');
      const labels: string[] = [];
      for (const count of [1, 3, 5]) {
        el.unread = count;
        await el.updateComplete;
        labels.push(part(el, 'launcher').getAttribute('aria-label')!);
        expect(part(el, 'badge').textContent).to.equal(String(count));
      }
      expect(labels).to.deep.equal([
        'Czat z Ava, 1 nieprzeczytana wiadomość',
        'Czat z Ava, 3 nieprzeczytane wiadomości',
        'Czat z Ava, 5 nieprzeczytanych wiadomości',
      ]);
    });
  });

  describe('times', () => {
    const now = new Date(2026, 11, 3, 16, 30).getTime();
    const at = (daysAgo: number) => new Date(2026, 11, 3 - daysAgo, 9, 5).getTime();

    it('shows the time today, the language’s “yesterday” and the time, then the date and time', () => {
      const time = (locale: string, daysAgo: number) => messageTime(at(daysAgo), locale, now);
      const clock = (locale: string) => new Intl.DateTimeFormat(locale, {timeStyle: 'short'}).format(at(0));
      expect(time('ja', 0)).to.equal(clock('ja'));
      expect(time('ja', 1)).to.equal(`昨日 ${clock('ja')}`);
      expect(time('de', 1)).to.equal(`Gestern ${clock('de')}`);
      expect(time('en-US', 1)).to.equal(`Yesterday ${clock('en-US')}`);
      expect(time('ar', 1)).to.equal(`أمس ${clock('ar')}`);
      expect(time('ja', 5)).to.equal(
        new Intl.DateTimeFormat('ja', {dateStyle: 'medium', timeStyle: 'short'}).format(at(5))
      );
      expect(clock('en-US')).to.match(/^9:05\sAM$/);
      expect(clock('de')).to.equal('09:05');
    });

    it('draws stored messages’ times in the widget’s language', async () => {
      const key = uniqueKey();
      const yesterday = Date.now() - 86_400_000;
      storeSession(key, [{id: 'm1', author: 'bot', type: 'text', text: 'Hallo', timestamp: yesterday}]);
      const el = await widget({'storage-key': key, lang: 'de', open: true});
      const time = () => el.shadowRoot!.querySelector('time')!.textContent;
      await waitUntil(() => time()!.startsWith('Gestern'), `German "yesterday", got ${time()}`);
      expect(time()).to.equal(
        `Gestern ${new Intl.DateTimeFormat('de', {timeStyle: 'short'}).format(yesterday)}`
      );
    });
  });

  describe('direction', () => {
    it('on a right-to-left page sits in the bottom-left corner, launcher in the corner closed and open', async () => {
      pageIn('ar', 'rtl');
      const el = await widget();
      el.proactive.push('مرحبا! هل يمكنني مساعدتك في شيء اليوم؟');
      await settle(el);
      const closed = fromEdges(part(el, 'launcher'));
      expect(closed.left).to.equal(20);
      expect(closed.bottom).to.equal(20);
      const bubble = fromEdges(part(el, 'proactive-message'));
      expect(bubble.left, 'the proactive stack lines up on the launcher’s side').to.equal(20);
      expect(fromEdges(part(el, 'proactive-close')).left).to.equal(20);
      await el.show();
      const open = fromEdges(part(el, 'launcher'));
      expect(open.left).to.equal(20);
      expect(open.bottom).to.equal(20);
      const panel = fromEdges(part(el, 'panel'));
      expect(panel.left).to.equal(20);
      expect(panel.right).to.be.greaterThan(20);
    });

    it('the dir attribute sets the direction; position takes logical start/end and physical left/right', async () => {
      const corner = async (attributes: Record<string, string>) => {
        const el = await widget(attributes);
        const edges = fromEdges(part(el, 'launcher'));
        el.remove();
        return edges.left === 20 ? 'left' : edges.right === 20 ? 'right' : `${edges.left}/${edges.right}`;
      };
      expect(await corner({})).to.equal('right');
      expect(await corner({dir: 'rtl'})).to.equal('left');
      expect(await corner({position: 'start'})).to.equal('left');
      expect(await corner({position: 'start', dir: 'rtl'})).to.equal('right');
      expect(await corner({position: 'right', dir: 'rtl'})).to.equal('right');
      expect(await corner({position: 'left'})).to.equal('left');
      pageIn('he', 'rtl');
      expect(await corner({})).to.equal('left');
      expect(await corner({dir: 'ltr'})).to.equal('right');
      expect(await corner({position: 'right'})).to.equal('right');
      expect(await corner({position: 'end'})).to.equal('left');
    });

    it('keeps the stack and the open launcher on the side of a physical corner in either direction', async () => {
      pageIn('ar', 'rtl');
      const el = await widget({position: 'right'});
      el.proactive.push('مرحبا!');
      await settle(el);
      expect(fromEdges(part(el, 'proactive-message')).right).to.equal(20);
      await el.show();
      expect(fromEdges(part(el, 'launcher')).right).to.equal(20);
      expect(fromEdges(part(el, 'panel')).right).to.equal(20);
    });

    it('mirrors the conversation: the visitor on the left, the bot on the right, the send arrow pointing left', async () => {
      pageIn('ar', 'rtl');
      const el = await widget({open: true});
      await el.sendMessage('مرحبا');
      await el.reply('أهلا');
      await settle(el);
      const transcript = part(el, 'transcript').getBoundingClientRect();
      const [visitor, bot] = parts(el, 'message').map((m) => m.getBoundingClientRect());
      expect(Math.round(visitor.left - transcript.left)).to.equal(16);
      expect(Math.round(transcript.right - bot.right)).to.be.within(16, 32);
      expect(getComputedStyle(part(el, 'send').querySelector('svg')!).transform).to.equal(
        'matrix(-1, 0, 0, 1, 0, 0)'
      );
      const badgeHost = await widget({dir: 'rtl'});
      badgeHost.unread = 2;
      await badgeHost.updateComplete;
      const launcher = part(badgeHost, 'launcher').getBoundingClientRect();
      expect(
        part(badgeHost, 'badge').getBoundingClientRect().left,
        'the badge on the launcher’s inline end'
      ).to.be.lessThan(launcher.left);
    });

    it('gives each text the direction of its own words (dir="auto")', async () => {
      const el = await widget({open: true, 'bot-name': 'مساعد'});
      await el.reply([
        'مرحبا، كيف يمكنني مساعدتك؟',
        'Hello there',
        {type: 'markdown', text: 'مرحبا **بك**\n\nAnd English'},
      ]);
      await import('../../src/markdown/markdown.js');
      await settle(el);
      await settle(el);
      const [arabic, english] = parts(el, 'message').map((m) => m.querySelector('.text, .markdown')!);
      expect(arabic.matches(':dir(rtl)')).to.equal(true);
      expect(english.matches(':dir(ltr)')).to.equal(true);
      const markdown = el.shadowRoot!.querySelector('.markdown')!;
      expect(markdown.matches(':dir(rtl)')).to.equal(true);
      expect(getComputedStyle(markdown.querySelector('p')!).unicodeBidi).to.equal('plaintext');
      expect(el.shadowRoot!.querySelector('h2')!.matches(':dir(rtl)')).to.equal(true);
      // The input runs the way its text does; empty, the way the widget does (its placeholder too).
      const input = part<HTMLTextAreaElement>(el, 'input');
      expect(input.matches(':dir(ltr)')).to.equal(true);
      el.dir = 'rtl';
      await el.updateComplete;
      expect(input.matches(':dir(rtl)'), 'empty, in a right-to-left widget').to.equal(true);
      input.focus();
      await sendKeys({type: 'Hello'});
      await el.updateComplete;
      expect(input.getAttribute('dir')).to.equal('auto');
      expect(input.matches(':dir(ltr)'), 'English typed in a right-to-left widget').to.equal(true);
    });

    it('scrolls a carousel the right way in right-to-left, its arrows pointing outwards', async () => {
      pageIn('ar', 'rtl');
      const el = await widget({open: true});
      await el.reply({type: 'carousel', cards: [{title: 'أ'}, {title: 'ب'}, {title: 'ج'}]});
      await import('../../src/chat-widget/rich-views.js');
      await settle(el);
      await settle(el);
      const carousel = el.shadowRoot!.querySelector('.carousel')!;
      const [previous, next] = [carousel.querySelector('.previous')!, carousel.querySelector('.next')!];
      const row = carousel.querySelector<HTMLElement>('.row')!;
      expect(previous.getBoundingClientRect().left, 'previous on the right').to.be.greaterThan(
        next.getBoundingClientRect().left
      );
      const first = row.children[0].getBoundingClientRect();
      expect(row.getBoundingClientRect().right - first.right, 'the first card at the right').to.be.within(
        -1.5,
        1.5
      );
      // Each arrow points outwards: ‹ and › turned round on the right-to-left row.
      const arrows = [previous, next].map((button) => button.querySelector('span')!);
      expect(arrows.map((arrow) => arrow.textContent)).to.deep.equal(['‹', '›']);
      for (const arrow of arrows)
        expect(getComputedStyle(arrow).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
      (next as HTMLElement).click();
      await waitUntil(() => row.scrollLeft < -20, `scrolled towards the left, got ${row.scrollLeft}`);
      await waitUntil(() => previous.ariaDisabled === 'false', 'previous can go back');
    });
  });

  describe('visitor input in any script', () => {
    it('never sends while an input method composes: the Enter that picks a candidate stays in the box', async () => {
      const el = await widget({open: true, lang: 'ja'});
      const input = part<HTMLTextAreaElement>(el, 'input');
      input.focus();
      const type = (text: string, composing: boolean) => {
        input.value = text;
        input.dispatchEvent(
          new InputEvent('input', {data: text, isComposing: composing, inputType: 'insertCompositionText'})
        );
      };
      const enter = (init: KeyboardEventInit, keyCode = 13) => {
        const event = new KeyboardEvent('keydown', {
          key: 'Enter',
          bubbles: true,
          composed: true,
          cancelable: true,
          ...init,
        });
        Object.defineProperty(event, 'keyCode', {value: keyCode});
        input.dispatchEvent(event);
        return event;
      };
      input.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
      type('にほんご', true);
      expect(enter({isComposing: true}).defaultPrevented).to.equal(false);
      // Chromium and Firefox: composing is said on the event; some IMEs send the key as 229 without it.
      enter({}, 229);
      type('日本語', true);
      input.dispatchEvent(new CompositionEvent('compositionend', {data: '日本語'}));
      // Safari: the Enter that confirmed the candidate arrives after compositionend, as key 229.
      enter({}, 229);
      await settle(el);
      expect(el.messages).to.deep.equal([]);
      expect(input.value).to.equal('日本語');
      await sendKeys({press: 'Enter'});
      await waitUntil(() => el.messages.length === 1, 'a real Enter sends');
      expect(messageText(el.messages[0])).to.equal('日本語');
    });

    it('cuts a long proactive text only between whole characters: emoji, flags and combining marks stay whole', async () => {
      const el = await widget();
      const pieces = ['👨‍👩‍👧‍👦', '🇯🇵', 'é', 'ญี่', 'ق'.repeat(1)];
      for (const piece of pieces) {
        // The piece straddles the limit: a cut by code units would split it.
        const text = 'a'.repeat(PROACTIVE_TEXT_LIMIT - 2) + piece + 'tail';
        el.proactive.push({id: `p${pieces.indexOf(piece)}`, type: 'text', text});
      }
      for (const message of el.proactive.messages) {
        const kept = message.text.slice(PROACTIVE_TEXT_LIMIT - 2, -1);
        expect(message.text.endsWith('…'), message.text.slice(-8)).to.equal(true);
        expect(message.text.length).to.be.at.most(PROACTIVE_TEXT_LIMIT);
        expect(['', ...pieces], `kept "${kept}"`).to.include(kept);
        expect(message.text.at(-2)).not.to.match(/[\uD800-\uDBFF\u200D]/);
      }
    });

    it('sends a visitor message of any length and script whole', async () => {
      const el = await widget({open: true});
      const text = '👩🏽‍💻 مرحبا こんにちは é\u0301 '.repeat(300);
      await el.sendMessage(text);
      expect(messageText(el.messages[0])).to.equal(text.trim());
    });
  });
});
