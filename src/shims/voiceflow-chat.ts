// `window.voiceflow.chat`: Voiceflow's web chat API, mapped onto <chat-widget>.
import type {ChatWidget} from '../chat-widget/chat-widget.component.js';
import type {VoiceflowConnector} from '../connectors/voiceflow-bot.js';
import {invalid, messageText} from '../messages/message.js';
import {toProactive} from '../proactive/proactive-queue.js';
import {
  call,
  created,
  immediate,
  listen,
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

/** The Voiceflow connector `load()` attached to each widget. */
const connectors = new WeakMap<ChatWidget, VoiceflowConnector>();

/** Posts what Voiceflow's own widget posts at each moment. */
const postMoments: Sink = (report, el) => {
  const bot = connectors.get(el);
  const session = bot?.session ?? el.session;
  if (report.moment === 'chat-open') {
    post('open');
    // Voiceflow launches a new session when the chat opens.
    void bot?.launch();
  }
  if (report.moment === 'chat-close') post('close');
  // A visitor message, or a page event, is an interaction, with the action Voiceflow would send;
  // a connector posts the exact actions it sends itself (and saves the session after each).
  if (!bot && report.moment === 'chat-message:user')
    post('interact', {session, action: {type: 'text', payload: messageText(report.value.payload)}});
  if (!bot && report.moment === 'chat-event')
    post('interact', {session, action: {type: report.value.type, payload: report.value.payload}});
  // Their widget saves the session after every message and on close.
  if (report.moment === 'chat-close' || (!bot && report.moment.startsWith('chat-message:')))
    post('save_session', session);
};

const API = 'voiceflow.chat.load';

/** The page's messages are posted for the first widget from the first call on, whether `load()` made it or the page did. */
const heard = () => listen({api: API, key: API, chatId: '', sink: postMoments});

/**
 * Talks to the project's Voiceflow runtime: the connector (loaded only now) becomes
 * the widget's bot, keeping the session where the widget's `persistence` says.
 */
async function attach(el: ChatWidget, config: Config): Promise<void> {
  const {voiceflowBot} = await import('../connectors/voiceflow-bot.js');
  // Voiceflow's keys (projectID, url, versionID, userID, launch, autostart) and our `stream` are the connector's options.
  const bot = voiceflowBot({
    ...config,
    ...config.verify,
    extensions: config.assistant?.extensions,
    storage: () => ({local: localStorage, session: sessionStorage, memory: undefined})[el.persistence],
    visible: () => el.open || el.embedded,
    onInteract: (action, session) => post('interact', {session, action}),
    onSave: (session) => post('save_session', session),
  });
  connectors.set(el, bot);
  el.bot = bot;
  // Opened already (an open page, or embedded): a new session starts now.
  if (el.open || el.embedded) await bot.launch();
}

/** A member that waits for the widget, after making sure the page hears it. */
const heardAnd = (act: Parameters<typeof queued>[0]) =>
  queued((el, ...args) => {
    heard();
    return act(el, ...args);
  });

/** `window.voiceflow.chat`. Every call made before the widget is ready waits for it, in order. */
export const voiceflowChat = {
  /**
   * Creates the widget if the page has none and applies the config; with
   * `verify.projectID`, the widget talks to that Voiceflow project. Resolves when it is ready.
   */
  load: immediate(
    (api, config?: Config) => {
      const started = start(api, config, {
        container: optionalObject(config, 'config')?.render?.target,
        containerArgument: 'render.target',
        sink: postMoments,
      });
      // A bad projectID is reported by the connector (`projectID must be a non-empty string`).
      return config?.verify?.projectID === undefined ? started : call(api, (el) => attach(el, config!));
    },
    () => Promise.resolve()
  ),
  open: heardAnd((el) => el.show()),
  close: heardAnd((el) => el.close()),
  hide: heardAnd((el) => {
    el.hidden = true;
  }),
  show: heardAnd((el) => {
    el.hidden = false;
  }),
  /** `{type: 'text', payload}` is a visitor message; any other action (launch, intent, event…) a pipeline event. */
  interact: heardAnd((el, action) => {
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
