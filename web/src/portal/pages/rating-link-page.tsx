import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { rateByLink, readRatingLink } from '../../api/rating-links.ts';
import { cleanSurveyAnswers, questionText, type SurveyAnswers } from '../../api/survey-answers.ts';
import { translator, useLinkTexts, type LinkT, type LinkTexts } from '../../i18n/link-texts.ts';
import { AREA_NAMESPACES } from '../../lib/areas.ts';
import { describePortalErrorWith } from '../../lib/errors.ts';
import { LinkAlert, LinkLayout } from '../../link/link-layout.tsx';
import { useLinkData } from '../../link/use-link-data.ts';
import { RadioGroup, TextField } from '../../link/radio-group.tsx';
import { GRADES } from '../../../../src/domain/surveys/grade-to-points.ts';
import type { SurveyQuestionView } from '../../../../src/contracts/surveys.ts';

/**
 * A light page: plain React and its own small stylesheet, no Mantine, query library or i18next, so a
 * customer on a phone gets it fast. Its texts are the 'portal' and 'surveys' resources (and the
 * language names of 'translation'), read by a tiny `t`.
 */
type Ns = 'translation' | 'portal' | 'surveys';
type Outcome = 'form' | 'thanks' | 'already' | 'expired' | 'superseded' | 'invalid';

function outcomeOf(err: unknown): Outcome | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code === 'link_superseded') return 'superseded';
  if (err.status === 410 || err.code === 'link_expired') return 'expired';
  if (err.status === 404 || err.code === 'invalid_link') return 'invalid';
  if (err.code === 'already_rated') return 'already';
  return null;
}

const LEVELS = ['5', '4', '3', '2', '1'] as const;
const SCALE = ['5', '4', '3', '2', '1'] as const;

/** /rate/:token (the token given by the entry, no router) — the customer rates the result from a link (text message, email), without signing in. */
export function RatingLinkPage({ token, texts: initialTexts }: { token: string; texts: LinkTexts<Ns> }) {
  const { texts, changeLanguage } = useLinkTexts(initialTexts, AREA_NAMESPACES.rating as Ns[]);
  const t = translator(texts, 'portal');
  const tMain = translator(texts, 'translation');
  const tSurveys = translator(texts, 'surveys');
  const link = useLinkData(token, readRatingLink);
  const [value, setValue] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [after, setAfter] = useState<Outcome | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const outcome: Outcome | 'loading' | 'error' =
    after ?? (link.state === 'loading' ? 'loading' : link.state === 'error' ? (outcomeOf(link.error) ?? 'error') : link.data.alreadyRated ? 'already' : 'form');
  const title =
    outcome === 'thanks' ? t('ratingLink.thanksTitle')
    : outcome === 'already' ? t('ratingLink.alreadyTitle')
    : outcome === 'expired' ? t('ratingLink.expiredTitle')
    : outcome === 'superseded' ? t('ratingLink.supersededTitle')
    : outcome === 'invalid' ? t('ratingLink.invalidTitle')
    : t('ratingLink.title');
  const tabTitle = `${title} · ${t('app.name')} ${t('app.portal')}`;
  useEffect(() => {
    document.title = tabTitle;
  }, [tabTitle]);

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
  const describe = (err: unknown) => describePortalErrorWith(t, err);
  const data = link.state === 'ready' ? link.data : null;

  return (
    <LinkLayout
      brand={
        <>
          <span className="lp-name">{t('app.name')}</span>
          <span className="lp-sub">{t('app.portal')}</span>
        </>
      }
      t={tMain}
      lng={texts.lng}
      onLanguage={(lng) => void changeLanguage(lng)}
      title={title}
      headingRef={headingRef}
    >
      {outcome === 'loading' && (
        <p role="status" className="lp-dimmed">
          {t('common.loading')}
        </p>
      )}
      {outcome === 'error' && link.state === 'error' && (
        <LinkAlert tone="red" role="alert" title={t('errors.title')}>
          {describe(link.error)}
        </LinkAlert>
      )}
      {data && (
        <p className="lp-strong" data-testid="rating-ticket">
          {t('ratingLink.request', { number: data.ticketNumber, subject: data.subject })}
        </p>
      )}
      {message && (
        <LinkAlert
          tone={outcome === 'thanks' || outcome === 'already' ? 'green' : outcome === 'expired' || outcome === 'superseded' ? 'orange' : 'red'}
          role={outcome === 'thanks' ? 'status' : 'alert'}
          outcome={outcome}
        >
          {message}
        </LinkAlert>
      )}
      {outcome === 'form' && (
        <form className="lp-stack" onSubmit={(e) => void submit(e)} noValidate>
          <p className="lp-sub">{t('ratingLink.intro')}</p>
          {error ? (
            <LinkAlert tone="red" role="alert" title={t('errors.title')}>
              {describe(error)}
            </LinkAlert>
          ) : null}
          <RadioGroup
            legend={t('rate.legend')}
            name="satisfaction"
            required
            column
            value={value}
            onChange={(v) => {
              setValue(v);
              setMissing(false);
            }}
            error={missing ? t('rate.pick') : undefined}
            options={LEVELS.map((level) => ({
              value: level,
              label: (
                <>
                  <span className="lp-stars" aria-hidden="true">
                    {'★'.repeat(Number(level))}
                    <span className="lp-stars-off">{'☆'.repeat(5 - Number(level))}</span>
                  </span>
                  <span>{t('rate.star', { value: level, label: t(`rate.levels.${level}`) })}</span>
                </>
              ),
            }))}
          />
          <TextField
            label={`${t('rate.comment')} (${t('common.optional')})`}
            hint={t('rate.commentHint')}
            name="comment"
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={setComment}
          />
          <SurveyFields
            t={tSurveys}
            lng={texts.lng}
            questions={data?.survey?.questions ?? []}
            value={answers}
            onChange={setAnswers}
            errorFor={(key) => (error instanceof ApiError && error.field === `answers.${key}` ? describe(error) : undefined)}
          />
          <div>
            <button type="submit" className="lp-button" disabled={busy} aria-busy={busy || undefined}>
              {t('ratingLink.submit')}
            </button>
          </div>
        </form>
      )}
      {(outcome === 'expired' || outcome === 'superseded' || outcome === 'invalid' || outcome === 'already' || outcome === 'thanks') && (
        <p>
          <a href="/portal">{t('ratingLink.toPortal')}</a>
        </p>
      )}
    </LinkLayout>
  );
}

