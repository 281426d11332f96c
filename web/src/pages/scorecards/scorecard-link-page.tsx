import { Alert, Box, Button, Center, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { answerScorecardLink, readScorecardLink } from '../../api/scorecards.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { cleanComments, completeGrades, ScorecardGradeFields, type CommentDraft, type GradeDraft } from './scorecard-grade-fields.tsx';

type Outcome = 'form' | 'thanks' | 'already' | 'expired' | 'invalid';

function outcomeOf(err: unknown): Outcome | null {
  if (!(err instanceof ApiError)) return null;
  if (err.status === 410) return 'expired';
  if (err.status === 404) return 'invalid';
  if (err.code === 'already_answered') return 'already';
  return null;
}

/** /scorecard/:token (the token given by the entry, no router) — a contact at a B2B account grades the week from a link, without signing in. */
export function ScorecardLinkPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation('scorecards');
  const { t: tMain } = useTranslation();
  const link = useQuery({ queryKey: ['scorecard-link', token], queryFn: () => readScorecardLink(token), retry: false, staleTime: Infinity });
  const [grades, setGrades] = useState<GradeDraft>({});
  const [comments, setComments] = useState<CommentDraft>({});
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [after, setAfter] = useState<Outcome | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const outcome: Outcome | 'loading' | 'error' = after ?? (link.isPending ? 'loading' : link.isError ? (outcomeOf(link.error) ?? 'error') : link.data.alreadyAnswered ? 'already' : 'form');
  const title = outcome === 'thanks' ? t('page.thanksTitle') : outcome === 'already' ? t('page.alreadyTitle') : outcome === 'expired' ? t('page.expiredTitle') : outcome === 'invalid' ? t('page.invalidTitle') : t('page.title');
  useEffect(() => {
    document.title = `${title} · ${tMain('app.name')}`;
  }, [title, tMain]);
  useEffect(() => {
    if (after) headingRef.current?.focus();
  }, [after]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const complete = completeGrades(grades);
    if (!complete) return setMissing(true);
    setBusy(true);
    setError(null);
    try {
      const cleaned = cleanComments(comments);
      await answerScorecardLink(token, { grades: complete, ...(cleaned ? { comments: cleaned } : {}) });
      setAfter('thanks');
    } catch (err) {
      const known = outcomeOf(err);
      if (known) setAfter(known);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const message = outcome === 'thanks' ? t('page.thanks') : outcome === 'already' ? t('page.already') : outcome === 'expired' ? t('page.expired') : outcome === 'invalid' ? t('page.invalid') : null;
  const weekStart = link.data ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(link.data.weekStart)) : '';

  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm" py="sm">
          <Group justify="space-between">
            <Text fw={700} fz="lg">{tMain('app.name')}</Text>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" size="sm" py="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack>
            <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>{title}</Title>
            {outcome === 'loading' && <Center><Loader aria-label={t('common.loading')} /></Center>}
            {outcome === 'error' && <ErrorAlert error={link.error} />}
            {message && (
              <Alert color={outcome === 'thanks' || outcome === 'already' ? 'green' : outcome === 'expired' ? 'orange' : 'red'} variant="light" role={outcome === 'thanks' ? 'status' : 'alert'} data-outcome={outcome}>
                {message}
              </Alert>
            )}
            {outcome === 'form' && link.data && (
              <form onSubmit={(e) => void submit(e)} noValidate>
                <Stack>
                  <Text>{t('page.intro', { account: link.data.accountName, week: `${link.data.weekKey} (${weekStart})` })}</Text>
                  <Text size="sm" c="dimmed">{t('page.contact', { name: link.data.contactName })}</Text>
                  <ErrorAlert error={error} />
                  <ScorecardGradeFields grades={grades} comments={comments} onGrades={setGrades} onComments={setComments} missing={missing} />
                  <Group>
                    <Button type="submit" loading={busy}>{t('page.submit')}</Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
