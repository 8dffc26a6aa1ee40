/**
 * An independent 2.0.1 CSMS on ocpp-rpc (strict schema validation). Unlike our reference CSMS it
 * hands out a 9 s heartbeat interval, gives tokens a cacheExpiryDateTime and a groupIdToken,
 * answers TransactionEvent Started/Updated with idTokenInfo only when an idToken is present,
 * and accepts unknown stations. Operator actions (csmsSend, csmsRegisterStation) follow the
 * vocabulary in src/core/manual-actions.ts.
 */
import { randomBytes } from 'node:crypto';
import type { ActionOutcome, ManualAction } from '../../src/core/manual-actions.js';
import type { CsmsPeerModule, CsmsPeerOptions, ReferenceCsms } from '../../src/engine/peer-contract.js';
import { hlHandlers, hlRequests } from './csms201-hl.js';
import { cdpiJudge } from './csms201-cdpi.js';
import { IDENTITY, adopt, judgeServer, createRPCError, intOf, listenGuarded, now, running, type Payload, type Rpc } from './common.js';
import { INBOUND_NO, REQUESTS_NO, performNo } from './csms201-no.js';
import { handleSmartCharging201, remoteStartProfile201, smartChargingRequests201 } from './csms201-k.js';
import { gapRequests } from './csms201-gaps.js';

interface Station201 {
  identity: string;
  client?: Rpc;
  policy: 'Accepted' | 'Pending' | 'Rejected';
  accepted: boolean;
  /** Hash data the station reported per certificate type (for DeleteCertificate). */
  certs: { certificateType: string; certificateHashData: Payload }[];
  transactions: Map<string, { evseId?: number; active: boolean; seqNos: Set<number> }>;
}

const ROOTS: Record<string, string> = { CSMSRootCertificate: 'csms-root', ManufacturerRootCertificate: 'manufacturer-root' };

export function rpcCsms201(): CsmsPeerModule {
  return { version: '2.0.1', faults: [], start: (o) => startCsms201(o) };
}

const defined = (o: Payload): Payload => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

