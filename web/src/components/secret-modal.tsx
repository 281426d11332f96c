import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AppModal } from './app-modal.tsx';

/** Shows a secret (a generated password, an API token) once, with a copy button. */
export function SecretModal(props: { opened: boolean; title: string; body: string; label: string; secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal opened={props.opened} onClose={props.onClose} title={props.title} centered size="lg">
      <Stack>
        <Text>{props.body}</Text>
        <div>
          <Text size="sm" fw={600}>
            {props.label}
          </Text>
          <Code block data-testid="secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: '1rem' }}>
            {props.secret}
          </Code>
        </div>
        <Group justify="flex-end">
          <CopyButton value={props.secret}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy} aria-live="polite">
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={props.onClose}>{t('common.done')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
