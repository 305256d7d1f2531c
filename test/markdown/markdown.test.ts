import {expect, fixture, html as lit, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import fc from 'fast-check';
import sinon from 'sinon';
import {MarkdownStream, markdownStyles, renderMarkdown} from '../../src/markdown/markdown.js';
import {xssCorpus} from './xss-corpus.js';

/** What a text draws, as a detached container. */
function draw(text: string): HTMLDivElement {
  const container = document.createElement('div');
  container.append(renderMarkdown(text));
  return container;
}

/** The drawn markup (read back for comparison only; the renderer never writes HTML). */
const markup = (text: string) => draw(text).innerHTML;

const linkAttributes = 'target="_blank" rel="noopener noreferrer"';

/** A shadow root laid out like the element's: the styles adopted, the markdown in a `.markdown` bubble. */
async function shown(text: string) {
  const host = await fixture<HTMLDivElement>(lit`<div></div>`);
  const root = host.attachShadow({mode: 'open'});
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(markdownStyles);
  root.adoptedStyleSheets = [sheet];
  const bubble = document.createElement('div');
  bubble.className = 'markdown';
  bubble.style.width = '240px';
  bubble.append(renderMarkdown(text));
  root.append(bubble);
  return bubble;
}

describe('renderMarkdown', () => {
  it('draws paragraphs, and every single line break as <br> (Botpress sends them)', () => {
    expect(markup('one\ntwo\n\nthree')).to.equal('<p>one<br>two</p><p>three</p>');
    expect(markup('hard  \nbreak\\\nagain')).to.equal('<p>hard<br>break<br>again</p>');
    expect(markup('\n\n  lead  \n\n')).to.equal('<p>lead</p>');
  });

  it('draws bold, italic, strikethrough, underline and inline code', () => {
    expect(markup('**b** __b__ *i* _i_ ~~s~~ ~s~ ++u++ `c`')).to.equal(
      '<p><strong>b</strong> <strong>b</strong> <em>i</em> <em>i</em> <del>s</del> <del>s</del> <u>u</u> <code>c</code></p>'
    );
    expect(markup('***both*** **nested *em* here**')).to.equal(
      '<p><em><strong>both</strong></em> <strong>nested <em>em</em> here</strong></p>'
    );
    expect(markup('snake_case_name and 2*3*4')).to.equal('<p>snake_case_name and 2<em>3</em>4</p>');
    expect(markup('`` a `tick` `` and `**not bold**`')).to.equal(
      '<p><code>a `tick`</code> and <code>**not bold**</code></p>'
    );
    expect(markup('+single+ and +++three+++')).to.equal('<p>+single+ and +++three+++</p>');
  });

  it("reads Voiceflow's <u> and <br/> as underline and line breaks, and no other HTML", () => {
    expect(markup('a <u>b **c**</u> d<br/>e<BR>f<br />g')).to.equal(
      '<p>a <u>b <strong>c</strong></u> d<br>e<br>f<br>g</p>'
    );
    expect(markup('<u>open and </u> closed </u> <u onclick=x>x</u> <b>b</b>')).to.equal(
      '<p><u>open and </u> closed &lt;/u&gt; &lt;u onclick=x&gt;x&lt;/u&gt; &lt;b&gt;b&lt;/b&gt;</p>'
    );
  });

  it('draws headings h1 to h6, and seven hashes as text', () => {
    expect(markup('# One\n## Two ##\n### Three\n#### Four\n##### Five\n###### Six\n####### Seven')).to.equal(
      '<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6><p>####### Seven</p>'
    );
    expect(markup('#hashtag')).to.equal('<p>#hashtag</p>');
  });

  it('draws fenced code as text, keeping its lines, with its language as a class', () => {
    const container = draw('```js\nif (a < b) {\n\n  <b>x</b>\n}\n```\nafter\n~~~\n```\n~~~');
    const codes = container.querySelectorAll('pre > code');
    expect(codes[0].textContent).to.equal('if (a < b) {\n\n  <b>x</b>\n}\n');
    expect(codes[0].className).to.equal('language-js');
    expect(codes[0].querySelector('*')).to.equal(null);
    expect(container.querySelector('p')!.textContent).to.equal('after');
    expect(codes[1].textContent).to.equal('```\n');
    // An unclosed fence runs to the end of the text.
    expect(draw('```\nopen').querySelector('code')!.textContent).to.equal('open\n');
  });

  it('draws unordered and ordered lists, nested, with their start number', () => {
    expect(markup('- a\n- b\n  1. c\n  2. d\n     * e\n- f')).to.equal(
      '<ul><li><p>a</p></li><li><p>b</p><ol><li><p>c</p></li><li><p>d</p><ul><li><p>e</p></li></ul></li></ol></li><li><p>f</p></li></ul>'
    );
    expect(markup('3. three\n4. four')).to.equal(
      '<ol start="3"><li><p>three</p></li><li><p>four</p></li></ol>'
    );
    expect(markup('- a\n+ b')).to.equal('<ul><li><p>a</p></li></ul><ul><li><p>b</p></li></ul>');
    // A number inside a sentence does not start a list.
    expect(markup('The year was\n1984. It was cold')).to.equal('<p>The year was<br>1984. It was cold</p>');
    // An item may start with one blank line, not two.
    expect(markup('-\n  a\n-\n\n  b')).to.equal('<ul><li><p>a</p></li><li></li></ul><p>b</p>');
    expect(markup('- item\n\n  still item\n\nafter')).to.equal(
      '<ul><li><p>item</p><p>still item</p></li></ul><p>after</p>'
    );
  });

  it('draws block quotes, nested and lazily continued', () => {
    expect(markup('> a\nb\n> > c\n\nd')).to.equal(
      '<blockquote><p>a<br>b</p><blockquote><p>c</p></blockquote></blockquote><p>d</p>'
    );
    // A lone `>` is a blank line inside the quote: it ends the paragraph.
    expect(markup('> a\n>\n> b\n>\nc')).to.equal('<blockquote><p>a</p><p>b</p></blockquote><p>c</p>');
    expect(markup('>')).to.equal('<blockquote></blockquote>');
  });

  it('draws GFM tables inside a focusable, named scrolling region', () => {
    const container = draw('Intro\n| Name | Qty |\n|:-----|----:|\n| `a\\|b` | **2** |\n| c |\n\nafter');
    expect(container.querySelector('p')!.textContent).to.equal('Intro');
    const region = container.querySelector('.table')!;
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('aria-label')).to.equal('Table');
    expect(region.getAttribute('tabindex')).to.equal('0');
    expect(region.innerHTML).to.equal(
      '<table><thead><tr><th align="left">Name</th><th align="right">Qty</th></tr></thead>' +
        '<tbody><tr><td align="left"><code>a|b</code></td><td align="right"><strong>2</strong></td></tr>' +
        '<tr><td align="left">c</td><td align="right"></td></tr></tbody></table>'
    );
    expect(container.lastElementChild!.outerHTML).to.equal('<p>after</p>');
    // A delimiter row that does not match the header is no table.
    expect(markup('| a | b |\n|---|')).to.equal('<p>| a | b |<br>|---|</p>');
  });

  it('draws thematic breaks', () => {
    expect(markup('a\n\n---\n\n* * *')).to.equal('<p>a</p><hr><hr>');
  });

  it('draws links and bare URLs only with an http(s), mailto or tel scheme, opening in a new tab', () => {
    expect(markup('[site](https://example.com/a "Title") [mail](mailto:a@b.co) [call](tel:+123)')).to.equal(
      `<p><a href="https://example.com/a" ${linkAttributes} title="Title">site</a> ` +
        `<a href="mailto:a@b.co" ${linkAttributes}>mail</a> <a href="tel:+123" ${linkAttributes}>call</a></p>`
    );
    expect(markup('see https://a.com/x_y_z. or www.b.org, <https://c.net> <d@e.io> f@g.com')).to.equal(
      `<p>see <a href="https://a.com/x_y_z" ${linkAttributes}>https://a.com/x_y_z</a>. or ` +
        `<a href="http://www.b.org/" ${linkAttributes}>www.b.org</a>, ` +
        `<a href="https://c.net/" ${linkAttributes}>https://c.net</a> <a href="mailto:d@e.io" ${linkAttributes}>d@e.io</a> ` +
        `<a href="mailto:f@g.com" ${linkAttributes}>f@g.com</a></p>`
    );
    for (const text of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html,hi)',
      '[x](vbscript:msgbox)',
      '[x](ftp://example.com)',
      '<javascript:alert(1)>',
      '[x](file:///etc/passwd)',
    ]) {
      expect(draw(text).querySelector('a'), text).to.equal(null);
    }
    expect(markup('[label **b**](javascript:alert(1))')).to.equal('<p>label <strong>b</strong></p>');
    // Links never nest: the inner one wins, as CommonMark says (and the outer URL is a bare URL).
    expect(markup('[a [b](https://b.io) c](https://a.io)')).to.equal(
      `<p>[a <a href="https://b.io/" ${linkAttributes}>b</a> c](<a href="https://a.io/" ${linkAttributes}>https://a.io</a>)</p>`
    );
    expect(markup('[www.a.com](https://b.com)')).to.equal(
      `<p><a href="https://b.com/" ${linkAttributes}>www.a.com</a></p>`
    );
  });

  it('draws images only from http(s) URLs, otherwise their alt text', () => {
    expect(markup('![A *cat*](https://x.io/cat.png "Cat")')).to.equal(
      '<p><img src="https://x.io/cat.png" alt="A cat" title="Cat" loading="lazy" referrerpolicy="no-referrer"></p>'
    );
    expect(markup('![pic](javascript:alert(1)) ![svg](data:image/svg+xml,<svg onload=alert(1)>)')).to.equal(
      '<p>pic ![svg](data:image/svg+xml,&lt;svg onload=alert(1)&gt;)</p>'
    );
  });

  it('resolves backslash escapes and entities, and shows raw HTML as text', () => {
    expect(markup('\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\\\ \\q')).to.equal(
      '<p>*a* _b_ [c](d) `e` \\ \\q</p>'
    );
    expect(markup('&amp; &lt;b&gt; &#65;&#x42; &copy; &bogus; &#0;')).to.equal(
      '<p>&amp; &lt;b&gt; AB © &amp;bogus; \ufffd</p>'
    );
    const container = draw('<b>bold?</b> <script>alert(1)</script>\n\n<div onclick="x">');
    expect(container.querySelector('b, script, div')).to.equal(null);
    expect(container.textContent).to.equal('<b>bold?</b> <script>alert(1)</script><div onclick="x">');
  });

  it('takes a document to draw with', () => {
    const other = document.implementation.createHTMLDocument('other');
    const fragment = renderMarkdown('**x**', other);
    expect(fragment.ownerDocument).to.equal(other);
    expect(fragment.firstElementChild!.ownerDocument).to.equal(other);
  });

  it('reports what is wrong with its container or chunks', () => {
    expect(() => new MarkdownStream({} as HTMLElement)).to.throw(TypeError, /element or fragment/);
    const stream = new MarkdownStream(document.createElement('div'));
    expect(() => stream.append(5 as unknown as string)).to.throw(TypeError, /needs a string, got number/);
    stream.finish();
    expect(() => stream.append('more')).to.throw(TypeError, /after finish/);
  });
});

