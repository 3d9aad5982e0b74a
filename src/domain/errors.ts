/** One reason a request was refused, naming the field it concerns (dot path, `''` for the whole body). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Base of the errors the API turns into 4xx answers; anything else is a bug and a 500. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 400: input breaks a rule; lists every field at fault. */
export class ValidationError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super(
      400,
      'validation_failed',
      issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '),
      {
        issues,
      },
    );
  }
}

/** Shorthand for a single-field validation error. */
export function invalid(field: string, message: string): ValidationError {
  return new ValidationError([{ field, message }]);
}

/** 404: the object does not exist in the caller's workspace (foreign objects answer the same). */
export class NotFoundError extends AppError {
  constructor(entity: string, id?: string) {
    super(404, 'not_found', id ? `${entity} ${id} not found` : `${entity} not found`, { entity });
  }
}

/** 409: the object changed since the caller read it, or the action conflicts with existing data. */
export class ConflictError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}, code = 'conflict') {
    super(409, code, message, details);
  }
}

/** 401: no valid session or token. */
export class UnauthorizedError extends AppError {
  constructor(message = 'sign in or send an API token', code = 'unauthorized') {
    super(401, code, message);
  }
}

/** 403: authenticated, but the role or token scope does not allow it. */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}
