import { check, defineCase, defineCaseFamily, type FaultOf, type RequestOf, type TypedCaseContext } from '../../../src/dsl.js';
import { connectorStatus, expectIdTokenStatus, idTokenOf, txEvent } from '../../../src/kit/index.js';

/**
 * Reservation (H) with a CSMS under test: the operator reserves an EVSE (a specific one, none in
 * particular, or one with a connector type, optionally for a group) and the case checks the
 * ReserveNowRequest, then plays what the station does with the reservation: use it, let it expire,
 * lose it to a fault, have it cancelled, or refuse it. The reservation id is the CSMS's choice;
 * the case only requires that later messages name the same id.
 */

type Ctx = TypedCaseContext<'2.0.1', 'csms'>;
type ReserveNow = RequestOf<'2.0.1', 'ReserveNow'>;

/** The group the operator reserves for in TC_H_19 (any group id the CSMS accepts would do). */
const GROUP = { idToken: 'HARNESSGROUP1', type: 'Central' };

/** What the station does once it holds the reservation. */
type Then = 'use' | 'expire' | 'fault' | 'cancel' | 'refuse';

interface Row {
  id: string;
  title: string;
  purpose: string;
  fault: FaultOf<'2.0.1', 'csms'>;
  requirements: string[];
  /** What the operator reserves: the configured EVSE, none in particular, or a connector type. */
  target: 'evse' | 'any' | 'type';
  group?: boolean;
  /** Whether the station reports its connector Reserved (a specific EVSE, or all EVSEs taken). */
  reserved: boolean;
  then: Then;
}

const ROWS: Row[] = [
  {
    id: 'TC_H_01_CSMS',
    title: 'Reserve a specific EVSE - Accepted - Valid idToken',
    purpose:
      'The operator reserves the configured EVSE for a valid token: the CSMS sends ReserveNow naming that EVSE and token with an expiry in the future; the station reports the EVSE Reserved, and when the driver comes the CSMS accepts the token and the transaction that names the reservation.',
    fault: 'reserve-evse-dropped',
    requirements: ['H01.FR.03', 'H03.FR.01'],
    target: 'evse',
    reserved: true,
    then: 'use',
  },
  {
    id: 'TC_H_07_CSMS',
    title: 'Reserve a specific EVSE - Reservation Ended / not used',
    purpose:
      'A reservation of the configured EVSE is not used: the station reports ReservationStatusUpdate Expired for the id the CSMS chose, and the CSMS acknowledges it.',
    fault: 'reservation-expired-refused',
    requirements: ['H01.FR.03', 'H04.FR.01'],
    target: 'evse',
    reserved: true,
    then: 'expire',
  },
  {
    id: 'TC_H_08_CSMS',
    title: 'Reserve an unspecified EVSE - Accepted',
    purpose:
      'The operator reserves no EVSE in particular: the CSMS sends ReserveNow without evseId; the station keeps an EVSE free (its connectors stay Available), and the CSMS accepts the token and the transaction that uses the reservation.',
    fault: 'reserve-unspecified-evse-filled',
    requirements: ['H01.FR.06', 'H03.FR.01'],
    target: 'any',
    reserved: false,
    then: 'use',
  },
  {
    id: 'TC_H_14_CSMS',
    title: 'Reserve an unspecified EVSE - Amount of EVSEs available equals the amount of reservations',
    purpose:
      'A reservation of no EVSE in particular takes the last free EVSE: the station reports its connectors Reserved; the CSMS sent an expiry in the future and accepts the reserved token when it is used.',
    fault: 'reserve-expiry-past',
    requirements: ['H01.FR.06', 'H01.FR.03', 'H03.FR.01'],
    target: 'any',
    reserved: true,
    then: 'use',
  },
  {
    id: 'TC_H_15_CSMS',
    title: 'Reserve a connector with a specific type - Success',
    purpose:
      'The operator reserves a connector type (cType2): the CSMS sends ReserveNow with that connectorType and no evseId; the station reserves its EVSE, and the CSMS accepts the reserved token when it is used.',
    fault: 'reserve-connector-type-dropped',
    requirements: ['H01.FR.09', 'H03.FR.01'],
    target: 'type',
    reserved: true,
    then: 'use',
  },
  {
    id: 'TC_H_17_CSMS',
    title: 'Cancel reservation of an EVSE - Success',
    purpose:
      'The operator cancels a reservation of the configured EVSE: the CSMS sends CancelReservation with the id it gave the reservation in ReserveNow, and the station frees the EVSE.',
    fault: 'cancel-reservation-record-number',
    requirements: ['H01.FR.03', 'H02.FR.01'],
    target: 'evse',
    reserved: true,
    then: 'cancel',
  },
  {
    id: 'TC_H_19_CSMS',
    title: 'Reserve a specific EVSE - Use a reserved EVSE with GroupId',
    purpose:
      'The operator reserves the configured EVSE for a token and its group: the CSMS sends ReserveNow with the EVSE, the token and the groupIdToken, and accepts the reserved token when it is used.',
    fault: 'reserve-group-token-dropped',
    requirements: ['H01.FR.13', 'H03.FR.01'],
    target: 'evse',
    group: true,
    reserved: true,
    then: 'use',
  },
  {
    id: 'TC_H_20_CSMS',
    title: 'Charging Station cancels reservation when Faulted',
    purpose:
      'The reserved EVSE becomes Faulted: the station removes the reservation and reports ReservationStatusUpdate Removed for the id the CSMS chose, which the CSMS acknowledges.',
    fault: 'reservation-removed-refused',
    requirements: ['H01.FR.03', 'H01.FR.20'],
    target: 'evse',
    reserved: true,
    then: 'fault',
  },
  {
    id: 'TC_H_22_CSMS',
    title: 'Reserve a specific EVSE - Configured to Reject',
    purpose:
      'A station configured to take no reservations answers ReserveNow Rejected; the CSMS takes the answer and does not send the reservation again unasked.',
    fault: 'reserve-rejected-resent',
    requirements: ['H01.FR.01'],
    target: 'evse',
    reserved: false,
    then: 'refuse',
  },
];

