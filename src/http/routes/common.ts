// The shared shapes moved to src/contracts/common.ts; these re-exports keep older routes compiling
// until each resource's contract module takes over.
export { Body, ErrorResponse, IdParams, NullableId, PageQuery } from '../../contracts/common.ts';
// Built from the domain's value lists (src/domain/org/roles.ts), so a new role is added in one place.
export { Role, StaffClass } from '../../contracts/staff.ts';
