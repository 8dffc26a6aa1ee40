import type { Payload } from '../../../rpc.js';

/** An EVSE object from the operator's evseId/connectorId (undefined without an evseId). */
export function evse(evseId: unknown, connectorId?: unknown): Payload | undefined {
  return typeof evseId === 'number' ? { id: evseId, ...(typeof connectorId === 'number' ? { connectorId } : {}) } : undefined;
}

/** The object without its undefined fields (optional fields are left out, never sent as null). */
export function defined(o: Payload): Payload {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** A request to send once more (the *-resent faults), marked so it is not resent again. */
export function markedResend(request: Payload): Payload {
  const again = { ...request };
  Object.defineProperty(again, '__resent', { value: true, enumerable: false });
  return again;
}

export function isResend(request: Payload): boolean {
  return (request as { __resent?: boolean }).__resent === true;
}
