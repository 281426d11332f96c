import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution, buildClock, buildCommitment, buildReportTicket } from '../helpers/clock-factories-report.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * GET /api/reports/commitments(.csv): the figures over clocks decided in a period, grouped three
 * ways, with who caused each level-1 breach. Each test uses its own year, so their clocks never mix.
 */

let t: TestApp;
let admin: Client;
let office: Client;
let agent: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  office = await signInNew(t, { roles: ['office'] });
  agent = await signInNew(t, { roles: ['agent'] });
});
afterAll(() => t.close());

const report = (who: Client, query: string) => who.request('GET', `/api/reports/commitments?${query}`);
const ticket = () => buildReportTicket(t.db, admin.userId);

type Row = { key: number | null; name: string | null; count: number; met: number; breaches: number; [k: string]: unknown };

describe('the figures', () => {
  it('counts met and breached clocks, with nearest-rank median and p90 of elapsed time against the target', async () => {
    const first = await buildCommitment(t.db, { name: '首次响应 1 小时', targetMinutes: 60 });
    const other = await buildCommitment(t.db, { name: 'Billing answered', targetMinutes: 120 });
    const tk = await ticket();
    const stopped = (elapsed: number, at: string) => ({ ticketId: tk.id, state: 'met' as const, startedAt: '2021-03-01T00:00:00Z', stoppedAt: at, elapsedMinutes: elapsed });
    for (const [i, elapsed] of [10, 30, 50].entries()) {
      await buildClock(t.db, { ...stopped(elapsed, `2021-03-0${i + 2}T02:00:00Z`), ticketId: (await ticket()).id, commitment: first });
    }
    // Met late: breached at the due time, stopped 30 minutes after.
    await buildClock(t.db, { ticketId: (await ticket()).id, commitment: first, state: 'breached', startedAt: '2021-03-05T00:00:00Z', breachedAt: '2021-03-05T01:00:00Z', stoppedAt: '2021-03-05T01:30:00Z', elapsedMinutes: 90, lateMinutes: 30 });
    // Breached and still open: 60 minutes before this stretch, running for an hour more (24x7) at the report's "now".
    await buildClock(t.db, { ticketId: (await ticket()).id, commitment: first, state: 'breached', startedAt: '2021-03-09T23:00:00Z', breachedAt: '2021-03-10T00:00:00Z', runningSince: '2021-03-10T00:00:00Z', elapsedMsBefore: 60 * 60_000 });
    // Running and not yet due: nothing is decided, so it is not counted.
    await buildClock(t.db, { ticketId: (await ticket()).id, commitment: first, state: 'running', startedAt: '2021-03-09T23:30:00Z', runningSince: '2021-03-09T23:30:00Z' });
    await buildClock(t.db, { ...stopped(60, '2021-03-03T00:00:00Z'), ticketId: (await ticket()).id, commitment: other });

    const saved = t.clock.nowMs;
    t.clock.nowMs = Date.parse('2021-03-10T01:00:00Z');
    try {
      const res = await report(admin, 'from=2021-03-01&to=2021-04-01');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ from: '2021-02-28T16:00:00.000Z', to: '2021-03-31T16:00:00.000Z', timeZone: 'Asia/Shanghai', groupBy: 'commitment', scope: 'all' });
      const rows = body.rows as Row[];
      // Top-level commitments by name in the zh-CN collation (pinyin), which puts Chinese before Latin.
      expect(rows.map((r) => r.name)).toEqual(['首次响应 1 小时', 'Billing answered']);
      expect(rows[0]).toEqual({
        key: first.id, name: '首次响应 1 小时', level: 1, targetMinutes: 60,
        count: 5, met: 3, breaches: 2, metPercent: 60,
        // Elapsed 10 30 50 90 120: rank ⌈2.5⌉ = 3 and ⌈4.5⌉ = 5.
        medianElapsedMinutes: 50, p90ElapsedMinutes: 120, medianShareOfTarget: 0.833, p90ShareOfTarget: 2, lateMinutesTotal: 30,
      });
      expect(rows[1]).toMatchObject({ key: other.id, count: 1, met: 1, breaches: 0, metPercent: 100, medianElapsedMinutes: 60, medianShareOfTarget: 0.5 });
      // Totals over both: elapsed 10 30 50 60 90 120, shares .167 .5 .5 .833 1.5 2.
      expect(body.totals).toEqual({ count: 6, met: 4, breaches: 2, metPercent: 66.7, medianElapsedMinutes: 50, p90ElapsedMinutes: 120, medianShareOfTarget: 0.5, p90ShareOfTarget: 2, lateMinutesTotal: 30 });

      // The open clock keeps counting: an hour later it has used 180 minutes.
      t.clock.nowMs += 60 * 60_000;
      const later = (await report(admin, 'from=2021-03-01&to=2021-04-01')).json();
      expect(later.totals.p90ElapsedMinutes).toBe(180);
    } finally {
      t.clock.nowMs = saved;
    }
  });

  it('counts a clock in the period its outcome was decided: [from, to) in local midnights of the time zone', async () => {
    const c = await buildCommitment(t.db, { targetMinutes: 60 });
    const seed = async (o: Partial<Parameters<typeof buildClock>[1]>) =>
      buildClock(t.db, { ticketId: (await ticket()).id, commitment: c, state: 'met', startedAt: '2022-02-01T00:00:00Z', ...o });
    await seed({ stoppedAt: '2022-02-28T16:00:00Z', elapsedMinutes: 11 }); // exactly 1 March 00:00 in Shanghai: in
    await seed({ stoppedAt: '2022-02-28T15:59:59.999Z', elapsedMinutes: 12 }); // a moment before: out
    await seed({ stoppedAt: '2022-03-31T16:00:00Z', elapsedMinutes: 33 }); // exactly 1 April 00:00 in Shanghai: out
    // Breached on the last evening of March and met in April: a March breach.
    await seed({ state: 'breached', breachedAt: '2022-03-31T15:59:00Z', stoppedAt: '2022-04-02T00:00:00Z', elapsedMinutes: 44, lateMinutes: 4 });
    // Breached in February and met in March: a February breach, not a March result.
    await seed({ state: 'breached', breachedAt: '2022-02-20T00:00:00Z', stoppedAt: '2022-03-05T00:00:00Z', elapsedMinutes: 55, lateMinutes: 15 });

    const shanghai = (await report(admin, 'from=2022-03-01&to=2022-04-01')).json();
    expect(shanghai.rows).toEqual([expect.objectContaining({ key: c.id, count: 2, met: 1, breaches: 1, medianElapsedMinutes: 11, p90ElapsedMinutes: 44, lateMinutesTotal: 4 })]);
    // The same dates in UTC move both edges eight hours later.
    const utc = (await report(admin, 'from=2022-03-01&to=2022-04-01&timeZone=UTC')).json();
    expect(utc.rows).toEqual([expect.objectContaining({ count: 2, met: 1, breaches: 1, medianElapsedMinutes: 33, p90ElapsedMinutes: 44 })]);
    // ISO date-times with an offset are taken as they are.
    const iso = (await report(admin, `from=${encodeURIComponent('2022-03-01T00:00:00+08:00')}&to=${encodeURIComponent('2022-04-01T00:00:00+08:00')}`)).json();
    expect(iso.rows).toEqual(shanghai.rows);
  });
});

