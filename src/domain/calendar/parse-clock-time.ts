const CLOCK_TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** `'HH:MM'` → minutes after local midnight (0 … 1440, `'24:00'` allowed), or undefined when malformed. */
export function parseClockTime(text: string): number | undefined {
  const match = CLOCK_TIME.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes > 1440 ? undefined : minutes;
}
