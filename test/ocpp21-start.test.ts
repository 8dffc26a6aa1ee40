/** `npm start` covers 2.1 modestly: a kept 2.0.1 case's 2.1 entry runs once unless 2.1 is asked for by name. */
import { describe, expect, it } from '@jest/globals';
import type { SutConfig } from '../src/core/config.js';
import { profilePlans } from '../src/cli/kept-once.js';
import { loadCatalogue } from '../src/engine/catalogue.js';
import { testConfig } from './support.js';

const configs: SutConfig[] = ([0, 1, 2, 3] as const).map((profile) => {
  const c = testConfig();
  return { ...c, security: { ...c.security, profile } };
});

describe('reference runs over several security profiles', () => {
  it('run a kept 2.1 entry once by default, on every profile it applies to when 2.1 is asked for', async () => {
    const { cases } = await loadCatalogue();
    const plan = cases.filter((c) => c.meta.ocpp !== '1.6');
    const count = (plans: ReturnType<typeof profilePlans>, ocpp: string) => plans.flat().filter((d) => d.meta.ocpp === ocpp).length;
    const byDefault = profilePlans(plan, configs, false);
    const asked = profilePlans(plan, configs, true);
    const kept = plan.filter((c) => c.meta.ocpp === '2.1');
    expect(count(byDefault, '2.1')).toBe(kept.length);
    expect(count(asked, '2.1')).toBeGreaterThan(2 * kept.length);
    // 2.0.1 is untouched: every case on every profile it applies to, either way.
    expect(count(byDefault, '2.0.1')).toBe(count(asked, '2.0.1'));
    // A case bound to some profiles runs at the first of them.
    const a07 = kept.find((c) => c.meta.id === 'TC_A_07_CS');
    if (a07?.meta.securityProfiles) {
      const at = byDefault.findIndex((p) => p.includes(a07));
      expect(at).toBe(a07.meta.securityProfiles[0]);
    }
  });
});
