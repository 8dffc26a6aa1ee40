/**
 * The requirement registry: every requirement id a case, a check or a finding may name, with
 * what it demands in our own words, its source document, section and level.
 *
 * ONE SPELLING SCHEME. An id is either a functional requirement of OCPP 2.0.1/2.1 exactly as
 * that specification spells it, or <SOURCE>-<section or rule> for every other document:
 *
 *   B01.FR.02            OCPP 2.0.1 Part 2 functional requirement (2.1 keeps these ids)
 *   OCPP16-4.2           OCPP 1.6 core specification, section 4.2
 *   OCPPJ16-4.1.3        OCPP-J 1.6 (JSON over WebSocket) specification, section 4.1.3
 *   OCPPJ20-4.1.3        OCPP 2.0.1 Part 4 (OCPP-J), section 4.1.3
 *   SECWP16-A00.FR.205   1.6 security whitepaper requirement A00.FR.205 (its numbering, not 2.0.1's)
 *   RFC6455-5.5          RFC 6455 (WebSocket), section 5.5
 *   SEC-DOS-01           our security catalogue, rule DOS-01 (also a finding's rule id)
 *
 * What the legacy spellings meant, as /work/tools/rename-requirements.mjs maps them: OCPP16J-x
 * was the 1.6J transport spec (OCPPJ16-x); OCPP-J-x in 2.0.1 cases was 2.0.1 Part 4 (OCPPJ20-x);
 * OCPP-RPC-nn / OCPP-DOS-nn (fuzzer) and a case's rule 'RPC-nn' were catalogue rules (SEC-RPC-nn);
 * the liveness pseudo-id was the post-attack probe (SEC-LIVE-01); bare FR ids in 1.6 files were the
 * whitepaper's (SECWP16-...). OCPP16-x, RFC6455-x, SEC-XXX-nn and 2.0.1 FR ids kept their form.
 *
 * Every id used must be registered: catalogue loading refuses a case whose metadata names an
 * unregistered id, a test scans the sources for id literals, and at run time a failure naming an
 * unregistered id is a harness error. Entries marked `inferred` take their meaning from how the
 * cases use the id; they await a check against the primary text.
 */
import { OCPP16_CORE } from './ocpp16.js';
import { OCPP16_CS_REST } from './ocpp16-cs-rest.js';
import { OCPP16_CS_REST2 } from './ocpp16-cs-rest2.js';
import { OCPP201_CORE } from './ocpp201-core.js';
import { OCPP201_HL } from './ocpp201-hl.js';
import { OCPP201_CDPI } from './ocpp201-cdpi.js';
import { OCPP201_NO } from './ocpp201-no.js';
import { OCPP201_K } from './ocpp201-k.js';
import { OCPP201_GAPS } from './ocpp201-gaps.js';
import { OCPP201_CSMS_REST } from './ocpp201-csms-rest.js';
import { OCPP201_C_CS } from './ocpp201-c-cs.js';
import { OCPP201_LMNP_CS } from './ocpp201-lmnp-cs.js';
import { OCPP201_PROVISIONING } from './ocpp201-provisioning.js';
import { OCPP201_FGJ_CS } from './ocpp201-fgj-cs.js';
import { OCPP201_E_CS_OFFLINE } from './ocpp201-e-cs-offline.js';
import { OCPP201_L_CS } from './ocpp201-l-cs.js';
import { OCPP201_E_EVSIDE } from './ocpp201-e-evside.js';
import { OCPP201_SECURITY } from './ocpp201-security.js';
import { OCPPJ16 } from './ocppj16.js';
import { OCPPJ20 } from './ocppj20.js';
import { RFC6455 } from './rfc6455.js';
import { SECURITY_CATALOGUE } from './security-catalogue.js';
import { SECWP16 } from './secwp16.js';
import { SOURCES, type Requirement } from './sources.js';

export type { Requirement, RequirementLevel, SourceId } from './sources.js';

const ALL: readonly Requirement[] = [
  ...OCPP201_SECURITY,
  ...OCPP201_CORE,
  ...OCPP201_HL,
  ...OCPP201_CDPI,
  ...OCPP201_NO,
  ...OCPP201_K,
  ...OCPP201_GAPS,
  ...OCPP201_CSMS_REST,
  ...OCPP201_C_CS,
  ...OCPP201_LMNP_CS,
  ...OCPP201_PROVISIONING,
  ...OCPP201_FGJ_CS,
  ...OCPP201_E_CS_OFFLINE,
  ...OCPP201_L_CS,
  ...OCPP201_E_EVSIDE,
  ...SECWP16,
  ...OCPP16_CORE,
  ...OCPP16_CS_REST,
  ...OCPP16_CS_REST2,
  ...OCPPJ16,
  ...OCPPJ20,
  ...RFC6455,
  ...SECURITY_CATALOGUE,
];

const BY_ID = new Map<string, Requirement>();
for (const r of ALL) {
  if (BY_ID.has(r.id)) throw new Error(`requirement registry: ${r.id} is registered twice`);
  BY_ID.set(r.id, r);
}

/** The registry entry of an id, or undefined when the id is not registered. */
export function requirement(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

export function hasRequirement(id: string): boolean {
  return BY_ID.has(id);
}

/** What the requirement demands, in one sentence; undefined for an unregistered id. */
export function requirementText(id: string): string | undefined {
  return BY_ID.get(id)?.text;
}

/** Every registered requirement, in registry order. */
export function allRequirements(): readonly Requirement[] {
  return ALL;
}

/** Whether a string is spelt as an id of the scheme (registered or not). */
export function isSchemeId(id: string): boolean {
  return Object.values(SOURCES).some((s) => s.pattern.test(id));
}

/** The ids of a list that the registry does not know, in order, without repeats. */
export function unregisteredRequirements(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => !BY_ID.has(id)))];
}
