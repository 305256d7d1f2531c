// Property-based: every member of the three compatibility globals, called
// with arbitrary arguments before and after the widget is ready, never breaks
// the page: nothing thrown at the caller, no uncaught exception, no unhandled
// rejection, every call settles, each error is a console error naming the
// API, and the widget still works afterwards.
import {aTimeout, expect} from '@open-wc/testing';
import fc from 'fast-check';
import sinon from 'sinon';
import '../../src/define.js';
import '../../src/shims.js';
import {settle, transcriptTexts, uniqueKey} from '../helpers.js';
import {pageFaults, removeWidgets, theWidget} from './shim-helpers.js';

type Namespace = Record<string, unknown>;
type PageFunction = (...args: unknown[]) => unknown;

/** Every member a page can call, by its full name. */
const members = [
  'voiceflow.chat.load',
  'voiceflow.chat.open',
  'voiceflow.chat.close',
  'voiceflow.chat.hide',
  'voiceflow.chat.show',
  'voiceflow.chat.interact',
  'voiceflow.chat.destroy',
  'voiceflow.chat.proactive.push',
  'voiceflow.chat.proactive.clear',
  'botpressWebChat.init',
  'botpressWebChat.onEvent',
  'botpressWebChat.configure',
  'botpressWebChat.mergeConfig',
  'botpressWebChat.sendEvent',
  'botpressWebChat.sendPayload',
  'botpress.init',
  'botpress.on',
  'botpress.open',
  'botpress.close',
  'botpress.toggle',
  'botpress.sendMessage',
  'botpress.sendEvent',
  'botpress.config',
  'botpress.updateUser',
  'botpress.getUser',
  'botpress.restartConversation',
  'botpress.setUnreadMessageCount',
] as const;
type MemberName = (typeof members)[number];

const member = (name: MemberName) =>
  name
    .split('.')
    .reduce(
      (object, key) => object[key] as Namespace,
      window as unknown as Namespace
    ) as unknown as PageFunction;

/** A value whose every property read throws, as a hostile or broken page object would. */
const throwingProxy = new Proxy(
  {},
  {
    get(_target, property) {
      // fast-check names it in a counterexample through this method.
      if (property === fc.toStringMethod) return () => 'throwingProxy';
      throw new Error('trap');
    },
  }
);
/** An object that refers to itself. */
const cyclic: Namespace = {type: 'cyclic'};
cyclic.self = cyclic;

/** Anything a page might pass, plus values that commonly break code: symbols, BigInt, cycles, proxies, prototype keys. */
const pageValue = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.anything({
      withBigInt: true,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withBoxedValues: true,
      withTypedArray: true,
      withSparseArray: true,
      withObjectString: true,
    }),
  },
  fc.constantFrom<unknown>(
    Symbol('page'),
    10n,
    cyclic,
    throwingProxy,
    () => undefined,
    () => {
      throw new Error('page function threw');
    },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    {type: '__proto__'},
    {type: 'constructor', payload: cyclic},
    {type: 'show'},
    {type: 'text', payload: 1n},
    {chatId: '__proto__'},
    {text: 'hi', type: 'text'},
    '##bad selector',
    '__proto__',
    'toString',
    'constructor',
    '*',
    'mesage',
    NaN,
    -1,
    [],
    [null]
  )
);

/**
 * A call: a member and its arguments. A `chatId` that is a string names a
 * widget the page may create later, and calls for it wait for it (that is the
 * queue's promise), so for the Botpress v12 members the generated chatId is
 * left out, '' or not a string: every call here has a widget to reach.
 */
const pageCall = fc.record({
  name: fc.constantFrom(...members),
  args: fc.array(pageValue, {maxLength: 4}),
  chatId: fc.oneof(
    fc.constant(undefined),
    fc.constant(''),
    pageValue.filter((v) => typeof v !== 'string')
  ),
});
type PageCall = {name: MemberName; args: unknown[]; chatId: unknown};

/** Members whose second argument is a chatId. */
const byChatId = new Set<MemberName>([
  'botpressWebChat.configure',
  'botpressWebChat.mergeConfig',
  'botpressWebChat.sendEvent',
  'botpressWebChat.sendPayload',
]);

function argumentsOf({name, args, chatId}: PageCall): unknown[] {
  if (!byChatId.has(name)) return args;
  const list = [args[0], chatId];
  return list;
}

