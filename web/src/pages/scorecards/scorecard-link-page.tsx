import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { answerScorecardLink, cleanComments, completeGrades, readScorecardLink, type CommentDraft, type GradeDraft } from '../../api/scorecard-links.ts';
import { translator, useLinkTexts, type LinkT, type LinkTexts } from '../../i18n/link-texts.ts';
import { AREA_NAMESPACES } from '../../lib/areas.ts';
import { describeErrorWith } from '../../lib/errors.ts';
import { LinkAlert, LinkLayout } from '../../link/link-layout.tsx';
import { useLinkData } from '../../link/use-link-data.ts';
import { TextField } from '../../link/radio-group.tsx';
import { GRADES, type Grade } from '../../../../src/domain/surveys/grade-to-points.ts';
import { SCORECARD_AREAS, type ScorecardArea } from '../../../../src/domain/surveys/score-scorecard.ts';

/**
 * A light page: plain React and its own small stylesheet, no Mantine, query library or i18next. Its
 * texts are the 'scorecards' resources and the app's name, language names and error texts of
 * 'translation', read by a tiny `t`.
 */
type Ns = 'translation' | 'scorecards';
type Outcome = 'form' | 'thanks' | 'already' | 'expired' | 'invalid';

function outcomeOf(err: unknown): Outcome | null {
  if (!(err instanceof ApiError)) return null;
  if (err.status === 410) return 'expired';
  if (err.status === 404) return 'invalid';
  if (err.code === 'already_answered') return 'already';
  return null;
}

/** /scorecard/:token (the token given by the entry, no router) — a contact at a B2B account grades the week from a link, without signing in. */
export function ScorecardLinkPage({ token, texts: initialTexts }: { token: string; texts: LinkTexts<Ns> }) {
  const { texts, changeLanguage } = useLinkTexts(initialTexts, AREA_NAMESPACES.scorecard as Ns[]);
  const t = translator(texts, 'scorecards');
  const tMain = translator(texts, 'translation');
  const link = useLinkData(token, readScorecardLink);
  const [grades, setGrades] = useState<GradeDraft>({});
  const [comments, setComments] = useState<CommentDraft>({});
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [after, setAfter] = useState<Outcome | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const outcome: Outcome | 'loading' | 'error' =
    after ?? (link.state === 'loading' ? 'loading' : link.state === 'error' ? (outcomeOf(link.error) ?? 'error') : link.data.alreadyAnswered ? 'already' : 'form');
  const title = outcome === 'thanks' ? t('page.thanksTitle') : outcome === 'already' ? t('page.alreadyTitle') : outcome === 'expired' ? t('page.expiredTitle') : outcome === 'invalid' ? t('page.invalidTitle') : t('page.title');
  const tabTitle = `${title} · ${tMain('app.name')}`;
  useEffect(() => {
    document.title = tabTitle;
  }, [tabTitle]);
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
  const data = link.state === 'ready' ? link.data : null;
  const weekStart = data ? new Intl.DateTimeFormat(texts.lng, { dateStyle: 'medium' }).format(new Date(data.weekStart)) : '';
  const errorAlert = (err: unknown) => (
    <LinkAlert tone="red" role="alert" title={tMain('errors.title')}>
      {describeErrorWith(tMain, err)}
    </LinkAlert>
  );

  return (
    <LinkLayout brand={<span className="lp-name">{tMain('app.name')}</span>} t={tMain} lng={texts.lng} onLanguage={(lng) => void changeLanguage(lng)} title={title} headingRef={headingRef}>
      {outcome === 'loading' && (
        <p role="status" className="lp-dimmed">
          {t('common.loading')}
        </p>
      )}
      {outcome === 'error' && link.state === 'error' && errorAlert(link.error)}
      {message && (
        <LinkAlert tone={outcome === 'thanks' || outcome === 'already' ? 'green' : outcome === 'expired' ? 'orange' : 'red'} role={outcome === 'thanks' ? 'status' : 'alert'} outcome={outcome}>
          {message}
        </LinkAlert>
      )}
      {outcome === 'form' && data && (
        <form className="lp-stack" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('page.intro', { account: data.accountName, week: `${data.weekKey} (${weekStart})` })}</p>
          <p className="lp-dimmed">{t('page.contact', { name: data.contactName })}</p>
          {error ? errorAlert(error) : null}
          {SCORECARD_AREAS.map((area) => (
            <AreaFields
              key={area}
              t={t}
              area={area}
              grade={grades[area]}
              comment={comments[area] ?? ''}
              missing={missing && !grades[area]}
              onGrade={(g) => setGrades({ ...grades, [area]: g })}
              onComment={(c) => setComments({ ...comments, [area]: c })}
            />
          ))}
          <div>
            <button type="submit" className="lp-button" disabled={busy} aria-busy={busy || undefined}>
              {t('page.submit')}
            </button>
          </div>
        </form>
      )}
    </LinkLayout>
  );
}

/** One area: a labelled grade select (required) and an optional comment. */
function AreaFields(props: { t: LinkT<'scorecards'>; area: ScorecardArea; grade: Grade | undefined; comment: string; missing: boolean; onGrade: (g: Grade | undefined) => void; onComment: (c: string) => void }) {
  const { t, area } = props;
  const id = useId();
  const name = t(`areas.${area}`);
  return (
    <div className="lp-area">
      <div>
        <label className="lp-label" htmlFor={id}>
          {t('answer.grade', { area: name })}
          <span className="lp-required" aria-hidden="true">
            *
          </span>
        </label>
        <select
          id={id}
          name={`grade-${area}`}
          required
          value={props.grade ?? ''}
          aria-invalid={props.missing || undefined}
          aria-describedby={props.missing ? `${id}-error` : undefined}
          onChange={(e) => props.onGrade((e.currentTarget.value || undefined) as Grade | undefined)}
        >
          <option value="">—</option>
          {GRADES.map((g) => (
            <option key={g} value={g}>
              {t(`grades.${g}`)}
            </option>
          ))}
        </select>
        {props.missing && (
          <span className="lp-error-text" id={`${id}-error`}>
            {t('answer.pickGrade')}
          </span>
        )}
      </div>
      <TextField label={`${t('answer.comment', { area: name })} (${t('common.optional')})`} name={`comment-${area}`} rows={1} maxLength={2000} value={props.comment} onChange={props.onComment} />
    </div>
  );
}