describe('markdown styles', () => {
  it('keep a wide table scrolling inside the bubble, reachable by keyboard, and pass axe', async () => {
    const bubble = await shown(
      `Prices:\n\n| ${Array.from({length: 12}, (_, index) => `Column ${index}`).join(' | ')} |\n|${'---|'.repeat(12)}\n` +
        `| ${Array.from({length: 12}, (_, index) => `value ${index}`).join(' | ')} |\n\n# Title\n\n> quoted\n\n` +
        '```\ncode\n```'
    );
    const region = bubble.querySelector<HTMLElement>('.table')!;
    expect(bubble.scrollWidth).to.be.at.most(bubble.clientWidth + 1);
    expect(region.scrollWidth).to.be.above(region.clientWidth);
    region.focus();
    expect(
      bubble.getRootNode() instanceof ShadowRoot && (bubble.getRootNode() as ShadowRoot).activeElement
    ).to.equal(region);
    await sendKeys({press: 'ArrowRight'});
    await waitUntil(() => region.scrollLeft > 0, 'the arrow key scrolls the table');
    const heading = getComputedStyle(bubble.querySelector('h1')!);
    const body = getComputedStyle(bubble);
    expect(parseFloat(heading.fontSize)).to.be.below(parseFloat(body.fontSize) * 1.5);
    expect(getComputedStyle(bubble.querySelector('pre')!).overflowX).to.equal('auto');
    await expect(bubble).to.be.accessible();
  });
});

