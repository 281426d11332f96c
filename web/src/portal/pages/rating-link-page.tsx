import { Alert, Anchor, Box, Button, Center, Container, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { SurveyAnswers } from '../../api/surveys.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { cleanSurveyAnswers, SurveyQuestionsFields } from '../../components/survey-questions-fields.tsx';
import { rateByLink, readRatingLink } from '../api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { SatisfactionInput } from '../components/satisfaction-input.tsx';
import { describePortalError } from '../errors.ts';
import { usePortalTitle } from '../use-portal-title.ts';
import '../portal.css';

type Outcome = 'form' | 'thanks' | 'already' | 'expired' | 'superseded' | 'invalid';

function outcomeOf(err: unknown): Outcome | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code === 'link_superseded') return 'superseded';
  if (err.status === 410 || err.code === 'link_expired') return 'expired';
  if (err.status === 404 || err.code === 'invalid_link') return 'invalid';
  if (err.code === 'already_rated') return 'already';
  return null;
}

/** /rate/:token (the token given by the entry, no router) — the customer rates the result from a link (text message, email), without signing in. */
export function RatingLinkPage({ token }: { token: string }) {
  const { t } = useTranslation('portal');
  const link = useQuery({ queryKey: ['rating-link', token], queryFn: () => readRatingLink(token), retry: false, staleTime: Infinity });
  const [value, setValue] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [after, setAfter] = useState<Outcome | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const outcome: Outcome | 'loading' | 'error' = after ?? (link.isPending ? 'loading' : link.isError ? (outcomeOf(link.error) ?? 'error') : link.data.alreadyRated ? 'already' : 'form');
  const title =
    outcome === 'thanks' ? t('ratingLink.thanksTitle')
    : outcome === 'already' ? t('ratingLink.alreadyTitle')
    : outcome === 'expired' ? t('ratingLink.expiredTitle')
    : outcome === 'superseded' ? t('ratingLink.supersededTitle')
    : outcome === 'invalid' ? t('ratingLink.invalidTitle')
    : t('ratingLink.title');
  usePortalTitle(title);

  // When the page's answer changes (thanks, already rated), move focus to its heading so it is read out.
  useEffect(() => {
    if (after) headingRef.current?.focus();
  }, [after]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const cleaned = cleanSurveyAnswers(answers);
      await rateByLink(token, { satisfaction: Number(value), ...(comment.trim() ? { comment: comment.trim() } : {}), ...(cleaned ? { answers: cleaned } : {}) });
      setAfter('thanks');
    } catch (err) {
      const known = outcomeOf(err);
      if (known) setAfter(known);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const message =
    outcome === 'thanks' ? t('ratingLink.thanks')
    : outcome === 'already' ? t('ratingLink.already')
    : outcome === 'expired' ? t('ratingLink.expired')
    : outcome === 'superseded' ? t('ratingLink.superseded')
    : outcome === 'invalid' ? t('ratingLink.invalid')
    : null;

  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm" py="sm">
          <Group justify="space-between">
            <Group gap="xs" align="baseline">
              <Text fw={700} fz="lg">
                {t('app.name')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('app.portal')}
              </Text>
            </Group>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" size="sm" py="xl">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack>
            <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
              {title}
            </Title>
            {outcome === 'loading' && (
              <Center>
                <Loader aria-label={t('common.loading')} />
              </Center>
            )}
            {outcome === 'error' && <PortalErrorAlert error={link.error} />}
            {link.data && (
              <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="rating-ticket">
                {t('ratingLink.request', { number: link.data.ticketNumber, subject: link.data.subject })}
              </Text>
            )}
            {message && (
              <Alert color={outcome === 'thanks' || outcome === 'already' ? 'green' : outcome === 'expired' || outcome === 'superseded' ? 'orange' : 'red'} variant="light" role={outcome === 'thanks' ? 'status' : 'alert'} data-outcome={outcome}>
                {message}
              </Alert>
            )}
            {outcome === 'form' && (
              <form onSubmit={(e) => void submit(e)} noValidate>
                <Stack>
                  <Text size="sm">{t('ratingLink.intro')}</Text>
                  {error ? <PortalErrorAlert message={describePortalError(t, error)} /> : null}
                  <SatisfactionInput
                    name="satisfaction"
                    value={value}
                    onChange={(v) => {
                      setValue(v);
                      setMissing(false);
                    }}
                    error={missing ? t('rate.pick') : undefined}
                  />
                  <Textarea
                    label={`${t('rate.comment')} (${t('common.optional')})`}
                    description={t('rate.commentHint')}
                    name="comment"
                    autosize
                    minRows={3}
                    maxLength={2000}
                    value={comment}
                    onChange={(e) => setComment(e.currentTarget.value)}
                  />
                  <SurveyQuestionsFields
                    questions={link.data?.survey?.questions ?? []}
                    value={answers}
                    onChange={setAnswers}
                    headingOrder={2}
                    errorFor={(key) => (error instanceof ApiError && error.field === `answers.${key}` ? describePortalError(t, error) : undefined)}
                  />
                  <Group>
                    <Button type="submit" loading={busy}>
                      {t('ratingLink.submit')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
            {(outcome === 'expired' || outcome === 'superseded' || outcome === 'invalid' || outcome === 'already' || outcome === 'thanks') && (
              <Anchor href="/portal" size="sm">
                {t('ratingLink.toPortal')}
              </Anchor>
            )}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
