/**
 * An independent 1.6 central system on ocpp-rpc (strict schema validation). Unlike our reference
 * central system it hands out a 7 s heartbeat interval, numbers transactions from 9001, keeps an
 * idTag table of its own (from the run's config) and answers DataTransfer for unknown vendors
 * with UnknownVendorId. Operator actions (csmsSend, csmsRegisterStation) follow the vocabulary in
 * src/core/manual-actions.ts.
 */
import type { ActionOutcome, ManualAction } from '../../src/core/manual-actions.js';
import type { CsmsPeerModule, CsmsPeerOptions, ReferenceCsms } from '../../src/engine/peer-contract.js';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  IDENTITY,
  adopt,
  judgeServer,
  createRPCError,
  intOf,
  listenGuarded,
  now,
  running,
  tokenStatus,
  type Payload,
  type Rpc,
} from './common.js';
import { moreRequests16 } from './csms16-more.js';

export interface Csms16Options {
  /** Heartbeat interval handed out on Accepted (s). */
  heartbeatS?: number;
}

interface Station16 {
  client?: Rpc;
  policy: 'Accepted' | 'Pending' | 'Rejected';
  accepted: boolean;
  /** Certificate hash data the charge point reported, by type (for DeleteCertificate). */
  installed: Map<string, Payload[]>;
}

const CERT_TYPES = ['CentralSystemRootCertificate', 'ManufacturerRootCertificate'];

export function rpcCsms16(opts: Csms16Options = {}): CsmsPeerModule {
  return {
    version: '1.6',
    faults: [],
    start: (o) => startCsms16(o, opts),
  };
}

