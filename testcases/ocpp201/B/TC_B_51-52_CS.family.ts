import { defineCase, defineCaseFamily } from '../../../src/dsl.js';
import { backOnline, goOffline, plugIn201, reconnectWindow, withVariable201 } from '../../../src/kit/index.js';

/**
 * Status change during an offline period (B04): the CSMS becomes unreachable; back online, a
 * station that was away longer than OCPPCommCtrlr.OfflineThreshold reports every connector
 * (B_51, here without any change: an unchanged connector must be reported too), one that was
 * away shorter reports the connectors that changed meanwhile (B_52, the cable plugged in while
 * offline). Reporting more connectors than required is allowed; registering again on the new
 * connection is too (it is answered Accepted).
 */
export default defineCaseFamily(
  [
    {
      id: 'TC_B_51_CS',
      title: 'Status change during offline period - > Offline Threshold',
      long: true,
      requirement: 'B04.FR.01',
      purpose:
        'Back online after an outage longer than OfflineThreshold, the station reports the status of its connectors, even of one that did not change.',
      fault: 'offline-long-reports-changed-only',
    },
    {
      id: 'TC_B_52_CS',
      title: 'Status change during offline period - < Offline Threshold',
      long: false,
      requirement: 'B04.FR.02',
      purpose:
        'Back online after an outage shorter than OfflineThreshold, the station reports the connector whose status changed while it was offline (a cable plugged in).',
      fault: 'offline-short-change-unreported',
    },
  ] as const,
  ({ long, requirement, ...row }) =>
    defineCase({ ...row, ocpp: '2.0.1', sut: 'cs', block: 'B', requirements: [requirement, 'OCPPJ20-5.3', 'B05.FR.01'] }, async (ctx) => {
      const { csms, config } = ctx;
      const { evseId, connectorId } = config.ids;
      await ctx.given('Booted');
      // The outage: offline for a while, then the station's reconnect (at most its back-off window).
      const offlineMs = Math.max(2000, config.timeouts.silenceMs);
      const outageS = Math.ceil((offlineMs + reconnectWindow(config)) / 1000);
      // Long: 1 s, well below the outage. Short: twice the longest outage the case can cause.
      const threshold = long ? 1 : 2 * outageS;
      await withVariable201(
        ctx,
        {
          component: 'OCPPCommCtrlr',
          variable: 'OfflineThreshold',
          value: String(threshold),
          holds: (v) => (long ? Number(v) * 1000 < offlineMs / 2 : Number(v) >= threshold),
        },
        async () => {
          ctx.step(`The CSMS becomes unreachable: the connection drops and new connections are refused for ${offlineMs} ms`);
          await goOffline(ctx);
          if (!long) {
            ctx.step('While the station is offline, the EV cable is plugged in');
            await plugIn201(ctx);
          }
          await csms.wait(offlineMs);

          ctx.step('The CSMS accepts connections again; the station reconnects');
          const online = await backOnline(ctx);

          const expected = long ? 'its status (any)' : 'Occupied';
          ctx.step(`The station reports evse ${evseId} connector ${connectorId}: ${expected}`);
          const status = await csms.expectCall('StatusNotification', {
            within: config.timeouts.messageMs,
            where: (p) => p.evseId === evseId && p.connectorId === connectorId && (long || p.connectorStatus === 'Occupied'),
            whereText: `evse ${evseId} connector ${connectorId}${long ? '' : ' Occupied'}`,
            requirement,
          });
          ctx.note(
            `reported ${status.payload.connectorStatus}${online.bootedAgain() ? '; the station registered again after reconnecting' : ''}`,
          );
        },
      );
    }),
);
