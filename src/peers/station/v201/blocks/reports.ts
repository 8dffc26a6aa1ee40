import type { Payload } from '../../../rpc.js';
import type { VariableDef } from '../device-model.js';
import type { StationState } from '../state.js';

/**
 * Block B, Get Base Report (B07): the station accepts the request, then streams its device model
 * in NotifyReport pages: requestId of the request, seqNo from 0, tbc on every page but the last.
 * ConfigurationInventory holds what the CSMS can set (ReadWrite, WriteOnly); FullInventory holds
 * everything. SummaryInventory is optional and not supported here. Write-only values are never
 * reported (B07.FR.03).
 */

/** Variables per NotifyReport page: small, so every report of the reference spans several pages. */
const PAGE_SIZE = 4;

const DATA_TYPES: Record<VariableDef['kind'], string> = {
  integer: 'integer',
  boolean: 'boolean',
  option: 'OptionList',
  memberList: 'MemberList',
  // 2.1 adds passwordString; string is valid in both versions.
  password: 'string',
  string: 'string',
  slotList: 'SequenceList',
};

function reportDatum(def: VariableDef): Payload {
  return {
    component: { name: def.component, ...(def.componentInstance ? { instance: def.componentInstance } : {}) },
    variable: { name: def.variable, ...(def.instance ? { instance: def.instance } : {}) },
    variableAttribute: [{ type: 'Actual', mutability: def.mutability, ...(def.mutability === 'WriteOnly' ? {} : { value: def.value }) }],
    variableCharacteristics: {
      dataType: DATA_TYPES[def.kind],
      supportsMonitoring: false,
      ...(def.allowed ? { valuesList: def.allowed.join(',') } : {}),
    },
  };
}

export function getBaseReport(st: StationState, p: Payload): Payload {
  const requestId = p.requestId as number;
  const base = p.reportBase as string;
  if (base !== 'ConfigurationInventory' && base !== 'FullInventory')
    return { status: st.faults.has('base-report-unsupported-rejected') ? 'Rejected' : 'NotSupported' };
  const defs = st.dm.entries().filter((d) => base === 'FullInventory' || d.mutability !== 'ReadOnly');
  const pages: VariableDef[][] = [];
  for (let i = 0; i < defs.length; i += PAGE_SIZE) pages.push(defs.slice(i, i + PAGE_SIZE));
  const firstSeqNo = st.faults.has('notifyreport-seqno-from-1') ? 1 : 0;
  const reportedId = st.faults.has('notifyreport-wrong-requestid') ? requestId + 1 : requestId;
  st.later(0, () =>
    st.serialize(async () => {
      for (const [i, page] of pages.entries()) {
        await st.send('NotifyReport', {
          requestId: reportedId,
          generatedAt: st.now(),
          seqNo: firstSeqNo + i,
          tbc: i < pages.length - 1,
          reportData: page.map(reportDatum),
        });
      }
    }),
  );
  return { status: 'Accepted' };
}
