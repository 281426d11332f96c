import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Sets the tab's title to "<page> · Centric customer portal" in the current language. Set again
 * just after the render's effects, since the app's own (parent) effect names the tab "Centric"
 * after its children's effects on mount and on a language change.
 */
export function usePortalTitle(title: string): void {
  const { t } = useTranslation('portal');
  useEffect(() => {
    const text = `${title} · ${t('app.name')} ${t('app.portal')}`;
    document.title = text;
    const timer = window.setTimeout(() => {
      document.title = text;
    }, 0);
    return () => window.clearTimeout(timer);
  }, [title, t]);
}
