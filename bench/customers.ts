import { sql } from 'kysely';
import { createKysely, createPool, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { RequestContext } from '../src/services/context.ts';
import { listCustomers } from '../src/services/customers/list-customers.ts';
import { percentile } from './tickets.ts';

type Log = (line: string) => void;

/** BENCH_CUSTOMERS overrides the million, for a quick trial run of the bench itself. */
const BULK_CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const AT = BULK_CUSTOMERS === 1_000_000 ? '1M' : BULK_CUSTOMERS.toLocaleString('en');
const RUNS_PER_TERM = 40;
/** The target for customer search. */
const TARGET_P95_MS = 50;

const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const arrayLiteral = (values: readonly string[]) => sql`(${values}::text[])`;

// Common Chinese surnames and given-name characters: a name substring matches thousands of customers.
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '建国', '桂兰', '志强', '海燕'];
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '苏州'];
const TRADES = ['燃气', '物业', '科技', '建设', '能源', '餐饮', '医疗', '教育', '物流', '制造'];
const LATIN = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'smith', 'brown'];

/**
 * One INSERT … SELECT generate_series (secondary indexes dropped and rebuilt after, as a restore
 * would): 70 % people with Chinese names, 30 % organisations; a phone each, an email for 40 %.
 */
async function bulkLoadCustomers(db: Db, log: Log): Promise<void> {
  const started = performance.now();
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = 'customers'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  await db.connection().execute(async (conn) => {
    for (const index of indexes.rows) await sql`drop index ${sql.id(index.indexname)}`.execute(conn);
    await sql`set maintenance_work_mem = '512MB'`.execute(conn);
    await sql`select setseed(0.0711)`.execute(conn);
    await sql`
      insert into customers (kind, name, organisation, phones, emails, search_text, segment, tags, created_at, updated_at)
      select kind, name, organisation, array[phone], case when email is null then '{}' else array[email] end,
        lower(concat_ws(' ', name, organisation, phone, email)), segment, '{}', now(), now()
      from (
        select g.i,
          case when g.i % 10 < 3 then 'organisation' else 'person' end as kind,
          case when g.i % 10 < 3
            then ${arrayLiteral(CITIES)}[1 + floor(random() * ${CITIES.length})::int] || ${arrayLiteral(TRADES)}[1 + floor(random() * ${TRADES.length})::int] || g.i::text || '有限公司'
            else ${arrayLiteral(SURNAMES)}[1 + floor(random() * ${SURNAMES.length})::int] || ${arrayLiteral(GIVEN)}[1 + floor(random() * ${GIVEN.length})::int]
                 || case when random() < 0.5 then ${arrayLiteral(GIVEN)}[1 + floor(random() * ${GIVEN.length})::int] else '' end
          end as name,
          case when g.i % 10 >= 3 and random() < 0.3 then ${arrayLiteral(CITIES)}[1 + floor(random() * ${CITIES.length})::int] || ${arrayLiteral(TRADES)}[1 + floor(random() * ${TRADES.length})::int] || '公司' end as organisation,
          -- Unique, but with digits that look random (7919 is coprime with 10⁹): a run of zeros in every
          -- number would make the trigram '000' match the whole table, which real numbers do not.
          '1' || (3 + floor(random() * 6))::int::text || lpad(((g.i::bigint * 7919 + 12345) % 1000000000)::text, 9, '0') as phone,
          case when random() < 0.4 then ${arrayLiteral(LATIN)}[1 + floor(random() * ${LATIN.length})::int] || '.' || g.i::text || '@example.com' end as email,
          (array['residential', 'residential', 'residential', 'commercial', 'vip'])[1 + (g.i % 5)] as segment
        from generate_series(1, ${BULK_CUSTOMERS}) as g(i)
      ) t`.execute(conn);
    const loadedMs = performance.now() - started;
    const indexStarted = performance.now();
    for (const index of indexes.rows) await sql.raw(index.indexdef).execute(conn);
    await sql`analyze customers`.execute(conn);
    log(`bulk load: ${BULK_CUSTOMERS.toLocaleString('en')} customers inserted in ${(loadedMs / 1000).toFixed(0)} s, ${indexes.rows.length} indexes rebuilt + ANALYZE in ${((performance.now() - indexStarted) / 1000).toFixed(0)} s   (reference)`);
  });
  const size = await sql<{ size: string }>`select pg_size_pretty(pg_total_relation_size('customers')) as size`.execute(db);
  log(`customers table with indexes: ${size.rows[0]!.size}   (reference)`);
}

