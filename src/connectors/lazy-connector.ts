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
 * A lazy connector, and a handle on the one it loads (for code that also calls
 * the loaded connector's own methods, as the Botpress shims do).
 */
export interface LazyConnector<Loaded extends Connector> extends Connector {
  /** Loads the connector (once; again after a failure) and resolves with it. */
  load(): Promise<Loaded>;
  /** The loaded connector, once it has arrived. */
  readonly loaded: Loaded | undefined;
}

/**
 * A connector whose code is fetched the first time it is needed (when the widget
 * connects it, or the visitor's first turn), so that pages which never talk to
 * that backend never download it. `load` imports the module and makes the
 * connector; it runs once, and a failed load is tried again on the next call.
 * A failure reaches the widget as the connector's own would: a `connect()` that
 * rejects, or a turn that fails (shown as "Not delivered · Retry").
 */
export function lazyConnector<Loaded extends Connector>(
  load: () => Promise<Loaded>,
  options: LazyConnectorOptions = {}
): LazyConnector<Loaded> {
  let loading: Promise<Loaded> | undefined;
  let loaded: Loaded | undefined;
  const connector = () =>
    (loading ??= load().then(
      (made) => (loaded = made),
      (error: unknown) => {
        loading = undefined;
        throw error;
      }
    ));
  const lazy: LazyConnector<Loaded> = {
    load: connector,
    get loaded() {
      return loaded;
    },
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
