import { Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const LEVELS = ['5', '4', '3', '2', '1'] as const;

/** 1–5 as real radio buttons (arrow keys move between them), each named in words; the stars are decoration. */
export function SatisfactionInput({ value, onChange, error, name }: { value: string | null; onChange: (value: string) => void; error?: string; name: string }) {
  const { t } = useTranslation('portal');
  return (
    <Radio.Group label={t('rate.legend')} name={name} value={value} onChange={onChange} error={error} withAsterisk>
      <Stack gap={6} mt={6}>
        {LEVELS.map((level) => (
          <Radio
            key={level}
            value={level}
            label={
              <Group gap="xs" wrap="nowrap" component="span">
                <Text component="span" c="yellow.8" aria-hidden="true" ff="monospace" fz="lg" lh={1}>
                  {'★'.repeat(Number(level))}
                  <Text component="span" c="gray.5" inherit>
                    {'☆'.repeat(5 - Number(level))}
                  </Text>
                </Text>
                <span>{t('rate.star', { value: level, label: t(`rate.levels.${level}`) })}</span>
              </Group>
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
