import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Resources } from './en.ts';
import type { PortalResources } from './portal-en.ts';
import type { AccountabilityResources } from './accountability-en.ts';
import type { CommitmentsResources } from './commitments-en.ts';
import type { SurveysResources } from './surveys-en.ts';
import type { DashboardResources } from './dashboard-en.ts';
import type { ScorecardsResources } from './scorecards-en.ts';
import type { CareResources } from './care-en.ts';
import type { CustomersResources } from './customers-en.ts';
import type { CustomerImportResources } from './customer-import-en.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'centric.lang';

interface AllResources {
  translation: Resources;
  portal: PortalResources;
  commitments: CommitmentsResources;
  surveys: SurveysResources;
  accountability: AccountabilityResources;
  dashboard: DashboardResources;
  scorecards: ScorecardsResources;
  care: CareResources;
  customers: CustomersResources;
  customerImport: CustomerImportResources;
}
export type Namespace = keyof AllResources;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: AllResources;
  }
}

/**
 * Every text file is its own chunk, fetched when its language and namespace are first needed: a
 * visitor downloads one language, and an area's texts come with the area. Each zh-CN file is typed
 * as its en twin, so the compiler still holds both languages to the same keys.
 */
const LOADERS: { [L in Language]: { [N in Namespace]: () => Promise<AllResources[N]> } } = {
  en: {
    translation: () => import('./en.ts').then((m) => m.en),
    portal: () => import('./portal-en.ts').then((m) => m.portalEn),
    commitments: () => import('./commitments-en.ts').then((m) => m.commitmentsEn),
    surveys: () => import('./surveys-en.ts').then((m) => m.surveysEn),
    accountability: () => import('./accountability-en.ts').then((m) => m.accountabilityEn),
    dashboard: () => import('./dashboard-en.ts').then((m) => m.dashboardEn),
    scorecards: () => import('./scorecards-en.ts').then((m) => m.scorecardsEn),
    care: () => import('./care-en.ts').then((m) => m.careEn),
    customers: () => import('./customers-en.ts').then((m) => m.customersEn),
    customerImport: () => import('./customer-import-en.ts').then((m) => m.customerImportEn),
  },
  'zh-CN': {
    translation: () => import('./zh-CN.ts').then((m) => m.zhCN),
    portal: () => import('./portal-zh-CN.ts').then((m) => m.portalZhCN),
    commitments: () => import('./commitments-zh-CN.ts').then((m) => m.commitmentsZhCN),
    surveys: () => import('./surveys-zh-CN.ts').then((m) => m.surveysZhCN),
    accountability: () => import('./accountability-zh-CN.ts').then((m) => m.accountabilityZhCN),
    dashboard: () => import('./dashboard-zh-CN.ts').then((m) => m.dashboardZhCN),
    scorecards: () => import('./scorecards-zh-CN.ts').then((m) => m.scorecardsZhCN),
    care: () => import('./care-zh-CN.ts').then((m) => m.careZhCN),
    customers: () => import('./customers-zh-CN.ts').then((m) => m.customersZhCN),
    customerImport: () => import('./customer-import-zh-CN.ts').then((m) => m.customerImportZhCN),
  },
};

/** i18next's backend: reads a namespace of a language from its chunk. */
const chunkBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = isLanguage(language) ? (LOADERS[language] as Record<string, (() => Promise<ResourceKey>) | undefined>)[namespace] : undefined;
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

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's: Chinese for any zh-*, English otherwise. */
export function detectLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage may be unavailable (privacy mode); fall through to the browser language
  }
  return /^zh/i.test(navigator.language ?? '') ? 'zh-CN' : 'en';
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
}

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
      lng: detectLanguage(),
      // Both languages have every key (the compiler checks), so no second language is ever fetched as a fallback.
      fallbackLng: false,
      load: 'currentOnly',
      supportedLngs: [...LANGUAGES],
      ns: [...namespaces],
      defaultNS: 'translation',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  applyLanguage(i18next.language);
  i18next.on('languageChanged', applyLanguage);
  return i18next;
}

/** Loads an area's texts in the current language (an area's lazy loader calls it beside its code). */
export function loadNamespaces(...namespaces: Namespace[]): Promise<void> {
  return i18next.loadNamespaces(namespaces);
}

/** Switches the language and remembers it for the next visit: every namespace in use loads in the new language first, then the page changes. */
export async function changeLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not remembered, but still switched
  }
  await i18next.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}
