import {expect} from '@open-wc/testing';
import fc from 'fast-check';
import {findLinks} from '../../src/markdown/autolink.js';

describe('findLinks', () => {
  it('finds bare http(s) URLs, www. addresses and email addresses', () => {
    expect(findLinks('see https://example.com/a?b=1 now')).to.deep.equal([
      'see ',
      {text: 'https://example.com/a?b=1', url: 'https://example.com/a?b=1'},
      ' now',
    ]);
    expect(findLinks('www.commonmark.org/help')).to.deep.equal([
      {text: 'www.commonmark.org/help', url: 'http://www.commonmark.org/help'},
    ]);
    expect(findLinks('write to foo.bar-baz+x@example.co.uk')).to.deep.equal([
      'write to ',
      {text: 'foo.bar-baz+x@example.co.uk', url: 'mailto:foo.bar-baz+x@example.co.uk'},
    ]);
    expect(findLinks('http://localhost:8080/x')).to.deep.equal([
      {text: 'http://localhost:8080/x', url: 'http://localhost:8080/x'},
    ]);
  });

  it('leaves trailing punctuation out (GFM)', () => {
    expect(findLinks('Visit www.commonmark.org.')).to.deep.equal([
      'Visit ',
      {text: 'www.commonmark.org', url: 'http://www.commonmark.org/'},
      '.',
    ]);
    expect(findLinks('Is it https://a.com/x?!')).to.deep.equal([
      'Is it ',
      {text: 'https://a.com/x', url: 'https://a.com/x'},
      '?!',
    ]);
    expect(findLinks('www.google.com/search?q=Markup+(business)')[0]).to.deep.equal({
      text: 'www.google.com/search?q=Markup+(business)',
      url: 'http://www.google.com/search?q=Markup+(business)',
    });
    expect(findLinks('(www.google.com/search?q=Markup+(business)))')).to.deep.equal([
      '(',
      {
        text: 'www.google.com/search?q=Markup+(business)',
        url: 'http://www.google.com/search?q=Markup+(business)',
      },
      '))',
    ]);
    expect(findLinks('www.google.com/search?q=commonmark&hl;')).to.deep.equal([
      {text: 'www.google.com/search?q=commonmark', url: 'http://www.google.com/search?q=commonmark'},
      '&hl;',
    ]);
    expect(findLinks('a.b-c_d@a.b.')).to.deep.equal([{text: 'a.b-c_d@a.b', url: 'mailto:a.b-c_d@a.b'}, '.']);
    expect(findLinks('"https://a.com", she said')[1]).to.deep.equal({
      text: 'https://a.com',
      url: 'https://a.com/',
    });
  });

  it('ends a link at < and white space, and links only real starts', () => {
    expect(findLinks('www.commonmark.org/he<lp')).to.deep.equal([
      {text: 'www.commonmark.org/he', url: 'http://www.commonmark.org/he'},
      '<lp',
    ]);
    for (const text of [
      'xwww.example.com',
      'xhttps://example.com',
      'www.xxx.yyy._zzz',
      'a.b-c_d@a.b-',
      'a.b-c_d@a.b_',
      'www.',
      'https://',
      'javascript:alert(1)',
      'data:text/html,hi',
      'no links here',
    ]) {
      expect(findLinks(text), text).to.deep.equal([text]);
    }
    expect(findLinks('')).to.deep.equal([]);
  });

  it('gives back the text unchanged when joined, and only checked URLs', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('http://', 'https://', 'www.', '@', '.', '(', ')', ' ', '&amp;', 'a.b', 'x_y')
          )
        ),
        (pieces) => {
          const text = pieces.join('');
          const parts = findLinks(text);
          expect(parts.map((part) => (typeof part === 'string' ? part : part.text)).join('')).to.equal(text);
          for (const part of parts) {
            if (typeof part !== 'string') expect(part.url).to.match(/^(https?|mailto):/);
          }
        }
      )
    );
  });
});
