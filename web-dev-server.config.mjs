import {esbuildPlugin} from '@web/dev-server-esbuild';

export default {
  open: false,
  watch: false,
  appIndex: 'demo/index.html',
  rootDir: '.',
  nodeResolve: {exportConditions: ['development']},
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'})],
  middleware: [
    // Serve the demo at / so the printed URL is the one to open.
    function demoAtRoot(context, next) {
      if (context.url === '/') context.url = '/demo/index.html';
      return next();
    },
  ],
};
