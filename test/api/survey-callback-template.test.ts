import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

/** Issue 13: a new install asks a callback survey on the five service-quality dimensions from day one. */
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
});
afterAll(() => t.close());

interface Template { id: number; name: string; active: boolean; forCallback: boolean; questions: { key: string; kind: string; dimension: string | null; text: { zh: string; en: string } }[] }

describe('the seeded callback survey template', () => {
  it('is there on a new install: the callback survey, two questions in both languages on each of the five dimensions', async () => {
    const res = await admin.request('GET', '/api/surveys/templates');
    expect(res.statusCode, res.body).toBe(200);
    const templates = res.json<{ items: Template[] }>().items;
    expect(templates).toHaveLength(1);
    const seeded = templates[0]!;
    expect(seeded).toMatchObject({ active: true, forCallback: true });
    const dimensions = ['tangibles', 'empathy', 'professionalism', 'responsiveness', 'trust'];
    for (const d of dimensions) expect(seeded.questions.filter((q) => q.dimension === d && q.kind === 'scale')).toHaveLength(2);
    for (const q of seeded.questions) {
      expect(q.text.zh.trim()).not.toBe('');
      expect(q.text.en.trim()).not.toBe('');
    }
    // Every dimension it scores is one the dimension list knows (and shows on the radar).
    const known = (await admin.request('GET', '/api/surveys/dimensions')).json<{ items: { key: string }[] }>().items.map((d) => d.key);
    expect(known).toEqual(expect.arrayContaining(dimensions));
  });

  it('gives way when an admin makes another template the callback survey, with the audit record of the change', async () => {
    const seeded = (await admin.request('GET', '/api/surveys/templates')).json<{ items: Template[] }>().items.find((x) => x.forCallback)!;
    const questions = [{ key: 'q1', kind: 'scale', dimension: 'trust', text: { zh: '您满意吗？', en: 'Are you satisfied?' } }];
    const created = await admin.request('POST', '/api/surveys/templates', { name: 'Our own callback', questions, forCallback: true });
    expect(created.statusCode, created.body).toBe(201);
    const all = (await admin.request('GET', '/api/surveys/templates')).json<{ items: Template[] }>().items;
    expect(all.filter((x) => x.forCallback).map((x) => x.id)).toEqual([created.json<{ id: number }>().id]);
    expect(all.find((x) => x.id === seeded.id)).toMatchObject({ active: true, forCallback: false });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'survey_template').where('entity_id', '=', String(seeded.id)).execute();
    expect(audit).toEqual([{ action: 'survey_template.update', after: expect.objectContaining({ forCallback: false }) }]);
  });
});
