import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ClientContext, connect } from './app/api-context';
import './app/styles.css';
import './app/feature-styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientContext.Provider value={connect()}>
      <App />
    </ClientContext.Provider>
  </StrictMode>,
);
