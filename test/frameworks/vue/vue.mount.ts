// <chat-widget> in the real Vue 3 runtime, from a template compiled with
// `isCustomElement` as the README says: bindings reach the element as properties
// and attributes, and its events reach Vue's handlers.
import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import sinon from 'sinon';
import type {App} from 'vue';
// The full build, with the template compiler: the test compiles its template in the browser.
// @ts-expect-error: that build has no declarations of its own; its API is Vue's.
import * as browserVue from 'vue/dist/vue.esm-browser.js';
import '../../../src/define.js';
import type {ChatMessage, ChatWidget, DialogFunction, TriggerInit} from '../../../src/index.js';
import {bubbleTexts, part, uniqueKey} from '../../helpers.js';

const {createApp, nextTick, ref} = browserVue as typeof import('vue');
const echo: DialogFunction = (turn) => `You said: ${turn.text}`;

let container: HTMLElement;
let app: App | undefined;

beforeEach(() => {
  container = document.body.appendChild(document.createElement('div'));
});

afterEach(() => {
  app?.unmount();
  container.remove();
  sinon.restore();
});

async function mounted(): Promise<ChatWidget> {
  await waitUntil(() => container.querySelector('chat-widget')?.ready, 'the widget is ready');
  return container.querySelector('chat-widget')!;
}

describe('Vue 3', () => {
  it('binds properties, attributes and chat-* events on <chat-widget>', async () => {
    const warn = sinon.spy(console, 'warn');
    const messages: ChatMessage[] = [];
    const opened: string[] = [];
    const botName = ref('Ava');
    const triggers: TriggerInit[] = [{id: 'later', on: 'never-fired', messages: 'Hi'}];
    app = createApp({
      template: `
        <chat-widget :storage-key="storageKey" :bot-name="botName" position="left" :bot="bot" :triggers="triggers"
          @chat-open="opened.push($event.detail.source)" @chat-message="messages.push($event.detail.message)">
        </chat-widget>`,
      setup: () => ({storageKey: uniqueKey(), botName, bot: echo, triggers, opened, messages}),
    });
    app.config.compilerOptions.isCustomElement = (tag: string) =>
      tag === 'chat-widget' || tag === 'chat-trigger';
    app.mount(container);
    const el = await mounted();

    expect(el.bot).to.equal(echo);
    expect(el.triggers.map((trigger) => trigger.id)).to.deep.equal(['later']);
    expect(el.getAttribute('position')).to.equal('left');
    expect(el.botName).to.equal('Ava');
    botName.value = 'Bea';
    await nextTick();
    expect(el.botName).to.equal('Bea');

    await el.show();
    part(el, 'input').focus();
    await sendKeys({type: 'Hello'});
    await sendKeys({press: 'Enter'});
    await waitUntil(() => messages.length === 2, 'the bot answered');
    expect(opened).to.deep.equal(['api']);
    expect(messages.map((message) => message.author)).to.deep.equal(['user', 'bot']);
    expect(bubbleTexts(el)).to.deep.equal(['Hello', 'You said: Hello']);
    expect(warn.args.flat().join(' ')).not.to.contain('Failed to resolve component');
  });

  it('passes <chat-trigger> children through to the widget', async () => {
    app = createApp({
      template: `
        <chat-widget :storage-key="storageKey">
          <chat-trigger id="welcome" on="custom:welcome">Need a hand?</chat-trigger>
        </chat-widget>`,
      setup: () => ({storageKey: uniqueKey()}),
    });
    app.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('chat-');
    app.mount(container);
    const el = await mounted();
    expect(el.fireTrigger('welcome')).to.equal(true);
    await el.updateComplete;
    const bubbles = [...el.shadowRoot!.querySelectorAll('[part~="proactive-message"]')];
    expect(bubbles.map((bubble) => bubble.textContent!.trim())).to.deep.equal(['Need a hand?']);
  });
});
