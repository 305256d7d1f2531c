// Talks to the mock Botpress v12 server (mock/botpress-v12.mjs) that the test
// runner serves: its knobs, its log, and server pushes.
import {waitUntil} from '@open-wc/testing';
import sinon from 'sinon';
import {uniqueKey} from '../helpers.js';

/** A request the mock saw: the route under channel-web and its JSON body. */
export interface Logged {
  route: string;
  body: {
    webSessionId?: string;
    conversationId?: string;
    payload?: Record<string, unknown>;
    [key: string]: unknown;
  };
}

/** A message the mock stores. */
export interface StoredMessage {
  id: string;
  conversationId: string;
  authorId?: string;
  sentOn: string;
  payload: Record<string, unknown>;
}

export interface MockState {
  log: Logged[];
  conversations: {id: string; userId: string; messages: StoredMessage[]}[];
  visitors: string[];
  sockets: string[];
}

/** A bot of its own on the mock (a fresh bot id), with ways to steer and read it. */
export function mockBot(botId = uniqueKey()) {
  const control = (action: string, body?: unknown) =>
    fetch(`/mock/botpress-v12/${botId}/${action}`, {
      method: body === undefined && action === 'log' ? 'GET' : 'POST',
      headers: {'content-type': 'application/json'},
      body: action === 'log' ? undefined : JSON.stringify(body ?? {}),
    }).then((response) => response.json());
  const state = (): Promise<MockState> => control('log');
  return {
    botId,
    host: location.origin,
    /** Replaces the bot's knobs (see the mock's header). */
    knobs: (knobs: Record<string, unknown>) => control('knobs', knobs),
    /** Closes the transport of every socket of the bot's visitors; resolves with their ids. */
    drop: async (): Promise<string[]> => (await control('drop')).dropped,
    /** The server stops knowing the visitors' socket ids (their sockets stay open); resolves with them. */
    forget: async (): Promise<string[]> => (await control('forget')).forgotten,
    /** The bot sends these payloads to each visitor's latest conversation. */
    say: (...payloads: Record<string, unknown>[]) => control('say', {payloads}),
    state,
    /** The requests to one route. */
    requests: async (route: string) => (await state()).log.filter((entry) => entry.route === route),
    /** Waits until `route` has been requested `count` times; resolves with those requests. */
    async requested(route: string, count = 1): Promise<Logged[]> {
      let seen: Logged[] = [];
      await waitUntil(
        async () => (seen = (await state()).log.filter((entry) => entry.route === route)).length >= count,
        `${route} was never requested ${count} time(s)`,
        {timeout: 5000}
      );
      return seen;
    },
    /** The visitor messages the server stored, in order. */
    async visitorPayloads() {
      const {conversations} = await state();
      return conversations.flatMap((c) => c.messages.filter((m) => m.authorId).map((m) => m.payload));
    },
    reset: () => control('reset'),
  };
}
export type MockBot = ReturnType<typeof mockBot>;

/**
 * A fresh bot on the mock for each test of the suite it is called in (the
 * visitor id cleared, widgets removed and the bot forgotten after each test);
 * returns the current one.
 */
export function eachTestMockBot(): () => MockBot {
  let bot: MockBot;
  beforeEach(() => {
    bot = mockBot();
    sessionStorage.removeItem('bp/socket/user');
  });
  afterEach(async () => {
    sinon.restore();
    for (const el of document.querySelectorAll('chat-widget')) el.remove();
    await bot.reset();
  });
  return () => bot;
}
