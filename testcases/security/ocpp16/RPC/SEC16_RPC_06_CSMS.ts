import { defineCase } from '../../../../src/dsl.js';
import { fenceCall, negativeMatrix16, runNegativeMatrix16 } from '../../../../src/kit/index.js';

/** Schema mutations per action (distinct mutators); the seed keeps the matrix identical run to run. */
const PER_ACTION = 4;
const SEED = 'SEC16_RPC_06_CSMS/v1';

export default defineCase(
  {
    id: 'SEC16_RPC_06_CSMS',
    title: 'Schema-violating requests for every charge-point action are refused; a mutated BootNotification is never Accepted',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-06',
    severity: 'medium',
    cwe: 'CWE-20',
    requirements: ['OCPPJ16-4.2.3', 'OCPP16-4.2'],
    purpose:
      'For every action a 1.6 charge point sends (Core, the other feature profiles and the security extensions), the harness sends up to four schema violations of a valid request: a required field removed, an undeclared field, a wrong JSON type, null for an optional field, a string one past its maximum, a value outside its enum, an empty payload. Each is answered with a CALLERROR (the exact 1.6 code is a SHOULD); none is accepted: in particular an invalid BootNotification is not Accepted and an invalid StartTransaction gets no transaction.',
    hint: 'Validate every inbound request against its OCPP 1.6 JSON schema before business logic and answer violations with FormationViolation, OccurenceConstraintViolation, PropertyConstraintViolation or TypeConstraintViolation; never register, authorize or bill from a request that failed validation.',
    fault: 'cs-boot-skips-validation',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const now = ctx.nowIso();
    const idTag = config.ids.validIdToken.idToken;
    const connectorId = config.ids.connectorId;
    const matrix = negativeMatrix16(ctx, 'to-csms', SEED, PER_ACTION, {
      BootNotification: { chargePointVendor: 'ocpp-harness', chargePointModel: 'HarnessChargePoint', chargePointSerialNumber: 'HARNESS-0001' },
      Authorize: { idTag },
      StartTransaction: { connectorId, idTag, meterStart: 0, timestamp: now },
      StopTransaction: { transactionId: 1, meterStop: 10, timestamp: now },
      StatusNotification: { connectorId, errorCode: 'NoError', status: 'Available', timestamp: now },
      MeterValues: { connectorId, meterValue: [{ timestamp: now, sampledValue: [{ value: '10' }] }] },
    });
    ctx.note(`matrix seed ${SEED}: ${matrix.length} mutations`);

    ctx.step(`The harness sends ${matrix.length} schema-violating requests, one at a time; each is answered with a CALLERROR`);
    const { conn } = await runNegativeMatrix16(ctx, station, matrix, 'OCPPJ16-4.2.3', 'OCPPJ16-4.2.3');

    ctx.step('The session is intact: the same connection still answers a valid Heartbeat');
    await fenceCall(ctx, station, conn, 'Heartbeat', {}, 'OCPPJ16-4.2.3');
  },
);
