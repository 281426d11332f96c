import { Button, Menu, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES } from '../i18n/index.ts';

/** The language menu; each language is named in itself so anyone can find their own. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="sm" leftSection={<span aria-hidden="true">文A</span>}>
          <VisuallyHidden component="span">{t('lang.prefix')}</VisuallyHidden>
          {t(`lang.${current}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('lang.label')}</Menu.Label>
        {LANGUAGES.map((lng) => (
          <Menu.Item key={lng} lang={lng} onClick={() => void changeLanguage(lng)} aria-current={lng === current ? 'true' : undefined}>
            {t(`lang.${lng}`)}
            {lng === current ? ' ✓' : ''}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
