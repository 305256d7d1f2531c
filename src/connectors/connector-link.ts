import {toError} from '../events/chat-events.js';
import {asList, invalid, type MessageInput} from '../messages/message.js';
import {
  connectionStates,
  type BotAction,
  type BubbleDrawing,
  type ConnectionState,
  type ConnectorLink,
} from './connector.js';

/**
 * What a link drives: the conversation, which validates and draws what a backend
 * sends. The link's own methods, less its signal, with lists already made lists
 * (and messages not yet validated).
 */
export type LinkTarget = Omit<ConnectorLink, 'signal' | 'push' | 'update' | 'remove'> & {
  push(messages: readonly unknown[]): void;
  update(messages: readonly unknown[]): void;
  remove(ids: readonly string[]): void;
};

/**
 * The link a connector gets in `connect(link)`: server push into the widget.
 * Once `signal` aborts (the connector was disconnected), every call is ignored,
 * so a late message from a closed socket never reaches a new session.
 * A connector calling it wrongly (a bad state, a non-boolean) gets a TypeError;
 * bad messages are data, reported one by one by the target.
 */
export function createLink(target: LinkTarget, signal: AbortSignal): ConnectorLink {
  const whileLinked =
    <A extends unknown[]>(act: (...args: A) => void) =>
    (...args: A) => {
      if (!signal.aborted) act(...args);
    };
  return Object.freeze({
    push: whileLinked((messages: MessageInput | readonly MessageInput[]) => target.push(asList(messages))),
    update: whileLinked((messages: MessageInput | readonly MessageInput[]) =>
      target.update(asList(messages))
    ),
    // A chunk that is not a string, or chunks that are not async iterable, fail the stream as bad data.
    stream: async (chunks: AsyncIterable<string>) => {
      if (!signal.aborted) await target.stream(chunks);
    },
    remove: whileLinked((ids: string | readonly string[]) => {
      const list = asList(ids);
      if (!list.every((id) => typeof id === 'string'))
        throw invalid('link.remove(): ids', 'a string or strings', ids);
      target.remove(list);
    }),
    typing: whileLinked((on: boolean) => {
      if (typeof on !== 'boolean') throw invalid('link.typing(): on', 'a boolean', on);
      target.typing(on);
    }),
    status: whileLinked((state: ConnectionState) => {
      if (!connectionStates.includes(state))
        throw invalid('link.status(): state', `one of ${connectionStates}`, state);
      target.status(state);
    }),
    error: whileLinked((error: Error) => target.error(toError(error, 'The bot reported an error'))),
    end: whileLinked(() => target.end()),
    // Unlinked, nobody hears the action: it counts as not cancelled.
    action: (detail: BotAction) => signal.aborted || target.action(detail),
    render: whileLinked((draw: BubbleDrawing, label: string) => {
      if (typeof draw !== 'function') throw invalid('link.render(): draw', 'a function', draw);
      target.render(draw, String(label));
    }),
    session: () => target.session(),
    messages: () => target.messages(),
    signal,
  });
}
