import { check, defineCase, defineCaseFamily, type CaseContext, type Payload, untypedContext } from '../../../src/dsl.js';
import {
  callsSince,
  fenceCall,
  harnessEndpoint,
  livenessCall,
  mark,
  negativeMatrix,
  RowVerdicts,
  runNegativeMatrix,
} from '../../../src/kit/index.js';

/**
 * SEC-RPC-06, schema-violating requests for every action the SUT receives, for both versions and
 * roles: one generator (kit: negativeMatrix, a fixed seed per case so a finding replays) and one
 * judgement (kit: runNegativeMatrix). Per version and role: the bounds of the matrix, realistic
 * base payloads, and what an executed request would have done on a station.
 */

const ROWS = [
  {
    id: 'SEC16_RPC_06_CS',
    ocpp: '1.6',
    sut: 'cs',
    title: 'Schema-violating requests for every central-system action are refused and not executed',
    severity: 'medium',
    purpose:
      'For every action a central system sends to a 1.6 charge point (Core, the other feature profiles and the security extensions), the harness sends up to three schema violations of a valid request: a required field removed, an undeclared field, a wrong JSON type, null for an optional field, a string one past its maximum, a value outside its enum, an empty payload. Each is answered with a CALLERROR (the exact 1.6 code is a SHOULD) and none is executed: no transaction is started, no reset happens, the session stays up.',
    hint: 'Validate every inbound request against its OCPP 1.6 JSON schema before acting on it and answer violations with FormationViolation, OccurenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation; in particular never start a transaction or reset from a request that failed validation.',
    fault: 'cp-remote-start-skips-validation',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-5.11', 'OCPP16-5.14'],
    seed: 'SEC16_RPC_06_CS/v1',
    bounds: { perAction: 3, maxFrames: 240 },
    judge: { executed: 'OCPPJ16-4.2.3', session: 'OCPPJ16-4.2.3', code: 'OCPPJ16-4.2.3' },
  },
  {
    id: 'SEC16_RPC_06_CSMS',
    ocpp: '1.6',
    sut: 'csms',
    title: 'Schema-violating requests for every charge-point action are refused; a mutated BootNotification is never Accepted',
    severity: 'medium',
    purpose:
      'For every action a 1.6 charge point sends (Core, the other feature profiles and the security extensions), the harness sends up to four schema violations of a valid request: a required field removed, an undeclared field, a wrong JSON type, null for an optional field, a string one past its maximum, a value outside its enum, an empty payload. Each is answered with a CALLERROR (the exact 1.6 code is a SHOULD); none is accepted: in particular an invalid BootNotification is not Accepted and an invalid StartTransaction gets no transaction.',
    hint: 'Validate every inbound request against its OCPP 1.6 JSON schema before business logic and answer violations with FormationViolation, OccurenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation; never register, authorize or bill from a request that failed validation.',
    fault: 'cs-boot-skips-validation',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-4.2'],
    seed: 'SEC16_RPC_06_CSMS/v1',
    bounds: { perAction: 4, maxFrames: 240 },
    judge: { executed: 'OCPPJ16-4.2.3', session: 'OCPPJ16-4.2.3', code: 'OCPPJ16-4.2.3' },
  },
  {
    id: 'SEC_RPC_06_CS',
    ocpp: '2.0.1',
    sut: 'cs',
    title: 'Schema-violating requests for every CSMS-to-station action',
    severity: 'high',
    purpose:
      'For every action a CSMS sends to a station, requests that break the 2.0.1 schema (a required field removed, a wrong type, a value outside its enum, a string one past its maximum, a bad date-time, an undeclared property) are answered with a CALLERROR of the schema family and are not executed: with the cable plugged in, no transaction starts and the station does not reset.',
    hint: 'Validate every incoming request against its JSON schema before acting on it; answer FormatViolation, OccurrenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation and leave the state untouched.',
    fault: 'schema-unchecked-request-start',
    requirements: ['OCPPJ20-4.2.3', 'OCPPJ20-4.3'],
    seed: 'SEC_RPC_06_CS/1',
    bounds: { perAction: 3, maxFrames: 240 },
    judge: { executed: 'OCPPJ20-4.2.3', session: 'OCPPJ20-4.2.3', code: 'OCPPJ20-4.3' },
    timeoutMs: 120_000,
  },
  {
    id: 'SEC_RPC_06_CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    title: 'Schema-violating requests for every station-to-CSMS action',
    severity: 'high',
    purpose:
      'For every action a station sends to a CSMS, requests that break the 2.0.1 schema (a required field removed, an empty payload, a wrong type, null for an optional field, a value outside its enum or its length, a bad date-time, an undeclared property) are answered with a CALLERROR and never accepted: a broken BootNotification is not Accepted, and the CSMS keeps serving the session.',
    hint: 'Validate every incoming request against its JSON schema before any business logic runs; answer FormatViolation, OccurrenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation, and make sure no input (such as an empty BootNotification) can take the service down.',
    fault: 'crash-on-empty-boot',
    requirements: ['OCPPJ20-4.2.3', 'OCPPJ20-4.1.2'],
    seed: 'SEC_RPC_06_CSMS/1',
    bounds: { perAction: 1000, maxFrames: 240 },
    judge: { executed: 'OCPPJ20-4.2.3', session: 'OCPPJ20-4.1.2', code: 'OCPPJ20-4.2.3' },
    timeoutMs: 120_000,
  },
] as const;

