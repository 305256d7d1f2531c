import type {TurnContext} from '../conversation/conversation.js';
import type {PageEvent} from '../pipeline/event-pipeline.js';
import type {Connector} from './connector.js';

/** What `lazyConnector()` must know before the connector's code has arrived. */
export interface LazyConnectorOptions {
  /** The connector's bot text is markdown. */
  markdown?: boolean;
  /** The connector takes page events itself (`event()`); without it they reach it as turns. */
  events?: boolean;
}

/**
 * A connector whose code is fetched the first time it is needed (when the widget
 * connects it, or the visitor's first turn), so that pages which never talk to
 * that backend never download it. `load` imports the module and makes the
 * connector; it runs once, and a failed load is tried again on the next call.
 * A failure reaches the widget as the connector's own would: a `connect()` that
 * rejects, or a turn that fails (shown as "Not delivered · Retry").
 */
export function lazyConnector(load: () => Promise<Connector>, options: LazyConnectorOptions = {}): Connector {
  let loading: Promise<Connector> | undefined;
  let loaded: Connector | undefined;
  const connector = () =>
    (loading ??= load().then(
      (made) => (loaded = made),
      (error: unknown) => {
        loading = undefined;
        throw error;
      }
    ));
  const lazy: Connector = {
    markdown: options.markdown,
    async connect(link) {
      const made = await connector();
      // Disconnected while the code was on its way: that link is over.
      if (!link.signal.aborted) await made.connect?.(link);
    },
    disconnect() {
      loaded?.disconnect?.();
    },
    async respond(turn, context) {
      return (await connector()).respond(turn, context);
    },
    async feedback(message, value) {
      await (await connector()).feedback?.(message, value);
    },
  };
  if (options.events)
    lazy.event = async (event: PageEvent, context: TurnContext) => {
      const made = await connector();
      if (!made.event) throw new TypeError('lazyConnector(): the loaded connector has no event() method');
      return made.event(event, context);
    };
  return lazy;
}
