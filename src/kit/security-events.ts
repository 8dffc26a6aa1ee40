import { RENAMED_SINCE_16, SECURITY_EVENTS_201, SECURITY_EVENT_NAMES_201 } from '../protocol/security-events.js';

export { securityEventNames } from '../protocol/security-events.js';

/** Security event names: the 2.0.1 critical ones, all standard ones, and the 1.6 spellings 2.0.1 renamed. */

/** Security event types of 2.0.1 that are critical: pushed with SecurityEventNotification (A04.FR.01). */
export const CRITICAL_SECURITY_EVENTS_201 = SECURITY_EVENTS_201.critical;

/** Every standard 2.0.1 security event type (critical, logged, and the 2.0.1 additions). */
export const ALL_SECURITY_EVENTS_201 = SECURITY_EVENT_NAMES_201;

/** 1.6 Security Whitepaper spellings that 2.0.1 renamed; on a 2.0.1 station they are wrong. */
export const SECURITY_EVENTS_16_ONLY = Object.values(RENAMED_SINCE_16);
