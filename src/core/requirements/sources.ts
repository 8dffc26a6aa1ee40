/** The documents requirement ids come from, and how an entry of each is written down. */

export type RequirementLevel = 'MUST' | 'SHOULD';

export type SourceId = 'OCPP201' | 'OCPP16' | 'OCPPJ16' | 'OCPPJ20' | 'SECWP16' | 'RFC6455' | 'SEC';

export interface Requirement {
  /** The id in the registry's scheme (see index.ts): B01.FR.02, OCPPJ16-4.1.3, SEC-DOS-01 ... */
  id: string;
  /** What the SUT must do, in our own words, as the cases check it. One sentence. */
  text: string;
  source: SourceId;
  /** The document, by name and edition. */
  document: string;
  /** Where in the document: a section (§4.1.3), a use case (B01) or a catalogue rule (DOS-01). */
  section: string;
  level: RequirementLevel;
  /**
   * True when the meaning was inferred from how the cases use the id, without a primary text
   * at hand to confirm that the number says this: re-check before quoting it elsewhere.
   */
  inferred: boolean;
}

interface SourceInfo {
  document: string;
  /** The exact shape of an id of this source. */
  pattern: RegExp;
  section: (id: string) => string;
}

const afterPrefix = (id: string) => id.slice(id.indexOf('-') + 1);

export const SOURCES: Record<SourceId, SourceInfo> = {
  OCPP201: {
    document: 'OCPP 2.0.1 Part 2, Specification (Edition 3 with errata; 2.1 keeps these ids)',
    pattern: /^[A-Z][0-9]{2}\.FR\.[0-9]{2,3}$/,
    section: (id) => `use case ${id.slice(0, 3)}`,
  },
  OCPP16: {
    document: 'OCPP 1.6 Edition 2, core specification',
    pattern: /^OCPP16-[0-9]+(\.[0-9]+)*$/,
    section: (id) => `§${afterPrefix(id)}`,
  },
  OCPPJ16: {
    document: 'OCPP-J 1.6 specification (JSON over WebSocket)',
    pattern: /^OCPPJ16-[0-9]+(\.[0-9]+)*$/,
    section: (id) => `§${afterPrefix(id)}`,
  },
  OCPPJ20: {
    document: 'OCPP 2.0.1 Part 4, JSON over WebSocket implementation guide',
    pattern: /^OCPPJ20-[0-9]+(\.[0-9]+)*$/,
    section: (id) => `§${afterPrefix(id)}`,
  },
  SECWP16: {
    document: 'Improved security for OCPP 1.6-J (OCA security whitepaper), Edition 3',
    pattern: /^SECWP16-[A-Z][0-9]{2}\.FR\.[0-9]{2,3}$/,
    section: (id) => `use case ${afterPrefix(id).slice(0, 3)}`,
  },
  RFC6455: {
    document: 'RFC 6455, The WebSocket Protocol',
    pattern: /^RFC6455-[0-9]+(\.[0-9]+)*$/,
    section: (id) => `§${afterPrefix(id)}`,
  },
  SEC: {
    document: 'ocpp-harness security catalogue (shared/reference/security-catalogue.md, §4)',
    pattern: /^SEC-[A-Z]+-[0-9]{2}$/,
    section: (id) => `rule ${afterPrefix(id)}`,
  },
};

/** One row of a data module: id, level, text, and 'inferred' when the meaning is guessed. */
export type RequirementRow = readonly [id: string, level: RequirementLevel, text: string, basis?: 'inferred'];

/** Turns a data module's rows into entries; a row whose id does not fit its source throws. */
export function defineRequirements(source: SourceId, rows: readonly RequirementRow[]): Requirement[] {
  const info = SOURCES[source];
  return rows.map(([id, level, text, basis]) => {
    if (!info.pattern.test(id)) throw new Error(`requirement registry: ${id} is not a ${source} id`);
    return { id, text, source, document: info.document, section: info.section(id), level, inferred: basis === 'inferred' };
  });
}
