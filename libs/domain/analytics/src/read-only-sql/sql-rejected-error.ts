/** Why a statement was refused; stable codes for callers (the agent shows the message). */
export type SqlRejectionReason =
  | 'empty'
  | 'syntax'
  | 'multiple_statements'
  | 'not_a_select'
  | 'forbidden_keyword'
  | 'forbidden_function'
  | 'file_access'
  | 'parameters'
  | 'relation_not_allowed'
  | 'catalog_not_allowed'
  | 'invalid_limit';

/** A statement validateReadOnlySql refused; nothing was run. */
export class SqlRejectedError extends Error {
  constructor(
    readonly reason: SqlRejectionReason,
    detail: string,
  ) {
    super(`SQL rejected (${reason}): ${detail}`);
    this.name = 'SqlRejectedError';
  }
}
