// As the README says: Vue's compiler is told the two tags are custom elements, so
// it creates them as elements instead of looking for Vue components of that name.
import vue from '@vitejs/plugin-vue';
import {defineConfig} from 'vite';

export default defineConfig({
  plugins: [
    vue({
      template: {
        compilerOptions: {isCustomElement: (tag) => tag === 'chat-widget' || tag === 'chat-trigger'},
      },
    }),
  ],
});
