import { check, defineCase, subprotocolOf } from '../../../src/dsl.js';
import { RawStation, authHeaders } from '../../../src/kit/index.js';

export default defineCase(
  {
    id: 'TC_B_58_CSMS',
    title: 'WebSocket Subprotocol validation',
    ocpp: '2.0.1',
    sut: 'csms',
    block: 'B',
    securityProfiles: [0, 1],
    requirements: ['OCPPJ20-3.1.2'],
    purpose:
      'A station that offers an unsupported OCPP version (ocpp1.5, listed first) next to ocpp2.0.1 gets the upgrade completed with exactly ocpp2.0.1 selected in Sec-WebSocket-Protocol: the CSMS picks a version it serves, not the first one offered.',
    fault: 'subprotocol-first-offered',
  },
  async (ctx) => {
    const own = subprotocolOf(ctx.ocpp);
    const offer = `ocpp1.5, ${own}`;

    ctx.step(`The station upgrades offering "${offer}"`);
    const { result, raw } = await RawStation.open(ctx, `raw(${offer})`, {
      identity: ctx.config.stationId,
      protocols: offer,
      headers: authHeaders(ctx),
      within: ctx.waits.message,
    });
    try {
      check(
        result.status === 101,
        'OCPPJ20-3.1.2',
        `101 Switching Protocols for an offer containing ${own}`,
        result.error ?? `HTTP ${result.status}`,
      );
      ctx.step(`The CSMS selects ${own}, the version it serves`);
      // ocpp1.5 has no JSON binding: no CSMS may select it; the offered supported version is the only right answer.
      const selected = result.headers['sec-websocket-protocol'];
      check(
        selected === own,
        'OCPPJ20-3.1.2',
        `Sec-WebSocket-Protocol: ${own}`,
        selected === undefined ? 'no subprotocol selected' : selected,
      );
    } finally {
      raw?.destroy();
    }
  },
);