async function benchSearch(db: Db, log: Log): Promise<void> {
  const admin = await db.selectFrom('staff').select('id').orderBy('id').executeTakeFirst()
    ?? await db.insertInto('staff').values({ email: 'bench-customers@example.com', name: 'Bench', roles: ['agent'] }).returning('id').executeTakeFirstOrThrow();
  const ctx: RequestContext = { actor: { kind: 'staff', id: admin.id, roles: ['agent'], departmentId: null }, requestId: null, clientIp: null };
  // Phones of real rows, typed the way people read them out: 138-0000-1234, 0000 1234.
  // Counted from the first bulk-loaded row: in a full run the ticket bench has registered 3,000 callers before them, all on 13800000000.
  const { first } = await db.selectFrom('customers').select((eb) => sql<number>`coalesce(max(${eb.ref('id')}), 0) - ${BULK_CUSTOMERS}`.as('first')).executeTakeFirstOrThrow();
  const phones = (await db.selectFrom('customers').select('phones').where('id', 'in', [1234, 56_789, 345_678, 777_777].map((i) => Number(first) + Math.min(i, BULK_CUSTOMERS))).execute()).map((r) => r.phones[0]!);
  const groups: [string, string[]][] = [
    // Common, rarer and absent terms: a search for what is not there must be fast too.
    ['Chinese name substring (2–4 characters)', ['秀英', '建国', '欧阳', '王芳', '李桂兰', '司马志强', '王芳芳芳', '鳄鱼']],
    // No index serves one character (no pair, no trigram): the newest records are walked until a page is full.
    ['Chinese, one character', ['王', '李', '鑫']],
    ['phone, with dashes or spaces', [...phones.map((p) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`), ...phones.slice(0, 2).map((p) => `${p.slice(3, 7)} ${p.slice(7)}`), '199-9999-0000']],
    ['email', ['wang.1234@example.com', 'smith.56789', 'brown.7', 'nobody@nowhere.example']],
    ['organisation', ['北京燃气', '深圳科技', '杭州物流', '有限公司', '燃气12345', '不存在的公司']],
  ];
  for (const [label, terms] of groups) {
    const all: number[] = [];
    const detail: string[] = [];
    for (const term of terms) {
      let count = 0;
      const latencies: number[] = [];
      // A term that reads the whole table is timed fewer times: its figure is clear after a few.
      const runs = label.includes('one character') ? 8 : RUNS_PER_TERM;
      for (let i = 0; i < runs + 3; i += 1) {
        const t0 = performance.now();
        count = (await listCustomers(db, ctx, { q: term, limit: 10 })).items.length;
        if (i >= 3) latencies.push(performance.now() - t0);
      }
      all.push(...latencies);
      detail.push(`${term} ${ms(percentile(latencies, 95))}${count === 0 ? ' (none)' : ''}`);
    }
    const p95 = percentile(all, 95);
    log(`search ${label} at ${AT} customers: p95 ${ms(p95)}   target p95 ≤ ${TARGET_P95_MS} ms   ${verdict(p95 <= TARGET_P95_MS)}`);
    log(`  per term p95: ${detail.join(', ')}`);
  }
}

/** `BENCH_ONLY=customers npm run bench`: 1M customers bulk-loaded, then the search p95 by kind of query. */
export async function benchCustomers(options: { url: string; log: Log }): Promise<void> {
  const db = createKysely(createPool(options.url, 4));
  try {
    await migrateToLatest(db as never);
    await bulkLoadCustomers(db, options.log);
    await benchSearch(db, options.log);
  } finally {
    await db.destroy();
  }
}
