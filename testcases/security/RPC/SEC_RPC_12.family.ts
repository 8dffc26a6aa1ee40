import { check, defineCase, defineCaseFamily, subprotocolOf, type CaseContext, type Payload, untypedContext } from '../../../src/dsl.js';
import { RawStation, authHeaders, bootNotification16, bootPayload, waitUntil } from '../../../src/kit/index.js';

/**
 * SEC-RPC-12, subprotocol negotiation at the CSMS, for both versions: the union of the offers of
 * the former cases, written for the version under test (its own subprotocol, the other version's,
 * unknown ones). An offer without the own subprotocol is completed without a Sec-WebSocket-Protocol
 * header and closed at once; an offer with it gets an offered subprotocol, and the own one is spoken.
 */

const ROWS = [
  {
    id: 'SEC16_RPC_12_CSMS',
    ocpp: '1.6',
    title: 'Subprotocol negotiation: unsupported offers get no subprotocol and a close, supported ones exactly what was offered',
    purpose:
      'Raw WebSocket upgrades for the configured identity offer: nothing, ocpp1.5, an unknown version, OCPP1.6 in the wrong case, only ocpp2.0.1, and lists that contain ocpp1.6 (also twice). An offer without ocpp1.6 must be completed without a Sec-WebSocket-Protocol header and then closed at once (refusing the upgrade with a 4xx is a common, SHOULD-level deviation; a central system that also serves 2.0.1 may select it); the central system never names a subprotocol that was not offered. An offer containing ocpp1.6 gets one of the offered subprotocols, and when that is ocpp1.6 the connection speaks OCPP 1.6.',
    hint: "Select the subprotocol only from the client's Sec-WebSocket-Protocol list, comparing exactly; when none is supported, finish the handshake without the header and close the connection immediately instead of defaulting to a version.",
    fault: 'cs-selects-unoffered-subprotocol',
    requirements: ['OCPPJ16-3.2', 'OCPPJ16-3.1.2'],
  },
  {
    id: 'SEC_RPC_12_CSMS',
    ocpp: '2.0.1',
    title: 'Subprotocol negotiation matrix at the CSMS',
    purpose:
      'An upgrade that offers no subprotocol the CSMS supports (none, an unknown one, ocpp1.5, a wrongly cased ocpp2.0.1) is completed without a Sec-WebSocket-Protocol header and closed at once, not kept as an OCPP session; an offer that includes ocpp2.0.1 gets exactly ocpp2.0.1 (or another offered version) and the CSMS then speaks 2.0.1. A subprotocol that was not offered is never selected.',
    hint: "Select a subprotocol only from the client's list with an exact, case-sensitive match. When none is supported, finish the handshake without the header and close the WebSocket immediately (do not fall back to a default version).",
    fault: 'subprotocol-missing-accepted',
    requirements: ['OCPPJ20-3.2', 'OCPPJ20-3.1.2'],
  },
] as const;

/** The offers for a CSMS of version `own`; `other` is the version it need not serve. */
function offers(own: string, other: string) {
  return {
    unsupported: [
      ['no Sec-WebSocket-Protocol header', null],
      ['only ocpp1.5', 'ocpp1.5'],
      ['only an unknown subprotocol', 'ocpp9.9'],
      [`${own} in upper case`, own.toUpperCase()],
      [`only ${other} (a CSMS that also serves it may select it)`, other],
    ] as ReadonlyArray<readonly [string, string | null]>,
    supported: [
      [`${own} before ${other}`, `${own}, ${other}`],
      [`${other} before ${own}`, `${other}, ${own}`],
      [`${own} twice`, `${own}, ${own}`],
    ] as ReadonlyArray<readonly [string, string]>,
  };
}

