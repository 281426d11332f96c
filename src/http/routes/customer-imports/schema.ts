import { Type } from 'typebox';
import { IMPORT_FIELDS } from '../../../domain/customer-imports/import-mapping.ts';
import { Body } from '../common.ts';

export const UploadQuery = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255, description: 'The uploaded file\'s name (its extension decides when the Content-Type is application/octet-stream)' }),
});

export const ValidateBody = Body({
  mapping: Type.Array(Type.Union([Type.Union(IMPORT_FIELDS.map((f) => Type.Literal(f))), Type.Null()]), {
    maxItems: 200,
    description: 'One customer field (or null: not imported) per file column, in the file\'s order',
  }),
});

export const RunBody = Body({
  mode: Type.Union([Type.Literal('all_or_nothing'), Type.Literal('valid_only')], { description: 'all_or_nothing: every row or none; valid_only: the valid rows, skipping the others' }),
});

export const ErrorsQuery = Type.Object({
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
