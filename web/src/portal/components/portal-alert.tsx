import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describePortalError } from '../errors.ts';

/** A form- or page-level error, announced to screen readers. */
export function PortalErrorAlert({ error, message }: { error?: unknown; message?: string }) {
  const { t } = useTranslation('portal');
  const text = message ?? (error ? describePortalError(t, error) : undefined);
  if (!text) return null;
  return (
    <Alert color="red" variant="light" title={t('errors.title')} role="alert">
      {text}
    </Alert>
  );
}
