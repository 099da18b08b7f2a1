import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { navigate } from '../lib/router.js';
import { SIGN_IN_PATH } from '../paths.js';
import { type ApiClient, ApiError, createApiClient } from './client.js';
import { sessionJustEnded } from './session-memory.js';

const ApiContext = createContext<ApiClient | null>(null);

export function signInRedirect(): string {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === SIGN_IN_PATH) return here;
  const params = new URLSearchParams(sessionJustEnded() ? { expirada: '1' } : {});
  if (window.location.pathname !== '/') params.set('siguiente', here);
  return params.size > 0 ? `${SIGN_IN_PATH}?${params}` : SIGN_IN_PATH;
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 401 or 403 will not fix itself by asking again; network blips might.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
}

export function ApiProvider({ children, client }: { children: ReactNode; client?: ApiClient }) {
  const [queryClient] = useState(createQueryClient);
  const [api] = useState<ApiClient>(
    () =>
      client ??
      createApiClient({
        onUnauthenticated: () => {
          // Drop everything cached for the old session before showing the sign-in form.
          queryClient.clear();
          navigate(signInRedirect(), { replace: true });
        },
      }),
  );
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}