async function startCsms16(o: CsmsPeerOptions, opts: Csms16Options): Promise<ReferenceCsms> {
  const heartbeatS = opts.heartbeatS ?? 7;
  const stations = new Map<string, Station16>();
  const station = (id: string): Station16 => {
    let s = stations.get(id);
    if (!s) stations.set(id, (s = { policy: 'Accepted', accepted: false, installed: new Map() }));
    return s;
  };
  const transactions = new Map<number, { identity: string; connectorId: number; active: boolean }>();
  let nextTx = 9001;
  let nextRequest = 1;

  const { server, passwords } = judgeServer(o, 'ocpp1.6', (id) => stations.get(id)?.client);
  const replies = new Map<string, Payload>();
  server.on('client', (client: Rpc) => {
    const s = station(client.identity);
    // A reconnect is not a reboot: the boot answer holds for the station, not the connection.
    adopt(s, client);
    const gate = (action: string) => {
      // Requests before an Accepted boot are not processed (OCPP 1.6 §4.2).
      if (!s.accepted) throw createRPCError('SecurityError', `${action} before an accepted BootNotification`);
    };
    const idTagInfo = (idTag: string) => ({ status: tokenStatus(o.config, idTag) });
    client.handle('BootNotification', () => {
      s.accepted = s.policy === 'Accepted';
      const interval = s.accepted ? heartbeatS : o.config.timeouts.bootRetryIntervalS;
      return { status: s.policy, currentTime: now(), interval };
    });
    client.handle('Heartbeat', () => ({ currentTime: now() }));
    client.handle('StatusNotification', () => (gate('StatusNotification'), {}));
    client.handle('Authorize', ({ params }: Payload) => (gate('Authorize'), { idTagInfo: idTagInfo(params.idTag) }));
    client.handle('StartTransaction', ({ params, messageId }: Payload) => {
      gate('StartTransaction');
      // A retransmitted StartTransaction (same message id) gets the same answer, not a second transaction.
      const key = `${client.identity} ${messageId}`;
      const seen = replies.get(key);
      if (seen) return seen;
      const transactionId = nextTx++;
      transactions.set(transactionId, { identity: client.identity, connectorId: params.connectorId, active: true });
      const reply = { transactionId, idTagInfo: idTagInfo(params.idTag) };
      replies.set(key, reply);
      return reply;
    });
    client.handle('StopTransaction', ({ params }: Payload) => {
      gate('StopTransaction');
      const tx = transactions.get(params.transactionId);
      if (tx && tx.identity === client.identity) tx.active = false;
      return params.idTag ? { idTagInfo: idTagInfo(params.idTag) } : {};
    });
    client.handle('MeterValues', () => (gate('MeterValues'), {}));
    client.handle(
      'DataTransfer',
      ({ params }: Payload) => (gate('DataTransfer'), { status: params.vendorId === 'rpc' ? 'Accepted' : 'UnknownVendorId' }),
    );
    for (const a of ['DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'SecurityEventNotification'])
      client.handle(a, () => ({}));
    for (const a of ['LogStatusNotification', 'SignedFirmwareStatusNotification']) client.handle(a, () => ({}));
    client.handle('SignCertificate', () => ({ status: 'Rejected' }));
  });
  const http = await listenGuarded(server, o.port, o.host);
  const port = (http.address() as AddressInfo).port;

  const requests: Record<string, (d: Payload, identity: string) => Payload | string> = {
    RemoteStartTransaction: (d) => ({
      connectorId: intOf(d.connectorId) ?? o.config.ids.connectorId,
      idTag: d.idTag ?? o.config.ids.validIdToken.idToken,
    }),
    RemoteStopTransaction: (d, id) => {
      const wanted = intOf(d.transactionId);
      const tx = [...transactions.entries()]
        .reverse()
        .find(([k, t]) => t.active && t.identity === id && (wanted === undefined || k === wanted));
      return tx ? { transactionId: tx[0] } : 'no running transaction to stop';
    },
    Reset: (d) => ({ type: d.type ?? 'Soft' }),
    ChangeConfiguration: (d, id) => {
      if (d.key === 'AuthorizationKey' && passwords.required) {
        // 16 to 20 random bytes, hex-encoded (whitepaper AuthorizationKey); the hex text is the new password.
        const value = typeof d.value === 'string' ? d.value : randomBytes(18).toString('hex');
        passwords.announce(id, value);
        return { key: d.key, value };
      }
      return typeof d.value === 'string' ? { key: d.key, value: d.value } : `ChangeConfiguration ${String(d.key)} needs a value`;
    },
    GetConfiguration: (d) => (d.key === undefined ? {} : { key: Array.isArray(d.key) ? d.key : [d.key] }),
    UnlockConnector: (d) => ({ connectorId: intOf(d.connectorId) ?? o.config.ids.connectorId }),
    ChangeAvailability: (d) => ({ connectorId: intOf(d.connectorId) ?? 0, type: d.type }),
    ClearCache: () => ({}),
    TriggerMessage: (d) => ({
      requestedMessage: d.requestedMessage,
      ...(intOf(d.connectorId) !== undefined ? { connectorId: intOf(d.connectorId) } : {}),
    }),
    ExtendedTriggerMessage: (d) => ({ requestedMessage: d.requestedMessage }),
    GetInstalledCertificateIds: (d) => ({ certificateType: d.certificateType }),
    InstallCertificate: (d) => {
      if (!o.pki || !CERT_TYPES.includes(d.certificateType)) return 'no PKI or unknown certificateType';
      const pem = d.certificateType === 'ManufacturerRootCertificate' ? o.pki.artifact('manufacturer-root').certPem : o.pki.csmsRoot;
      return { certificateType: d.certificateType, certificate: pem };
    },
    DeleteCertificate: (d, id) => {
      const all = [...station(id).installed.values()].flat();
      const hit = all.find((h) => d.serialNumber === undefined || h.serialNumber === d.serialNumber);
      return hit ? { certificateHashData: hit } : 'no reported certificate to delete';
    },
    GetLog: (d) => ({
      logType: d.logType ?? 'SecurityLog',
      requestId: nextRequest++,
      log: { remoteLocation: `http://127.0.0.1:${port}/logs` },
    }),
    ...moreRequests16(o, port),
  };

  async function perform(action: ManualAction): Promise<ActionOutcome> {
    const p = action.params as Payload;
    if (action.action === 'csmsRegisterStation') {
      if (typeof p.stationId !== 'string' || !IDENTITY.test(p.stationId)) return { done: false, reason: 'invalid stationId' };
      station(p.stationId).policy = p.bootStatus ?? 'Accepted';
      return { done: true };
    }
    if (action.action !== 'csmsSend') return { done: false, reason: `the ocpp-rpc central system cannot perform "${action.action}"` };
    const identity = typeof p.stationId === 'string' ? p.stationId : o.config.stationId;
    const s = stations.get(identity);
    if (!s?.client || !s.accepted) return { done: false, reason: `charge point ${identity} is not connected and accepted` };
    const build = requests[String(p.message)];
    if (!build) return { done: false, reason: `the ocpp-rpc central system has no operator action for ${String(p.message)}` };
    const payload = build(p, identity);
    if (typeof payload === 'string') return { done: false, reason: payload };
    const client = s.client;
    const passwordChange = p.message === 'ChangeConfiguration' && payload.key === 'AuthorizationKey';
    client.call(p.message, payload).then(
      (res: Payload) => {
        if (passwordChange) passwords.settle(identity, res.status === 'Accepted');
        if (p.message === 'GetInstalledCertificateIds' && res.status === 'Accepted')
          s.installed.set(payload.certificateType, res.certificateHashData ?? []);
      },
      () => passwordChange && passwords.settle(identity, false),
    );
    return { done: true };
  }

  return running(server, http, o.host, perform);
}
