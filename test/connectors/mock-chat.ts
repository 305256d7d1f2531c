// Helpers for tests that talk to the mock chat backend (mock/http-chat.mjs) over real HTTP.
import sinon from 'sinon';
import type {ChatMessage, ConnectionState, ConnectorLink, Turn, TurnContext} from '../../src/index.js';
import {uniqueKey} from '../helpers.js';

export const MOCK = '/mock/chat';

export interface LoggedRequest {
  key: string;
  attempt: number;
  time: number;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: {messages?: Array<{role: string; content: string}>; [field: string]: unknown};
  outcome: string;
}

/** What the mock saw with this Idempotency-Key, oldest first. */
export async function requestsFor(key: string): Promise<LoggedRequest[]> {
  const response = await fetch(`${MOCK}/log?key=${encodeURIComponent(key)}`);
  return ((await response.json()) as {requests: LoggedRequest[]}).requests;
}

/** A visitor's turn saying `text`, as the widget hands it to a connector; the message id is unique. */
export function visitorTurn(
  text: string,
  {history = [] as ChatMessage[], signal = new AbortController().signal} = {}
): {turn: Turn; context: TurnContext; key: string} {
  const message: ChatMessage = {id: uniqueKey(), type: 'text', text, author: 'user', timestamp: Date.now()};
  return {
    key: message.id,
    turn: {text, origin: 'composer', message},
    context: {
      session: {id: 'session-1', startedAt: 0, isNew: false, lastMessages: []},
      messages: [...history, message],
      signal,
    },
  };
}

/** A link as the widget would give a connector, recording what the connector reports. */
export function recordingLink() {
  const controller = new AbortController();
  const statuses: ConnectionState[] = [];
  const errors: Error[] = [];
  const link: ConnectorLink = {
    push: sinon.spy(),
    update: sinon.spy(),
    remove: sinon.spy(),
    stream: sinon.spy(() => Promise.resolve()),
    typing: sinon.spy(),
    end: sinon.spy(),
    action: sinon.spy(() => true),
    render: sinon.spy(),
    status: (state) => statuses.push(state),
    error: (error) => errors.push(error),
    session: () => ({id: 'session-1', startedAt: 0, isNew: false, lastMessages: []}),
    messages: () => [],
    signal: controller.signal,
  };
  return {link, statuses, errors, controller};
}

/** Everything a streamed answer yields, joined; a JSON answer's messages as they are. */
export async function collect(result: unknown): Promise<string | unknown[]> {
  const value = await result;
  if (value && typeof value === 'object' && Symbol.asyncIterator in value) {
    let text = '';
    for await (const piece of value as AsyncIterable<string>) text += piece;
    return text;
  }
  return value as unknown[];
}
