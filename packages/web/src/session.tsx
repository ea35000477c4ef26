import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionResponse, SessionUser } from '@guatu/contracts';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api/client.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: string | null }
  | { status: 'authenticated'; user: SessionUser; idleTimeoutMinutes: number };

type SessionContextValue = {
  state: SessionState;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    setState({ status: 'authenticated', user: s.user, idleTimeoutMinutes: s.idleTimeoutMinutes });
  }, []);

  const drop = useCallback(
    (reason: string | null) => {
      setCsrfToken(null);
      client.clear();
      setState({ status: 'anonymous', reason });
    },
    [client],
  );

  useEffect(() => {
    setUnauthorizedHandler((code) => drop(code));
    api
      .get<SessionResponse>('/auth/me')
      .then(accept)
      .catch((e: unknown) => {
        // a 401 already went through the handler; anything else (server down) also lands on login
        if (!(e instanceof ApiError && e.status === 401)) drop(null);
      });
  }, [accept, drop]);

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await api.post<SessionResponse>('/auth/login', { username, password });
      client.clear();
      accept(s);
    },
    [accept, client],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      drop('logged_out');
    }
  }, [drop]);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only call below the authenticated routes. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser without a session');
  return state.user;
}
