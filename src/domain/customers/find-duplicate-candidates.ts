/**
 * Duplicate detection for customers (create and import). A match on a normalised phone or email is
 * near-certain; names are compared by a key, and long keys also by similarity:
 *
 * - the name key: NFKC (full-width → half-width), lower case, spaces and punctuation removed, and
 *   legal-form words dropped (有限公司, Co. Ltd, GmbH …), so 北京 燃气有限公司 = 北京燃气 and
 *   "ACME Co., Ltd." = "acme".
 * - similarity: Dice's coefficient over the keys' character bigrams, only when both keys have at
 *   least SIMILAR_MIN_LENGTH characters. Chinese person names are 2–3 characters, where one
 *   character off (张伟 / 张玮) is a different person and any edit-distance rule would flag half the
 *   register; long organisation names and Latin names are where typos (Shanghai Gass Co / Shanghai
 *   Gas Co) really hide, and bigram Dice matches how the database finds them (trigram/bigram indexes).
 */
export const DUPLICATE_REASONS = ['phone', 'email', 'name', 'similar_name'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateProbe {
  name: string;
  phones: readonly string[];
  emails: readonly string[];
}

export interface DuplicateRecord extends DuplicateProbe {
  id: number;
}

export interface DuplicateCandidate<T extends DuplicateRecord> {
  record: T;
  reasons: DuplicateReason[];
  /** 1 for phone/email/equal key, else the name similarity: candidates are sorted by it. */
  score: number;
}

export const SIMILAR_NAME_THRESHOLD = 0.8;
export const SIMILAR_MIN_LENGTH = 5;

const LATIN_LEGAL_FORMS = new Set(['co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'llc', 'gmbh', 'corp', 'corporation', 'plc', 'pte']);
const CJK_LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '分公司', '公司'];

/** The name as compared for duplicates (see the file comment). Never empty for a non-empty name. */
export function customerNameKey(name: string): string {
  const words = name.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').trim().split(/\s+/).filter(Boolean);
  // Legal forms at the end only ("Co-op Bank" keeps its "co"), and never the whole name.
  while (words.length > 1 && LATIN_LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  let key = words.join('');
  // The longest legal form the name ends with, once (公司 inside 有限公司 is not stripped again).
  const form = CJK_LEGAL_FORMS.find((f) => key.endsWith(f));
  if (form && key.length > form.length) key = key.slice(0, -form.length);
  return key || name.trim().toLowerCase();
}

/** Dice's coefficient of the two strings' character bigrams (multiset), 0…1. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i += 1) counts.set(a.slice(i, i + 2), (counts.get(a.slice(i, i + 2)) ?? 0) + 1);
  let shared = 0;
  for (let i = 0; i + 1 < b.length; i += 1) {
    const bg = b.slice(i, i + 2);
    const n = counts.get(bg) ?? 0;
    if (n > 0) {
      shared += 1;
      counts.set(bg, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/**
 * The records among `existing` that may be the same customer as `probe`, strongest first. Pure;
 * the caller fetches `existing` (the database's candidates, or the rows of an import file) and
 * leaves out the probe's own record when editing.
 */
export function findDuplicateCandidates<T extends DuplicateRecord>(probe: DuplicateProbe, existing: readonly T[]): DuplicateCandidate<T>[] {
  const phones = new Set(probe.phones);
  const emails = new Set(probe.emails.map((e) => e.toLowerCase()));
  const key = customerNameKey(probe.name);
  const out: DuplicateCandidate<T>[] = [];
  for (const record of existing) {
    const reasons: DuplicateReason[] = [];
    let score = 0;
    if (record.phones.some((p) => phones.has(p))) reasons.push('phone');
    if (record.emails.some((e) => emails.has(e.toLowerCase()))) reasons.push('email');
    const otherKey = customerNameKey(record.name);
    if (otherKey === key) reasons.push('name');
    else if (key.length >= SIMILAR_MIN_LENGTH && otherKey.length >= SIMILAR_MIN_LENGTH) {
      const similarity = nameSimilarity(key, otherKey);
      if (similarity >= SIMILAR_NAME_THRESHOLD) {
        reasons.push('similar_name');
        score = similarity;
      }
    }
    if (reasons.length === 0) continue;
    if (reasons.some((r) => r !== 'similar_name')) score = 1 + (reasons.length - 1) * 0.01;
    out.push({ record, reasons, score });
  }
  return out.sort((a, b) => b.score - a.score || a.record.id - b.record.id);
}

/**
 * The word of `name` a database looks candidates up by (a contains-search over the indexes): the
 * longest word once punctuation and legal forms are gone, so "Shanghai Gass Co" still finds
 * "Shanghai Gas Co., Ltd." for findDuplicateCandidates to weigh.
 */
export function duplicateNameNeedle(name: string): string {
  const words = name.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').trim().split(/\s+/).filter(Boolean);
  while (words.length > 1 && LATIN_LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  const form = last ? CJK_LEGAL_FORMS.find((f) => last.endsWith(f) && last.length > f.length) : undefined;
  if (last && form) words[words.length - 1] = last.slice(0, -form.length);
  return words.reduce((best, w) => (w.length > best.length ? w : best), '') || name.trim().toLowerCase();
}