/** The longest a call may take to settle once its widget is ready: a generous bound, not a speed check. */
const settleBound = 1500;

/** Whether `value` settles within the bound; a thenable that never settles is a hang. */
async function settlesInTime(value: unknown): Promise<boolean> {
  if (!(value instanceof Promise)) return true;
  let timer = 0;
  const late = new Promise<false>(
    (resolve) => (timer = window.setTimeout(() => resolve(false), settleBound))
  );
  const settled = value.then(
    () => true,
    () => true
  );
  const result = await Promise.race([settled, late]);
  clearTimeout(timer);
  return result;
}

/** A memory-only Botpress Cloud config with its own storage key. */
const memory = () => ({botId: uniqueKey(), configuration: {persistence: 'memory'}});

/** Resolves with `promise`, or rejects naming `step` when it takes longer than the bound. */
async function within<T>(step: string, promise: Promise<T>): Promise<T> {
  if (!(await settlesInTime(promise))) throw new Error(`${step} never settled`);
  return promise;
}

/** Whether the widget works: a message reaches the transcript, and it opens and closes. */
async function stillWorks(): Promise<void> {
  // A fuzzed destroy() may have removed the widget, or hideWidget hidden it: the page starts it again.
  await within('init', window.botpress.init(memory()));
  await within('show', window.voiceflow.chat.show());
  const el = await theWidget();
  el.hidden = false;
  await within('sendMessage', window.botpress.sendMessage('Still here'));
  await within('open', window.botpress.open());
  await settle(el);
  expect(transcriptTexts(el)).to.include('Still here');
  expect(el.open).to.equal(true);
  await within('close', window.botpress.close());
  expect(el.open).to.equal(false);
}

/** The API names a console error may start with. */
const apiNames = new Set<string>(members);

/** Runs the calls; returns what broke: synchronous throws, hangs, and console errors that name no API. */
async function callAll(calls: PageCall[], start?: () => Promise<unknown>): Promise<string[]> {
  const broken: string[] = [];
  const results: Array<{name: string; result: unknown}> = [];
  for (const pageCall of calls) {
    try {
      results.push({name: pageCall.name, result: member(pageCall.name)(...argumentsOf(pageCall))});
    } catch (error) {
      broken.push(`${pageCall.name} threw ${String((error as Error)?.message ?? error)}`);
    }
  }
  if (start)
    await within(`the page starting the widget after ${calls.map((c) => c.name).join(', ')}`, start());
  for (const {name, result} of results) {
    // After a fuzzed destroy(), queued calls wait for the next widget, as they do before the first: the page makes one.
    if (!document.querySelector('chat-widget')) await window.botpress.init(memory());
    if (!(await settlesInTime(result))) broken.push(`${name} hung`);
  }
  return broken;
}

/** `fc.assert`, with the failing run's own error in the message (the test runner prints no `cause`). */
async function assertProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<Ts>,
  parameters: fc.Parameters<Ts>
): Promise<void> {
  try {
    await fc.assert(property, parameters);
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    throw new Error(`${(error as Error).message}\nBecause: ${cause?.message ?? String(cause)}`, {cause: error});
  }
}

