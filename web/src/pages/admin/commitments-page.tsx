import { Badge, Button, Group, Menu, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Table, TagsInput, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import {
  CLOCK_EVENTS,
  COMMITMENTS_KEY,
  CUSTOMER_KINDS,
  STAGE_KINDS,
  TARGET_UNITS,
  useCalendars,
  useCommitment,
  useCommitments,
  type Commitment,
  type CommitmentFields,
  type Responsible,
  type StageKind,
  type TargetUnit,
} from '../../api/commitments.ts';
import { useAllCategories } from '../../api/org.ts';
import { CHANNELS, PRIORITIES } from '../../api/tickets.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { TreeList } from '../../components/tree-list.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { describeError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatMinutes } from '../../lib/format-duration.ts';
import { buildTree, flattenTree, type TreeNode } from '../../lib/tree.ts';

type Dialog =
  | { kind: 'create'; parent: Commitment | null }
  | { kind: 'edit'; commitment: Commitment }
  | { kind: 'versions'; commitment: Commitment }
  | { kind: 'deactivate'; commitment: Commitment };

/** Siblings in their stage order (position), then by name: stages run in that order. */
function sortByPosition(nodes: TreeNode<Commitment>[]): TreeNode<Commitment>[] {
  nodes.sort((a, b) => a.item.position - b.item.position);
  for (const n of nodes) sortByPosition(n.children);
  return nodes;
}

function useDurationWords() {
  const { t } = useTranslation('commitments');
  return { minutes: (m: number) => t('duration.minutes', { count: m }), hours: (h: number, m: string) => t('duration.hours', { h, m }) };
}

export function CommitmentsPage() {
  const { t, i18n } = useTranslation('commitments');
  usePageTitle(t('commitments.title'));
  const queryClient = useQueryClient();
  const status = useStatus();
  const commitments = useCommitments();
  const calendars = useCalendars();
  const words = useDurationWords();
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const all = commitments.data ?? [];
  const roots = useMemo(() => sortByPosition(buildTree(all, i18n.language)), [all, i18n.language]);
  const calendarName = (id: number) => calendars.data?.find((c) => c.id === id)?.name ?? '';

  const refresh = () => queryClient.invalidateQueries({ queryKey: COMMITMENTS_KEY });
  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const closeDialog = () => {
    setDialog(null);
    setActionError(null);
  };
  const setActive = async (c: Commitment, active: boolean) => {
    setBusy(true);
    setActionError(null);
    try {
      await api.patch(`/api/commitments/${c.id}`, { active });
      await refresh();
      setDialog(null);
      status.success(t(active ? 'commitments.reactivated' : 'commitments.deactivated', { name: c.name }));
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  const responsibleText = (r: Responsible) =>
    t('commitments.responsibleDept', { name: r.kind === 'department' ? (r.departmentName ?? `#${r.departmentId}`) : t(`commitments.responsibleKinds.${r.kind}`) });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('commitments.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('commitments.intro')}
          </Text>
        </div>
        <Button onClick={() => setDialog({ kind: 'create', parent: null })}>{t('commitments.add')}</Button>
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={commitments.error} />
      <Group gap="sm">
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set(all.map((c) => c.id)))}>
          {t('commitments.expandAll')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setExpanded(new Set())}>
          {t('commitments.collapseAll')}
        </Button>
      </Group>
      {commitments.isPending && <Text>{t('common.loading')}</Text>}
      {!commitments.isPending && all.length === 0 && <Text>{t('commitments.empty')}</Text>}

      <TreeList
        label={t('commitments.tree')}
        nodes={roots}
        expanded={expanded}
        onToggle={toggle}
        expandLabel={(c) => t('commitments.expand', { name: c.name })}
        collapseLabel={(c) => t('commitments.collapse', { name: c.name })}
        renderRow={({ item: c }) => (
          <Group justify="space-between" wrap="nowrap" style={{ flex: 1 }} gap="sm" data-testid={`commitment-${c.id}`}>
            <Stack gap={0}>
              <Group gap="sm" wrap="wrap">
                <Text fw={600} td={c.active ? undefined : 'line-through'}>
                  {c.name}
                </Text>
                <Badge variant="light" size="sm" color={c.level === 1 ? 'blue' : 'grape'}>
                  {t('commitments.levelN', { level: c.level })}
                </Badge>
                {!c.active && (
                  <Badge color="gray" variant="outline" size="sm">
                    {t('common.inactive')}
                  </Badge>
                )}
                <Text size="sm">{t('commitments.targetShort', { target: formatMinutes(c.targetMinutes, words), unit: t(`units.${c.targetUnit}`), value: c.targetValue })}</Text>
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  t('commitments.fromTo', { start: t(`events.${c.startEvent}` as 'events.registered', { defaultValue: c.startEvent }), stop: t(`events.${c.stopEvent}` as 'events.registered', { defaultValue: c.stopEvent }) }),
                  c.calendarName ?? calendarName(c.calendarId),
                  responsibleText(c.responsible),
                  t('commitments.versionN', { version: c.currentVersion }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="compact-sm" variant="default">
                  {t('common.actions')}
                  <VisuallyHidden component="span"> {c.name}</VisuallyHidden>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setDialog({ kind: 'create', parent: c })} disabled={!c.active || c.level >= 3}>
                  {t('commitments.addStage')}
                </Menu.Item>
                <Menu.Item onClick={() => setDialog({ kind: 'edit', commitment: c })}>{t('commitments.edit')}</Menu.Item>
                <Menu.Item onClick={() => setDialog({ kind: 'versions', commitment: c })}>{t('commitments.versions')}</Menu.Item>
                {c.active ? (
                  <Menu.Item color="var(--mantine-color-red-9)" onClick={() => setDialog({ kind: 'deactivate', commitment: c })}>
                    {t('commitments.deactivate')}
                  </Menu.Item>
                ) : (
                  <Menu.Item onClick={() => void setActive(c, true)}>{t('commitments.reactivate')}</Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      />
      {!dialog && <ErrorAlert error={actionError} />}

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <CommitmentFormModal
          commitment={dialog.kind === 'edit' ? dialog.commitment : null}
          parent={dialog.kind === 'create' ? dialog.parent : (all.find((x) => x.id === dialog.commitment.parentId) ?? null)}
          onClose={closeDialog}
          onSaved={async (saved, created) => {
            await refresh();
            if (saved.parentId !== null) setExpanded((prev) => new Set(prev).add(saved.parentId!));
            setDialog(null);
            status.success(t(created ? 'commitments.created' : 'commitments.saved', { name: saved.name }));
          }}
        />
      )}
      {dialog?.kind === 'versions' && <VersionsModal commitment={dialog.commitment} onClose={closeDialog} />}
      {dialog?.kind === 'deactivate' && (
        <ConfirmModal
          opened
          title={t('commitments.deactivateTitle', { name: dialog.commitment.name })}
          body={t('commitments.deactivateBody')}
          confirmLabel={t('commitments.deactivate')}
          danger
          loading={busy}
          error={actionError}
          onConfirm={() => void setActive(dialog.commitment, false)}
          onClose={closeDialog}
        />
      )}
    </Stack>
  );
}

/** Every field the API may name in a validation error, and the input that shows it. */
const FIELD_INPUTS: Record<string, string> = {
  name: 'name',
  level: 'parent',
  parentId: 'parent',
  startEvent: 'startEvent',
  stopEvent: 'stopEvent',
  targetValue: 'target',
  targetMinutes: 'target',
  targetUnit: 'targetUnit',
  calendarId: 'calendarId',
  warnShare: 'warnShare',
  responsible: 'responsible',
  'responsible.kind': 'responsible',
  'responsible.departmentId': 'responsibleDepartment',
  stageKind: 'stageKind',
  escalateAfterMinutes: 'escalate',
  appliesTo: 'appliesTo',
  'appliesTo.categoryIds': 'categories',
  'appliesTo.priorities': 'priorities',
  'appliesTo.channels': 'channels',
  'appliesTo.customerKinds': 'customerKinds',
  'appliesTo.customerSegments': 'customerSegments',
  pauseOnWait: 'pauseOnWait',
};

function inputOf(field: string | undefined): string | undefined {
  if (!field) return undefined;
  if (FIELD_INPUTS[field]) return FIELD_INPUTS[field];
  // escalateAfterMinutes.1, appliesTo.categoryIds.0 …: the list's input.
  const prefix = Object.keys(FIELD_INPUTS).filter((k) => field.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
  return prefix ? FIELD_INPUTS[prefix] : undefined;
}

function CommitmentFormModal(props: { commitment: Commitment | null; parent: Commitment | null; onClose: () => void; onSaved: (c: Commitment, created: boolean) => Promise<void> }) {
  const { t, i18n } = useTranslation('commitments');
  const { t: tApp } = useTranslation();
  const c = props.commitment;
  const parent = props.parent;
  const calendars = useCalendars();
  const categories = useAllCategories();
  const level = c?.level ?? (parent ? parent.level + 1 : 1);
  const [name, setName] = useState(c?.name ?? '');
  const [startEvent, setStartEvent] = useState<string>(c?.startEvent ?? parent?.startEvent ?? 'registered');
  const [stopEvent, setStopEvent] = useState<string>(c?.stopEvent ?? (parent ? 'accepted' : 'resolved'));
  const [pauseOnWait, setPauseOnWait] = useState(c?.pauseOnWait ?? true);
  const [targetValue, setTargetValue] = useState<number | string>(c?.targetValue ?? '');
  const [targetUnit, setTargetUnit] = useState<TargetUnit>(c?.targetUnit ?? parent?.targetUnit ?? 'hours');
  const [calendarId, setCalendarId] = useState<number | null>(c?.calendarId ?? parent?.calendarId ?? null);
  const [warnPercent, setWarnPercent] = useState<number | string>(Math.round((c?.warnShare ?? 0.8) * 100));
  const [responsibleKind, setResponsibleKind] = useState<Responsible['kind']>(c?.responsible.kind ?? (parent ? 'handler' : 'owner'));
  const [departmentId, setDepartmentId] = useState<number | null>(c?.responsible.kind === 'department' ? c.responsible.departmentId : null);
  const [stageKind, setStageKind] = useState<StageKind>(c?.stageKind ?? 'other');
  const [escalate, setEscalate] = useState((c?.escalateAfterMinutes ?? []).join(', '));
  const [categoryIds, setCategoryIds] = useState<string[]>((c?.appliesTo.categoryIds ?? []).map(String));
  const [priorities, setPriorities] = useState<string[]>(c?.appliesTo.priorities ?? []);
  const [channels, setChannels] = useState<string[]>(c?.appliesTo.channels ?? []);
  const [customerKinds, setCustomerKinds] = useState<string[]>(c?.appliesTo.customerKinds ?? []);
  const [customerSegments, setCustomerSegments] = useState<string[]>(c?.appliesTo.customerSegments ?? []);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const apiInput = error instanceof ApiError ? inputOf(error.field) : undefined;
  const err = (input: string) => local[input] ?? (apiInput === input ? describeError(tApp, error) : undefined);
  const eventOptions = CLOCK_EVENTS.map((e) => ({ value: e, label: t(`events.${e}`) }));
  const categoryOptions = useMemo(
    () => flattenTree(buildTree((categories.data ?? []).filter((x) => x.active || categoryIds.includes(String(x.id))), i18n.language)).map(({ item, path }) => ({ value: String(item.id), label: path })),
    [categories.data, categoryIds, i18n.language],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('form.required');
    if (typeof targetValue !== 'number' || !Number.isInteger(targetValue) || targetValue <= 0) problems.target = t('form.targetPositive');
    if (calendarId === null) problems.calendarId = t('form.required');
    if (responsibleKind === 'department' && departmentId === null) problems.responsibleDepartment = t('form.required');
    const steps = escalate.split(/[,，\s]+/).filter(Boolean).map(Number);
    if (steps.some((n) => !Number.isInteger(n) || n <= 0)) problems.escalate = t('form.escalateFormat');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const body: Omit<CommitmentFields, 'level'> & { parentId?: number | null } = {
      name: name.trim(),
      appliesTo: {
        ...(categoryIds.length ? { categoryIds: categoryIds.map(Number) } : {}),
        ...(priorities.length ? { priorities } : {}),
        ...(channels.length ? { channels } : {}),
        ...(customerKinds.length ? { customerKinds } : {}),
        ...(customerSegments.length ? { customerSegments } : {}),
      },
      startEvent,
      stopEvent,
      pauseOnWait,
      targetValue: targetValue as number,
      targetUnit,
      calendarId: calendarId!,
      warnShare: Number(warnPercent) / 100,
      responsible: responsibleKind === 'department' ? { kind: 'department', departmentId: departmentId! } : { kind: responsibleKind },
      stageKind,
      escalateAfterMinutes: steps,
    };
    setBusy(true);
    setError(null);
    try {
      if (c) await props.onSaved(await api.patch<Commitment>(`/api/commitments/${c.id}`, body), false);
      else await props.onSaved(await api.post<Commitment>('/api/commitments', { ...body, parentId: parent?.id ?? null }), true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const title = c ? t('commitments.editTitle', { name: c.name }) : parent ? t('commitments.createStageTitle', { name: parent.name }) : t('commitments.createTitle');
  return (
    <AppModal opened onClose={props.onClose} title={title} size="xl">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {error && !apiInput ? <ErrorAlert error={error} /> : null}
          <Text size="sm" data-testid="commitment-level">
            {parent ? t('form.stageOf', { level, parent: parent.name }) : t('form.levelOne')}
            {err('parent') && (
              <Text component="span" c="red.8" size="sm" role="alert" display="block">
                {err('parent')}
              </Text>
            )}
          </Text>
          {c && (
            <Text size="sm" c="dimmed">
              {t('form.newVersionNote', { version: c.currentVersion + 1 })}
            </Text>
          )}
          <TextInput label={t('form.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} data-autofocus />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('form.startEvent')} data={eventOptions} value={startEvent} onChange={(v) => v && setStartEvent(v)} error={err('startEvent')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <Select label={t('form.stopEvent')} data={eventOptions} value={stopEvent} onChange={(v) => v && setStopEvent(v)} error={err('stopEvent')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t('form.target')}
              description={parent ? t('form.targetStageHelp', { parent: parent.name }) : undefined}
              required
              min={1}
              allowDecimal={false}
              value={targetValue}
              onChange={setTargetValue}
              error={err('target')}
            />
            <Select label={t('form.targetUnit')} data={TARGET_UNITS.map((u) => ({ value: u, label: t(`units.${u}`) }))} value={targetUnit} onChange={(v) => v && setTargetUnit(v as TargetUnit)} error={err('targetUnit')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <Select
              label={t('form.calendar')}
              required
              data={(calendars.data ?? []).filter((x) => x.active || x.id === calendarId).map((x) => ({ value: String(x.id), label: x.name }))}
              value={calendarId === null ? null : String(calendarId)}
              onChange={(v) => setCalendarId(v ? Number(v) : null)}
              error={err('calendarId')}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label={t('form.warnAt')} description={t('form.warnAtHelp')} min={1} max={99} allowDecimal={false} suffix=" %" value={warnPercent} onChange={setWarnPercent} error={err('warnShare')} />
            <Switch mt={30} label={t('form.pauseOnWait')} checked={pauseOnWait} onChange={(e) => setPauseOnWait(e.currentTarget.checked)} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('form.responsible')}
              data={(['owner', 'handler', 'department'] as const).map((k) => ({ value: k, label: t(`commitments.responsibleKinds.${k}`) }))}
              value={responsibleKind}
              onChange={(v) => v && setResponsibleKind(v as Responsible['kind'])}
              error={err('responsible')}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            {responsibleKind === 'department' && <DepartmentSelect label={t('form.responsibleDepartment')} required value={departmentId} onChange={setDepartmentId} error={err('responsibleDepartment')} />}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('form.stageKind')} data={STAGE_KINDS.map((k) => ({ value: k, label: t(`stageKinds.${k}`) }))} value={stageKind} onChange={(v) => v && setStageKind(v as StageKind)} error={err('stageKind')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <TextInput label={t('form.escalate')} description={t('form.escalateHelp')} value={escalate} onChange={(e) => setEscalate(e.currentTarget.value)} error={err('escalate')} inputMode="numeric" />
          </SimpleGrid>
          <fieldset style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, padding: '8px 12px' }}>
            <legend>
              <Text size="sm" fw={600} px={4}>
                {t('form.appliesTo')}
              </Text>
            </legend>
            <Text size="xs" c="dimmed" mb="xs">
              {t('form.appliesToHelp')}
            </Text>
            {err('appliesTo') && (
              <Text c="red.8" size="sm" role="alert">
                {err('appliesTo')}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect label={t('form.categories')} data={categoryOptions} value={categoryIds} onChange={setCategoryIds} searchable clearable error={err('categories')} comboboxProps={{ withinPortal: true }} />
              <MultiSelect label={t('form.priorities')} data={PRIORITIES.map((p) => ({ value: p, label: tApp(`priorities.${p}`) }))} value={priorities} onChange={setPriorities} clearable error={err('priorities')} comboboxProps={{ withinPortal: true }} />
              <MultiSelect label={t('form.channels')} data={CHANNELS.map((ch) => ({ value: ch, label: tApp(`channels.${ch}`) }))} value={channels} onChange={setChannels} clearable error={err('channels')} comboboxProps={{ withinPortal: true }} />
              <MultiSelect label={t('form.customerKinds')} data={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`customerKinds.${k}`) }))} value={customerKinds} onChange={setCustomerKinds} clearable error={err('customerKinds')} comboboxProps={{ withinPortal: true }} />
              <TagsInput label={t('form.customerSegments')} description={t('form.customerSegmentsHelp')} value={customerSegments} onChange={setCustomerSegments} clearable error={err('customerSegments')} />
            </SimpleGrid>
          </fieldset>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {c ? t('form.saveVersion') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function VersionsModal({ commitment, onClose }: { commitment: Commitment; onClose: () => void }) {
  const { t, i18n } = useTranslation('commitments');
  const detail = useCommitment(commitment.id);
  const words = useDurationWords();
  const versions = [...(detail.data?.versions ?? [])].sort((a, b) => b.version - a.version);
  return (
    <AppModal opened onClose={onClose} title={t('commitments.versionsTitle', { name: commitment.name })} size="xl">
      <Stack>
        <ErrorAlert error={detail.error} />
        {detail.isPending && <Text>{t('common.loading')}</Text>}
        {detail.data && (
          <Table striped data-testid="versions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('versions.version')}</Table.Th>
                <Table.Th scope="col">{t('form.name')}</Table.Th>
                <Table.Th scope="col">{t('form.target')}</Table.Th>
                <Table.Th scope="col">{t('versions.events')}</Table.Th>
                <Table.Th scope="col">{t('versions.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>
                    {v.version}
                    {v.version === detail.data.currentVersion && (
                      <Badge ml="xs" size="sm" variant="light">
                        {t('versions.current')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{v.name}</Table.Td>
                  <Table.Td>{`${v.targetValue} ${t(`units.${v.targetUnit}`)} (${formatMinutes(v.targetMinutes, words)})`}</Table.Td>
                  <Table.Td>{t('commitments.fromTo', { start: t(`events.${v.startEvent}` as 'events.registered', { defaultValue: v.startEvent }), stop: t(`events.${v.stopEvent}` as 'events.registered', { defaultValue: v.stopEvent }) })}</Table.Td>
                  <Table.Td>
                    {formatDateTime(v.createdAt, i18n.language)}
                    {v.createdByName ? ` · ${v.createdByName}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
