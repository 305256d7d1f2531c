// What runs inside the benchmark pages. Each export is a self-contained
// function handed to puppeteer's page.evaluate(): it is serialized, so it may
// use only its arguments and what bench/pages/shell.html put on `window.bench`.
//
// Timing conventions, the same for both libraries:
// - an interaction starts at the beginning of a frame (inside a
//   requestAnimationFrame callback), so the wait for the display's next frame
//   (up to 16.7 ms at 60 Hz) is not counted as the library's time;
// - "painted" is performance.now() in a task posted from that frame: it runs
//   once the frame's style, layout and paint are done on the main thread;
// - a change that is not yet visible after a frame is checked again after each
//   following frame; the first frame after which it is visible ends the timing.

/**
 * Installs `bench.adapter`: how to drive and inspect each library, and
 * `bench.measure(action, visible)`, the frame-aligned timer described above.
 */
export function install() {
  const {bench} = window;
  const stage = document.getElementById('stage');
  const afterThisFrame = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    });

  /** Whether `node` is drawn inside the visible part of its scrolling `container`. */
  const inView = (node, container) => {
    if (!node || !node.checkVisibility() || !container.checkVisibility()) return false;
    const r = node.getBoundingClientRect();
    const c = container.getBoundingClientRect();
    return r.height > 0 && r.bottom > c.top && r.top < c.bottom;
  };

  /**
   * Runs `action` at the start of the next frame; resolves with
   * `{start, end, frames}` where `end` is when the first frame rendered after
   * `visible()` became true finished.
   */
  bench.measure = (action, visible, maxFrames = 3000) =>
    new Promise((resolve, reject) =>
      requestAnimationFrame(async () => {
        try {
          const start = performance.now();
          performance.mark('bench-start');
          await action();
          let end = await afterThisFrame();
          let frames = 1;
          while (!visible()) {
            if (++frames > maxFrames) throw new Error(`not visible after ${maxFrames} frames`);
            end = await bench.nextPaint();
          }
          performance.mark('bench-end');
          resolve({start, end, frames});
        } catch (error) {
          reject(error);
        }
      })
    );

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  bench.sleep = sleep;
  bench.frames = async (n) => {
    for (let i = 0; i < n; i++) await bench.nextPaint();
  };

  /** The same texts for both libraries: alternating visitor and bot, about 70 characters each. */
  bench.texts = (n, prefix = 'Message') =>
    Array.from(
      {length: n},
      (_, i) => `${prefix} ${i}: sure, the blue one ships tomorrow and arrives on Thursday.`
    );

  const ours = {
    tag: 'chat-widget',
    /** A widget holding `texts` as its restored transcript, stored in the session-store format. */
    create({
      texts = [],
      open = false,
      plain = false,
      key = `bench-${Math.random().toString(36).slice(2)}`,
    } = {}) {
      const el = document.createElement('chat-widget');
      if (plain) return el; // as a page embeds it: no attributes, the session in localStorage
      if (texts.length) {
        const now = Date.now() - texts.length;
        sessionStorage.setItem(
          `chat-widget:${key}`,
          JSON.stringify({
            version: 1,
            session: {id: `bench-${key}`, startedAt: now},
            messages: texts.map((text, i) => ({
              type: 'text',
              text,
              id: `m${i}`,
              author: i % 2 ? 'bot' : 'user',
              timestamp: now + i,
            })),
          })
        );
        el.setAttribute('persistence', 'session');
        el.setAttribute('storage-key', key);
      } else {
        el.setAttribute('persistence', 'memory');
      }
      if (open) el.setAttribute('open', '');
      return el;
    },
    mount(el) {
      stage.append(el);
    },
    async ready(el) {
      if (!el.ready) await new Promise((r) => el.addEventListener('chat-ready', r, {once: true}));
      await el.updateComplete;
    },
    open(el) {
      void el.show();
      return el.updateComplete;
    },
    transcript: (el) => el.shadowRoot.querySelector('[part~=transcript]'),
    lastMessage(el) {
      const transcript = ours.transcript(el);
      let node = transcript?.lastElementChild;
      while (node && !node.matches('[part~=message]')) node = node.previousElementSibling;
      return node;
    },
    previousMessage(el, node) {
      let previous = node.previousElementSibling;
      while (previous && !previous.matches('[part~=message]')) previous = previous.previousElementSibling;
      return previous;
    },
    input: (el) => el.shadowRoot.querySelector('[part~=input]'),
  };

  const deepChat = {
    tag: 'deep-chat',
    /** deep-chat keeps only its last 4,000 messages by default; raised so it shows all of them, like ours. */
    create({texts = []} = {}) {
      const el = document.createElement('deep-chat');
      if (texts.length) {
        el.maxVisibleMessages = texts.length + 10;
        el.history = texts.map((text, i) => ({role: i % 2 ? 'ai' : 'user', text}));
      }
      return el;
    },
    mount(el) {
      stage.append(el);
    },
    async ready(el) {
      await bench.rendered(el);
    },
    transcript: (el) => el.shadowRoot?.querySelector('#messages'),
    lastMessage(el) {
      const bubbles = deepChat.transcript(el)?.querySelectorAll('.message-bubble');
      return bubbles?.[bubbles.length - 1];
    },
    previousMessage(el, node) {
      const bubbles = [...deepChat.transcript(el).querySelectorAll('.message-bubble')];
      return bubbles[bubbles.indexOf(node) - 1];
    },
    input: (el) => el.shadowRoot.querySelector('#text-input'),
  };

  bench.adapter = bench.lib === 'ours' ? ours : deepChat;
  /** The last message of `el` reads `text` and is on screen inside the transcript. */
  bench.showsLast = (el, text) => {
    const a = bench.adapter;
    const last = a.lastMessage(el);
    return !!last && last.textContent.includes(text) && inView(last, a.transcript(el));
  };
  /** One of the last three messages reads `text` and is on screen (deep-chat answers in demo mode at once). */
  bench.showsRecent = (el, text) => {
    const a = bench.adapter;
    let node = a.lastMessage(el);
    for (let i = 0; node && i < 3; i++) {
      if (node.textContent.includes(text)) return inView(node, a.transcript(el));
      node = a.previousMessage(el, node);
    }
    return false;
  };
  /** The transcript is displayed and its last message, reading `text`, is rendered (wherever it is scrolled). */
  bench.rendersLast = (el, text) => {
    const a = bench.adapter;
    const last = a.lastMessage(el);
    return !!last && last.textContent.includes(text) && !!a.transcript(el)?.checkVisibility();
  };
}

