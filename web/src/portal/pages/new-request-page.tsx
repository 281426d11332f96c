import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { newIdempotencyKey, submitPortalTicket, ticketKey, usePortalCategories, type PortalCategory } from '../api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { portalFieldError, portalFormError } from '../errors.ts';
import { usePortalTitle } from '../use-portal-title.ts';

const FIELDS = ['subject', 'description', 'categoryId'] as const;
const SUBJECT_MAX = 200;

/** Categories as a flat list in tree order, children named after their parent ("Bills › Wrong bill"). */
function categoryOptions(items: PortalCategory[]): { value: string; label: string }[] {
  const byParent = new Map<number | null, PortalCategory[]>();
  for (const c of items) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const known = new Set(items.map((c) => c.id));
  const out: { value: string; label: string }[] = [];
  const walk = (parentId: number | null, prefix: string, depth: number) => {
    if (depth > 10) return;
    for (const c of byParent.get(parentId) ?? []) {
      const label = prefix ? `${prefix} › ${c.name}` : c.name;
      out.push({ value: String(c.id), label });
      walk(c.id, label, depth + 1);
    }
  };
  walk(null, '', 0);
  // Children whose parent is not offered (inactive) still appear, by their own name.
  for (const c of items) if (c.parentId !== null && !known.has(c.parentId)) walk(c.parentId, '', 0);
  return out;
}

export function NewRequestPage() {
  const { t } = useTranslation('portal');
  usePortalTitle(t('newRequest.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = usePortalCategories();
  const options = useMemo(() => categoryOptions(categories.data ?? []), [categories.data]);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per submission: pressing Submit again after a lost answer does not make a second request.
  const idempotencyKey = useRef(newIdempotencyKey());

  const subjectError = checked && !subject.trim() ? t('errors.required') : subject.length > SUBJECT_MAX ? t('errors.tooLong', { max: SUBJECT_MAX }) : portalFieldError(t, error, 'subject');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!subject.trim() || subject.length > SUBJECT_MAX) return;
    setBusy(true);
    setError(null);
    try {
      const ticket = await submitPortalTicket(
        { subject: subject.trim(), ...(description.trim() ? { description: description.trim() } : {}), ...(categoryId ? { categoryId: Number(categoryId) } : {}) },
        idempotencyKey.current,
      );
      idempotencyKey.current = newIdempotencyKey();
      queryClient.setQueryData(ticketKey(ticket.id), ticket);
      await queryClient.invalidateQueries({ queryKey: ['portal', 'tickets'] });
      navigate(`/portal/requests/${ticket.id}`, { state: { submitted: ticket.number } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={720}>
      <Title order={1}>{t('newRequest.title')}</Title>
      <Text size="sm">{t('newRequest.intro')}</Text>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <PortalErrorAlert message={portalFormError(t, error, FIELDS)} />
            <TextInput
              label={t('newRequest.subject')}
              description={t('newRequest.subjectHint')}
              name="subject"
              required
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              error={subjectError}
              autoFocus
            />
            <Textarea
              label={`${t('newRequest.description')} (${t('common.optional')})`}
              description={t('newRequest.descriptionHint')}
              name="description"
              autosize
              minRows={5}
              maxRows={16}
              maxLength={10_000}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={portalFieldError(t, error, 'description')}
            />
            <NativeSelect
              label={`${t('newRequest.category')} (${t('common.optional')})`}
              description={t('newRequest.categoryHint')}
              name="categoryId"
              value={categoryId}
              onChange={(e) => setCategoryId(e.currentTarget.value)}
              data={[{ value: '', label: t('newRequest.categoryPlaceholder') }, ...options]}
              error={portalFieldError(t, error, 'categoryId')}
              disabled={categories.isPending}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t('newRequest.submit')}
              </Button>
              <Button component={Link} to="/portal/requests" variant="default">
                {t('newRequest.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
