// <chat-widget> in the real React 19 runtime: the @lit/react wrapper
// (`<pkg>/react`) and the plain tag. Property bindings reach the element, and
// events reach React's handlers.
import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {createElement, StrictMode, useEffect, useRef} from 'react';
import {createRoot, type Root} from 'react-dom/client';
import {ChatWidget} from '../../../src/react.js';
import type {
  ChatMessage,
  ChatWidget as ChatWidgetElement,
  DialogFunction,
  TriggerInit,
} from '../../../src/index.js';
import {bubbleTexts, part, uniqueKey} from '../../helpers.js';

const echo: DialogFunction = (turn) => `You said: ${turn.text}`;

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
});

afterEach(() => {
  root.unmount();
  container.remove();
});

/** The <chat-widget> React rendered, once it is ready. */
async function mounted(): Promise<ChatWidgetElement> {
  await waitUntil(() => container.querySelector('chat-widget')?.ready, 'the widget is ready');
  return container.querySelector('chat-widget')!;
}

/** Types a message in the composer and sends it with Enter, as a visitor does. */
async function send(el: ChatWidgetElement, text: string) {
  await el.show();
  part(el, 'input').focus();
  await sendKeys({type: text});
  await sendKeys({press: 'Enter'});
}

describe('React: the @lit/react wrapper', () => {
  it('sets properties and attributes from props, and calls the onChat… handlers', async () => {
    const messages: ChatMessage[] = [];
    const opened: string[] = [];
    const triggers: TriggerInit[] = [{id: 'later', on: 'never-fired', messages: 'Hi'}];
    root.render(
      createElement(ChatWidget, {
        storageKey: uniqueKey(),
        botName: 'Ava',
        position: 'left',
        bot: echo,
        triggers,
        onChatOpen: (event) => opened.push(event.detail.source),
        onChatMessage: (event) => messages.push(event.detail.message),
      })
    );
    const el = await mounted();

    expect(el.bot).to.equal(echo);
    expect(el.triggers.map((trigger) => trigger.id)).to.deep.equal(['later']);
    expect(el.getAttribute('position')).to.equal('left');
    expect(part(el, 'launcher').getAttribute('aria-label')).to.contain('Ava');

    await send(el, 'Hello');
    await waitUntil(() => messages.length === 2, 'the bot answered');
    expect(opened).to.deep.equal(['api']);
    expect(messages.map((message) => `${message.author}: ${bubbleText(message)}`)).to.deep.equal([
      'user: Hello',
      'bot: You said: Hello',
    ]);
    expect(bubbleTexts(el)).to.deep.equal(['Hello', 'You said: Hello']);
  });

  it('gives the element through a ref, and new props reach it on re-render', async () => {
    let element: ChatWidgetElement | null = null;
    const render = (botName: string) =>
      root.render(
        createElement(ChatWidget, {storageKey: 'react-ref', botName, ref: (node) => void (element = node)})
      );
    render('Ava');
    const el = await mounted();
    expect(element).to.equal(el);
    render('Bea');
    await waitUntil(() => el.botName === 'Bea', 'the new prop reached the element');
  });
});

describe('React 19: the plain tag', () => {
  it('sets object properties and listens to chat-* events', async () => {
    const messages: ChatMessage[] = [];
    root.render(
      createElement('chat-widget', {
        'storage-key': uniqueKey(),
        'bot-name': 'Ava',
        bot: echo,
        'onchat-message': (event: CustomEvent<{message: ChatMessage}>) => messages.push(event.detail.message),
      })
    );
    const el = await mounted();
    expect(el.bot).to.equal(echo);
    expect(el.botName).to.equal('Ava');

    await send(el, 'Hi');
    await waitUntil(() => messages.length === 2, 'the bot answered');
    expect(messages.map((message) => message.author)).to.deep.equal(['user', 'bot']);
  });

  it('shows one welcome bubble under StrictMode when the push has an id', async () => {
    function Page() {
      const widget = useRef<ChatWidgetElement>(null);
      useEffect(() => {
        // StrictMode runs this twice in development: the second push replaces the first.
        widget.current!.proactive.push({id: 'welcome', type: 'text', text: 'Need a hand?'});
      }, []);
      return createElement(ChatWidget, {ref: widget, storageKey: uniqueKey()});
    }
    root.render(createElement(StrictMode, null, createElement(Page)));
    const el = await mounted();
    await el.updateComplete;
    const bubbles = [...el.shadowRoot!.querySelectorAll('[part~="proactive-message"]')];
    expect(bubbles.map((bubble) => bubble.textContent!.trim())).to.deep.equal(['Need a hand?']);
  });
});

function bubbleText(message: ChatMessage) {
  return 'text' in message ? message.text : '';
}
