import {linkUrl, webUrl} from '../messages/message.js';
import {linkAt} from './autolink.js';

/**
 * Inline markdown (the text of one paragraph, heading or table cell) to DOM
 * nodes, after CommonMark's inline algorithm: code spans, backslash escapes,
 * entities, links and images, `<…>` autolinks, GFM bare URLs, and emphasis by
 * the delimiter-run rules, plus `~~strike~~` (GFM) and `++underline++`
 * (markdown-it-ins). Every node is made with `createElement`/`createTextNode`;
 * raw HTML is never parsed, so `<b>` stays the text `<b>`; the one exception
 * is what Voiceflow's Slate serializer writes, `<u>…</u>` and `<br/>`, read
 * as tokens for our own `<u>` and `<br>`. Every line break inside the text is
 * drawn as `<br>`, as Botpress and chat users expect.
 */

/** ASCII punctuation: what a backslash may escape. */
export const asciiPunctuation = /[!-/:-@[-`{-~]/;
/** Unicode punctuation and symbols, for the flanking rules of emphasis. */
const punctuation = /[\p{P}\p{S}]/u;
const whitespace = /\s/;

/** A run of `*`, `_`, `~` or `+` that may open or close emphasis. */
interface Delimiter {
  character: string;
  node: Text;
  /** Characters of the run not yet used by a match. */
  length: number;
  /** The run's length as written: CommonMark's "rule of three" reads it. */
  written: number;
  canOpen: boolean;
  canClose: boolean;
}

/** An unmatched `[` or `![`, waiting for its `]`. */
interface Bracket {
  node: Text;
  image: boolean;
  /** False once a link was made after it: links never nest. */
  active: boolean;
  /** How many delimiters were open before it: emphasis inside the brackets is resolved alone. */
  delimiters: number;
}

/**
 * The named character references bots write (HTML-escaped text); others stay
 * as written: the full table of 2,000 names would cost more than the whole renderer.
 */
const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
};

const entity = /&(?:#[xX]([\da-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z\d]{1,31}));/y;

/** The text an entity at `index` stands for, and its length; undefined when it is not one. */
function entityAt(text: string, index: number): [string, number] | undefined {
  entity.lastIndex = index;
  const match = entity.exec(text);
  if (!match) return undefined;
  if (match[3] !== undefined) {
    const named = Object.hasOwn(namedEntities, match[3]) ? namedEntities[match[3]] : undefined;
    return named === undefined ? undefined : [named, match[0].length];
  }
  const codePoint = parseInt(match[1] ?? match[2], match[1] ? 16 : 10);
  // NUL and values beyond Unicode become the replacement character, as CommonMark says.
  const character = codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
  return [character, match[0].length];
}

/** Backslash escapes and entities resolved, for link destinations and titles. */
function unescape(text: string): string {
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const decoded = text[index] === '&' ? entityAt(text, index) : undefined;
    if (decoded) {
      result += decoded[0];
      index += decoded[1] - 1;
    } else if (text[index] === '\\' && asciiPunctuation.test(text[index + 1] ?? '')) {
      result += text[++index];
    } else {
      result += text[index];
    }
  }
  return result;
}

/** `(destination "title")` after a link's `]`, from `index` (its `(`); undefined when it is not one. */
function inlineLinkTarget(text: string, index: number) {
  if (text[index] !== '(') return undefined;
  const skipSpace = (at: number) => {
    while (at < text.length && whitespace.test(text[at])) at++;
    return at;
  };
  let at = skipSpace(index + 1);
  let destination: string;
  if (text[at] === '<') {
    const end = /[\n<>]/.exec(text.slice(at + 1));
    if (!end || end[0] !== '>') return undefined;
    destination = text.slice(at + 1, at + 1 + end.index);
    at += end.index + 2;
  } else {
    const start = at;
    let depth = 0;
    for (; at < text.length; at++) {
      const character = text[at];
      if (character === '\\' && asciiPunctuation.test(text[at + 1] ?? '')) at++;
      else if (character === '(') depth++;
      else if (character === ')' && depth-- === 0) break;
      else if (whitespace.test(character) || character < ' ') break;
    }
    if (depth > 0 && text[at] === ')') return undefined;
    destination = text.slice(start, at);
  }
  let title: string | undefined;
  const beforeTitle = at;
  at = skipSpace(at);
  const quote = text[at];
  if (at > beforeTitle && (quote === '"' || quote === "'" || quote === '(')) {
    const close = quote === '(' ? ')' : quote;
    let end = at + 1;
    while (end < text.length && text[end] !== close) {
      if (text[end] === '\\') end++;
      else if (quote === '(' && text[end] === '(') return undefined;
      end++;
    }
    if (end >= text.length) return undefined;
    title = unescape(text.slice(at + 1, end));
    at = skipSpace(end + 1);
  }
  if (text[at] !== ')') return undefined;
  return {url: unescape(destination), title, end: at + 1};
}

/** `<br>`, `<br/>`, `<u>` and `</u>`: what Voiceflow's Slate-to-markdown serializer writes as HTML. */
const voiceflowTag = /<br *\/?>|<\/?u>/iy;

/** An element with its attributes set, each value given as text (never parsed). */
export function createElement(
  doc: Document,
  tag: string,
  attributes: Record<string, string | undefined> = {}
) {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value) element.setAttribute(name, value);
  return element;
}

/** `<scheme:anything>` or `<address@example.com>`, CommonMark's autolinks. */
const angleLink = /<([a-zA-Z][a-zA-Z\d+.-]{1,31}:[^\s<>]*)>/y;
const angleEmail =
  /<([\w.!#$%&'*+/=?^`{|}~-]+@[a-zA-Z\d](?:[a-zA-Z\d-]*[a-zA-Z\d])?(?:\.[a-zA-Z\d](?:[a-zA-Z\d-]*[a-zA-Z\d])?)*)>/y;

/**
 * A link element for `url` when `linkUrl()` accepts its scheme; otherwise the
 * children alone, so a `javascript:` link is drawn as its text.
 */
function link(doc: Document, url: string, children: Node[], title?: string): Node[] {
  // A backslash stays in the URL (the URL parser would read it as `/`).
  const href = linkUrl(url.replace(/\\/g, '%5C'));
  // A link never holds another: an autolinked URL inside link text stays text.
  const flat = children.flatMap((child) =>
    child instanceof Element && child.localName === 'a' ? [...child.childNodes] : [child]
  );
  if (!href) return flat;
  const anchor = createElement(doc, 'a', {href, target: '_blank', rel: 'noopener noreferrer', title});
  anchor.append(...flat);
  return [anchor];
}

/**
 * An `<img>` only for an `http(s):` URL (`webUrl()`: not the `data:image/` that
 * the widget's own image messages may use, which markdown has no need of); any
 * other source is drawn as its alt text. Pictures load lazily and send no
 * referrer to the bot's image host.
 */
function image(doc: Document, url: string, alt: string, title?: string): Node {
  const source = webUrl(url);
  if (!source) return doc.createTextNode(alt);
  const element = createElement(doc, 'img', {
    src: source,
    alt,
    title,
    loading: 'lazy',
    referrerpolicy: 'no-referrer',
  });
  // An empty alt (a decorative picture) is still written, so the image is not announced by its URL.
  element.setAttribute('alt', alt);
  return element;
}

const emphasisTags: Record<string, [single: string, double: string]> = {
  '*': ['em', 'strong'],
  _: ['em', 'strong'],
  '~': ['del', 'del'],
  '+': ['u', 'u'],
  // Voiceflow's Slate serializer writes underline as the HTML tags `<u>…</u>`.
  '<u>': ['u', 'u'],
};

/**
 * Pairs the delimiters from `bottom` on (CommonMark's "process emphasis"):
 * each closer takes the nearest opener of its kind, and the nodes between
 * them move into an `<em>`, `<strong>`, `<del>` or `<ins>`. Unpaired runs
 * stay as text.
 */
function resolveEmphasis(doc: Document, nodes: Node[], delimiters: Delimiter[], bottom: number) {
  let closerIndex = bottom;
  while (closerIndex < delimiters.length) {
    const closer = delimiters[closerIndex];
    if (!closer.canClose) {
      closerIndex++;
      continue;
    }
    let openerIndex = closerIndex - 1;
    for (; openerIndex >= bottom; openerIndex--) {
      const opener = delimiters[openerIndex];
      if (opener.character !== closer.character || !opener.canOpen) continue;
      if (closer.character !== '*' && closer.character !== '_') {
        if (opener.length === closer.length) break;
      } else if (
        // The rule of three: `*a**` does not pair a single with a double when either could do both.
        !(
          (opener.canClose || closer.canOpen) &&
          (opener.written + closer.written) % 3 === 0 &&
          (opener.written % 3 !== 0 || closer.written % 3 !== 0)
        )
      ) {
        break;
      }
    }
    if (openerIndex < bottom) {
      // No opener: the run stays text, and may still open later emphasis.
      if (!closer.canOpen) delimiters.splice(closerIndex, 1);
      else closerIndex++;
      continue;
    }
    const opener = delimiters[openerIndex];
    const used = opener.length >= 2 && closer.length >= 2 ? 2 : 1;
    const element = doc.createElement(emphasisTags[closer.character][used - 1]);
    opener.length -= used;
    closer.length -= used;
    opener.node.data = opener.node.data.slice(used);
    closer.node.data = closer.node.data.slice(used);
    const start = nodes.indexOf(opener.node) + 1;
    const inside = nodes.splice(start, nodes.indexOf(closer.node) - start, element);
    element.append(...inside);
    delimiters.splice(openerIndex + 1, closerIndex - openerIndex - 1);
    closerIndex = openerIndex + 1;
    if (!opener.length) {
      nodes.splice(nodes.indexOf(opener.node), 1);
      delimiters.splice(openerIndex, 1);
      closerIndex--;
    }
    if (!closer.length) {
      nodes.splice(nodes.indexOf(closer.node), 1);
      delimiters.splice(closerIndex, 1);
    }
  }
  delimiters.length = bottom;
}

/** Whether a delimiter run may open and close, by CommonMark's flanking rules. */
function flanking(text: string, start: number, end: number) {
  const before = text[start - 1] ?? '\n';
  const after = text[end] ?? '\n';
  const spaceBefore = whitespace.test(before);
  const spaceAfter = whitespace.test(after);
  const punctuationBefore = punctuation.test(before);
  const punctuationAfter = punctuation.test(after);
  const left = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore);
  const right = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter);
  // `_` inside a word (snake_case) is never emphasis.
  if (text[start] === '_') {
    return {canOpen: left && (!right || punctuationBefore), canClose: right && (!left || punctuationAfter)};
  }
  return {canOpen: left, canClose: right};
}

