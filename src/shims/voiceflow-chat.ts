// `window.voiceflow.chat`: Voiceflow's web chat API, mapped onto <chat-widget>.
import {created, object, start, type Config, type Sink, type Table} from './shim-target.js';

/** Voiceflow's page messages, `window.postMessage(JSON.stringify({type, payload}))`, by moment. */
const names = ',,open,close,interact,,interact'.split(',');

const post = (type: string, payload?: unknown) =>
  postMessage(JSON.stringify({type: 'voiceflow:' + type, payload}));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a message or a page event, by kind
const report: Sink = (kind, v: any, el) => {
  const action = kind == 4 ? {type: 'text', payload: v.payload.text} : {type: v.type, payload: v.payload};
  if (names[kind]) post(names[kind], kind > 3 ? {session: el.session, action} : undefined);
  // Their widget saves the session after every interaction and on close.
  if (kind > 2 && kind < 6) post('save_session', el.session);
};

/** `window.voiceflow.chat`. Every call made before the widget is ready waits for it, in order. */
export const voiceflowChat = {
  /** Creates the widget if the page has none and applies the config; resolves when it is ready. */
  load: [(api: string, config?: Config) => start(api, config, config?.render?.target, report)],
  open: 'show',
  close: 'close',
  hide: (el) => (el.hidden = true),
  show: (el) => (el.hidden = false),
  /** `{type: 'text', payload}` is a visitor message; any other action (launch, intent, event…) a pipeline event. */
  interact: (el, action) =>
    object(action, 'action').type == 'text'
      ? el.sendMessage(action.payload)
      : el.sendEvent({type: action.type, payload: action.payload}),
  /** Removes the widget `load` created. */
  destroy: () => {
    created['']?.remove();
    delete created[''];
  },
  proactive: {
    push: (el, ...messages) => el.proactive.push(...messages),
    clear: (el) => el.proactive.clear(),
  } satisfies Table,
} satisfies Table;
