// A Svelte 5 app needs only Svelte's plugin: Svelte creates unknown tags as
// custom elements, sets properties they have, and listens to `onchat-…` events.
import {svelte} from '@sveltejs/vite-plugin-svelte';
import {defineConfig} from 'vite';

export default defineConfig({plugins: [svelte()]});
