import type { CaseMeta } from '../core/meta.js';
import type { CaseRecord, RunRecord } from '../engine/events.js';
import type { RunIdentity } from '../engine/run-identity.js';
import { partialRunReasons } from './format.js';

/**
 * The certification summary: per OCPP version and role, per certification profile (a case's
 * `profiles`: 2.0.1 Part 5 profile names, 1.6 feature profiles) and per security profile, how
 * many mandatory cases passed of those that apply, the conditional ones by PICS feature, which
 * cases block the profile, and whether a conformance verdict can be given at all. Built from
 * per-case summaries only, so a streaming reporter can feed it case by case.
 */

/** What the summary needs of one case. */

/** The group of cases that belong to no certification profile. */
const NO_PROFILE = '(no profile)';

/**
 * Features that define a certification profile: a SUT claims the profile by declaring them, so
 * within that profile they are not conditions. 1.6 feature profiles are named like their feature.
 */
const PROFILE_FEATURES: Readonly<Record<string, readonly string[]>> = {
  'Advanced Security': ['AdvancedSecurity'],
  'Local Authorization List Management': ['LocalAuthListManagement'],
  'Smart Charging': ['SmartCharging'],
  'Advanced Device Management': ['AdvancedDeviceManagement'],
  Reservation: ['Reservation'],
  'Advanced User Interface': ['DisplayMessage', 'TariffCost'],
  'ISO 15118 support': ['ISO15118', 'ISO15118SmartCharging'],
};

function definesProfile(profile: string, feature: string): boolean {
  return feature === profile || (PROFILE_FEATURES[profile]?.includes(feature) ?? false);
}

export interface CaseSummary {
  meta: Pick<CaseMeta, 'id' | 'ocpp' | 'sut' | 'profiles' | 'features'>;
  verdict: string;
  securityProfile?: number;
}

export type ProfileVerdict = 'pass' | 'fail' | 'no-verdict';

export interface Blocker {
  id: string;
  verdict: string;
  securityProfile?: number;
}

export interface Tally {
  passed: number;
  /** Ran and applied (not not-applicable, not skipped). */
  applicable: number;
  /** Selected (recorded) cases. */
  selected: number;
}

export interface FeatureTally extends Tally {
  feature: string;
  declared: boolean;
}

export interface ProfileSummary {
  ocpp: string;
  sut: string;
  profile: string;
  mandatory: Tally;
  conditional: FeatureTally[];
  /** Cases of the whole catalogue in this profile (when the run recorded it). */
  catalogueTotal?: number;
  blocking: Blocker[];
  verdict: ProfileVerdict;
  /** Why there is no verdict (empty when there is one). */
  reasons: string[];
}

export interface SecurityProfileSummary {
  securityProfile: number;
  tally: Tally;
  blocking: Blocker[];
  verdict: ProfileVerdict;
  reasons: string[];
}

export interface CertificationSummary {
  profiles: ProfileSummary[];
  securityProfiles: SecurityProfileSummary[];
  /** Run-wide reasons no conformance verdict can be given (partial run ...). */
  runReasons: string[];
}

const PASSED = new Set(['pass', 'pass-non-strict']);
const NOT_APPLIED = new Set(['not-applicable', 'skipped']);
const BLOCKING = new Set(['fail', 'inconclusive', 'error']);

const emptyTally = (): Tally => ({ passed: 0, applicable: 0, selected: 0 });

