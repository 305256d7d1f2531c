import {expect, waitUntil} from '@open-wc/testing';
import styles from '../../src/chat-widget/chat-widget.styles.js';
import {parts} from '../../src/chat-widget/parts.js';
import {widget} from '../helpers.js';

const declared: string[] = Object.values(parts);

describe('shadow parts', () => {
  it('the stylesheet styles only declared parts, and styles each of them', () => {
    const styled = new Set(
      [...styles.cssText.matchAll(/\[part=['"]?([\w-]+)['"]?\]/g)].map((match) => match[1])
    );
    expect([...styled].filter((name) => !declared.includes(name))).to.deep.equal([]);
    expect(declared.filter((name) => !styled.has(name))).to.deep.equal([]);
  });

  it('the element draws every declared part, and no other', async () => {
    const el = await widget({open: true});
    el.proactive.push('Hello');
    el.unread = 1;
    await el.reply('Hi there');
    await el.close();
    el.unread = 1;
    await el.updateComplete;
    const drawn = new Set(
      [...el.shadowRoot!.querySelectorAll('[part]')].map((node) => node.getAttribute('part')!)
    );
    // The typing indicator and Stop are drawn only while the bot answers a turn.
    let answer!: (reply: string) => void;
    el.bot = () => new Promise<string>((resolve) => (answer = resolve));
    void el.sendMessage('A question');
    await el.show();
    await waitUntil(() => el.shadowRoot!.querySelector(`[part=${parts.stop}]`), 'Stop is never drawn');
    for (const node of el.shadowRoot!.querySelectorAll('[part]')) drawn.add(node.getAttribute('part')!);
    answer('An answer');
    expect([...drawn].sort()).to.deep.equal([...declared].sort());
  });
});
