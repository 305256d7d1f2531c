import {markdownStrings} from '../i18n/strings.js';
import {asciiPunctuation, createElement, renderInline} from './inline.js';

export {markdownStyles} from './markdown.styles.js';
// For the element's plain text messages: their URLs become links with the same rules.
export {findLinks} from './autolink.js';

/**
 * Safe, streaming markdown for chat bubbles: CommonMark blocks (paragraphs,
 * ATX headings, fenced code, block quotes, nested lists, thematic breaks) and
 * GFM tables, with the inline constructs of ./inline.ts. It builds DOM nodes
 * with createElement and text nodes, never parsing a string as HTML, so raw
 * HTML shows as text and only checked URLs become links or images.
 *
 * Lines are parsed as they complete, after CommonMark's block algorithm: each
 * line continues or closes the open blocks, then may open new ones. A closed
 * block is drawn once and never touched again; only the one open leaf (the
 * paragraph, code block or table being written) is drawn again as it grows.
 * The unfinished last line is drawn tentatively and taken back when more text
 * arrives, so a half-written line shows at once and settles when complete.
 *
 * Not drawn as such (shown as text instead): setext headings (`Title\n===`),
 * indented code blocks (as in Botpress's webchat: a chat reply's indentation
 * is rarely code), link reference definitions and HTML blocks.
 */

type Kind = 'document' | 'quote' | 'list' | 'item' | 'paragraph' | 'heading' | 'code' | 'table' | 'rule';

interface Block {
  kind: Kind;
  /** Where its children or content go. */
  element: Element | DocumentFragment;
  /** The node placed in the parent (a code block's and a table's wrapper). */
  outer: ChildNode | DocumentFragment;
  parent?: Block;
  children: Block[];
  open: boolean;
  /** A leaf's text, line by line. */
  lines: string[];
  /** A list's marker (`-`, `*`, `+`, `.` or `)`), which its items must share. */
  marker?: string;
  /** An item's content column: continuation lines indented this far belong to it. */
  indent?: number;
  /** A code block's fence (` ``` ` or `~~~`, at least three) and the fence's own indentation. */
  fence?: string;
  fenceIndent?: number;
  /** A table's column alignments. */
  align?: string[];
  /** Taken out again (a tentative block, or a paragraph that became a table): nothing to draw. */
  removed?: boolean;
}

/**
 * The words the renderer itself shows or reads out, in the page's language
 * (the element passes its interface strings; English by default). The copy
 * button shows `copy`, is named `copyCode`, and says `copied` or `copyFailed`
 * for two seconds; `table` names a table's scrolling region.
 */
export type MarkdownLabels = typeof markdownStrings;

/** Which blocks may hold which: lists hold only items, leaves hold nothing. */
const canContain = (parent: Kind, child: Kind) =>
  parent === 'list' ? child === 'item' : ['document', 'quote', 'item'].includes(parent) && child !== 'item';

const isBlank = (text: string) => /^[ \t]*$/.test(text);

const isLeaf = (kind: Kind) => ['paragraph', 'heading', 'code', 'table', 'rule'].includes(kind);

/** Columns of white space from `position`, and where it ends; a tab advances to the next multiple of four. */
function indentation(line: string, position: number) {
  let column = 0;
  for (let index = 0; index < position; index++)
    column = line[index] === '\t' ? column + 4 - (column % 4) : column + 1;
  const start = column;
  let end = position;
  while (line[end] === ' ' || line[end] === '\t') {
    column = line[end] === '\t' ? column + 4 - (column % 4) : column + 1;
    end++;
  }
  return {width: column - start, end};
}

/** Skips up to `columns` columns of white space from `position`. */
function skipColumns(line: string, position: number, columns: number) {
  let skipped = 0;
  while (skipped < columns && (line[position] === ' ' || line[position] === '\t')) {
    skipped +=
      line[position] === '\t' ? indentation(line, position).width - indentation(line, position + 1).width : 1;
    position++;
  }
  return position;
}

