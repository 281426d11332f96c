import { Anchor, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentPeriod, DEDUCTION_STATUSES, refreshAccountability, type Deduction, type DeductionStatus } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import type { Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { LedgerTable } from './assessment-view.tsx';
import { DecideDeductionModal } from './decide-deduction-modal.tsx';
import { PeriodSelect } from './period-select.tsx';

interface ScanResult {
  period: string;
  proposed: Deduction[];
  skipped: { reason: string; count: number }[];
}

/** The ledger as I may see it; for the office, the proposals to confirm or dismiss and the scan that makes them. */
export function DeductionsPage() {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('deductions.title'));
  const user = useCurrentUser();
  const isOffice = hasRole(user.roles, 'office');
  const canEditRules = isOffice || hasRole(user.roles, 'admin');
  const queryClient = useQueryClient();
  const status = useStatus();
  const [period, setPeriod] = useState(currentPeriod());
  const [filter, setFilter] = useState<DeductionStatus | null>(isOffice ? 'proposed' : null);
  const [deciding, setDeciding] = useState<{ d: Deduction; decision: 'confirm' | 'dismiss' } | null>(null);
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const list = useInfiniteQuery({
    queryKey: ['accountability', 'deductions', period, filter],
    queryFn: ({ pageParam }) => api.get<Page<Deduction>>('/api/deductions', { period, status: filter ?? undefined, limit: 100, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const scan = async () => {
    setScanning(true);
    setError(null);
    try {
      const result = await api.post<ScanResult>('/api/deductions/scan', { period });
      await refreshAccountability(queryClient);
      status.info(t('deductions.scanned', { count: result.proposed.length, period: result.period }));
    } catch (err) {
      setError(err);
    } finally {
      setScanning(false);
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('deductions.title')}</Title>
          <Text size="sm" c="dimmed">
            {isOffice ? t('deductions.introOffice') : t('deductions.intro')}
          </Text>
        </div>
        {canEditRules && (
          <Anchor component={Link} to="/deductions/rules">
            {t('rules.title')}
          </Anchor>
        )}
      </Group>
      <Group align="flex-end">
        <PeriodSelect value={period} onChange={setPeriod} />
        <Select label={tc('common.status')} placeholder={tc('common.all')} data={DEDUCTION_STATUSES.map((s) => ({ value: s, label: t(`deductionStatuses.${s}`) }))} value={filter} onChange={(v) => setFilter(v as DeductionStatus | null)} clearable w={200} />
        {isOffice && (
          <Button variant="light" onClick={() => void scan()} loading={scanning}>
            {t('deductions.scan')}
          </Button>
        )}
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={list.error ?? error} />
      {list.isPending ? (
        <Text>{tc('common.loading')}</Text>
      ) : (
        <LedgerTable
          items={rows}
          actions={
            isOffice
              ? (d) =>
                  d.status === 'proposed' ? (
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" color="red" variant="filled" onClick={() => setDeciding({ d, decision: 'confirm' })} aria-label={t('deductions.confirmNamed', { name: d.personName })}>
                        {t('deductions.confirm')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setDeciding({ d, decision: 'dismiss' })} aria-label={t('deductions.dismissNamed', { name: d.personName })}>
                        {t('deductions.dismiss')}
                      </Button>
                    </Group>
                  ) : null
              : undefined
          }
        />
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {tc('common.loadMore')}
        </Button>
      )}
      {deciding && (
        <DecideDeductionModal
          deduction={deciding.d}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={async (d) => {
            setDeciding(null);
            await refreshAccountability(queryClient);
            status.success(t(d.status === 'confirmed' ? 'deductions.confirmedMessage' : 'deductions.dismissedMessage', { name: d.personName }));
          }}
        />
      )}
    </Stack>
  );
}