describe('grouping', () => {
  it('groups by commitment, responsible department or responsible person with their names, nobody last; level narrows', async () => {
    const service = await buildDepartment(t.db, { name: '客服部' });
    const repair = await buildDepartment(t.db, { name: '维修部, 一组' });
    const zhang = await buildStaff(t.db, { name: '张三', departmentId: service.id });
    const li = await buildStaff(t.db, { name: '李四', departmentId: repair.id });
    const parent = await buildCommitment(t.db, { name: '抢修 30 分钟到场', targetMinutes: 30 });
    const stage = await buildCommitment(t.db, { name: '派单 10 分钟', level: 2, parentId: parent.id, targetMinutes: 10 });
    const at = '2023-03-10T00:00:00Z';
    const met = { state: 'met' as const, startedAt: '2023-03-09T00:00:00Z', stoppedAt: at, elapsedMinutes: 5 };
    await buildClock(t.db, { ...met, ticketId: (await ticket()).id, commitment: parent, departmentId: service.id, staffId: zhang.id });
    await buildClock(t.db, { ticketId: (await ticket()).id, commitment: parent, state: 'breached', startedAt: at, breachedAt: at, stoppedAt: at, elapsedMinutes: 40, lateMinutes: 10, departmentId: repair.id, staffId: li.id });
    await buildClock(t.db, { ...met, ticketId: (await ticket()).id, commitment: stage, departmentId: repair.id, staffId: li.id });
    await buildClock(t.db, { ...met, ticketId: (await ticket()).id, commitment: parent });

    const by = async (groupBy: string, extra = '') => ((await report(admin, `from=2023-03-01&to=2023-04-01&groupBy=${groupBy}${extra}`)).json().rows as Row[]).map((r) => [r.key, r.name, r.count, r.breaches]);
    expect(await by('department')).toEqual([[service.id, '客服部', 1, 0], [repair.id, '维修部, 一组', 2, 1], [null, null, 1, 0]]);
    expect(await by('person')).toEqual([[li.id, '李四', 2, 1], [zhang.id, '张三', 1, 0], [null, null, 1, 0]]);
    // Commitments in tree order: the stage right under its parent.
    const commitments = (await report(admin, 'from=2023-03-01&to=2023-04-01')).json().rows as Row[];
    expect(commitments.map((r) => [r.name, r.level, r.targetMinutes, r.count])).toEqual([['抢修 30 分钟到场', 1, 30, 3], ['派单 10 分钟', 2, 10, 1]]);
    expect(await by('commitment', '&level=2')).toEqual([[stage.id, '派单 10 分钟', 1, 0]]);
    expect(await by('department', '&level=1')).toEqual([[service.id, '客服部', 1, 0], [repair.id, '维修部, 一组', 1, 1], [null, null, 1, 0]]);
  });
});

