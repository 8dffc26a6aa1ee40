import { defineCase, defineCaseFamily, type FaultOf } from '../../../src/dsl.js';
import { expectAfter, mark, onOurConnector, plugIn201, unplug201 } from '../../../src/kit/index.js';

/**
 * Connector status notification (G01): the EV cable goes into the idle configured connector, or
 * comes out again, and the station reports the new connector status. A transaction the cable
 * starts or ends (TxStartPoint / TxStopPoint EVConnected) is the station's business and answered
 * in the background.
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_G_01_CS',
      title: 'Connector status Notification - Available to Occupied',
      unplug: false,
      requirements: ['G01.FR.01'],
      purpose: 'When the EV cable is plugged into an available connector, the station reports that connector Occupied.',
      fault: 'plugin-no-occupied',
    },
    {
      id: 'TC_G_02_CS',
      title: 'Connector status Notification - Occupied to Available',
      unplug: true,
      requirements: ['G01.FR.02', 'G01.FR.01'],
      purpose: 'When the EV cable is taken out of an occupied connector (no session authorized), the station reports it Available again.',
      fault: 'unplug-no-available',
    },
  ] as { id: string; title: string; unplug: boolean; requirements: string[]; purpose: string; fault: FaultOf<'2.0.1', 'cs'> }[],
  ({ unplug, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'G' }, async (ctx) => {
      const { csms } = ctx;
      await ctx.given('Booted');

      if (unplug) {
        ctx.step('Precondition: the EV cable is plugged in; the connector is reported Occupied');
        await ctx.given('EVConnectedPreSession');
      } else {
        ctx.step('The EV cable is plugged into the configured connector');
        const since = mark(csms);
        await plugIn201(ctx);
        ctx.step('The station reports the connector Occupied');
        await expectAfter(csms, since, 'StatusNotification', {
          where: (p) => onOurConnector(ctx, p) && p.connectorStatus === 'Occupied',
          whereText: 'the configured connector Occupied',
          requirement: 'G01.FR.01',
        });
        return;
      }

      ctx.step('The EV cable is unplugged');
      const since = mark(csms);
      await unplug201(ctx, 'Unplug the EV cable from the configured connector.');
      ctx.step('The station reports the connector Available');
      await expectAfter(csms, since, 'StatusNotification', {
        where: (p) => onOurConnector(ctx, p) && p.connectorStatus === 'Available',
        whereText: 'the configured connector Available',
        requirement: 'G01.FR.02',
      });
    }),
);