const listOf = (protocols: string | null) =>
  (protocols ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

/** An upgrade without the own subprotocol: 101 without one and an immediate close. */
async function unsupportedOffer(
  ctx: CaseContext,
  what: string,
  protocols: string | null,
  other: string,
  [handshake, spoken]: readonly string[],
  opened: RawStation[],
) {
  ctx.step(`Upgrade with ${what}: 101 without a subprotocol and an immediate close`);
  const { result, raw } = await RawStation.open(ctx, `raw(${protocols ?? 'none'})`, {
    identity: ctx.config.stationId,
    protocols,
    headers: authHeaders(ctx),
    within: ctx.waits.message,
  });
  if (raw) opened.push(raw);
  const status = result.status;
  const request = `GET …/${ctx.config.stationId} (Upgrade: websocket) ${protocols === null ? 'without Sec-WebSocket-Protocol' : `Sec-WebSocket-Protocol: ${protocols}`}`;
  if (status === undefined || status >= 500) ctx.evidence(request);
  check(status !== undefined, handshake, `an HTTP answer to an upgrade with ${what}`, result.error ?? 'no answer');
  check(status < 500, handshake, `no server error for an upgrade with ${what}`, `HTTP ${status}`);
  if (status !== 101 || !raw) {
    ctx.nonStrict(
      handshake,
      `an upgrade with ${what} was refused with HTTP ${status}; the CSMS should complete it without a subprotocol and then close`,
    );
    return;
  }
  const selected = result.headers['sec-websocket-protocol'];
  if (selected !== undefined) {
    if (!listOf(protocols).includes(selected)) ctx.evidence(request);
    check(
      listOf(protocols).includes(selected),
      handshake,
      `no subprotocol, or one that was offered, for ${what}`,
      `101 selecting ${selected}, which was not offered`,
    );
    if (selected === other) ctx.note(`the CSMS selected ${other}: it also serves that version on this endpoint`);
    else ctx.nonStrict(spoken, `the CSMS selected ${JSON.stringify(selected)} for ${what}; a subprotocol name is matched exactly`);
    raw.destroy();
    return;
  }
  const closed = await waitUntil(ctx, () => !raw.open || raw.closeCode !== undefined, ctx.waits.message);
  if (!closed) ctx.evidence(`${request} -> 101 without a subprotocol, connection kept open`);
  ctx.note(
    `${what}: ${closed ? `closed by the CSMS${raw.closeCode !== undefined ? ` with code ${raw.closeCode}` : ' without a close frame'}` : 'still open'}`,
  );
  // Leaving the close to the client (RFC 6455 4.1 has the client fail the connection) is a common
  // server quirk: a lenient run reports it without failing.
  if (!closed)
    ctx.quirk(
      handshake,
      `the CSMS closes the connection opened with ${what} at once`,
      `still open after ${ctx.waits.message} ms: the session was kept without a negotiated OCPP version`,
      'the server leaves closing a connection without a subprotocol to the client',
    );
  raw.destroy();
}

/** An upgrade with the own subprotocol: an offered one is selected, and the own one is spoken. */
async function supportedOffer(
  ctx: CaseContext,
  what: string,
  protocols: string,
  own: string,
  [handshake, spoken]: readonly string[],
  opened: RawStation[],
) {
  ctx.step(`Upgrade offering ${what}: a subprotocol from the offer, and the CSMS speaks it`);
  const { result, raw } = await RawStation.open(ctx, `raw(${protocols})`, {
    identity: ctx.config.stationId,
    protocols,
    headers: authHeaders(ctx),
    within: ctx.waits.message,
  });
  if (raw) opened.push(raw);
  const status = result.status;
  const request = `GET …/${ctx.config.stationId} (Upgrade: websocket) Sec-WebSocket-Protocol: ${protocols}`;
  if (status === undefined || status >= 500) ctx.evidence(request);
  check(
    status !== undefined && status < 500,
    handshake,
    `an HTTP answer below 500 to an upgrade offering ${what}`,
    result.error ?? `HTTP ${status}`,
  );
  if (status !== 101 || !raw) {
    const duplicate = new Set(listOf(protocols)).size !== listOf(protocols).length;
    check(duplicate && status === 400, handshake, `101 Switching Protocols for an offer of ${what}`, `HTTP ${status}`);
    ctx.note(`${what}: refused with 400 (RFC 6455 wants the offered names to be unique)`);
    return;
  }
  const selected = result.headers['sec-websocket-protocol'];
  if (selected === undefined || !listOf(protocols).includes(selected)) ctx.evidence(request);
  check(
    selected !== undefined && listOf(protocols).includes(selected),
    handshake,
    `Sec-WebSocket-Protocol with one of the offered values (${protocols})`,
    selected ?? 'no header',
  );
  if (selected !== own) {
    ctx.note(`${what}: the CSMS selected ${selected}; not checked further here`);
    raw.destroy();
    return;
  }
  const boot: Payload = ctx.ocpp === '1.6' ? bootNotification16() : bootPayload();
  const answer = await raw.call('BootNotification', boot, ctx.waits.message);
  const status2 = answer?.kind === 'result' ? (answer.payload as Payload).status : undefined;
  check(
    typeof status2 === 'string',
    spoken,
    `a ${ctx.ocpp} BootNotification answer with a status on the ${own} session`,
    answer?.text ?? (raw.open ? 'no answer' : 'the connection was closed'),
  );
  raw.destroy();
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      ...row,
      requirements: [...row.requirements],
      sut: 'csms',
      block: 'RPC',
      suite: 'security',
      profiles: ['Security'],
      rule: 'SEC-RPC-12',
      severity: 'medium',
      cwe: 'CWE-436',
    },
    async (ctx) => {
      const own = subprotocolOf(row.ocpp);
      const other = subprotocolOf(row.ocpp === '1.6' ? '2.0.1' : '1.6');
      const { unsupported, supported } = offers(own, other);
      const opened: RawStation[] = [];
      try {
        for (const [what, protocols] of unsupported)
          await unsupportedOffer(untypedContext(ctx), what, protocols, other, row.requirements, opened);
        for (const [what, protocols] of supported)
          await supportedOffer(untypedContext(ctx), what, protocols, own, row.requirements, opened);
      } finally {
        for (const r of opened) r.destroy();
      }
    },
  ),
);
