import {createReadStream} from 'node:fs';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chatMockMiddleware} from './mock/http-chat.mjs';
import {voiceflowMockMiddleware} from './mock/voiceflow-runtime.mjs';
import {botpressCloudMiddleware} from './mock/botpress-cloud.mjs';
import {botpressV12Mock} from './mock/botpress-v12.mjs';
import {chromeLauncher} from '@web/test-runner-chrome';
import {findChrome, chromeArgs} from './scripts/chrome.mjs';

const botpressV12 = botpressV12Mock();

/**
 * A translation is imported by a name made at run time (`./locales/${language}.js`, see
 * src/i18n/translations.ts), which the TypeScript plugin cannot point at its `.ts` file as it
 * does written-out imports: the request is sent there.
 */
function translationSources(context, next) {
  const match = /^\/src\/i18n\/locales\/\w+\.js$/.test(context.path);
  return match ? context.redirect(context.path.replace(/\.js$/, '.ts')) : next();
}

/** The classic bundle served from a folder without its lazy files: a page whose lazy files cannot load. */
function bundleWithoutLazyFiles(context, next) {
  if (context.path !== '/test/without-lazy-files/chat-widget.iife.js') return next();
  context.type = 'js';
  context.body = createReadStream('dist/chat-widget.iife.js');
}

export default {
  files: ['test/**/*.test.ts'],
  // Lit's development build: its dev-mode warnings are errors worth fixing.
  // `browser`: packages' browser builds (Socket.IO's client, not its Node one).
  nodeResolve: {exportConditions: ['development'], browser: true},
  // The mock chat backend (mock/http-chat.mjs) under /mock/chat, the mock Botpress Cloud Webchat API
  // (mock/botpress-cloud.mjs) under /mock/botpress-cloud, the mock Voiceflow runtime
  // (mock/voiceflow-runtime.mjs) under /mock/voiceflow, and the mock Botpress v12 server
  // (mock/botpress-v12.mjs: REST routes, and Socket.IO on the test server's own HTTP server):
  // the tests talk to them over real HTTP, SSE and WebSocket.
  middleware: [
    chatMockMiddleware(),
    botpressCloudMiddleware(),
    voiceflowMockMiddleware(),
    botpressV12.middleware,
    translationSources,
    bundleWithoutLazyFiles,
  ],
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'}), botpressV12.plugin],
  browsers: [chromeLauncher({launchOptions: {executablePath: findChrome(), args: chromeArgs()}})],
  // One file at a time: headless Chromium hides every page but the front one, and
  // a hidden page gets no animation frames, so fixtures and animations would stall.
  concurrency: 1,
  testFramework: {config: {timeout: 10000}},
  coverage: true,
  coverageConfig: {
    include: ['src/**/*.ts'],
    threshold: {lines: 90, statements: 90, functions: 80, branches: 75},
    report: true,
    reporters: ['text-summary', 'lcov'],
  },
  filterBrowserLogs: ({type}) => type === 'error',
};
