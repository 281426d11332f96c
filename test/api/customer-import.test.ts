import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/accountability.ts';
import { allErrors, countCustomersIn, settle, upload, uploadAndValidate, XLSX, type Job } from '../helpers/customer-imports.ts';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let agent: Client;

beforeAll(async () => {
  t = await createTestApp({ importLimitBytes: 20 * 1_048_576 });
  agent = await signInNew(t);
});
afterAll(() => t.close());

const countCustomers = () => countCustomersIn(t.db);

describe('customer import', () => {
  it('previews a small CSV, names the row and column of every error, and imports the valid rows only', async () => {
    const existing = (await expectOk(agent.request('POST', '/api/customers', { name: '王老客', phones: ['13900000001'] }))).json<{ id: number }>();
    const csv = [
      '姓名,手机,Email,Notes,Ignored',
      '张三,138 0013 8000,zhang@example.com,first,x',
      'Li Si,call me,li@example.com,,x',
      ',13800138002,nobody@example.com,,x',
      '赵六,13800138003,not-an-email,,x',
      '孙七,13900000001,,,x',
      '周八,138-0013-8000,,,x',
      '"Wu, Jiu",13800138009,wu@example.com,"two',
      'lines",x',
    ].join('\r\n');
    const up = await upload(agent, csv, 'customers.csv');
    expect(up.statusCode, up.body).toBe(201);
    const job = up.json<Job>();
    expect(job).toMatchObject({ status: 'uploaded', columns: ['姓名', '手机', 'Email', 'Notes', 'Ignored'], suggestedMapping: ['name', 'phones', 'emails', 'notes', null] });
    expect(job.preview[0]).toEqual(['张三', '138 0013 8000', 'zhang@example.com', 'first', 'x']);
    expect(job.preview).toHaveLength(7);

    // A mapping must name the name column; a single field cannot take two columns.
    const noName = await agent.request('POST', `/api/customer-imports/${job.id}/validate`, { mapping: [null, 'phones', 'emails', null, null] });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error).toMatchObject({ field: 'mapping', message: expect.stringContaining('name') });
    expect((await agent.request('POST', `/api/customer-imports/${job.id}/validate`, { mapping: ['name', 'phones', 'emails', 'notes', 'notes'] })).statusCode).toBe(400);

    expect((await agent.request('POST', `/api/customer-imports/${job.id}/validate`, { mapping: job.suggestedMapping })).statusCode).toBe(202);
    const validated = await settle(agent, job.id);
    expect(validated).toMatchObject({ status: 'validated', totalRows: 7, validRows: 2, errorRows: 5 });
    const { items, total } = await allErrors(agent, job.id);
    expect(total).toBe(items.length);
    expect(items.map((e) => [e.rowNumber, e.column])).toEqual([[3, '手机'], [4, '姓名'], [5, 'Email'], [6, '手机'], [7, '手机']]);
    expect(items[0]!.message).toContain('call me');
    expect(items[2]!.message).toContain('not-an-email');
    expect(items[3]!.message).toContain(`customer #${existing.id}`);
    expect(items[4]!.message).toContain('row 2');

    // all-or-nothing with bad rows is refused and writes nothing; valid-only imports exactly the good rows.
    const before = await countCustomers();
    const refused = await agent.request('POST', `/api/customer-imports/${job.id}/run`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'rows_invalid', message: expect.stringContaining('5 rows have errors') });
    expect(await countCustomers()).toBe(before);

    expect((await agent.request('POST', `/api/customer-imports/${job.id}/run`, { mode: 'valid_only' })).statusCode).toBe(202);
    const done = await settle(agent, job.id);
    expect(done).toMatchObject({ status: 'done', importedRows: 2, errorRows: 5 });
    const created = await t.db
      .selectFrom('import_job_customers')
      .innerJoin('customers', 'customers.id', 'import_job_customers.customer_id')
      .select(['row_number', 'name', 'phones', 'emails', 'notes', 'search_text'])
      .where('job_id', '=', job.id)
      .orderBy('row_number')
      .execute();
    expect(created).toMatchObject([
      { row_number: 2, name: '张三', phones: ['13800138000'], emails: ['zhang@example.com'], notes: 'first' },
      { row_number: 8, name: 'Wu, Jiu', phones: ['13800138009'], notes: 'two\nlines' },
    ]);
    expect(created[0]!.search_text).toContain('13800138000');
    // The imported customers are found like any other.
    expect((await agent.request('GET', '/api/customers?q=张三')).json().items.map((c: { name: string }) => c.name)).toContain('张三');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'customer_import').where('entity_id', '=', String(job.id)).execute();
    expect(audit).toMatchObject([{ action: 'customer.import', actor_id: agent.userId, after: { fileName: 'customers.csv', mode: 'valid_only', totalRows: 7, importedRows: 2, errorRows: 5 } }]);
    expect(await t.db.selectFrom('import_job_chunks').select('seq').where('job_id', '=', job.id).execute()).toEqual([]);
    // Done is done: it cannot be imported twice.
    expect((await agent.request('POST', `/api/customer-imports/${job.id}/run`, { mode: 'valid_only' })).statusCode).toBe(409);
  });
});

