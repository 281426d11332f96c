import { Anchor, Button, Group, NativeSelect, Paper, Progress, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import {
  customerExportUrl,
  getCustomerImport,
  IMPORT_FIELDS,
  listCustomerImportErrors,
  runCustomerImport,
  uploadCustomerImport,
  validateCustomerImport,
  type CustomerImport,
  type ImportField,
  type ImportMode,
} from '../../api/customer-import.ts';
import { useSession } from '../../api/session.ts';
import { checkImportRow } from '../../../../src/domain/customer-imports/check-import-row.ts';
import type { CustomerFields } from '../../../../src/domain/customers/check-customer-input.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';

const ERRORS_PAGE = 20;
const RUNNING = new Set(['validating', 'importing']);

/**
 * The import wizard: file → columns and preview → every row checked → all-or-nothing or valid-only
 * import with progress → result. The job id is in the address (?job=), so a reload resumes it.
 */
export function CustomerImportPage() {
  const { t } = useTranslation('customerImport');
  usePageTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const jobId = Number(params.get('job')) || null;
  const queryClient = useQueryClient();
  const status = useStatus();
  const job = useQuery({
    queryKey: ['customer-import', jobId],
    queryFn: () => getCustomerImport(jobId!),
    enabled: jobId !== null,
    // Poll while a step runs in the background: progress comes from the job row.
    refetchInterval: (q) => (q.state.data && RUNNING.has(q.state.data.status) ? 500 : false),
  });
  const setJob = (next: CustomerImport | null) => {
    if (next) queryClient.setQueryData(['customer-import', next.id], next);
    setParams(next ? { job: String(next.id) } : {});
  };
  const current = job.data ?? null;

  return (
    <Stack maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text size="sm" c="dimmed">
            {t('intro')}
          </Text>
        </div>
        <Group gap="md">
          <Anchor component={Link} to="/customers">
            {t('backToCustomers')}
          </Anchor>
          <Anchor href={customerExportUrl({})} download>
            {t('exportAll')}
          </Anchor>
        </Group>
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={job.error} />
      {!current && (
        <UploadStep
          onUploaded={(j) => {
            setJob(j);
            status.success(t('upload.uploaded', { name: j.fileName, columns: j.columns.length }));
          }}
        />
      )}
      {current && current.status !== 'done' && <MappingStep key={current.id} job={current} onChanged={setJob} />}
      {current && RUNNING.has(current.status) && <ProgressView job={current} />}
      {current && (current.status === 'validated' || current.status === 'failed') && current.totalRows !== null && <ValidationStep job={current} onChanged={setJob} />}
      {current && current.status === 'failed' && current.totalRows === null && <ErrorAlert message={current.message ?? t('result.failed')} />}
      {current && current.status === 'done' && <ResultView job={current} onAnother={() => setJob(null)} />}
    </Stack>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (job: CustomerImport) => void }) {
  const { t } = useTranslation('customerImport');
  const session = useSession();
  const inputId = useId();
  const hintId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onUploaded(await uploadCustomerImport(file, session.data?.csrfToken ?? null));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${inputId}-h`}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          <Title order={2} size="h3" id={`${inputId}-h`}>
            {t('upload.heading')}
          </Title>
          <div>
            <Text component="label" htmlFor={inputId} fw={500} size="sm" display="block">
              {t('upload.file')}
            </Text>
            <input
              id={inputId}
              type="file"
              accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={hintId}
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
            <Text id={hintId} size="xs" c="dimmed">
              {t('upload.fileHint')}
            </Text>
          </div>
          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" disabled={!file} loading={busy}>
              {t('upload.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function MappingStep({ job, onChanged }: { job: CustomerImport; onChanged: (job: CustomerImport) => void }) {
  const { t } = useTranslation('customerImport');
  const headingId = useId();
  const [mapping, setMapping] = useState<(ImportField | null)[]>(job.mapping ?? job.suggestedMapping);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = RUNNING.has(job.status);
  // One preview column per field (phones from two columns show once), in the order of their first column.
  const mapped = [...new Set(mapping.filter((f): f is ImportField => f !== null))];
  const checked = job.preview.map((row) => checkImportRow(0, row, mapping, job.columns));
  const show = (fields: CustomerFields, field: ImportField): string => {
    const value = fields[field];
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'boolean') return value ? t('mapping.yes') : t('mapping.no');
    if (field === 'kind') return t(`kinds.${fields.kind}`);
    return value ?? '';
  };
  const options = [{ value: '', label: t('mapping.skip') }, ...IMPORT_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))];

  const validate = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await validateCustomerImport(job.id, mapping));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {t('mapping.heading')} · {job.fileName}
        </Title>
        <Text size="sm">{t('mapping.intro')}</Text>
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('mapping.column')}</Table.Th>
              <Table.Th scope="col">{t('mapping.field')}</Table.Th>
              <Table.Th scope="col">{t('mapping.sample')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {job.columns.map((column, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row">{column}</Table.Th>
                <Table.Td>
                  <NativeSelect
                    aria-label={t('mapping.fieldFor', { column })}
                    data={options}
                    value={mapping[i] ?? ''}
                    disabled={running}
                    onChange={(e) => {
                      const value = (e.currentTarget.value || null) as ImportField | null;
                      setMapping((m) => m.map((f, j) => (j === i ? value : f)));
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" lineClamp={1}>
                    {job.preview
                      .slice(0, 3)
                      .map((r) => r[i])
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Title order={3} size="h4">
          {t('mapping.previewHeading')}
        </Title>
        {mapped.length === 0 ? (
          <Text size="sm">{t('mapping.nothingMapped')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table withTableBorder data-testid="import-preview">
              <Table.Caption>{t('mapping.previewCaption', { count: job.preview.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {mapped.map((field) => (
                    <Table.Th scope="col" key={field}>
                      {t(`fields.${field}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('mapping.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {checked.map((result, r) => (
                  <Table.Tr key={r}>
                    {mapped.map((field) => (
                      <Table.Td key={field} style={{ whiteSpace: 'pre-wrap' }}>
                        {result.ok ? show(result.fields, field) : mapping.flatMap((f, i) => (f === field ? [job.preview[r]![i]] : [])).filter(Boolean).join(', ')}
                      </Table.Td>
                    ))}
                    <Table.Td>{result.ok ? '' : result.errors.map((e) => `${e.column ?? t('validation.wholeRow')}: ${e.message}`).join('; ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ErrorAlert error={error} />
        <Group>
          <Button onClick={() => void validate()} loading={busy} disabled={running}>
            {t('mapping.validate')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ProgressView({ job }: { job: CustomerImport }) {
  const { t } = useTranslation('customerImport');
  // While importing the validation's total is known; while validating only the rows read so far.
  const total = job.status === 'importing' ? job.totalRows : null;
  const value = total ? Math.min(100, Math.round((job.processedRows / total) * 100)) : null;
  return (
    <Paper withBorder p="md" role="status" aria-live="polite">
      <Stack gap="xs">
        <Text fw={500}>{job.status === 'importing' ? t('progress.importing') : t('progress.validating')}</Text>
        <Progress value={value ?? 100} animated striped={value === null} aria-label={t('progress.label')} />
        <Text size="sm">{total ? t('progress.rows', { done: job.processedRows, total }) : t('progress.rowsNoTotal', { done: job.processedRows })}</Text>
      </Stack>
    </Paper>
  );
}

function ValidationStep({ job, onChanged }: { job: CustomerImport; onChanged: (job: CustomerImport) => void }) {
  const { t } = useTranslation('customerImport');
  const headingId = useId();
  const runId = useId();
  const [offset, setOffset] = useState(0);
  const [mode, setMode] = useState<ImportMode>((job.errorRows ?? 0) > 0 ? 'valid_only' : 'all_or_nothing');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = useQuery({
    queryKey: ['customer-import', job.id, 'errors', job.errorRows, job.message, offset],
    queryFn: () => listCustomerImportErrors(job.id, offset, ERRORS_PAGE),
    enabled: (job.errorRows ?? 0) > 0,
  });
  useEffect(() => setOffset(0), [job.errorRows]);
  const total = errors.data?.total ?? 0;

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onChanged(await runCustomerImport(job.id, mode));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'rows_invalid' && job.errorRows ? new ApiError(err.status, err.code, t('run.rowsInvalid', { count: job.errorRows })) : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
        <Stack gap="sm">
          <Title order={2} size="h3" id={headingId}>
            {t('validation.heading')}
          </Title>
          {job.message && <ErrorAlert message={job.message} />}
          <Text data-testid="validation-summary">
            {t('validation.summary', { total: job.totalRows, valid: job.validRows, errors: job.errorRows })} {job.errorRows === 0 && t('validation.allValid')}
          </Text>
          {(job.errorRows ?? 0) > 0 && (
            <>
              <Title order={3} size="h4">
                {t('validation.errorsHeading')}
              </Title>
              <ErrorAlert error={errors.error} />
              <Table withTableBorder striped data-testid="import-errors">
                <Table.Caption>{t('validation.errorsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('validation.row')}</Table.Th>
                    <Table.Th scope="col">{t('validation.column')}</Table.Th>
                    <Table.Th scope="col">{t('validation.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(errors.data?.items ?? []).map((e, i) => (
                    <Table.Tr key={`${e.rowNumber}-${i}`}>
                      <Table.Td>{e.rowNumber}</Table.Td>
                      <Table.Td>{e.column ?? t('validation.wholeRow')}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {total > 0 && (
                <Group justify="space-between">
                  <Text size="sm">{t('validation.page', { from: offset + 1, to: Math.min(offset + ERRORS_PAGE, total), total })}</Text>
                  <Group gap="xs">
                    <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - ERRORS_PAGE))}>
                      {t('validation.previous')}
                    </Button>
                    <Button variant="default" size="xs" disabled={offset + ERRORS_PAGE >= total} onClick={() => setOffset((o) => o + ERRORS_PAGE)}>
                      {t('validation.next')}
                    </Button>
                  </Group>
                </Group>
              )}
            </>
          )}
        </Stack>
      </Paper>
      {job.status === 'validated' && (job.validRows ?? 0) > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby={runId}>
          <form onSubmit={(e) => void run(e)}>
            <Stack gap="sm">
              <Title order={2} size="h3" id={runId}>
                {t('run.heading')}
              </Title>
              <Radio.Group label={t('run.mode')} value={mode} onChange={(v) => setMode(v as ImportMode)}>
                <Stack gap="xs" mt="xs">
                  <Radio value="all_or_nothing" label={t('run.allOrNothing')} description={t('run.allOrNothingHint')} />
                  <Radio value="valid_only" label={t('run.validOnly')} description={t('run.validOnlyHint')} />
                </Stack>
              </Radio.Group>
              <ErrorAlert error={error} />
              <Group>
                <Button type="submit" loading={busy}>
                  {t('run.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </>
  );
}

function ResultView({ job, onAnother }: { job: CustomerImport; onAnother: () => void }) {
  const { t } = useTranslation('customerImport');
  const skipped = job.mode === 'valid_only' ? (job.errorRows ?? 0) : 0;
  return (
    <Paper withBorder p="md" component="section" role="status" aria-live="polite">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('result.heading')}
        </Title>
        <Text data-testid="import-result">
          {t('result.imported', { count: job.importedRows, name: job.fileName })} {skipped > 0 && t('result.skipped', { count: skipped })}
        </Text>
        <Group>
          <Button component={Link} to="/customers">
            {t('result.viewCustomers')}
          </Button>
          <Button variant="default" onClick={onAnother}>
            {t('result.another')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
