import { defineCase } from '../../../../src/dsl.js';
import { fenceCall, negativeMatrix16, runNegativeMatrix16 } from '../../../../src/kit/index.js';

/** Schema mutations per action (distinct mutators); the seed keeps the matrix identical run to run. */
const PER_ACTION = 3;
const SEED = 'SEC16_RPC_06_CS/v1';

export default defineCase(
  {
    id: 'SEC16_RPC_06_CS',
    title: 'Schema-violating requests for every central-system action are refused and not executed',
    ocpp: '1.6',
    sut: 'cs',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-06',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-5.11', 'OCPP16-5.14'],
    purpose:
      'For every action a central system sends to a 1.6 charge point (Core, the other feature profiles and the security extensions), the harness sends up to three schema violations of a valid request: a required field removed, an undeclared field, a wrong JSON type, null for an optional field, a string one past its maximum, a value outside its enum, an empty payload. Each is answered with a CALLERROR (the exact 1.6 code is a SHOULD) and none is executed: no transaction is started, no reset happens, the session stays up.',
    hint: 'Validate every inbound request against its OCPP 1.6 JSON schema before acting on it and answer violations with FormationViolation, OccurenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation; in particular never start a transaction or reset from a request that failed validation.',
    fault: 'cp-remote-start-skips-validation',
  },
  async (ctx) => {
    const { csms, config } = ctx;
    await ctx.given('Booted');
    const since = ctx.clock.monotonic();
    const matrix = negativeMatrix16(ctx, 'to-cs', SEED, PER_ACTION, {
      RemoteStartTransaction: { connectorId: config.ids.connectorId, idTag: config.ids.validIdToken.idToken },
      ChangeConfiguration: { key: 'HeartbeatInterval', value: String(config.timeouts.heartbeatIntervalS) },
      Reset: { type: 'Soft' },
    });
    ctx.note(`matrix seed ${SEED}: ${matrix.length} mutations`);

    ctx.step(`The harness sends ${matrix.length} schema-violating requests, one at a time; each is answered with a CALLERROR`);
    const { conn } = await runNegativeMatrix16(ctx, csms, matrix, 'OCPPJ16-4.2.3', 'OCPPJ16-4.2.3');

    ctx.step('The session is intact: the same connection still answers GetConfiguration');
    await fenceCall(ctx, csms, conn, 'GetConfiguration', { key: ['HeartbeatInterval'] }, 'OCPPJ16-4.2.3');

    ctx.step('Nothing was executed: no transaction started or authorization held, no reboot');
    const after = (action: string) => csms.receivedCalls(action).filter((c) => c.at >= since);
    const starts = after('StartTransaction');
    const preparing = after('StatusNotification').filter((c) => c.payload.status === 'Preparing');
    ctx.check(starts.length === 0 && preparing.length === 0, 'OCPP16-5.11', 'no StartTransaction and no Preparing connector after invalid RemoteStartTransaction requests', [...starts, ...preparing].map((c) => c.payload));
    ctx.check(after('BootNotification').length === 0, 'OCPP16-5.14', 'no BootNotification (no reset executed) after invalid Reset requests', after('BootNotification').map((c) => c.payload));
  },
);
