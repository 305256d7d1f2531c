// Talking to mock/botpress-cloud.mjs from the tests: its knobs, control routes and log.
import {waitUntil} from '@open-wc/testing';
import type {ChatWidget} from '../../src/index.js';
import {messageText} from '../../src/messages/message.js';

/** The mock Webchat API's base: `${CLOUD_API}/${clientId}/…`. */
export const CLOUD_API = '/mock/botpress-cloud';

/** What the mock's bot says when a conversation starts (its "Conversation Started" trigger). */
export const GREETING = 'Hi! I am the **mock** Botpress Cloud bot. Say *help*.';

/** Calls a control route of the mock for one client id. */
export async function mockControl(clientId: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${CLOUD_API}/${clientId}/mock/${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {'content-type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

/** What the mock saw for a client id. */
export interface MockLog {
  requests: Array<{method: string; route: string; query: string; userKey?: string}>;
  feedback: Array<{messageId: string; value: string}>;
  events: Array<{type: string; data: unknown}>;
  messages: Array<{id: string; payload: Record<string, unknown>; metadata?: {clientMessageId?: string}}>;
}
export const mockLog = (clientId: string) => mockControl(clientId, 'log') as Promise<MockLog>;

/** Each transcript message as `author: text`. */
export const said = (el: ChatWidget) => el.messages.map((m) => `${m.author}: ${messageText(m)}`);

/** Waits until the transcript has a message whose text is `text` (by `author`, bot by default). */
export const saidSoon = (el: ChatWidget, text: string, author = 'bot') =>
  waitUntil(
    () => said(el).includes(`${author}: ${text}`),
    `"${text}" never came; the transcript: ${JSON.stringify(said(el))}`,
    {timeout: 5000}
  );
