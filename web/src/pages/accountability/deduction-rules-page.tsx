import { Button, Checkbox, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshAccountability, useDeductionRules, type DeductionRule } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError } from '../../lib/errors.ts';

/** The office (or an admin) sets each rule's points, notice, threshold and whether it proposes at all. */
export function DeductionRulesPage() {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('rules.title'));
  const rules = useDeductionRules();
  const status = useStatus();
  return (
    <Stack>
      <div>
        <Title order={1}>{t('rules.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('rules.intro')}
        </Text>
      </div>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={rules.error} />
      {rules.isPending && <Text>{tc('common.loading')}</Text>}
      {rules.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('deductions.kind')}</Table.Th>
                <Table.Th scope="col">{t('complaint.severity')}</Table.Th>
                <Table.Th scope="col">{t('deductions.points')}</Table.Th>
                <Table.Th scope="col">{t('rules.notice')}</Table.Th>
                <Table.Th scope="col">{t('rules.threshold')}</Table.Th>
                <Table.Th scope="col">{t('rules.enabled')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((r) => (
                <RuleRow key={r.id} rule={r} onSaved={() => status.success(t('rules.saved', { kind: t(`kinds.${r.kind as 'other'}`), severity: t(`severities.${r.severity}`) }))} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function RuleRow({ rule, onSaved }: { rule: DeductionRule; onSaved: () => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [points, setPoints] = useState<number | string>(rule.points);
  const [notice, setNotice] = useState(rule.notice);
  const [threshold, setThreshold] = useState<number | string>(rule.passingTheBuckThreshold ?? '');
  const [enabled, setEnabled] = useState(rule.enabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = `${t(`kinds.${rule.kind as 'other'}`)} · ${t(`severities.${rule.severity}`)}`;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/deduction-rules/${rule.id}`, {
        points: Number(points), notice, enabled, ...(rule.kind === 'passing_the_buck' ? { passingTheBuckThreshold: Number(threshold) } : {}),
      });
      await refreshAccountability(queryClient);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Table.Tr>
      <Table.Td>{t(`kinds.${rule.kind as 'other'}`)}</Table.Td>
      <Table.Td>{t(`severities.${rule.severity}`)}</Table.Td>
      <Table.Td>
        <NumberInput aria-label={t('rules.pointsFor', { name })} value={points} onChange={setPoints} min={1} max={1000} w={100} error={fieldError(tc, error, 'points')} />
      </Table.Td>
      <Table.Td>
        <Checkbox aria-label={t('rules.noticeFor', { name })} checked={notice} onChange={(e) => setNotice(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        {rule.kind === 'passing_the_buck' ? (
          <NumberInput aria-label={t('rules.thresholdFor', { name })} value={threshold} onChange={setThreshold} min={0} max={100} w={100} error={fieldError(tc, error, 'passingTheBuckThreshold')} />
        ) : (
          '–'
        )}
      </Table.Td>
      <Table.Td>
        <Checkbox aria-label={t('rules.enabledFor', { name })} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          <Button size="xs" onClick={() => void save()} loading={busy} aria-label={t('rules.saveFor', { name })}>
            {tc('common.save')}
          </Button>
          {Boolean(error) && !fieldError(tc, error, 'points') && !fieldError(tc, error, 'passingTheBuckThreshold') && <ErrorAlert error={error} />}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
