import type { Command } from 'commander';
import { type CliIo, type FilterOpts, addFilters, loadPlan, newProgram, parseProgram, selectionOf } from './filters.js';

/** `list`: the catalogue from metadata alone (the build's manifest; no case module is imported). */
export function addListCommand(program: Command, io: CliIo): Command {
  return addFilters(program.command('list').description('print the catalogue from metadata alone').option('--json', 'print JSON')).action(
    async (o: FilterOpts & { json?: boolean }) => {
      const { plan } = await loadPlan(selectionOf(o), io);
      if (o.json) {
        io.stdout(
          `${JSON.stringify(
            plan.map(({ meta: m }) => ({
              id: m.id,
              title: m.title,
              ocpp: m.ocpp,
              sut: m.sut,
              block: m.block,
              suite: m.suite,
              requirements: m.requirements,
              profiles: m.profiles,
              features: m.features,
            })),
            null,
            2,
          )}\n`,
        );
      } else {
        for (const { meta: m } of plan)
          io.stdout(
            `${m.id.padEnd(18)} ${m.ocpp.padEnd(6)} ${m.sut.padEnd(5)} ${m.block.padEnd(10)} ${m.title}${m.features.length ? ` [needs ${m.features.join(', ')}]` : ''}\n`,
          );
        io.stdout(`${plan.length} cases\n`);
      }
    },
  );
}

/**
 * `ocpp-harness list ...` on its own program, so it loads neither the run machinery (peers,
 * reporters, PKI, config schema) nor any case module: the instant start of issue 11.
 */
export async function runListCli(argv: string[], io: CliIo): Promise<number> {
  const program = newProgram(io);
  addListCommand(program, io);
  return parseProgram(program, argv, io, () => 0);
}
