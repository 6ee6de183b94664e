// Domain error codes know nothing of HTTP; each transport maps them once (api/errors.ts).
export const DOMAIN_ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_INPUT',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE', // a dependency is down: try again later (503 with Retry-After)
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** The type of an activity failure for a write Postgres refuses for its data (activities/data-errors.ts). */
export const DATA_ERROR = 'DATA_ERROR';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** One invalid field of a request: its path ("contact.email", "items.2.branch") and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

/** The 400 that names each field: "path: message; …", with the fields in `details` for the UI. */
export function invalidFields(fields: FieldError[]): DomainError {
  return new DomainError('INVALID_INPUT', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
}