describe('per period', () => {
  it('splits the figures per ISO week or month in the time zone, with each period\'s totals, in JSON and CSV', async () => {
    const c = await buildCommitment(t.db, { name: '周报承诺', targetMinutes: 60 });
    const seed = async (stoppedAt: string, elapsedMinutes: number, o: Partial<Parameters<typeof buildClock>[1]> = {}) =>
      buildClock(t.db, { ticketId: (await ticket()).id, commitment: c, state: 'met', startedAt: '2028-02-01T00:00:00Z', stoppedAt, elapsedMinutes, ...o });
    await seed('2028-02-27T15:00:00Z', 10); // Sunday 23:00 in Shanghai: week 8, February
    await seed('2028-02-27T16:30:00Z', 20); // Monday 00:30 in Shanghai: week 9, still February
    await seed('2028-02-29T16:00:00Z', 30); // 1 March 00:00 in Shanghai: week 9, March
    await seed('2028-03-02T00:00:00Z', 90, { state: 'breached', breachedAt: '2028-03-02T00:00:00Z', lateMinutes: 30 }); // week 9, March

    const weeks = (await report(admin, 'from=2028-02-21&to=2028-03-06&period=week')).json();
    expect(weeks.period).toBe('week');
    expect(weeks.rows.map((r: Row) => [r.period, r.key, r.count, r.breaches])).toEqual([['2028-W08', c.id, 1, 0], ['2028-W09', c.id, 3, 1]]);
    expect(weeks.periodTotals.map((p: Row) => [p.period, p.count, p.met, p.medianElapsedMinutes])).toEqual([['2028-W08', 1, 1, 10], ['2028-W09', 3, 2, 30]]);
    expect(weeks.totals.count).toBe(4);
    const months = (await report(admin, 'from=2028-02-21&to=2028-03-06&period=month')).json();
    expect(months.rows.map((r: Row) => [r.period, r.count])).toEqual([['2028-02', 2], ['2028-03', 2]]);
    // In UTC the first two fall on the same Sunday (week 8) and the third on 29 February.
    const utc = (await report(admin, 'from=2028-02-21&to=2028-03-06&period=month&timeZone=UTC')).json();
    expect(utc.rows.map((r: Row) => [r.period, r.count])).toEqual([['2028-02', 3], ['2028-03', 1]]);
    // Without period, one row per group as before.
    expect((await report(admin, 'from=2028-02-21&to=2028-03-06')).json().rows.map((r: Row) => [r.period, r.count])).toEqual([[undefined, 4]]);

    const csv = await admin.request('GET', '/api/reports/commitments.csv?from=2028-02-21&to=2028-03-06&period=month');
    expect(csv.statusCode).toBe(200);
    const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Period,Commitment,ID,/);
    expect(lines.slice(1, 6).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      `2028-02,周报承诺,${c.id},1,60`, '2028-02,All,,,', `2028-03,周报承诺,${c.id},1,60`, '2028-03,All,,,', 'All,,,,',
    ]);
    const bad = await report(admin, 'from=2028-02-21&to=2028-03-06&period=day');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('period');
  });
});