describe('other files', () => {
  it('imports an XLSX workbook all-or-nothing, and rolls back when a row became a duplicate after validation', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['Name', 'Kind', 'Mobile', 'Landline', 'Email', 'Consent marketing']);
    sheet.addRow(['北京燃气有限公司', '单位', 13700000001, '010-6552 1234', 'gas@example.com', '是']);
    sheet.addRow([{ richText: [{ text: '刘' }, { text: '备' }] }, 'person', '13700000002', '', 'liu@example.com', 'no']);
    sheet.addRow([]);
    sheet.addRow(['Guan Yu', '', '13700000003', '', '', '']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const job = await uploadAndValidate(agent, file, 'accounts.xlsx', XLSX);
    expect(job).toMatchObject({ status: 'validated', columns: ['Name', 'Kind', 'Mobile', 'Landline', 'Email', 'Consent marketing'], totalRows: 3, validRows: 3, errorRows: 0 });
    expect(job.suggestedMapping).toEqual(['name', 'kind', 'phones', 'phones', 'emails', 'consentMarketing']);
    expect(job.preview[1]![0]).toBe('刘备');

    expect((await agent.request('POST', `/api/customer-imports/${job.id}/run`, { mode: 'all_or_nothing' })).statusCode).toBe(202);
    expect(await settle(agent, job.id)).toMatchObject({ status: 'done', importedRows: 3 });
    const gas = await t.db.selectFrom('customers').select(['kind', 'phones', 'consent_marketing']).where('name', '=', '北京燃气有限公司').executeTakeFirstOrThrow();
    expect(gas).toEqual({ kind: 'organisation', phones: ['13700000001', '01065521234'], consent_marketing: true });

    // Validated clean, then someone registers a customer with row 3's phone: all-or-nothing writes nothing and says why.
    const csv = 'Name,Phone\nA One,13600000001\nB Two,13600000002\nC Three,13600000003\n';
    const second = await uploadAndValidate(agent, csv, 'later.csv');
    expect(second).toMatchObject({ status: 'validated', errorRows: 0 });
    await expectOk(agent.request('POST', '/api/customers', { name: 'Someone', phones: ['13600000003'] }));
    const before = await countCustomers();
    expect((await agent.request('POST', `/api/customer-imports/${second.id}/run`, { mode: 'all_or_nothing' })).statusCode).toBe(202);
    const rolledBack = await settle(agent, second.id);
    expect(rolledBack).toMatchObject({ status: 'validated', importedRows: 0, message: expect.stringContaining('nothing was imported') });
    expect(await countCustomers()).toBe(before);
    expect((await allErrors(agent, second.id)).items).toMatchObject([{ rowNumber: 4, column: 'Phone', message: expect.stringContaining('already on customer') }]);
    expect(await t.db.selectFrom('import_job_customers').select('customer_id').where('job_id', '=', second.id).execute()).toEqual([]);
  });

  it('refuses an upload it cannot import with a 4xx that says why, and keeps nothing', async () => {
    const jobsBefore = Number((await t.db.selectFrom('import_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const cases: [Buffer | string, string, string, number, string, RegExp][] = [
      ['%PDF-1.4', 'scan.pdf', 'application/pdf', 400, 'unsupported_format', /CSV and XLSX/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'old.xls', 'application/vnd.ms-excel', 400, 'unsupported_format', /\.xls/],
      ['', 'empty.csv', 'text/csv', 400, 'empty_file', /empty/],
      ['\n\n  \n', 'blank.csv', 'text/csv', 400, 'no_header', /no rows/],
      ['张三,13800138000,zhang@example.com\n李四,13800138001,li@example.com\n', 'noheader.csv', 'text/csv', 400, 'no_header', /name the columns/],
      ['Name,Phone\n', 'header-only.csv', 'text/csv', 400, 'no_rows', /no customers/],
      ['Name,Phone\n"unclosed,1\n', 'broken.csv', 'text/csv', 400, 'bad_file', /not valid CSV/],
      ['Name,Phone\nA,1\n', 'fake.xlsx', XLSX, 400, 'bad_file', /not an XLSX/],
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]), 'truncated.xlsx', XLSX, 400, 'bad_file', /XLSX/],
    ];
    for (const [body, name, type, status, code, message] of cases) {
      const res = await upload(agent, body, name, type);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error, name).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    const tooBig = await upload(agent, Buffer.alloc(21 * 1_048_576, 'a'), 'huge.csv');
    expect(tooBig.statusCode).toBe(413);
    expect((await t.app.inject({ method: 'POST', url: '/api/customer-imports?fileName=a.csv', headers: { 'content-type': 'text/csv' }, payload: 'Name\nA\n' })).statusCode).toBe(401);
    expect(Number((await t.db.selectFrom('import_jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(jobsBefore);
    expect(Number((await t.db.selectFrom('import_job_chunks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);

    // GB18030 (what Excel in China saves CSV as) reads as Chinese; someone else's import is not found.
    const gbk = Buffer.from(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x33, 0x38, 0x30, 0x30, 0x31, 0x33, 0x38, 0x30, 0x30, 0x30, 0x0a]));
    const up = await upload(agent, gbk, 'gbk.csv');
    expect(up.json()).toMatchObject({ encoding: 'gb18030', columns: ['姓名', '手机'], preview: [['张三', '13800138000']], suggestedMapping: ['name', 'phones'] });
    const other = await signInNew(t);
    expect((await other.request('GET', `/api/customer-imports/${up.json().id}`)).statusCode).toBe(404);
    expect((await other.request('POST', `/api/customer-imports/${up.json().id}/validate`, { mapping: ['name', 'phones'] })).statusCode).toBe(404);
  });
});

describe('two imports at once', () => {
  it('never both create a customer with the same phone', async () => {
    const file = (who: string) => Buffer.from(['Name,Phone', ...Array.from({ length: 1500 }, (_, i) => `${who} ${i},131${String(i).padStart(8, '0')}`)].join('\n'));
    const [a, b] = await Promise.all([uploadAndValidate(agent, file('A'), 'a.csv'), uploadAndValidate(agent, file('B'), 'b.csv')]);
    expect([a.errorRows, b.errorRows]).toEqual([0, 0]);
    await Promise.all([a, b].map((j) => expectOk(agent.request('POST', `/api/customer-imports/${j.id}/run`, { mode: 'valid_only' }))));
    const [doneA, doneB] = await Promise.all([settle(agent, a.id), settle(agent, b.id)]);
    expect([doneA.status, doneB.status]).toEqual(['done', 'done']);
    expect(doneA.importedRows + doneB.importedRows).toBe(1500);
    const phones = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('search_text', 'like', '% 131%').executeTakeFirstOrThrow();
    expect(Number(phones.n)).toBe(1500);
  });
});

describe('a step whose instance died', () => {
  it('is reported failed once its heartbeat is two minutes old, and can be validated again', async () => {
    const job = (await expectOk(upload(agent, 'Name,Phone\nA,13300000001\n', 'stale.csv'))).json<Job>();
    // As if another instance had claimed the validation and then been killed.
    await t.db.updateTable('import_jobs').set({ status: 'validating', mapping: JSON.stringify(['name', 'phones']), heartbeat_at: new Date(t.clock.nowMs - 60_000) }).where('id', '=', job.id).execute();
    expect((await expectOk(agent.request('GET', `/api/customer-imports/${job.id}`))).json()).toMatchObject({ status: 'validating' });
    expect((await agent.request('POST', `/api/customer-imports/${job.id}/validate`, { mapping: ['name', 'phones'] })).statusCode).toBe(409);
    t.clock.advance(61_000 + 60_000);
    expect((await expectOk(agent.request('GET', `/api/customer-imports/${job.id}`))).json()).toMatchObject({ status: 'failed', message: expect.stringContaining('stopped') });
    expect((await agent.request('POST', `/api/customer-imports/${job.id}/validate`, { mapping: ['name', 'phones'] })).statusCode).toBe(202);
    expect(await settle(agent, job.id)).toMatchObject({ status: 'validated', validRows: 1 });
  });
});

describe('customer export', () => {
  it('streams the filtered list as CSV with a header, in a form the import reads back', async () => {
    const csv = 'Name,Phone,Segment,Tags,Address\n=Evil Co,13500000001,export_seg,north;gold,"1 Road, Haidian"\n钱一,13500000002,export_seg,south,\n孙二,13500000003,other_seg,north,\n';
    const job = await uploadAndValidate(agent, csv, 'seg.csv');
    expect(job).toMatchObject({ status: 'validated', errorRows: 0 });
    expect((await agent.request('POST', `/api/customer-imports/${job.id}/run`, { mode: 'all_or_nothing' })).statusCode).toBe(202);
    expect(await settle(agent, job.id)).toMatchObject({ status: 'done', importedRows: 3 });

    const res = await agent.request('GET', '/api/customers/export.csv?segment=export_seg&tag=north');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,kind,name,organisation,phones,emails,addresses,segment,tags,preferredLanguage,preferredChannel,consentContact,consentSurveys,consentMarketing,isAccount,notes,active,createdAt');
    expect(lines).toHaveLength(2);
    // A leading = is defused for spreadsheets; the address with a comma is quoted.
    expect(lines[1]).toMatch(/^\d+,person,'=Evil Co,,13500000001,,"1 Road, Haidian",export_seg,north; gold,,,true,true,false,false,,true,/);
    const bySegment = (await agent.request('GET', '/api/customers/export.csv?segment=export_seg')).body.trim().split('\r\n');
    expect(bySegment).toHaveLength(3);
    expect((await agent.request('GET', '/api/customers/export.csv?q=钱一')).body).toContain('13500000002');
    expect((await agent.request('GET', '/api/customers/export.csv?kind=robot')).statusCode).toBe(400);

    // The export imports again: every column maps by itself, and every row is a known customer.
    const again = await uploadAndValidate(agent, res.body, 'customers.csv');
    expect(again.suggestedMapping).toEqual([null, 'kind', 'name', 'organisation', 'phones', 'emails', 'addresses', 'segment', 'tags', 'preferredLanguage', 'preferredChannel', 'consentContact', 'consentSurveys', 'consentMarketing', 'isAccount', 'notes', null, null]);
    expect(again).toMatchObject({ status: 'validated', totalRows: 1, errorRows: 1 });
    expect((await allErrors(agent, again.id)).items).toMatchObject([{ rowNumber: 2, column: 'phones', message: expect.stringContaining('already on customer') }]);
  });
});