const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const atxHeading = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const openingFence = /^(`{3,}(?!.*`)|~{3,})[ \t]*(\S*)/;
const listMarker = /^(?:([-+*])|(\d{1,9})([.)]))(?=[ \t]|$)/;
const tableDelimiterRow = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** A table row's cells: split on `|` that is not escaped, without the outer pipes. */
function tableCells(line: string): string[] {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/);
  return cells.map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/**
 * Draws markdown into a container as it arrives, chunk by chunk (an LLM's
 * tokens), then settles it with `finish()`. Closed blocks keep their DOM
 * nodes; see the module comment for how.
 *
 * @example
 * const stream = new MarkdownStream(bubble);
 * for await (const token of tokens) stream.append(token);
 * stream.finish();
 */
export class MarkdownStream {
  readonly #doc: Document;
  readonly #root: Block;
  readonly #labels: MarkdownLabels;
  /** Text after the last line break: the line still being written. */
  #tail = '';
  /** How to take back what the tentative last line did, newest last; empty outside a tentative pass. */
  #undo: Array<() => void> = [];
  #tentative = false;
  /** Leaves whose lines changed since they were last drawn. */
  #dirty = new Set<Block>();
  #finished = false;

  constructor(container: Element | DocumentFragment, labels: Partial<MarkdownLabels> = {}) {
    if (!(container instanceof Node) || !('append' in container)) {
      throw new TypeError(
        `MarkdownStream needs an element or fragment to draw into, got ${String(container)}`
      );
    }
    this.#doc = container.ownerDocument!;
    this.#labels = {...markdownStrings, ...labels};
    this.#root = {
      kind: 'document',
      element: container,
      outer: container,
      children: [],
      open: true,
      lines: [],
    };
  }

  /** Adds the next piece of the text and draws what it changes. */
  append(chunk: string): void {
    if (typeof chunk !== 'string')
      throw new TypeError(`MarkdownStream.append needs a string, got ${typeof chunk}`);
    if (this.#finished) throw new TypeError('MarkdownStream.append was called after finish()');
    // Nothing new (the element draws again as the visitor types): what is drawn stays as it is.
    if (!chunk) return;
    this.#takeBackTentative();
    const lines = (this.#tail + chunk).split('\n');
    this.#tail = lines.pop()!;
    for (const line of lines) this.#line(line.replace(/\r$/, ''));
    // The unfinished line, drawn as if complete, then taken back on the next call.
    if (this.#tail && this.#tail !== '\r') {
      this.#tentative = true;
      this.#line(this.#tail.replace(/\r$/, ''));
      this.#tentative = false;
    }
    this.#draw();
  }

  /** The text is complete: the last line is parsed for good and every block closes. */
  finish(): void {
    if (this.#finished) return;
    this.#takeBackTentative();
    if (this.#tail) this.#line(this.#tail.replace(/\r$/, ''));
    this.#tail = '';
    for (let block = this.#tip(); block !== this.#root; block = block.parent!) this.#close(block);
    this.#draw();
    this.#finished = true;
  }

  /** The deepest open block. */
  #tip(): Block {
    let block = this.#root;
    for (let last = block.children.at(-1); last?.open; last = block.children.at(-1)) block = last;
    return block;
  }

  #takeBackTentative() {
    const undo = this.#undo;
    this.#undo = [];
    while (undo.length) undo.pop()!();
  }

  /** Records how to reverse a change, when it is part of the tentative pass. */
  #record(reverse: () => void) {
    if (this.#tentative) this.#undo.push(reverse);
  }

  #draw() {
    for (const block of this.#dirty) if (!block.removed) this.#drawLeaf(block);
    this.#dirty.clear();
  }

  #close(block: Block) {
    if (!block.open) return;
    block.open = false;
    this.#record(() => (block.open = true));
  }

  #pushLine(block: Block, line: string) {
    block.lines.push(line);
    this.#dirty.add(block);
    this.#record(() => {
      block.lines.pop();
      this.#dirty.add(block);
    });
  }

  /** Closes blocks from the tip until one can hold `kind`, then adds a new block of that kind there. */
  #add(parent: Block, kind: Kind, build: (block: Block) => void = () => {}): Block {
    for (let tip = this.#tip(); tip !== parent; tip = tip.parent!) this.#close(tip);
    while (!canContain(parent.kind, kind)) {
      this.#close(parent);
      parent = parent.parent!;
    }
    const tag = {
      quote: 'blockquote',
      list: 'ul',
      item: 'li',
      paragraph: 'p',
      heading: 'h1',
      code: 'pre',
      table: 'table',
      rule: 'hr',
    }[kind as Exclude<Kind, 'document'>];
    const element = this.#doc.createElement(tag);
    const block: Block = {kind, element, outer: element, parent, children: [], open: true, lines: []};
    build(block);
    parent.children.push(block);
    parent.element.append(block.outer);
    this.#dirty.add(block);
    this.#record(() => {
      parent.children.pop();
      block.outer.parentNode?.removeChild(block.outer);
      block.removed = true;
    });
    return block;
  }

  /** One complete line: CommonMark's three steps (continue open blocks, open new ones, add the text). */
  #line(line: string) {
    // 1. Which open blocks does this line continue?
    let matched = this.#root;
    let position = 0;
    for (let child = matched.children.at(-1); child?.open; child = matched.children.at(-1)) {
      const next = this.#continues(child, line, position);
      if (next === undefined) break;
      position = next;
      matched = child;
      if (isLeaf(child.kind)) break;
    }
    const tip = this.#tip();
    // 2. New containers and leaves, innermost last.
    let container = matched;
    let opened = false;
    while (container.kind !== 'code' && container.kind !== 'heading') {
      const {width, end} = indentation(line, position);
      if (width >= 4) break;
      const rest = line.slice(end);
      if (rest[0] === '>') {
        container = this.#add(container, 'quote');
        position = end + 1;
        if (line[position] === ' ' || line[position] === '\t') position = skipColumns(line, position, 1);
        opened = true;
        continue;
      }
      const heading = atxHeading.exec(rest);
      if (heading) {
        container = this.#add(container, 'heading', (block) => {
          block.element = block.outer = this.#doc.createElement(`h${heading[1].length}`);
        });
        this.#pushLine(container, (heading[2] ?? '').replace(/(?:^|[ \t]+)#+$/, ''));
        position = line.length;
        opened = true;
        break;
      }
      const fence = openingFence.exec(rest);
      if (fence) {
        container = this.#add(container, 'code', (block) =>
          this.#buildCode(block, unescapeInfo(fence[2]), fence[1], width)
        );
        position = line.length;
        opened = true;
        break;
      }
      if (
        container.kind === 'paragraph' &&
        tableDelimiterRow.test(rest) &&
        rest.includes('|') &&
        tableCells(rest).length === tableCells(container.lines.at(-1)!).length
      ) {
        container = this.#startTable(container, rest);
        position = line.length;
        opened = true;
        break;
      }
      if (thematicBreak.test(rest)) {
        container = this.#add(container, 'rule');
        position = line.length;
        opened = true;
        break;
      }
      const marker = listMarker.exec(rest);
      if (marker) {
        const afterMarker = indentation(line, end + marker[0].length);
        const empty = afterMarker.end === line.length;
        const ordered = marker[2] !== undefined;
        // Only a list that plainly starts one may interrupt a paragraph (`1.`, `-`, not `7.` or an empty item).
        if (container.kind !== 'paragraph' || (!empty && (!ordered || marker[2] === '1'))) {
          const listKind = marker[1] ?? marker[3];
          const contentStart = empty || afterMarker.width > 4 ? 1 : afterMarker.width;
          let list = container;
          if (list.kind !== 'list' || list.marker !== listKind) {
            list = this.#add(container, 'list', (block) => {
              block.marker = listKind;
              const start = Number(marker[2]);
              if (ordered)
                block.element = block.outer = createElement(this.#doc, 'ol', {
                  start: start !== 1 ? String(start) : '',
                });
            });
          }
          container = this.#add(
            list,
            'item',
            (block) => (block.indent = width + marker[0].length + contentStart)
          );
          position = empty ? line.length : skipColumns(line, end + marker[0].length, contentStart);
          opened = true;
          continue;
        }
      }
      break;
    }
    // 3. The rest of the line is text (`>` alone is a blank line inside a quote).
    const blank = isBlank(line.slice(position));
    if (!opened && matched !== tip && !blank && tip.kind === 'paragraph') {
      // A lazy continuation line: `> a` then `b` continues the quoted paragraph.
      this.#pushLine(tip, line.slice(position));
      return;
    }
    for (let block = this.#tip(); block !== container && block !== this.#root; block = block.parent!) {
      if (block === matched) break;
      this.#close(block);
    }
    if (container.kind === 'code') {
      if (!opened) this.#codeLine(container, line, position);
    } else if (container.kind === 'heading' || container.kind === 'rule') {
      this.#close(container);
    } else if ((container.kind === 'paragraph' || container.kind === 'table') && !opened) {
      this.#pushLine(container, line.slice(position));
    } else if (!blank && !isLeaf(container.kind)) {
      const paragraph = this.#add(container, 'paragraph');
      this.#pushLine(paragraph, line.slice(indentation(line, position).end));
    }
  }

  /** Whether an open block goes on with this line, and from where the rest of the line is read. */
  #continues(block: Block, line: string, position: number): number | undefined {
    const {width, end} = indentation(line, position);
    const blank = end === line.length;
    switch (block.kind) {
      case 'quote':
        if (width >= 4 || line[end] !== '>') return undefined;
        return line[end + 1] === ' ' || line[end + 1] === '\t' ? skipColumns(line, end + 1, 1) : end + 1;
      case 'item':
        // A blank line stays in an item that has content; an item may start with one blank line only.
        if (blank) return block.children.length ? end : undefined;
        return width >= block.indent! ? skipColumns(line, position, block.indent!) : undefined;
      case 'list':
        return position;
      case 'code':
        return position;
      case 'paragraph':
      case 'table':
        return blank ? undefined : position;
      default:
        return undefined;
    }
  }

  #buildCode(block: Block, language: string, fence: string, indent: number) {
    const doc = this.#doc;
    const wrapper = createElement(doc, 'div', {class: 'code-block'});
    const labels = this.#labels;
    const button = createElement(doc, 'button', {
      type: 'button',
      class: 'copy',
      'aria-label': labels.copyCode,
    });
    button.textContent = labels.copy;
    const pre = doc.createElement('pre');
    const code = createElement(doc, 'code', {class: language && `language-${language}`});
    button.addEventListener('click', () => copyCode(button, code.textContent ?? '', labels));
    pre.append(code);
    wrapper.append(button, pre);
    block.outer = wrapper;
    block.element = code;
    block.fence = fence;
    block.fenceIndent = indent;
  }

  /** A line inside a fenced code block: its text, or the closing fence. */
  #codeLine(block: Block, line: string, position: number) {
    const {width, end} = indentation(line, position);
    const rest = line.slice(end);
    const fence = block.fence!;
    if (width < 4 && rest.startsWith(fence) && new RegExp(`^\\${fence[0]}+[ \\t]*$`).test(rest)) {
      this.#close(block);
      return;
    }
    this.#pushLine(block, line.slice(skipColumns(line, position, block.fenceIndent!)));
  }

  /** A paragraph's last line was a header row and this line the delimiter row: a table from here on. */
  #startTable(paragraph: Block, delimiterRow: string): Block {
    const header = paragraph.lines.at(-1)!;
    paragraph.lines.pop();
    this.#dirty.add(paragraph);
    this.#record(() => {
      paragraph.lines.push(header);
      this.#dirty.add(paragraph);
    });
    const parent = paragraph.parent!;
    if (!paragraph.lines.length) {
      // The header was the paragraph's only line: the paragraph was never one.
      parent.children.pop();
      paragraph.outer.parentNode?.removeChild(paragraph.outer);
      paragraph.removed = true;
      this.#record(() => {
        parent.children.push(paragraph);
        parent.element.append(paragraph.outer);
        paragraph.removed = false;
      });
    }
    const table = this.#add(parent, 'table', (block) => {
      // A focusable, named region, so keyboard users can scroll a wide table.
      const wrapper = createElement(this.#doc, 'div', {
        class: 'table',
        role: 'region',
        'aria-label': this.#labels.table,
        tabindex: '0',
      });
      wrapper.append(block.element);
      block.outer = wrapper;
      block.align = tableCells(delimiterRow).map((cell) =>
        cell.endsWith(':') ? (cell.startsWith(':') ? 'center' : 'right') : cell.startsWith(':') ? 'left' : ''
      );
    });
    this.#pushLine(table, header);
    return table;
  }

  #drawLeaf(block: Block) {
    const doc = this.#doc;
    const element = block.element as Element;
    switch (block.kind) {
      case 'paragraph':
        element.replaceChildren(
          ...renderInline(
            block.lines
              .map((line) => line.trimStart())
              .join('\n')
              .trimEnd(),
            doc
          )
        );
        break;
      case 'heading':
        element.replaceChildren(...renderInline(block.lines[0].trim(), doc));
        break;
      case 'code':
        element.textContent = block.lines.length ? `${block.lines.join('\n')}\n` : '';
        break;
      case 'table':
        element.replaceChildren(...this.#tableParts(block));
        break;
    }
  }

  /** A table's head (its first line) and body (the rest), each row cut or padded to the header's width. */
  #tableParts(block: Block): Element[] {
    const doc = this.#doc;
    const row = (line: string, cellTag: string) => {
      const tr = doc.createElement('tr');
      const cells = tableCells(line);
      block.align!.forEach((align, column) => {
        const cell = createElement(doc, cellTag, {align});
        cell.append(...renderInline(cells[column] ?? '', doc));
        tr.append(cell);
      });
      return tr;
    };
    const head = doc.createElement('thead');
    head.append(row(block.lines[0], 'th'));
    if (block.lines.length === 1) return [head];
    const body = doc.createElement('tbody');
    body.append(...block.lines.slice(1).map((line) => row(line, 'td')));
    return [head, body];
  }
}

/** A fence's info string: its first word, escapes resolved (` ```js ` → `js`). */
const escapedPunctuation = new RegExp(`\\\\(${asciiPunctuation.source})`, 'g');
const unescapeInfo = (info: string) => info.replace(escapedPunctuation, '$1');

/** Copies a code block's text and says so on the button (its text and name) for two seconds. */
function copyCode(button: HTMLElement, text: string, labels: MarkdownLabels) {
  const say = (words: string, name: string) => {
    button.textContent = words;
    button.setAttribute('aria-label', name);
  };
  const report = (words: string) => {
    say(words, words);
    setTimeout(() => say(labels.copy, labels.copyCode), 2000);
  };
  navigator.clipboard.writeText(text).then(
    () => report(labels.copied),
    () => report(labels.copyFailed)
  );
}

/**
 * Draws a whole markdown text at once, into a fragment to append where it is
 * shown. Same result as streaming it with `MarkdownStream` and `finish()`.
 */
export function renderMarkdown(
  text: string,
  doc: Document = document,
  labels: Partial<MarkdownLabels> = {}
): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  const stream = new MarkdownStream(fragment, labels);
  stream.append(text);
  stream.finish();
  return fragment;
}
