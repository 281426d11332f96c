import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { getCompanySettings, updateCompanySettings } from '../../../services/settings/company-settings.ts';
import { withErrors } from '../../../contracts/common.ts';
import { CompanySettings, UpdateCompanySettingsBody } from '../../../contracts/settings.ts';

/** Company-wide settings: the time zone that weeks and months follow, and the scorecard grade points. */
export function registerSettingsRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['settings'];
  app.get(
    '/api/settings/company',
    { schema: { tags, summary: "The company's time zone (weeks and months of reports and scorecards) and the scorecard grade points", response: withErrors({ 200: CompanySettings }) } },
    async (request) => getCompanySettings(deps.db, staffContext(request)),
  );
  app.patch(
    '/api/settings/company',
    {
      schema: {
        tags, body: UpdateCompanySettingsBody, response: withErrors({ 200: CompanySettings }),
        summary: 'Change the time zone or the points of grades A…B- (admin); C 0 and D −100 are fixed, the order A ≥ A- ≥ B+ ≥ B ≥ B- > 0 must hold',
      },
    },
    async (request) => updateCompanySettings(deps.db, staffContext(request), request.body),
  );
}
