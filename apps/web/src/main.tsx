import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ApiProvider } from './api/ApiProvider.js';
import { I18nProvider } from './i18n/i18n.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ApiProvider>
        <App />
      </ApiProvider>
    </I18nProvider>
  </StrictMode>,
);
