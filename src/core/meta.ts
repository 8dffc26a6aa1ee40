import type { OcppVersion } from './versions.js';
import type { Severity } from './verdict.js';

/** Which side is the system under test. The harness plays the other one. */
export type SutRole = 'cs' | 'csms';
export type Suite = 'conformance' | 'security';
/** OCPP security profile: 0 none (1.6 default), 1 Basic auth, 2 TLS + Basic auth, 3 mutual TLS. */
export type SecurityProfile = 0 | 1 | 2 | 3;

/** Metadata of a case, readable without running anything (list, plans, report headers). */
export interface CaseMeta {
  /** Stable catalogue id, the OCTT id where one exists (TC_B_01_CS); equals the file name. */
  id: string;
  title: string;
  ocpp: OcppVersion;
  sut: SutRole;
  /** Functional block: a 2.0.1 letter (B) or a 1.6 OCTT section name (Core). */
  block: string;
  suite: Suite;
  /** Requirement ids the case checks (B01.FR.01); the first is the main one. */
  requirements: string[];
  /** Certification profiles the case belongs to (Core, Security ...). */
  profiles: string[];
  /** Optional PICS features the SUT must declare, else the case is not-applicable. */
  features: string[];
  tags: string[];
  /** What the case establishes, in our own words. */
  purpose: string;
  /** The reference-peer fault this case exists to catch; selfcheck runs the case against it. */
  fault: string;
  /** Severity of the finding a failure of this case is (security suite). */
  severity?: Severity;
  /** Security-catalogue rule the case implements (RPC-01, DOS-08 ...): the finding's rule id. */
  rule?: string;
  /** Weakness class of a failure (CWE-20 ...) and a CVE that shows it, when there is one. */
  cwe?: string;
  cve?: string;
  /** What the SUT's developers should fix when this case fails. */
  hint?: string;
  /**
   * Security profiles the case applies to (TC_A_07 needs 3, TC_A_01 needs 1 or 2); at any other
   * profile it is not-applicable. Absent: every profile.
   */
  securityProfiles?: SecurityProfile[];
  /** Upper bound for the whole case, on top of the per-wait timeouts. */
  timeoutMs?: number;
}

export type CaseMetaInput = Omit<CaseMeta, 'suite' | 'profiles' | 'features' | 'tags'> &
  Partial<Pick<CaseMeta, 'suite' | 'profiles' | 'features' | 'tags'>>;
