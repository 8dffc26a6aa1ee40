/**
 * Payload types per OCPP version, generated from the OCA schemas (v16.ts, v201.ts, v21.ts; see
 * scripts/gen-payload-types.mjs). Lookups by version and action, for typed endpoints:
 * `RequestOf<'2.0.1', 'BootNotification'>` is the 2.0.1 BootNotificationRequest.
 */
import type { OcppVersion } from '../../core/versions.js';
import type { V16Payloads } from './v16.js';
import type { V201Payloads } from './v201.js';
import type { V21Payloads } from './v21.js';

export type { V16Payloads, V16Action } from './v16.js';
export type { V201Payloads, V201Action } from './v201.js';
export type { V21Payloads, V21Action } from './v21.js';

/** Each version's map { [Action]: { request; response } }. */
export interface PayloadsByVersion {
  '1.6': V16Payloads;
  '2.0.1': V201Payloads;
  '2.1': V21Payloads;
}

/** A map of actions to their request and response payloads (one version's, or a test's). */
export type PayloadMap = { [action: string]: { request: unknown; response: unknown } };

/** The action -> { request; response } map of one version. */
export type PayloadsOf<V extends OcppVersion> = PayloadsByVersion[V];

/** The actions of one version. */
export type ActionOf<V extends OcppVersion> = keyof PayloadsOf<V> & string;

/** The request payload of an action in one version. */
export type RequestOf<V extends OcppVersion, A extends ActionOf<V>> = PayloadsOf<V>[A] extends { request: unknown }
  ? PayloadsOf<V>[A]['request']
  : never;

/** The response payload of an action in one version (never for a 2.1 SEND message). */
export type ResponseOf<V extends OcppVersion, A extends ActionOf<V>> = PayloadsOf<V>[A] extends { response: unknown }
  ? PayloadsOf<V>[A]['response']
  : never;
