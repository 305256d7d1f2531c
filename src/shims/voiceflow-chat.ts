// `window.voiceflow.chat`: Voiceflow's web chat API, mapped onto <chat-widget>.
import {invalid, messageText} from '../messages/message.js';
import {toProactive} from '../proactive/proactive-queue.js';
import {
  created,
  immediate,
  object,
  optionalObject,
  queued,
  start,
  type Config,
  type Sink,
} from './shim-target.js';

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
      action: {type: 'text', payload: messageText(message)},
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
  load: immediate(
    (api, config?: Config) =>
      start(api, config, {
        container: optionalObject(config, 'config')?.render?.target,
        containerArgument: 'render.target',
        sink: postMoments,
      }),
    () => Promise.resolve()
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
    if (object(action, 'action').type === 'text') return el.sendMessage(action.payload);
    return el.sendEvent({type: action.type, payload: action.payload});
  }),
  /**
   * Removes the widget `load` created, at once: queued, a `destroy()` made
   * before a `load()` would remove the widget that `load()` made, and leave it
   * waiting for one forever. Calls still queued wait for the next `load()`.
   */
  destroy: immediate(
    () => {
      created.get('')?.remove();
      created.delete('');
      return Promise.resolve();
    },
    () => Promise.resolve()
  ),
  proactive: {
    /** Bad messages are dropped alone (the element reports each with `chat-error`) and named in the console error. */
    push: queued((el, ...messages) => {
      const bad = messages.flatMap((message, index) => {
        try {
          toProactive(message);
          return [];
        } catch (error) {
          return [`message ${index + 1}: ${(error as Error).message}`];
        }
      });
      const pushed = el.proactive.push(...messages);
      if (!messages.length) throw invalid('messages', 'one message or more', 'none');
      if (bad.length) throw new TypeError(bad.join('; '));
      return pushed;
    }),
    clear: queued((el) => el.proactive.clear()),
  },
};
