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

// The first number the console formats (the tenants count) loads ICU's number data: 30–56 ms in Chromium on a slow
// machine. Done in idle time, it runs while the first calls are in flight instead of before the count is painted
// (issue #17, P5).
const warmNumberFormat = () => void (0).toLocaleString();
if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(warmNumberFormat, { timeout: 1000 });
