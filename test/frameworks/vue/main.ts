// The Vue app's entry, built by Vite in CI (`npm run test:types`).
import {createApp} from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
