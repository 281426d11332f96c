import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client.ts';
import type { Role, Session, SignedIn } from './types.ts';

export const SESSION_KEY = ['session'] as const;

/** Who is signed in, or null. Remembers the CSRF token for the changes that follow. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useCurrentUser() {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside a signed-in area');
  return data.user;
}

export function hasRole(roles: readonly Role[] | undefined, role: Role): boolean {
  return roles?.includes(role) ?? false;
}

export async function signIn(queryClient: QueryClient, email: string, password: string): Promise<void> {
  const answer = await api.post<SignedIn>('/api/session', { email, password });
  setCsrfToken(answer.csrfToken);
  queryClient.removeQueries();
  // The full session (with the department's name) comes from GET /api/session.
  await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: fetchSession });
}

export async function signOut(queryClient: QueryClient): Promise<void> {
  try {
    await api.delete('/api/session');
  } finally {
    setCsrfToken(null);
    queryClient.removeQueries();
    queryClient.setQueryData(SESSION_KEY, null);
  }
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return () => signOut(queryClient);
}
