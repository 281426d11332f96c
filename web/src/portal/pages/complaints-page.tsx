import { Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePortalComplaints, type ComplainantStatus } from '../complaints-api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { usePortalTitle } from '../use-portal-title.ts';

const COLOR: Record<ComplainantStatus, string> = { received: 'gray', investigating: 'blue', upheld: 'green', not_upheld: 'gray', appealed: 'grape' };

export function ComplaintStatusTag({ status }: { status: ComplainantStatus }) {
  const { t } = useTranslation('accountability');
  return (
    <Badge color={COLOR[status]} variant="light" tt="none">
      {t(`portal.statuses.${status}`)}
    </Badge>
  );
}

/** My complaints, newest first, and the way to make a new one. */
export function PortalComplaintsPage() {
  const { t } = useTranslation('accountability');
  const lang = currentLanguage();
  usePortalTitle(t('portal.title'));
  const complaints = usePortalComplaints();
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('portal.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('portal.intro')}
          </Text>
        </div>
        <Button component={Link} to="/portal/complaints/new">
          {t('portal.new')}
        </Button>
      </Group>
      {complaints.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('portal.loading')} />
        </Center>
      ) : complaints.isError ? (
        <PortalErrorAlert error={complaints.error} />
      ) : complaints.data.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text>{t('portal.empty')}</Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover>
              <caption className="visually-hidden">{t('portal.title')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('portal.summary')}</Table.Th>
                  <Table.Th scope="col">{t('portal.request')}</Table.Th>
                  <Table.Th scope="col">{t('portal.status')}</Table.Th>
                  <Table.Th scope="col">{t('portal.received')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {complaints.data.map((c) => (
                  <Table.Tr key={c.id} data-testid="complaint-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/portal/complaints/${c.id}`}>
                        {c.summary}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.ticketNumber ?? '–'}</Table.Td>
                    <Table.Td>
                      <ComplaintStatusTag status={c.status} />
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt, lang)}</time>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
