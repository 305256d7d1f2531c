import type {BubbleDrawing} from '../connectors/connector.js';

/** Runs a page's code: what it throws is logged, never thrown into the widget. */
function guarded(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    console.error(`<chat-widget> drawing threw: ${error}`);
  }
}

/**
 * Bubbles whose content a page's own code draws (a Voiceflow extension's
 * `render`), by message id. The element gives each bubble's node to `drawInto`
 * once it is on screen; each node is drawn once, and the cleanups the drawings
 * return run on `clear()` (reset, removal).
 */
export class BubbleDrawings {
  readonly #drawings = new Map<string, BubbleDrawing>();
  readonly #drawn = new WeakSet<HTMLElement>();
  #cleanups: Array<() => void> = [];

  add(id: string, draw: BubbleDrawing): void {
    this.#drawings.set(id, draw);
  }

  has(id: string): boolean {
    return this.#drawings.has(id);
  }

  /** Draws the bubble `id` into `element`, unless that element has it already. */
  drawInto(id: string, element: HTMLElement): void {
    const draw = this.#drawings.get(id);
    if (!draw || this.#drawn.has(element)) return;
    this.#drawn.add(element);
    const cleanup = guarded(() => draw(element));
    if (typeof cleanup === 'function') this.#cleanups.push(cleanup as () => void);
  }

  /** Forgets every drawing, running their cleanups. */
  clear(): void {
    for (const cleanup of this.#cleanups.splice(0)) guarded(cleanup);
    this.#drawings.clear();
  }
}
