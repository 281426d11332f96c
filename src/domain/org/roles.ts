/** What a staff member may do in Centric; a person holds one or more. */
export const ROLES = ['admin', 'supervisor', 'office', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** How a person's work relates to customers: dedicated (customer-facing), support (R&D, product), functional. */
export const STAFF_CLASSES = ['dedicated', 'support', 'functional'] as const;
export type StaffClass = (typeof STAFF_CLASSES)[number];
