import { check, defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { describeOutcome, sendAndObserve, servedAgain } from '../../../src/kit/index.js';

/**
 * SEC-DOS-01, single oversized but well-formed messages, for both roles: the union of the former
 * cases' sizes. Each is answered, or refused by closing that connection with 1009; a message
 * nobody answers on a session left open is a stall. Afterwards the SUT serves the harness again.
 */

/** Message sizes, bounded: the largest is 2 MiB, once. */
const SIZES = [64 * 1024, 512 * 1024, 1024 * 1024, 2 * 1024 * 1024];

const ROWS = [
  {
    id: 'SEC_DOS_01_CS',
    sut: 'cs',
    title: 'Oversized messages toward the station',
    cwe: 'CWE-400',
    purpose:
      "OCPP sets no message size limit, so a station needs its own. Single DataTransfer messages of 64 KiB, 512 KiB, 1 MiB and 2 MiB are answered, or refused by closing with 1009 above the station's limit; either way the station stays up and is reachable again right after.",
    hint: 'Configure a maximum WebSocket message size (close 1009 above it) and keep memory per message bounded; the OCPP layer must reconnect after such a close.',
    fault: 'big-message-crash',
    requirements: ['OCPPJ20-5.3', 'RFC6455-7.4.1'],
    code: 'RFC6455-7.4.1',
    timeoutMs: 60_000,
  },
  {
    id: 'SEC_DOS_01_CSMS',
    sut: 'csms',
    title: 'Oversized messages toward the CSMS (64 kB and 1 MB)',
    cwe: 'CWE-770',
    purpose:
      'A single large but well-formed DataTransfer (64 KiB, 512 KiB, 1 MiB, then 2 MiB) is either processed, answered with a CALLERROR, or refused by closing that one connection with 1009 (message too big); the CSMS itself stays up and serves the station again right after.',
    hint: 'Set an explicit maximum message size on the WebSocket server (and document it); close with 1009 or answer a CALLERROR above it, never buffer without limit or let one message take the service down.',
    fault: 'oversized-message-crash',
    requirements: ['SEC-DOS-01', 'OCPPJ20-4.2.3'],
    code: 'SEC-DOS-01',
  },
] as const;

const label = (size: number) => (size >= 1024 * 1024 ? `${size / 1024 / 1024} MiB` : `${size / 1024} KiB`);

export default defineCaseFamily(ROWS, ({ code, ...row }) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      ocpp: '2.0.1',
      block: 'DOS',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-DOS-01',
      severity: 'high',
    },
    async (ctx) => {
      const [served] = row.requirements;
      await ctx.given('Booted');
      for (const size of SIZES) {
        ctx.step(`The harness sends a ${label(size)} DataTransfer; the SUT answers it or closes the connection with 1009`);
        const id = ctx.ids.next();
        const head = `[2,${JSON.stringify(id)},"DataTransfer",{"vendorId":"org.ocpp-harness.sec","messageId":"big","data":"`;
        const text = `${head}${'A'.repeat(size - head.length - 4)}"}]`;
        const culprit = `${head}… (${text.length} bytes)`;
        const out = await sendAndObserve(ctx, text, { ids: [id], within: ctx.waits.message });
        ctx.note(`${label(size)}: ${describeOutcome(out)}`);
        if (out.kind === 'silent') ctx.evidence(culprit);
        check(
          out.kind !== 'silent',
          served,
          `an answer to the ${label(size)} message, or a close with 1009`,
          `no answer within ${ctx.waits.message} ms and the connection stayed open`,
        );
        if (out.kind === 'closed' && out.code !== 1009)
          ctx.nonStrict(code, `a ${label(size)} message closed the connection with ${out.code}; 1009 (message too big) tells the peer why`);
        ctx.step(`After the ${label(size)} message the SUT serves the harness again`);
        await servedAgain(ctx, served, { what: `after the ${label(size)} message`, culprit });
      }
    },
  ),
);