/**
 * transcript-Nk: ours holds N restored messages, closed; show() is timed to
 * the paint with the latest message on screen. `cold`: ours is created with
 * N messages and `open` in the timed frame. deep-chat has no closed state: it
 * is created with `history` of N messages in the timed frame.
 */
export async function transcript({count, cold}) {
  const {bench} = window;
  const a = bench.adapter;
  const texts = bench.texts(count);
  const lastText = texts[texts.length - 1];
  let el;
  let timing;
  if (bench.lib === 'ours' && !cold) {
    el = a.create({texts});
    a.mount(el);
    await a.ready(el);
    if (el.messages.length !== count)
      throw new Error(`ours restored ${el.messages.length} of ${count} stored messages`);
    await bench.frames(3);
    timing = await bench.measure(
      () => a.open(el),
      () => bench.rendersLast(el, lastText)
    );
  } else {
    timing = await bench.measure(
      () => {
        el = a.create({texts, open: true});
        a.mount(el);
      },
      () => bench.rendersLast(el, lastText)
    );
  }
  // Scroll-to-latest: the newest message must be on screen, at once or within 30 frames.
  let framesToLatest = 0;
  while (!bench.showsLast(el, lastText) && framesToLatest < 30) {
    await bench.nextPaint();
    framesToLatest++;
  }
  const transcriptEl = a.transcript(el);
  return {
    ms: timing.end - timing.start,
    frames: timing.frames,
    atLatest: bench.showsLast(el, lastText),
    framesToLatest,
    role: transcriptEl.getAttribute('role'),
    scroll: {
      top: Math.round(transcriptEl.scrollTop),
      height: transcriptEl.scrollHeight,
      client: transcriptEl.clientHeight,
    },
  };
}

/** heap-after-1k-mounts: `cycles` create/append/render/remove cycles between two forced GCs (done by the harness). */
export async function mountCycles({cycles}) {
  const {bench} = window;
  const a = bench.adapter;
  for (let i = 0; i < cycles; i++) {
    const el = a.create({plain: true});
    a.mount(el);
    await a.ready(el);
    el.remove();
  }
  // Let timers the elements scheduled on removal run before the heap is measured.
  await bench.sleep(100);
  await bench.frames(2);
}

/** proactive-push-paint: one push at the start of a frame, to the paint showing the bubble. */
export async function proactivePushes({samples}) {
  const {bench} = window;
  const a = bench.adapter;
  const el = a.create();
  a.mount(el);
  await a.ready(el);
  await bench.frames(3);
  const times = [];
  for (let i = 0; i < samples; i++) {
    const text = `Offer ${i}: free shipping on orders over $50 today.`;
    const timing = await bench.measure(
      () => {
        el.proactive.push(text);
        return el.updateComplete;
      },
      () => {
        const bubbles = el.shadowRoot.querySelectorAll('[part~=proactive-message]');
        const last = bubbles[bubbles.length - 1];
        return !!last && last.textContent.includes(text) && last.checkVisibility();
      }
    );
    times.push(timing.end - timing.start);
    // A fresh stack now and then, so pushes land on stacks of 0 to 9 bubbles.
    if (i % 10 === 9) el.proactive.clear();
    await bench.frames(2);
  }
  return times;
}