async function startCsms201(o: CsmsPeerOptions): Promise<ReferenceCsms> {
  const stations = new Map<string, Station201>();
  const station = (id: string): Station201 => {
    let s = stations.get(id);
    if (!s) stations.set(id, (s = { identity: id, policy: 'Accepted', accepted: false, certs: [], transactions: new Map() }));
    return s;
  };
  let nextRequest = 100;
  const cdpi = cdpiJudge(o.config);
  const idTokenInfo = (token: Payload | undefined) => cdpi.idTokenInfo(token);

  const { server, passwords } = judgeServer(o, 'ocpp2.0.1', (id) => stations.get(id)?.client);
  server.on('client', (client: Rpc) => {
    const s = station(client.identity);
    // A reconnect is not a reboot: the boot answer holds for the station, not the connection.
    adopt(s, client);
    const gate = (action: string) => {
      // B02.FR.09 / B03.FR.07: no requests processed before an accepted boot.
      if (!s.accepted) throw createRPCError('SecurityError', `${action} before an accepted BootNotification`);
    };
    client.handle('BootNotification', () => {
      s.accepted = s.policy === 'Accepted';
      return { status: s.policy, currentTime: now(), interval: s.accepted ? 9 : o.config.timeouts.bootRetryIntervalS };
    });
    client.handle('Heartbeat', () => (gate('Heartbeat'), { currentTime: now() }));
    client.handle('StatusNotification', () => (gate('StatusNotification'), {}));
    client.handle('Authorize', ({ params }: Payload) => (gate('Authorize'), cdpi.authorize(params)));
    client.handle('TransactionEvent', ({ params }: Payload) => {
      gate('TransactionEvent');
      const id = String(params.transactionInfo.transactionId);
      let tx = s.transactions.get(id);
      if (!tx) s.transactions.set(id, (tx = { evseId: params.evse?.id, active: true, seqNos: new Set() }));
      tx.seqNos.add(params.seqNo);
      if (params.evse?.id !== undefined) tx.evseId = params.evse.id;
      if (params.eventType === 'Ended') tx.active = false;
      return cdpi.transactionAnswer(params, params.idToken ? { idTokenInfo: idTokenInfo(params.idToken) } : {});
    });
    for (const a of ['MeterValues', 'NotifyReport', 'NotifyEvent', 'SecurityEventNotification', 'LogStatusNotification']) {
      client.handle(a, () => (gate(a), {}));
    }
    for (const a of [
      'FirmwareStatusNotification',
      'NotifyMonitoringReport',
      'NotifyChargingLimit',
      'NotifyCustomerInformation',
      ...INBOUND_NO,
    ]) {
      client.handle(a, () => (gate(a), {}));
    }
    client.handle('DataTransfer', () => (gate('DataTransfer'), { status: 'UnknownVendorId' }));
    client.handle('SignCertificate', () => (gate('SignCertificate'), { status: 'Rejected' }));
    client.handle('Get15118EVCertificate', () => ({ status: 'Failed', exiResponse: '' }));
    hlHandlers(client, gate);
    handleSmartCharging201(client, s, gate);
  });
  const http = await listenGuarded(server, o.port, o.host);

  const variable = (v: Payload) =>
    defined({
      component: defined({ name: v.component, evse: v.evseId !== undefined ? { id: v.evseId } : undefined }),
      variable: { name: v.variable },
      attributeType: v.attributeType,
    });
  const requests: Record<string, (d: Payload, s: Station201) => Payload | string> = {
    ...hlRequests(o, () => nextRequest++),
    ...REQUESTS_NO,
    GetVariables: (d) => ({ getVariableData: (d.variables ?? [d]).map(variable) }),
    SetVariables: (d, s) => {
      const list: Payload[] = (d.variables ?? [d]).map((v: Payload) => {
        if (v.variable !== 'BasicAuthPassword' || v.value !== undefined || !passwords.required) return v;
        // A00.FR.205: 16 to 40 characters of the allowed set; the judge picks 24 alphanumerics.
        const value = randomBytes(18)
          .toString('base64')
          .replace(/[^A-Za-z0-9]/g, 'x')
          .slice(0, 24);
        passwords.announce(s.identity, value);
        return { ...v, value };
      });
      if (list.some((v) => v.value === undefined)) return 'SetVariables needs a value for each variable';
      return { setVariableData: list.map((v) => ({ ...variable(v), attributeValue: String(v.value) })) };
    },
    GetBaseReport: (d) => ({ requestId: nextRequest++, reportBase: d.reportBase ?? 'FullInventory' }),
    Reset: (d) => defined({ type: d.type ?? 'OnIdle', evseId: d.evseId }),
    RequestStartTransaction: (d) =>
      defined({
        idToken: d.idToken ?? o.config.ids.validIdToken,
        evseId: d.evseId,
        remoteStartId: nextRequest++,
        chargingProfile: d.chargingProfile ? remoteStartProfile201(d.chargingProfile) : undefined,
      }),
    RequestStopTransaction: (d, s) => {
      const id = d.transactionId ?? [...s.transactions.entries()].reverse().find(([, t]) => t.active)?.[0];
      return id ? { transactionId: String(id) } : 'no running transaction to stop';
    },
    GetTransactionStatus: (d) => defined({ transactionId: d.transactionId }),
    UnlockConnector: (d) => ({
      evseId: intOf(d.evseId) ?? o.config.ids.evseId,
      connectorId: intOf(d.connectorId) ?? o.config.ids.connectorId,
    }),
    ChangeAvailability: (d) =>
      defined({
        operationalStatus: d.operationalStatus,
        evse: d.evseId !== undefined ? defined({ id: d.evseId, connectorId: d.connectorId }) : undefined,
      }),
    TriggerMessage: (d) => defined({ requestedMessage: d.requestedMessage, evse: d.evseId !== undefined ? { id: d.evseId } : undefined }),
    ClearCache: () => ({}),
    ...cdpi.requests,
    InstallCertificate: (d) => {
      const artifact = ROOTS[d.certificateType ?? 'CSMSRootCertificate'];
      if (!o.pki || !artifact) return 'no PKI or no such root';
      return { certificateType: d.certificateType ?? 'CSMSRootCertificate', certificate: o.pki.artifact(artifact).certPem };
    },
    GetInstalledCertificateIds: (d) =>
      d.certificateType === undefined
        ? {}
        : { certificateType: Array.isArray(d.certificateType) ? d.certificateType : [d.certificateType] },
    ...smartChargingRequests201(o, () => nextRequest++),
    DeleteCertificate: (d, s) => {
      const type = d.certificateType ?? 'ManufacturerRootCertificate';
      const hit = s.certs.find((c) => c.certificateType === type);
      return hit
        ? { certificateHashData: hit.certificateHashData }
        : `no ${type} reported by the station: ask GetInstalledCertificateIds first`;
    },
    ...gapRequests(o),
  };

  function perform(action: ManualAction): Promise<ActionOutcome> {
    const p = action.params as Payload;
    if (action.action === 'csmsRegisterStation') {
      if (typeof p.stationId !== 'string' || !IDENTITY.test(p.stationId))
        return Promise.resolve({ done: false, reason: 'invalid stationId' });
      station(p.stationId).policy = p.bootStatus ?? 'Accepted';
      return Promise.resolve({ done: true });
    }
    if (action.action !== 'csmsSend')
      return Promise.resolve({ done: false, reason: `the ocpp-rpc CSMS cannot perform "${action.action}"` });
    const identity = typeof p.stationId === 'string' ? p.stationId : o.config.stationId;
    const s = stations.get(identity);
    // A station held Pending may be asked for a new BootNotification (B02, F06).
    const bootTrigger = p.message === 'TriggerMessage' && p.requestedMessage === 'BootNotification';
    if (!s?.client || (!s.accepted && !bootTrigger))
      return Promise.resolve({ done: false, reason: `station ${identity} is not connected and accepted` });
    if (p.message === 'SendLocalList')
      return (cdpi.sendLocalList(s.client, p, identity).catch(() => undefined), Promise.resolve({ done: true }));
    const own = performNo(p, s.client);
    if (own) return own;
    const build = requests[String(p.message)];
    if (!build) return Promise.resolve({ done: false, reason: `the ocpp-rpc CSMS has no operator action for ${String(p.message)}` });
    const payload = build(p, s);
    if (typeof payload === 'string') return Promise.resolve({ done: false, reason: payload });
    const passwordChange =
      p.message === 'SetVariables' && payload.setVariableData.some((v: Payload) => v.variable.name === 'BasicAuthPassword');
    s.client.call(p.message, payload).then(
      (res: Payload) => {
        cdpi.onResponse(identity, String(p.message), res);
        if (passwordChange)
          passwords.settle(
            identity,
            res.setVariableResult?.some((r: Payload) => r.variable.name === 'BasicAuthPassword' && r.attributeStatus === 'Accepted'),
          );
        if (p.message !== 'GetInstalledCertificateIds') return;
        for (const c of res.certificateHashDataChain ?? [])
          s.certs.push({ certificateType: c.certificateType, certificateHashData: c.certificateHashData });
      },
      () => passwordChange && passwords.settle(identity, false),
    );
    return Promise.resolve({ done: true });
  }

  return running(server, http, o.host, perform);
}
