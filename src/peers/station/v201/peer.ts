import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { StationPeerOptions } from '../../../engine/peer-contract.js';
import { subprotocolOf } from '../../../core/versions.js';
import { ActiveFaults } from '../../faults.js';
import type { Payload, RpcPeer } from '../../rpc.js';
import type { Station2Delta } from './delta.js';
import { StationState, type IdToken, type Station2Version, type StationHandler, type Tx } from './state.js';
import { connect } from './connection.js';
import { perform } from './manual-actions.js';
import { clearCache, txResponse } from './blocks/authorization.js';
import { availabilityAfterReboot, changeAvailability } from './blocks/availability.js';
import { deleteCertificate, getInstalledCertificateIds, installCertificate } from './blocks/certificates.js';
import { getLog } from './blocks/diagnostics.js';
import { updateFirmware } from './blocks/firmware.js';
import { inspect } from './blocks/frame-handling.js';
import { stopCharging } from './blocks/meter-values.js';
import { boot, getVariables, reset, setVariables } from './blocks/provisioning.js';
import { requestStart, requestStop, triggerMessage, unlockConnector } from './blocks/remote-control.js';
import { applyNetworkPriority, certificateSigned, deliverEvents, securityEvent, setNetworkProfile } from './blocks/security.js';
import { LMNP_HANDLERS, refusingCustomData } from './handlers-lmnp.js';
import { getBaseReport } from './blocks/reports.js';
import { backOnline, watchConnection } from './blocks/offline-status.js';
import { deliverTxEvent, getTransactionStatus, resumeTxQueue } from './blocks/tx-offline.js';

/** The CSMS calls the 2.0.1 family answers, by action, each handled in its block. */
const FAMILY_HANDLERS: Readonly<Record<string, StationHandler>> = {
  GetVariables: getVariables,
  SetVariables: setVariables,
  GetBaseReport: getBaseReport,
  Reset: reset,
  RequestStartTransaction: requestStart,
  RequestStopTransaction: requestStop,
  ChangeAvailability: changeAvailability,
  TriggerMessage: triggerMessage,
  UnlockConnector: unlockConnector,
  GetTransactionStatus: getTransactionStatus,
  GetLog: getLog,
  UpdateFirmware: updateFirmware,
  InstallCertificate: installCertificate,
  GetInstalledCertificateIds: getInstalledCertificateIds,
  DeleteCertificate: deleteCertificate,
  CertificateSigned: certificateSigned,
  SetNetworkProfile: setNetworkProfile,
  ClearCache: clearCache,
  ...LMNP_HANDLERS,
};

/**
 * The 2.0.1-family reference charging station: one EVSE with one connector (ids from the
 * config), TxStartPoint/TxStopPoint PowerPathClosed, driven by its config, its device model and
 * its own state only. Manual actions (plug in, unplug, present token, reboot, tamper,
 * maintenance login) arrive via perform(). A version delta adds or replaces handlers.
 */
export class ReferenceStation2 extends StationState {
  readonly handlers: Readonly<Record<string, StationHandler>>;

  constructor(o: StationPeerOptions, version: Station2Version, delta: Station2Delta = {}) {
    super(o, { version, subprotocol: delta.subprotocol ?? subprotocolOf(version), bootPayload: delta.bootPayload ?? ((p) => p) });
    const faults = new ActiveFaults<string>(o.faults);
    const changed = Object.entries(delta.handlers ?? {}).map(([action, h]): [string, StationHandler] => {
      const base = FAMILY_HANDLERS[action];
      return [action, (st, p, rpc) => h(st, p, { rpc, faults, base })];
    });
    this.handlers = refusingCustomData({ ...FAMILY_HANDLERS, ...Object.fromEntries(changed) });
  }

  async start(): Promise<void> {
    securityEvent(this, 'StartupOfTheDevice', 'powered up');
    await connect(this);
  }

  attach(rpc: RpcPeer): void {
    for (const [action, handler] of Object.entries(this.handlers)) rpc.handle(action, (p) => handler(this, p, rpc));
    rpc.intercept((text, isBinary) => inspect(this, rpc, text, isBinary));
    watchConnection(this, rpc);
  }

  onConnected(rpc: RpcPeer): void {
    const running = this.everAccepted && this.bootState === 'accepted';
    backOnline(this, running);
    if (running) {
      // Connection lost without a reboot: a station that was accepted does not boot again.
      void deliverEvents(this);
      resumeTxQueue(this);
      return;
    }
    void boot(this, rpc, this.bootReason).then(() => resumeTxQueue(this));
  }

  reboot(reason: string): void {
    this.stopActivity();
    if (this.tx) {
      stopCharging(this);
      this.lostTx = reason === 'PowerUp' ? this.tx : undefined;
      this.tx = undefined;
    }
    this.resetScheduled = false;
    availabilityAfterReboot(this);
    if (reason === 'RemoteReset' && this.faults.has('reset-clears-unavailable'))
      Object.assign(this.operative, { station: true, evse: true, connector: true });
    if (this.faults.has('cache-lost-on-reboot')) this.authCache.clear();
    this.bootState = 'offline';
    this.bootReason = reason;
    this.reportedStatus = undefined;
    const rpc = this.rpc;
    this.rpc = undefined;
    if (rpc) {
      this.closing.add(rpc);
      rpc.close(1000);
    }
    this.backoff.reset();
    applyNetworkPriority(this);
    securityEvent(
      this,
      reason === 'RemoteReset' ? 'ResetOrReboot' : 'StartupOfTheDevice',
      reason === 'RemoteReset' ? 'reset requested by the CSMS' : 'power cycle',
    );
    this.later(100, () => void connect(this));
  }

  deliverTx(payload: Payload): Promise<Payload | undefined> {
    return deliverTxEvent(this, payload);
  }

  onTxResponse(tx: Tx, idToken: IdToken, res: Payload): void {
    txResponse(this, tx, idToken, res);
  }

  perform(action: ManualAction): Promise<ActionOutcome> {
    return perform(this, action);
  }
}
