// The products' documented snippets, as demo/voiceflow.html and demo/botpress.html
// run them, in a real page: once with the built classic bundle (the one-line
// switch a site makes; needs `npm run build` first) and once with the ESM entry.
import {expect, waitUntil} from '@open-wc/testing';
import type {ChatWidget} from '../../src/index.js';
import {transcriptTexts} from '../helpers.js';

const BUNDLE = '/dist/chat-widget.iife.js';

/**
 * The demo page with the ESM entry instead of the classic bundle. A module
 * cannot load synchronously, so the inline scripts after it become modules
 * too: they then run, in order, after it, as they ran after the classic one.
 */
async function esmVersion(path: string): Promise<string> {
  const tag = `<script src="${BUNDLE}"></script>`;
  const page = (await (await fetch(path)).text())
    .replace('<head>', `<head><base href="${location.origin}/demo/" />`)
    .replace(`v.src = "${BUNDLE}"; v.type = "text/javascript"`, 'v.src = "/src/cdn.ts"; v.type = "module"')
    // A srcdoc page's own location has no origin ("null"): the one it stands for.
    .replaceAll('location.origin', JSON.stringify(location.origin));
  const at = page.indexOf(tag);
  if (at < 0) return page;
  const after = page.slice(at + tag.length).replaceAll('<script>', '<script type="module">');
  return page.slice(0, at) + '<script type="module" src="/src/cdn.ts"></script>' + after;
}

const frames: HTMLIFrameElement[] = [];

/** Opens `path` in an iframe, as built (`iife`) or with the ESM entry (`esm`). */
async function openPage(path: string, build: 'iife' | 'esm', hash = '') {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1024px; height: 768px';
  if (build === 'esm') {
    frame.srcdoc = await esmVersion(path);
  } else {
    const found = await fetch(BUNDLE);
    if (!found.ok) throw new Error(`${BUNDLE} is missing: run \`npm run build\` before \`npm test\``);
    frame.src = path + hash;
  }
  frames.push(frame);
  document.body.append(frame);
  const win = () => frame.contentWindow as Window & typeof globalThis;
  const widget = () => frame.contentDocument?.querySelector<ChatWidget>('chat-widget');
  await waitUntil(() => widget()?.ready, `no ready <chat-widget> in ${path}`, {timeout: 8000});
  return {
    win,
    el: widget()!,
    log: () => frame.contentDocument!.getElementById('log')!.textContent!,
    click: (run: string) => frame.contentDocument!.querySelector<HTMLElement>(`[data-run="${run}"]`)!.click(),
  };
}

/** The proactive stack (only the first few are drawn at once). */
const bubbles = (el: ChatWidget) => el.proactive.messages.map((m) => m.text);

for (const build of ['iife', 'esm'] as const) {
  describe(`documented snippets, ${build === 'iife' ? 'built classic bundle' : 'ESM entry'}`, function () {
    this.timeout(20000);

    beforeEach(() => {
      localStorage.removeItem('chat-widget:hat-co-demo');
      localStorage.removeItem('voiceflow-session-hat-co-demo');
      sessionStorage.removeItem('chat-widget:hat-co');
      sessionStorage.removeItem('chat-widget:botpress-v12::hat-co');
    });
    afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

    it('Voiceflow: the embed snippet loads the widget and the recipes run: bubbles, an intent after 2 s, open after 3 s', async () => {
      const {el, log, click} = await openPage('/demo/voiceflow.html', build);
      expect(el.botName).to.equal('Ava');
      expect(el.storageKey).to.equal('hat-co-demo');
      await waitUntil(() => bubbles(el).length === 2, 'the recipe pushes two bubbles after load()');
      expect(bubbles(el)).to.deep.equal(['Hey, we sell lots of hats!', 'Want recommendations?']);

      // The seed snippets, as written in Voiceflow's docs.
      click('one');
      click('multiple');
      await waitUntil(() => bubbles(el).length === 5);
      expect(bubbles(el).slice(2)).to.deep.equal(['hello world', '1!', '2!']);

      await waitUntil(() => el.open, 'the recipe opens the chat 3 seconds after load', {timeout: 5000});
      expect(log()).to.contain(
        'voiceflow:interact intent {"intent":{"name":"account_services"},"entities":[]}'
      );
      // The page hears window messages a task later than the widget opens.
      await waitUntil(() => log().includes('voiceflow:open'), 'voiceflow:open is posted to the page');
      // The agent (the mock Voiceflow runtime) answers the intent, and the open launches the session.
      await waitUntil(() => transcriptTexts(el).some((text) => text.startsWith('Intent: account')), 'the agent answers the intent', {timeout: 5000});
      await waitUntil(() => transcriptTexts(el).some((text) => text.startsWith('Welcome to')), 'the open launches the session', {timeout: 5000});
    });

    it('Botpress v12: the embedding snippet and the proactive page code against the mock v12 server; the hook speaks first, in a new session only', async () => {
      await fetch('/mock/botpress-v12/hat-co/reset', {method: 'POST'});
      sessionStorage.removeItem('bp/socket/user');
      const page = await openPage('/demo/botpress.html', build);
      const {el, log} = page;
      expect(el.botName).to.equal('Ava');
      expect(el.persistence).to.equal('session');
      await waitUntil(() => transcriptTexts(el).length === 1, 'the server hook speaks first', {
        timeout: 8000,
      });
      expect(transcriptTexts(el)).to.deep.equal(["I'm so proactive!"]);
      if (build === 'iife') {
        // The connector and Socket.IO come as the lazy file beside the bundle, fetched by this page.
        const fetched = page
          .win()
          .performance.getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname);
        expect(fetched).to.include('/dist/chat-widget-botpress-v12.js');
      }
      await waitUntil(() => log().includes('event bot text'), 'the socket event is posted to the page');
      expect(log().split('\n')).to.include.members(['message webchatLoaded', 'message webchatReady']);

      // The documented events: show, then a message the bot answers.
      page.click('message');
      await waitUntil(() => transcriptTexts(el).length === 3, 'the bot answers "Hello!"', {timeout: 8000});
      expect(transcriptTexts(el).slice(1)).to.deep.equal(['Hello!', 'You said: “Hello!”']);
      page.click('show');
      await waitUntil(() => el.open);
      await waitUntil(() => log().includes('message webchatOpened'));

      // The page again, same tab: the same conversation, so the hook stays quiet.
      frames.splice(0).forEach((frame) => frame.remove());
      const again = await openPage('/demo/botpress.html', build);
      await waitUntil(() => again.log().includes('message webchatReady'));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(transcriptTexts(again.el)).to.deep.equal(["I'm so proactive!", 'Hello!', 'You said: “Hello!”']);
    });

    if (build === 'iife') {
      it('Voiceflow: on a page whose URL contains /category/shoes, the recipe clears and pushes the shoes bubble', async () => {
        const {el} = await openPage('/demo/voiceflow.html', build, '#/category/shoes');
        await waitUntil(() => bubbles(el).length > 0);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(bubbles(el)).to.deep.equal(['Chat with me for 20% off shoes']);
      });
    }
  });
}
