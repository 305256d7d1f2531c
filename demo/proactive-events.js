// Botpress's "Acting Proactively" recipes, with the widget's event pipeline.
const chat = document.querySelector('chat-widget');
const log = document.getElementById('log');
const note = (line) => (log.textContent = `${new Date().toLocaleTimeString()} ${line}\n${log.textContent}`);

// The dialog engine: what an event that nobody handles turns into, a visitor turn.
chat.bot = (turn) => {
  note(`dialog engine got a turn: origin=${turn.origin}, text=${JSON.stringify(turn.text)}`);
  if (turn.origin === 'event') return `You asked (through a "${turn.event.type}" event): ${turn.text} — returns are free within 30 days.`;
  return `Echo from the dialog engine: ${turn.text}`;
};

// The before_incoming_middleware hook, as a DOM event listener.
chat.addEventListener('chat-event', (event) => {
  const {type, session, reply} = event.detail;
  note(`chat-event ${type} (session.lastMessages: ${session.lastMessages.length})`);
  // Catch the event sent from the webpage
  if (type === 'proactive-trigger') {
    // Tell the dialog engine to skip this event: it is not a user message.
    event.preventDefault();
    // We only want to speak first when the session is new, otherwise the
    // conversation would progress every time the page is refreshed.
    if (session.lastMessages.length) return;
    // Custom content, after a typing indicator.
    reply({type: 'text', text: "I'm so proactive!"}, {typing: true});
  }
});

// The page sends the event once the widget is ready. (Events sent earlier are
// queued by the widget, never dropped, so the order of these lines does not matter.)
chat.sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}});

const actions = {
  trigger: () => chat.sendEvent({type: 'proactive-trigger', channel: 'web', payload: {text: 'fake message'}}),
  unhandled: () => chat.show().then(() => chat.sendEvent({type: 'ask-about-returns', channel: 'web', payload: {text: 'Can I return a hat?'}})),
  reload: () => location.reload(),
  reset: () => chat.reset(),
};
document.querySelector('.api').addEventListener('click', (event) => {
  const action = event.target.closest('button[data-action]')?.dataset.action;
  if (action) actions[action]();
});
