import { Anchor, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { CUSTOMER_CHANNELS, CUSTOMER_KINDS, customersApi, refreshCustomers, type CustomerChannel, type CustomerInput, type CustomerKind, type CustomerRecord, type DuplicateCandidate } from '../../api/customers.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError, formError } from '../../lib/errors.ts';

const FIELDS = ['name', 'kind', 'organisation', 'parentId', 'departmentId', 'phones', 'emails', 'addresses', 'segment', 'tags', 'preferredLanguage', 'preferredChannel', 'notes', 'isAccount', 'scorecardEnabled'];
const lines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);

/**
 * Create or edit a customer. Before creating, the API is asked who this may already be: the person
 * opens that record, merges what they typed into it, or creates the new one anyway.
 */
export function CustomerFormModal({ customer, onClose, onSaved }: { customer?: CustomerRecord; onClose: () => void; onSaved: (c: CustomerRecord) => void }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CustomerKind>(customer?.kind ?? 'person');
  const [name, setName] = useState(customer?.name ?? '');
  const [organisation, setOrganisation] = useState(customer?.organisation ?? '');
  const [parentId, setParentId] = useState<number | null>(customer?.parentId ?? null);
  const [departmentId, setDepartmentId] = useState<number | null>(customer?.departmentId ?? null);
  const [phones, setPhones] = useState((customer?.phones ?? []).join('\n'));
  const [emails, setEmails] = useState((customer?.emails ?? []).join('\n'));
  const [addresses, setAddresses] = useState((customer?.addresses ?? []).join('\n'));
  const [segment, setSegment] = useState(customer?.segment ?? '');
  const [tags, setTags] = useState((customer?.tags ?? []).join(', '));
  const [preferredLanguage, setPreferredLanguage] = useState<string | null>(customer?.preferredLanguage ?? null);
  const [preferredChannel, setPreferredChannel] = useState<string | null>(customer?.preferredChannel ?? null);
  const [consentContact, setConsentContact] = useState(customer?.consentContact ?? true);
  const [consentSurveys, setConsentSurveys] = useState(customer?.consentSurveys ?? true);
  const [consentMarketing, setConsentMarketing] = useState(customer?.consentMarketing ?? false);
  const [notes, setNotes] = useState(customer?.notes ?? '');
  const [isAccount, setIsAccount] = useState(customer?.isAccount ?? false);
  const [scorecardEnabled, setScorecardEnabled] = useState(customer?.scorecardEnabled ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const [parentSearch, setParentSearch] = useState('');
  const [parentQ] = useDebouncedValue(parentSearch.trim(), 200);
  const parents = useQuery({
    queryKey: ['customers', 'parents', parentQ],
    queryFn: () => customersApi.list({ q: parentQ || undefined, kind: 'organisation' }),
    staleTime: 30_000,
  });
  const parentOptions = (parents.data?.items ?? []).filter((o) => o.id !== customer?.id).map((o) => ({ value: String(o.id), label: o.name }));
  if (parentId !== null && !parentOptions.some((o) => o.value === String(parentId))) parentOptions.unshift({ value: String(parentId), label: `#${parentId}` });

  const body = (): CustomerInput => ({
    kind, name: name.trim(), organisation: kind === 'internal' ? null : organisation.trim() || null, parentId: kind === 'internal' ? null : parentId,
    departmentId: kind === 'internal' ? departmentId : null, phones: lines(phones), emails: lines(emails), addresses: lines(addresses),
    segment: segment.trim() || null, tags: tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
    preferredLanguage: (preferredLanguage as 'zh-CN' | 'en' | null) ?? null, preferredChannel: preferredChannel as CustomerChannel | null, consentContact, consentSurveys, consentMarketing,
    notes, isAccount: kind === 'organisation' && isAccount, scorecardEnabled: kind === 'organisation' && isAccount && scorecardEnabled,
  });

  const save = async (allowDuplicate: boolean) => {
    setBusy(true);
    setError(null);
    try {
      let saved: CustomerRecord;
      if (customer) {
        saved = await customersApi.update(customer.id, { ...body(), revision: customer.revision });
      } else {
        if (!allowDuplicate) {
          const found = await customersApi.duplicateCheck({ name: name.trim() || '?', phones: lines(phones), emails: lines(emails) }).catch(() => ({ items: [] }));
          if (found.items.length > 0) {
            setCandidates(found.items);
            return;
          }
        }
        saved = await customersApi.create({ ...body(), allowDuplicate: true });
      }
      await refreshCustomers(queryClient);
      onSaved(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && customer) await refreshCustomers(queryClient);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  /** "Merge": what was typed joins the existing record (its phones, emails, tags) instead of a new one. */
  const mergeInto = async (existing: CustomerRecord) => {
    setBusy(true);
    setError(null);
    try {
      const b = body();
      const saved = await customersApi.update(existing.id, {
        revision: existing.revision,
        phones: [...new Set([...existing.phones, ...(b.phones ?? [])])],
        emails: [...new Set([...existing.emails, ...(b.emails ?? [])])],
        tags: [...new Set([...existing.tags, ...(b.tags ?? [])])],
      });
      await refreshCustomers(queryClient);
      onSaved(saved);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  const stale = error instanceof ApiError && error.status === 409 && error.field === 'revision';

  return (
    <AppModal opened onClose={onClose} title={customer ? t('form.titleEdit', { name: customer.name }) : t('form.titleNew')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          {stale ? <ErrorAlert message={t('form.stale')} /> : <ErrorAlert message={formError(tc, error, FIELDS)} />}
          {candidates && (
            <Card withBorder padding="sm" role="region" aria-labelledby="duplicates-title" data-testid="duplicate-candidates">
              <Text fw={600} id="duplicates-title">
                {t('form.duplicatesTitle')}
              </Text>
              <Text size="sm" mb="xs">
                {t('form.duplicatesIntro')}
              </Text>
              <Stack gap="xs">
                {candidates.map((c) => (
                  <Group key={c.customer.id} justify="space-between" wrap="nowrap">
                    <div>
                      <Anchor component={Link} to={`/customers/${c.customer.id}`} onClick={onClose}>
                        {c.customer.name}
                      </Anchor>
                      <Text size="xs">{[c.customer.organisation, ...c.customer.phones, ...c.customer.emails].filter(Boolean).join(' · ')}</Text>
                      <Group gap={4}>
                        {c.reasons.map((r) => (
                          <Badge key={r} size="xs" variant="light">
                            {t(`reasons.${r}`)}
                          </Badge>
                        ))}
                      </Group>
                    </div>
                    <Button size="xs" variant="default" onClick={() => void mergeInto(c.customer)} loading={busy}>
                      {t('view.mergeInto', { name: c.customer.name })}
                    </Button>
                  </Group>
                ))}
              </Stack>
              <Group justify="flex-end" mt="sm">
                <Button onClick={() => void save(true)} loading={busy}>
                  {t('form.createAnyway')}
                </Button>
              </Group>
            </Card>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('form.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={fieldError(tc, error, 'name')} data-autofocus />
            <Select label={t('form.kind')} data={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as CustomerKind)} allowDeselect={false} error={fieldError(tc, error, 'kind')} />
            {kind === 'internal' ? (
              <DepartmentSelect label={t('form.department')} value={departmentId} onChange={setDepartmentId} error={fieldError(tc, error, 'departmentId')} required />
            ) : (
              <>
                <TextInput label={t('form.organisation')} value={organisation} onChange={(e) => setOrganisation(e.currentTarget.value)} error={fieldError(tc, error, 'organisation')} />
                <Select
                  label={t('form.parentId')}
                  description={t('form.parentHint')}
                  placeholder={t('form.parentNone')}
                  data={parentOptions}
                  value={parentId === null ? null : String(parentId)}
                  onChange={(v) => setParentId(v ? Number(v) : null)}
                  searchable
                  clearable
                  searchValue={parentSearch}
                  onSearchChange={setParentSearch}
                  filter={({ options }) => options}
                  error={fieldError(tc, error, 'parentId')}
                />
              </>
            )}
            <Textarea label={t('form.phones')} description={t('form.listHint')} value={phones} onChange={(e) => setPhones(e.currentTarget.value)} autosize minRows={2} error={fieldError(tc, error, 'phones')} />
            <Textarea label={t('form.emails')} description={t('form.listHint')} value={emails} onChange={(e) => setEmails(e.currentTarget.value)} autosize minRows={2} error={fieldError(tc, error, 'emails')} />
            <Textarea label={t('form.addresses')} description={t('form.listHint')} value={addresses} onChange={(e) => setAddresses(e.currentTarget.value)} autosize minRows={2} error={fieldError(tc, error, 'addresses')} />
            <Stack gap="xs">
              <TextInput label={t('form.segment')} description={t('form.segmentHint')} value={segment} onChange={(e) => setSegment(e.currentTarget.value)} error={fieldError(tc, error, 'segment')} />
              <TextInput label={t('form.tags')} description={t('form.tagsHint')} value={tags} onChange={(e) => setTags(e.currentTarget.value)} error={fieldError(tc, error, 'tags')} />
            </Stack>
            <Select label={t('form.preferredLanguage')} data={[{ value: 'zh-CN', label: t('languages.zh-CN') }, { value: 'en', label: t('languages.en') }]} value={preferredLanguage} onChange={setPreferredLanguage} clearable />
            <Select label={t('form.preferredChannel')} data={CUSTOMER_CHANNELS.map((c) => ({ value: c, label: tc(`channels.${c}`) }))} value={preferredChannel} onChange={setPreferredChannel} clearable />
          </SimpleGrid>
          <Group>
            <Checkbox label={t('form.consentContact')} checked={consentContact} onChange={(e) => setConsentContact(e.currentTarget.checked)} />
            <Checkbox label={t('form.consentSurveys')} checked={consentSurveys} onChange={(e) => setConsentSurveys(e.currentTarget.checked)} />
            <Checkbox label={t('form.consentMarketing')} checked={consentMarketing} onChange={(e) => setConsentMarketing(e.currentTarget.checked)} />
          </Group>
          {kind === 'organisation' && (
            <Group>
              <Checkbox label={t('form.isAccount')} checked={isAccount} onChange={(e) => setIsAccount(e.currentTarget.checked)} error={fieldError(tc, error, 'isAccount')} />
              <Checkbox label={t('form.scorecardEnabled')} checked={scorecardEnabled} disabled={!isAccount} onChange={(e) => setScorecardEnabled(e.currentTarget.checked)} error={fieldError(tc, error, 'scorecardEnabled')} />
            </Group>
          )}
          <Textarea label={t('form.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} error={fieldError(tc, error, 'notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {tc('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
