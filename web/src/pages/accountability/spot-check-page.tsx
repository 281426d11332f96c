import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CHECKS, refreshAccountability, type Check, type SpotCheck, type SpotCheckItem } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';

/** One drawn sample: each ticket audited against the checklist. */
export function SpotCheckPage() {
  const { id } = useParams();
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('spotChecks.name', { id: id ?? '', period: '' }));
  const check = useQuery({ queryKey: ['accountability', 'spot-check', Number(id)], queryFn: () => api.get<SpotCheck>(`/api/spot-checks/${id}`) });
  if (check.isPending) return <Text>{tc('common.loading')}</Text>;
  if (check.error) return <ErrorAlert error={check.error} />;
  const c = check.data;
  return (
    <Stack>
      <div>
        <Title order={1}>{t('spotChecks.name', { id: c.id, period: c.period })}</Title>
        <Text size="sm" c="dimmed">
          {t('spotChecks.detail', { seed: c.seed, population: c.population, audited: c.audited, passed: c.passed, sampled: c.items.length })}
        </Text>
        <Text size="sm">
          {c.strata.map((s) => `${s.departmentName ?? t('spotChecks.noDepartment')}: ${s.sampled}/${s.population}`).join(' · ')}
        </Text>
      </div>
      {c.items.length === 0 ? (
        <Text>{t('spotChecks.nothingDrawn')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing="xs" data-testid="spot-check-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('complaints.ticket')}</Table.Th>
                <Table.Th scope="col">{t('spotChecks.people')}</Table.Th>
                {CHECKS.map((k) => (
                  <Table.Th scope="col" key={k}>
                    {t(`checks.${k}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('spotChecks.note')}</Table.Th>
                <Table.Th scope="col">{t('spotChecks.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.items.map((item) => (
                <ItemRow key={item.ticketId} checkId={c.id} item={item} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ItemRow({ checkId, item }: { checkId: number; item: SpotCheckItem }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Record<Check, boolean>>({
    ownershipKept: item.ownershipKept ?? true, resultTold: item.resultTold ?? true, callbackMade: item.callbackMade ?? true, mannerOk: item.mannerOk ?? true,
  });
  const [note, setNote] = useState(item.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/spot-checks/${checkId}/items/${item.ticketId}`, { ...answers, note: note || null });
      await refreshAccountability(queryClient);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/tickets/${item.ticketId}`}>
          {item.ticketNumber}
        </Anchor>
        <Text size="xs">{item.subject}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t('spotChecks.owner', { name: item.ownerName ?? '–' })}</Text>
        <Text size="sm">{t('spotChecks.handler', { name: item.handlerName ?? '–' })}</Text>
        <Text size="xs" c="dimmed">
          {item.departmentName}
        </Text>
      </Table.Td>
      {CHECKS.map((k) => (
        <Table.Td key={k}>
          <Checkbox aria-label={t('spotChecks.checkFor', { check: t(`checks.${k}`), number: item.ticketNumber })} checked={answers[k]} onChange={(e) => setAnswers({ ...answers, [k]: e.currentTarget.checked })} />
        </Table.Td>
      ))}
      <Table.Td>
        <TextInput aria-label={t('spotChecks.noteFor', { number: item.ticketNumber })} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} size="xs" w={180} />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {item.passed !== null && (
            <Badge color={item.passed ? 'green' : 'red'} variant={item.passed ? 'light' : 'filled'} tt="none">
              {item.passed ? t('spotChecks.passed') : t('spotChecks.failed')}
            </Badge>
          )}
          <Button size="xs" onClick={() => void save()} loading={busy} aria-label={t('spotChecks.saveFor', { number: item.ticketNumber })}>
            {tc('common.save')}
          </Button>
        </Group>
        {Boolean(error) && <ErrorAlert error={error} />}
      </Table.Td>
    </Table.Tr>
  );
}