describe('code block copy button', () => {
  afterEach(() => sinon.restore());

  it('copies the code by click, Enter and Space, and says so', async () => {
    const writeText = sinon.stub(navigator.clipboard, 'writeText').resolves();
    const bubble = await shown('```sh\nnpm install\n```');
    const button = bubble.querySelector('button')!;
    expect(button.getAttribute('type')).to.equal('button');
    expect(button.getAttribute('aria-label')).to.equal('Copy code');
    button.click();
    expect(writeText.firstCall.args).to.deep.equal(['npm install\n']);
    await waitUntil(() => button.textContent === 'Copied');
    expect(button.getAttribute('aria-label')).to.equal('Copied');
    await waitUntil(() => button.textContent === 'Copy', 'the button reads Copy again', {timeout: 3000});
    expect(button.getAttribute('aria-label')).to.equal('Copy code');
    button.focus();
    await sendKeys({press: 'Enter'});
    await sendKeys({press: ' '});
    expect(writeText.callCount).to.equal(3);
  });

  it('speaks the page language when given labels', async () => {
    sinon.stub(navigator.clipboard, 'writeText').resolves();
    const container = document.createElement('div');
    container.append(
      renderMarkdown('```\nx\n```\n\n| a |\n|---|', document, {
        copy: 'Copier',
        copyCode: 'Copier le code',
        copied: 'Copié',
        table: 'Tableau',
      })
    );
    const button = container.querySelector('button')!;
    expect([button.textContent, button.getAttribute('aria-label')]).to.deep.equal([
      'Copier',
      'Copier le code',
    ]);
    expect(container.querySelector('.table')!.getAttribute('aria-label')).to.equal('Tableau');
    button.click();
    await waitUntil(() => button.textContent === 'Copié');
    expect(button.getAttribute('aria-label')).to.equal('Copié');
  });

  it('says when the clipboard refuses', async () => {
    sinon.stub(navigator.clipboard, 'writeText').rejects(new Error('denied'));
    const bubble = await shown('```\nx\n```');
    const button = bubble.querySelector('button')!;
    button.click();
    await waitUntil(() => button.textContent === 'Copy failed');
  });
});

