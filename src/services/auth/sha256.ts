import { createHash } from 'node:crypto';

/** Session ids and API tokens are stored as their SHA-256, so a copy of the database signs nobody in. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
