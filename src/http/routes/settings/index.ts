import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { getCompanySettings, updateCompanySettings } from '../../../services/settings/company-settings.ts';
import { Body } from '../common.ts';

const Points = Type.Number({ minimum: -1000, maximum: 1000 });

/** Company-wide settings: the time zone that weeks and months follow, and the scorecard grade points. */
export function registerSettingsRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['settings'];
  app.get('/api/settings/company', { schema: { tags, summary: "The company's time zone (weeks and months of reports and scorecards) and the scorecard grade points" } }, async (request) =>
    getCompanySettings(deps.db, staffContext(request)),
  );
  app.patch(
    '/api/settings/company',
    {
      schema: {
        tags,
        summary: 'Change the time zone or the points of grades A…B- (admin); C 0 and D −100 are fixed, the order A ≥ A- ≥ B+ ≥ B ≥ B- > 0 must hold',
        body: Body({
          timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Asia/Shanghai' })),
          scorecardGradePoints: Type.Optional(
            Body({ A: Type.Optional(Points), 'A-': Type.Optional(Points), 'B+': Type.Optional(Points), B: Type.Optional(Points), 'B-': Type.Optional(Points), C: Type.Optional(Points), D: Type.Optional(Points) }),
          ),
        }),
      },
    },
    async (request) => updateCompanySettings(deps.db, staffContext(request), request.body),
  );
}
