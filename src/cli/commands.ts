import { resolve } from 'node:path';
import { Option } from 'commander';
import { DEFAULT_ORGANIZATION, UsageError } from '../core/config.js';
import { tlsMaterialFor } from '../engine/links.js';
import { describeVariantRow, knownVariants, selfcheck, selfcheckClean, type SelfcheckReport } from '../wiring/selfcheck.js';
import { REPORTER_NAMES } from '../reporters/index.js';
import { initPki } from '../pki/index.js';
import {
  type CliIo,
  EXIT,
  type FilterOpts,
  type ConfigOpts,
  addFilters,
  selectionOf,
  parseIntOption,
  parseProfiles,
  buildConfig,
  loadPlan,
  referenceVersions,
} from './options.js';
import { parseList } from '../engine/selection.js';
import { runCommand } from './run.js';
import type { ShardOpts } from './shard.js';
import { addListCommand } from './list.js';
import { addReportCommand } from './report.js';
import { newProgram, parseProgram } from './filters.js';
import { fuzzCommand, type FuzzCliOptions } from './fuzz.js';
import { referenceCommand } from './reference.js';
import { LOAD_LIMITS, loadCommand, type LoadCliOptions } from './load.js';
import { addVerifyCommand } from './verify.js';

export { type CliIo, EXIT } from './options.js';
export { parseDuration } from './fuzz.js';

