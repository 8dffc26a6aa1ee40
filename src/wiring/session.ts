import { runSession as runEngineSession, type SessionOptions, type SessionResult } from '../engine/session.js';
import type { StateRegistry } from '../engine/states.js';
import { defaultStates } from './states.js';

/** A run with the built-in reusable states unless the caller passes others. */
export function runSession(o: Omit<SessionOptions, 'states'> & { states?: StateRegistry }): Promise<SessionResult> {
  return runEngineSession({ ...o, states: o.states ?? defaultStates() });
}
