import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { ApiError } from './api/client.ts';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { SessionProvider } from './session.tsx';
import { App } from './app.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers will not change by asking again
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

function Themed() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider
      locale={antdLocale}
      theme={{ token: { colorPrimary: '#1f5fbf' } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  );
}

registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        {/* A click renders the next page at once, in one task, not as a transition cut in 5 ms
            slices between frames (issue 11: the war chart's page took ~250 ms that way, not ~90);
            a page whose chunk is still loading shows its spinner (PageSuspense). */}
        <BrowserRouter useTransitions={false}>
          <SessionProvider>
            <Themed />
          </SessionProvider>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
