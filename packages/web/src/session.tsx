import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginResponse, SessionResponse, SessionUser } from '@guatu/contracts';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api/client.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: string | null }
  | {
      status: 'authenticated';
      user: SessionUser;
      idleTimeoutMinutes: number;
      /** The whole answer of login / me: second factor, password expiry, session end. */
      session: SessionResponse;
    };

type SessionContextValue = {
  state: SessionState;
  /** Null when logged in; the token of the second step when a TOTP or recovery code is needed. */
  login: (username: string, password: string) => Promise<{ mfaToken: string } | null>;
  /** The second login step. */
  verifyMfa: (mfaToken: string, code: string) => Promise<void>;
  /** Reloads /auth/me (after enrolment or a password change). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    setState({ status: 'authenticated', user: s.user, idleTimeoutMinutes: s.idleTimeoutMinutes, session: s });
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
      const s = await api.post<LoginResponse>('/auth/login', { username, password });
      if ('mfaRequired' in s) return { mfaToken: s.mfaToken };
      client.clear();
      accept(s);
      return null;
    },
    [accept, client],
  );

  const verifyMfa = useCallback(
    async (mfaToken: string, code: string) => {
      const s = await api.post<SessionResponse>('/auth/mfa/verify', { mfaToken, code });
      client.clear();
      accept(s);
    },
    [accept, client],
  );

  const refresh = useCallback(async () => {
    accept(await api.get<SessionResponse>('/auth/me'));
  }, [accept]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      drop('logged_out');
    }
  }, [drop]);

  const value = useMemo(
    () => ({ state, login, verifyMfa, refresh, logout }),
    [state, login, verifyMfa, refresh, logout],
  );
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
