import { useEffect, useState } from 'react';

/** What a link page has read about its link so far. */
export type LinkData<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/** Reads what a signed link is about once per token; an answer arriving after the page moved on is dropped. */
export function useLinkData<T>(token: string, read: (token: string) => Promise<T>): LinkData<T> {
  const [link, setLink] = useState<LinkData<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    read(token).then(
      (data) => live && setLink({ state: 'ready', data }),
      (err: unknown) => live && setLink({ state: 'error', error: err }),
    );
    return () => {
      live = false;
    };
  }, [token, read]);
  return link;
}
