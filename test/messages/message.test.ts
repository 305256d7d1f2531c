import {expect} from '@open-wc/testing';
import fc from 'fast-check';
import {inputId, safeUrl, toContent} from '../../src/messages/message.js';

describe('message model', () => {
  it('turns strings, text objects and Voiceflow traces into text content', () => {
    expect(toContent('hi')).to.deep.equal({type: 'text', text: 'hi'});
    expect(toContent({type: 'text', text: 'hi'})).to.deep.equal({type: 'text', text: 'hi'});
    expect(toContent({type: 'text', payload: {message: 'hello world', slate: {}}})).to.deep.equal({
      type: 'text',
      text: 'hello world',
    });
  });

  it('keeps choice buttons with their payloads and gives images an alt', () => {
    expect(
      toContent({type: 'choice', text: 'Pick', buttons: [{label: 'A'}, {label: 'B', payload: 'b'}]})
    ).to.deep.equal({
      type: 'choice',
      text: 'Pick',
      buttons: [{label: 'A'}, {label: 'B', payload: 'b'}],
    });
    expect(toContent({type: 'image', url: 'https://x.test/a.png'})).to.deep.equal({
      type: 'image',
      url: 'https://x.test/a.png',
      alt: '',
    });
  });

  it('names the field at fault', () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /a message must be a string or an object, got undefined/],
      [42, /got number/],
      [[1], /got an array/],
      ['', /text must be a non-empty string/],
      [{type: 'text', payload: {}}, /payload\.message must be/],
      [
        {type: 'choice', text: 'x', buttons: [{label: 'a', payload: 3}]},
        /buttons\[0\]\.payload must be a string/,
      ],
      [{type: 'choice', text: 'x', buttons: [{}]}, /buttons\[0\]\.label must be/],
      [{type: 'choice', text: 4, buttons: ['a']}, /text must be a string/],
      [{type: 'image', url: 'https://x.test', alt: 3}, /alt must be a string/],
      [{type: 'card'}, /type must be "text", "image" or "choice", got "card"/],
    ];
    for (const [input, pattern] of cases)
      expect(() => toContent(input), String(input)).to.throw(TypeError, pattern);
  });

  it('reads an optional string id', () => {
    expect(inputId({type: 'text', text: 'a', id: 'x'})).to.equal('x');
    expect(inputId('a')).to.equal(undefined);
    expect(() => inputId({id: 5})).to.throw(TypeError, /id must be a string, got number/);
  });

  it('accepts only http(s) and data:image URLs, whatever the input', function () {
    // Generating 100 of fast-check's webUrl()s alone takes 1.5 to 2.5 s here, in
    // every engine, and several times that on a busy CI machine.
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.string(), (url) => {
        const result = safeUrl(url);
        return result === undefined || /^(https?:|data:image\/)/i.test(result);
      })
    );
    fc.assert(fc.property(fc.webUrl(), (url) => safeUrl(url) === new URL(url).href));
    expect(safeUrl(42)).to.equal(undefined);
    expect(safeUrl('java\tscript:alert(1)')).to.equal(undefined);
  });
});
