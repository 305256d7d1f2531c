import {expect} from '@open-wc/testing';
import {createParser} from 'eventsource-parser';
import fc from 'fast-check';
import {createSseParser, type ServerSentEvent} from '../../src/connectors/sse-parser.js';

/** Events as eventsource-parser (the reference) reads them; it leaves `event` undefined when unnamed. */
function reference(chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = createParser({onEvent: ({event, data}) => events.push({event: event ?? '', data})});
  for (const chunk of chunks) parser.feed(chunk);
  return events;
}

function ours(chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const feed = createSseParser((event) => events.push(event));
  for (const chunk of chunks) feed(chunk);
  return events;
}

/** A stream of SSE lines: data (one or many lines), named events, comments, unknown fields, any line ending. */
const line = fc.oneof(
  fc.string({unit: fc.constantFrom('a', 'é', '😀', ' ', ':', '{', '"')}).map((text) => `data: ${text}`),
  fc.string({maxLength: 3}).map((text) => `data:${text}`),
  fc.constant('data'),
  fc.constantFrom('event: error', 'event:message', ': ping', ':', 'id: 7', 'retry: 10', 'foo: bar', '')
);
const stream = fc
  .tuple(fc.array(line, {maxLength: 30}), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, end]) => lines.map((l) => l + end).join('') + end + end);

/** Cuts a string anywhere (between UTF-16 code units too, as a decoder never does, but the parser must not care). */
const cut = (text: string, points: number[]) => {
  const at = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  return [...at, text.length].map((end, i) => text.slice(i ? at[i - 1] : 0, end));
};

describe('createSseParser: server-sent events, checked against eventsource-parser', () => {
  it('reads any stream the same as eventsource-parser, however it is cut into chunks', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), {maxLength: 8}), (text, points) => {
        expect(ours(cut(text, points))).to.deep.equal(reference([text]));
      }),
      {numRuns: 400}
    );
  });

  it('joins data lines with \\n, names events, and skips comments and unknown fields', () => {
    expect(
      ours(['data: a\r\ndata:  b\r', '\n: ping\r\nevent: error\r\nfoo: 1\r\n\r\ndata\n\n'])
    ).to.deep.equal([
      {event: 'error', data: 'a\n b'},
      {event: '', data: ''},
    ]);
  });
});
