import type { CentralSystem16, OperatorRequest } from '../central-system.js';

/** Reset in the 1.6 reference central system (section Reset): the operator's Hard or Soft reset. */
export function resetRequest(cs: CentralSystem16, d: Record<string, unknown>): OperatorRequest {
  let type = d.type;
  if (type !== 'Hard' && type !== 'Soft') return { error: 'Reset needs type "Hard" or "Soft"' };
  if (type === 'Hard' && cs.faults.has('reset-hard-as-soft')) type = 'Soft';
  else if (type === 'Soft' && cs.faults.has('reset-soft-as-hard')) type = 'Hard';
  return { payload: { type } };
}
