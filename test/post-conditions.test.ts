import { afterEach, describe, expect, it } from '@jest/globals';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry } from '../src/protocol/schemas.js';
import { counterIds, systemClock } from '../src/core/clock.js';
import { EventLog } from '../src/engine/eventlog.js';
import { RealCsmsLink, RealStationLink } from '../src/engine/links.js';
import { runCases, type CaseOutcome } from '../src/engine/runner.js';
import type { CaseDefinition } from '../src/engine/case.js';
import type { StepEvent } from '../src/engine/events.js';
import { defaultStates } from '../src/wiring/states.js';
import { defineCase, check } from '../src/dsl.js';
import {
  setBasicAuthPassword201,
  setVariable,
  randomPassword,
  getVariable,
  keepPasswordTheCsmsGave,
  ensureCsmsRoot,
  listInstalledCertificates,
  isListed,
  installAccepted,
  freshRoot,
  expectedHash,
} from '../src/kit/index.js';
import { station201 } from '../src/peers/station/v201/index.js';
import { csms201 } from '../src/peers/csms/v201/index.js';
import type { ReferencePeer } from '../src/engine/peer-contract.js';
import type { SutConfig } from '../src/core/config.js';
import { runAgainst, testConfig } from './support.js';

/**
 * Post-conditions (class 4 of issue 9): what a case changed on a real SUT is put back at case
 * end, pass or fail, so the next case does not start from it. The SUTs here keep their state
 * across cases, as real ones do (the reference link starts a fresh peer per case and hides this).
 */

const noAdapter = { name: 'none', perform: async () => ({ done: false as const, reason: 'no adapter in this test' }) };

async function run(
  defs: CaseDefinition[],
  config: SutConfig,
  link: RealCsmsLink | RealStationLink,
): Promise<{ out: CaseOutcome[]; log: EventLog }> {
  const log = new EventLog(undefined);
  const out = await runCases(defs, {
    config,
    link,
    log,
    clock: systemClock,
    ids: counterIds('pc'),
    schemas: new SchemaRegistry(),
    states: defaultStates(),
    concurrency: 1,
    abort: new AbortController().signal,
  });
  return { out, log };
}

const stepsOf = (log: EventLog, runKey: string) => log.events.filter((e): e is StepEvent => e.type === 'step' && e.runKey === runKey);

/**
 * A 1.6 central system like the one the issue met: it refuses a second transaction for an idTag
 * that already has one open (StartTransaction.conf ConcurrentTx) until that one is stopped.
 */
async function concurrentTxCentralSystem(): Promise<{ url: string; open: Map<string, number>; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'ocpp1.6' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const open = new Map<string, number>();
  let nextId = 100;
  const answer = (action: string, p: Record<string, unknown>): unknown => {
    switch (action) {
      case 'BootNotification':
        return { status: 'Accepted', currentTime: new Date().toISOString(), interval: 60 };
      case 'Heartbeat':
        return { currentTime: new Date().toISOString() };
      case 'Authorize':
        return { idTagInfo: { status: 'Accepted' } };
      case 'StartTransaction': {
        const idTag = String(p.idTag);
        const running = open.get(idTag);
        if (running !== undefined) return { idTagInfo: { status: 'ConcurrentTx' }, transactionId: running };
        open.set(idTag, ++nextId);
        return { idTagInfo: { status: 'Accepted' }, transactionId: nextId };
      }
      case 'StopTransaction':
        for (const [tag, id] of open) if (id === p.transactionId) open.delete(tag);
        return { idTagInfo: { status: 'Accepted' } };
      default:
        return {};
    }
  };
  wss.on('connection', (ws: WebSocket) =>
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as [number, string, string, Record<string, unknown>];
      if (f[0] === 2) ws.send(JSON.stringify([3, f[1], answer(f[2], f[3])]));
    }),
  );
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    open,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

const meta16Csms = (id: string) =>
  ({
    id,
    title: id,
    ocpp: '1.6',
    sut: 'csms',
    block: 'Core',
    requirements: ['OCPP16-4.8'],
    purpose: 'test',
    fault: 'none',
  }) as const;

