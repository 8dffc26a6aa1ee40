import { Command, CommanderError } from 'commander';
import { parseList, parseSuites, parseSut, parseVersions, selectCases, type Selection } from '../engine/selection.js';
import { loadCatalogueQuickly } from '../engine/catalogue-manifest.js';
import { UsageError } from '../core/usage-error.js';
import type { CaseDefinition } from '../engine/case.js';

// The CLI's light pieces: what `list` needs, without the run machinery (peers, reporters, PKI).

export interface CliIo {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

/** Exit codes (README): 0 all pass, 1 a case failed, 2 inconclusive or harness error, 64 bad usage. */
export const EXIT = { ok: 0, fail: 1, inconclusive: 2, usage: 64 } as const;

export interface FilterOpts {
  ocpp?: string;
  sut?: string;
  cases?: string;
  exclude?: string;
  block?: string;
  profile?: string;
  tag?: string;
  suite?: string;
}

export function addFilters(cmd: Command): Command {
  return cmd
    .option('--ocpp <versions>', 'OCPP versions, comma-separated: 1.6, 2.0.1, 2.1')
    .option('--sut <roles>', 'system under test: cs (a charging station) or csms, comma-separated')
    .option('--cases <ids>', 'case ids or globs, comma-separated (TC_B_*,TC_001_CS)')
    .option('--exclude <ids>', 'case ids or globs to leave out')
    .option('--block <blocks>', 'functional blocks (B,E,Core ...)')
    .option('--profile <profiles>', 'certification profiles (Core ...)')
    .option('--tag <tags>', 'tags')
    .option('--suite <suites>', 'conformance or security');
}

export function selectionOf(o: FilterOpts): Selection {
  return {
    ocpp: parseVersions(o.ocpp),
    sut: parseSut(o.sut),
    cases: parseList(o.cases),
    exclude: parseList(o.exclude),
    blocks: parseList(o.block),
    profiles: parseList(o.profile),
    tags: parseList(o.tag),
    suites: parseSuites(o.suite),
  };
}

/** The program every command hangs on: name, output through `io`, errors thrown, not exited. */
export function newProgram(io: CliIo): Command {
  return new Command()
    .name('ocpp-harness')
    .description('Conformance and security test harness for OCPP 1.6J, 2.0.1 and 2.1')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(false);
}

/** Parses and runs; a usage problem exits 64 with its message, a harness error 2 with its stack. */
export async function parseProgram(program: Command, argv: string[], io: CliIo, exitCode: () => number): Promise<number> {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr(`ocpp-harness: ${err.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`ocpp-harness: harness error: ${(err as Error).stack ?? err}\n`);
    return EXIT.inconclusive;
  }
  return exitCode();
}

/** The selected cases (and the whole catalogue), from the build's manifest when it is current. */
export async function loadPlan(sel: Selection, io: CliIo): Promise<{ plan: CaseDefinition[]; problems: string[]; all: CaseDefinition[] }> {
  const cat = await loadCatalogueQuickly(undefined, (why) => io.stderr(`catalogue: ${why}\n`));
  for (const p of cat.problems) io.stderr(`catalogue: ${p}\n`);
  return { plan: selectCases(cat.cases, sel), problems: cat.problems, all: cat.cases };
}
