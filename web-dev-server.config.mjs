import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chatMockMiddleware} from './mock/http-chat.mjs';
import {voiceflowMockMiddleware} from './mock/voiceflow-runtime.mjs';
import {botpressCloudMiddleware} from './mock/botpress-cloud.mjs';
import {botpressV12Mock} from './mock/botpress-v12.mjs';

const botpressV12 = botpressV12Mock();

export default {
  open: false,
  watch: false,
  rootDir: '.',
  // `browser`: packages' browser builds (Socket.IO's client, not its Node one).
  nodeResolve: {exportConditions: ['development'], browser: true},
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'}), botpressV12.plugin],
  middleware: [
    // The mock chat backend (mock/http-chat.mjs) under /mock/chat, for the demo's assistant.
    chatMockMiddleware(),
    // The mock Voiceflow runtime (mock/voiceflow-runtime.mjs) under /mock/voiceflow, for demo/voiceflow.html.
    voiceflowMockMiddleware(),
    // The mock Botpress v12 server (mock/botpress-v12.mjs), for demo/botpress.html: its REST routes
    // here, its Socket.IO server on the dev server's HTTP server (the plugin above).
    botpressV12.middleware,
    // The mock Botpress Cloud Webchat API (mock/botpress-cloud.mjs) under /mock/botpress-cloud, for
    // demo/botpress-cloud.html.
    botpressCloudMiddleware(),
    // The printed URL is the one to open: / leads to the demo.
    function demoAtRoot(context, next) {
      if (context.path === '/') return context.redirect('/demo/');
      return next();
    },
  ],
};
