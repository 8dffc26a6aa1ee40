import { setMaxListeners } from 'node:events';
import { check, defineCase, defineCaseFamily, present, serializeCall, type Payload } from '../../../src/dsl.js';
import { harnessEndpoint, servedAgain } from '../../../src/kit/index.js';

/**
 * SEC-DOS-03, a bounded flood of valid calls, for both roles: 200 calls sent in one burst,
 * without waiting for answers. The SUT may answer, throttle with a CALLERROR or drop
 * them, but every answer that comes belongs to its own call; afterwards it serves the harness
 * again (a CSMS on a fresh connection of the station). The calls are the role's reads: five
 * station variables, or Heartbeats to a CSMS.
 */

const MAX_CALLS = 200;

const ROWS = [
  {
    id: 'SEC_DOS_03_CS',
    sut: 'cs',
    title: 'Flood of valid calls toward the station',
    purpose: `${MAX_CALLS} valid GetVariables calls sent back to back may be answered, throttled with a CALLERROR, or dropped, but every answer that comes must belong to its own call, and the station keeps working afterwards.`,
    hint: 'Under load, queue or refuse requests (CALLERROR, closing the socket) but never mix up state: each answer carries the message id of the call it answers.',
    fault: 'flood-mixes-responses',
    requirements: ['OCPPJ20-4.2.2', 'OCPPJ20-4.1.1'],
    roles: { correlated: 'OCPPJ20-4.2.2', served: 'OCPPJ20-4.1.1' },
  },
  {
    id: 'SEC_DOS_03_CSMS',
    sut: 'csms',
    title: 'Bounded flood of valid Heartbeats toward the CSMS',
    purpose: `A station that fires ${MAX_CALLS} valid Heartbeats at once may be throttled or disconnected, but the CSMS does not corrupt its answers and keeps serving: a fresh connection of the station gets its Heartbeat answered promptly afterwards.`,
    hint: 'Rate-limit per connection (answer a CALLERROR, delay, or close the abusive session) and keep message handling bounded so one noisy station cannot stall the service for others.',
    fault: 'heartbeat-flood-stall',
    requirements: ['SEC-DOS-03', 'B01.FR.04'],
    roles: { correlated: 'B01.FR.04', served: 'SEC-DOS-03' },
  },
] as const;

/** A call of the flood and how its own answer is recognised. */
interface Flooded {
  what: string;
  action: string;
  payload: Payload;
  fits: (answer: Payload) => boolean;
}

const VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['OCPPCommCtrlr', 'HeartbeatInterval'],
  ['TxCtrlr', 'EVConnectionTimeOut'],
  ['AuthCtrlr', 'AuthorizeRemoteStart'],
  ['SampledDataCtrlr', 'TxUpdatedInterval'],
  ['AlignedDataCtrlr', 'Interval'],
];

const KINDS: Record<'cs' | 'csms', Flooded[]> = {
  cs: VARIABLES.map(([component, variable]) => ({
    what: `GetVariables ${variable}`,
    action: 'GetVariables',
    payload: { getVariableData: [{ component: { name: component }, variable: { name: variable } }] },
    fits: (a) => a.getVariableResult?.[0]?.variable?.name === variable,
  })),
  csms: [
    {
      what: 'Heartbeat',
      action: 'Heartbeat',
      payload: {},
      fits: (a) => typeof a.currentTime === 'string' && !Number.isNaN(Date.parse(a.currentTime)),
    },
  ],
};

export default defineCaseFamily(ROWS, ({ roles, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      ocpp: '2.0.1',
      block: 'DOS',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-DOS-03',
      severity: 'medium',
      cwe: 'CWE-400',
    },
    async (ctx) => {
      const endpoint = harnessEndpoint(ctx);
      await ctx.given('Booted');
      const conn = present(endpoint.connection, roles.served, 'a connection to the SUT', 'none');

      ctx.step(`The harness sends ${MAX_CALLS} valid calls in one burst, without waiting for answers`);
      // Each outstanding wait listens on the case's abort signal.
      setMaxListeners(MAX_CALLS + 32, ctx.abort);
      const kinds = KINDS[row.sut];
      const sent = Array.from({ length: MAX_CALLS }, (_, i) => {
        const kind = kinds[i % kinds.length];
        const id = ctx.ids.next();
        return { id, kind, frame: serializeCall(id, kind.action, kind.payload) };
      });
      const start = performance.now();
      // One burst: calls that arrive while earlier ones are still being handled are the point.
      await Promise.all(sent.map((s) => conn.send(s.frame)));
      ctx.note(`flood: ${sent.length} calls sent in ${Math.round(performance.now() - start)} ms`);
      const outcomes = await Promise.allSettled(
        sent.map((s) => endpoint.awaitResponse(s.id, s.kind.what, conn, { within: ctx.waits.message, requirement: roles.correlated })),
      );

      ctx.step('Every answer that came belongs to its own call');
      let results = 0;
      let errors = 0;
      outcomes.forEach((o, i) => {
        if (o.status !== 'fulfilled') return;
        if (o.value.kind === 'error') {
          errors++;
          return;
        }
        results++;
        const fits = sent[i].kind.fits(o.value.payload);
        if (!fits) ctx.evidence(sent[i].frame);
        check(
          fits,
          roles.correlated,
          `the answer to ${sent[i].id} is the one for ${sent[i].kind.what}`,
          JSON.stringify(o.value.payload).slice(0, 200),
        );
      });
      ctx.note(
        `flood answers: ${results} CALLRESULT, ${errors} CALLERROR, ${sent.length - results - errors} unanswered${conn.closed ? `; the SUT closed the connection (code ${conn.closed.code})` : ''}`,
      );

      ctx.step('The SUT serves the harness again (a CSMS on a fresh connection of the station)');
      const t0 = performance.now();
      await servedAgain(ctx, roles.served, {
        what: 'after the flood',
        fresh: true,
        culprit: `${sent.length} valid calls sent back to back`,
      });
      ctx.note(`answered again ${Math.round(performance.now() - t0)} ms after the flood`);
    },
  ),
);