/** The operator's choice of what to reserve (csmsSend details). */
function details(ctx: Ctx, row: Row): Record<string, unknown> {
  const { config } = ctx;
  const base: Record<string, unknown> = { message: 'ReserveNow', stationId: config.stationId, idToken: config.ids.validIdToken };
  if (row.target === 'evse') base.evseId = config.ids.evseId;
  if (row.target === 'type') base.connectorType = 'cType2';
  if (row.group) base.groupIdToken = GROUP;
  return base;
}

/** Checks a ReserveNowRequest against what the operator asked for. */
function checkReserveNow(ctx: Ctx, row: Row, p: ReserveNow, receivedAt: number): void {
  const { config } = ctx;
  const [main] = row.requirements as [string];
  const want = config.ids.validIdToken;
  check(
    p.idToken.idToken === want.idToken && p.idToken.type === want.type,
    main,
    `idToken ${want.idToken} (${want.type})`,
    `${p.idToken.idToken} (${p.idToken.type})`,
  );
  // Any expiry after the moment the request arrived will do: its length is the CSMS's choice.
  check(Date.parse(p.expiryDateTime) > receivedAt, 'H01.FR.03', 'an expiryDateTime in the future', p.expiryDateTime);
  if (row.target === 'evse') check(p.evseId === config.ids.evseId, main, `evseId ${config.ids.evseId}`, String(p.evseId ?? 'absent'));
  else check(p.evseId === undefined, main, 'no evseId (no EVSE in particular)', `evseId ${String(p.evseId)}`);
  if (row.target === 'type') check(p.connectorType === 'cType2', main, 'connectorType cType2', String(p.connectorType ?? 'absent'));
  if (row.group) {
    const g = p.groupIdToken;
    check(g?.idToken === GROUP.idToken, main, `groupIdToken ${GROUP.idToken}`, g ? JSON.stringify(g) : 'absent');
  }
}

/** The driver of the reservation arrives: authorized, plugs in and starts a transaction naming the reservation. */
async function useReservation(ctx: Ctx, reservationId: number): Promise<void> {
  const token = ctx.config.ids.validIdToken;
  const auth = await ctx.station.call('Authorize', { idToken: idTokenOf(token) }, { requirement: 'H03.FR.01' });
  ctx.expectOneOf(auth.idTokenInfo.status, ['Accepted'], 'H03.FR.01', 'AuthorizeResponse.idTokenInfo.status');
  await connectorStatus(ctx, 'Occupied', 'H03.FR.01');
  const res = await txEvent(ctx, 'Started', 'Authorized', {
    idToken: token,
    reservationId,
    chargingState: 'EVConnected',
    requirement: 'H03.FR.01',
  });
  expectIdTokenStatus(ctx, res, ['Accepted'], 'H03.FR.01');
}

