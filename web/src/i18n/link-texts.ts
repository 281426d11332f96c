import { useCallback, useEffect, useState } from 'react';
import { applyLanguage, currentLanguage, rememberLanguage, TEXT_LOADERS, type AllResources, type Language, type Namespace } from './texts.ts';

/**
 * A tiny `t` for the link pages (/rate/:token, /scorecard/:token), which load no i18next: it reads the
 * same resource objects (so both languages stay in the compiler-checked files) and fills in
 * `{{name}}` values, which is all those pages' texts use.
 */

/** The dotted keys of a resource object that lead to a text. */
export type TextKey<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${TextKey<T[K]>}` }[keyof T & string];

export type LinkT<N extends Namespace> = (key: TextKey<AllResources[N]>, values?: Record<string, string | number>) => string;

/** One language's texts for some namespaces. */
export interface LinkTexts<N extends Namespace> {
  lng: Language;
  resources: Pick<AllResources, N>;
}

export async function loadLinkTexts<N extends Namespace>(namespaces: readonly N[], lng: Language = currentLanguage()): Promise<LinkTexts<N>> {
  const loaded = await Promise.all(namespaces.map((ns) => TEXT_LOADERS[lng][ns]()));
  return { lng, resources: Object.fromEntries(namespaces.map((ns, i) => [ns, loaded[i]])) as unknown as Pick<AllResources, N> };
}

function lookup(resources: unknown, key: string, values?: Record<string, string | number>): string {
  let node: unknown = resources;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') return key;
  return values ? node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : node;
}

/** The `t` of one namespace. */
export function translator<N extends Namespace, M extends N>(texts: LinkTexts<N>, ns: M): LinkT<M> {
  const resources = texts.resources[ns];
  return (key, values) => lookup(resources, key, values);
}

/**
 * A link page's texts and its language switch: the new language's texts load first, then the page
 * changes, <html lang> follows and the choice is remembered.
 */
export function useLinkTexts<N extends Namespace>(initial: LinkTexts<N>, namespaces: readonly N[]) {
  const [texts, setTexts] = useState(initial);
  // Texts loaded earlier (a link page reached again inside the app) may be in a language left since.
  useEffect(() => {
    const lng = currentLanguage();
    if (lng !== initial.lng) void loadLinkTexts(namespaces, lng).then(setTexts);
  }, [initial, namespaces]);
  const changeLanguage = useCallback(
    async (lng: Language) => {
      rememberLanguage(lng);
      const next = await loadLinkTexts(namespaces, lng);
      setTexts(next);
      applyLanguage(lng);
    },
    [namespaces],
  );
  return { texts, changeLanguage };
}
