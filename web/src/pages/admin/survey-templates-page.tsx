import { ActionIcon, Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import {
  ANSWER_KINDS,
  SURVEY_DIMENSIONS_KEY,
  SURVEY_TEMPLATES_KEY,
  createSurveyDimension,
  createSurveyTemplate,
  dimensionName,
  updateSurveyDimension,
  updateSurveyTemplate,
  useSurveyDimensions,
  useSurveyTemplates,
  type AnswerKind,
  type SurveyDimension,
  type SurveyQuestion,
  type SurveyTemplate,
} from '../../api/surveys.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { NotAllowedPage } from '../not-allowed-page.tsx';

/** Who may edit templates and dimensions (the API answers 403 to anyone else). */
const EDITOR_ROLES = ['admin', 'office'] as const;

/** Survey templates (versioned questions) and the dimensions they are scored on. */
export function SurveyTemplatesPage() {
  const user = useCurrentUser();
  if (!EDITOR_ROLES.some((r) => hasRole(user.roles, r))) return <NotAllowedPage />;
  return <SurveyTemplates />;
}

function SurveyTemplates() {
  const { t, i18n } = useTranslation('surveys');
  usePageTitle(t('templates.title'));
  const templates = useSurveyTemplates();
  const dimensions = useSurveyDimensions();
  const status = useStatus();
  const [editing, setEditing] = useState<SurveyTemplate | 'new' | null>(null);
  const [editingDimension, setEditingDimension] = useState<SurveyDimension | 'new' | null>(null);

  return (
    <Stack>
      <div>
        <Title order={1}>{t('templates.title')}</Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('templates.intro')}
        </Text>
      </div>
      <StatusMessage status={status.status} onClose={status.clear} />
      <Group>
        <Button onClick={() => setEditing('new')}>{t('templates.add')}</Button>
      </Group>
      <ErrorAlert error={templates.error} />
      {templates.isPending && <Text>{t('common.loading')}</Text>}
      {templates.data && templates.data.length === 0 && <Text c="dimmed">{t('templates.empty')}</Text>}
      {templates.data && templates.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('templates.name')}</Table.Th>
                <Table.Th scope="col">{t('templates.versionColumn')}</Table.Th>
                <Table.Th scope="col">{t('templates.questions')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((tpl) => (
                <Table.Tr key={tpl.id} data-testid="template-row">
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={600}>{tpl.name}</Text>
                      {tpl.forCallback && <Badge color="blue" variant="light">{t('templates.callbackBadge')}</Badge>}
                      {!tpl.active && <Badge color="gray" variant="light">{t('common.inactive')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{tpl.currentVersion}</Table.Td>
                  <Table.Td>
                    {t('templates.questionCount', { count: tpl.questions.length })} · {t('templates.surveyCount', { count: tpl.surveyCount })}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing(tpl)} aria-label={`${t('common.edit')}: ${tpl.name}`}>
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Title order={2} size="h3" mt="lg">
        {t('dimensions.title')}
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        {t('dimensions.intro')}
      </Text>
      <Group>
        <Button variant="default" onClick={() => setEditingDimension('new')}>
          {t('dimensions.add')}
        </Button>
      </Group>
      <ErrorAlert error={dimensions.error} />
      {dimensions.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dimensions.key')}</Table.Th>
                <Table.Th scope="col">{t('dimensions.nameZh')}</Table.Th>
                <Table.Th scope="col">{t('dimensions.nameEn')}</Table.Th>
                <Table.Th scope="col">{t('dimensions.description')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dimensions.data.map((d) => (
                <Table.Tr key={d.key} data-testid="dimension-row">
                  <Table.Td>
                    <Group gap="xs">
                      <Text ff="monospace" size="sm">
                        {d.key}
                      </Text>
                      {!d.active && <Badge color="gray" variant="light">{t('common.inactive')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{d.nameZh}</Table.Td>
                  <Table.Td>{d.nameEn}</Table.Td>
                  <Table.Td>{d.description}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditingDimension(d)} aria-label={`${t('common.edit')}: ${dimensionName(dimensions.data, d.key, i18n.language)}`}>
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {editing && (
        <TemplateModal
          template={editing === 'new' ? null : editing}
          dimensions={dimensions.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            status.success(`${saved.name}: ${t('templates.saved')}`);
          }}
        />
      )}
      {editingDimension && (
        <DimensionModal
          dimension={editingDimension === 'new' ? null : editingDimension}
          onClose={() => setEditingDimension(null)}
          onSaved={(saved) => {
            setEditingDimension(null);
            status.success(`${saved.key}: ${t('templates.saved')}`);
          }}
        />
      )}
    </Stack>
  );
}

const blankQuestion = (n: number, dimension: string | null): SurveyQuestion => ({ key: `q${n}`, kind: 'scale', dimension, text: { zh: '', en: '' } });

function TemplateModal(props: { template: SurveyTemplate | null; dimensions: SurveyDimension[]; onClose: () => void; onSaved: (saved: SurveyTemplate) => void }) {
  const { t, i18n } = useTranslation('surveys');
  const { t: tMain } = useTranslation();
  const queryClient = useQueryClient();
  const { template } = props;
  const firstDimension = props.dimensions.find((d) => d.active)?.key ?? null;
  const [name, setName] = useState(template?.name ?? '');
  const [forCallback, setForCallback] = useState(template?.forCallback ?? false);
  const [active, setActive] = useState(template?.active ?? true);
  const [questions, setQuestions] = useState<SurveyQuestion[]>(template?.questions ?? [blankQuestion(1, firstDimension)]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const activeDimensions = props.dimensions.filter((d) => d.active || questions.some((q) => q.dimension === d.key));
  const changedQuestions = template !== null && JSON.stringify(questions) !== JSON.stringify(template.questions);
  const update = (i: number, patch: Partial<SurveyQuestion>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [q] = next.splice(i, 1);
      next.splice(i + by, 0, q!);
      return next;
    });
  const err = (field: string) => fieldError(tMain, error, field);
  const fields = ['name', 'forCallback', 'questions', ...questions.flatMap((_, i) => ['key', 'kind', 'dimension', 'text.zh', 'text.en'].map((f) => `questions.${i}.${f}`))];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    // A text question needs no dimension; a scored one keeps the one chosen.
    const body = questions.map((q) => ({ ...q, key: q.key.trim(), dimension: q.dimension === '' ? null : q.dimension }));
    try {
      const saved = template
        ? await updateSurveyTemplate(template.id, { revision: template.revision, name, active, forCallback, ...(changedQuestions ? { questions: body } : {}) })
        : await createSurveyTemplate({ name, questions: body, forCallback });
      await queryClient.invalidateQueries({ queryKey: SURVEY_TEMPLATES_KEY });
      props.onSaved(saved);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <AppModal opened onClose={props.onClose} title={template ? t('templates.editTitle', { name: template.name }) : t('templates.createTitle')} size="xl">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput label={t('templates.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} maxLength={200} data-autofocus />
          <Checkbox label={t('templates.forCallback')} description={t('templates.forCallbackHint')} checked={forCallback} onChange={(e) => setForCallback(e.currentTarget.checked)} error={err('forCallback')} />
          {template && <Checkbox label={t('templates.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
          <Title order={3} size="h4">
            {t('templates.questions')}
          </Title>
          {err('questions') && (
            <Text c="red.8" size="sm" role="alert">
              {err('questions')}
            </Text>
          )}
          {questions.map((q, i) => (
            <Paper key={i} withBorder p="sm" radius="md" component="section" aria-labelledby={`question-${i}-heading`}>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Title order={4} size="h6" id={`question-${i}-heading`}>
                    {t('templates.questionN', { n: i + 1 })}
                  </Title>
                  <Group gap={4}>
                    <ActionIcon variant="default" aria-label={t('templates.moveUp', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, -1)}>
                      <span aria-hidden="true">↑</span>
                    </ActionIcon>
                    <ActionIcon variant="default" aria-label={t('templates.moveDown', { n: i + 1 })} disabled={i === questions.length - 1} onClick={() => move(i, 1)}>
                      <span aria-hidden="true">↓</span>
                    </ActionIcon>
                    <ActionIcon variant="default" color="red" aria-label={t('templates.remove', { n: i + 1 })} disabled={questions.length === 1} onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
                      <span aria-hidden="true">×</span>
                    </ActionIcon>
                  </Group>
                </Group>
                <Group grow align="flex-start">
                  <TextInput label={t('templates.key')} description={t('templates.keyHint')} required value={q.key} onChange={(e) => update(i, { key: e.currentTarget.value })} error={err(`questions.${i}.key`)} maxLength={40} />
                  <NativeSelect
                    label={t('templates.kind')}
                    data={ANSWER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
                    value={q.kind}
                    onChange={(e) => update(i, { kind: e.currentTarget.value as AnswerKind })}
                    error={err(`questions.${i}.kind`)}
                  />
                  <NativeSelect
                    label={t('templates.dimension')}
                    data={[{ value: '', label: t('templates.noDimension') }, ...activeDimensions.map((d) => ({ value: d.key, label: dimensionName(props.dimensions, d.key, i18n.language) }))]}
                    value={q.dimension ?? ''}
                    onChange={(e) => update(i, { dimension: e.currentTarget.value === '' ? null : e.currentTarget.value })}
                    error={err(`questions.${i}.dimension`)}
                  />
                </Group>
                <TextInput label={t('templates.textZh')} required value={q.text.zh} onChange={(e) => update(i, { text: { ...q.text, zh: e.currentTarget.value } })} error={err(`questions.${i}.text.zh`)} maxLength={500} lang="zh-CN" />
                <TextInput label={t('templates.textEn')} required value={q.text.en} onChange={(e) => update(i, { text: { ...q.text, en: e.currentTarget.value } })} error={err(`questions.${i}.text.en`)} maxLength={500} lang="en" />
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button variant="default" onClick={() => setQuestions((qs) => [...qs, blankQuestion(qs.length + 1, firstDimension)])} disabled={questions.length >= 50}>
              {t('templates.addQuestion')}
            </Button>
          </Group>
          {changedQuestions && template && (
            <Text size="sm" c="blue.8">
              {t('templates.newVersion', { version: template.currentVersion + 1 })}
            </Text>
          )}
          {template && template.versions.length > 0 && (
            <div>
              <Title order={3} size="h5">
                {t('templates.versions')}
              </Title>
              <ul>
                {template.versions.map((v) => (
                  <li key={v.version}>
                    <Text size="sm">{t('templates.versionLine', { version: v.version, at: formatDateTime(v.createdAt, i18n.language), by: v.createdByName ?? '—' })}</Text>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ErrorAlert message={formError(tMain, error, fields)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {template ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function DimensionModal(props: { dimension: SurveyDimension | null; onClose: () => void; onSaved: (saved: SurveyDimension) => void }) {
  const { t } = useTranslation('surveys');
  const { t: tMain } = useTranslation();
  const queryClient = useQueryClient();
  const { dimension } = props;
  const [key, setKey] = useState(dimension?.key ?? '');
  const [nameZh, setNameZh] = useState(dimension?.nameZh ?? '');
  const [nameEn, setNameEn] = useState(dimension?.nameEn ?? '');
  const [description, setDescription] = useState(dimension?.description ?? '');
  const [active, setActive] = useState(dimension?.active ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const err = (field: string) => fieldError(tMain, error, field);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const saved = dimension
        ? await updateSurveyDimension(dimension.key, { nameZh, nameEn, description, active })
        : await createSurveyDimension({ key: key.trim(), nameZh, nameEn, description });
      await queryClient.invalidateQueries({ queryKey: SURVEY_DIMENSIONS_KEY });
      props.onSaved(saved);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <AppModal opened onClose={props.onClose} title={dimension ? t('dimensions.editTitle', { key: dimension.key }) : t('dimensions.add')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {!dimension && <TextInput label={t('dimensions.key')} description={t('templates.keyHint')} required value={key} onChange={(e) => setKey(e.currentTarget.value)} error={err('key')} maxLength={40} data-autofocus />}
          <TextInput label={t('dimensions.nameZh')} required value={nameZh} onChange={(e) => setNameZh(e.currentTarget.value)} error={err('nameZh')} maxLength={100} lang="zh-CN" />
          <TextInput label={t('dimensions.nameEn')} required value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} error={err('nameEn')} maxLength={100} lang="en" />
          <TextInput label={t('dimensions.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={err('description')} maxLength={500} />
          {dimension && <Checkbox label={t('dimensions.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
          <ErrorAlert message={formError(tMain, error, ['key', 'nameZh', 'nameEn', 'description'])} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {dimension ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