describe('the attribution table', () => {
  it('lists each level-1 breach decided in the period with its stage, overrun, department and person', async () => {
    const dispatch = await buildDepartment(t.db, { name: '调度中心' });
    const crew = await buildDepartment(t.db, { name: '抢修队' });
    const wang = await buildStaff(t.db, { name: '王五', departmentId: crew.id });
    const promise = await buildCommitment(t.db, { name: '抢修到场', targetMinutes: 30 });
    const s1 = await buildCommitment(t.db, { name: '派单', level: 2, parentId: promise.id, targetMinutes: 10 });
    const s2 = await buildCommitment(t.db, { name: '出车', level: 2, parentId: promise.id, targetMinutes: 20, position: 1 });
    const tk1 = await ticket();
    const l1 = await buildClock(t.db, { ticketId: tk1.id, commitment: promise, state: 'breached', startedAt: '2025-03-03T00:00:00Z', breachedAt: '2025-03-03T00:30:00Z', departmentId: dispatch.id });
    const st2 = await buildClock(t.db, { ticketId: tk1.id, commitment: s2, parentClockId: l1.id, state: 'met', startedAt: '2025-03-03T00:05:00Z', stoppedAt: '2025-03-03T01:10:00Z', elapsedMinutes: 65, lateMinutes: 45, departmentId: crew.id, staffId: wang.id });
    await buildAttribution(t.db, { clockId: l1.id, kind: 'stage_overrun', stageClockId: st2.id, stageCommitmentId: s2.id, budgetMinutes: 20, usedMinutes: 65, overrunMinutes: 45, departmentId: crew.id, staffId: wang.id });
    const tk2 = await ticket();
    const l2 = await buildClock(t.db, { ticketId: tk2.id, commitment: promise, state: 'breached', startedAt: '2025-03-04T00:00:00Z', breachedAt: '2025-03-04T00:30:00Z', departmentId: dispatch.id });
    await buildAttribution(t.db, { clockId: l2.id, kind: 'parent_slack', departmentId: dispatch.id });
    // A February breach: another period's.
    const tk3 = await ticket();
    const l3 = await buildClock(t.db, { ticketId: tk3.id, commitment: promise, state: 'breached', startedAt: '2025-02-03T00:00:00Z', breachedAt: '2025-02-03T00:30:00Z', departmentId: dispatch.id });
    await buildAttribution(t.db, { clockId: l3.id, kind: 'stage_overrun', stageCommitmentId: s1.id, overrunMinutes: 3, departmentId: dispatch.id });

    // Renamed since (version 2 of both): the table names the versions the clocks ran on at the breach.
    for (const [c, name] of [[promise, '抢修 25 分钟到场'], [s2, '出车（新）']] as const) {
      const v1 = await t.db.selectFrom('commitment_versions').selectAll().where('commitment_id', '=', c.id).executeTakeFirstOrThrow();
      await t.db.insertInto('commitment_versions').values({ ...v1, version: 2, name, applies_to: JSON.stringify(v1.applies_to), responsible: JSON.stringify(v1.responsible), created_at: new Date() }).execute();
      await t.db.updateTable('commitments').set({ current_version: 2 }).where('id', '=', c.id).execute();
    }

    const body = (await report(admin, 'from=2025-03-01&to=2025-04-01')).json();
    expect(body.attributionsTruncated).toBe(false);
    expect(body.attributions).toEqual([
      {
        clockId: l1.id, ticketId: tk1.id, ticketNumber: tk1.number, commitmentId: promise.id, commitmentVersion: 1, commitmentName: '抢修到场', kind: 'stage_overrun',
        stageCommitmentId: s2.id, stageVersion: 1, stageName: '出车', budgetMinutes: 20, usedMinutes: 65, overrunMinutes: 45,
        departmentId: crew.id, departmentName: '抢修队', staffId: wang.id, staffName: '王五', breachedAt: '2025-03-03T00:30:00.000Z',
      },
      expect.objectContaining({ clockId: l2.id, ticketNumber: tk2.number, kind: 'parent_slack', stageName: null, overrunMinutes: null, departmentName: '调度中心', staffName: null }),
    ]);
    // Stages have no attribution table of their own.
    expect((await report(admin, 'from=2025-03-01&to=2025-04-01&level=2')).json().attributions).toEqual([]);
  });
});

