import { Type } from 'typebox';

// The shared shapes moved to src/contracts/common.ts; these re-exports keep older routes compiling
// until each resource's contract module takes over.
export { Body, ErrorResponse, IdParams, NullableId, PageQuery } from '../../contracts/common.ts';

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('office'), Type.Literal('agent')]);
export const StaffClass = Type.Union([Type.Literal('dedicated'), Type.Literal('support'), Type.Literal('functional')]);