describe('page calls with arbitrary arguments (fast-check)', function () {
  // 150 runs of up to 6 calls each, with the widget started and checked each time.
  this.timeout(120_000);
  let faults: ReturnType<typeof pageFaults>;
  let consoleError: sinon.SinonStub;
  let unsubscribes: Array<() => void>;
  beforeEach(() => {
    faults = pageFaults();
    consoleError = sinon.stub(console, 'error');
    // The element's warnings for bad data (chat-error) are expected here; they are checked elsewhere.
    sinon.stub(console, 'warn');
    unsubscribes = [];
  });
  afterEach(() => {
    faults.stop();
    sinon.restore();
    unsubscribes.forEach((off) => off());
    removeWidgets();
  });

  /** Each console error starts with the full name of an API: `botpress.on(): …`. */
  const unnamedErrors = () =>
    consoleError
      .getCalls()
      .map((call) => String(call.args[0]))
      .filter((message) => !apiNames.has(message.split('(): ')[0]));

  it('before and after ready: nothing thrown, uncaught, unhandled or hung; errors name the API; the widget works after', async () => {
    await assertProperty(
      fc.asyncProperty(
        fc.array(pageCall, {maxLength: 6}),
        fc.array(pageCall, {maxLength: 6}),
        async (before, after) => {
          consoleError.resetHistory();
          const broken = [
            ...(await callAll(before, () => window.botpress.init(memory()))),
            ...(await callAll(after)),
          ];
          // Subscriptions made by on()/onEvent() stay for the run, hearing what follows.
          await aTimeout(0);
          await stillWorks();
          const unnamed = unnamedErrors();
          const seen = [...faults.seen];
          faults.seen.length = 0;
          removeWidgets();
          expect({broken, seen, unnamed}).to.deep.equal({broken: [], seen: [], unnamed: []});
        }
      ),
      // A failing run is reported as found: shrinking would replay calls that each wait out the hang bound.
      {numRuns: 100, endOnFailure: true}
    );
  });

  /** Arguments that are wrong for sure, and the argument each member's error must name. */
  const surelyBad: Array<{name: MemberName; args: fc.Arbitrary<unknown[]>; argument: string}> = [
    {
      name: 'botpress.sendMessage',
      args: fc.tuple(pageValue.filter((v) => typeof v !== 'string')),
      argument: 'text',
    },
    {
      name: 'botpress.sendEvent',
      args: fc.tuple(pageValue.filter((v) => !v || typeof v !== 'object')),
      argument: 'event',
    },
    {
      name: 'botpress.setUnreadMessageCount',
      args: fc.tuple(pageValue.filter((v) => !Number.isSafeInteger(v) || (v as number) < 0)),
      argument: 'count',
    },
    {
      name: 'botpress.updateUser',
      args: fc.tuple(pageValue.filter((v) => v !== undefined && (!v || typeof v !== 'object'))),
      argument: 'user',
    },
    {
      name: 'botpress.config',
      args: fc.tuple(pageValue.filter((v) => v !== undefined && (!v || typeof v !== 'object'))),
      argument: 'config',
    },
    {
      name: 'botpress.on',
      args: fc.tuple(
        pageValue.filter((v) => typeof v !== 'string'),
        fc.constant(() => undefined)
      ),
      argument: 'type',
    },
    {
      name: 'botpress.on',
      args: fc.tuple(
        fc.constant('message'),
        pageValue.filter((v) => typeof v !== 'function')
      ),
      argument: 'handler',
    },
    {
      name: 'botpressWebChat.onEvent',
      args: fc.tuple(
        fc.constant(() => undefined),
        pageValue.filter((v) => !Array.isArray(v))
      ),
      argument: 'topics',
    },
    {
      name: 'botpressWebChat.sendEvent',
      args: fc.tuple(
        fc.constant({type: 'show'}),
        pageValue.filter((v) => v !== undefined && typeof v !== 'string')
      ),
      argument: 'chatId',
    },
    {
      name: 'botpressWebChat.sendPayload',
      args: fc.tuple(pageValue.filter((v) => !v || typeof v !== 'object')),
      argument: 'payload',
    },
    {
      name: 'botpressWebChat.configure',
      args: fc.tuple(pageValue.filter((v) => v !== undefined && (!v || typeof v !== 'object'))),
      argument: 'config',
    },
    {
      name: 'voiceflow.chat.interact',
      args: fc.tuple(pageValue.filter((v) => !v || typeof v !== 'object')),
      argument: 'action',
    },
    {
      name: 'voiceflow.chat.proactive.push',
      args: fc.tuple(pageValue.filter((v) => typeof v !== 'string' && (!v || typeof v !== 'object'))),
      argument: 'message 1',
    },
  ];

  it('each surely bad call is one console error naming the API and the argument, and later calls still run', async () => {
    await window.botpress.init(memory());
    const el = await theWidget();
    await assertProperty(
      fc.asyncProperty(
        fc
          .constantFrom(...surelyBad)
          .chain(({name, args, argument}) => args.map((values) => ({name, values, argument}))),
        async ({name, values, argument}) => {
          consoleError.resetHistory();
          const result = member(name)(...values);
          if (typeof result === 'function') unsubscribes.push(result as () => void);
          expect(await settlesInTime(result)).to.equal(true);
          const messages = consoleError.getCalls().map((call) => String(call.args[0]));
          expect(messages).to.have.length(1);
          expect(messages[0].startsWith(`${name}(): ${argument}`), messages[0]).to.equal(true);
        }
      ),
      {numRuns: 150}
    );
    await window.botpress.sendMessage('After the bad calls');
    await settle(el);
    expect(transcriptTexts(el)).to.include('After the bad calls');
  });
});
