import { defineCase } from '../../../../src/dsl.js';
import { describeOutcome, expectReachable, sendAndObserve } from '../../../../src/kit/index.js';

/** Message sizes sent, bounded: the largest is 2 MiB, once. */
const SIZES = [64 * 1024, 512 * 1024, 2 * 1024 * 1024];

export default defineCase(
  {
    id: 'SEC_DOS_01_CS',
    title: 'Oversized messages toward the station',
    ocpp: '2.0.1',
    sut: 'cs',
    block: 'DOS',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-DOS-01',
    severity: 'high',
    cwe: 'CWE-400',
    requirements: ['OCPPJ20-5.3', 'RFC6455-7.4.1'],
    purpose:
      'OCPP sets no message size limit, so a station needs its own. Single DataTransfer messages of 64 KiB, 512 KiB and 2 MiB are answered, or refused by closing with 1009 above the station\'s limit; either way the station stays up and is reachable again right after.',
    hint: 'Configure a maximum WebSocket message size (close 1009 above it) and keep memory per message bounded; the OCPP layer must reconnect after such a close.',
    fault: 'big-message-crash',
    timeoutMs: 60_000,
  },
  async (ctx) => {
    const { config } = ctx;
    await ctx.given('Booted');
    for (const size of SIZES) {
      const label = size >= 1024 * 1024 ? `${size / 1024 / 1024} MiB` : `${size / 1024} KiB`;
      ctx.step(`The harness sends a ${label} DataTransfer; the station answers it or closes with 1009`);
      const id = ctx.ids.next();
      const head = `[2,${JSON.stringify(id)},"DataTransfer",{"vendorId":"org.ocpp-harness.sec","messageId":"big","data":"`;
      const text = `${head}${'A'.repeat(size - head.length - 4)}"}]`;
      const out = await sendAndObserve(ctx, text, { ids: [id], within: config.timeouts.messageMs });
      ctx.note(`${label}: ${describeOutcome(out)}`);
      ctx.evidence(`${head}… (${text.length} bytes)`);
      if (out.kind === 'closed' && out.code !== 1009) ctx.nonStrict('RFC6455-7.4.1', `a ${label} message closed the connection with ${out.code}, not 1009`);
      if (out.kind === 'silent') ctx.nonStrict('OCPPJ20-5.3', `a ${label} message got no answer within ${config.timeouts.messageMs} ms`);
      ctx.step(`The station is reachable after the ${label} message`);
      await expectReachable(ctx, 'OCPPJ20-5.3', `after a ${label} message`);
    }
  },
);
