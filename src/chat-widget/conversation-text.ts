import type {ConnectionState} from '../connectors/connector.js';

/**
 * What the panel says about the conversation's state, in one place so a later
 * change can localize it. An empty status says nothing (the line is hidden).
 */
export const conversationText = {
  status: {
    connecting: 'Connecting…',
    online: '',
    reconnecting: 'Reconnecting…',
    offline: 'Offline: messages will be sent when you are back online',
  } satisfies Record<ConnectionState, string>,
  /** The control that stops a reply being answered or streamed. */
  stop: 'Stop',
  /** The note on a bot message whose stream was stopped or stalled. */
  incomplete: 'Incomplete',
  /** The names of the `feedback` attribute's thumbs. */
  feedback: {up: 'Good answer', down: 'Bad answer'},
  /** Where the composer was, once the bot ended the conversation. */
  ended: 'The conversation has ended.',
  /** The button that starts a new conversation after the bot ended one. */
  restart: 'Start a new conversation',
};
