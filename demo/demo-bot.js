// A small scripted bot for the demo: it listens to `chat-message` and answers
// with `reply()`, the way a page without a dialog engine talks through the widget.
import {hatCard as catalogueCard} from './language-bot.js';

const chat = document.querySelector('chat-widget');

// The catalogue, for cards and the carousel (its swatches are drawn inline, so the demo stays offline).
const hats = [
  {id: 'fedora', title: 'Rust fedora', text: 'Felt, €79. A classic brim for every day.', colour: '#b45309'},
  {id: 'beanie', title: 'Midnight beanie', text: 'Merino, €29. Our warmest: double knit.', colour: '#1e3a8a'},
  {id: 'bucket', title: 'Forest bucket hat', text: 'Cotton, €39. UPF 50, packs flat.', colour: '#166534'},
  {id: 'beret', title: 'Plum beret', text: 'Wool, €45. Soft, and shapes as you wear it.', colour: '#6b21a8'},
];
const hatCard = (hat) => catalogueCard(hat, {more: 'Tell me more', sizeGuide: 'Size guide'});

// Text the visitor types, matched on whole words ("Something warm" is not "hi").
const answers = [
  [/\b(size|sizes|fit|measure)\b/i, [{type: 'markdown', text: 'Our hats come in four sizes:\n\n| Size | Head |\n| --- | --- |\n| S | 54 cm |\n| M | 56 cm |\n| L | 58 cm |\n| XL | 60 cm |\n\nMeasure **just above your ears and eyebrows**.'}]],
  [/\b(deliver|delivery|ship|shipping)\b/i, [{type: 'markdown', text: 'Delivery takes **2–4 working days** in the EU and is *free* over €50. Track it at https://example.com/track.'}]],
  [/\b(return|returns|refund)\b/i, ['You can return any hat within 30 days, no questions asked.']],
  [/\b(hats?|recommend|show|catalogue)\b/i, [
    {type: 'choice', text: 'What are you shopping for?', buttons: [{label: 'Something warm', payload: 'warm'}, {label: 'Something for the sun', payload: 'sun'}, {label: 'Show me everything', payload: 'all'}]},
  ]],
  [/\b(hi|hello|hey)\b/i, ['Hello! I can help with sizes, delivery, returns or recommendations.']],
];

// Buttons, routed by their payload (a button's label is only what the visitor sees).
const byPayload = {
  warm: [{type: 'card', ...hatCard(hats[1])}],
  sun: [{type: 'card', ...hatCard(hats[2])}],
  all: ['Here is the whole range:', {type: 'carousel', cards: hats.map(hatCard)}],
  ...Object.fromEntries(hats.map((hat) => [`more:${hat.id}`, [{type: 'markdown', text: `**${hat.title}**: ${hat.text}\n\n- Made in Portugal\n- Free returns for 30 days`}]])),
};

chat.addEventListener('chat-message', ({detail: {message}}) => {
  if (message.author !== 'user' || message.type !== 'text') return;
  const routed = typeof message.payload === 'string' ? byPayload[message.payload] : undefined;
  const found = answers.find(([pattern]) => pattern.test(message.text));
  chat.reply(routed ?? (found ? found[1] : ["I'm a demo bot: try asking about sizes, delivery, returns or hats."]), {typing: true});
});

// Thumbs up and down (the `feedback` attribute): a real page would send them to its analytics.
chat.addEventListener('chat-feedback', ({detail: {value}}) => {
  if (value === 'down') chat.reply('Sorry about that. Try asking about sizes, delivery or returns.', {typing: true});
});

// The seed's hook, in the browser: speak first, but only in a new session.
chat.addEventListener('chat-event', (event) => {
  if (event.detail.type !== 'proactive-trigger') return;
  event.preventDefault();
  if (event.detail.session.lastMessages.length) return;
  event.detail.reply({type: 'text', text: "I'm so proactive!"}, {typing: true});
});

const log = document.getElementById('log');
for (const name of ['chat-ready', 'chat-open', 'chat-close', 'chat-message', 'chat-typing', 'chat-event', 'chat-proactive-push', 'chat-proactive-clear', 'chat-proactive-dismiss', 'chat-proactive-click', 'chat-trigger-fire', 'chat-feedback', 'chat-error']) {
  chat.addEventListener(name, (event) => {
    const detail = JSON.stringify(event.detail, (key, value) => (key === 'session' || typeof value === 'function' ? undefined : value));
    log.textContent = `${new Date().toLocaleTimeString()} ${name} ${detail ?? ''}\n` + log.textContent;
  });
}

const actions = {
  show: () => chat.show(),
  close: () => chat.close(),
  toggle: () => chat.toggle(),
  hide: () => {
    chat.hidden = true;
    setTimeout(() => (chat.hidden = false), 2000);
  },
  reply: () => chat.reply('This reply waited behind a typing indicator.', {typing: true}),
  image: () => chat.reply({type: 'image', url: 'https://picsum.photos/seed/hat/480/300', alt: 'A photo of a hat on a table'}),
  choice: () => chat.reply({type: 'choice', text: 'Which do you prefer?', buttons: [{label: 'Felt'}, {label: 'Straw'}, {label: 'Wool'}]}),
  markdown: () => chat.reply({type: 'markdown', text: '## Care\n\n1. Brush **felt** with a soft brush.\n2. Keep ~~straw~~ out of the rain.\n\n```\nnever: tumble dry\n```'}),
  card: () => chat.reply({type: 'card', ...hatCard(hats[0])}),
  carousel: () => chat.reply({type: 'carousel', cards: hats.map(hatCard)}),
  media: () =>
    chat.reply([
      {type: 'file', url: 'https://example.com/files/size-guide.pdf', name: 'Size guide (PDF)'},
      {type: 'location', latitude: 52.5200, longitude: 13.4050, title: 'Hat & Co. Berlin', address: 'Hutstraße 1, 10115 Berlin'},
    ]),
  reset: () => chat.reset(),
  push: () => chat.proactive.push('Hey, we sell lots of hats!', 'Want recommendations?'),
  'push-choice': () => chat.proactive.push({type: 'choice', text: 'Looking for something?', buttons: [{label: 'Show me hats'}, {label: 'Delivery times'}]}),
  'push-many': () => chat.proactive.push(...['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((n) => `Bubble ${n}`)),
  clear: () => chat.proactive.clear(),
  greet: () => {
    chat.proactiveOnOpen = 'greet';
    chat.proactive.push({id: 'greeting', type: 'text', text: 'Hi! Opening the chat turns these bubbles into my first messages.'});
  },
  event: () => chat.sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}}),
};
document.querySelector('.api').addEventListener('click', (event) => {
  const action = event.target.closest('button[data-action]')?.dataset.action;
  if (action) actions[action]();
});
