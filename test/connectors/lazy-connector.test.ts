import {expect, waitUntil} from '@open-wc/testing';
import {lazyConnector} from '../../src/connectors/lazy-connector.js';
import type {Connector, ConnectorLink} from '../../src/index.js';
import {widget, widgetInFrame} from '../helpers.js';

/** A connector that answers with the turn's text, recording what reached it. */
function echoConnector(log: string[]): Connector {
  return {
    connect: () => void log.push('connect'),
    disconnect: () => void log.push('disconnect'),
    respond: (turn) => `echo: ${turn.text}`,
    feedback: (_message, value) => void log.push(`feedback:${value}`),
  };
}

const linkWith = (signal: AbortSignal) => ({signal}) as ConnectorLink;

describe('lazyConnector: a connector whose code comes when first needed', () => {
  it('loads once, when the widget connects it, and answers through the loaded connector', async () => {
    const log: string[] = [];
    let loads = 0;
    const bot = lazyConnector(async () => {
      loads++;
      return echoConnector(log);
    });
    expect(loads, 'nothing is loaded before it is needed').to.equal(0);
    const el = await widget();
    el.bot = bot;
    await el.sendMessage('hi');
    await waitUntil(() => el.messages.length === 2, 'the reply arrives');
    expect(el.messages.map((m) => (m as {text: string}).text)).to.deep.equal(['hi', 'echo: hi']);
    expect(loads).to.equal(1);
    expect(log).to.deep.equal(['connect']);
    el.reset();
    await waitUntil(() => log.length === 3, 'the loaded connector is disconnected and connected again');
    expect(log).to.deep.equal(['connect', 'disconnect', 'connect']);
    expect(loads).to.equal(1);
  });

  it('tries a failed load again on the next call, and a failed turn can be retried', async () => {
    const log: string[] = [];
    let loads = 0;
    const bot = lazyConnector(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return echoConnector(log);
    });
    const context = {signal: new AbortController().signal} as never;
    const first = await Promise.resolve(bot.respond({text: 'a', origin: 'composer'}, context)).catch(
      (e: Error) => e
    );
    expect((first as Error).message).to.match(/dynamically imported/);
    expect(await bot.respond({text: 'b', origin: 'composer'}, context)).to.equal('echo: b');
    expect(loads).to.equal(2);
  });

  it('does not connect a link that was disconnected while the code was on its way', async () => {
    const log: string[] = [];
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const bot = lazyConnector(async () => {
      await arrived;
      return echoConnector(log);
    });
    const controller = new AbortController();
    const connecting = bot.connect!(linkWith(controller.signal));
    controller.abort();
    bot.disconnect!();
    arrive();
    await connecting;
    expect(log).to.deep.equal([]);
  });

  it('hands events and feedback to the loaded connector only when it declares them', async () => {
    const log: string[] = [];
    const plain = lazyConnector(async () => echoConnector(log));
    expect(plain).not.to.have.property('event');
    const withEvents = lazyConnector(
      async () => ({...echoConnector(log), event: (event) => `event: ${event.type}`}),
      {events: true, markdown: true}
    );
    expect(withEvents.markdown).to.equal(true);
    const context = {signal: new AbortController().signal} as never;
    expect(await withEvents.event!({type: 'hello', payload: {}}, context)).to.equal('event: hello');
    await withEvents.feedback!({} as never, 'up');
    expect(log).to.deep.equal(['feedback:up']);
  });
});

describe('the bundles load code only for pages that use it', function () {
  this.timeout(20000);
  const fetched = (frame: HTMLIFrameElement, file: string) =>
    frame
      .contentWindow!.performance.getEntriesByType('resource')
      .some((entry) => entry.name.endsWith(`/dist/${file}`));
  const fetchedHttpConnector = (frame: HTMLIFrameElement) => fetched(frame, 'chat-widget-http.js');

  it('a page with only a widget fetches no lazily loaded file', async () => {
    const {frame, el} = await widgetInFrame('/test/fixtures/classic-bundle.html');
    await el.updateComplete;
    const lazy = frame
      .contentWindow!.performance.getEntriesByType('resource')
      .filter((entry) => /\/dist\/chat-widget-[\w-]+\.js$/.test(entry.name));
    expect(lazy.map((entry) => entry.name)).to.deep.equal([]);
    frame.remove();
  });

  it('a page with a trigger fetches the trigger engine beside the bundle, and the trigger acts', async () => {
    const {frame, el} = await widgetInFrame('/test/fixtures/classic-bundle-triggers.html');
    await waitUntil(() => el.proactive.messages.length === 1, 'the trigger pushes its message');
    expect(el.proactive.messages[0]).to.include({text: 'Hello from a trigger'});
    expect(fetched(frame, 'chat-widget-triggers.js')).to.equal(true);
    frame.remove();
  });

  it('the classic script fetches it beside itself once the widget with endpoint is ready', async () => {
    localStorage.removeItem('chat-widget:demo-assistant');
    const {frame} = await widgetInFrame('/demo/assistant.html');
    await waitUntil(() => fetchedHttpConnector(frame), 'chat-widget-http.js is fetched');
    frame.remove();
    localStorage.removeItem('chat-widget:demo-assistant');
  });

  it('the module bundle fetches it beside itself, and the bot answers', async () => {
    const {frame, el} = await widgetInFrame('/test/fixtures/module-bundle-endpoint.html');
    await el.sendMessage('hello');
    await waitUntil(() => el.messages.length === 2, 'the backend answers', {timeout: 10000});
    expect((el.messages[1] as {text: string}).text).to.contain('hello');
    expect(fetchedHttpConnector(frame)).to.equal(true);
    frame.remove();
  });
});
