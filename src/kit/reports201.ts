import type { Ctx201Cs } from './contexts.js';
import { check } from '../engine/checks.js';
import type { ReportDataType } from '../protocol/payloads/v201.js';

/**
 * Device-model reports of a 2.0.1 station (B07 base reports, B08 custom reports): the
 * NotifyReport stream that follows an accepted request, read page by page and checked as a
 * sequence. The harness answers each page before the next is due, as a CSMS must.
 */

export interface CollectedReport {
  pages: number;
  entries: ReportDataType[];
}

/**
 * Reads the NotifyReport pages of report `requestId` until the one with tbc false. Every page
 * must carry the requestId (B07.FR.04) and the next seqNo from 0 (B07.FR.10); a page of another
 * request is a failure too, since the station was asked for one report only.
 */
export async function collectReport(ctx: Ctx201Cs, requestId: number): Promise<CollectedReport> {
  const { csms } = ctx;
  const entries: ReportDataType[] = [];
  for (let seqNo = 0; ; seqNo++) {
    const page = await csms.expectCall('NotifyReport', { requirement: 'B07.FR.10' });
    await csms.reply(page, {});
    const p = page.payload;
    check(p.requestId === requestId, 'B07.FR.04', `NotifyReport.requestId ${requestId} (the request's)`, `requestId ${p.requestId}`);
    check(p.seqNo === seqNo, 'B07.FR.10', `page ${seqNo + 1} of the report with seqNo ${seqNo}`, `seqNo ${p.seqNo}`);
    entries.push(...(p.reportData ?? []));
    if (p.tbc !== true) return { pages: seqNo + 1, entries };
  }
}

/** The attribute of a report entry that holds its current value. */
export function actualAttribute(entry: ReportDataType): ReportDataType['variableAttribute'][number] | undefined {
  return entry.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
}
