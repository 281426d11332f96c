import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Resources } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { portalEn, type PortalResources } from './portal-en.ts';
import { portalZhCN } from './portal-zh-CN.ts';
import { accountabilityEn, type AccountabilityResources } from './accountability-en.ts';
import { accountabilityZhCN } from './accountability-zh-CN.ts';
import { commitmentsEn, type CommitmentsResources } from './commitments-en.ts';
import { commitmentsZhCN } from './commitments-zh-CN.ts';
import { surveysEn, type SurveysResources } from './surveys-en.ts';
import { surveysZhCN } from './surveys-zh-CN.ts';
import { dashboardEn, type DashboardResources } from './dashboard-en.ts';
import { dashboardZhCN } from './dashboard-zh-CN.ts';
import { scorecardsEn, type ScorecardsResources } from './scorecards-en.ts';
import { scorecardsZhCN } from './scorecards-zh-CN.ts';
import { careEn, type CareResources } from './care-en.ts';
import { careZhCN } from './care-zh-CN.ts';
import { customersEn, type CustomersResources } from './customers-en.ts';
import { customersZhCN } from './customers-zh-CN.ts';
import { customerImportEn, type CustomerImportResources } from './customer-import-en.ts';
import { customerImportZhCN } from './customer-import-zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'centric.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources; portal: PortalResources; commitments: CommitmentsResources; surveys: SurveysResources; accountability: AccountabilityResources; dashboard: DashboardResources; scorecards: ScorecardsResources; care: CareResources; customers: CustomersResources; customerImport: CustomerImportResources };
  }
}

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

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: {
      en: { translation: en, portal: portalEn, commitments: commitmentsEn, surveys: surveysEn, accountability: accountabilityEn, dashboard: dashboardEn, scorecards: scorecardsEn, care: careEn, customers: customersEn, customerImport: customerImportEn },
      'zh-CN': { translation: zhCN, portal: portalZhCN, commitments: commitmentsZhCN, surveys: surveysZhCN, accountability: accountabilityZhCN, dashboard: dashboardZhCN, scorecards: scorecardsZhCN, care: careZhCN, customers: customersZhCN, customerImport: customerImportZhCN },
    },
    lng: detectLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(i18next.language);
  i18next.on('languageChanged', applyLanguage);
  return i18next;
}

/** Switches the language and remembers it for the next visit. */
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
