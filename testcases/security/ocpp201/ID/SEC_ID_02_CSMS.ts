import { defineCase } from '../../../../src/dsl.js';
import { RawStation, authHeaders, callArrivedOn, waitUntil } from '../../../../src/kit/index.js';

export default defineCase(
  {
    id: 'SEC_ID_02_CSMS',
    title: 'A silent clone with valid credentials does not shadow the live station',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'ID',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-ID-02',
    severity: 'high',
    cwe: 'CWE-613',
    cve: 'CVE-2026-24912',
    requirements: ['SEC-ID-02', 'OCPPJ20-5.3'],
    purpose:
      "A clone that connects with the station's identity and valid (copied) credentials and then never answers pings or sends anything must not end up as a shadow: the CSMS either refuses it or keeps exactly one of the two sessions, and its commands reach only that one. A CSMS that let the clone win should then notice that it does not answer pings.",
    hint: 'Allow one session per identity; before giving an identity to a new connection, check the existing session with a ping, keep the one that answers, log a security event naming both peers, and route commands to the single live session.',
    fault: 'clone-hijacks-commands',
  },
  async (ctx) => {
    const { station, config } = ctx;
    await ctx.given('Booted');
    const orig = station.connection!;
    let clone: RawStation | undefined;
    try {
      ctx.step(`A clone connects as ${config.stationId} with valid credentials and then stays silent (no pongs)`);
      const opened = await RawStation.open(ctx, 'clone', { identity: config.stationId, headers: authHeaders(ctx) });
      clone = opened.raw;
      if (!clone) {
        ctx.note(`the clone was refused (${opened.result.status !== undefined ? `HTTP ${opened.result.status}` : opened.result.error})`);
        ctx.check(
          opened.result.status === undefined || opened.result.status < 500,
          'SEC-ID-02',
          'a 4xx refusal of the clone',
          `HTTP ${opened.result.status}`,
        );
      } else {
        const settled = await waitUntil(
          ctx,
          () => orig.closed !== undefined || !clone!.open || clone!.closeCode !== undefined,
          config.timeouts.messageMs,
        );
        if (!settled) ctx.evidence(`two open sessions for ${config.stationId}: ${orig.label} and a silent clone`);
        ctx.check(
          settled,
          'SEC-ID-02',
          'the CSMS keeps only one session for the identity',
          `the live session and the clone were both open after ${config.timeouts.messageMs} ms`,
        );
        ctx.note(
          orig.closed
            ? `the clone replaced the live session (closed with code ${orig.closed.code})`
            : 'the clone was closed after the upgrade',
        );
      }

      ctx.step('A command reaches exactly one session');
      await ctx.manual(
        'csmsSend',
        { message: 'TriggerMessage', stationId: config.stationId, requestedMessage: 'Heartbeat' },
        `Make the CSMS send TriggerMessage (Heartbeat) to station ${config.stationId}`,
      );
      if (!orig.closed) {
        const call = await callArrivedOn(ctx, orig, 'TriggerMessage', config.timeouts.messageMs);
        ctx.check(
          call !== undefined && (clone?.callsOf('TriggerMessage').length ?? 0) === 0,
          'SEC-ID-02',
          'TriggerMessage on the live session only',
          call ? 'it also reached the clone' : 'it did not reach the live session',
        );
        await orig.send(JSON.stringify([3, (call!.frame as { messageId: string }).messageId, { status: 'Accepted' }]));
      } else {
        const got = await waitUntil(ctx, () => (clone?.callsOf('TriggerMessage').length ?? 0) > 0, config.timeouts.messageMs);
        ctx.check(got, 'SEC-ID-02', 'TriggerMessage on the one remaining session (the clone)', 'it reached no session');
        ctx.step('The clone answers no pings; the CSMS should detect it and drop it');
        const dropped = await waitUntil(ctx, () => !clone!.open || clone!.closeCode !== undefined, config.timeouts.messageMs);
        if (!dropped)
          ctx.nonStrict(
            'OCPPJ20-5.3',
            `the clone answered no pings and was still open ${config.timeouts.messageMs} ms later (it received ${clone!.pings} ping(s))`,
          );
      }
      ctx.note('whether the CSMS logged a security event naming both peers is not visible on the wire');
    } finally {
      clone?.destroy();
    }
  },
);