async function afterReservation(ctx: Ctx, row: Row, reservationId: number): Promise<void> {
  const { station, config } = ctx;
  switch (row.then) {
    case 'use':
      ctx.step('The driver presents the reserved token and starts charging on the EVSE; the CSMS accepts both');
      return useReservation(ctx, reservationId);
    case 'expire':
      ctx.step('The reservation expires unused: the station reports it Expired and the EVSE Available');
      await station.call('ReservationStatusUpdate', { reservationId, reservationUpdateStatus: 'Expired' }, { requirement: 'H04.FR.01' });
      return connectorStatus(ctx, 'Available', 'H04.FR.01');
    case 'fault':
      ctx.step('The EVSE becomes Faulted: the station removes the reservation and reports it Removed');
      await connectorStatus(ctx, 'Faulted', 'H01.FR.20');
      await station.call('ReservationStatusUpdate', { reservationId, reservationUpdateStatus: 'Removed' }, { requirement: 'H01.FR.20' });
      ctx.step('The fault clears: the EVSE is Available again');
      return connectorStatus(ctx, 'Available');
    case 'cancel': {
      ctx.step('The operator cancels the reservation: the CSMS sends CancelReservation with the reservation id');
      await ctx.manual(
        'csmsSend',
        { message: 'CancelReservation', stationId: config.stationId, reservationId },
        `Make the CSMS cancel reservation ${reservationId} of station ${config.stationId}`,
      );
      const cancel = await station.expectCall('CancelReservation', { requirement: 'H02.FR.01' });
      check(
        cancel.payload.reservationId === reservationId,
        'H02.FR.01',
        `reservationId ${reservationId} (the id of ReserveNow)`,
        String(cancel.payload.reservationId),
      );
      await station.reply(cancel, { status: 'Accepted' });
      return connectorStatus(ctx, 'Available', 'H02.FR.01');
    }
    case 'refuse':
      ctx.step('The CSMS does not send the refused reservation again');
      // A reservation the operator asks for again would be a new request; nobody asks here.
      return station.expectNoCall('ReserveNow', { within: config.timeouts.silenceMs, requirement: 'H01.FR.01' });
  }
}

export default defineCaseFamily(ROWS, (row) =>
  defineCase(
    {
      id: row.id,
      title: row.title,
      purpose: row.purpose,
      fault: row.fault,
      requirements: row.requirements,
      ocpp: '2.0.1',
      sut: 'csms',
      block: 'H',
      profiles: ['Reservation'],
      features: ['Reservation'],
    },
    async (ctx) => {
      const { station, config } = ctx;
      ctx.step('The station is booted and idle');
      await ctx.given('Booted');

      const what = row.target === 'evse' ? `EVSE ${config.ids.evseId}` : row.target === 'type' ? 'a cType2 connector' : 'any EVSE';
      ctx.step(`The operator reserves ${what} for the valid token${row.group ? ` and its group ${GROUP.idToken}` : ''}`);
      await ctx.manual(
        'csmsSend',
        details(ctx, row),
        `Make the CSMS reserve ${what} of station ${config.stationId} for idToken ${config.ids.validIdToken.idToken}${row.group ? ` with groupIdToken ${GROUP.idToken}` : ''}`,
      );
      const req = await station.expectCall('ReserveNow', { requirement: row.requirements[0] });
      checkReserveNow(ctx, row, req.payload, ctx.clock.now());

      const answer = row.then === 'refuse' ? 'Rejected' : 'Accepted';
      ctx.step(`The station answers ${answer}${row.reserved ? ' and reports its connector Reserved' : ''}`);
      await station.reply(req, { status: answer });
      if (row.reserved) await connectorStatus(ctx, 'Reserved', row.requirements[0]);
      await afterReservation(ctx, row, req.payload.id);
    },
  ),
);
