import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chatMockMiddleware} from './mock/http-chat.mjs';
import {voiceflowMockMiddleware} from './mock/voiceflow-runtime.mjs';
import {botpressCloudMiddleware} from './mock/botpress-cloud.mjs';

export default {
  open: false,
  watch: false,
  rootDir: '.',
  nodeResolve: {exportConditions: ['development']},
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'})],
  middleware: [
    // The mock chat backend (mock/http-chat.mjs) under /mock/chat, for the demo's assistant.
    chatMockMiddleware(),
    // The mock Voiceflow runtime (mock/voiceflow-runtime.mjs) under /mock/voiceflow, for demo/voiceflow.html.
    voiceflowMockMiddleware(),
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