/** Generation per version: 1.6 keeps strings short, 2.0.1 generates at the schema's bounds. */
const GENERATION = {
  '1.6': {
    maxStringLength: 16,
    nestingDepth: 4,
    hugeLength: 64,
  },
  '2.0.1': { nestingDepth: 8, hugeLength: 256 },
} as const;

/** Realistic valid requests where a generated one would not reach the logic worth attacking (1.6). */
function basePayloads(ctx: CaseContext): Record<string, Payload> {
  if (ctx.ocpp !== '1.6') return {};
  const { config } = ctx;
  const { connectorId } = config.ids;
  const idTag = config.ids.validIdToken.idToken;
  const now = ctx.nowIso();
  if (ctx.meta.sut === 'cs') {
    return {
      RemoteStartTransaction: { connectorId, idTag },
      ChangeConfiguration: { key: 'HeartbeatInterval', value: String(config.timeouts.heartbeatIntervalS) },
      Reset: { type: 'Soft' },
    };
  }
  return {
    BootNotification: {
      chargePointVendor: 'ocpp-harness',
      chargePointModel: 'HarnessChargePoint',
      chargePointSerialNumber: 'HARNESS-0001',
    },
    Authorize: { idTag },
    StartTransaction: { connectorId, idTag, meterStart: 0, timestamp: now },
    StopTransaction: { transactionId: 1, meterStop: 10, timestamp: now },
    StatusNotification: { connectorId, errorCode: 'NoError', status: 'Available', timestamp: now },
    MeterValues: { connectorId, meterValue: [{ timestamp: now, sampledValue: [{ value: '10' }] }] },
  };
}

/**
 * What an executed request would have done on a station, per version: set up before the matrix,
 * checked after it (a 2.0.1 station has the cable plugged in, so a remote start would charge).
 */
async function watchEffects(ctx: CaseContext): Promise<() => Promise<void>> {
  if (ctx.meta.sut === 'csms') return async () => undefined;
  const { csms, config } = ctx;
  if (ctx.ocpp === '1.6') {
    const since = ctx.clock.monotonic();
    return async () => {
      ctx.step('Nothing was executed: no transaction started or authorization held, no reboot');
      const after = (action: string) => csms.receivedCalls(action).filter((c) => c.at >= since);
      const started = [...after('StartTransaction'), ...after('StatusNotification').filter((c) => c.payload.status === 'Preparing')];
      check(
        started.length === 0,
        'OCPP16-5.11',
        'no StartTransaction and no Preparing connector after invalid RemoteStartTransaction requests',
        started.map((c) => c.payload),
      );
      check(
        after('BootNotification').length === 0,
        'OCPP16-5.14',
        'no BootNotification (no reset executed) after invalid Reset requests',
        after('BootNotification').map((c) => c.payload),
      );
    };
  }
  ctx.step('An EV is plugged in, so that an executed RequestStartTransaction would start charging');
  await ctx.given('EVConnectedPreSession');
  csms.respondTo('TransactionEvent', (c) => (c.payload.idToken ? { idTokenInfo: { status: 'Accepted' } } : {}));
  const before = mark(csms);
  return async () => {
    ctx.step('Nothing was executed: no transaction started and no reboot');
    await csms.wait(ctx.waits.silence);
    const effects = callsSince(csms, before).filter(
      (c) => c.action === 'BootNotification' || (c.action === 'TransactionEvent' && c.payload.eventType === 'Started'),
    );
    check(
      effects.length === 0,
      'OCPPJ20-4.2.3',
      'no TransactionEvent Started and no BootNotification after the refused requests',
      effects.map((c) => `${c.action} ${JSON.stringify(c.payload).slice(0, 160)}`).join('; '),
    );
    ctx.step('The EV is unplugged again');
    await ctx.manual(
      'unplug',
      { evseId: config.ids.evseId, connectorId: config.ids.connectorId },
      'Unplug the EV cable from the configured EVSE and connector.',
    );
  };
}

export default defineCaseFamily(ROWS, ({ seed, bounds, judge, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-06',
      cwe: 'CWE-20',
    },
    async (ctx) => {
      const generation = GENERATION[row.ocpp];
      await ctx.given('Booted');
      const effects = await watchEffects(untypedContext(ctx));
      const matrix = negativeMatrix(ctx, row.sut === 'cs' ? 'to-cs' : 'to-csms', seed, {
        ...bounds,
        ...generation,
        basePayloads: basePayloads(untypedContext(ctx)),
      });
      ctx.note(`negative matrix: ${matrix.length} frames over ${new Set(matrix.map((m) => m.action)).size} actions (seed ${seed})`);
      const endpoint = harnessEndpoint(ctx);
      // Every row and both controls are recorded before the verdict (kit: RowVerdicts).
      const rows = new RowVerdicts(ctx);
      const { conn } = await runNegativeMatrix(ctx, endpoint, matrix, judge, rows);
      const fence = livenessCall(ctx);
      await rows.control('The session is intact: the same connection still answers', async () => {
        await fenceCall(ctx, endpoint, conn, fence.action, fence.payload, judge.session);
      });
      await rows.control('Nothing was executed', effects);
      rows.verdict();
    },
  ),
);
