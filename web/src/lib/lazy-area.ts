import { lazy, type ComponentType } from 'react';
import { loadNamespaces, type Namespace } from '../i18n/index.ts';

/**
 * An area of the app as one lazily fetched chunk: its pages' code and its texts, fetched side by side
 * the first time any of its pages is shown, then kept.
 */
export function lazyArea<M>(load: () => Promise<M>, ...namespaces: Namespace[]): () => Promise<M> {
  let promise: Promise<M> | null = null;
  return () => (promise ??= Promise.all([load(), loadNamespaces(...namespaces)]).then(([m]) => m));
}

/** One page of an area, for a <Route element>; the route's Suspense boundary shows while it loads. */
export function lazyPage<K extends string, M extends { [P in K]: ComponentType }>(area: () => Promise<M>, name: K) {
  return lazy(() => area().then((m) => ({ default: m[name] })));
}
