import {expect} from '@open-wc/testing';
import {escapeMarkdown, slateToMarkdown} from '../../src/connectors/voiceflow-slate.js';
import {readTraces} from '../../src/connectors/voiceflow-traces.js';

const paragraph = (...children: unknown[]) => ({children});

describe('slateToMarkdown (Voiceflow rich text as markdown)', () => {
  it('writes each mark as markdown, keeping the spaces around a marked word outside its delimiters', () => {
    expect(
      slateToMarkdown([
        paragraph(
          {text: 'a '},
          {text: ' bold ', fontWeight: '700'},
          {text: 'italic', italic: true},
          {text: ' '},
          {text: 'under', underline: true},
          {text: ' '},
          {text: 'struck', strikeThrough: true},
          {text: ' '},
          {text: 'all', fontWeight: 'bold', italic: true, underline: true, strikeThrough: true}
        ),
      ])
    ).to.equal('a  **bold** *italic* ++under++ ~~struck~~ **~~++*all*++~~**');
  });

  it('joins neighbouring leaves with the same marks, so delimiters never touch', () => {
    expect(
      slateToMarkdown([paragraph({text: 'Hat', fontWeight: '700'}, {text: ' & Co.', fontWeight: '700'})])
    ).to.equal('**Hat \\& Co\\.**');
  });

  it('escapes the literal text: markup a bot writes is shown as written', () => {
    expect(escapeMarkdown('*x* _y_ `z` [a](b) <i> # 1. ++u++ ~~s~~ | ! & \\')).to.equal(
      '\\*x\\* \\_y\\_ \\`z\\` \\[a\\]\\(b\\) \\<i\\> \\# 1\\. \\+\\+u\\+\\+ \\~\\~s\\~\\~ \\| \\! \\& \\\\'
    );
    expect(escapeMarkdown('line one\nline two')).to.equal('line one\\\nline two');
  });

  it('links: http(s), mailto and tel only, white space removed from the URL as Voiceflow does; other schemes stay text', () => {
    const link = (url: string) =>
      slateToMarkdown([paragraph({type: 'link', url, children: [{text: 'here'}]})]);
    expect(link('https://example.com/a b(c)')).to.equal('[here](https://example.com/ab%28c%29)');
    expect(link('mailto:ava@example.com')).to.equal('[here](mailto:ava@example.com)');
    expect(link('javascript:alert(1)')).to.equal('here');
    expect(
      slateToMarkdown([paragraph({type: 'link', url: 'https://example.com', children: [{text: ''}]})])
    ).to.equal('[https://example\\.com/](https://example.com/)');
  });

  it('paragraphs are separated by a blank line; empty ones and non-Slate items are left out', () => {
    expect(
      slateToMarkdown([
        paragraph({text: 'One'}),
        paragraph({text: ''}),
        'junk',
        null,
        paragraph({text: 'Two'}),
        {text: 'Three'},
      ])
    ).to.equal('One\n\nTwo\n\nThree');
    expect(
      slateToMarkdown([paragraph({type: 'variable', name: 'user_name', children: [{text: ''}]})])
    ).to.equal('\\{user\\_name\\}');
  });
});

describe('readTraces (Voiceflow traces onto messages)', () => {
  it('a text trace: its slate, else its message; one with neither, or not a trace at all, is skipped', () => {
    const bad: string[] = [];
    const steps = readTraces(
      [
        {type: 'text', payload: {slate: {content: [paragraph({text: 'hi', italic: true})]}, message: 'hi'}},
        {type: 'text', payload: {slate: {}, message: 'from message'}},
        {type: 'text', payload: {message: 'no slate'}},
        {type: 'text', payload: {}},
        'text',
      ],
      (reason) => bad.push(reason)
    );
    expect(steps.map((s) => s.kind === 'message' && s.message)).to.deep.equal([
      {type: 'markdown', text: '*hi*'},
      {type: 'markdown', text: 'from message'},
      {type: 'markdown', text: 'no slate'},
    ]);
    expect(bad).to.deep.equal(['trace [4] is not an object with a type']);
  });

  it('choice buttons keep their request; malformed buttons are dropped; cards without anything to show are dropped', () => {
    const steps = readTraces([
      {
        type: 'choice',
        payload: {
          buttons: [{name: 'Yes', request: {type: 'path-1'}}, {name: '', request: {type: 'x'}}, {name: 'No'}],
        },
      },
      {type: 'cardV2', payload: {title: '', description: {text: ''}, imageUrl: '', buttons: []}},
      {type: 'visual', payload: {visualType: 'video', image: 'https://example.com/x.png'}},
      {type: 'no-reply', payload: {timeout: 0}},
    ]);
    expect(steps).to.deep.equal([
      {
        kind: 'message',
        message: {type: 'choice', text: '', buttons: [{label: 'Yes', payload: {type: 'path-1'}}]},
        delay: 0,
        buttons: [{name: 'Yes', request: {type: 'path-1'}}],
      },
    ]);
  });

  it('an unclosed completion still says what it said; custom traces are kept whole', () => {
    const custom = {type: 'calendar', payload: 'Tuesday', defaultPath: 0};
    expect(
      readTraces([
        {type: 'completion', payload: {state: 'start'}},
        {type: 'completion', payload: {state: 'content', content: 'half'}},
        custom,
      ])
    ).to.deep.equal([
      {kind: 'custom', trace: custom},
      {kind: 'message', message: {type: 'markdown', text: 'half'}, delay: 0},
    ]);
  });
});
