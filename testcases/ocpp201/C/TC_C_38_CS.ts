import { defineCase } from '../../../src/dsl.js';
import { ensureOptionalVariable201 } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_C_38_CS',
    title: 'Clear Authorization Data in Authorization Cache - Rejected',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'C',
    profiles: ['Core'],
    requirements: ['C11.FR.04'],
    purpose: 'A station whose authorization cache is disabled (or that has none) answers ClearCache with Rejected.',
    fault: 'clearcache-accepted-when-disabled',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');
    // A station without AuthCacheCtrlr.Enabled has no cache at all: the same answer is due.
    await ensureOptionalVariable201(ctx, 'AuthCacheCtrlr', 'Enabled', 'false');
    ctx.step('The harness sends ClearCache; the station rejects it');
    const res = await csms.call('ClearCache', {}, { requirement: 'C11.FR.04' });
    ctx.expectOneOf(res.status, ['Rejected'], 'C11.FR.04', 'ClearCacheResponse.status');
  },
);
