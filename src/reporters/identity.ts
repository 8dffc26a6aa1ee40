import type { CaseRecord, NoteEvent, RunRecord, WireEvent } from '../engine/events.js';
import type { RunIdentity } from '../engine/run-identity.js';

/**
 * The SUT as it showed itself on the wire: the identity fields of the BootNotifications it sent
 * (a charging station under test) and the subject of the TLS certificate it presented. Read from
 * the log, entry by entry, so a streaming reporter can feed it as events arrive.
 */
export interface ObservedIdentity {
  vendor: string[];
  model: string[];
  serialNumber: string[];
  firmwareVersion: string[];
  /** Certificate subjects the SUT presented (server certificate of a CSMS, client certificate of a station). */
  tlsSubjects: string[];
}

/** More distinct values than this is a SUT that changes its story: the first few say so. */
const MAX_VALUES = 5;

const FIELDS_16 = {
  vendor: 'chargePointVendor',
  model: 'chargePointModel',
  serialNumber: 'chargePointSerialNumber',
  firmwareVersion: 'firmwareVersion',
};
const FIELDS_201 = { vendor: 'vendorName', model: 'model', serialNumber: 'serialNumber', firmwareVersion: 'firmwareVersion' };

const CERT = /(server|client) certificate CN=("(?:[^"\\]|\\.)*")(?: O=("(?:[^"\\]|\\.)*"))?/;

export class IdentityObserver {
  readonly observed: ObservedIdentity = { vendor: [], model: [], serialNumber: [], firmwareVersion: [], tlsSubjects: [] };

  private add(list: string[], value: unknown): void {
    if (typeof value !== 'string' || value === '' || list.includes(value) || list.length >= MAX_VALUES) return;
    list.push(value.slice(0, 200));
  }

  /** One wire entry or note of a case; `sut` is the case's role. */
  observe(entry: WireEvent | NoteEvent): void {
    if (entry.type === 'note') {
      if (entry.kind !== 'connection') return;
      const m = CERT.exec(entry.text);
      if (!m) return;
      const cn = JSON.parse(m[2] ?? '""') as string;
      const o = m[3] ? (JSON.parse(m[3]) as string) : undefined;
      if (cn !== '') this.add(this.observed.tlsSubjects, `${m[1]} certificate CN=${cn}${o ? `, O=${o}` : ''}`);
      return;
    }
    // A BootNotification the SUT sent: only a station under test sends one to the harness.
    if (entry.dir !== 'in' || !entry.summary.startsWith('CALL BootNotification')) return;
    let frame: unknown;
    try {
      frame = JSON.parse(entry.text);
    } catch {
      return;
    }
    if (!Array.isArray(frame) || frame[0] !== 2 || frame[2] !== 'BootNotification') return;
    const payload = frame[3] as Record<string, unknown> | undefined;
    if (!payload || typeof payload !== 'object') return;
    const station = payload.chargingStation;
    const [source, fields] =
      station && typeof station === 'object' ? [station as Record<string, unknown>, FIELDS_201] : [payload, FIELDS_16];
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) this.add(this.observed[key], source[fields[key]]);
  }

  observeCase(record: CaseRecord): void {
    for (const entry of record.log) this.observe(entry);
  }
}

export function observedIdentity(cases: Iterable<CaseRecord>): ObservedIdentity {
  const observer = new IdentityObserver();
  for (const c of cases) observer.observeCase(c);
  return observer.observed;
}

/** The run identity block of results.json. */
export interface JsonIdentity {
  declared: RunIdentity['declared'] | null;
  observed: ObservedIdentity;
  harness: RunIdentity['harness'] | null;
  catalogue: RunIdentity['catalogue'] | null;
}

export function jsonIdentity(run: RunRecord): JsonIdentity {
  const id = run.start?.identity;
  return {
    declared: id?.declared ?? null,
    observed: observedIdentity(run.cases),
    harness: id?.harness ?? null,
    catalogue: id?.catalogue ?? null,
  };
}

const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : 'none');
const orNotSeen = (values: readonly string[]) => (values.length > 0 ? values.join(' | ') : 'not seen');

/** The declared identity as "name: value" pairs (console header, JUnit suite properties, HTML). */
export function declaredFacts(identity: RunIdentity | undefined): [string, string][] {
  if (!identity) return [['identity', 'not recorded (log from an older harness)']];
  const d = identity.declared;
  const t = d.timeouts;
  const deviations = Object.entries(d.deviations);
  return [
    ['sut.declared.stationId', d.stationId],
    ['sut.declared.serialNumber', d.serialNumber],
    ...(d.organization ? ([['sut.declared.organization', d.organization]] as [string, string][]) : []),
    ['securityProfiles', d.securityProfiles.join(', ')],
    ['features', list(d.features)],
    ['deviations', deviations.length > 0 ? deviations.map(([id, why]) => `${id} (${why})`).join('; ') : 'none'],
    ['strictness', d.strictness],
    [
      'timeouts',
      `message ${t.messageMs} ms, connect ${t.connectMs} ms, case ${t.caseMs} ms, silence ${t.silenceMs} ms, transaction ${t.transactionMs} ms, reconnect pause ${t.reconnectPauseMs} ms, heartbeat ${t.heartbeatIntervalS} s, boot retry ${t.bootRetryIntervalS} s`,
    ],
    ['adapter', d.adapter],
    ['harness.version', identity.harness.version],
    ['harness.gitCommit', identity.harness.gitCommit ?? 'unknown'],
    ['catalogue.sha256', identity.catalogue.sha256],
    ['catalogue.cases', String(identity.catalogue.cases)],
  ];
}

/** The observed identity as "name: value" pairs. */
export function observedFacts(o: ObservedIdentity): [string, string][] {
  return [
    ['sut.observed.vendor', orNotSeen(o.vendor)],
    ['sut.observed.model', orNotSeen(o.model)],
    ['sut.observed.serialNumber', orNotSeen(o.serialNumber)],
    ['sut.observed.firmwareVersion', orNotSeen(o.firmwareVersion)],
    ['sut.observed.tlsCertificate', orNotSeen(o.tlsSubjects)],
  ];
}

/** Every identity fact of a run, declared then observed. */
export function identityFacts(run: RunRecord): [string, string][] {
  return [...declaredFacts(run.start?.identity), ...observedFacts(observedIdentity(run.cases))];
}
