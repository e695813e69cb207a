import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import './styles.css';
import { App } from './App.tsx';
import { whichServer } from './hub/which-server.ts';

// The same build runs on a platform and on a supervision hub: ask which before the first render.
void whichServer().then((server) =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App server={server} />
    </StrictMode>,
  ),
);
