import {esbuildPlugin} from '@web/dev-server-esbuild';

export default {
  open: false,
  watch: false,
  rootDir: '.',
  nodeResolve: {exportConditions: ['development']},
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'})],
  middleware: [
    // The printed URL is the one to open: / leads to the demo.
    function demoAtRoot(context, next) {
      if (context.path === '/') return context.redirect('/demo/');
      return next();
    },
  ],
};
