import { Alert, CloseButton, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Status {
  kind: 'success' | 'info';
  text: string;
}

/** A page's last result ("Department Sales was created."), in a polite live region. */
export function StatusMessage({ status, onClose }: { status: Status | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite">
      {status && (
        <Alert color={status.kind === 'success' ? 'green' : 'blue'} variant="light" py="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{status.text}</Text>
            <CloseButton aria-label={t('common.close')} onClick={onClose} size="sm" />
          </Group>
        </Alert>
      )}
    </div>
  );
}

export function useStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  return {
    status,
    clear: () => setStatus(null),
    success: (text: string) => setStatus({ kind: 'success', text }),
    info: (text: string) => setStatus({ kind: 'info', text }),
  };
}

export type StatusApi = ReturnType<typeof useStatus>;
