import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { recordAudit } from '../audit.ts';
import { systemContext } from '../context.ts';

/** At most one reminder a day per open scorecard; the first a day after it opened. */
export const SCORECARD_REMINDER_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const SCORECARD_REMINDER_KIND = 'scorecard_reminder';

/**
 * Reminds the account manager (an in-app notification; there is no mail yet) of every scorecard still
 * open a day after it opened or after the last reminder, and counts it on the scorecard. One
 * conditional UPDATE claims the rows, so two instances running at once remind once.
 */
export async function sendScorecardReminders(db: Db, nowMs: number): Promise<{ reminded: { scorecardId: number; managerId: number }[] }> {
  const cutoff = new Date(nowMs - SCORECARD_REMINDER_INTERVAL_MS);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('scorecards as s')
      .from('account_team_members as m')
      .set({ reminder_count: sql`s.reminder_count + 1`, last_reminded_at: new Date(nowMs) })
      .whereRef('m.customer_id', '=', 's.customer_id')
      .where('m.role', '=', 'account_manager')
      .where('s.status', '=', 'open')
      .where(sql<boolean>`coalesce(s.last_reminded_at, s.opened_at) <= ${cutoff}`)
      .returning(['s.id', 'm.staff_id', 's.reminder_count'])
      .execute();
    if (rows.length > 0) {
      await trx.insertInto('notifications').values(rows.map((r) => ({ recipient_id: r.staff_id, kind: SCORECARD_REMINDER_KIND, ticket_id: null }))).execute();
    }
    for (const r of rows) {
      await recordAudit(trx, systemContext(), { action: 'scorecard.remind', entity: 'scorecard', entityId: r.id, after: { reminderCount: r.reminder_count, managerId: r.staff_id } });
    }
    return { reminded: rows.map((r) => ({ scorecardId: r.id, managerId: r.staff_id })) };
  });
}
