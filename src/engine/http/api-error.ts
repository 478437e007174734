/**
 * An error answered in the service's shape: a bare object `{code, message, innerError: {code,
 * message}}` (not wrapped in `{error: …}`), with the HTTP status the service uses for it.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get body(): object {
    return { code: this.code, message: this.message, ...(this.innerCode ? { innerError: { code: this.innerCode, message: this.message } } : {}) };
  }
}

export const badRequest = (message: string, innerCode = 'InvalidPayload') => new ApiError(400, 'InvalidRequest', message, innerCode);
export const invalidArgument = (message: string, innerCode = 'InvalidParameterValue') => new ApiError(400, 'InvalidArgument', message, innerCode);
export const notFound = (what: string) => new ApiError(404, 'NotFound', `${what} was not found.`);
export const conflict = (message: string, innerCode: string) => new ApiError(409, 'Conflict', message, innerCode);