describe('who may see it', () => {
  it('shows admin and office everything, a supervisor their department subtree, and refuses everyone else', async () => {
    const top = await buildDepartment(t.db, { name: 'Top' });
    const sub = await buildDepartment(t.db, { name: 'Sub', parentId: top.id });
    const elsewhere = await buildDepartment(t.db, { name: 'Elsewhere' });
    const supStaff = await buildStaff(t.db, { roles: ['supervisor'], departmentId: top.id });
    const sup = await signIn(t.app, supStaff.email, supStaff.password);
    const loneSup = await signInNew(t, { roles: ['supervisor'], departmentId: null });
    const c = await buildCommitment(t.db, { targetMinutes: 60 });
    const at = '2024-03-10T00:00:00Z';
    for (const dept of [top, sub, elsewhere]) {
      await buildClock(t.db, { ticketId: (await ticket()).id, commitment: c, state: 'met', startedAt: at, stoppedAt: at, elapsedMinutes: 1, departmentId: dept.id });
    }
    // A breach of a promise Elsewhere answers for, caused by a stage of Sub: Sub's supervisor sees it.
    const l1 = await buildClock(t.db, { ticketId: (await ticket()).id, commitment: c, state: 'breached', startedAt: at, breachedAt: at, departmentId: elsewhere.id });
    await buildAttribution(t.db, { clockId: l1.id, kind: 'stage_overrun', overrunMinutes: 5, departmentId: sub.id });
    const l2 = await buildClock(t.db, { ticketId: (await ticket()).id, commitment: c, state: 'breached', startedAt: at, breachedAt: at, departmentId: elsewhere.id });
    await buildAttribution(t.db, { clockId: l2.id, kind: 'parent_slack', departmentId: elsewhere.id });

    const q = 'from=2024-03-01&to=2024-04-01&groupBy=department';
    const names = async (who: Client) => ((await report(who, q)).json().rows as Row[]).map((r) => r.name);
    expect(await names(admin)).toEqual(['Elsewhere', 'Sub', 'Top']);
    expect(await names(office)).toEqual(['Elsewhere', 'Sub', 'Top']);
    const mine = (await report(sup, q)).json();
    expect(mine.scope).toBe('departments');
    expect(mine.rows.map((r: Row) => r.name)).toEqual(['Sub', 'Top']);
    expect(mine.attributions.map((a: { clockId: number }) => a.clockId)).toEqual([l1.id]);
    expect((await report(admin, q)).json().attributions).toHaveLength(2);
    // A supervisor outside any department sees no one's figures.
    const lone = (await report(loneSup, q)).json();
    expect(lone).toMatchObject({ rows: [], attributions: [], totals: { count: 0, metPercent: null } });

    for (const path of ['/api/reports/commitments', '/api/reports/commitments.csv']) {
      const refused = await agent.request('GET', `${path}?${q}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toMatch(/supervisors, the administrative office and admins/);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/reports/commitments?${q}` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, CRLF lines, RFC 4180 quoting, formula-safe text and a totals row', async () => {
    const weird = await buildDepartment(t.db, { name: '=HYPERLINK("x") 说 "你好"' });
    const plain = await buildDepartment(t.db, { name: '热线, 夜班' });
    const c = await buildCommitment(t.db, { name: '回访 1 个工作日', targetMinutes: 480 });
    const at = '2026-05-10T00:00:00Z';
    await buildClock(t.db, { ticketId: (await ticket()).id, commitment: c, state: 'met', startedAt: at, stoppedAt: at, elapsedMinutes: 240, departmentId: weird.id });
    await buildClock(t.db, { ticketId: (await ticket()).id, commitment: c, state: 'breached', startedAt: at, breachedAt: at, stoppedAt: at, elapsedMinutes: 600, lateMinutes: 120, departmentId: plain.id });

    const res = await admin.request('GET', '/api/reports/commitments.csv?from=2026-05-01&to=2026-06-01&groupBy=department');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="commitments-summary-2026-05-01-2026-06-01.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toEqual([
      'Department,ID,Level,Target (min),Clocks,Met,Breaches,Met %,Median elapsed (min),P90 elapsed (min),Median share of target,P90 share of target,Late minutes',
      `"'=HYPERLINK(""x"") 说 ""你好""",${weird.id},,,1,1,0,100,240,240,0.5,0.5,0`,
      `"热线, 夜班",${plain.id},,,1,0,1,0,600,600,1.25,1.25,120`,
      'All,,,,2,1,1,50,240,600,0.5,1.25,120',
      '',
    ]);

    const zh = await admin.request('GET', '/api/reports/commitments.csv?from=2026-05-01&to=2026-06-01&lang=zh-CN');
    const zhLines = zh.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(zhLines[0]).toBe('服务承诺,编号,级别,目标（分钟）,计时数,达成,违约,达成率 %,用时中位数（分钟）,用时 P90（分钟）,中位数占目标比,P90 占目标比,超时分钟');
    expect(zhLines[1]).toBe(`回访 1 个工作日,${c.id},1,480,2,1,1,50,240,600,0.5,1.25,120`);
    expect(zhLines[2]).toMatch(/^合计,/);
  });

  it('exports the attribution table too', async () => {
    const dept = await buildDepartment(t.db, { name: '抢修二队' });
    const promise = await buildCommitment(t.db, { name: '抢修到场', targetMinutes: 30 });
    const stage = await buildCommitment(t.db, { name: '出车', level: 2, parentId: promise.id, targetMinutes: 20 });
    const tk = await ticket();
    const l1 = await buildClock(t.db, { ticketId: tk.id, commitment: promise, state: 'breached', startedAt: '2027-01-05T00:00:00Z', breachedAt: '2027-01-05T00:30:00Z' });
    await buildAttribution(t.db, { clockId: l1.id, kind: 'stage_overrun', stageCommitmentId: stage.id, budgetMinutes: 20, usedMinutes: 31, overrunMinutes: 11, departmentId: dept.id });
    const res = await admin.request('GET', '/api/reports/commitments.csv?from=2027-01-01&to=2027-02-01&table=attributions&lang=zh-CN');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('commitments-attributions-2027-01-01-2027-02-01.csv');
    expect(res.rawPayload.subarray(3).toString('utf8').split('\r\n')).toEqual([
      '工单,服务承诺,环节,原因,预算（分钟）,实用（分钟）,超出（分钟）,部门,责任人,违约时间',
      `${tk.number},抢修到场,出车,环节超时,20,31,11,抢修二队,,2027-01-05T00:30:00.000Z`,
      '',
    ]);
  });
});

