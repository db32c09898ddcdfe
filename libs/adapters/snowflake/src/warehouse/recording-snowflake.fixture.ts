import { readFileSync } from 'node:fs';
import type { SnowflakeExecuteOptions, SnowflakeResult, SnowflakeRow } from '../client/create-snowflake-connection.ts';
import type { ConnectSnowflake, SnowflakeStatements } from './client.ts';

/** One statement as the adapter sent it. */
export interface RecordedStatement {
  readonly sqlText: string;
  readonly binds: SnowflakeExecuteOptions['binds'];
  /** Which login (1 = first connection) sent it. */
  readonly session: number;
  /** For PUT: the local file's content at upload time. */
  readonly uploaded?: string;
}

type Answer = Partial<SnowflakeResult> | Error;
interface Responder {
  readonly match: RegExp;
  readonly answer: (statement: RecordedStatement) => Answer;
  remaining: number;
}

/**
 * A scripted stand-in for a Snowflake session (unit tests only): records every statement with
 * its binds, and answers from responders registered per statement pattern (first match wins;
 * unmatched statements succeed with no rows). The emulator tests cover real behaviour.
 */
export class RecordingSnowflake {
  readonly statements: RecordedStatement[] = [];
  logins = 0;
  private readonly responders: Responder[] = [];
  private loginFailure: Error | undefined;

  /** Answer statements matching `match` (`times` times, default always). */
  on(match: RegExp, answer: (statement: RecordedStatement) => Answer, times = Number.POSITIVE_INFINITY): this {
    this.responders.push({ match, answer, remaining: times });
    return this;
  }

  failLogin(error: Error): this {
    this.loginFailure = error;
    return this;
  }

  readonly connect: ConnectSnowflake = async (): Promise<SnowflakeStatements> => {
    if (this.loginFailure) throw this.loginFailure;
    this.logins += 1;
    const session = this.logins;
    return {
      execute: async <Row = SnowflakeRow>(sqlText: string, options: SnowflakeExecuteOptions = {}): Promise<SnowflakeResult<Row>> => {
        const put = /^PUT '?file:\/\/([^' ]+)'?/.exec(sqlText);
        const statement: RecordedStatement = {
          sqlText,
          binds: options.binds,
          session,
          ...(put?.[1] ? { uploaded: readFileSync(put[1], 'utf8') } : {}),
        };
        this.statements.push(statement);
        const responder = this.responders.find((r) => r.remaining > 0 && r.match.test(sqlText));
        if (!responder) return { rows: [], numUpdatedRows: undefined, queryId: `q${this.statements.length}` };
        responder.remaining -= 1;
        const answer = responder.answer(statement);
        if (answer instanceof Error) throw answer;
        return { rows: (answer.rows ?? []) as Row[], numUpdatedRows: answer.numUpdatedRows, queryId: `q${this.statements.length}` };
      },
      close: async () => undefined,
    };
  };

  /** The statements as a reviewer reads them: SQL, then its binds as a comment. */
  transcript(normalise: (text: string) => string = (t) => t): string {
    return `${this.statements.map((s) => normalise(`${s.sqlText};${bindsComment(s.binds)}`)).join('\n\n')}\n`;
  }
}

function bindsComment(binds: SnowflakeExecuteOptions['binds']): string {
  if (!binds || binds.length === 0) return '';
  const rows = Array.isArray(binds[0]) ? (binds as unknown[][]) : [binds as unknown[]];
  return `\n${rows.map((row) => `-- bind: ${JSON.stringify(row)}`).join('\n')}`;
}

/** A driver-shaped error: Snowflake code and SQLSTATE as the driver reports them. */
export function snowflakeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, sqlState: '57014' });
}
