import {expect} from '@open-wc/testing';
import sinon from 'sinon';
import {Conversation, type ChatErrorSource, type ChatMessage, type FeedbackValue} from '../../src/index.js';

/** A conversation on its own, with a host that records what it is told. */
function conversation() {
  const errors: Array<{error: Error; source: ChatErrorSource}> = [];
  const model = new Conversation({
    changed: () => undefined,
    emit: () => undefined,
    error: (error, source) => errors.push({error, source}),
  });
  model.open('memory', `feedback-${Math.random()}`);
  return {model, errors};
}

describe('Conversation.feedback()', () => {
  it('passes a rating of a bot message to the connector', async () => {
    const {model} = conversation();
    const ratings: Array<[ChatMessage, FeedbackValue]> = [];
    model.engine = {respond: () => 'ok', feedback: (message, value) => void ratings.push([message, value])};
    const message = model.add({type: 'text', text: 'Helpful answer'}, 'bot');
    await model.feedback(message, 'up');
    await model.feedback(message, 'down');
    expect(ratings).to.deep.equal([
      [message, 'up'],
      [message, 'down'],
    ]);
  });

  it('reports a connector whose feedback() fails, as a readable Error from the bot', async () => {
    const {model, errors} = conversation();
    model.engine = {respond: () => 'ok', feedback: () => Promise.reject(Object.create(null))};
    const message = model.add({type: 'text', text: 'Answer'}, 'bot');
    await model.feedback(message, 'down');
    expect(errors.map((e) => [e.source, e.error.message])).to.deep.equal([['bot', 'Feedback failed: {}']]);
  });

  it('does nothing for an engine without feedback(), and names bad arguments', async () => {
    const {model} = conversation();
    const respond = sinon.spy(() => 'ok');
    model.engine = respond;
    const message = model.add({type: 'text', text: 'Answer'}, 'bot');
    await model.feedback(message, 'up');
    expect(respond.called).to.equal(false);
    const visitor = model.add({type: 'text', text: 'Mine'}, 'user');
    expect(() => model.feedback(message, 'meh' as never)).to.throw(
      TypeError,
      'feedback(): value must be "up" or "down", got "meh"'
    );
    expect(() => model.feedback(visitor, 'up')).to.throw(
      TypeError,
      /feedback\(\): message must be a bot message in the transcript/
    );
  });
});
