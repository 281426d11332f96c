import { Anchor, Button, Card, Checkbox, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { currentPeriod, refreshAccountability, type SpotCheck } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PeriodSelect } from './period-select.tsx';

/** The office draws each period's reproducible sample of closed tickets and audits it. */
export function SpotChecksPage() {
  const { t, i18n } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('spotChecks.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(currentPeriod());
  const [mode, setMode] = useState<'share' | 'count'>('share');
  const [share, setShare] = useState('10');
  const [count, setCount] = useState('10');
  const [seed, setSeed] = useState('');
  const [stratify, setStratify] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({ queryKey: ['accountability', 'spot-checks'], queryFn: () => api.get<{ items: Omit<SpotCheck, 'items'>[] }>('/api/spot-checks').then((r) => r.items) });

  const draw = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { period, stratifyByDepartment: stratify, ...(seed.trim() ? { seed: seed.trim() } : {}), ...(mode === 'share' ? { share: Number(share) / 100 } : { count: Number(count) }) };
      const check = await api.post<SpotCheck>('/api/spot-checks', body);
      await refreshAccountability(queryClient);
      navigate(`/spot-checks/${check.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <div>
        <Title order={1}>{t('spotChecks.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('spotChecks.intro')}
        </Text>
      </div>
      <Card withBorder padding="md" component="form" onSubmit={(e) => void draw(e)}>
        <Title order={2} size="h3">
          {t('spotChecks.draw')}
        </Title>
        <Stack mt="sm">
          <ErrorAlert message={formError(tc, error, ['share', 'count', 'seed', 'period'])} />
          <Group align="flex-end">
            <PeriodSelect value={period} onChange={setPeriod} />
            <Radio.Group label={t('spotChecks.size')} value={mode} onChange={(v) => setMode(v as typeof mode)}>
              <Group mt="xs">
                <Radio value="share" label={t('spotChecks.byShare')} />
                <Radio value="count" label={t('spotChecks.byCount')} />
              </Group>
            </Radio.Group>
            {mode === 'share' ? (
              <TextInput label={t('spotChecks.sharePercent')} value={share} onChange={(e) => setShare(e.currentTarget.value)} inputMode="decimal" w={140} error={fieldError(tc, error, 'share')} />
            ) : (
              <TextInput label={t('spotChecks.count')} value={count} onChange={(e) => setCount(e.currentTarget.value)} inputMode="numeric" w={140} error={fieldError(tc, error, 'count')} />
            )}
            <TextInput label={t('spotChecks.seed')} description={t('spotChecks.seedHint')} value={seed} onChange={(e) => setSeed(e.currentTarget.value)} maxLength={200} w={220} error={fieldError(tc, error, 'seed')} />
          </Group>
          <Checkbox label={t('spotChecks.stratify')} checked={stratify} onChange={(e) => setStratify(e.currentTarget.checked)} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('spotChecks.drawSubmit')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 && <Text>{t('spotChecks.empty')}</Text>}
      {list.data && list.data.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('period.label')}</Table.Th>
                <Table.Th scope="col">{t('spotChecks.drawnAt')}</Table.Th>
                <Table.Th scope="col">{t('spotChecks.seed')}</Table.Th>
                <Table.Th scope="col">{t('spotChecks.sample')}</Table.Th>
                <Table.Th scope="col">{t('spotChecks.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/spot-checks/${c.id}`}>
                      {t('spotChecks.name', { id: c.id, period: c.period })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.drawnAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {c.seed}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t('spotChecks.sampleOf', { sampled: c.strata.reduce((s, x) => s + x.sampled, 0), population: c.population })}</Table.Td>
                  <Table.Td>{t('spotChecks.auditedOf', { audited: c.audited, passed: c.passed })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
