/** Durations for clocks and reports: pure functions, the words come from the caller's translations. */

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A live countdown as `H:MM:SS`, with whole days in front (`2 d 03:04:05` with `days = n => n + ' d'`).
 * The sign is dropped: the caller says "left" or "overdue". Seconds are floored, so it never shows
 * a second that has not fully passed.
 */
export function formatCountdown(ms: number, days: (count: number) => string): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const clock = `${d > 0 ? pad(h) : h}:${pad(m)}:${pad(s)}`;
  return d > 0 ? `${days(d)} ${clock}` : clock;
}

/** Business minutes as hours and minutes, e.g. `1 h 05 min`; `words` supplies the language's units. */
export function formatMinutes(minutes: number | null | undefined, words: { minutes: (m: number) => string; hours: (h: number, m: string) => string }): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '';
  const whole = Math.round(minutes);
  const sign = whole < 0 ? '−' : '';
  const abs = Math.abs(whole);
  if (abs < 60) return sign + words.minutes(abs);
  return sign + words.hours(Math.floor(abs / 60), pad(abs % 60));
}
