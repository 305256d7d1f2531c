// `window.voiceflow.chat`: Voiceflow's web chat API, mapped onto <chat-widget>.
import {created, immediate, object, queued, start, type Config, type Sink} from './shim-target.js';

/** Voiceflow's page messages: `window.postMessage(JSON.stringify({type: 'voiceflow:…', payload}))`. */
const post = (type: 'open' | 'close' | 'interact' | 'save_session', payload?: unknown) =>
  postMessage(JSON.stringify({type: `voiceflow:${type}`, payload}));

/** Posts what Voiceflow's own widget posts at each moment. */
const postMoments: Sink = (report, el) => {
  const session = el.session;
  if (report.moment === 'chat-open') post('open');
  if (report.moment === 'chat-close') post('close');
  // A visitor message, or a page event, is an interaction, with the action Voiceflow would send.
  if (report.moment === 'chat-message:user') {
    const message = report.value.payload;
    post('interact', {
      session,
      action: {type: 'text', payload: message.type === 'image' ? message.alt : message.text},
    });
  }
  if (report.moment === 'chat-event')
    post('interact', {session, action: {type: report.value.type, payload: report.value.payload}});
  // Their widget saves the session after every message and on close.
  if (report.moment === 'chat-close' || report.moment.startsWith('chat-message:'))
    post('save_session', session);
};

/** `window.voiceflow.chat`. Every call made before the widget is ready waits for it, in order. */
export const voiceflowChat = {
  /** Creates the widget if the page has none and applies the config; resolves when it is ready. */
  load: immediate((api, config?: Config) =>
    start(api, config, {container: config?.render?.target, sink: postMoments})
  ),
  open: queued((el) => el.show()),
  close: queued((el) => el.close()),
  hide: queued((el) => {
    el.hidden = true;
  }),
  show: queued((el) => {
    el.hidden = false;
  }),
  /** `{type: 'text', payload}` is a visitor message; any other action (launch, intent, event…) a pipeline event. */
  interact: queued((el, action) => {
    if (object(action, 'interact(): action').type === 'text') return el.sendMessage(action.payload);
    return el.sendEvent({type: action.type, payload: action.payload});
  }),
  /** Removes the widget `load` created. */
  destroy: queued(() => {
    created['']?.remove();
    delete created[''];
  }),
  proactive: {
    push: queued((el, ...messages) => el.proactive.push(...messages)),
    clear: queued((el) => el.proactive.clear()),
  },
};
