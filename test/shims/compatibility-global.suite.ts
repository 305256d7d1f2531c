// What every compatibility global promises, as one suite run against each of
// them (each *.test.ts beside this file calls it for its own global). What a
// global does beyond this stays in its own file.
import {aTimeout, expect, fixture, html} from '@open-wc/testing';
import sinon from 'sinon';
import type {ChatWidget} from '../../src/index.js';
import {installShims} from '../../src/shims/install-shims.js';
import {consoleErrors, domEvents, settle, transcriptTexts} from '../helpers.js';
import {removeWidgets, theWidget} from './shim-helpers.js';

/** One global, as the suite drives it: each call is made the way that product's pages make it. */
export interface GlobalUnderTest {
  /** Where it hangs off `window`, as errors name it: `voiceflow.chat`. */
  path: string;
  /** Creates the widget the way the product's snippet does (`load`, `init`), with a storage key of its own. */
  start(): Promise<unknown>;
  open(): Promise<unknown>;
  close(): Promise<unknown>;
  /** Sends `text` as the visitor. */
  sendMessage(text: string): Promise<unknown>;
  /** A call with an argument of the wrong kind, and the console error that must name the API and the argument. */
  badCall: {call(): Promise<unknown>; error: string};
}

type Namespace = Record<string, unknown>;

/** The object at a dotted path from `window`. */
const at = (path: string) =>
  path.split('.').reduce((object, name) => object[name] as Namespace, window as unknown as Namespace);

export function describeCompatibilityGlobal(global: GlobalUnderTest): void {
  describe(`window.${global.path}: what every compatibility global does`, () => {
    afterEach(() => {
      sinon.restore();
      removeWidgets();
    });

    it('queues calls made before the widget exists and replays them in order once it is ready', async () => {
      const events = domEvents('chat-open', 'chat-message', 'chat-close');
      const calls = [global.open(), global.sendMessage('Sent before the widget'), global.close()];
      await aTimeout(10);
      expect(document.querySelector('chat-widget')).to.equal(null);
      expect(events.seen).to.deep.equal([]);
      await global.start();
      await Promise.all(calls);
      const el = await theWidget();
      await settle(el);
      events.stop();
      expect(events.seen).to.deep.equal(['chat-open', 'chat-message', 'chat-close']);
      expect(transcriptTexts(el)).to.deep.equal(['Sent before the widget']);
      expect(el.open).to.equal(false);
    });

    it('creates one widget in the body, ready when the call resolves; a second call makes no second one', async () => {
      await global.start();
      const all = document.querySelectorAll('chat-widget');
      expect(all).to.have.length(1);
      expect(all[0].parentElement).to.equal(document.body);
      expect(all[0].ready).to.equal(true);
      await global.start();
      expect([...document.querySelectorAll('chat-widget')]).to.deep.equal([...all]);
    });

    it('uses the widget the page already has', async () => {
      const mine = await fixture<ChatWidget>(html`<chat-widget persistence="memory"></chat-widget>`);
      await global.start();
      expect([...document.querySelectorAll('chat-widget')]).to.deep.equal([mine]);
      await global.sendMessage('To the page’s own widget');
      expect(transcriptTexts(mine)).to.deep.equal(['To the page’s own widget']);
    });

    it('extends a global the page already has, never replacing a member', () => {
      const [top, ...rest] = global.path.split('.');
      const win = window as unknown as Namespace;
      const installed = win[top];
      const ours = at(global.path);
      const [taken, ...others] = Object.keys(ours);
      const theirs = () => 'theirs';
      try {
        // The page's object, with a member of its own and one of ours written its way.
        const page: Namespace = {pageOwn: 1, [taken]: theirs};
        win[top] = rest.reduceRight<Namespace>((inner, name) => ({pageOwn: 1, [name]: inner}), page);
        installShims();
        const extended = at(global.path);
        expect(extended).to.equal(page);
        expect(extended[taken]).to.equal(theirs);
        expect(extended.pageOwn).to.equal(1);
        for (const name of others) expect(typeof extended[name], name).to.equal(typeof ours[name]);
        expect((win[top] as Namespace).pageOwn).to.equal(1);
      } finally {
        win[top] = installed;
      }
    });

    it('reports a bad argument as a console error naming the API and the argument; the queue keeps going', async () => {
      const errors = consoleErrors();
      const calls = [global.badCall.call(), global.sendMessage('After the bad call')];
      await global.start();
      await Promise.all(calls);
      expect(errors.messages()).to.deep.equal([global.badCall.error]);
      expect(transcriptTexts(await theWidget())).to.deep.equal(['After the bad call']);
    });
  });
}
