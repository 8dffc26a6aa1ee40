import type { OcppVersion } from '../core/versions.js';

/**
 * Standard security event names, exactly as each version spells them (cases check names
 * case-sensitively for the negotiated version). Critical events are pushed with
 * SecurityEventNotification and queued while offline; the others only go to the security log.
 */
export const SECURITY_EVENTS_201 = {
  critical: [
    'FirmwareUpdated',
    'SettingSystemTime',
    'StartupOfTheDevice',
    'ResetOrReboot',
    'SecurityLogWasCleared',
    'MemoryExhaustion',
    'TamperDetectionActivated',
  ],
  logged: [
    'FailedToAuthenticateAtCsms',
    'CsmsFailedToAuthenticate',
    'ReconfigurationOfSecurityParameters',
    'InvalidMessages',
    'AttemptedReplayAttacks',
    'InvalidFirmwareSignature',
    'InvalidFirmwareSigningCertificate',
    'InvalidCsmsCertificate',
    'InvalidChargingStationCertificate',
    'InvalidTLSVersion',
    'InvalidTLSCipherSuite',
  ],
  /** Added by 2.0.1 and its errata; not rated critical or not in the sources at hand. */
  additions: ['MaintenanceLoginAccepted', 'MaintenanceLoginFailed', 'DiscardedRenewedClientCertificate'],
} as const;

/** 2.0.1 names whose 1.6 Security Whitepaper spelling differs: 2.0.1 name -> 1.6 name. */
export const RENAMED_SINCE_16: Readonly<Record<string, string>> = {
  FailedToAuthenticateAtCsms: 'FailedToAuthenticationAtCentralSystem',
  CsmsFailedToAuthenticate: 'CentralSystemFailedToAuthentication',
  InvalidCsmsCertificate: 'InvalidCentralSystemCertificate',
  InvalidChargingStationCertificate: 'InvalidChargePointCertificate',
};

/** Every standard 2.0.1 security event name. */
export const SECURITY_EVENT_NAMES_201: readonly string[] = [
  ...SECURITY_EVENTS_201.critical,
  ...SECURITY_EVENTS_201.logged,
  ...SECURITY_EVENTS_201.additions,
];

/** Every standard name of the version (1.6: the whitepaper's spellings). */
export function securityEventNames(version: OcppVersion): readonly string[] {
  if (version !== '1.6') return SECURITY_EVENT_NAMES_201;
  return [...SECURITY_EVENTS_201.critical, ...SECURITY_EVENTS_201.logged].map((n) => RENAMED_SINCE_16[n] ?? n);
}