function count(t: Tally, verdict: string): void {
  t.selected += 1;
  if (!NOT_APPLIED.has(verdict)) t.applicable += 1;
  if (PASSED.has(verdict)) t.passed += 1;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Collects case summaries; `summary()` judges them. Memory: one small entry per case. */
export class CertificationCollector {
  private readonly cases: CaseSummary[] = [];

  constructor(private readonly identity: RunIdentity | undefined) {}

  add(c: CaseSummary): void {
    this.cases.push({ meta: c.meta, verdict: c.verdict, securityProfile: c.securityProfile });
  }

  summary(runReasons: string[]): CertificationSummary {
    const declared = new Set(this.identity?.declared.features ?? []);
    const deviations = this.identity?.declared.deviations ?? {};
    const totals = this.identity?.catalogue.totals;
    const groups = new Map<string, CaseSummary[]>();
    for (const c of this.cases) {
      for (const p of c.meta.profiles.length > 0 ? c.meta.profiles : [NO_PROFILE]) {
        pushTo(groups, `${c.meta.ocpp}|${c.meta.sut}|${p}`, c);
      }
    }
    const profiles = [...groups].map(([key, cases]): ProfileSummary => {
      const [ocpp, sut, profile] = key.split('|') as [string, string, string];
      const mandatory = emptyTally();
      const byFeature = new Map<string, FeatureTally>();
      const blocking: Blocker[] = [];
      const reasons: string[] = [];
      const undeclaredProfile = new Set<string>();
      for (const c of cases) {
        // A feature that defines the profile itself (claiming Reservation is declaring it) does not
        // make a case conditional within that profile; any other feature does.
        const own = c.meta.features.filter((f) => definesProfile(profile, f));
        for (const f of own) if (!declared.has(f)) undeclaredProfile.add(f);
        const features = c.meta.features.filter((f) => !definesProfile(profile, f));
        const conditional = features.length > 0;
        if (!conditional) count(mandatory, c.verdict);
        for (const f of features) {
          const t = byFeature.get(f) ?? { feature: f, declared: declared.has(f), ...emptyTally() };
          count(t, c.verdict);
          byFeature.set(f, t);
        }
        if (BLOCKING.has(c.verdict)) blocking.push(blocker(c));
        if (!conditional && Object.hasOwn(deviations, c.meta.id)) reasons.push(`mandatory case ${c.meta.id} is a declared deviation`);
      }
      const conditional = [...byFeature.values()];
      const ids = new Set(cases.map((c) => c.meta.id));
      const total = totals?.find((t) => t.ocpp === ocpp && t.sut === sut && t.profile === profile)?.total;
      for (const f of undeclaredProfile) reasons.push(`the profile is not claimed: its feature ${f} is not declared`);
      if (profile === NO_PROFILE) reasons.push('these cases belong to no certification profile');
      else if (total === undefined) reasons.push('the run did not record the catalogue, so a complete selection cannot be shown');
      else if (ids.size < total) reasons.push(`partial selection: ${ids.size} of the catalogue's ${total} cases of this profile ran`);
      for (const f of conditional.filter((x) => !x.declared))
        reasons.push(`feature ${f.feature} is not declared: ${plural(f.selected, 'conditional case')} not judged`);
      if (mandatory.selected === 0 && conditional.every((f) => f.applicable === 0))
        reasons.push('no case of this profile applied to the SUT');
      const open = blocking.filter((b) => b.verdict !== 'fail');
      if (open.length > 0) reasons.push(`${plural(open.length, 'case')} inconclusive or in error`);
      return {
        ocpp,
        sut,
        profile,
        mandatory,
        conditional,
        catalogueTotal: total,
        blocking,
        ...judge(blocking, [...reasons, ...runReasons]),
      };
    });
    const bySp = new Map<number, CaseSummary[]>();
    const single = this.identity?.declared.securityProfiles.length === 1 ? this.identity.declared.securityProfiles[0] : undefined;
    for (const c of this.cases) {
      const sp = c.securityProfile ?? single;
      if (sp !== undefined) pushTo(bySp, sp, c);
    }
    const securityProfiles = [...bySp]
      .sort(([a], [b]) => a - b)
      .map(([securityProfile, cases]): SecurityProfileSummary => {
        const tally = emptyTally();
        for (const c of cases) count(tally, c.verdict);
        const blocking = cases.filter((c) => BLOCKING.has(c.verdict)).map(blocker);
        const reasons = blocking.some((b) => b.verdict !== 'fail') ? ['cases inconclusive or in error'] : [];
        if (tally.applicable === 0) reasons.push('no case applied at this security profile');
        return { securityProfile, tally, blocking, ...judge(blocking, [...reasons, ...runReasons]) };
      });
    return { profiles, securityProfiles, runReasons };
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function blocker(c: CaseSummary): Blocker {
  return { id: c.meta.id, verdict: c.verdict, ...(c.securityProfile !== undefined ? { securityProfile: c.securityProfile } : {}) };
}

/** A fail blocks the profile whatever else is true; otherwise any doubt leaves it without a verdict. */
function judge(blocking: Blocker[], reasons: string[]): { verdict: ProfileVerdict; reasons: string[] } {
  if (blocking.some((b) => b.verdict === 'fail')) return { verdict: 'fail', reasons };
  return reasons.length > 0 ? { verdict: 'no-verdict', reasons } : { verdict: 'pass', reasons };
}

export function caseSummary(record: CaseRecord): CaseSummary {
  return { meta: record.meta, verdict: record.result.verdict, securityProfile: record.securityProfile };
}

export function certificationSummary(run: RunRecord): CertificationSummary {
  const collector = new CertificationCollector(run.start?.identity);
  for (const c of run.cases) collector.add(caseSummary(c));
  return collector.summary(partialRunReasons(run));
}

/** One line per profile, for the console and text reports. */
export function certificationLines(s: CertificationSummary): string[] {
  const lines = s.profiles.map((p) => {
    const cond = p.conditional.map((f) => `${f.feature}${f.declared ? '' : ' (undeclared)'} ${f.passed}/${f.applicable}`).join(', ');
    const block = p.blocking.length > 0 ? `; blocked by ${p.blocking.map((b) => `${b.id} (${b.verdict})`).join(', ')}` : '';
    const why = p.verdict === 'no-verdict' ? ` (${p.reasons.join('; ')})` : '';
    return `${p.ocpp} ${p.sut} ${p.profile}: ${verdictWords(p.verdict)}${why}; mandatory ${p.mandatory.passed}/${p.mandatory.applicable}${cond ? `; conditional ${cond}` : ''}${block}`;
  });
  for (const sp of s.securityProfiles)
    lines.push(`security profile ${sp.securityProfile}: ${verdictWords(sp.verdict)}; ${sp.tally.passed}/${sp.tally.applicable} passed`);
  return lines;
}

export function verdictWords(v: ProfileVerdict): string {
  return v === 'pass' ? 'passes' : v === 'fail' ? 'does not pass' : 'no conformance verdict';
}