/** Feeds a text to a stream in the given pieces and gives the container. */
function stream(pieces: string[], finish = true) {
  const container = document.createElement('div');
  const markdown = new MarkdownStream(container);
  for (const piece of pieces) markdown.append(piece);
  if (finish) markdown.finish();
  return container;
}

/** Splits a text into tokens the way an LLM streams: a few characters at a time. */
const tokens = (text: string, size = 3) => text.match(new RegExp(`[^]{1,${size}}`, 'g')) ?? [];

const sample = [
  '# Answer',
  '',
  'Here is **bold**, *em*, a [link](https://example.com) and www.a.com.',
  '',
  '- one',
  '- two',
  '  1. nested',
  '',
  '> quoted',
  '> text',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '```ts',
  'const x = 1;',
  '```',
  '',
  'Done.',
].join('\n');

describe('MarkdownStream', () => {
  it('gives the same result token by token as all at once', () => {
    for (const size of [1, 2, 3, 7]) {
      expect(stream(tokens(sample, size)).innerHTML, `tokens of ${size}`).to.equal(markup(sample));
    }
    expect(stream(['a\r', '\nb\r\n', 'c']).innerHTML).to.equal(markup('a\nb\nc'));
  });

  it('keeps closed blocks as the same nodes: no re-parse of what is done', () => {
    const container = document.createElement('div');
    const markdown = new MarkdownStream(container);
    markdown.append('# Title\n\nFirst **para');
    const heading = container.firstElementChild!;
    markdown.append('graph** done.\n\n- item\n');
    const paragraph = container.children[1];
    const headingText = heading.firstChild;
    expect(paragraph.innerHTML).to.equal('First <strong>paragraph</strong> done.');
    markdown.append('- second\n\nThird');
    expect(container.firstElementChild).to.equal(heading);
    expect(heading.firstChild).to.equal(headingText);
    expect(container.children[1]).to.equal(paragraph);
    const list = container.children[2];
    const firstItem = list.firstElementChild;
    markdown.append(' paragraph, more tokens');
    markdown.append(' and more.');
    markdown.finish();
    expect([...container.children].slice(0, 3)).to.deep.equal([heading, paragraph, list]);
    expect(list.firstElementChild).to.equal(firstItem);
    expect(container.innerHTML).to.equal(
      markup(
        '# Title\n\nFirst **paragraph** done.\n\n- item\n- second\n\nThird paragraph, more tokens and more.'
      )
    );
  });

  it('leaves everything drawn as it is when a chunk adds nothing, the open line too', () => {
    const container = document.createElement('div');
    const markdown = new MarkdownStream(container);
    markdown.append('Done.\n\nStill **writ');
    const open = container.lastElementChild!;
    const drawn = [...open.childNodes];
    markdown.append('');
    expect(container.lastElementChild).to.equal(open);
    expect([...open.childNodes]).to.deep.equal(drawn);
    markdown.append('ing**');
    expect(container.lastElementChild!.innerHTML).to.equal('Still <strong>writing</strong>');
  });

  it('draws a half-written line at once, and an unclosed ** as text until it closes', () => {
    const container = document.createElement('div');
    const markdown = new MarkdownStream(container);
    markdown.append('Hello **wor');
    expect(container.innerHTML).to.equal('<p>Hello **wor</p>');
    markdown.append('ld** and [a link](https://exa');
    expect(container.querySelector('strong')!.textContent).to.equal('world');
    expect(container.textContent).to.equal('Hello world and [a link](https://exa');
    markdown.append('mple.com/x)');
    expect(container.innerHTML).to.equal(
      `<p>Hello <strong>world</strong> and <a href="https://example.com/x" ${linkAttributes}>a link</a></p>`
    );
  });

  it('draws an unclosed fence as code so far, and what follows once it closes', () => {
    const container = document.createElement('div');
    const markdown = new MarkdownStream(container);
    markdown.append('Code:\n```py\nprint("**hi**")\n# not a heading');
    expect(container.querySelector('code')!.textContent).to.equal('print("**hi**")\n# not a heading\n');
    expect(container.querySelector('h1, strong')).to.equal(null);
    const block = container.querySelector('.code-block');
    markdown.append('\n``');
    expect(container.querySelector('code')!.textContent).to.equal('print("**hi**")\n# not a heading\n``\n');
    markdown.append('`\n# Heading');
    expect(container.querySelector('.code-block')).to.equal(block);
    expect(container.querySelector('code')!.textContent).to.equal('print("**hi**")\n# not a heading\n');
    expect(container.querySelector('h1')!.textContent).to.equal('Heading');
  });

  it('turns a paragraph into a table when the delimiter row arrives', () => {
    const container = document.createElement('div');
    const markdown = new MarkdownStream(container);
    markdown.append('| a | b |\n');
    expect(container.innerHTML).to.equal('<p>| a | b |</p>');
    markdown.append('|--');
    expect(container.innerHTML).to.equal('<p>| a | b |<br>|--</p>');
    markdown.append('-|---|\n| 1 |');
    expect(container.querySelector('tbody')!.textContent).to.equal('1');
    markdown.finish();
    expect(container.innerHTML).to.equal(markup('| a | b |\n|---|---|\n| 1 |'));
  });

  it('gives the same result however a text is cut into chunks', () => {
    const pieces = fc.constantFrom(
      '*',
      '**',
      '_',
      '~~',
      '++',
      '`',
      '```',
      '\n',
      '\n\n',
      '# ',
      '> ',
      '- ',
      '1. ',
      '  ',
      '|',
      '---',
      '[',
      '](',
      ')',
      'https://a.io',
      'www.b.com',
      'word',
      ' ',
      '\\',
      '&amp;',
      '<b>'
    );
    fc.assert(
      fc.property(fc.array(pieces, {maxLength: 40}), fc.array(fc.nat(), {maxLength: 8}), (parts, cuts) => {
        const text = parts.join('');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, text.length]
          .slice(1)
          .map((end, index, ends) => text.slice(index ? ends[index - 1] : 0, end));
        expect(stream(chunks).innerHTML).to.equal(markup(text));
      }),
      {numRuns: 300}
    );
  });
});

