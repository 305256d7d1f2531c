// As in Vite's React template. Besides compiling JSX, React's plugin silences the
// bundler's warning about the wrapper's 'use client' directive (which only
// Next.js's server components read).
import react from '@vitejs/plugin-react';
import {defineConfig} from 'vite';

export default defineConfig({plugins: [react()]});
