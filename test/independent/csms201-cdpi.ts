/**
 * What the independent 2.0.1 CSMS (csms201.ts) knows of blocks C, D, I and P, written unlike our
 * reference CSMS on purpose: it hands out groups from the config (first and second valid token in
 * one group, the master pass in MasterPassGroupId) with a cache expiry, judges ISO 15118 contract
 * data from the config (the revoked contract is Invalid / CertificateRevoked), gives the running
 * cost as totalCost in the TransactionEventResponse (never CostUpdated: I02.FR.01 allows either),
 * asks GetLocalListVersion before its first local list to a station, and numbers lists from 100.
 */
import type { SutConfig } from '../../src/core/config.js';
import { tokenStatus, type Payload, type Rpc } from './common.js';

type Token = { idToken?: string; type?: string } | undefined;
type ListState = { reported?: number; sent: number };

export function cdpiJudge(config: SutConfig) {
  const ids = config.ids;
  const is = (t: Token, c: { idToken: string; type: string }) => t?.idToken === c.idToken && t?.type === c.type;
  /** Wh of the energy register per transaction: first and last reading. */
  const energy = new Map<string, { first?: number; last?: number }>();
  /** Per station: the version the station reported and the last the judge sent. */
  const lists = new Map<string, ListState>();
  const listOf = (id: string) => {
    const l = lists.get(id) ?? { sent: 99 };
    lists.set(id, l);
    return l;
  };

  function idTokenInfo(token: Token): Payload {
    const grouped = is(token, ids.validIdToken) || is(token, ids.validIdToken2);
    const master = is(token, ids.masterPassIdToken);
    const contract = is(token, ids.contractIdToken) || is(token, ids.revokedContractIdToken);
    const status = grouped || master || contract ? 'Accepted' : tokenStatus(config, String(token?.idToken ?? ''));
    if (status !== 'Accepted') return { status };
    const group = master ? { idToken: ids.masterPassGroupId, type: 'Central' } : grouped ? ids.groupIdToken : undefined;
    return { status, cacheExpiryDateTime: new Date(Date.now() + 3600_000).toISOString(), ...(group ? { groupIdToken: group } : {}) };
  }

  function authorize(params: Payload): Payload {
    const info = idTokenInfo(params.idToken);
    if (params.certificate === undefined && !params.iso15118CertificateHashData?.length) return { idTokenInfo: info };
    if (is(params.idToken, ids.revokedContractIdToken))
      return { idTokenInfo: { status: 'Invalid' }, certificateStatus: 'CertificateRevoked' };
    return { idTokenInfo: info, certificateStatus: info.status === 'Accepted' ? 'Accepted' : 'NoCertificateAvailable' };
  }

  /** totalCost (0.25 per kWh) on periodic meter values and on the Ended event. */
  function transactionAnswer(params: Payload, answer: Payload): Payload {
    const id = String(params.transactionInfo.transactionId);
    const e = energy.get(id) ?? {};
    energy.set(id, e);
    for (const mv of params.meterValue ?? [])
      for (const sv of mv.sampledValue ?? [])
        if ((sv.measurand ?? 'Energy.Active.Import.Register') === 'Energy.Active.Import.Register') {
          e.first ??= sv.value;
          e.last = sv.value;
        }
    const due = params.eventType === 'Ended' || params.triggerReason === 'MeterValuePeriodic';
    return due ? { ...answer, totalCost: Math.round(((e.last ?? 0) - (e.first ?? 0)) * 0.025) / 100 } : answer;
  }

  function localList(d: Payload, l: ListState): Payload {
    const versionNumber = Math.max(l.sent, l.reported ?? 0) + 1;
    l.sent = versionNumber;
    const tokens: { idToken: string; type: string }[] = Array.isArray(d.idTokens)
      ? d.idTokens
      : d.updateType === 'Differential'
        ? [ids.validIdToken2]
        : [ids.validIdToken, ids.validIdToken2, ids.blockedIdToken];
    const list = tokens.map((t) => ({
      idToken: { idToken: t.idToken, type: t.type },
      ...(d.remove ? {} : { idTokenInfo: idTokenInfo(t) }),
    }));
    return {
      versionNumber,
      updateType: d.updateType === 'Differential' ? 'Differential' : 'Full',
      ...(list.length ? { localAuthorizationList: list } : {}),
    };
  }

  /** SendLocalList, preceded by GetLocalListVersion when the station's version is not known yet. */
  async function sendLocalList(client: Rpc, d: Payload, identity: string): Promise<void> {
    const l = listOf(identity);
    if (l.reported === undefined) {
      const res = await client.call('GetLocalListVersion', {});
      l.reported = res.versionNumber;
    }
    await client.call('SendLocalList', localList(d, l));
  }

  const requests: Record<string, (d: Payload) => Payload | string> = {
    GetLocalListVersion: () => ({}),
  };

  function onResponse(identity: string, message: string, res: Payload): void {
    if (message === 'GetLocalListVersion' && typeof res.versionNumber === 'number') listOf(identity).reported = res.versionNumber;
  }

  return { idTokenInfo, authorize, transactionAnswer, requests, onResponse, sendLocalList };
}
