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

/**
 * The light half of the app's languages, with no i18next in it: the languages, the choice (remembered,
 * else the browser's), and where each namespace's texts are. The entry and the link pages use only
 * this; the router app's i18next (index.ts) reads the same chunks and follows the same choice.
 */

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'centric.lang';

export interface AllResources {
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

/**
 * Every text file is its own chunk, fetched when its language and namespace are first needed: a
 * visitor downloads one language, and an area's texts come with the area. Each zh-CN file is typed
 * as its en twin, so the compiler still holds both languages to the same keys.
 */
export const TEXT_LOADERS: { [L in Language]: { [N in Namespace]: () => Promise<AllResources[N]> } } = {
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

export function isLanguage(value: unknown): value is Language {
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

let current: Language | null = null;
const listeners = new Set<(lng: Language) => void>();

/** The language the page is in now. */
export function currentLanguage(): Language {
  return (current ??= detectLanguage());
}

/** The page is now in `lng`: <html lang> follows, and whoever listens (the router app's i18next) is told. */
export function applyLanguage(lng: Language): void {
  document.documentElement.lang = lng;
  if (current === lng) return;
  current = lng;
  for (const listener of listeners) listener(lng);
}

/** Remembers the choice for the next visit (when storage allows). */
export function rememberLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not remembered, but still switched
  }
}

export function onLanguageChange(listener: (lng: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts fetching a language's texts for these namespaces (a module is fetched once, so i18next's later read reuses it). */
export function preloadTexts(lng: Language, namespaces: readonly Namespace[]): void {
  for (const ns of namespaces) void TEXT_LOADERS[lng][ns]().catch(() => undefined);
}
