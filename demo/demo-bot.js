// A small scripted bot for the demo: it listens to `chat-message` and answers
// with `reply()`, the way a page without a dialog engine talks through the widget.
const chat = document.querySelector('chat-widget');

const answers = [
  [/size|fit|measure/i, ['Our hats come in S (54 cm), M (56 cm), L (58 cm) and XL (60 cm).', 'Measure just above your ears and eyebrows.']],
  [/deliver|ship/i, ['Delivery takes 2–4 working days in the EU and is free over €50.']],
  [/return|refund/i, ['You can return any hat within 30 days, no questions asked.']],
  [/hat|recommend|show/i, [
    {type: 'choice', text: 'What are you shopping for?', buttons: [{label: 'Something warm', payload: 'warm'}, {label: 'Something for the sun', payload: 'sun'}]},
  ]],
  [/^warm$/i, ['The Midnight beanie (€29) is our warmest: merino, double knit.']],
  [/^sun$/i, ['The Forest bucket hat (€39) has UPF 50 and packs flat.']],
  [/hi|hello|hey/i, ['Hello! I can help with sizes, delivery, returns or recommendations.']],
];

chat.addEventListener('chat-message', ({detail: {message}}) => {
  if (message.author !== 'user' || message.type !== 'text') return;
  const found = answers.find(([pattern]) => pattern.test(message.text));
  chat.reply(found ? found[1] : ["I'm a demo bot: try asking about sizes, delivery, returns or hats."], {typing: true});
});

// The seed's hook, in the browser: speak first, but only in a new session.
chat.addEventListener('chat-event', (event) => {
  if (event.detail.type !== 'proactive-trigger') return;
  event.preventDefault();
  if (event.detail.session.lastMessages.length) return;
  event.detail.reply({type: 'text', text: "I'm so proactive!"}, {typing: true});
});

const log = document.getElementById('log');
for (const name of ['chat-ready', 'chat-open', 'chat-close', 'chat-message', 'chat-typing', 'chat-event', 'chat-proactive-push', 'chat-proactive-clear', 'chat-proactive-dismiss', 'chat-proactive-click', 'chat-trigger-fire', 'chat-error']) {
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
