/**
 * An error the API answers with its own status and message (bad input, unknown route). Anything
 * else becomes a 500 with a generic message: a stack trace never leaves the server.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
