import { Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { COMPLAINT_STATUSES, COMPLAINT_VIEWS, refreshAccountability, type ComplaintListItem, type ComplaintListView, type ComplaintStatus } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { PagedTable, usePagedList } from '../../components/paged-table.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ComplaintStatusBadge } from './labels.tsx';
import { RegisterComplaintModal } from './register-complaint-modal.tsx';

/** The complaints I may see (the office's queue: all of them), and registering a new one. */
export function ComplaintsPage() {
  const { t, i18n } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('complaints.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [view, setView] = useState<ComplaintListView>('all');
  const [status, setStatus] = useState<ComplaintStatus | null>(null);
  const [registering, setRegistering] = useState(false);
  const paged = usePagedList(['accountability', 'complaints', view, status], (cursor) => api.get<Page<ComplaintListItem>>('/api/complaints', { view, status: status ?? undefined, limit: 50, cursor: cursor ?? undefined }));
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('complaints.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('complaints.intro')}
          </Text>
        </div>
        <Button onClick={() => setRegistering(true)}>{t('complaints.register')}</Button>
      </Group>
      <Group align="flex-end">
        <SegmentedControl value={view} onChange={(v) => setView(v as ComplaintListView)} data={COMPLAINT_VIEWS.map((v) => ({ value: v, label: t(`complaints.views.${v}`) }))} aria-label={t('complaints.viewLabel')} />
        <Select label={tc('common.status')} placeholder={tc('common.all')} data={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} value={status} onChange={(v) => setStatus(v as ComplaintStatus | null)} clearable w={200} />
      </Group>
      <PagedTable
        paged={paged}
        empty={t('complaints.empty')}
        testId="complaints-table"
        minWidth={900}
        head={
          <>
            <Table.Th scope="col">{t('complaints.received')}</Table.Th>
            <Table.Th scope="col">{t('complaints.summary')}</Table.Th>
            <Table.Th scope="col">{t('complaints.kind')}</Table.Th>
            <Table.Th scope="col">{t('complaints.subject')}</Table.Th>
            <Table.Th scope="col">{t('complaints.complainant')}</Table.Th>
            <Table.Th scope="col">{tc('common.status')}</Table.Th>
          </>
        }
        row={(c) => (
          <Table.Tr key={c.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.receivedAt, i18n.language)}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/complaints/${c.id}`}>
                {c.summary}
              </Anchor>
              <Text size="xs" c="dimmed">
                #{c.id} · {t(`sources.${c.source}`)}
                {c.ticketNumber ? ` · ${c.ticketNumber}` : ''}
              </Text>
            </Table.Td>
            <Table.Td>{t(`kinds.${c.kind}`)}</Table.Td>
            <Table.Td>
              {c.subjectName ?? t('complaints.subjectUnknown')}
              {c.subjectDepartmentName && (
                <Text size="xs" c="dimmed">
                  {c.subjectDepartmentName}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{c.complainant ?? '–'}</Table.Td>
            <Table.Td>
              <ComplaintStatusBadge status={c.status} />
            </Table.Td>
          </Table.Tr>
        )}
      />
      {registering && (
        <RegisterComplaintModal
          onClose={() => setRegistering(false)}
          onDone={async (c) => {
            setRegistering(false);
            await refreshAccountability(queryClient);
            navigate(`/complaints/${c.id}`);
          }}
        />
      )}
    </Stack>
  );
}
