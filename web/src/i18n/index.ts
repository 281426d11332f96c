import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { applyLanguage, currentLanguage, isLanguage, LANGUAGES, onLanguageChange, rememberLanguage, TEXT_LOADERS, type AllResources, type Language, type Namespace } from './texts.ts';

// The languages, the choice and the text chunks are the light half (texts.ts), shared with the entry and the link pages.
export { currentLanguage, detectLanguage, LANGUAGES, type Language, type Namespace } from './texts.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: AllResources;
  }
}

/** i18next's backend: reads a namespace of a language from its chunk. */
const chunkBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = isLanguage(language) ? (TEXT_LOADERS[language] as Record<string, (() => Promise<ResourceKey>) | undefined>)[namespace] : undefined;
    if (!load) {
      callback(new Error(`no texts for ${language}/${namespace}`), null);
      return;
    }
    load().then(
      (resources) => callback(null, resources),
      (err: unknown) => callback(err as Error, null),
    );
  },
};

/**
 * Starts i18next in the detected language with the namespaces the first page needs (fetched in
 * parallel with the page's code); any other namespace loads when a component first asks for it
 * (react-i18next suspends until then).
 */
export async function initI18n(namespaces: readonly Namespace[] = ['translation']): Promise<typeof i18next> {
  await i18next
    .use(chunkBackend)
    .use(initReactI18next)
    .init({
      lng: currentLanguage(),
      // Both languages have every key (the compiler checks), so no second language is ever fetched as a fallback.
      fallbackLng: false,
      load: 'currentOnly',
      supportedLngs: [...LANGUAGES],
      ns: [...namespaces],
      defaultNS: 'translation',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  const follow = (lng: string) => {
    if (isLanguage(lng)) applyLanguage(lng);
  };
  follow(i18next.language);
  i18next.on('languageChanged', follow);
  // A page without i18next (a link page reached inside the app) may switch the language too.
  onLanguageChange((lng) => {
    if (i18next.language !== lng) void i18next.changeLanguage(lng);
  });
  return i18next;
}

/** Loads an area's texts in the current language (an area's lazy loader calls it beside its code). */
export function loadNamespaces(...namespaces: Namespace[]): Promise<void> {
  return i18next.loadNamespaces(namespaces);
}

/** Switches the language and remembers it for the next visit: every namespace in use loads in the new language first, then the page changes. */
export async function changeLanguage(lng: Language): Promise<void> {
  rememberLanguage(lng);
  await i18next.changeLanguage(lng);
}
