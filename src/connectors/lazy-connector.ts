import type {Connector} from './connector.js';

/**
 * A connector whose code loads only when the widget first needs it (on
 * `connect`, or a turn before that), so a page carries a backend's client
 * (Socket.IO for Botpress v12) only when it talks to that backend. `load` is a
 * function around a dynamic `import()`; a failed load is reported by the
 * widget like any connector failure and tried again on the next call.
 * The loaded connector must have `event()` if page events are to reach it.
 */
export function lazyConnector<C extends Connector>(load: () => Promise<C>): Connector & {loaded(): Promise<C>} {
  let loading: Promise<C> | undefined;
  const loaded = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return {
    loaded,
    async connect(link) {
      const connector = await loaded();
      // Reset or removed while the code loaded: this link is over.
      if (!link.signal.aborted) await connector.connect?.(link);
    },
    disconnect() {
      // Nothing was connected before the code loaded; once it has, in the order of the calls.
      loading?.then((connector) => connector.disconnect?.()).catch(() => undefined);
    },
    respond: async (turn, context) => (await loaded()).respond(turn, context),
    event: async (event, context) => (await loaded()).event?.(event, context),
    feedback: async (message, value) => (await loaded()).feedback?.(message, value),
  };
}
