import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import { api } from '../api/endpoints';
import type { Session } from '../api/types';

type Status = 'loading' | 'signedOut' | 'signedIn';

interface SessionContextValue {
  status: Status;
  session: Session | null;
  /** Set when the server ended the session on its own (expired, account locked). */
  expired: boolean;
  /** Throws ApiError with the server's Vietnamese message on failure. */
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Loads /auth/me once at start, keeps the CSRF token for the API client, signs in and out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [expired, setExpired] = useState(false);

  const apply = useCallback((next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
    setStatus(next ? 'signedIn' : 'signedOut');
  }, []);

  useEffect(() => {
    let cancelled = false;
    api.auth.me().then(
      (me) => !cancelled && apply(me),
      (e: unknown) => {
        if (cancelled) return;
        // 401 simply means "not signed in"; other errors also land on the sign-in form.
        if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
        apply(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [apply]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setExpired(true);
      apply(null);
    });
    return () => setUnauthorizedHandler(null);
  }, [apply]);

  const login = useCallback(
    async (username: string, password: string) => {
      const next = await api.auth.login(username, password);
      setExpired(false);
      apply(next);
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      setExpired(false);
      apply(null);
    }
  }, [apply]);

  const value = useMemo(() => ({ status, session, expired, login, logout }), [status, session, expired, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered behind the sign-in gate. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn() without a session');
  return session;
}
