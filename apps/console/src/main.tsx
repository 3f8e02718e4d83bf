import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { session } from './providers/session';

// A signed-out visitor goes to the login page before anything mounts (see session.ts).
session.redirectToLoginIfSignedOut();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
