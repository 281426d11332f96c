import { Anchor, Badge, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useScorecards } from '../../api/scorecards.ts';

/** On an account's page: its recent weekly scorecards (a table, so the page carries no chart library). */
export function AccountScorecardsSection({ customerId }: { customerId: number }) {
  const { t } = useTranslation('scorecards');
  const cards = useScorecards({ customerId });
  const rows = (cards.data ?? []).slice(0, 12);
  return (
    <section aria-labelledby="account-scorecards-title">
      <Title order={2} size="h4" id="account-scorecards-title" mt="md" mb="xs">
        {t('trend.title')}
      </Title>
      {cards.data && rows.length === 0 && <Text c="dimmed">{t('list.empty')}</Text>}
      {rows.length > 0 && (
        <Table striped data-testid="account-scorecards">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('list.weekCol')}</Table.Th>
              <Table.Th scope="col">{t('list.statusCol')}</Table.Th>
              <Table.Th scope="col">{t('list.index')}</Table.Th>
              <Table.Th scope="col">{t('list.grades')}</Table.Th>
              <Table.Th scope="col">{t('list.followUp')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.weekKey}</Table.Td>
                <Table.Td><Badge color={c.status === 'open' ? 'orange' : 'green'} variant="light">{t(`list.statuses.${c.status}`)}</Badge></Table.Td>
                <Table.Td>{c.meanPoints === null ? '—' : c.meanPoints.toFixed(1)}</Table.Td>
                <Table.Td>{c.answers.map((a) => `${t(`areas.${a.area}`)} ${a.grade}`).join(' · ') || '—'}</Table.Td>
                <Table.Td>{c.followUpTicketId ? <Anchor component={Link} to={`/tickets/${c.followUpTicketId}`}>#{c.followUpTicketId}</Anchor> : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
