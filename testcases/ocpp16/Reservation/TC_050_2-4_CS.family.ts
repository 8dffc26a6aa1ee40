import { defineCase, defineCaseFamily, type TypedCaseContext } from '../../../src/dsl.js';
import { changeConfiguration16, readConfigValue, reserveNow16, statusOf } from '../../../src/kit/index.js';

type Ctx16Cs = TypedCaseContext<'1.6', 'cs'>;

/**
 * A reservation of the whole charge point (ReserveNow connector 0) that cannot be taken is
 * answered with the reason: Occupied while the connectors are in use (050_2), Unavailable while
 * the charge point is Inoperative (050_3), Rejected by a charge point whose
 * ReserveConnectorZeroSupported is false (050_4).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_050_2_CS',
      title: 'Reservation of a Charge Point - Occupied',
      busy: 'charging' as const,
      requirements: ['OCPP16-5.13', 'OCPP16-5.2', 'OCPP16-4.9'],
      fault: 'reserve-busy-connector-accepted' as const,
      purpose:
        'With a transaction on the configured connector and every other connector out of use, ReserveNow for connector 0 is answered Occupied (or Unavailable, see below).',
    },
    {
      id: 'TC_050_3_CS',
      title: 'Reservation of a Charge Point - Unavailable',
      busy: 'inoperative' as const,
      requirements: ['OCPP16-5.13', 'OCPP16-5.2', 'OCPP16-4.9'],
      fault: 'reserve-busy-connector-accepted' as const,
      purpose: 'With the whole charge point made Inoperative, ReserveNow for connector 0 is answered Unavailable.',
    },
    {
      id: 'TC_050_4_CS',
      title: 'Reservation of a Charge Point - Rejected',
      busy: 'unsupported' as const,
      requirements: ['OCPP16-9.1.19', 'OCPP16-5.13'],
      fault: 'reserve-zero-unsupported-accepted' as const,
      purpose:
        'A charge point that does not support reserving connector 0 (ReserveConnectorZeroSupported false) answers such a ReserveNow Rejected.',
    },
  ],
  ({ busy, requirements, ...row }) =>
    defineCase(
      {
        ...row,
        requirements: [...requirements],
        ocpp: '1.6',
        sut: 'cs',
        block: 'Reservation',
        profiles: ['Reservation'],
        features: ['Reservation'],
      },
      async (ctx) => {
        const { config } = ctx;
        const connectorId = config.ids.connectorId;
        await ctx.given('Booted');
        const zero = (await readConfigValue(ctx, 'ReserveConnectorZeroSupported', 'OCPP16-9.1.19'))?.trim().toLowerCase();
        // Without the key the charge point does not say whether it reserves connector 0, so neither answer is due.
        if (zero === undefined) ctx.notApplicable('the charge point does not report ReserveConnectorZeroSupported');
        if (busy === 'unsupported') {
          if (zero === 'true') {
            ctx.step('The harness tries to switch ReserveConnectorZeroSupported off');
            const status = await changeConfiguration16(ctx, 'ReserveConnectorZeroSupported', 'false', 'OCPP16-9.1.19', {
              accept: ['Accepted', 'Rejected', 'NotSupported'],
            });
            if (status !== 'Accepted')
              ctx.notApplicable(
                'the charge point reserves connector 0 (ReserveConnectorZeroSupported true, read-only): Rejected is not due',
              );
          }
          ctx.step('The harness reserves connector 0: the charge point answers Rejected');
          const r = await reserveNow16(ctx, { connectorId: 0, requirement: 'OCPP16-9.1.19' });
          ctx.expectOneOf(r.status, ['Rejected'], 'OCPP16-9.1.19', 'ReserveNow.conf status for connector 0');
          return;
        }
        if (zero !== 'true') ctx.notApplicable('the charge point does not reserve connector 0 (ReserveConnectorZeroSupported not true)');
        const n = Number.parseInt((await readConfigValue(ctx, 'NumberOfConnectors')) ?? '1', 10) || 1;

        if (busy === 'charging') {
          await ctx.given('Charging');
          // The other connectors are taken out of use, so that none of them is free for the reservation.
          for (let id = 1; id <= n; id++) if (id !== connectorId) await setAvailability(ctx, id, 'Inoperative');
        } else await setAvailability(ctx, 0, 'Inoperative');

        // With the other connectors Inoperative either reason describes the charge point; with one connector it is Occupied.
        const want = busy === 'inoperative' ? ['Unavailable'] : n > 1 ? ['Occupied', 'Unavailable'] : ['Occupied'];
        ctx.step(`The harness reserves connector 0: the charge point answers ${want.join(' or ')}`);
        const r = await reserveNow16(ctx, { connectorId: 0 });
        ctx.expectOneOf(r.status, want, 'OCPP16-5.13', 'ReserveNow.conf status for connector 0');

        if (busy === 'charging') {
          for (let id = 1; id <= n; id++) if (id !== connectorId) await setAvailability(ctx, id, 'Operative');
          ctx.step('The session is ended and the cable unplugged');
          await ctx.given('Idle');
        } else await setAvailability(ctx, 0, 'Operative');
      },
    ),
);

/** ChangeAvailability for connector `id` (0: the whole charge point), Accepted; the configured connector reports the new status. */
async function setAvailability(ctx: Ctx16Cs, id: number, type: 'Operative' | 'Inoperative'): Promise<void> {
  const { csms, config } = ctx;
  const off = ctx.remember('tc050.inoperative', () => new Set<number>());
  // Post-condition: what the case made Inoperative is Operative again, pass or fail.
  if (type === 'Inoperative' && !off.has(id))
    ctx.afterCase(
      `make ${id === 0 ? 'the charge point' : `connector ${id}`} Operative`,
      async () => {
        await csms.call('ChangeAvailability', { connectorId: id, type: 'Operative' }, { requirement: 'OCPP16-5.2' });
      },
      { when: () => off.has(id) },
    );
  ctx.step(`The harness makes ${id === 0 ? 'the charge point' : `connector ${id}`} ${type}`);
  const res = await csms.call('ChangeAvailability', { connectorId: id, type }, { requirement: 'OCPP16-5.2' });
  ctx.expectOneOf(res.status, ['Accepted'], 'OCPP16-5.2', 'ChangeAvailability.conf status');
  if (type === 'Inoperative') off.add(id);
  else off.delete(id);
  const shown = id === 0 ? config.ids.connectorId : id;
  await csms.expectCall('StatusNotification', {
    ...statusOf(shown, type === 'Inoperative' ? 'Unavailable' : 'Available'),
    requirement: 'OCPP16-4.9',
  });
}
