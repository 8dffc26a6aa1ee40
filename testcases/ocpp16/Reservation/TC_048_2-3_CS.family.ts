import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { reserveNow16, statusOf } from '../../../src/kit/index.js';

/** A connector that is in use (a transaction runs) or made Inoperative cannot be reserved: ReserveNow says why. */
export default defineCaseFamily(
  [
    {
      id: 'TC_048_2_CS',
      title: 'Reservation of a Connector - Occupied',
      busy: 'charging' as const,
      purpose: 'ReserveNow for a connector on which a transaction runs is answered Occupied.',
    },
    {
      id: 'TC_048_3_CS',
      title: 'Reservation of a Connector - Unavailable',
      busy: 'inoperative' as const,
      purpose: 'ReserveNow for a connector made Inoperative with ChangeAvailability is answered Unavailable.',
    },
  ],
  ({ busy, ...row }) =>
    defineCase(
      {
        ...row,
        ocpp: '1.6',
        sut: 'cs',
        block: 'Reservation',
        profiles: ['Reservation'],
        features: ['Reservation'],
        requirements: ['OCPP16-5.13', 'OCPP16-5.2', 'OCPP16-4.9'],
        fault: 'reserve-busy-connector-accepted',
      },
      async (ctx) => {
        const { csms, config } = ctx;
        const connectorId = config.ids.connectorId;
        if (busy === 'charging') await ctx.given('Charging');
        else {
          await ctx.given('Booted');
          ctx.step(`The harness makes connector ${connectorId} Inoperative`);
          const off = await csms.call('ChangeAvailability', { connectorId, type: 'Inoperative' }, { requirement: 'OCPP16-5.2' });
          ctx.expectOneOf(off.status, ['Accepted'], 'OCPP16-5.2', 'ChangeAvailability.conf status');
          await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Unavailable'), requirement: 'OCPP16-4.9' });
        }

        const want = busy === 'charging' ? 'Occupied' : 'Unavailable';
        ctx.step(`The harness reserves connector ${connectorId}: the charge point answers ${want}`);
        const r = await reserveNow16(ctx);
        ctx.expectOneOf(r.status, [want], 'OCPP16-5.13', 'ReserveNow.conf status');

        if (busy === 'charging') {
          ctx.step('The session is ended and the cable unplugged');
          await ctx.given('Idle');
        } else {
          ctx.step(`The harness makes connector ${connectorId} Operative again; it reports Available`);
          const on = await csms.call('ChangeAvailability', { connectorId, type: 'Operative' }, { requirement: 'OCPP16-5.2' });
          ctx.expectOneOf(on.status, ['Accepted'], 'OCPP16-5.2', 'ChangeAvailability.conf status');
          await csms.expectCall('StatusNotification', { ...statusOf(connectorId, 'Available'), requirement: 'OCPP16-4.9' });
        }
      },
    ),
);