/** proactive-burst-10k: `count` pushes in one task, to the paint after; then the widget's DOM size. */
export async function proactiveBurst({count}) {
  const {bench} = window;
  const a = bench.adapter;
  const el = a.create();
  a.mount(el);
  await a.ready(el);
  await bench.frames(3);
  const last = `Burst ${count - 1}`;
  const timing = await bench.measure(
    () => {
      for (let i = 0; i < count; i++) el.proactive.push(`Burst ${i}`);
      return el.updateComplete;
    },
    () =>
      [...el.shadowRoot.querySelectorAll('[part~=proactive-message]')].some((b) =>
        b.textContent.includes(last)
      )
  );
  const walker = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_ALL);
  let nodes = 0;
  while (walker.nextNode()) nodes++;
  return {
    ms: timing.end - timing.start,
    stacked: el.proactive.messages.length,
    nodes,
    elements: el.shadowRoot.querySelectorAll('*').length,
  };
}

/**
 * send-event-10k: `count` sendEvent calls in one task on a ready widget
 * (timed, until every returned promise settled), and `count` more sent before
 * it is ready (queued). A `chat-event` listener records what arrives.
 */
export async function sendEvents({count}) {
  const {bench} = window;
  const a = bench.adapter;
  const check = (seen) => {
    let outOfOrder = 0;
    for (let i = 0; i < seen.length; i++) if (seen[i] !== i) outOfOrder++;
    return {received: seen.length, lost: Math.max(0, count - new Set(seen).size), outOfOrder};
  };

  // Before ready: queued in order, never dropped.
  const early = a.create();
  const earlySeen = [];
  early.addEventListener('chat-event', (e) => earlySeen.push(e.detail.payload.i));
  a.mount(early);
  const earlyDone = [];
  for (let i = 0; i < count; i++) earlyDone.push(early.sendEvent({type: 'bench', payload: {i}}));
  await a.ready(early);
  await Promise.all(earlyDone);
  early.remove();

  const el = a.create();
  const seen = [];
  el.addEventListener('chat-event', (e) => seen.push(e.detail.payload.i));
  a.mount(el);
  await a.ready(el);
  await bench.frames(2);
  const start = performance.now();
  const done = [];
  for (let i = 0; i < count; i++) done.push(el.sendEvent({type: 'bench', payload: {i}}));
  const called = performance.now();
  await Promise.all(done);
  const settled = performance.now();
  return {
    ms: settled - start,
    callMs: called - start,
    perSecond: (count / (settled - start)) * 1000,
    ready: check(seen),
    beforeReady: check(earlySeen),
  };
}

/** enter-to-visible: prepares a widget with its composer focused; the harness types. */
export async function prepareComposer() {
  const {bench} = window;
  const a = bench.adapter;
  const el = a.create();
  a.mount(el);
  await a.ready(el);
  if (bench.lib === 'ours') await el.show();
  await bench.frames(3);
  a.input(el).focus();
  bench.el = el;
  /** Waits until the widget takes a new message: deep-chat's demo mode answers each one and blocks sending until it has. */
  bench.idle = async () => {
    for (let i = 0; i < 600; i++) {
      const last = a.lastMessage(el);
      const answered = last?.classList.contains('ai-message') && last.textContent.trim();
      if (bench.lib === 'ours' || answered) return bench.frames(2);
      await bench.nextPaint();
    }
    throw new Error('the widget did not settle after a message');
  };
  /** Arms a timer: from the Enter keydown (window, capture: before the widget sees it) to the paint showing `text`. */
  bench.armEnter = (text) =>
    (bench.enter = new Promise((resolve, reject) => {
      const onKey = async (event) => {
        if (event.key !== 'Enter') return;
        window.removeEventListener('keydown', onKey, true);
        const start = performance.now();
        try {
          let end;
          let frames = 0;
          do {
            end = await bench.nextPaint();
            if (++frames > 600) throw new Error(`"${text}" not visible after 600 frames`);
          } while (!bench.showsRecent(el, text));
          resolve({ms: end - start, frames});
        } catch (error) {
          reject(error);
        }
      };
      window.addEventListener('keydown', onKey, true);
    }));
}

/**
 * 1,000 visitor messages sent one after another, each answered by an echo bot, with
 * the session in localStorage as a page embeds it: time from the first send until the
 * last answer is in the transcript, then until the stored record holds it. The panel
 * is closed, so this is the conversation and storage path, not drawing the bubbles.
 */
