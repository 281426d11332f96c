import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/errors.ts';

/** A form- or page-level error, announced to screen readers. */
export function ErrorAlert({ error, message }: { error?: unknown; message?: string }) {
  const { t } = useTranslation();
  const text = message ?? (error ? describeError(t, error) : undefined);
  if (!text) return null;
  return (
    <Alert color="red" variant="light" title={t('errors.title')} role="alert">
      {text}
    </Alert>
  );
}
