import { defineFaults } from '../../faults.js';

/**
 * Faults of the 2.0.1 reference station's provisioning (block B: device model answers, base
 * reports, EVSE resets, reset and offline behaviour; blocks/provisioning.ts, evse-reset.ts,
 * reports.ts): each breaks one behaviour.
 */
export const STATION_201_PROVISIONING_FAULTS = defineFaults({
  'getvar-unknown-variable-misreported': {
    block: 'B',
    description: 'GetVariables reports a variable the known component does not have as UnknownComponent',
  },
  'getvar-attribute-type-ignored': {
    block: 'B',
    description: 'GetVariables for an attribute type the variable does not have (e.g. Target) returns the Actual value as Accepted',
  },
  'setvar-unknown-component-misreported': {
    block: 'B',
    description: 'SetVariables reports a component the station does not have as UnknownVariable',
  },
  'setvar-unknown-variable-misreported': {
    block: 'B',
    description: 'SetVariables answers a variable the known component does not have with Rejected instead of UnknownVariable',
  },
  'setvar-attribute-type-ignored': {
    block: 'B',
    description: 'SetVariables for an attribute type the variable does not have (e.g. MaxSet) writes the Actual value and answers Accepted',
  },
  'setvar-invalid-format-accepted': {
    block: 'B',
    description: 'SetVariables with a value of the wrong format (text for an integer) answers Accepted, although the value is not applied',
  },
  'base-report-unsupported-rejected': {
    block: 'B',
    description: 'GetBaseReport for a report the station does not support (SummaryInventory) answers Rejected instead of NotSupported',
  },
  'reset-clears-unavailable': {
    block: 'B',
    description: 'a Reset requested by the CSMS makes the station operative again, although it had been set Inoperative',
  },
  'evse-reset-reboots-station': {
    block: 'B',
    description: 'Reset of one idle EVSE reboots the whole station (it registers again) instead of resetting that EVSE only',
  },
  'evse-reset-onidle-immediate': {
    block: 'B',
    description: 'Reset OnIdle of an EVSE with a running transaction is answered Accepted and ends the transaction at once',
  },
  'evse-reset-immediate-no-tx-end': {
    block: 'B',
    description: 'Reset Immediate of an EVSE with a running transaction resets the EVSE without sending TransactionEvent Ended',
  },
  'offline-long-reports-changed-only': {
    block: 'B',
    description: 'back online after more than OfflineThreshold, the station reports only the connectors whose status changed offline',
  },
  'offline-short-change-unreported': {
    block: 'B',
    description: 'back online within OfflineThreshold, the station does not report a connector status that changed while it was offline',
  },
  'lost-connection-not-restored': {
    block: 'B',
    description: 'after the CSMS side dropped the connection, the station never connects again (until rebooted)',
  },
  'network-profile-any-slot': {
    block: 'B',
    description: 'SetNetworkProfile is Accepted for any configuration slot number, even one the station does not have (999)',
  },
  'network-profile-url-ignored': {
    block: 'B',
    description:
      'after a reset the station takes the security profile of the first NetworkConfigurationPriority slot but keeps dialling its old URL',
  },
});
