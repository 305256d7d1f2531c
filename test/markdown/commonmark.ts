/**
 * Runs the CommonMark spec's examples through a markdown renderer and compares
 * its DOM with the spec's HTML after normalizing what a chat renderer draws
 * differently on purpose. Shared by the spec test and the renderer comparison
 * (README, "Markdown"), so both count passes the same way.
 */

export interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

/** The spec's sections whose constructs the renderer draws (item 1 of issue 14). */
export const coveredSections = [
  'Backslash escapes',
  'Entity and numeric character references',
  'Thematic breaks',
  'ATX headings',
  'Fenced code blocks',
  'Paragraphs',
  'Blank lines',
  'Block quotes',
  'List items',
  'Lists',
  'Code spans',
  'Emphasis and strong emphasis',
  'Links',
  'Images',
  'Autolinks',
  'Hard line breaks',
  'Soft line breaks',
  'Textual content',
];

/** The examples of spec.txt (commonmark-spec's own extraction, in the browser). */
export function specExamples(specText: string): SpecExample[] {
  const examples: SpecExample[] = [];
  let section = '';
  const tests = specText.replace(/\r\n?/g, '\n').replace(/^<!-- END TESTS -->(.|[\n])*/m, '');
  for (const match of tests.matchAll(/^`{32} example\n([\s\S]*?)^\.\n([\s\S]*?)^`{32}$|^#{1,6} *(.*)$/gm)) {
    if (match[3] !== undefined) section = match[3];
    else
      examples.push({
        markdown: match[1].replace(/→/g, '\t'),
        html: match[2].replace(/→/g, '\t'),
        section,
        number: examples.length + 1,
      });
  }
  return examples;
}

/** Attributes a chat renderer adds for safety and access, which the spec does not have. */
const addedAttributes = /^(target|rel|loading|referrerpolicy|role|tabindex|aria-.*)$/;

/**
 * A comparable form of drawn markdown: the copy button and the table's
 * scrolling wrapper taken out, list paragraphs unwrapped (the renderer draws
 * every list as loose; spacing is CSS), `<br>` read as a line break (single
 * newlines are breaks in chat), URLs resolved, attributes sorted, white space
 * outside `<pre>` collapsed.
 */
export function normalizedHtml(container: Element): string {
  const clone = container.cloneNode(true) as Element;
  clone.querySelectorAll('button.copy').forEach((button) => button.remove());
  clone
    .querySelectorAll('div.code-block, div.table')
    .forEach((wrapper) => wrapper.replaceWith(...wrapper.childNodes));
  clone
    .querySelectorAll('li > p')
    .forEach((paragraph) => paragraph.replaceWith(...paragraph.childNodes, '\n'));
  clone.querySelectorAll('br').forEach((lineBreak) => lineBreak.replaceWith('\n'));
  // Adjacent text (a break and the line after it) collapses as one.
  clone.normalize();
  for (const element of clone.querySelectorAll('*')) {
    for (const name of element.getAttributeNames())
      if (addedAttributes.test(name)) element.removeAttribute(name);
    for (const name of ['href', 'src']) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      try {
        element.setAttribute(name, new URL(value, document.baseURI).href);
      } catch {
        // Kept as written.
      }
    }
  }
  const serialize = (node: Node, inPre: boolean): string =>
    [...node.childNodes]
      .map((child) => {
        if (child instanceof Text) return inPre ? child.data : child.data.replace(/\s+/g, ' ');
        if (!(child instanceof Element)) return '';
        const attributes = [...child.attributes]
          .map((attribute) => ` ${attribute.name}="${attribute.value}"`)
          .sort()
          .join('');
        const name = child.localName;
        return `<${name}${attributes}>${serialize(child, inPre || name === 'pre')}</${name}>`;
      })
      .join('');
  return serialize(clone, false)
    .replace(/\s*(<\/?(?:p|h\d|ul|ol|li|blockquote|pre|table|thead|tbody|tr|th|td|hr|div)\b[^>]*>)\s*/g, '$1')
    .trim();
}

/** Per section: how many of its examples the renderer draws as the spec says, and which fail. */
export function passRates(
  render: (markdown: string, doc: Document) => DocumentFragment,
  examples: SpecExample[]
) {
  const rates: Record<string, {passed: number; total: number; failed: number[]}> = {};
  // An inert document: the examples' images are not fetched.
  const doc = document.implementation.createHTMLDocument('spec');
  for (const example of examples) {
    if (!coveredSections.includes(example.section)) continue;
    const expected = doc.createElement('div');
    // Test code parsing the spec's own trusted HTML: the renderer itself never does this.
    expected.innerHTML = example.html;
    const actual = doc.createElement('div');
    try {
      actual.append(render(example.markdown, doc));
    } catch {
      actual.textContent = 'threw';
    }
    const rate = (rates[example.section] ??= {passed: 0, total: 0, failed: []});
    rate.total++;
    if (normalizedHtml(actual) === normalizedHtml(expected)) rate.passed++;
    else rate.failed.push(example.number);
  }
  return rates;
}
