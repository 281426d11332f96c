import type { Db } from '../../db/connect.ts';
import { getIsoWeekKey } from '../../domain/surveys/get-iso-week-key.ts';
import { getWeekStart } from '../../domain/surveys/get-week-start.ts';
import { recordAudit } from '../audit.ts';
import { systemContext } from '../context.ts';
import { loadCompanyTimeZone } from '../settings/company-settings.ts';

/**
 * Opens this week's scorecard (ISO week of the company's time zone) for every active account with
 * scorecards enabled. The unique (customer_id, week_start) key and ON CONFLICT DO NOTHING make it
 * safe to run from several instances at once and as often as wanted: each (account, week) opens once.
 */
export async function openWeeklyScorecards(db: Db, nowMs: number): Promise<{ weekKey: string; weekStart: string; opened: number[] }> {
  const timeZone = await loadCompanyTimeZone(db);
  const weekStartMs = getWeekStart(nowMs, timeZone);
  const weekKey = getIsoWeekKey(nowMs, timeZone);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('scorecards')
      .columns(['customer_id', 'week_start', 'week_key', 'time_zone', 'opened_at'])
      .expression((eb) =>
        eb
          .selectFrom('customers')
          .select((s) => [
            'customers.id',
            s.val(new Date(weekStartMs)).as('week_start'),
            s.val(weekKey).as('week_key'),
            s.val(timeZone).as('time_zone'),
            s.val(new Date(nowMs)).as('opened_at'),
          ])
          .where('is_account', '=', true)
          .where('scorecard_enabled', '=', true)
          .where('active', '=', true)
          .where('merged_into_id', 'is', null),
      )
      .onConflict((oc) => oc.columns(['customer_id', 'week_start']).doNothing())
      .returning(['id', 'customer_id'])
      .execute();
    for (const r of rows) {
      await recordAudit(trx, systemContext(), { action: 'scorecard.open', entity: 'scorecard', entityId: r.id, before: null, after: { customerId: r.customer_id, weekKey } });
    }
    return { weekKey, weekStart: new Date(weekStartMs).toISOString(), opened: rows.map((r) => r.id) };
  });
}