describe('post-conditions: a transaction a failed case left running', () => {
  let closeCsms: (() => Promise<void>) | undefined;
  afterEach(async () => closeCsms?.());

  it('is ended at case end, so the next case does not get ConcurrentTx', async () => {
    const csms = await concurrentTxCentralSystem();
    closeCsms = csms.close;
    const config = testConfig();
    const leaves = defineCase(meta16Csms('T_LEAVES_TX'), async (ctx) => {
      await ctx.given('Charging');
      check(false, 'OCPP16-4.8', 'something the SUT did not do', 'a failure after the transaction started');
    });
    const next = defineCase(meta16Csms('T_NEXT_TX'), async (ctx) => {
      await ctx.given('Charging');
    });
    const { out, log } = await run([leaves, next], config, new RealCsmsLink({ target: csms.url, config, adapter: noAdapter }));
    expect(out.map((o) => o.result.verdict)).toEqual(['fail', 'pass']);
    const post = stepsOf(log, 'T_LEAVES_TX').filter((s) => s.postCondition);
    expect(post.map((s) => [s.title, s.status])).toEqual([[expect.stringMatching(/^Post-condition: end the transaction \d+/), 'pass']]);
    expect(csms.open.size).toBe(0);
  });

  it('a precondition the SUT refuses is inconclusive naming the state, not a fail', async () => {
    const csms = await concurrentTxCentralSystem();
    closeCsms = csms.close;
    const config = testConfig();
    // A transaction left open by someone else (an earlier run): the CSMS answers ConcurrentTx.
    csms.open.set(config.ids.validIdToken.idToken, 7);
    const next = defineCase(meta16Csms('T_BLOCKED'), async (ctx) => {
      await ctx.given('Charging');
    });
    const { out } = await run([next], config, new RealCsmsLink({ target: csms.url, config, adapter: noAdapter }));
    expect(out[0].result).toEqual({
      verdict: 'inconclusive',
      reason: expect.stringMatching(/^precondition Charging not reached: OCPP16-4\.8: .*ConcurrentTx/),
    });
  });
});

describe('post-conditions: settings a case changed on a station that keeps them', () => {
  let peer: ReferencePeer | undefined;
  let link: RealStationLink | undefined;
  afterEach(async () => {
    await peer?.stop();
    await link?.close();
  });

  /** The 2.0.1 reference station run as a real one: started once, it keeps its password and variables across cases. */
  async function persistentStation(config: SutConfig): Promise<RealStationLink> {
    link = new RealStationLink({
      host: '127.0.0.1',
      port: 0,
      version: '2.0.1',
      config,
      adapter: noAdapter,
      monotonic: () => performance.now(),
    });
    const port = await link.listen();
    peer = await station201.start({
      version: '2.0.1',
      validator: new SchemaRegistry().for('2.0.1'),
      faults: new Set(),
      config,
      clock: systemClock,
      ids: counterIds('st'),
      target: `ws://127.0.0.1:${port}/ocpp`,
      identity: config.stationId,
      basicAuthPassword: config.security.basicAuthPassword,
    });
    return link;
  }

  const meta201Cs = (id: string) =>
    ({
      id,
      title: id,
      ocpp: '2.0.1',
      sut: 'cs',
      block: 'A',
      requirements: ['A01.FR.01'],
      purpose: 'test',
      fault: 'none',
    }) as const;

  it('a password changed by a failed case is restored, so the next case is not refused with 401', async () => {
    const config = testConfig({}, { security: { profile: 1, basicAuthPassword: 'configured-password-0123' } });
    const changes = defineCase(meta201Cs('T_CHANGES_PASSWORD'), async (ctx) => {
      await ctx.given('Booted');
      const password = ctx.secret(randomPassword(24));
      ctx.csms.setBasicAuthPassword(password);
      const status = await setBasicAuthPassword201(ctx, password, 'A01.FR.01');
      check(status === 'Accepted', 'A01.FR.01', 'Accepted', status);
      check(false, 'A01.FR.01', 'something the station did not do', 'a failure after the password changed');
    });
    const next = defineCase(meta201Cs('T_AFTER_PASSWORD'), async (ctx) => {
      // The station reconnected with the restored password (a reconnect, not a reboot: no BootNotification).
      if (!ctx.csms.connection) await ctx.csms.expectConnection({ within: ctx.waits.reconnect });
      const r = await getVariable(ctx, 'OCPPCommCtrlr', 'HeartbeatInterval', 'A01.FR.01');
      check(r.attributeStatus === 'Accepted', 'A01.FR.01', 'an answer on a working connection', r);
    });
    const { out, log } = await run([changes, next], config, await persistentStation(config));
    expect(out.map((o) => o.result.verdict)).toEqual(['fail', 'pass']);
    const post = stepsOf(log, 'T_CHANGES_PASSWORD').filter((s) => s.postCondition);
    expect(post.map((s) => [s.title, s.status])).toEqual([['Post-condition: restore the configured Basic-auth password', 'pass']]);
  }, 20_000);

  it('a variable a failed case changed reads back with its old value in the next case', async () => {
    const config = testConfig();
    const changes = defineCase(meta201Cs('T_CHANGES_VARIABLE'), async (ctx) => {
      await ctx.given('Booted');
      await setVariable(ctx, 'OCPPCommCtrlr', 'HeartbeatInterval', '4321', 'A01.FR.01');
      check(false, 'A01.FR.01', 'something the station did not do', 'a failure after the change');
    });
    let seen: unknown;
    const next = defineCase(meta201Cs('T_READS_VARIABLE'), async (ctx) => {
      await ctx.given('Booted');
      seen = (await getVariable(ctx, 'OCPPCommCtrlr', 'HeartbeatInterval', 'A01.FR.01')).attributeValue;
    });
    const { out } = await run([changes, next], config, await persistentStation(config));
    expect(out.map((o) => o.result.verdict)).toEqual(['fail', 'pass']);
    expect(seen).not.toBe('4321');
  }, 20_000);
});

