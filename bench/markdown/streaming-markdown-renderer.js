// The alternative measured against src/markdown (README, "Markdown"): streaming-markdown's
// parser with a safe renderer of our own, feature-matched where it can be (checked link and
// image schemes, new-tab links, copy button, scrolling table region). Not shipped; run by
// bench/markdown/compare.mjs after `npm install --no-save streaming-markdown@0.2.15`.
import * as smd from 'streaming-markdown';
import {linkUrl, safeUrl} from '../../src/messages/message.ts';

const tags = {
  [smd.BLOCKQUOTE]: 'blockquote',
  [smd.PARAGRAPH]: 'p',
  [smd.LINE_BREAK]: 'br',
  [smd.RULE]: 'hr',
  [smd.HEADING_1]: 'h1',
  [smd.HEADING_2]: 'h2',
  [smd.HEADING_3]: 'h3',
  [smd.HEADING_4]: 'h4',
  [smd.HEADING_5]: 'h5',
  [smd.HEADING_6]: 'h6',
  [smd.ITALIC_AST]: 'em',
  [smd.ITALIC_UND]: 'em',
  [smd.STRONG_AST]: 'strong',
  [smd.STRONG_UND]: 'strong',
  [smd.STRIKE]: 'del',
  [smd.CODE_INLINE]: 'code',
  [smd.RAW_URL]: 'a',
  [smd.LINK]: 'a',
  [smd.IMAGE]: 'img',
  [smd.LIST_UNORDERED]: 'ul',
  [smd.LIST_ORDERED]: 'ol',
  [smd.LIST_ITEM]: 'li',
  [smd.TABLE_ROW]: 'tr',
  [smd.EQUATION_BLOCK]: 'div',
  [smd.EQUATION_INLINE]: 'span',
  [smd.CHECKBOX]: 'span',
};

function copyCode(button, text) {
  const say = (label) => {
    button.textContent = label;
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  };
  navigator.clipboard.writeText(text).then(
    () => say('Copied'),
    () => say('Copy failed')
  );
}

function safeRenderer(root) {
  const doc = root.ownerDocument;
  const stack = [root];
  const top = () => stack[stack.length - 1];
  return {
    data: undefined,
    add_token(_, type) {
      let parent = top();
      let slot;
      if (type === smd.DOCUMENT) return;
      if (type === smd.CODE_BLOCK || type === smd.CODE_FENCE) {
        const wrapper = parent.appendChild(doc.createElement('div'));
        wrapper.setAttribute('class', 'code-block');
        const button = wrapper.appendChild(doc.createElement('button'));
        button.setAttribute('type', 'button');
        button.setAttribute('class', 'copy');
        button.setAttribute('aria-label', 'Copy code');
        button.textContent = 'Copy';
        parent = wrapper.appendChild(doc.createElement('pre'));
        slot = doc.createElement('code');
        button.addEventListener('click', () => copyCode(button, slot.textContent));
      } else if (type === smd.TABLE) {
        const wrapper = parent.appendChild(doc.createElement('div'));
        wrapper.setAttribute('class', 'table');
        wrapper.setAttribute('role', 'region');
        wrapper.setAttribute('aria-label', 'Table');
        wrapper.setAttribute('tabindex', '0');
        parent = wrapper;
        slot = doc.createElement('table');
      } else if (type === smd.TABLE_ROW) {
        const section = parent.children.length === 0 ? 'thead' : 'tbody';
        parent =
          parent.children.length === 2 ? parent.children[1] : parent.appendChild(doc.createElement(section));
        slot = doc.createElement('tr');
      } else if (type === smd.TABLE_CELL) {
        slot = doc.createElement(parent.parentElement?.localName === 'thead' ? 'th' : 'td');
      } else {
        slot = doc.createElement(tags[type] ?? 'span');
      }
      stack.push(parent.appendChild(slot));
    },
    end_token() {
      stack.pop();
    },
    add_text(_, text) {
      const node = top();
      if (node.localName === 'img') node.setAttribute('alt', (node.getAttribute('alt') ?? '') + text);
      else node.appendChild(doc.createTextNode(text));
    },
    set_attr(_, type, value) {
      const node = top();
      if (type === smd.HREF) {
        const href = linkUrl(value);
        if (href) {
          node.setAttribute('href', href);
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
      } else if (type === smd.SRC) {
        const src = safeUrl(value);
        if (src && /^https?:/i.test(src)) node.setAttribute('src', src);
      } else if (type === smd.LANG) {
        node.setAttribute('class', `language-${value}`);
      } else if (type === smd.START) {
        node.setAttribute('start', String(Number(value)));
      }
    },
  };
}

export class MarkdownStream {
  #parser;
  constructor(container) {
    this.#parser = smd.parser(safeRenderer(container));
  }
  append(chunk) {
    smd.parser_write(this.#parser, chunk);
  }
  finish() {
    smd.parser_end(this.#parser);
  }
}

export function renderMarkdown(text, doc = document) {
  const fragment = doc.createDocumentFragment();
  const stream = new MarkdownStream(fragment);
  stream.append(text);
  stream.finish();
  return fragment;
}
