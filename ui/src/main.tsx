import './i18n';
import './styles/global.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import type { PublicConfig } from './app/auth';

// The identity provider is the app's to name (issuer, realm, client): asked before anything renders.
const config: PublicConfig = await fetch('/api/public/config', { headers: { Accept: 'application/json' } })
  .then(response => response.json());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
);
