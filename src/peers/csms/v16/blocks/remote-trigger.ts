import type { Payload } from '../../../rpc.js';
import { intParam, type CentralSystem16, type OperatorRequest } from '../central-system.js';

/**
 * Remote trigger in the 1.6 reference central system (section RemoteTrigger): the operator's
 * TriggerMessage, and the whitepaper's ExtendedTriggerMessage.
 */

const TRIGGERABLE = [
  'BootNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StatusNotification',
];
const EXTENDED_TRIGGERS = [
  'BootNotification',
  'LogStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'SignChargePointCertificate',
  'StatusNotification',
];

export function triggerMessageRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  const requested = d.requestedMessage;
  if (typeof requested !== 'string' || !TRIGGERABLE.includes(requested))
    return { error: `TriggerMessage needs requestedMessage, one of ${TRIGGERABLE.join(', ')}` };
  const requestedMessage = cs.faults.has('trigger-wrong-message')
    ? requested === 'Heartbeat'
      ? 'StatusNotification'
      : 'Heartbeat'
    : requested;
  const payload: Payload = { requestedMessage };
  const connectorId = intParam(d.connectorId);
  if (connectorId !== undefined) payload.connectorId = connectorId;
  return { payload };
}

export function extendedTriggerRequest(d: Record<string, unknown>): OperatorRequest {
  const requestedMessage = typeof d.requestedMessage === 'string' && d.requestedMessage !== '' ? d.requestedMessage : undefined;
  if (!requestedMessage || !EXTENDED_TRIGGERS.includes(requestedMessage))
    return { error: `ExtendedTriggerMessage needs requestedMessage, one of ${EXTENDED_TRIGGERS.join(', ')}` };
  const payload: Payload = { requestedMessage };
  if (typeof d.connectorId === 'number' && Number.isInteger(d.connectorId)) payload.connectorId = d.connectorId;
  return { payload };
}
