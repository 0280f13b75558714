/** The seed's audit actions. */
export const AUDIT_ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'OTHER'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
