import { check, defineCase } from '../../../src/dsl.js';

/**
 * Every OCPP 2.0.1 object may carry customData (a vendorId plus any vendor properties), so a
 * request carrying it is valid and is served as usual. What the station does with the vendor
 * properties is its own business: only that it answers with a normal CALLRESULT is judged.
 */
const CUSTOM = { vendorId: 'org.ocpp-harness', note: 'custom data probe', level: 3 };

export default defineCase(
  {
    id: 'TC_P_03_CS',
    title: 'CustomData - Receive custom data',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'P',
    profiles: ['Core'],
    requirements: ['OCPPJ20-4.2.1'],
    purpose:
      'The harness sends GetVariables and GetTransactionStatus carrying customData (top level and nested); the station answers each with its usual CALLRESULT.',
    fault: 'customdata-refused',
  },
  async (ctx) => {
    const { csms } = ctx;
    await ctx.given('Booted');

    ctx.step('GetVariables for OCPPCommCtrlr.HeartbeatInterval with customData in the request and in the component');
    const vars = await csms.untyped.callMayError(
      'GetVariables',
      {
        customData: CUSTOM,
        getVariableData: [{ component: { name: 'OCPPCommCtrlr', customData: CUSTOM }, variable: { name: 'HeartbeatInterval' } }],
      },
      { requirement: 'OCPPJ20-4.2.1' },
    );
    check(
      vars.kind === 'result',
      'OCPPJ20-4.2.1',
      'a CALLRESULT to GetVariables carrying customData',
      vars.kind === 'error' ? `CALLERROR ${vars.errorCode}` : vars.kind,
    );
    if (vars.kind === 'result') {
      const result = (vars.payload.getVariableResult as { attributeStatus?: string }[] | undefined)?.[0];
      ctx.expectOneOf(result?.attributeStatus, ['Accepted'], 'OCPPJ20-4.2.1', 'attributeStatus of HeartbeatInterval (served as usual)');
    }

    ctx.step('GetTransactionStatus with customData');
    const status = await csms.untyped.callMayError('GetTransactionStatus', { customData: CUSTOM }, { requirement: 'OCPPJ20-4.2.1' });
    check(
      status.kind === 'result',
      'OCPPJ20-4.2.1',
      'a CALLRESULT to GetTransactionStatus carrying customData',
      status.kind === 'error' ? `CALLERROR ${status.errorCode}` : status.kind,
    );
  },
);
