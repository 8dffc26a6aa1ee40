import { defineRequirements } from './sources.js';

const I = 'inferred' as const;

/**
 * OCPP 2.0.1 block B (provisioning) requirements the station-side cases of issue 15 add: device
 * model answers for unknown or unsupported entries (B05, B06), unsupported base reports (B07),
 * EVSE resets (B11, B12) and the idle station's offline behaviour (B04). The numbering follows
 * public implementation audits of Part 2 Ed. 3; each is marked inferred until checked against
 * the primary text.
 */
export const OCPP201_PROVISIONING = defineRequirements('OCPP201', [
  ['B04.FR.01', 'MUST', 'Back online after more than OfflineThreshold seconds, the station reports the status of every connector.', I],
  [
    'B04.FR.02',
    'MUST',
    'Back online within OfflineThreshold seconds, the station reports only the connectors whose status changed while it was offline.',
    I,
  ],
  ['B05.FR.04', 'MUST', 'SetVariables for a component the station does not have is answered UnknownComponent for that entry.', I],
  ['B05.FR.06', 'MUST', 'SetVariables for an attribute type the variable does not support is answered NotSupportedAttributeType.', I],
  [
    'B05.FR.07',
    'MUST',
    'SetVariables with a value that does not fit the variable (its data type, format or allowed values) is answered Rejected, and the value is not applied.',
    I,
  ],
  ['B05.FR.08', 'MUST', 'SetVariables for a read-only variable is answered Rejected.', I],
  ['B06.FR.06', 'MUST', 'GetVariables for a component the station does not have is answered UnknownComponent, without a value.', I],
  ['B06.FR.07', 'MUST', 'GetVariables for a variable the (known) component does not have is answered UnknownVariable, without a value.', I],
  [
    'B06.FR.08',
    'MUST',
    'GetVariables for an attribute type the variable does not support is answered NotSupportedAttributeType, without a value.',
    I,
  ],
  [
    'B07.FR.12',
    'MUST',
    'A station asked for a base report it does not support (e.g. the optional SummaryInventory) answers NotSupported and sends no report for it.',
    I,
  ],
  ['B09.FR.02', 'MUST', 'SetNetworkProfile for a configuration slot the station does not have is answered Rejected.', I],
  [
    'B10.FR.01',
    'MUST',
    'After a reboot the station connects with the connection profile of the first slot in NetworkConfigurationPriority (its URL and security profile); the CSMS changes that order with SetVariables.',
    I,
  ],
  [
    'B11.FR.08',
    'MUST',
    'A station that resets one idle EVSE on request makes that EVSE unavailable during the reset and reports it available again afterwards, without a reboot of the station.',
    I,
  ],
  ['B11.FR.09', 'MUST', 'A Reset naming an EVSE affects that EVSE only: the station stays connected and does not register again.', I],
  [
    'B12.FR.07',
    'MUST',
    'Reset OnIdle of an EVSE with a running transaction is answered Scheduled; the EVSE is reset once that transaction has ended.',
    I,
  ],
  [
    'B12.FR.08',
    'MUST',
    'Reset Immediate of an EVSE with a running transaction is answered Accepted; the station ends the transaction with stoppedReason ImmediateReset and resets the EVSE.',
    I,
  ],
]);