/** What the renderer may draw: anything else means markup leaked through. */
const allowedElements = new Set(
  'div p br strong em del u code pre button h1 h2 h3 h4 h5 h6 ul ol li blockquote hr table thead tbody tr th td a img'.split(
    ' '
  )
);
const allowedAttributes = new Set(
  'href target rel title src alt loading referrerpolicy class type aria-label role tabindex start align'.split(
    ' '
  )
);

/** Fails when a drawn element or attribute is outside the allow-lists or a URL is unsafe. */
function expectSafe(container: Element, source: string) {
  for (const element of container.querySelectorAll('*')) {
    expect(allowedElements.has(element.localName), `<${element.localName}> from ${source}`).to.equal(true);
    for (const attribute of element.attributes) {
      expect(allowedAttributes.has(attribute.name), `${attribute.name} from ${source}`).to.equal(true);
    }
    const href = element.getAttribute('href');
    if (href !== null) expect(href, source).to.match(/^(https?:\/\/|mailto:|tel:)/);
    const src = element.getAttribute('src');
    if (src !== null) expect(src, source).to.match(/^https?:\/\//);
    const className = element.getAttribute('class');
    if (className !== null) expect(className, source).to.match(/^(code-block|copy|table|language-\S*)$/);
  }
}

declare global {
  interface Window {
    xssFired?: string;
  }
}

describe('markdown XSS corpus', () => {
  afterEach(() => delete window.xssFired);

  it('runs no script and draws no unsafe element, attribute or URL, whole or streamed', async () => {
    const host = await fixture<HTMLDivElement>(lit`<div></div>`);
    for (const text of xssCorpus) {
      const whole = document.createElement('div');
      whole.append(renderMarkdown(text));
      host.append(whole, stream(tokens(text, 2), false));
      expectSafe(whole, text);
      expectSafe(host.lastElementChild!, text);
    }
    // Clicks on everything drawn: a link that ran script would set the flag.
    for (const anchor of host.querySelectorAll('a')) {
      anchor.addEventListener('click', (event) => event.preventDefault());
      anchor.click();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(window.xssFired).to.equal(undefined);
    expect(host.querySelectorAll('a').length).to.be.above(3);
  });

  it('draws any text without throwing and without anything outside the allow-lists', () => {
    const markdownish = fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          '[',
          ']',
          '(',
          ')',
          '<',
          '>',
          '!',
          '*',
          '_',
          '`',
          '~',
          '+',
          '|',
          '\n',
          '&#',
          ';',
          ':',
          '"'
        ),
        fc.constantFrom('javascript:', 'data:', 'https://', 'www.', '@', '<img onerror=x>', '&#x6A;', '\\')
      ),
      {maxLength: 30}
    );
    fc.assert(
      fc.property(markdownish, (parts) => {
        const text = parts.join('');
        expectSafe(draw(text), text);
      }),
      {numRuns: 500}
    );
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 200}), (text) => {
        expectSafe(draw(text), text);
      })
    );
  });
});
