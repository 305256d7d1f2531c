import {expect} from '@open-wc/testing';
import type {WidgetHost} from '../../src/events/chat-events.js';
import {
  PROACTIVE_TEXT_LIMIT,
  ProactiveQueue,
  toProactive,
  type ProactiveMessage,
} from '../../src/proactive/proactive-queue.js';

/** Records what the queue reports, as `pushed:a|b`, `cleared:2`, `dismissed:2`, `error:…`. */
function recordingHost() {
  const log: string[] = [];
  const names: Record<string, string> = {
    'chat-proactive-push': 'pushed',
    'chat-proactive-clear': 'cleared',
    'chat-proactive-dismiss': 'dismissed',
  };
  const host: WidgetHost = {
    changed: () => log.push('changed'),
    emit: (name, detail) => {
      const messages = (detail as {messages: ProactiveMessage[]}).messages;
      log.push(
        name === 'chat-proactive-push'
          ? `pushed:${messages.map((x) => x.text).join('|')}`
          : `${names[name]}:${messages.length}`
      );
    },
    error: (e, source) => log.push(`${source === 'proactive' ? 'error' : source}:${e.message}`),
  };
  return {host, log};
}

describe('proactive queue', () => {
  it('accepts strings, text objects, Voiceflow traces and choices', () => {
    const {host} = recordingHost();
    const queue = new ProactiveQueue(host);
    queue.push(
      'plain',
      {type: 'text', text: 'object'},
      {type: 'text', payload: {message: 'trace', delay: 5}} as never,
      {type: 'choice', text: 'pick', buttons: [{label: 'A', payload: 'a'}]}
    );
    expect(queue.messages.map(({type, text}) => `${type}:${text}`)).to.deep.equal([
      'text:plain',
      'text:object',
      'text:trace',
      'choice:pick',
    ]);
    expect(queue.messages[3].buttons).to.deep.equal([{label: 'A', payload: 'a'}]);
  });

  it('replaces a bubble with a known id in place', () => {
    const queue = new ProactiveQueue(recordingHost().host);
    queue.push({id: 'promo', type: 'text', text: 'old'}, 'second');
    queue.push({id: 'promo', type: 'text', text: 'new'});
    expect(queue.messages.map((m) => m.text)).to.deep.equal(['new', 'second']);
  });

  it('reports each bad message by position, keeps the valid ones and the existing stack', () => {
    const {host, log} = recordingHost();
    const queue = new ProactiveQueue(host);
    queue.push('kept');
    log.length = 0;
    queue.push(
      null as never,
      42 as never,
      {type: 'text'} as never,
      {type: 'sticker', text: 'x'} as never,
      {type: 'text', text: 'x', id: 7} as never,
      {type: 'choice', text: 'x', buttons: []},
      {type: 'image', url: 'https://x.test/a.png'},
      'valid'
    );
    expect(log.filter((l) => l.startsWith('error'))).to.deep.equal([
      'error:push() message 1: a message must be a string or an object, got null',
      'error:push() message 2: a message must be a string or an object, got number',
      'error:push() message 3: text must be a non-empty string, got undefined',
      'error:push() message 4: type must be "text", "markdown", "image", "choice", "card", "carousel", "video", "audio", "file", "location", got "sticker"',
      'error:push() message 5: id must be a string, got number',
      'error:push() message 6: buttons must be a non-empty array, got an array',
      'error:push() message 7: type must be "text" or "choice" in a proactive message, got "image"',
    ]);
    expect(queue.messages.map((m) => m.text)).to.deep.equal(['kept', 'valid']);
  });

  it('reports a push with no message at all', () => {
    const {host, log} = recordingHost();
    new ProactiveQueue(host).push();
    expect(log).to.deep.equal(['error:push(): messages must be one message or more, got "none"']);
  });

  it('shortens a text over the limit visibly instead of dropping it', () => {
    const message = toProactive('x'.repeat(PROACTIVE_TEXT_LIMIT + 500));
    expect(message.text).to.have.length(PROACTIVE_TEXT_LIMIT);
    expect(message.text.endsWith('…')).to.equal(true);
  });

  it('shortens long text between whole characters, never inside an emoji', () => {
    for (const emoji of ['😀', '👍🏽', '👨‍👩‍👧']) {
      // Starting one unit off makes the limit fall inside an emoji whatever its length.
      for (const lead of ['', 'x']) {
        const text = toProactive(lead + emoji.repeat(PROACTIVE_TEXT_LIMIT)).text;
        expect(text.endsWith('…')).to.equal(true);
        const kept = text.slice(lead.length, -1);
        expect(kept.split(emoji).every((piece) => piece === ''), `${lead}${emoji}`).to.equal(true);
        expect(text.length).to.be.at.most(PROACTIVE_TEXT_LIMIT);
      }
    }
  });

  it('shows the newest `limit`, plus what the visitor revealed', () => {
    const queue = new ProactiveQueue(recordingHost().host);
    queue.push('1', '2', '3', '4', '5');
    expect(queue.visible(3).map((m) => m.text)).to.deep.equal(['3', '4', '5']);
    queue.revealed = 3;
    expect(queue.visible(3).map((m) => m.text)).to.deep.equal(['1', '2', '3', '4', '5']);
  });

  it('counts dismissed bubbles as unseen, and clear() reports what it removed', () => {
    const {host, log} = recordingHost();
    const queue = new ProactiveQueue(host);
    queue.push('a', 'b');
    queue.dismiss();
    expect(queue.unseen).to.equal(2);
    expect(queue.messages).to.have.length(0);
    queue.push('c');
    queue.clear();
    queue.clear();
    expect(log.filter((l) => /dismissed|cleared/.test(l))).to.deep.equal(['dismissed:2', 'cleared:1']);
  });

  it('keeps the stack in the given storage and restores it', async () => {
    const key = `q-${Math.random()}`;
    const first = new ProactiveQueue(recordingHost().host);
    first.persist(() => sessionStorage, key);
    first.push({id: 'a', type: 'text', text: 'kept across loads'});
    await Promise.resolve();
    const second = new ProactiveQueue(recordingHost().host);
    second.persist(() => sessionStorage, key);
    expect(second.messages.map((m) => m.text)).to.deep.equal(['kept across loads']);
    second.clear();
    await Promise.resolve();
    expect(sessionStorage.getItem(`chat-widget:${key}:proactive`)).to.equal(null);
  });

  it('takes a burst of 10,000 pushes, with repeated ids, in linear time', () => {
    const queue = new ProactiveQueue(recordingHost().host);
    for (let i = 0; i < 10000; i++) queue.push({id: `m${i % 5000}`, type: 'text', text: `n${i}`});
    expect(queue.messages).to.have.length(5000);
    expect(queue.messages[0].text).to.equal('n5000');
  });
});
