import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginResponse, SessionResponse, SessionUser } from '@guatu/contracts';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api/client.ts';
import { clearSnapshots } from './offline/snapshots.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: string | null }
  | {
      status: 'authenticated';
      user: SessionUser;
      idleTimeoutMinutes: number;
      /** The whole answer of login / me: second factor, password expiry, session end. */
      session: SessionResponse;
      /**
       * Opened without signal on the session this phone remembers: pages read what they kept, sends
       * wait; the server is asked again (and decides) as soon as the connection returns.
       */
      offline?: boolean;
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

/**
 * The last session answer, without its CSRF token, kept on this device so that the phone report
 * pages open without signal (issue 10, item 3). It grants nothing: every request still needs the
 * session cookie and the token the server gives again when the connection returns.
 */
const KEPT = 'guatu.session';
function remember(s: SessionResponse): void {
  try {
    localStorage.setItem(KEPT, JSON.stringify({ ...s, csrfToken: '' }));
  } catch {
    // storage full or disabled: the app simply needs signal to open
  }
}
function remembered(): SessionResponse | null {
  try {
    const raw = localStorage.getItem(KEPT);
    return raw ? (JSON.parse(raw) as SessionResponse) : null;
  } catch {
    return null;
  }
}
function forget(): void {
  try {
    localStorage.removeItem(KEPT);
  } catch {
    // nothing kept
  }
  void clearSnapshots();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    remember(s);
    setState({ status: 'authenticated', user: s.user, idleTimeoutMinutes: s.idleTimeoutMinutes, session: s });
  }, []);

  const drop = useCallback(
    (reason: string | null) => {
      setCsrfToken(null);
      forget();
      client.clear();
      setState({ status: 'anonymous', reason });
    },
    [client],
  );

  useEffect(() => {
    setUnauthorizedHandler((code) => drop(code));
    let retry: (() => void) | null = null;
    const ask = () =>
      api
        .get<SessionResponse>('/auth/me')
        .then(accept)
        .catch((e: unknown) => {
          // a 401 already went through the handler
          if (e instanceof ApiError && e.status === 401) return;
          const kept = e instanceof ApiError && e.code === 'network' ? remembered() : null;
          // No signal on a phone that was signed in: open on what it kept, ask again when online.
          if (kept) {
            setState((now) =>
              now.status === 'authenticated' && !now.offline
                ? now
                : {
                    status: 'authenticated',
                    user: kept.user,
                    idleTimeoutMinutes: kept.idleTimeoutMinutes,
                    session: kept,
                    offline: true,
                  },
            );
            if (!retry) {
              retry = () => void ask();
              window.addEventListener('online', retry);
            }
          } else drop(null); // server down and nothing kept: the login page
        });
    void ask();
    return () => {
      if (retry) window.removeEventListener('online', retry);
    };
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
