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
    // The typing indicator and Stop are drawn only while a reply is on its way.
    el.bot = () => new Promise(() => {});
    await el.show();
    void el.sendMessage('Still there?');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="stop"]'), 'Stop shows while the bot answers');
    for (const node of el.shadowRoot!.querySelectorAll('[part]')) drawn.add(node.getAttribute('part')!);
    expect([...drawn].sort()).to.deep.equal([...declared].sort());
  });
});
