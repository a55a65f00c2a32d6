import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ApiProvider } from './api/context.tsx';
import { connectApi, errorMessage } from './api/api.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
connectApi().then(
  (api) =>
    root.render(
      <StrictMode>
        <ApiProvider value={api}>
          <App />
        </ApiProvider>
      </StrictMode>,
    ),
  (err: unknown) => root.render(<p className="fatal">Cannot reach the app's core: {errorMessage(err)}</p>),
);
