import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { SessionProvider } from './auth/SessionProvider';
import { I18nProvider } from './i18n/I18nProvider';
import { ThemedMantine } from './ThemedMantine';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ThemedMantine>
        <BrowserRouter basename="/app">
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </ThemedMantine>
    </I18nProvider>
  </StrictMode>,
);
