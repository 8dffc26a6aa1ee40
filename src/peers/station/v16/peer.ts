import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { ReferencePeer, StationPeerOptions } from '../../../engine/peer-contract.js';
import { ChargePoint16, type Handler16 } from './charge-point.js';
import { connect } from './connection.js';
import { perform } from './manual-actions.js';
import { onCertificateSigned, onDeleteCertificate, onGetInstalledCertificateIds, onInstallCertificate } from './blocks/certificates.js';
import { onChangeConfiguration, onGetConfiguration } from './blocks/configuration.js';
import { onClearCache, onDataTransfer } from './blocks/core.js';
import { onSignedUpdateFirmware } from './blocks/firmware.js';
import { onChangeAvailability, onRemoteStart, onRemoteStop, onUnlock } from './blocks/remote-actions.js';
import { onExtendedTrigger, onTrigger } from './blocks/remote-trigger.js';
import { onReset } from './blocks/reset.js';
import { onGetLocalListVersion, onSendLocalList } from './blocks/local-list.js';
import { onClearChargingProfile, onGetCompositeSchedule, onSetChargingProfile } from './blocks/smart-charging.js';
import { onCancelReservation, onReserveNow } from './blocks/reservation.js';
import { onGetLog, securityEvent } from './blocks/security-log.js';

/**
 * The 1.6 reference charge point: a conformant OCPP 1.6J charge point for the catalogue's
 * messages, driven by its config and own state only (one connector unless the config names a
 * higher connectorId). Central-system calls go to the block handlers below; manual actions
 * (plug in, present idTag, unplug, reboot) arrive through perform() and return as soon as they
 * are started.
 */
export class ReferenceChargePoint16 extends ChargePoint16 implements ReferencePeer {
  constructor(o: StationPeerOptions) {
    super(o);
    const dispatch: Record<string, Handler16> = {
      RemoteStartTransaction: (p) => onRemoteStart(this, p),
      RemoteStopTransaction: (p) => onRemoteStop(this, p),
      Reset: (p) => onReset(this, p),
      GetConfiguration: (p) => onGetConfiguration(this, p),
      ChangeConfiguration: (p) => onChangeConfiguration(this, p),
      UnlockConnector: (p) => onUnlock(this, p),
      ChangeAvailability: (p) => onChangeAvailability(this, p),
      ClearCache: () => onClearCache(this),
      DataTransfer: () => onDataTransfer(this),
      TriggerMessage: (p) => onTrigger(this, p),
      ExtendedTriggerMessage: (p) => onExtendedTrigger(this, p),
      CertificateSigned: (p) => onCertificateSigned(this, p),
      InstallCertificate: (p) => onInstallCertificate(this, p),
      GetInstalledCertificateIds: (p) => onGetInstalledCertificateIds(this, p),
      DeleteCertificate: (p) => onDeleteCertificate(this, p),
      GetLog: (p) => onGetLog(this, p),
      SignedUpdateFirmware: (p) => onSignedUpdateFirmware(this, p),
      ReserveNow: (p) => onReserveNow(this, p),
      GetLocalListVersion: () => onGetLocalListVersion(this),
      SendLocalList: (p) => onSendLocalList(this, p),
      CancelReservation: (p) => onCancelReservation(this, p),
      SetChargingProfile: (p) => onSetChargingProfile(this, p),
      ClearChargingProfile: (p) => onClearChargingProfile(this, p),
      GetCompositeSchedule: (p) => onGetCompositeSchedule(this, p),
    };
    for (const [action, handler] of Object.entries(dispatch)) this.handlers.set(action, handler);
  }

  async start(): Promise<void> {
    // Logged, not pushed: pushing critical events at every boot is left out (see the report).
    securityEvent(this, 'StartupOfTheDevice', undefined, false);
    await connect(this);
  }

  async perform(action: ManualAction): Promise<ActionOutcome> {
    return perform(this, action);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.heartbeatTimer = undefined;
    for (const c of this.connectors) {
      c.sampleTimer = undefined;
      if (c.authorized) c.authorized.timer = undefined;
    }
    const rpc = this.rpc;
    this.rpc = undefined;
    rpc?.close();
  }
}
