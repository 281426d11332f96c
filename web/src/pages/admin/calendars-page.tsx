import { ActionIcon, Badge, Button, Card, Checkbox, Group, NumberInput, Select, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type CSSProperties, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { CALENDARS_KEY, useCalendars, useCalendarYear, type BusinessCalendar, type CalendarDefinition, type CalendarWithYear, type DatedDay, type WorkingInterval } from '../../api/commitments.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { describeError } from '../../lib/errors.ts';

const DAY_STYLE: Record<'holiday' | 'extra' | 'off' | 'work', CSSProperties> = {
  holiday: { background: '#ffe3e3', color: '#8a1010', fontWeight: 600 },
  extra: { background: '#dbe4ff', color: '#1b3a8a', fontWeight: 600 },
  off: { color: '#495057', background: '#f1f3f5' },
  work: {},
};
const CELL: CSSProperties = { textAlign: 'center', padding: '2px 0', fontSize: 13, lineHeight: 1.2, borderRadius: 4, minWidth: 28 };

/** A weekday's name in the page's language (0 = Sunday): 1 January 2023 was a Sunday. */
function weekdayName(weekday: number, lang: string, width: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(lang, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + weekday)));
}

/** Monday first, as calendars are read in China; the definition's index is 0 = Sunday. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const DEFAULT_DAY: WorkingInterval[] = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];

function listTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    const zones = intl.supportedValuesOf?.('timeZone') ?? [];
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['Asia/Shanghai', 'UTC'];
  }
}

function emptyDefinition(): CalendarDefinition {
  return { name: '', timeZone: 'Asia/Shanghai', kind: 'business', weeklyHours: [[], DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, []], holidays: [], extraWorkingDays: [] };
}

/** The API names a field of the definition with or without a `definition.` prefix; both land on the same input. */
function errorOn(t: TFunction, err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError) || !err.field) return undefined;
  const f = err.field.replace(/^definition\./, '');
  return f === field ? describeError(t, err) : undefined;
}

