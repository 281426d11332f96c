import { Anchor, Button, Checkbox, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VISIT_VIEWS, careApi, refreshCare, type VisitView } from '../../api/care.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PagedTable, usePagedList } from '../../components/paged-table.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatDate } from '../../lib/format.ts';
import { VisitStatusBadge, usePreferredText } from './care-labels.tsx';

/** Overdue visits (with a count per visitor and department), upcoming ones, and recorded ones; admins and the office can generate now. */
export function CareVisitsPage() {
  const { t, i18n } = useTranslation('care');
  usePageTitle(t('visits.title'));
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const status = useStatus();
  const canGenerate = hasRole(user.roles, 'admin') || hasRole(user.roles, 'office');
  const [view, setView] = useState<VisitView>('overdue');
  const [mine, setMine] = useState(false);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [generating, setGenerating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const preferred = usePreferredText();
  const paged = usePagedList(['care', 'visits', view, mine, departmentId], (cursor) => careApi.listVisits({ view, visitorId: mine ? user.id : undefined, departmentId: departmentId ?? undefined, cursor }));
  const byVisitor = paged.list.data?.pages[0]?.byVisitor ?? [];
  const generate = async () => {
    setGenerating(true);
    setError(null);
    try {
      const r = await careApi.generate();
      await refreshCare(queryClient);
      status.success(t('visits.generated', { count: r.created, from: formatDate(r.from, i18n.language), to: formatDate(r.to, i18n.language) }));
    } catch (err) {
      setError(err);
    } finally {
      setGenerating(false);
    }
  };
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('visits.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('visits.intro')}
          </Text>
        </div>
        <Group>
          <Button component={Link} to="/care" variant="default">
            {t('register.title')}
          </Button>
          {canGenerate && (
            <Button onClick={() => void generate()} loading={generating}>
              {t('visits.generate')}
            </Button>
          )}
        </Group>
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={error} />
      <Group align="flex-end">
        <SegmentedControl aria-label={t('visits.viewLabel')} value={view} onChange={(v) => setView(v as VisitView)} data={VISIT_VIEWS.map((v) => ({ value: v, label: t(`visits.views.${v}`) }))} />
        <Checkbox label={t('visits.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} mb={6} />
        <div style={{ width: 280 }}>
          <DepartmentSelect label={t('visits.department')} value={departmentId} onChange={setDepartmentId} />
        </div>
      </Group>
      {view === 'overdue' && byVisitor.length > 0 && (
        <Table withTableBorder maw={640} data-testid="care-overdue-summary" captionSide="top">
          <Table.Caption>{t('visits.byVisitor')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('visits.visitorColumn')}</Table.Th>
              <Table.Th scope="col">{t('visits.departmentColumn')}</Table.Th>
              <Table.Th scope="col">{t('visits.countColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {byVisitor.map((s) => (
              <Table.Tr key={`${s.staffId}-${s.departmentId}`}>
                <Table.Td>{s.staffName ?? '–'}</Table.Td>
                <Table.Td>{s.departmentName ?? '–'}</Table.Td>
                <Table.Td>{s.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PagedTable
        paged={paged}
        empty={t('visits.empty')}
        testId="care-visits-table"
        minWidth={900}
        head={
          <>
            <Table.Th scope="col">{t('visits.planned')}</Table.Th>
            <Table.Th scope="col">{t('visits.customer')}</Table.Th>
            <Table.Th scope="col">{t('visits.ticket')}</Table.Th>
            <Table.Th scope="col">{t('visits.visitor')}</Table.Th>
            <Table.Th scope="col">{t('visits.status')}</Table.Th>
          </>
        }
        row={(v) => (
          <Table.Tr key={v.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatDate(v.plannedFor, i18n.language)}
              {preferred(v) && (
                <Text size="xs" c="dimmed">
                  {preferred(v)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/care/entries/${v.entryId}`}>
                {v.customerName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {v.customerPhones.join(' · ')}
              </Text>
            </Table.Td>
            <Table.Td>{v.ticketId ? <Anchor component={Link} to={`/tickets/${v.ticketId}`}>{v.ticketNumber}</Anchor> : '–'}</Table.Td>
            <Table.Td>{v.ownerName ?? v.visitorDepartmentName ?? '–'}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <VisitStatusBadge visit={v} />
                {v.recordedAt === null && (v.ownerId === user.id || v.handlerId === user.id) && (
                  <Button component={Link} to={`/care/visits/${v.id}/record`} size="compact-sm" aria-label={t('visits.recordFor', { name: v.customerName, date: formatDate(v.plannedFor, i18n.language) })}>
                    {t('visits.record')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