/** Draws inline markdown as DOM nodes, in order, ready to append. */
export function renderInline(text: string, doc: Document): Node[] {
  const nodes: Node[] = [];
  const delimiters: Delimiter[] = [];
  const brackets: Bracket[] = [];
  let plain = '';
  const flush = () => {
    if (plain) nodes.push(doc.createTextNode(plain));
    plain = '';
  };
  const lineBreak = (next: number) => {
    plain = plain.replace(/ +$/, '');
    flush();
    nodes.push(doc.createElement('br'));
    // The next line's leading spaces are indentation, not text.
    while (text[next] === ' ' || text[next] === '\t') next++;
    return next;
  };
  let index = 0;
  let found: ReturnType<typeof entityAt>;
  while (index < text.length) {
    const character = text[index];
    if (character === '\\') {
      const next = text[index + 1];
      if (next === '\n') {
        index = lineBreak(index + 2);
      } else if (next !== undefined && asciiPunctuation.test(next)) {
        plain += next;
        index += 2;
      } else {
        plain += character;
        index++;
      }
    } else if (character === '\n') {
      index = lineBreak(index + 1);
    } else if (character === '`') {
      const ticks = /`+/y;
      ticks.lastIndex = index;
      const run = ticks.exec(text)![0];
      const closing = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
      closing.lastIndex = index + run.length;
      const end = closing.exec(text);
      if (end) {
        flush();
        let content = text.slice(index + run.length, end.index).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/s.test(content)) content = content.slice(1, -1);
        const code = doc.createElement('code');
        code.textContent = content;
        nodes.push(code);
        index = end.index + run.length;
      } else {
        plain += run;
        index += run.length;
      }
    } else if ('*_~+'.includes(character)) {
      let end = index;
      while (text[end] === character) end++;
      const length = end - index;
      // `~~` and `~` strike (GFM), `++` underlines; longer runs of those are text.
      const usable = character === '~' ? length <= 2 : character === '+' ? length === 2 : true;
      if (usable) {
        flush();
        const node = doc.createTextNode(text.slice(index, end));
        nodes.push(node);
        delimiters.push({character, node, length, written: length, ...flanking(text, index, end)});
      } else {
        plain += text.slice(index, end);
      }
      index = end;
    } else if (character === '[' || (character === '!' && text[index + 1] === '[')) {
      flush();
      const image = character === '!';
      const node = doc.createTextNode(image ? '![' : '[');
      nodes.push(node);
      brackets.push({node, image, active: true, delimiters: delimiters.length});
      index += image ? 2 : 1;
    } else if (character === ']') {
      const bracket = brackets.pop();
      const target = bracket?.active ? inlineLinkTarget(text, index + 1) : undefined;
      if (!bracket || !target) {
        plain += ']';
        index++;
        continue;
      }
      flush();
      resolveEmphasis(doc, nodes, delimiters, bracket.delimiters);
      const at = nodes.indexOf(bracket.node);
      const children = nodes.splice(at);
      children.shift();
      if (bracket.image) {
        const alt = children.map((child) => child.textContent).join('');
        nodes.push(image(doc, target.url, alt, target.title));
      } else {
        nodes.push(...link(doc, target.url, children, target.title));
        for (const earlier of brackets) if (!earlier.image) earlier.active = false;
      }
      index = target.end;
    } else if (character === '<') {
      angleLink.lastIndex = angleEmail.lastIndex = voiceflowTag.lastIndex = index;
      const uri = angleLink.exec(text);
      const email = uri ? null : angleEmail.exec(text);
      const tag = uri || email ? null : voiceflowTag.exec(text);
      if (tag) {
        // The only HTML read as markup: Voiceflow's `<br/>` and `<u>`, drawn as our own elements.
        flush();
        if (/^<br/i.test(tag[0])) {
          nodes.push(doc.createElement('br'));
        } else {
          const node = doc.createTextNode(tag[0]);
          nodes.push(node);
          const closing = tag[0][1] === '/';
          delimiters.push({
            character: '<u>',
            node,
            length: 1,
            written: 1,
            canOpen: !closing,
            canClose: closing,
          });
        }
        index += tag[0].length;
      } else if (uri || email) {
        flush();
        const label = (uri ?? email)![1];
        nodes.push(...link(doc, email ? `mailto:${label}` : label, [doc.createTextNode(label)]));
        index += label.length + 2;
      } else {
        plain += character;
        index++;
      }
    } else if (character === '&' && (found = entityAt(text, index))) {
      const [decoded, length] = found;
      plain += decoded;
      index += length;
    } else {
      const bare = /[a-zA-Z\d]/.test(character) ? linkAt(text, index) : undefined;
      if (bare) {
        flush();
        nodes.push(...link(doc, bare.url, [doc.createTextNode(bare.text)]));
        index += bare.text.length;
      } else {
        plain += character;
        index++;
      }
    }
  }
  flush();
  resolveEmphasis(doc, nodes, delimiters, 0);
  return nodes;
}
