import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import type { RequestContext } from '../context.ts';
import { resolveSurveyScope, type SurveyScope } from '../surveys/survey-scope.ts';

/**
 * Who sees which accounts' scorecards, like survey results: admin and office all; a supervisor the
 * accounts served by someone in their department subtree (or by themselves); anyone else the
 * accounts whose team they are on.
 */
export const loadScorecardScope = (db: Db, ctx: RequestContext): Promise<SurveyScope> => resolveSurveyScope(db, ctx);

/** A condition on an account id column (e.g. `s.customer_id`) for the scope. */
export function visibleAccount(scope: SurveyScope, column: string): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.kind === 'own') return sql<boolean>`${sql.ref(column)} in (select customer_id from account_team_members where staff_id = ${scope.staffId})`;
  return sql<boolean>`${sql.ref(column)} in (select atm.customer_id from account_team_members atm join staff st on st.id = atm.staff_id
    where atm.staff_id = ${scope.staffId} or st.department_id = any(${scope.departmentIds}::bigint[]))`;
}

/** Whether the viewer may see this account's scorecards (and so act on them). */
export async function canSeeAccount(db: Db, scope: SurveyScope, customerId: number): Promise<boolean> {
  if (scope.kind === 'all') return true;
  const row = await db.selectFrom('customers as c').select('c.id').where('c.id', '=', customerId).where(visibleAccount(scope, 'c.id')).executeTakeFirst();
  return row !== undefined;
}

export async function requireVisibleScorecard(db: Db, ctx: RequestContext, scorecardId: number) {
  const scope = await loadScorecardScope(db, ctx);
  const row = await db.selectFrom('scorecards').selectAll().where('id', '=', scorecardId).executeTakeFirst();
  if (!row || !(await canSeeAccount(db, scope, row.customer_id))) throw notFound(`No scorecard with id ${scorecardId}`);
  return row;
}