/** The callback survey's questions, every one optional: real radio groups named by the question, and text. */
function SurveyFields(props: {
  t: LinkT<'surveys'>;
  lng: string;
  questions: readonly SurveyQuestionView[];
  value: SurveyAnswers;
  onChange: (next: SurveyAnswers) => void;
  errorFor: (key: string) => string | undefined;
}) {
  const { t } = props;
  if (props.questions.length === 0) return null;
  const set = (key: string, answer: number | string | boolean | undefined) => {
    const next = { ...props.value };
    if (answer === undefined || answer === '') delete next[key];
    else next[key] = answer;
    props.onChange(next);
  };
  return (
    <div className="lp-stack" role="group" aria-labelledby="survey-heading">
      <div>
        <h2 id="survey-heading">{t('form.title')}</h2>
        <p className="lp-dimmed">{t('form.intro')}</p>
      </div>
      {props.questions.map((q) => {
        const label = questionText(q, props.lng);
        const error = props.errorFor(q.key);
        const current = props.value[q.key];
        const name = `answer-${q.key}`;
        switch (q.kind) {
          case 'scale':
            return (
              <RadioGroup key={q.key} legend={label} name={name} error={error} value={current === undefined ? null : String(current)} onChange={(v) => set(q.key, Number(v))} options={SCALE.map((v) => ({ value: v, label: t(`form.scale.${v}`) }))} />
            );
          case 'grade':
            return <RadioGroup key={q.key} legend={label} name={name} error={error} value={typeof current === 'string' ? current : null} onChange={(v) => set(q.key, v)} options={GRADES.map((g) => ({ value: g, label: g }))} />;
          case 'yes_no':
            return (
              <RadioGroup
                key={q.key}
                legend={label}
                name={name}
                error={error}
                value={current === undefined ? null : current ? 'yes' : 'no'}
                onChange={(v) => set(q.key, v === 'yes')}
                options={[
                  { value: 'yes', label: t('form.yes') },
                  { value: 'no', label: t('form.no') },
                ]}
              />
            );
          case 'text':
            return <TextField key={q.key} label={label} name={name} error={error} rows={2} maxLength={4000} value={typeof current === 'string' ? current : ''} onChange={(v) => set(q.key, v)} />;
        }
      })}
    </div>
  );
}
