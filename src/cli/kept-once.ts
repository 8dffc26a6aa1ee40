import type { SutConfig } from '../core/config.js';
import type { CaseDefinition } from '../engine/case.js';

const appliesAt = (d: CaseDefinition, c: SutConfig) => !d.meta.securityProfiles || d.meta.securityProfiles.includes(c.security.profile);

/**
 * The plan of each security profile of a reference run. When the run was not asked for OCPP 2.1
 * by name (`npm start` covers every version), a 2.1 entry of a kept 2.0.1 case runs once, at the
 * first profile it applies to: its body and transport are the ones its 2.0.1 entry proves on every
 * profile, so the default run stays short. `--ocpp 2.1` runs it on every profile.
 */
export function profilePlans(plan: CaseDefinition[], configs: SutConfig[], askedFor21: boolean): CaseDefinition[][] {
  const once = (d: CaseDefinition) => !askedFor21 && d.meta.ocpp === '2.1' && d.meta.tags.includes('kept-from-2.0.1');
  return configs.map((c, i) => plan.filter((d) => appliesAt(d, c) && (!once(d) || configs.findIndex((x) => appliesAt(d, x)) === i)));
}
