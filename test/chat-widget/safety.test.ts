import {expect} from '@open-wc/testing';
import sinon from 'sinon';
import {part, parts, storeSession, widget} from '../helpers.js';

const attacks = [
  '<img src=x onerror="window.__pwned=true">',
  '<script>window.__pwned=true</script>',
  'javascript:window.__pwned=true',
];

describe('safety: bot, page and visitor text is inert', () => {
  afterEach(() => {
    sinon.restore();
    delete (window as {__pwned?: boolean}).__pwned;
  });

  it('shows markup in message text, button labels and proactive bubbles as text', async () => {
    const el = await widget({open: true});
    for (const attack of attacks) {
      await el.sendMessage(attack);
      await el.reply({type: 'choice', text: attack, buttons: [{label: attack, payload: attack}]});
    }
    el.proactive.push(...attacks);
    el.botName = attacks[0];
    el.description = attacks[1];
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('script')).to.have.length(0);
    expect(root.querySelectorAll('[part=transcript] img')).to.have.length(0);
    expect(root.querySelectorAll('[onerror]')).to.have.length(0);
    expect(part(el, 'header').querySelector('h2')!.textContent).to.equal(attacks[0]);
    const texts = [...root.querySelectorAll('.text')].map((t) => t.textContent);
    expect(texts).to.include.members(attacks);
    const labels = [...root.querySelectorAll('.choices button')].map((b) => b.textContent);
    expect(labels).to.include.members(attacks);
    el.open = false;
    await el.updateComplete;
    expect(parts(el, 'proactive-message').map((b) => b.textContent!.trim())).to.deep.equal(attacks);
    expect((window as {__pwned?: boolean}).__pwned).to.equal(undefined);
  });

  it('refuses javascript:, vbscript:, and non-image data: URLs for images', async () => {
    const el = await widget();
    for (const url of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'vbscript:x',
      'data:text/html,<script>1</script>',
      'file:///etc/passwd',
    ]) {
      expect(() => el.reply({type: 'image', url, alt: 'x'}), url).to.throw(TypeError, /url must be/);
    }
    await el.reply({type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=', alt: 'dot'});
    await el.reply({type: 'image', url: '/relative/hat.png', alt: 'hat'});
    expect(el.messages.map((m) => (m as {url: string}).url)).to.deep.equal([
      'data:image/png;base64,iVBORw0KGgo=',
      new URL('/relative/hat.png', location.href).href,
    ]);
  });

  it('does not draw a stored image whose URL was tampered with', async () => {
    const key = `tampered-${Math.random()}`;
    storeSession(key, [{id: 'm', type: 'image', url: 'javascript:alert(1)', alt: 'bad', author: 'bot', timestamp: 1}]);
    const errors: string[] = [];
    const warn = sinon.stub(console, 'warn');
    const el = await widget({open: true, 'storage-key': key}, (w) =>
      w.addEventListener('chat-error', (e) => errors.push(`${e.detail.source}:${e.detail.error.message}`))
    );
    warn.restore();
    // Stored messages pass the same check as reply(): the tampered one is left out and reported.
    expect(part(el, 'transcript').querySelector('img')).to.equal(null);
    expect(el.messages).to.have.length(0);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(
      /^storage:storage message \[0\]: url must be an http\(s\) or data:image\/ URL/
    );
    localStorage.removeItem(`chat-widget:${key}`);
  });
});

describe('safety: a strict Content-Security-Policy', () => {
  it('renders under default-src self; style-src self, with no violation', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/csp.html';
    document.body.append(frame);
    try {
      const result = await new Promise<{violations: string[]; parts: string[]; launcherBackground: string}>(
        (resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('the CSP page did not report')), 8000);
          addEventListener('message', function onMessage(event) {
            if (event.source !== frame.contentWindow) return;
            removeEventListener('message', onMessage);
            clearTimeout(timer);
            resolve(event.data);
          });
        }
      );
      expect(result.violations).to.deep.equal([]);
      expect(result.parts).to.include.members(['launcher', 'panel', 'message', 'proactive-message']);
      // Styles applied: the launcher has the accent colour, so the stylesheet was not blocked.
      expect(result.launcherBackground).to.equal('rgb(29, 78, 216)');
    } finally {
      frame.remove();
    }
  });
});
