// The Svelte app's entry, built by Vite in CI (`npm run test:types`).
import {mount} from 'svelte';
import App from './App.svelte';

mount(App, {target: document.getElementById('app')!});
