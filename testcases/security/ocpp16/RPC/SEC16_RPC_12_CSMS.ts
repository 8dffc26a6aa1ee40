import { defineCase, CaseFailure, serializeCall } from '../../../../src/dsl.js';
import { encodeWsFrame, identityUrl, rawHead, watchRawSocket } from '../../../../src/kit/index.js';

interface Offer {
  label: string;
  /** Sec-WebSocket-Protocol as sent; null sends no header. */
  protocols: string | null;
  /** Whether the offer contains ocpp1.6 exactly. */
  supported: boolean;
}

const OFFERS: Offer[] = [
  { label: 'no Sec-WebSocket-Protocol header', protocols: null, supported: false },
  { label: 'only ocpp1.5', protocols: 'ocpp1.5', supported: false },
  { label: 'only OCPP1.6 (wrong case)', protocols: 'OCPP1.6', supported: false },
  { label: 'only ocpp2.0.1', protocols: 'ocpp2.0.1', supported: false },
  { label: 'ocpp2.0.1 before ocpp1.6', protocols: 'ocpp2.0.1, ocpp1.6', supported: true },
  { label: 'ocpp1.6 before ocpp2.0.1', protocols: 'ocpp1.6, ocpp2.0.1', supported: true },
];

export default defineCase(
  {
    id: 'SEC16_RPC_12_CSMS',
    title: 'Subprotocol negotiation: unsupported offers get no subprotocol and a close, supported ones exactly what was offered',
    ocpp: '1.6',
    sut: 'csms',
    block: 'RPC',
    suite: 'security',
    profiles: ['Security'],
    rule: 'SEC-RPC-12',
    severity: 'medium',
    cwe: 'CWE-436',
    requirements: ['OCPPJ16-3.2', 'OCPPJ16-3.1.2'],
    purpose:
      'Raw WebSocket upgrades for the configured identity offer: nothing, ocpp1.5, OCPP1.6 in the wrong case, ocpp2.0.1, and two lists that contain ocpp1.6. An offer without ocpp1.6 must be completed without a Sec-WebSocket-Protocol header and then closed at once (refusing the upgrade with a 4xx is a common, SHOULD-level deviation); the central system never names a subprotocol that was not offered. An offer containing ocpp1.6 gets one of the offered subprotocols, and when that is ocpp1.6 the connection speaks OCPP 1.6.',
    hint: 'Select the subprotocol only from the client\'s Sec-WebSocket-Protocol list, comparing exactly; when none is supported, finish the handshake without the header and close the connection immediately instead of defaulting to a version.',
    fault: 'cs-selects-unoffered-subprotocol',
  },
  async (ctx) => {
    const { station, config } = ctx;
    const url = identityUrl(ctx, encodeURIComponent(station.identity));
    const auth = station.basicAuthHeader();
    const headers = auth ? { authorization: auth } : undefined;
    const within = Math.min(config.timeouts.messageMs, 5000);

    for (const offer of OFFERS) {
      ctx.step(`Upgrade offering ${offer.label}`);
      const r = await ctx.rawUpgrade({ url, protocols: offer.protocols, headers, timeoutMs: within, keepOpen: true });
      const shown = `HTTP ${r.status ?? `no answer (${r.error})`}${r.headers['sec-websocket-protocol'] ? ` with subprotocol ${r.headers['sec-websocket-protocol']}` : ''}`;
      ctx.note(`${offer.label}: ${shown}`);
      const evidence = `GET ${url} Sec-WebSocket-Protocol: ${offer.protocols ?? '(none)'}`;
      try {
        if (r.status === undefined || r.status >= 500) {
          ctx.evidence(evidence);
          throw new CaseFailure('OCPPJ16-3.2', [`a handshake answer (101, or 4xx) to an upgrade offering ${offer.label}`], shown);
        }
        const selected = r.headers['sec-websocket-protocol'];
        const offered = (offer.protocols ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        if (!offer.supported) {
          if (r.status !== 101) {
            ctx.nonStrict('OCPPJ16-3.2', `${offer.label}: refused with HTTP ${r.status} instead of 101 without a subprotocol followed by a close`);
            continue;
          }
          if (selected !== undefined) {
            ctx.evidence(evidence);
            if (offered.includes(selected)) {
              ctx.nonStrict('OCPPJ16-3.1.2', `${offer.label}: selected ${selected}, matching the subprotocol name without regard to case`);
              continue;
            }
            throw new CaseFailure('OCPPJ16-3.2', [`101 without Sec-WebSocket-Protocol for an offer of ${offer.label}`], `101 selecting ${selected}, which was not offered`);
          }
          const watched = await watchRawSocket(r.socket!, r.rest, within);
          if (!watched.closed) {
            ctx.evidence(evidence);
            throw new CaseFailure('OCPPJ16-3.2', ['the connection without an agreed subprotocol is closed at once'], `still open ${within} ms after the 101`);
          }
          continue;
        }
        if (r.status !== 101 || selected === undefined || !offered.includes(selected)) {
          ctx.evidence(evidence);
          throw new CaseFailure('OCPPJ16-3.1.2', [`101 selecting one of ${offered.join(', ')}`], shown);
        }
        if (selected !== 'ocpp1.6') {
          ctx.note(`the central system chose ${selected} from the offer; not checked further here`);
          continue;
        }
        // The agreed version is spoken: an OCPP 1.6 answer (any CALLRESULT or CALLERROR) to a Heartbeat.
        const id = ctx.ids.next();
        r.socket!.write(encodeWsFrame({ opcode: 1, payload: serializeCall(id, 'Heartbeat', {}) }));
        const answer = await watchRawSocket(r.socket!, r.rest, within, (f) => f.opcode === 1 && rawHead(f.payload.toString('utf8'))?.[1] === id);
        const text = answer.frames.filter((f) => f.opcode === 1).map((f) => f.payload.toString('utf8')).find((t) => rawHead(t)?.[1] === id);
        const head = text ? rawHead(text) : undefined;
        ctx.check(head !== undefined && (head[0] === 3 || head[0] === 4), 'OCPPJ16-3.1.2', 'an OCPP-J answer to a Heartbeat on the ocpp1.6 connection', text ?? (answer.closed ? 'the connection was closed' : 'no answer'));
      } finally {
        r.socket?.destroy();
      }
    }
  },
);
