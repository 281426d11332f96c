import type { Namespace } from '../i18n/texts.ts';

/**
 * Which app a path belongs to. The entry decides before anything else loads: the staff app and the
 * portal share one router app (app.tsx), each in its own chunk; a rating or scorecard link is a page
 * with no router at all. So a customer opening the portal or a link never downloads the staff app.
 */
export type Area = 'staff' | 'portal' | 'rating' | 'scorecard';

export function areaOf(pathname: string): Area {
  if (pathname === '/portal' || pathname.startsWith('/portal/')) return 'portal';
  if (pathname.startsWith('/rate/')) return 'rating';
  if (pathname.startsWith('/scorecard/')) return 'scorecard';
  return 'staff';
}

/** The namespaces each app's first screen uses, fetched beside its code; the rest load when asked for. */
export const AREA_NAMESPACES: Record<Area, Namespace[]> = {
  // The staff menu names each area in its own namespace.
  staff: ['translation', 'accountability', 'customers', 'commitments', 'dashboard', 'scorecards', 'surveys', 'care'],
  portal: ['translation', 'portal'],
  rating: ['translation', 'portal', 'surveys'],
  scorecard: ['translation', 'scorecards'],
};

/** The token of a /rate/:token or /scorecard/:token address. */
export function linkToken(pathname: string): string {
  const segment = pathname.split('/')[2] ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
