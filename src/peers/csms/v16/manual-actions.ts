import type { ActionOutcome, ManualAction } from '../../../core/manual-actions.js';
import type { CentralSystem16, OperatorRequest } from './central-system.js';
import { clearCacheRequest } from './blocks/authorization.js';
import {
  deleteCertificateRequest,
  getInstalledCertificateIdsRequest,
  installCertificateRequest,
  onCertificateIdsAnswer,
  settle,
  track,
} from './blocks/certificates.js';
import { changeConfigurationRequest, getConfigurationRequest } from './blocks/configuration.js';
import { signedUpdateFirmwareRequest } from './blocks/firmware.js';
import { changeAvailabilityRequest, remoteStartRequest, remoteStopRequest, unlockRequest } from './blocks/remote-actions.js';
import { extendedTriggerRequest, triggerMessageRequest } from './blocks/remote-trigger.js';
import { resetRequest } from './blocks/reset.js';
import { getLogRequest } from './blocks/security-log.js';
import { getDiagnosticsRequest, updateFirmwareRequest } from './blocks/firmware-management.js';
import { getLocalListVersionRequest, sendLocalListRequest } from './blocks/local-list.js';
import { cancelReservationRequest, reserveNowRequest } from './blocks/reservation.js';
import { clearChargingProfileRequest, getCompositeScheduleRequest, setChargingProfileRequest } from './blocks/smart-charging.js';
import { onSecurityKeyAnswer, onSecurityKeyFailure, securityKeyRequest } from './blocks/security-profiles.js';

/**
 * The operator of the 1.6 reference central system: csmsSend asks it to send one message to a
 * connected, accepted charge point. The request is built by the message's block; the call goes
 * out without waiting for the answer (the case answers it after the manual step returns).
 */

type Build = (cs: CentralSystem16, identity: string, d: Record<string, unknown>) => OperatorRequest;

const OPERATOR = new Map<string, Build>([
  ['RemoteStartTransaction', (cs, _id, d) => remoteStartRequest(cs, d)],
  ['RemoteStopTransaction', (cs, _id, d) => remoteStopRequest(cs, d)],
  ['Reset', (cs, _id, d) => resetRequest(cs, d)],
  ['ChangeConfiguration', (cs, id, d) => securityKeyRequest(cs, id, d) ?? changeConfigurationRequest(cs, d)],
  ['GetConfiguration', (cs, _id, d) => getConfigurationRequest(cs, d)],
  ['UnlockConnector', (cs, _id, d) => unlockRequest(cs, d)],
  ['ChangeAvailability', (_cs, _id, d) => changeAvailabilityRequest(d)],
  ['ClearCache', (cs) => clearCacheRequest(cs)],
  ['TriggerMessage', (cs, _id, d) => triggerMessageRequest(cs, d)],
  // Optional feature profiles
  ['ReserveNow', (cs, id, d) => reserveNowRequest(cs, id, d)],
  ['CancelReservation', (cs, id, d) => cancelReservationRequest(cs, id, d)],
  ['GetLocalListVersion', (cs) => getLocalListVersionRequest(cs)],
  ['SendLocalList', (cs, id, d) => sendLocalListRequest(cs, id, d)],
  ['SetChargingProfile', (cs, id, d) => setChargingProfileRequest(cs, id, d)],
  ['ClearChargingProfile', (cs, id, d) => clearChargingProfileRequest(cs, id, d)],
  ['GetCompositeSchedule', (cs, _id, d) => getCompositeScheduleRequest(cs, d)],
  ['UpdateFirmware', (cs, _id, d) => updateFirmwareRequest(cs, d)],
  ['GetDiagnostics', (cs) => getDiagnosticsRequest(cs)],
  // Security Whitepaper
  ['ExtendedTriggerMessage', (_cs, _id, d) => extendedTriggerRequest(d)],
  ['InstallCertificate', (cs, _id, d) => installCertificateRequest(cs, d)],
  ['GetInstalledCertificateIds', (_cs, _id, d) => getInstalledCertificateIdsRequest(d)],
  ['DeleteCertificate', (cs, id, d) => deleteCertificateRequest(cs, id, d)],
  ['GetLog', (cs, id, d) => getLogRequest(cs, id, d)],
  ['SignedUpdateFirmware', (cs) => signedUpdateFirmwareRequest(cs)],
]);

/** What the operator can send, for the error message (the whitepaper keys of ChangeConfiguration named apart). */
const OPERATOR_MESSAGES = [
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'Reset',
  'ChangeConfiguration',
  'GetConfiguration',
  'UnlockConnector',
  'ChangeAvailability',
  'ClearCache',
  'TriggerMessage',
  'ReserveNow',
  'CancelReservation',
  'GetLocalListVersion',
  'SendLocalList',
  'SetChargingProfile',
  'ClearChargingProfile',
  'GetCompositeSchedule',
  'UpdateFirmware',
  'GetDiagnostics',
  'ChangeConfiguration AuthorizationKey',
  'ChangeConfiguration SecurityProfile',
  'ExtendedTriggerMessage',
  'InstallCertificate',
  'GetInstalledCertificateIds',
  'DeleteCertificate',
  'GetLog',
  'SignedUpdateFirmware',
];

export async function perform(cs: CentralSystem16, action: ManualAction): Promise<ActionOutcome> {
  if (action.action !== 'csmsSend') return { done: false, reason: `the reference central system cannot perform "${action.action}"` };
  const { message, stationId, ...details } = action.params as { message?: unknown; stationId?: unknown } & Record<string, unknown>;
  if (typeof message !== 'string') return { done: false, reason: 'csmsSend needs "message", the OCPP action to send' };
  const identity = typeof stationId === 'string' ? stationId : cs.o.config.stationId;
  const s = cs.sessions.get(identity);
  if (!s || s.rpc.closed) return { done: false, reason: `charge point "${identity}" is not connected` };
  if (!cs.accepted.has(identity)) return { done: false, reason: `charge point "${identity}" has not been accepted by a BootNotification` };
  await settle(cs, identity, message, cs.o.config.timeouts.messageMs);
  const build = OPERATOR.get(message);
  const req = build
    ? build(cs, identity, details)
    : { error: `the reference central system has no operator action for "${message}" (it supports ${OPERATOR_MESSAGES.join(', ')})` };
  if ('error' in req) return { done: false, reason: req.error };
  if ('skip' in req) return { done: true };
  const shown = req.secret ? { ...req.payload, value: '***' } : req.payload;
  cs.log(`operator: sending ${message} ${JSON.stringify(shown)}`);
  // Fire and forget: the case answers the call after the manual step returns.
  const sent = s.rpc.call(message, req.payload);
  track(cs, identity, message, sent);
  sent.then(
    (res) => {
      cs.log(`${message} answered ${JSON.stringify(res)}`);
      onSecurityKeyAnswer(cs, identity, message, req.payload, res);
      onCertificateIdsAnswer(cs, identity, message, req.payload, res);
      // A response that violates its schema is logged and otherwise ignored.
      if (!cs.o.validator.validate(message, 'response', res).valid) {
        cs.log(`${message} response violates its schema`);
        if (cs.faults.has('cs-crash-on-malformed-callresult')) s.rpc.ws.terminate();
      }
    },
    (err: Error) => {
      cs.log(`${message} failed: ${err.message}`);
      onSecurityKeyFailure(cs, identity, message, req.payload);
    },
  );
  return { done: true };
}
