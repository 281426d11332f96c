import { Anchor, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePortalTickets } from '../api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { usePortalTitle } from '../use-portal-title.ts';

/** My requests, newest first: number, subject, status in words, last update. */
export function RequestsPage() {
  const { t } = useTranslation('portal');
  usePortalTitle(t('requests.title'));
  const lang = currentLanguage();
  const tickets = usePortalTickets();
  const items = tickets.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('requests.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('requests.intro')}
          </Text>
        </div>
        <Button component={Link} to="/portal/requests/new">
          {t('nav.newRequest')}
        </Button>
      </Group>

      {tickets.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : tickets.isError ? (
        <PortalErrorAlert error={tickets.error} />
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="flex-start">
            <Text fw={600}>{t('requests.empty')}</Text>
            <Text size="sm">{t('requests.emptyHint')}</Text>
            <Button component={Link} to="/portal/requests/new" variant="light">
              {t('nav.newRequest')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover>
              <caption className="visually-hidden">{t('requests.caption')}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('requests.number')}</Table.Th>
                  <Table.Th scope="col">{t('requests.subject')}</Table.Th>
                  <Table.Th scope="col">{t('requests.status')}</Table.Th>
                  <Table.Th scope="col">{t('requests.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((ticket) => (
                  <Table.Tr key={ticket.id} data-testid="request-row">
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {ticket.number}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/portal/requests/${ticket.id}`}>
                        {ticket.subject}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={ticket.status} />
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt, lang)}</time>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {tickets.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : items.length > 0 ? (
        <Text size="sm" c="dimmed" ta="center">
          {t('requests.endOfList')}
        </Text>
      ) : null}
    </Stack>
  );
}
