// The dialog engine of the demo pages in other languages (arabic.html, japanese.html):
// set as the widget's `bot`, it answers each turn from the page's own table, in the
// page's language. It is a demo, not a language model: it looks for a few words in
// what the visitor writes, and routes buttons by their payload.

/** The demo's hat pictures: a coloured swatch drawn inline (an SVG data URL), so the demos stay offline. */
export const swatch = (colour) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="${colour}"/><ellipse cx="160" cy="120" rx="110" ry="22" fill="#0003"/><path d="M90 120q0-70 70-70t70 70z" fill="#fff6"/></svg>`)}`;

/** A hat of the catalogue as a card: its swatch, a button asking for more (payload `more:<id>`) and a link to the size guide. */
export const hatCard = ({id, title, text, colour}, labels) => ({
  title,
  text,
  image: swatch(colour),
  alt: '',
  buttons: [
    {label: labels.more, payload: `more:${id}`},
    {label: labels.sizeGuide, url: 'https://example.com/size-guide'},
  ],
});

/**
 * Text as the engine compares it, so that the ways people type one word match:
 * full- and half-width forms folded (NFKC: `ｻｲｽﾞ` is `サイズ`), lower case, and
 * Arabic without its optional marks (short vowels, tatweel) and with one form
 * each of alef, ta marbuta and alef maqsura (`أهلاً` is `اهلا`).
 */
export function comparable(text) {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي');
}

/**
 * A dialog function answering from `table`:
 * - `routes`: `[{words, reply}]`, tried in order: the first whose words one of
 *   appears in the visitor's text answers (as a substring: Japanese has no
 *   spaces, and Arabic joins "the", "and" and "with" to the word);
 * - `buttons`: replies by button payload (a button's label is only what the visitor sees);
 * - `fallback`: the answer to anything else.
 * Replies are any messages `reply()` takes.
 */
export function languageBot({routes, buttons, fallback}) {
  const matchable = routes.map(({words, reply}) => ({words: words.map(comparable), reply}));
  return async (turn) => {
    const text = comparable(turn.text);
    const reply =
      (typeof turn.payload === 'string' && buttons[turn.payload]) ||
      matchable.find(({words}) => words.some((word) => text.includes(word)))?.reply ||
      fallback;
    // A moment's thought, so the typing indicator shows as it would with a real bot.
    await new Promise((resolve) => setTimeout(resolve, 600));
    return reply;
  };
}
