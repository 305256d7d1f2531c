// The demo shop's page script. The triggers themselves are all in the HTML;
// this is only the shop around them:
// - an in-page router: links inside the shop load the next page's <main> and
//   pushState, as a single-page shop does, so the widget (and its triggers,
//   counts and bubbles) live on across navigation and re-check their url;
// - a cart that dispatches the shop's own `cart:add` event;
// - a scripted bot, and the Botpress-style `proactive-trigger` hook;
// - a log of the triggers that fired, and a reset.
const chat = document.querySelector('chat-widget');
const CART_KEY = 'demo-shop:cart';

// ---- Cart ------------------------------------------------------------------

const readCart = () => {
  try {
    return JSON.parse(sessionStorage.getItem(CART_KEY)) ?? [];
  } catch {
    return [];
  }
};

function renderCart() {
  const items = readCart();
  for (const count of document.querySelectorAll('[data-cart-count]'))
    count.textContent = String(items.length);
  const list = document.querySelector('[data-cart-items]');
  if (!list) return;
  const rows = items.map(({name, price}) => {
    const row = document.createElement('li');
    row.textContent = `${name} — €${price}`;
    return row;
  });
  if (!rows.length) {
    const empty = document.createElement('li');
    empty.textContent = 'Your cart is empty.';
    rows.push(empty);
  }
  list.replaceChildren(...rows);
}

function addToCart(button) {
  const item = {name: button.dataset.name, price: Number(button.dataset.price)};
  sessionStorage.setItem(CART_KEY, JSON.stringify([...readCart(), item]));
  renderCart();
  button.textContent = 'Added ✓';
  // The shop's own event; the `added` trigger listens for it.
  document.dispatchEvent(new CustomEvent('cart:add', {detail: item, bubbles: true}));
}

// ---- In-page navigation ----------------------------------------------------

const inShop = (url) => url.origin === location.origin && url.pathname.startsWith('/demo/shop/');

async function navigate(url, push) {
  let page;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(String(response.status));
    page = new DOMParser().parseFromString(await response.text(), 'text/html');
  } catch {
    location.assign(url);
    return;
  }
  // Only <main> and the title change: the header, the log and the widget stay.
  document.querySelector('main').replaceWith(document.adoptNode(page.querySelector('main')));
  document.title = page.title;
  for (const link of document.querySelectorAll('header nav a')) {
    const current = page.querySelector(`header nav a[href="${link.getAttribute('href')}"][aria-current]`);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (push) history.pushState(null, '', url);
  window.scrollTo(0, 0);
  renderCart();
  document.querySelector('main h1')?.focus({preventScroll: true});
}

document.addEventListener('click', (event) => {
  const add = event.target.closest('[data-add-to-cart]');
  if (add) return addToCart(add);
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || link.target) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href);
  if (!inShop(url) || url.href === location.href) return;
  event.preventDefault();
  void navigate(url, true);
});

addEventListener('popstate', () => void navigate(new URL(location.href), false));

document.addEventListener('submit', (event) => {
  if (!event.target.matches('[data-checkout]')) return;
  event.preventDefault();
  const code = event.target.elements.code.value.trim().toUpperCase();
  event.target.querySelector('[data-order-status]').textContent =
    code === 'SAVE10'
      ? 'Order placed (not really), 10% off. Thank you!'
      : 'Order placed (not really). Thank you!';
  sessionStorage.removeItem(CART_KEY);
  renderCart();
});

// The welcome trigger's url is /demo/shop/index.html: the bare folder URL is
// put in that form, and the trigger hears the replaceState.
if (location.pathname === '/demo/shop/') history.replaceState(null, '', '/demo/shop/index.html');
renderCart();

// ---- The bot ---------------------------------------------------------------

const answers = [
  [
    /^recommend$|recommend/i,
    [
      {
        type: 'choice',
        text: 'What is it for?',
        buttons: [
          {label: 'Walking in town', payload: 'town'},
          {label: 'Trails and hills', payload: 'trails'},
        ],
      },
    ],
  ],
  [/^town$/i, ['The City sneaker (€69): soft leather, and it goes with everything.']],
  [/^trails$/i, ['The Trail runner (€89): grippy, light and waterproof.']],
  [
    /^size$|size|fit/i,
    ['Shoes run true to size. Hats: S 54 cm, M 56 cm, L 58 cm, XL 60 cm, measured just above the ears.'],
  ],
  [/deliver|ship/i, ['2–4 working days in the EU, free over €50.']],
  [/return|refund/i, ['Returns are free for 30 days.']],
  [/save10|discount|code/i, ['SAVE10 takes 10% off at checkout: type it in the discount code field.']],
  [/shoe|20%/i, ['20% off shoes today: use the code SHOES20 at checkout.']],
  [/hi|hello|hey/i, ['Hello! Ask me about sizes, delivery, returns, or for a recommendation.']],
];

chat.bot = (turn) => {
  const found = answers.find(([pattern]) => pattern.test(turn.text));
  return found ? found[1] : ["I'm a demo bot: try sizes, delivery, returns, or ask for a recommendation."];
};

// Botpress's hook, in the browser: the product-help trigger sends
// `proactive-trigger`; the page answers it and skips the dialog engine, and
// speaks first only when the conversation has not started.
chat.addEventListener('chat-event', (event) => {
  if (event.detail.type !== 'proactive-trigger') return;
  event.preventDefault();
  if (event.detail.session.lastMessages.length) return;
  const product = document.querySelector('main h1')?.textContent ?? 'this';
  void event.detail.reply(`Questions about the ${product}? I know the sizes and the delivery times.`, {
    typing: true,
  });
});

// ---- Trigger log and reset -------------------------------------------------

chat.addEventListener('chat-trigger-fire', ({detail: {trigger, reason}}) => {
  const entry = document.createElement('li');
  entry.textContent = `${new Date().toLocaleTimeString()}  ${trigger.id || trigger.on}  (${reason})`;
  document.getElementById('trigger-log').prepend(entry);
});

chat.addEventListener('chat-error', ({detail: {error}}) => {
  const entry = document.createElement('li');
  entry.textContent = `error: ${error.message}`;
  document.getElementById('trigger-log').prepend(entry);
});

document.getElementById('reset-demo').addEventListener('click', () => {
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage))
      if (key.startsWith('chat-widget:demo-shop:')) storage.removeItem(key);
  }
  sessionStorage.removeItem(CART_KEY);
  chat.reset();
  location.reload();
});
