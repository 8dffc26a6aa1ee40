import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 1.6 requirements of the second batch of charge-point (`_CS`) cases of issue 16: connector
 * hardware faults (lock failures) and offline behaviour. Our words; the section numbers could not
 * be checked against the primary text, hence inferred.
 */
export const OCPP16_CS_REST2 = defineRequirements('OCPP16', [
  [
    'OCPP16-7.6',
    'MUST',
    'When the connector lock fails to lock the plugged-in cable, the charge point reports the connector Faulted with errorCode ConnectorLockFailure and starts no transaction on it.',
    I,
  ],
  [
    'OCPP16-3.6',
    'MUST',
    'Transaction messages (StartTransaction, StopTransaction, transaction MeterValues) that arise while offline are kept and delivered in order once connected again.',
    I,
  ],
]);