describe('bad input', () => {
  it('answers 400 naming the field, never 500', async () => {
    const cases: [string, string][] = [
      ['to=2026-02-01', 'from'],
      ['from=2026-01-01', 'to'],
      ['from=yesterday&to=2026-02-01', 'from'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-01-01&to=2026-13-01', 'to'],
      ['from=1999-12-31&to=2000-01-02', 'from'],
      ['from=2026-01-01T00:00:00&to=2026-02-01', 'from'],
      ['from=2026-02-01&to=2026-02-01', 'to'],
      ['from=2026-03-01&to=2026-02-01', 'to'],
      ['from=2020-01-01&to=2022-01-02', 'to'],
      ['from=2026-01-01&to=2026-02-01&groupBy=team', 'groupBy'],
      ['from=2026-01-01&to=2026-02-01&timeZone=Mars/Olympus', 'timeZone'],
      ['from=2026-01-01&to=2026-02-01&level=4', 'level'],
    ];
    for (const [query, field] of cases) {
      const res = await report(admin, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error, query).toMatchObject({ field, message: expect.any(String) });
    }
    const csv = await admin.request('GET', '/api/reports/commitments.csv?from=2026-01-01&to=2026-02-01&table=everything');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.field).toBe('table');
    // Exactly two years (2020 is a leap year: 731 days) is allowed.
    expect((await report(admin, 'from=2020-01-01&to=2022-01-01')).statusCode).toBe(200);
  });
});
