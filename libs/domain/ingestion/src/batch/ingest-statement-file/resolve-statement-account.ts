import { StatementParseError } from '../../statements/statement-parse-error.ts';

export const UNKNOWN_ACCOUNT_REASON = 'cannot tell which account this statement belongs to: pass --account or a profile';

/**
 * The account a statement's rows go to. Our own statements state it (CSV preamble, PDF header);
 * a foreign bank's export does not, so the operator names it (`--account`, or the profile's
 * `account`). Both present and different is a mistake worth refusing the file for.
 */
export function resolveStatementAccount(stated: string | undefined, given: string | undefined, file: string): string {
  if (stated !== undefined && given !== undefined && stated !== given) {
    throw new StatementParseError({ file, line: 0, reason: `the statement is for account ${stated}, but account ${given} was given (--account or profile)` });
  }
  const account = stated ?? given;
  if (account === undefined) throw new StatementParseError({ file, line: 0, reason: UNKNOWN_ACCOUNT_REASON });
  return account;
}