/** The first of the selected profiles a case applies to (undefined: no profile was named). */
function firstProfileOf(applies: readonly number[] | undefined, selected: readonly (number | undefined)[]): number | undefined {
  return selected.find((p) => p === undefined || !applies || applies.includes(p));
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = newProgram(io);

  addFilters(
    program
      .command('run')
      .description('run the selected cases against a SUT, or against the built-in reference peers with --reference')
      .option('--reference', 'run against the built-in reference peers (both roles, on loopback)')
      .option('--listen <host:port>', 'test a charging station: the mock CSMS listens here (with --sut cs)')
      .option('--target <url>', 'test a CSMS: connect as a station to <url>/<stationId> (with --sut csms)')
      .option('--config <file>', 'SUT configuration file (JSON)')
      .option('--station-id <id>', 'station identity (overrides the config)')
      .option(
        '--security-profile <n>',
        'security profile 0 (none), 1 (Basic auth), 2 (TLS + Basic auth) or 3 (mutual TLS); with --reference also several: 1,2,3 or all',
      )
      .option('--certs <dir>', 'test PKI for profiles 2/3 (from `certs init`; sets security.certsDir)')
      .option(
        '--strictness <mode>',
        'certification (default: what the OCA test system requires) or lenient (SHOULDs and known interop quirks reported, not failed)',
      )
      .option('--out <dir>', 'report directory', 'reports')
      .option('--reporter <names>', `reporters, comma-separated: ${REPORTER_NAMES.join(', ')}`, REPORTER_NAMES.join(','))
      .option('--concurrency <n>', 'cases at once (reference runs only)')
      .option('--sign-key <file>', 'Ed25519 private key (PEM) to sign manifest.json with (manifest.sig); never copied into reports')
      .option('--i-own-this-target', 'allow security (attack) cases against a target outside loopback')
      .option('--shard <i/n>', 'run slice i of n (CI matrix): a deterministic, duration-balanced split; `report --merge` joins the slices')
      .option('--durations <file>', "with --shard: balance on the case durations of a previous run's run.jsonl (or its report directory)"),
  ).action(
    async (
      o: FilterOpts &
        ConfigOpts &
        ShardOpts & {
          reference?: boolean;
          listen?: string;
          target?: string;
          out: string;
          reporter: string;
          concurrency?: string;
          iOwnThisTarget?: boolean;
          signKey?: string;
        },
    ) => {
      exitCode = await runCommand(o, io);
    },
  );

  addListCommand(program, io);

  addReportCommand(program, io, (code) => {
    exitCode = code;
  });

  addVerifyCommand(program, io, (code) => {
    exitCode = code;
  });

  const reference = program.command('reference').description('start a reference peer on its own (a simulator, optionally with a fault)');
  for (const role of ['csms', 'station'] as const) {
    const command = reference
      .command(role)
      .description(role === 'csms' ? 'run the reference CSMS' : 'run the reference charging station')
      .option('--ocpp <version>', 'OCPP version', '2.0.1')
      .option('--fault <name>', 'break the peer in this named way')
      .option('--list-faults', 'list the named faults and exit')
      .option('--security-profile <n>', 'security profile 0, 1, 2 (TLS + Basic auth) or 3 (mutual TLS)')
      .option('--certs <dir>', 'test PKI for profiles 2/3 (default: a temporary one)')
      .option('--config <file>', 'configuration file (ids, tokens, timeouts)');
    // Each role lists only the options it uses.
    if (role === 'csms') {
      command.option('--port <port>', 'port to listen on', '9220').option('--host <host>', 'address to listen on', '127.0.0.1');
    } else {
      command.option('--target <url>', 'CSMS URL to connect to').option('--station-id <id>', 'station identity');
    }
    command.action(
      async (o: ConfigOpts & { ocpp: string; fault?: string; listFaults?: boolean; port?: string; host?: string; target?: string }) => {
        exitCode = await referenceCommand(role, o, io);
      },
    );
  }

  program
    .command('fuzz')
    .description('seeded, schema-aware fuzzing of a SUT (loopback only unless --i-own-this-target)')
    .requiredOption('--sut <role>', 'cs (fuzz a charging station) or csms (fuzz a CSMS)')
    .requiredOption('--ocpp <version>', 'OCPP version: 1.6, 2.0.1 or 2.1')
    .option('--seed <seed>', 'seed; the same seed sends the same frames (default: random, printed)')
    .option('--count <n>', 'mutations at most', '2000')
    .option('--duration <time>', 'time budget, e.g. 60s, 5m, 500ms', '60s')
    .option('--target <url>', 'CSMS URL to fuzz (with --sut csms)')
    .option('--listen <host:port>', 'listen for the station to fuzz (with --sut cs)')
    .option('--reference', 'fuzz a built-in reference peer on loopback')
    .option('--fault <name>', 'with --reference: break the peer in this named way')
    .option('--config <file>', 'SUT configuration file (station id, password, timeouts)')
    .option('--message-timeout <ms>', 'how long to wait for each answer and probe (default: 300 for --reference, else the config)')
    .option('--stop-after-findings <n>', 'stop once this many distinct findings above info exist')
    .option(
      '--connections <n>',
      'connections in parallel against a CSMS, each as its own identity (the config stationId, then extraStationIds; a reference CSMS registers up to 8)',
      '1',
    )
    .option(
      '--probe-every <n>',
      'mutations per connection between liveness probes (a frame the SUT may ignore, a silence or a close is probed at once)',
      '50',
    )
    .option('--record <file>', 'write every frame the fuzzer sends, one per line, exactly as sent')
    .option('--out <dir>', 'where findings.json and findings.sarif go', 'reports')
    .option('--json', 'print a JSON summary {seed, frames, findings}')
    .option('--i-own-this-target', 'allow a target outside loopback (you must own or be authorised to test it)')
    .action(async (o: FuzzCliOptions) => {
      exitCode = await fuzzCommand(o, io);
    });

  program
    .command('load')
    .description(
      'a fleet of simulated stations against a CSMS: latency percentiles, refusals, drops and CALLERRORs over time (loopback only unless --i-own-this-target)',
    )
    .requiredOption('--sut <role>', 'csms (load tests a CSMS)')
    .requiredOption('--ocpp <version>', 'OCPP version: 1.6, 2.0.1 or 2.1')
    .option('--target <url>', 'CSMS URL; each station connects to <url>/<identity>')
    .option('--reference', 'load the built-in reference CSMS, started in this process')
    .option('--config <file>', 'SUT configuration file (station id, password, security profile, message timeout)')
    .option('--stations <n>', `simulated stations, at most ${LOAD_LIMITS.stations}`, '100')
    .option('--ramp <n>', 'stations started per second', '50')
    .option('--duration <time>', 'how long the fleet runs, at most 1h', '60s')
    .option('--storm-at <time>', 'power-cut storm: every station drops its connection at this time and dials again at once')
    .option('--heartbeat <s>', 'heartbeat interval (default: the interval the CSMS gives at boot)')
    .option('--tx-every <s>', "pause between a station's transactions (0: none)", '30')
    .option('--tx-duration <s>', 'transaction length', '20')
    .option('--meter-every <s>', 'meter values interval during a transaction', '5')
    .option('--id-prefix <prefix>', 'station identities are <prefix><n> (default: the config stationId + "-L")')
    .option('--seed <n>', "spreads the stations' schedules; the same seed gives the same spread", '1')
    .option('--out <dir>', 'where load.json and load.html go', 'reports')
    .option('--json', 'print the report as JSON')
    .option(
      '--export-artillery <dir>',
      'write this fleet as an Artillery scenario (our station model as its processor) instead of running it',
    )
    .option('--i-own-this-target', 'allow a target outside loopback (you must own or be authorised to test it)')
    .action(async (o: LoadCliOptions) => {
      exitCode = await loadCommand(o, io);
    });

  program
    .command('certs')
    .description('test PKI for security profiles 2 and 3')
    .command('init')
    .description('create a complete test PKI (CSMS root and server certificates, station CA and certificate, roots, invalid variants)')
    .option('--out <dir>', 'output directory', 'certs')
    .option('--station-serial <serial>', 'charging station serial number (the station certificate CN)', 'CP001')
    .option('--org <name>', 'organisation (the station certificate O; the config default security.organization)', DEFAULT_ORGANIZATION)
    .option('--csms-host <host>', 'CSMS host name (server certificate CN and SAN)', 'localhost')
    .option('--force', 'replace an existing PKI in the directory')
    .action(async (o: { out: string; stationSerial: string; org: string; csmsHost: string; force?: boolean }) => {
      const manifest = await initPki({
        outDir: resolve(o.out),
        stationSerial: o.stationSerial,
        org: o.org,
        csmsHost: o.csmsHost,
        force: o.force,
      });
      for (const a of manifest.artifacts)
        io.stdout(`${a.valid ? 'valid  ' : 'invalid'} ${a.name.padEnd(34)} ${a.role.padEnd(18)} ${a.defect ?? ''}\n`);
      io.stdout(`wrote ${manifest.artifacts.length} artifacts and ${resolve(o.out, 'pki.json')} (private keys mode 0600)\n`);
    });

  addFilters(
    program
      .command('selfcheck')
      .description('prove the catalogue: each case passes on the reference peer and fails on its fault')
      .option('--json', 'print JSON')
      .option('--concurrency <n>', 'cases at once', '4')
      .option(
        '--security-profile <n>',
        'run the reference peers on security profile 0, 1, 2 or 3; several (0,1,2,3 or all) prove each case at every profile it applies to',
      )
      .option('--certs <dir>', 'test PKI for profiles 2/3 (default: a temporary one)')
      .option('--log <file>', 'also write the event log of both passes here')
      .option(
        '--variant <names>',
        "the reference peers' configuration variants besides the default: all, none, or names (comma-separated); each case proves them at the first selected security profile it applies to",
        'all',
      ),
  ).action(
    async (
      o: FilterOpts & { json?: boolean; concurrency: string; log?: string; securityProfile?: string; certs?: string; variant: string },
    ) => {
      const sel = selectionOf(o);
      const { plan, problems } = await loadPlan({ ...sel, ocpp: sel.ocpp ?? referenceVersions() }, io);
      const profiles = parseProfiles(o.securityProfile, true) ?? [undefined];
      const which = o.variant === 'all' || o.variant === 'none' ? o.variant : (parseList(o.variant) ?? 'all');
      if (Array.isArray(which)) {
        const known = new Set(knownVariants());
        const unknown = which.filter((n) => !known.has(n));
        if (unknown.length) throw new UsageError(`--variant: unknown variant ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
      }
      const report: SelfcheckReport = {
        cases: 0,
        passOnReference: 0,
        failOnFault: 0,
        notApplicable: 0,
        problems: [...problems],
        variants: [],
      };
      // As in `npm start`: unless 2.1 is asked for by name, a kept 2.0.1 case's 2.1 entry is proven
      // at the first profile it applies to (its 2.0.1 entry proves the same body at every profile).
      const keptOnce = (c: (typeof plan)[number]) =>
        !(sel.ocpp ?? []).includes('2.1') && c.meta.ocpp === '2.1' && c.meta.tags.includes('kept-from-2.0.1');
      for (const p of profiles) {
        const config = buildConfig({ securityProfile: p === undefined ? undefined : String(p), certs: o.certs }, true);
        await tlsMaterialFor(config, true);
        const one = await selfcheck({
          plan: plan.filter((c) => !keptOnce(c) || firstProfileOf(c.meta.securityProfiles, profiles) === p),
          config,
          concurrency: parseIntOption('--concurrency', o.concurrency, 1, 64) ?? 4,
          logPath: o.log && profiles.length > 1 ? `${o.log}.SP${p}` : o.log,
          // The variants multiply run time: each case proves them once, at the first selected
          // profile it applies to (a profile-3-only case at 3, not never).
          variants: which,
          variantPlan: plan.filter((c) => firstProfileOf(c.meta.securityProfiles, profiles) === p),
        });
        const sp = profiles.length > 1 ? `security profile ${p}: ` : '';
        for (const v of one.variants) (o.json ? io.stderr : io.stdout)(`${sp}${describeVariantRow(v)}\n`);
        report.cases += one.cases;
        report.passOnReference += one.passOnReference;
        report.failOnFault += one.failOnFault;
        report.notApplicable += one.notApplicable;
        report.problems.push(...one.problems.map((x) => (profiles.length > 1 ? `[SP${p}] ${x}` : x)));
        report.variants.push(...one.variants);
      }
      if (o.json) io.stdout(`${JSON.stringify(report)}\n`);
      else {
        for (const p of report.problems) io.stdout(`problem: ${p}\n`);
        io.stdout(
          `cases ${report.cases}, pass-on-reference ${report.passOnReference}, fail-on-fault ${report.failOnFault}, not-applicable ${report.notApplicable}\n`,
        );
      }
      exitCode = selfcheckClean(report) ? EXIT.ok : EXIT.fail;
    },
  );

  return parseProgram(program, argv, io, () => exitCode);
}

export { Option };
