import { useSearchParams, type NavigateOptions } from 'react-router';

/**
 * The page's search params, and a change that sets or removes some of them (null or '' removes).
 * Each change builds on the address bar, not on the rendered params: a route change lands as a
 * transition, so a second quick change would otherwise undo the first.
 */
export function useUrlParams<K extends string>(): [URLSearchParams, (changes: Partial<Record<K, string | number | null | undefined>>, options?: NavigateOptions) => void] {
  const [params, setParams] = useSearchParams();
  const update = (changes: Partial<Record<K, string | number | null | undefined>>, options?: NavigateOptions) =>
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes) as [string, string | number | null | undefined][]) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      return next;
    }, options);
  return [params, update];
}