export async function persistence({count}) {
  const {bench} = window;
  const a = bench.adapter;
  const key = `bench-persistence-${Math.random().toString(36).slice(2)}`;
  const el = a.create({plain: true});
  el.setAttribute('storage-key', key);
  el.bot = (turn) => `echo ${turn.text}`;
  a.mount(el);
  await a.ready(el);
  await bench.frames(2);
  const last = `echo visitor ${count - 1}`;
  const {start, end} = await bench.measure(
    async () => {
      for (let i = 0; i < count; i++) await el.sendMessage(`visitor ${i}`);
    },
    () => el.messages.at(-1)?.text === last
  );
  const storageKey = `chat-widget:${key}`;
  const storedLast = () => JSON.parse(localStorage.getItem(storageKey) ?? '{}').messages?.at(-1)?.text;
  while (storedLast() !== last) await bench.sleep(1);
  const stored = performance.now();
  const record = JSON.parse(localStorage.getItem(storageKey));
  el.remove();
  localStorage.removeItem(storageKey);
  return {
    ms: end - start,
    storedMs: stored - start,
    messages: el.messages.length,
    storedMessages: record.messages.length,
  };
}

/**
 * stream-2k-tokens, first half: a widget open and connected to the mock chat
 * backend at `url` (ours: the `endpoint` property, i.e. httpBot; deep-chat: its own
 * `connect: {url, stream: true}`), ready, nothing sent yet.
 */
export async function prepareStream({url}) {
  const {bench} = window;
  const a = bench.adapter;
  const el = a.create({open: true});
  if (bench.lib === 'ours') el.endpoint = url;
  else el.connect = {url, stream: true};
  a.mount(el);
  await a.ready(el);
  if (bench.lib === 'ours') await el.show();
  await bench.frames(3);
  bench.el = el;
}

/**
 * stream-2k-tokens, second half: sends one message and follows the streamed
 * answer (ending with `endMark`) to the paint that shows it whole. Records every
 * frame's length (requestAnimationFrame to requestAnimationFrame) meanwhile, and
 * the fetch's responseEnd (the last byte) from Resource Timing, for reply-latency.
 */
export async function runStream({endMark}) {
  const {bench} = window;
  const a = bench.adapter;
  const el = bench.el;
  const frames = [];
  let running = true;
  let previous;
  const tick = (time) => {
    if (previous !== undefined) frames.push(time - previous);
    previous = time;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  performance.clearResourceTimings();
  const start = performance.now();
  if (bench.lib === 'ours') void el.sendMessage('Tell me everything about hats');
  else el.submitUserMessage({text: 'Tell me everything about hats'});
  let firstText;
  let painted;
  for (let i = 0; i < 60 * 120; i++) {
    const end = await bench.nextPaint();
    const last = a.lastMessage(el);
    const text = last?.textContent?.trim() ?? '';
    // The visitor's own message is the last one until the first token arrives.
    if (firstText === undefined && text && !text.endsWith('Tell me everything about hats')) firstText = end;
    const final = bench.lib === 'ours' ? el.messages.at(-1)?.author === 'bot' : true;
    if (final && text.endsWith(endMark)) {
      painted = end;
      break;
    }
  }
  running = false;
  if (painted === undefined) throw new Error('the streamed answer did not finish within 2 minutes');
  // The fetch's timing entry is queued once its body is complete, which may be a moment after the paint.
  let entry;
  for (let i = 0; i < 100 && !entry; i++) {
    entry = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/mock/chat'))
      .at(-1);
    if (!entry) await bench.sleep(20);
  }
  return {
    start,
    firstText,
    painted,
    responseEnd: entry?.responseEnd,
    frames,
    chars: a.lastMessage(el).textContent.length,
  };
}

/**
 * botpress-v12-first-reply: Botpress v12's embedding snippet and "Acting
 * Proactively" page code against the mock v12 server on the bench's own
 * origin; ms from `init` to the server hook's reply in the transcript. It
 * includes loading the connector's file (Socket.IO inside), the socket's
 * connection, /botInfo, /conversations/new, the event and the reply on the
 * socket. Resolves with the ms and the files the page fetched meanwhile.
 */
export async function botpressV12FirstReply({botId}) {
  const start = performance.now();
  window.botpressWebChat.init({host: location.origin, botId, useSessionStorage: true});
  window.botpressWebChat.sendEvent({
    type: 'proactive-trigger',
    channel: 'web',
    payload: {text: 'fake message'},
  });
  const el = await new Promise((resolve) => {
    const poll = () => {
      const widget = document.querySelector('chat-widget');
      if (widget?.messages.length) resolve(widget);
      else requestAnimationFrame(poll);
    };
    poll();
  });
  const ms = performance.now() - start;
  return {ms, text: el.messages[0].text};
}