describe('post-conditions: a password the CSMS gave the harness station', () => {
  let peer: ReferencePeer | undefined;
  afterEach(async () => peer?.stop());

  it('is used by later cases when the CSMS lets the station in with it (no 401 after a failed case)', async () => {
    const config = testConfig({}, { security: { profile: 1, basicAuthPassword: 'configured-password-0123' } });
    // The 2.0.1 reference CSMS run as a real one: started once, it keeps the password it rotated.
    const csms = await csms201.start({
      version: '2.0.1',
      validator: new SchemaRegistry().for('2.0.1'),
      faults: new Set(),
      config,
      clock: systemClock,
      ids: counterIds('cs'),
      host: '127.0.0.1',
      port: 0,
      basicAuthPassword: config.security.basicAuthPassword,
    });
    peer = csms;
    const adapter = { name: 'reference', perform: (a: Parameters<ReferencePeer['perform']>[0]) => csms.perform(a) };
    const meta = (id: string) =>
      ({ id, title: id, ocpp: '2.0.1', sut: 'csms', block: 'A', requirements: ['A01.FR.01'], purpose: 'test', fault: 'none' }) as const;
    const rotates = defineCase(meta('T_CSMS_ROTATES'), async (ctx) => {
      await ctx.given('Booted');
      await ctx.manual(
        'csmsSend',
        { message: 'SetVariables', stationId: config.stationId, component: 'SecurityCtrlr', variable: 'BasicAuthPassword' },
        'rotate',
      );
      const req = await ctx.station.expectCall('SetVariables', { requirement: 'A01.FR.01' });
      const password = ctx.secret(String(req.payload.setVariableData[0]?.attributeValue));
      await ctx.station.reply(req, {
        setVariableResult: [{ attributeStatus: 'Accepted', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }],
      });
      keepPasswordTheCsmsGave(ctx, password);
      check(false, 'A01.FR.01', 'something the CSMS did not do', 'a failure after the password changed');
    });
    const next = defineCase(meta('T_AFTER_ROTATION'), async (ctx) => {
      await ctx.given('Booted');
    });
    const { out, log } = await run([rotates, next], config, new RealCsmsLink({ target: csms.url, config, adapter }));
    expect(out.map((o) => o.result.verdict)).toEqual(['fail', 'pass']);
    expect(
      stepsOf(log, 'T_CSMS_ROTATES')
        .filter((s) => s.postCondition)
        .map((s) => s.status),
    ).toEqual(['pass']);
  }, 20_000);
});

describe('preconditions: a CSMS root certificate is checked or installed, not assumed', () => {
  const meta = (id: string) =>
    ({ id, title: id, ocpp: '2.0.1', sut: 'cs', block: 'A', requirements: ['M05.FR.02'], purpose: 'test', fault: 'none' }) as const;
  /**
   * A station that no longer has the run's CSMS root (another CSMS root took its place, as after
   * TC_A_20 or an operator's change), then the precondition of a profile upgrade.
   */
  const body = defineCase(meta('T_ROOT_PRECONDITION'), async (ctx) => {
    await ctx.given('Booted');
    await installAccepted(ctx, 'CSMSRootCertificate', freshRoot(ctx, 'other CSMS root'), 'M05.FR.02');
    const ours = expectedHash(ctx.pki.csmsRoot);
    const del = await ctx.csms.call('DeleteCertificate', { certificateHashData: ours }, { requirement: 'M05.FR.02' });
    check(del.status === 'Accepted', 'M05.FR.02', 'the run CSMS root deleted', del);
    await ensureCsmsRoot(ctx);
    const after = await listInstalledCertificates(ctx, ['CSMSRootCertificate'], 'M05.FR.02');
    check(
      isListed(after.certificateHashDataChain, ctx.pki.csmsRoot, 'CSMSRootCertificate'),
      'M05.FR.02',
      'the run CSMS root listed',
      after,
    );
  });

  it('installs the run CSMS root when the station lacks it', async () => {
    const result = await runAgainst([body]);
    expect(result.outcomes[0].result).toEqual({ verdict: 'pass' });
  }, 20_000);
});