export function CalendarsPage() {
  const { t } = useTranslation('commitments');
  usePageTitle(t('calendars.title'));
  const queryClient = useQueryClient();
  const status = useStatus();
  const calendars = useCalendars();
  const [editing, setEditing] = useState<BusinessCalendar | 'new' | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const all = calendars.data ?? [];
  const shown = viewing ?? all.find((c) => c.active)?.id ?? null;

  const setActive = async (c: BusinessCalendar, active: boolean) => {
    setActionError(null);
    try {
      await api.patch(`/api/calendars/${c.id}`, { active });
      await queryClient.invalidateQueries({ queryKey: CALENDARS_KEY });
      status.success(t(active ? 'calendars.reactivated' : 'calendars.deactivated', { name: c.name }));
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('calendars.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('calendars.intro')}
          </Text>
        </div>
        <Button onClick={() => setEditing('new')}>{t('calendars.add')}</Button>
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={calendars.error ?? actionError} />
      {calendars.isPending && <Text>{t('common.loading')}</Text>}

      <Table striped data-testid="calendar-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('calendars.name')}</Table.Th>
            <Table.Th scope="col">{t('calendars.kind')}</Table.Th>
            <Table.Th scope="col">{t('calendars.timeZone')}</Table.Th>
            <Table.Th scope="col">{t('calendars.version')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {all.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" fw={500}>
                <Group gap="xs">
                  <span>{c.name}</span>
                  {!c.active && (
                    <Badge color="gray" variant="outline" size="sm">
                      {t('common.inactive')}
                    </Badge>
                  )}
                </Group>
              </Table.Th>
              <Table.Td>{c.builtin ? t(`calendars.builtin.${c.builtin}`) : t(`calendars.kinds.${c.definition.kind}`)}</Table.Td>
              <Table.Td>{c.definition.timeZone}</Table.Td>
              <Table.Td>{c.version}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="compact-sm" variant="default" onClick={() => setViewing(c.id)} aria-pressed={shown === c.id}>
                    {t('calendars.showYear')}
                    <VisuallyHidden component="span"> {c.name}</VisuallyHidden>
                  </Button>
                  <Button size="compact-sm" variant="default" onClick={() => setEditing(c)}>
                    {t('common.edit')}
                    <VisuallyHidden component="span"> {c.name}</VisuallyHidden>
                  </Button>
                  <Button size="compact-sm" variant="subtle" onClick={() => void setActive(c, !c.active)}>
                    {c.active ? t('calendars.deactivate') : t('calendars.reactivate')}
                    <VisuallyHidden component="span"> {c.name}</VisuallyHidden>
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {shown !== null && <YearView calendar={all.find((c) => c.id === shown) ?? null} id={shown} />}

      {editing && (
        <CalendarFormModal
          calendar={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async (saved, created) => {
            await queryClient.invalidateQueries({ queryKey: CALENDARS_KEY });
            setEditing(null);
            setViewing(saved.id);
            status.success(t(created ? 'calendars.created' : 'calendars.saved', { name: saved.name }));
          }}
        />
      )}
    </Stack>
  );
}

function IntervalRow(props: { value: WorkingInterval; label: string; onChange: (v: WorkingInterval) => void; onRemove: () => void; error?: string }) {
  const { t } = useTranslation('commitments');
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <TextInput type="time" size="xs" aria-label={t('calendars.startOf', { what: props.label })} value={props.value.start} onChange={(e) => props.onChange({ ...props.value, start: e.currentTarget.value })} error={props.error} w={110} />
      <Text size="xs" mt={6} aria-hidden="true">
        –
      </Text>
      <TextInput type="time" size="xs" aria-label={t('calendars.endOf', { what: props.label })} value={props.value.end === '24:00' ? '23:59' : props.value.end} onChange={(e) => props.onChange({ ...props.value, end: e.currentTarget.value })} w={110} />
      <ActionIcon variant="subtle" color="red" onClick={props.onRemove} aria-label={t('calendars.removeInterval', { what: props.label })} mt={2}>
        <span aria-hidden="true">×</span>
      </ActionIcon>
    </Group>
  );
}

function DatedDaysEditor(props: { kind: 'holidays' | 'extraWorkingDays'; days: DatedDay[]; onChange: (days: DatedDay[]) => void; error: (field: string) => string | undefined }) {
  const { t } = useTranslation('commitments');
  const update = (i: number, day: DatedDay) => props.onChange(props.days.map((d, j) => (j === i ? day : d)));
  const title = t(`calendars.${props.kind}`);
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
      <legend>
        <Text fw={600} size="sm">
          {title}
        </Text>
      </legend>
      <Text size="xs" c="dimmed" mb={4}>
        {t(props.kind === 'holidays' ? 'calendars.holidaysHelp' : 'calendars.extraHelp')}
      </Text>
      <Stack gap="xs">
        {props.days.map((d, i) => {
          const label = t('calendars.dayN', { kind: title, n: i + 1 });
          const partial = (d.workingIntervals ?? []).length > 0;
          const hours = d.workingIntervals?.[0] ?? { start: '09:00', end: '12:00' };
          return (
            <Group key={i} gap="xs" align="flex-start" wrap="wrap" data-testid={`${props.kind}-${i}`}>
              <TextInput type="date" size="xs" label={t('calendars.date')} value={d.date} onChange={(e) => update(i, { ...d, date: e.currentTarget.value })} error={props.error(`${props.kind}.${i}.date`) ?? props.error(`${props.kind}.${i}`)} w={150} aria-description={label} />
              <TextInput size="xs" label={t('calendars.dayName')} value={d.name ?? ''} onChange={(e) => update(i, { ...d, name: e.currentTarget.value })} w={180} />
              <Checkbox
                mt={26}
                size="xs"
                label={t(props.kind === 'holidays' ? 'calendars.halfDay' : 'calendars.ownHours')}
                checked={partial}
                onChange={(e) => update(i, { ...d, workingIntervals: e.currentTarget.checked ? [hours] : undefined })}
              />
              {partial && (
                <Group gap={4} align="flex-end">
                  <TextInput type="time" size="xs" label={t('calendars.workFrom')} value={hours.start} onChange={(e) => update(i, { ...d, workingIntervals: [{ ...hours, start: e.currentTarget.value }] })} w={110} error={props.error(`${props.kind}.${i}.workingIntervals.0.start`)} />
                  <TextInput type="time" size="xs" label={t('calendars.workTo')} value={hours.end} onChange={(e) => update(i, { ...d, workingIntervals: [{ ...hours, end: e.currentTarget.value }] })} w={110} error={props.error(`${props.kind}.${i}.workingIntervals.0.end`)} />
                </Group>
              )}
              <Button size="compact-xs" variant="subtle" color="red" mt={26} onClick={() => props.onChange(props.days.filter((_, j) => j !== i))}>
                {t('calendars.remove')}
                <VisuallyHidden component="span"> {label}</VisuallyHidden>
              </Button>
            </Group>
          );
        })}
        <Group>
          <Button size="compact-sm" variant="light" onClick={() => props.onChange([...props.days, { date: '', name: '' }])}>
            {t(props.kind === 'holidays' ? 'calendars.addHoliday' : 'calendars.addExtraDay')}
          </Button>
        </Group>
      </Stack>
    </fieldset>
  );
}

function CalendarFormModal(props: { calendar: BusinessCalendar | null; onClose: () => void; onSaved: (c: BusinessCalendar, created: boolean) => Promise<void> }) {
  const { t, i18n } = useTranslation('commitments');
  const { t: tApp } = useTranslation();
  const c = props.calendar;
  const [def, setDef] = useState<CalendarDefinition>(() => (c ? { ...c.definition, name: c.name } : emptyDefinition()));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(listTimeZones, []);
  const err = (field: string) => errorOn(tApp, error, field);
  // The built-in China calendar has one set of hours for every working day (the official calendar says which days work): Monday's, kept on Monday to Friday.
  const china = c?.builtin === 'china_mainland';
  const setDay = (weekday: number, intervals: WorkingInterval[]) =>
    setDef((x) => ({ ...x, weeklyHours: x.weeklyHours.map((v, i) => (i === weekday || (china && weekday === 1 && i >= 1 && i <= 5) ? intervals : v)) }));
  const is24x7 = def.kind === '24x7';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const clean: CalendarDefinition = {
      ...def,
      name: def.name.trim(),
      holidays: def.holidays.map((d) => ({ ...d, name: d.name?.trim() || undefined })),
      extraWorkingDays: def.extraWorkingDays.map((d) => ({ ...d, name: d.name?.trim() || undefined })),
    };
    try {
      if (c) await props.onSaved(await api.patch<BusinessCalendar>(`/api/calendars/${c.id}`, { name: clean.name, definition: clean }), false);
      else await props.onSaved(await api.post<BusinessCalendar>('/api/calendars', { name: clean.name, definition: clean }), true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  // Name, zone and week messages sit on their inputs; one about a single interval or day is also said at the top, as its row may be scrolled away.
  const errField = error instanceof ApiError ? error.field?.replace(/^definition\./, '') : undefined;
  const onTopField = errField !== undefined && ['name', 'timeZone', 'kind', 'weeklyHours'].includes(errField);

  return (
    <AppModal opened onClose={props.onClose} title={c ? t('calendars.editTitle', { name: c.name }) : t('calendars.createTitle')} size="xl">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {error && !onTopField ? <ErrorAlert message={describeError(tApp, error)} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('calendars.name')} required value={def.name} onChange={(e) => setDef({ ...def, name: e.currentTarget.value })} error={err('name')} data-autofocus />
            <Select label={t('calendars.timeZone')} required searchable data={zones} value={def.timeZone} onChange={(v) => setDef({ ...def, timeZone: v ?? def.timeZone })} error={err('timeZone')} comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          {!c?.builtin && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="calendar-kind-label">
                {t('calendars.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="calendar-kind-label"
                value={def.kind}
                onChange={(v) => setDef({ ...def, kind: v as CalendarDefinition['kind'], ...(v === '24x7' ? { holidays: [], extraWorkingDays: [] } : {}) })}
                data={[
                  { value: 'business', label: t('calendars.kinds.business') },
                  { value: '24x7', label: t('calendars.kinds.24x7') },
                ]}
              />
            </Stack>
          )}
          {c?.builtin === 'china_mainland' && (
            <Text size="sm" c="dimmed">
              {t('calendars.chinaNote')}
            </Text>
          )}
          {!is24x7 && (
            <>
              <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
                <legend>
                  <Text fw={600} size="sm">
                    {t('calendars.week')}
                  </Text>
                </legend>
                {err('weeklyHours') && (
                  <Text c="red.8" size="sm" role="alert">
                    {err('weeklyHours')}
                  </Text>
                )}
                <Table data-testid="week-grid" verticalSpacing={4}>
                  <Table.Tbody>
                    {(china ? [1] : WEEK).map((weekday) => {
                      const intervals = def.weeklyHours[weekday] ?? [];
                      const name = china ? t('calendars.everyWorkingDay') : weekdayName(weekday, i18n.language, 'long');
                      return (
                        <Table.Tr key={weekday} data-testid={`weekday-${weekday}`}>
                          <Table.Th scope="row" w={110} style={{ verticalAlign: 'top' }}>
                            {name}
                          </Table.Th>
                          <Table.Td>
                            <Group gap="sm" wrap="wrap">
                              {intervals.length === 0 && (
                                <Text size="sm" c="dimmed">
                                  {t('calendars.dayOff')}
                                </Text>
                              )}
                              {intervals.map((iv, i) => (
                                <IntervalRow
                                  key={i}
                                  value={iv}
                                  label={t('calendars.intervalOf', { day: name, n: i + 1 })}
                                  error={err(`weeklyHours.${weekday}.${i}.start`) ?? err(`weeklyHours.${weekday}.${i}.end`) ?? err(`weeklyHours.${weekday}.${i}`)}
                                  onChange={(v) => setDay(weekday, intervals.map((x, j) => (j === i ? v : x)))}
                                  onRemove={() => setDay(weekday, intervals.filter((_, j) => j !== i))}
                                />
                              ))}
                              <Button
                                size="compact-xs"
                                variant="light"
                                onClick={() => {
                                  const last = intervals[intervals.length - 1];
                                  setDay(weekday, [...intervals, last ? { start: last.end, end: last.end < '18:00' ? '18:00' : '23:59' } : { start: '09:00', end: '18:00' }]);
                                }}
                              >
                                {t('calendars.addInterval')}
                                <VisuallyHidden component="span"> {name}</VisuallyHidden>
                              </Button>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </fieldset>
              <DatedDaysEditor kind="holidays" days={def.holidays as DatedDay[]} onChange={(holidays) => setDef({ ...def, holidays })} error={err} />
              <DatedDaysEditor kind="extraWorkingDays" days={def.extraWorkingDays as DatedDay[]} onChange={(extraWorkingDays) => setDef({ ...def, extraWorkingDays })} error={err} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {c ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** The holidays and make-up working days in force in a year, wherever they come from (official or local). */
function daysOfYear(answer: CalendarWithYear | undefined, year: number): { holidays: Map<string, DatedDay>; extra: Map<string, DatedDay> } {
  const wrapper = answer as (CalendarWithYear & { holidays?: DatedDay[]; extraWorkingDays?: DatedDay[] }) | undefined;
  const holidays = wrapper?.effective?.holidays ?? wrapper?.holidays ?? wrapper?.definition.holidays ?? [];
  const extra = wrapper?.effective?.extraWorkingDays ?? wrapper?.extraWorkingDays ?? wrapper?.definition.extraWorkingDays ?? [];
  const inYear = (d: DatedDay) => d.date.startsWith(`${year}-`);
  return { holidays: new Map(holidays.filter(inYear).map((d) => [d.date, d])), extra: new Map(extra.filter(inYear).map((d) => [d.date, d])) };
}

function YearView({ id, calendar }: { id: number; calendar: BusinessCalendar | null }) {
  const { t, i18n } = useTranslation('commitments');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const answer = useCalendarYear(id, year);
  const { holidays, extra } = daysOfYear(answer.data, year);
  const weekly = (answer.data?.definition ?? calendar?.definition)?.weeklyHours ?? [];
  const is24x7 = (answer.data?.definition ?? calendar?.definition)?.kind === '24x7';
  const monthName = (m: number) => new Intl.DateTimeFormat(i18n.language, { month: 'long' }).format(new Date(Date.UTC(year, m, 1)));
  const longDate = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

  return (
    <Card withBorder padding="md" data-testid="year-view">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('calendars.yearTitle', { name: answer.data?.name ?? calendar?.name ?? '', year })}
        </Title>
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={() => setYear((y) => y - 1)} aria-label={t('calendars.previousYear')}>
            <span aria-hidden="true">‹</span>
          </Button>
          <NumberInput size="xs" aria-label={t('calendars.year')} value={year} onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2200 && setYear(v)} min={2000} max={2200} w={90} />
          <Button size="compact-sm" variant="default" onClick={() => setYear((y) => y + 1)} aria-label={t('calendars.nextYear')}>
            <span aria-hidden="true">›</span>
          </Button>
        </Group>
      </Group>
      <Group gap="md" mb="sm">
        <Text size="sm">
          <span style={{ ...CELL, ...DAY_STYLE.holiday, padding: '0 6px' }}>{t('calendars.holidayMark')}</span> {t('calendars.legendHoliday')}
        </Text>
        <Text size="sm">
          <span style={{ ...CELL, ...DAY_STYLE.extra, padding: '0 6px' }}>{t('calendars.extraMark')}</span> {t('calendars.legendExtra')}
        </Text>
        <Text size="sm">
          <span style={{ ...CELL, ...DAY_STYLE.off, padding: '0 6px' }}>7</span> {t('calendars.legendOff')}
        </Text>
      </Group>
      <ErrorAlert error={answer.error} />
      {is24x7 && <Text size="sm">{t('calendars.always')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 4 }} spacing="md">
        {Array.from({ length: 12 }, (_, month) => {
          const first = new Date(Date.UTC(year, month, 1));
          const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
          const lead = (first.getUTCDay() + 6) % 7;
          const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
          while (cells.length % 7) cells.push(null);
          const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
          return (
            <table key={month} style={{ borderCollapse: 'separate', borderSpacing: 2, width: '100%' }} data-testid={`month-${month + 1}`}>
              <caption style={{ fontWeight: 600, textAlign: 'left', paddingBottom: 4 }}>{monthName(month)}</caption>
              <thead>
                <tr>
                  {WEEK.map((d) => (
                    <th key={d} scope="col" abbr={weekdayName(d, i18n.language, 'long')} style={{ fontSize: 12, fontWeight: 500, color: '#495057' }}>
                      {weekdayName(d, i18n.language, 'short')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week, w) => (
                  <tr key={w}>
                    {week.map((day, i) => {
                      if (day === null) return <td key={i} />;
                      const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
                      const holiday = holidays.get(iso);
                      const makeup = extra.get(iso);
                      const weekday = WEEK[i]!;
                      const off = !is24x7 && (weekly[weekday] ?? []).length === 0 && !makeup;
                      const kind = holiday ? 'holiday' : makeup ? 'extra' : off ? 'off' : 'work';
                      const what = holiday
                        ? `${t('calendars.legendHoliday')}${holiday.name ? `: ${holiday.name}` : ''}${holiday.workingIntervals?.length ? ` (${t('calendars.halfDay')})` : ''}`
                        : makeup
                          ? `${t('calendars.legendExtra')}${makeup.name ? `: ${makeup.name}` : ''}`
                          : off
                            ? t('calendars.legendOff')
                            : '';
                      return (
                        <td key={i} style={{ ...CELL, ...DAY_STYLE[kind] }} title={what || undefined} data-date={iso} data-kind={kind}>
                          <span aria-hidden={what ? 'true' : undefined}>{day}</span>
                          {what && <VisuallyHidden component="span">{`${longDate(iso)}: ${what}`}</VisuallyHidden>}
                          {(holiday || makeup) && (
                            <span aria-hidden="true" style={{ display: 'block', fontSize: 10 }}>
                              {holiday ? t('calendars.holidayMark') : t('calendars.extraMark')}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}
