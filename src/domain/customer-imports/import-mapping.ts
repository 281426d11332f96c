import { invalid } from '../shared/domain-error.ts';

/** The customer fields a file column can be imported into. Lists may take several columns (mobile and landline). */
export const IMPORT_FIELDS = [
  'name', 'kind', 'organisation', 'phones', 'emails', 'addresses', 'segment', 'tags',
  'preferredLanguage', 'preferredChannel', 'consentContact', 'consentSurveys', 'consentMarketing', 'notes', 'isAccount',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const LIST_FIELDS: ReadonlySet<ImportField> = new Set(['phones', 'emails', 'addresses', 'tags']);

/** One customer field, or null (not imported), per file column, in the file's order. */
export type ImportMapping = (ImportField | null)[];

/** Most files fit in a few dozen columns; a file with thousands is a data dump, not a customer list. */
export const MAX_IMPORT_COLUMNS = 200;

/** The header cells as people will see them: a blank header becomes "Column 3" (1-based, like a spreadsheet). */
export function toColumnNames(header: readonly string[]): string[] {
  return header.map((h, i) => h.trim().replace(/\s+/g, ' ') || `Column ${i + 1}`);
}

/** Checks a mapping against the file's columns; throws `invalid` naming `mapping` (and the column) at fault. */
export function checkImportMapping(columns: readonly string[], mapping: readonly unknown[]): ImportMapping {
  if (mapping.length !== columns.length) throw invalid(`The mapping must give one field (or none) for each of the file's ${columns.length} columns`, 'mapping');
  const seen = new Map<ImportField, string>();
  const out: ImportMapping = mapping.map((m, i) => {
    if (m === null || m === '') return null;
    const field = IMPORT_FIELDS.find((f) => f === m);
    if (!field) throw invalid(`"${String(m)}" is not a customer field (column "${columns[i]}")`, 'mapping');
    const earlier = seen.get(field);
    if (earlier !== undefined && !LIST_FIELDS.has(field)) throw invalid(`Columns "${earlier}" and "${columns[i]}" both go to ${field}; choose one`, 'mapping');
    seen.set(field, columns[i]!);
    return field;
  });
  if (!seen.has('name')) throw invalid('Choose the column that holds the customer\'s name', 'mapping');
  return out;
}

/** Header words people use for each field, in English and Chinese, compared lower-cased without spaces, _ or -. */
const HEADER_WORDS: Record<ImportField, string[]> = {
  name: ['name', 'customer', 'customername', 'fullname', '姓名', '名称', '客户', '客户名称', '客户姓名', '联系人'],
  kind: ['kind', 'type', 'customertype', '类型', '客户类型'],
  organisation: ['organisation', 'organization', 'company', 'org', 'employer', '单位', '公司', '组织', '工作单位', '所属单位', '所属组织'],
  phones: ['phone', 'phones', 'mobile', 'tel', 'telephone', 'phonenumber', 'cell', 'landline', '电话', '手机', '手机号', '手机号码', '联系电话', '座机', '电话号码'],
  emails: ['email', 'emails', 'mail', 'emailaddress', '邮箱', '电子邮件', '电子邮箱', '邮件'],
  addresses: ['address', 'addresses', '地址', '住址', '联系地址'],
  segment: ['segment', 'customersegment', '客户分类', '细分', '客户细分', '分群'],
  tags: ['tags', 'tag', 'labels', 'label', '标签'],
  preferredLanguage: ['language', 'preferredlanguage', 'lang', '语言', '首选语言'],
  preferredChannel: ['channel', 'preferredchannel', '渠道', '首选渠道', '联系方式偏好'],
  consentContact: ['consentcontact', 'contactconsent', 'maycontact', '同意联系'],
  consentSurveys: ['consentsurveys', 'surveyconsent', 'maysurvey', '同意调查', '同意回访'],
  consentMarketing: ['consentmarketing', 'marketingconsent', 'marketing', '同意营销'],
  notes: ['notes', 'note', 'remarks', 'remark', 'comment', 'comments', '备注', '说明'],
  isAccount: ['isaccount', 'account', 'b2baccount', '大客户', '客户账户'],
};

/** A first guess at the mapping from the header, so most files need no choosing at all. */
export function suggestImportMapping(columns: readonly string[]): ImportMapping {
  const taken = new Set<ImportField>();
  return columns.map((c) => {
    const key = c.toLowerCase().replace(/[\s_\-.]+/g, '');
    const field = IMPORT_FIELDS.find((f) => (f.toLowerCase() === key || HEADER_WORDS[f].includes(key)) && (LIST_FIELDS.has(f) || !taken.has(f)));
    if (!field) return null;
    taken.add(field);
    return field;
  });
}
