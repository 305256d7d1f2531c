import {expect} from '@open-wc/testing';
import fc from 'fast-check';
import {
  inputId,
  linkUrl,
  messageText,
  safeUrl,
  toContent,
  validateMessages,
} from '../../src/messages/message.js';

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
      [{type: 'sticker'}, /type must be "text", "markdown", .*, got "sticker"/],
    ];
    for (const [input, pattern] of cases)
      expect(() => toContent(input), String(input)).to.throw(TypeError, pattern);
  });

  it('takes every rich type in its documented shape', () => {
    const image = 'https://x.test/a.png';
    const shapes = [
      {type: 'markdown', text: '**hi**'},
      {type: 'image', url: image, alt: 'A hat', width: 320, height: 200},
      {
        type: 'card',
        title: 'Hat',
        text: 'Warm',
        image,
        alt: 'A hat',
        buttons: [{label: 'Buy', url: 'https://x.test/buy'}],
      },
      {type: 'carousel', cards: [{title: 'One'}, {text: 'Two', image}]},
      {type: 'video', url: 'https://x.test/v.mp4', title: 'Tour', width: 640, height: 360},
      {type: 'audio', url: 'https://x.test/a.mp3', title: 'Jingle'},
      {type: 'file', url: 'https://x.test/f.pdf', name: 'Invoice.pdf'},
      {type: 'location', latitude: 48.85, longitude: 2.35, title: 'Shop', address: '1 Rue X, Paris'},
    ];
    for (const shape of shapes) expect(toContent(shape), shape.type).to.deep.equal(shape);
  });

  it('keeps a JSON payload verbatim, as a copy, and link buttons by a checked scheme', () => {
    const request = {type: 'path-abc', payload: {label: 'Yes', actions: []}};
    const content = toContent({type: 'choice', text: '', buttons: [{label: 'Yes', payload: request}]});
    const [button] = (content as {buttons: Array<{payload: unknown}>}).buttons;
    expect(button.payload).to.deep.equal(request);
    expect(button.payload, 'a copy').not.to.equal(request);
    for (const url of ['https://x.test/', 'mailto:a@x.test', 'tel:+123'])
      expect(linkUrl(url), url).to.equal(new URL(url).href);
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc',
      7,
    ])
      expect(linkUrl(url), String(url)).to.equal(undefined);
  });

  it('names the field at fault in rich types', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{type: 'markdown', text: ''}, /text must be a non-empty string/],
      [{type: 'image', url: 'https://x.test/a.png', width: -1}, /width must be a positive number/],
      [
        {type: 'choice', buttons: [{label: 'a', url: 'javascript:alert(1)'}]},
        /buttons\[0\]\.url must be an http\(s\), mailto or tel URL/,
      ],
      [
        {type: 'choice', buttons: [{label: 'a', payload: () => 1}]},
        /buttons\[0\]\.payload must be a string or a JSON object/,
      ],
      [{type: 'card'}, /title must be given when a card has no text or image/],
      [
        {type: 'card', title: 'x', image: 'javascript:alert(1)'},
        /image must be an http\(s\) or data:image\/ URL/,
      ],
      [{type: 'carousel', cards: []}, /cards must be a non-empty array/],
      [
        {
          type: 'carousel',
          cards: [{title: 'a'}, {title: 'b', buttons: [{label: 'c', url: 'data:text/html,x'}]}],
        },
        /cards\[1\]\.buttons\[0\]\.url must be/,
      ],
      [{type: 'video', url: 'data:image/png;base64,AA'}, /url must be an http\(s\) URL/],
      [{type: 'audio', url: 'javascript:x'}, /url must be an http\(s\) URL/],
      [{type: 'file', url: 'https://x.test/f', name: 5}, /name must be a string/],
      [{type: 'location', latitude: 91, longitude: 0}, /latitude must be a number from -90 to 90/],
      [{type: 'location', latitude: 0, longitude: '2'}, /longitude must be a number from -180 to 180/],
    ];
    for (const [input, pattern] of cases)
      expect(() => toContent(input), JSON.stringify(input) ?? String(input)).to.throw(TypeError, pattern);
  });

  it('says what any message says as plain text', () => {
    expect(messageText({type: 'card', title: 'Hat', text: 'Warm'})).to.equal('Hat\nWarm');
    expect(messageText({type: 'carousel', cards: [{title: 'A'}, {title: 'B', text: 'b'}]})).to.equal(
      'A\n\nB\nb'
    );
    expect(
      messageText({type: 'location', latitude: 0, longitude: 0, title: 'Shop', address: 'Main St'})
    ).to.equal('Shop, Main St');
    expect(messageText({type: 'file', url: 'https://x.test/f'})).to.equal('');
  });

  it('reads payload, replyTo and feedback back from storage, and refuses wrong ones', () => {
    const stored = {
      type: 'text',
      text: 'Yes',
      id: 'm1',
      author: 'user',
      timestamp: 1,
      payload: {a: 1},
      replyTo: 'm0',
    };
    const rated = {type: 'markdown', text: 'ok', id: 'm2', author: 'bot', timestamp: 2, feedback: 'up'};
    const {messages, errors} = validateMessages(
      [stored, rated, {...rated, id: 'm3', feedback: 'meh'}, {...stored, id: 'm4', replyTo: 7}],
      'storage'
    );
    expect(messages).to.deep.equal([stored, rated]);
    expect(errors.map((e) => e.message)).to.deep.equal([
      'storage message [2]: feedback must be "up", "down" or absent, got "meh"',
      'storage message [3]: replyTo must be a non-empty string, got number',
    ]);
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

  describe('validateMessages', () => {
    const stored = {type: 'text', text: 'hi', id: 'a', author: 'bot', timestamp: 1};
    const template = {_$litType$: 1, strings: ['<img src=x onerror=alert(1)>'], values: []};

    it('drops each bad input alone, naming the source, the index and the field', () => {
      const {messages, errors} = validateMessages(
        ['ok', null, 5, {type: 'text', text: template}, 'also ok'],
        'bot'
      );
      expect(messages).to.deep.equal([
        {type: 'text', text: 'ok'},
        {type: 'text', text: 'also ok'},
      ]);
      expect(errors.map((e) => [e.name, e.message])).to.deep.equal([
        ['TypeError', 'bot message [1]: a message must be a string or an object, got null'],
        ['TypeError', 'bot message [2]: a message must be a string or an object, got number'],
        ['TypeError', 'bot message [3]: text must be a non-empty string, got object'],
      ]);
    });

    it('keeps the id a page or bot gives, and checks it', () => {
      const {messages, errors} = validateMessages(
        [
          {type: 'text', text: 'x', id: 'mine'},
          {type: 'text', text: 'y', id: 4},
        ],
        'reply'
      );
      expect(messages).to.deep.equal([{type: 'text', text: 'x', id: 'mine'}]);
      expect(errors[0].message).to.equal('reply message [1]: id must be a string, got number');
    });

    it('checks transcript messages from storage and other tabs whole: id, author, timestamp, marks', () => {
      const cases: Array<[unknown, RegExp]> = [
        [{...stored, id: ''}, /id must be a non-empty string/],
        [{...stored, author: 'system'}, /author must be "user" or "bot", got "system"/],
        [{...stored, timestamp: '1'}, /timestamp must be a finite number, got "1"/],
        [{...stored, timestamp: NaN}, /timestamp must be a finite number/],
        [{...stored, status: 'sent'}, /status must be "failed", "incomplete" or absent/],
        [{...stored, chosen: 0}, /chosen must be the index of one of its buttons/],
        [{...stored, text: template}, /text must be a non-empty string, got object/],
        [
          {type: 'choice', text: 'q', buttons: [{label: template}], id: 'c', author: 'bot', timestamp: 1},
          /buttons\[0\]\.label/,
        ],
        [{type: 'image', url: 'javascript:alert(1)', id: 'i', author: 'bot', timestamp: 1}, /url must be/],
      ];
      for (const [input, pattern] of cases) {
        const {messages, errors} = validateMessages([stored, input], 'tab');
        expect(messages, JSON.stringify(input)).to.deep.equal([stored]);
        expect(errors, JSON.stringify(input)).to.have.length(1);
        expect(errors[0].message, JSON.stringify(input))
          .to.match(/^tab message \[1\]: /)
          .and.match(pattern);
      }
      const choice = {
        type: 'choice',
        text: 'q',
        buttons: [{label: 'a'}],
        chosen: 0,
        id: 'c',
        author: 'user',
        timestamp: 2,
      };
      const failed = {...stored, id: 'f', status: 'failed'};
      expect(validateMessages([choice, failed], 'storage')).to.deep.equal({
        messages: [choice, failed],
        errors: [],
      });
      expect(validateMessages([stored, stored], 'storage').errors[0].message).to.match(/id must be unique/);
    });

    it('never throws, whatever it is given', () => {
      fc.assert(
        fc.property(
          fc.array(fc.anything()),
          fc.constantFrom('reply', 'bot', 'storage', 'tab'),
          (inputs, source) => {
            const {messages, errors} = validateMessages(inputs, source as 'tab');
            expect(messages.length + errors.length).to.equal(inputs.length);
            for (const message of messages) if ('text' in message) expect(message.text).to.be.a('string');
          }
        )
      );
    });
  });
});
