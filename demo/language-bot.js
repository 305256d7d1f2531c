// The dialog engine of the demo pages in other languages (arabic.html, japanese.html):
// set as the widget's `bot`, it answers each turn from the page's own table, in the
// page's language. It is a demo, not a language model: it looks for a few words in
// what the visitor writes, and routes buttons by their payload.

/** The demo's hat pictures: a coloured swatch drawn inline (an SVG data URL), so the demos stay offline. */
const swatch = (colour) =>
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
function comparable(text) {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي');
}

/**
 * A dialog function: `routes` (`[{words, reply}]`) are tried in order, and the
 * first with one of its words in the visitor's text answers (as a substring:
 * Japanese has no spaces, and Arabic joins "the", "and" and "with" to the
 * word); `buttons` answer a button by its payload (a button's label is only
 * what the visitor sees); `fallback` answers anything else.
 */
function wordBot({routes, buttons, fallback}) {
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

/**
 * The hat shop's assistant in one language, from that language's table:
 * - `hats`: the catalogue (`{id, title, text, colour}`; ids `fedora`, `beanie`, `bucket`, `beret`),
 *   and `cardButtons`: its cards' button labels (`{more, sizeGuide}`);
 * - `words`: what a visitor may write, for each route: `sizes`, `shipping`, `returns`, `hats`, `greeting`;
 * - `answers`: `sizes` and `shipping` in markdown; `returns`, `greeting` and `fallback` (any messages `reply()` takes);
 *   `choice`, the question asked about hats and its buttons' labels (`{text, warm, sun, all}`: something
 *   warm shows the beanie, something for the sun the bucket hat, all the whole range as a carousel);
 *   `everything`, what is said before the carousel; `details(hat)`, a hat's "more" in markdown.
 */
export function hatShopBot({hats, cardButtons, words, answers}) {
  const card = (hat) => hatCard(hat, cardButtons);
  const hat = (id) => hats.find((each) => each.id === id);
  const markdown = (text) => ({type: 'markdown', text});
  const shipping = markdown(answers.shipping);
  const choice = {
    type: 'choice',
    text: answers.choice.text,
    buttons: ['warm', 'sun', 'all'].map((payload) => ({label: answers.choice[payload], payload})),
  };
  return wordBot({
    routes: [
      {words: words.sizes, reply: markdown(answers.sizes)},
      {words: words.shipping, reply: shipping},
      {words: words.returns, reply: answers.returns},
      {words: words.hats, reply: choice},
      {words: words.greeting, reply: answers.greeting},
    ],
    buttons: {
      // `shipping` is the proactive bubble's second button (its first is `all`, as in the choice).
      shipping,
      warm: {type: 'card', ...card(hat('beanie'))},
      sun: {type: 'card', ...card(hat('bucket'))},
      all: [answers.everything, {type: 'carousel', cards: hats.map(card)}],
      ...Object.fromEntries(hats.map((each) => [`more:${each.id}`, markdown(answers.details(each))])),
    },
    fallback: answers.fallback,
  });
}
