import type { OcppVersion } from '../core/versions.js';

/**
 * CALLERROR codes per version. 1.6 spells two codes differently from 2.x
 * (FormationViolation, OccurenceConstraintViolation); cases compare against these tables.
 */
const CODES_16 = [
  'NotImplemented',
  'NotSupported',
  'InternalError',
  'ProtocolError',
  'SecurityError',
  'FormationViolation',
  'PropertyConstraintViolation',
  'OccurenceConstraintViolation',
  'TypeConstraintViolation',
  'GenericError',
] as const;

const CODES_201 = [
  'FormatViolation',
  'GenericError',
  'InternalError',
  'MessageTypeNotSupported',
  'NotImplemented',
  'NotSupported',
  'OccurrenceConstraintViolation',
  'PropertyConstraintViolation',
  'ProtocolError',
  'RpcFrameworkError',
  'SecurityError',
  'TypeConstraintViolation',
] as const;

const CODES_21 = [...CODES_201] as const;

export function errorCodes(version: OcppVersion): readonly string[] {
  return version === '1.6' ? CODES_16 : version === '2.0.1' ? CODES_201 : CODES_21;
}

/** Logical error kinds, mapped to each version's spelling. */
export type ErrorKind =
  | 'format'
  | 'occurrence'
  | 'property'
  | 'type'
  | 'notImplemented'
  | 'notSupported'
  | 'protocol'
  | 'rpcFramework'
  | 'messageTypeNotSupported'
  | 'security'
  | 'internal'
  | 'generic';

export function errorCode(version: OcppVersion, kind: ErrorKind): string {
  const v16 = version === '1.6';
  switch (kind) {
    case 'format':
      return v16 ? 'FormationViolation' : 'FormatViolation';
    case 'occurrence':
      return v16 ? 'OccurenceConstraintViolation' : 'OccurrenceConstraintViolation';
    case 'property':
      return 'PropertyConstraintViolation';
    case 'type':
      return 'TypeConstraintViolation';
    case 'notImplemented':
      return 'NotImplemented';
    case 'notSupported':
      return 'NotSupported';
    case 'protocol':
      return 'ProtocolError';
    case 'rpcFramework':
      return v16 ? 'GenericError' : 'RpcFrameworkError';
    case 'messageTypeNotSupported':
      return v16 ? 'NotSupported' : 'MessageTypeNotSupported';
    case 'security':
      return 'SecurityError';
    case 'internal':
      return 'InternalError';
    case 'generic':
      return 'GenericError';
  }
}

/** The error code a payload schema violation maps to, by the first failing JSON-schema keyword. */
export function errorKindForSchemaKeyword(keyword: string): ErrorKind {
  switch (keyword) {
    case 'type':
      return 'type';
    case 'required':
    case 'minItems':
    case 'maxItems':
      return 'occurrence';
    case 'additionalProperties':
    case 'enum':
    case 'pattern':
    case 'const':
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
    case 'maxLength':
    case 'minLength':
    case 'multipleOf':
      // Bounds and lengths too: a field with an invalid value (OCPP-J §4.2.3; error-expectations.ts 'bad-value').
      return 'property';
    default:
      return 'format';
  }
}

/** Every code a conformant peer may use for a schema violation (the spec leaves the choice open). */
export function schemaViolationCodes(version: OcppVersion): string[] {
  const kinds: ErrorKind[] = ['format', 'occurrence', 'property', 'type', 'protocol', 'generic'];
  return kinds.map((k) => errorCode(version, k));
}
