// Voiceflow's rich text (Slate) as markdown, for the markdown renderer to draw.
// The marks follow Voiceflow's own serializer (@voiceflow/slate-serializer,
// `serializeToMarkdown`): `fontWeight` is bold, `italic`, `strikeThrough`,
// `underline`, `link` elements and `variable` elements ({name}). Unlike theirs,
// the literal text is escaped, so a bot's `*` or `[` stays a character, and
// underline is `++…++` (markdown-it-ins) rather than HTML.
import {linkUrl} from '../messages/message.js';

/** A Slate text leaf as Voiceflow writes it. */
interface SlateText {
  text: string;
  fontWeight?: string;
  italic?: boolean;
  underline?: boolean;
  strikeThrough?: boolean;
}

/** A Slate element: a paragraph (no type), a link or a variable. */
interface SlateElement {
  type?: string;
  url?: string;
  name?: string;
  children: unknown[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isText = (node: unknown): node is SlateText => isRecord(node) && typeof node.text === 'string';

const isElement = (node: unknown): node is SlateElement => isRecord(node) && Array.isArray(node.children);

/** The marks of a leaf, innermost first, as markdown delimiters. */
function marks(leaf: SlateText): string[] {
  const found: string[] = [];
  if (leaf.italic) found.push('*');
  if (leaf.underline) found.push('++');
  if (leaf.strikeThrough) found.push('~~');
  if (leaf.fontWeight && leaf.fontWeight !== 'normal' && leaf.fontWeight !== '400') found.push('**');
  return found;
}

/**
 * Literal text made safe for markdown: every ASCII punctuation character that
 * markdown (or the `++` and `~~` extensions) gives a meaning is backslash-escaped,
 * and a line break stays a line break.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~[\]()<>#+\-!|{}&.]/g, '\\$&').replace(/\r?\n/g, '\\\n');
}

/** A link destination markdown reads whole: no spaces, angle brackets or parentheses. */
const destination = (url: string) =>
  url.replace(
    /[\s<>()]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  );

/** Leaves side by side with the same marks, joined, so `**a****b**` never happens. */
function leaves(nodes: readonly unknown[]): string {
  let out = '';
  let run: {marks: string[]; text: string} | undefined;
  const flush = () => {
    if (run) out += wrap(run.text, run.marks);
    run = undefined;
  };
  for (const node of nodes) {
    if (isText(node)) {
      const these = marks(node);
      if (run && run.marks.join() === these.join()) run.text += node.text;
      else {
        flush();
        run = {marks: these, text: node.text};
      }
      continue;
    }
    flush();
    if (isElement(node)) out += element(node);
  }
  flush();
  return out;
}

/** Text in its marks; the spaces around it stay outside them, where markdown needs them. */
function wrap(text: string, delimiters: readonly string[]): string {
  if (!text.trim() || !delimiters.length) return escapeMarkdown(text);
  const [, before, inner, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  let marked = escapeMarkdown(inner);
  for (const delimiter of delimiters) marked = `${delimiter}${marked}${delimiter}`;
  return before + marked + after;
}

function element(node: SlateElement): string {
  const inner = leaves(node.children);
  if (node.type === 'variable' && typeof node.name === 'string') return escapeMarkdown(`{${node.name}}`);
  if (node.type !== 'link') return inner;
  // Voiceflow strips white space from link URLs; a scheme other than http(s), mailto or tel is text.
  const url = linkUrl(typeof node.url === 'string' ? node.url.replace(/\s+/g, '') : undefined);
  return url ? `[${inner || escapeMarkdown(url)}](${destination(url)})` : inner;
}

/**
 * Voiceflow's Slate content as markdown: each top-level element a paragraph
 * (empty ones are the blank lines between them). Anything that is not Slate is
 * left out. Returns '' when nothing readable is there.
 */
export function slateToMarkdown(content: readonly unknown[]): string {
  return content
    .map((node) => (isElement(node) ? leaves(node.children) : isText(node) ? leaves([node]) : ''))
    .filter((paragraph) => paragraph.trim())
    .join('\n\n');
}
