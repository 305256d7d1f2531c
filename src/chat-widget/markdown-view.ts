import {html} from 'lit';
import {messageText} from '../messages/message.js';
import {linkedPieces, viewParts, type ViewContext} from './message-views.js';
import type {RichContent} from './rich-views.js';

type RichViews = typeof import('./rich-views.js');
import type {MarkdownLabels, MarkdownStream} from '../markdown/markdown.js';

type Renderer = typeof import('../markdown/markdown.js');

/** What the markdown views tell the element. */
export interface MarkdownHost {
  /** The renderer has loaded: its stylesheet is to be adopted, and markdown drawn again. */
  loaded(styles: string): void;
  /** The renderer could not load (a chunk blocked or offline): markdown stays plain text. */
  failed(error: Error): void;
  /** The words the renderer shows (its copy button, a table's name), in the widget's language. */
  labels(): MarkdownLabels;
}

/** A markdown text as literal text: what shows until the renderer has loaded. */
const plain = (text: string) => html`<span class="text" dir="auto">${text}</span>`;

/**
 * Draws markdown messages for the element. The renderer is reached only through a
 * dynamic import, so pages that never show markdown never load it; until it has
 * loaded, markdown shows as plain text. A finished message is drawn once and its
 * nodes kept; the streaming bubble grows through one `MarkdownStream`, whose nodes
 * the finished message takes over, so nothing is parsed twice or redrawn.
 */
export class MarkdownViews {
  readonly #host: MarkdownHost;
  #renderer?: Renderer;
  #loading = false;
  #rich?: RichViews;
  #richLoading = false;
  #parts?: ReturnType<typeof viewParts>;
  /** The drawn nodes of each finished message. */
  #drawn = new WeakMap<object, HTMLElement>();
  /** The bubble being streamed: its text so far, its container and the stream writing into it. */
  #stream?: {text: string; element: HTMLElement; writer: MarkdownStream};

  constructor(host: MarkdownHost) {
    this.#host = host;
  }

  /** A finished markdown message (`key` is the message). */
  message(key: object, text: string): unknown {
    const renderer = this.#load();
    if (!renderer) return plain(text);
    let element = this.#drawn.get(key);
    if (!element) {
      const stream = this.#stream;
      if (stream?.text === text) {
        // The stream just ended as this message: its nodes are already drawn.
        stream.writer.finish();
        element = stream.element;
        this.#stream = undefined;
      } else {
        element = container();
        element.append(renderer.renderMarkdown(text, element.ownerDocument, this.#host.labels()));
      }
      this.#drawn.set(key, element);
    }
    return element;
  }

  /** The bubble a markdown stream is writing into, `text` being all that arrived so far. */
  streaming(text: string): unknown {
    const renderer = this.#load();
    if (!renderer) return plain(text);
    let stream = this.#stream;
    if (!stream || !text.startsWith(stream.text)) {
      const element = container();
      stream = this.#stream = {
        text: '',
        element,
        writer: new renderer.MarkdownStream(element, this.#host.labels()),
      };
    }
    // Only what is new is parsed: the stream keeps its closed blocks as they are.
    stream.writer.append(text.slice(stream.text.length));
    stream.text = text;
    return stream.element;
  }

  /**
   * A card, carousel, medium, file or place. Their views come in a file of their
   * own the first time one is shown; until then the message shows as its plain text.
   */
  rich(content: RichContent, context: ViewContext): unknown {
    if (!this.#rich && !this.#richLoading) {
      this.#richLoading = true;
      import('./rich-views.js').then(
        (views) => {
          this.#rich = views;
          this.#host.loaded(views.richStyles);
        },
        (error: unknown) => {
          this.#richLoading = false;
          this.#host.failed(new Error(`Rich messages did not load: ${String(error)}`));
        }
      );
    }
    return this.#rich
      ? this.#rich.richView(content, context, (this.#parts ??= viewParts()))
      : plain(messageText(content));
  }

  /**
   * A plain text with its URLs, `www.` and email addresses as links. The finder
   * comes with the renderer, so text with nothing that could be a link never
   * loads it, and a text that could shows literal until it has loaded.
   */
  linked(text: string): unknown {
    const renderer = mayHoldLinks.test(text) ? this.#load() : undefined;
    return renderer ? linkedPieces(renderer.findLinks(text)) : text;
  }

  /** No stream is shown any more (it was discarded, or became a message): its state goes. */
  endStream(): void {
    this.#stream = undefined;
  }

  #load(): Renderer | undefined {
    if (!this.#renderer && !this.#loading) {
      this.#loading = true;
      import('../markdown/markdown.js').then(
        (renderer) => {
          this.#renderer = renderer;
          this.#host.loaded(renderer.markdownStyles);
        },
        (error: unknown) => this.#host.failed(new Error(`Markdown did not load: ${String(error)}`))
      );
    }
    return this.#renderer;
  }
}

/** Everything `findLinks()` can find has one of these: a cheap test before loading it. */
const mayHoldLinks = /https?:\/\/|www\.|@/i;

const container = () => {
  const element = document.createElement('div');
  element.className = 'markdown';
  // The message's direction follows its first words; each paragraph's follows its own (see the styles).
  element.dir = 'auto';
  return element;
};
