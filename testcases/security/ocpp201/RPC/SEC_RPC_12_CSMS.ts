import { defineCase } from '../../../../src/dsl.js';
import { RawStation, authHeaders, bootPayload, waitUntil } from '../../../../src/kit/index.js';

/** Offers without a subprotocol this 2.0.1 CSMS must pick (ocpp1.6 may be picked by a multi-version CSMS). */
const UNSUPPORTED: ReadonlyArray<readonly [string, string | null]> = [
  ['no Sec-WebSocket-Protocol header', null],
  ['only an unknown subprotocol', 'ocpp9.9'],
  ['ocpp2.0.1 in upper case', 'OCPP2.0.1'],
  ['only ocpp1.6', 'ocpp1.6'],
];
const SUPPORTED: ReadonlyArray<readonly [string, string]> = [
  ['ocpp2.0.1 before ocpp1.6', 'ocpp2.0.1, ocpp1.6'],
  ['ocpp1.6 before ocpp2.0.1', 'ocpp1.6, ocpp2.0.1'],
  ['ocpp2.0.1 twice', 'ocpp2.0.1, ocpp2.0.1'],
];

export default defineCase(
  {
    id: 'SEC_RPC_12_CSMS',
    title: 'Subprotocol negotiation matrix at the CSMS',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-12',
    severity: 'medium',
    cwe: 'CWE-436',
    requirements: ['OCPPJ20-3.2', 'OCPPJ20-3.1.2'],
    purpose:
      'An upgrade that offers no subprotocol the CSMS supports (none, an unknown one, a wrongly cased ocpp2.0.1) is completed without a Sec-WebSocket-Protocol header and closed at once, not kept as an OCPP session; an offer that includes ocpp2.0.1 gets exactly ocpp2.0.1 (or another offered version) and the CSMS then speaks 2.0.1. A subprotocol that was not offered is never selected.',
    hint: 'Select a subprotocol only from the client\'s list with an exact, case-sensitive match. When none is supported, finish the handshake without the header and close the WebSocket immediately (do not fall back to a default version).',
    fault: 'subprotocol-missing-accepted',
  },
  async (ctx) => {
    const { config } = ctx;
    const id = config.stationId;
    const opened: RawStation[] = [];
    try {
      for (const [what, protocols] of UNSUPPORTED) {
        ctx.step(`Upgrade with ${what}: 101 without a subprotocol and an immediate close`);
        const { result, raw } = await RawStation.open(ctx, `raw(${protocols ?? 'none'})`, { identity: id, protocols, headers: authHeaders(ctx) });
        if (raw) opened.push(raw);
        const status = result.status;
        const request = `GET …/${id} (Upgrade: websocket) ${protocols === null ? 'without Sec-WebSocket-Protocol' : `Sec-WebSocket-Protocol: ${protocols}`}`;
        if (status === undefined || status >= 500) ctx.evidence(request);
        ctx.check(status !== undefined, 'OCPPJ20-3.2', `an HTTP answer to an upgrade with ${what}`, result.error ?? 'no answer');
        ctx.check(status! < 500, 'OCPPJ20-3.2', `no server error for an upgrade with ${what}`, `HTTP ${status}`);
        if (status !== 101) {
          ctx.nonStrict('OCPPJ20-3.2', `an upgrade with ${what} was refused with HTTP ${status}; the CSMS should complete it without a subprotocol and then close`);
          continue;
        }
        const selected = result.headers['sec-websocket-protocol'];
        if (selected !== undefined && !(protocols ?? '').split(',').map((p) => p.trim()).includes(selected)) ctx.evidence(request);
        if (selected !== undefined) {
          const offered = (protocols ?? '').split(',').map((p) => p.trim());
          ctx.check(offered.includes(selected), 'OCPPJ20-3.2', `no subprotocol, or one that was offered, for ${what}`, `Sec-WebSocket-Protocol: ${selected}`);
          if (selected === 'ocpp1.6') {
            ctx.note('the CSMS selected ocpp1.6: it also serves OCPP 1.6 on this endpoint');
            raw?.destroy();
            continue;
          }
          ctx.nonStrict('OCPPJ20-3.2', `the CSMS selected ${JSON.stringify(selected)} for ${what}; a subprotocol name is matched exactly`);
          raw?.destroy();
          continue;
        }
        const closed = await waitUntil(ctx, () => !raw!.open || raw!.closeCode !== undefined, config.timeouts.messageMs);
        if (!closed) ctx.evidence(`${request} -> 101 without a subprotocol, connection kept open`);
        ctx.note(`${what}: ${closed ? `closed by the CSMS${raw!.closeCode !== undefined ? ` with code ${raw!.closeCode}` : ' without a close frame'}` : 'still open'}`);
        ctx.check(closed, 'OCPPJ20-3.2', `the CSMS closes the connection opened with ${what} at once`, `still open after ${config.timeouts.messageMs} ms: the session was kept without a negotiated OCPP version`);
        raw!.destroy();
      }
      for (const [what, protocols] of SUPPORTED) {
        ctx.step(`Upgrade offering ${what}: a subprotocol from the offer, and the CSMS speaks it`);
        const { result, raw } = await RawStation.open(ctx, `raw(${protocols})`, { identity: id, protocols, headers: authHeaders(ctx) });
        if (raw) opened.push(raw);
        const status = result.status;
        ctx.check(status !== undefined && status < 500, 'OCPPJ20-3.2', `an HTTP answer below 500 to an upgrade offering ${what}`, result.error ?? `HTTP ${status}`);
        if (status !== 101) {
          const duplicate = new Set(protocols.split(',').map((p) => p.trim())).size !== protocols.split(',').length;
          ctx.check(duplicate && status === 400, 'OCPPJ20-3.2', `101 Switching Protocols for an offer of ${what}`, `HTTP ${status}`);
          ctx.note(`${what}: refused with 400 (RFC 6455 wants the offered names to be unique)`);
          continue;
        }
        const selected = result.headers['sec-websocket-protocol'];
        ctx.check(selected !== undefined && protocols.split(',').map((p) => p.trim()).includes(selected), 'OCPPJ20-3.2', `Sec-WebSocket-Protocol with one of the offered values (${protocols})`, selected ?? 'no header');
        if (selected === 'ocpp2.0.1') {
          const boot = await raw!.call('BootNotification', bootPayload(), config.timeouts.messageMs);
          ctx.check(boot !== undefined, 'OCPPJ20-3.1.2', 'a 2.0.1 BootNotificationResponse on the negotiated session', 'no answer');
          ctx.check(boot!.kind === 'result' && typeof (boot!.payload as { status?: unknown }).status === 'string', 'OCPPJ20-3.1.2', 'a BootNotificationResponse with a status', boot!.text);
        } else ctx.note(`${what}: the CSMS selected ${selected}`);
        raw!.destroy();
      }
    } finally {
      for (const r of opened) r.destroy();
    }
  },
);
