import {expect, waitUntil} from '@open-wc/testing';
import type {ChatWidget} from '../../src/index.js';
import {widgetInFrame} from '../helpers.js';

const lastBot = (el: ChatWidget) => [...el.messages].reverse().find((m) => m.author === 'bot')!;

describe('demo: the hat shop bot (index.html)', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => {
    frame?.remove();
    localStorage.removeItem('chat-widget:demo');
  });

  it('routes buttons by payload, matches whole words, and shows markdown, a card, a carousel and feedback', async () => {
    localStorage.removeItem('chat-widget:demo');
    let el: ChatWidget;
    ({frame, el} = await widgetInFrame('/demo/index.html'));
    await el.show();
    const root = el.shadowRoot!;
    expect(root.querySelector('.welcome')!.textContent).to.contain('Ask me about sizes');

    // "Something warm" has "hi" inside a word: no greeting.
    await el.sendMessage('Something warm please');
    await waitUntil(() => el.messages.length === 2, 'the bot answers', {timeout: 4000});
    expect(lastBot(el)).to.include({type: 'text'});
    expect((lastBot(el) as {text: string}).text).not.to.match(/^Hello/);

    await el.sendMessage('Show me hats');
    await waitUntil(() => lastBot(el).type === 'choice', 'the choice', {timeout: 4000});
    await el.updateComplete;
    const everything = [...root.querySelectorAll<HTMLButtonElement>('.choices button')].find((b) => b.textContent === 'Show me everything')!;
    everything.click();
    await waitUntil(() => lastBot(el).type === 'carousel', 'the carousel, routed by the payload "all"', {timeout: 4000});
    expect(el.messages.find((m) => m.author === 'user' && m.payload === 'all')).to.include({text: 'Show me everything'});
    // Carousels are drawn by a lazily loaded module: the first one waits for it.
    await waitUntil(() => root.querySelector('.carousel'), 'the carousel is drawn');
    expect(root.querySelector('.carousel')!.getAttribute('aria-label')).to.equal('Carousel, 4 cards');

    // A card's button, by payload, answers in markdown.
    root.querySelector<HTMLButtonElement>('.carousel .card button')!.click();
    await waitUntil(() => lastBot(el).type === 'markdown', 'the markdown answer', {timeout: 4000});
    await waitUntil(() => root.querySelector('[part="message"] .markdown li'), 'drawn as markdown');

    // The widget asks for feedback on its answers.
    expect(el.hasAttribute('feedback')).to.equal(true);
    expect(root.querySelectorAll('.feedback').length).to.be.at.least(2);
    // (axe cannot check an element inside a frame: the element tests check these views' accessibility.)
    el.reset();
  });
});
