// The React app's entry, built by Vite in CI (`npm run test:types`).
import {StrictMode} from 'react';
import {createRoot} from 'react-dom/client';
import {Wrapped} from './app';

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Wrapped />
  </StrictMode>
);
