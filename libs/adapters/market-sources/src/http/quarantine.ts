import type { QuarantineReport, SourceId } from '@ledgerline/market-data';
import type { z } from 'zod';
import { parseJsonLosslessly } from './lossless-json.ts';

const MAX_RAW_BODY = 64 * 1024;

export interface DecodeContext {
  source: SourceId;
  endpoint: string;
  receivedAt: string;
}

export function quarantineReport(context: DecodeContext, field: string, reason: string, rawBody: string): QuarantineReport {
  return { ...context, field, reason, rawBody: rawBody.length > MAX_RAW_BODY ? `${rawBody.slice(0, MAX_RAW_BODY)}…(truncated)` : rawBody };
}

export function issueField(prefix: string, error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0];
  const path = issue?.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('') ?? '';
  return { field: `${prefix}${path}`.replace(/^\./, '') || '(response)', reason: issue?.message ?? 'invalid' };
}

/** Decodes a whole body with `schema`; a body of another shape becomes one quarantine report. */
export function decodeBody<T>(schema: z.ZodType<T>, body: string, context: DecodeContext): { value: T } | { report: QuarantineReport } {
  let json: unknown;
  try {
    json = parseJsonLosslessly(body);
  } catch (error) {
    return { report: quarantineReport(context, '(response)', `not JSON: ${error instanceof Error ? error.message : String(error)}`, body) };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { value: parsed.data };
  const { field, reason } = issueField('', parsed.error);
  return { report: quarantineReport(context, field, reason, body) };
}

/**
 * Decodes each element of an array on its own, so one drifted record is quarantined while the
 * rest of the response is kept.
 */
export function decodeEach<T>(schema: z.ZodType<T>, elements: readonly unknown[], body: string, context: DecodeContext): { values: T[]; reports: QuarantineReport[] } {
  const values: T[] = [];
  const reports: QuarantineReport[] = [];
  elements.forEach((element, index) => {
    const parsed = schema.safeParse(element);
    if (parsed.success) values.push(parsed.data);
    else {
      const { field, reason } = issueField(`[${index}]`, parsed.error);
      reports.push(quarantineReport(context, field, reason, body));
    }
  });
  return { values, reports };
}
