import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPANY_SETTINGS_KEY, GRADE_KEYS, updateCompanySettings, useCompanySettings, type GradeKey } from '../../api/dashboard.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';

const EDITABLE = GRADE_KEYS.filter((g) => g !== 'C' && g !== 'D');

/** /admin/company-settings — the company time zone and the scorecard grade points (admin). */
export function CompanySettingsPage() {
  const { t } = useTranslation('scorecards');
  usePageTitle(t('settings.title'));
  const settings = useCompanySettings();
  const queryClient = useQueryClient();
  const [timeZone, setTimeZone] = useState('');
  const [points, setPoints] = useState<Partial<Record<GradeKey, number | string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setTimeZone(settings.data.timeZone);
    setPoints(settings.data.scorecardGradePoints);
  }, [settings.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const scorecardGradePoints = Object.fromEntries(EDITABLE.map((g) => [g, Number(points[g])]));
      queryClient.setQueryData(COMPANY_SETTINGS_KEY, await updateCompanySettings({ timeZone: timeZone.trim(), scorecardGradePoints }));
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : undefined);

  return (
    <Stack maw={720}>
      <div>
        <Title order={1}>{t('settings.title')}</Title>
        <Text size="sm" c="dimmed">{t('settings.intro')}</Text>
      </div>
      <ErrorAlert error={settings.error} />
      {settings.data && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            {saved && <Alert color="green" variant="light" role="status">{t('settings.saved')}</Alert>}
            <ErrorAlert error={error instanceof ApiError && error.field ? undefined : error} />
            <TextInput label={t('settings.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} error={fieldError('timeZone')} required />
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {GRADE_KEYS.map((g) =>
                g === 'C' || g === 'D' ? (
                  <NumberInput key={g} label={t('settings.fixed', { grade: g })} value={settings.data!.scorecardGradePoints[g]} readOnly />
                ) : (
                  <NumberInput key={g} label={t('settings.points', { grade: g })} value={points[g] ?? ''} onChange={(v) => setPoints({ ...points, [g]: v })} error={fieldError(`scorecardGradePoints.${g}`)} min={-1000} max={1000} />
                ),
              )}
            </SimpleGrid>
            <Group>
              <Button type="submit">{t('settings.save')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
