/**
 * Operator requests of the independent 1.6 central system for the optional feature profiles
 * (Reservation, LocalAuthListManagement, SmartCharging, FirmwareManagement) and the remote start
 * with a charging profile. Built unlike our reference central system on purpose: reservation and
 * profile ids count from 500, profiles are Absolute with a start time, schedules asked in watts.
 */
import type { CsmsPeerOptions } from '../../src/engine/peer-contract.js';
import { intOf, now, tokenStatus, type Payload } from './common.js';

type Build = (d: Payload, identity: string) => Payload | string;

export function moreRequests16(o: CsmsPeerOptions, port: number): Record<string, Build> {
  let nextId = 500;
  const listVersions = new Map<string, number>();
  const lastProfile = new Map<string, number>();
  const ids = o.config.ids;
  const profile = (purpose: string, transactionId?: number): Payload => ({
    chargingProfileId: nextId++,
    ...(transactionId !== undefined ? { transactionId } : {}),
    stackLevel: 1,
    chargingProfilePurpose: purpose,
    chargingProfileKind: 'Absolute',
    chargingSchedule: { startSchedule: now(), chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 11000 }] },
  });
  return {
    RemoteStartTransaction: (d) => ({
      connectorId: intOf(d.connectorId) ?? ids.connectorId,
      idTag: d.idTag ?? ids.validIdToken.idToken,
      ...(d.chargingProfile === true ? { chargingProfile: profile('TxProfile') } : {}),
    }),
    ReserveNow: (d) => ({
      connectorId: intOf(d.connectorId) ?? ids.connectorId,
      expiryDate: new Date(Date.now() + 30 * 60_000).toISOString(),
      idTag: d.idTag ?? ids.validIdToken.idToken,
      reservationId: intOf(d.reservationId) ?? nextId++,
    }),
    CancelReservation: (d) =>
      intOf(d.reservationId) === undefined ? 'CancelReservation needs reservationId' : { reservationId: d.reservationId },
    GetLocalListVersion: () => ({}),
    SendLocalList: (d, identity) => {
      const listVersion = (listVersions.get(identity) ?? 0) + 1;
      listVersions.set(identity, listVersion);
      const tags = d.updateType === 'Differential' ? [ids.validIdToken] : [ids.validIdToken, ids.blockedIdToken];
      return {
        listVersion,
        updateType: d.updateType === 'Differential' ? 'Differential' : 'Full',
        localAuthorizationList: tags.map(({ idToken }) => ({ idTag: idToken, idTagInfo: { status: tokenStatus(o.config, idToken) } })),
      };
    },
    UpdateFirmware: () => ({ location: `http://127.0.0.1:${port}/firmware/judge.bin`, retrieveDate: now(), retries: 1 }),
    GetDiagnostics: () => ({ location: `ftp://127.0.0.1:${port}/diagnostics/` }),
    SetChargingProfile: (d, identity) => {
      const purpose = typeof d.purpose === 'string' ? d.purpose : 'TxDefaultProfile';
      const txId = purpose === 'TxProfile' ? intOf(d.transactionId) : undefined;
      if (purpose === 'TxProfile' && txId === undefined) return 'a TxProfile needs transactionId';
      const p = profile(purpose, txId);
      lastProfile.set(identity, p.chargingProfileId);
      return { connectorId: intOf(d.connectorId) ?? 0, csChargingProfiles: p };
    },
    ClearChargingProfile: (d, identity) => ({ id: intOf(d.id) ?? lastProfile.get(identity) }),
    GetCompositeSchedule: (d) => ({
      connectorId: intOf(d.connectorId) ?? ids.connectorId,
      duration: intOf(d.duration) ?? 86400,
      chargingRateUnit: 'W',
    }),
  };
}
