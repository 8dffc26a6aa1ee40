import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';

/**
 * src/protocol/payloads/v16.ts, v201.ts and v21.ts are generated from the schemas ocpp-rpc ships;
 * regenerating must give the committed files, so the types never drift from the schemas the
 * harness validates against.
 */
describe('generated payload types', () => {
  it('match what scripts/gen-payload-types.mjs generates from the OCA schemas', () => {
    const run = spawnSync(process.execPath, ['scripts/gen-payload-types.mjs', '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
