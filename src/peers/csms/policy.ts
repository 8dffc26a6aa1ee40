import type { PeerSettings, PeerVariant } from '../../engine/peer-contract.js';

/**
 * The operator policy of a reference CSMS (either version) that its configuration variants
 * change; the default is the certification setup: known stations accepted at once, unknown ones
 * refused, the configured heartbeat interval.
 *
 *   acceptUnknownStations  "true": at profile 0 an unknown well-formed identity is let in and its
 *                          boots are held Pending (awaiting an operator), never Accepted
 *   heartbeatIntervalS     the interval handed out with an Accepted boot (default: the config's)
 *   bootPendingCount       the first N boots of a known station are answered Pending (B02), then Accepted
 */
export interface CsmsPolicy {
  acceptUnknownStations: boolean;
  heartbeatIntervalS?: number;
  bootPendingCount: number;
}

export function csmsPolicy(settings: PeerSettings | undefined): CsmsPolicy {
  const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));
  return {
    acceptUnknownStations: settings?.acceptUnknownStations === 'true',
    heartbeatIntervalS: int(settings?.heartbeatIntervalS),
    bootPendingCount: int(settings?.bootPendingCount) ?? 0,
  };
}

/** The CSMS variants both versions are proven in; `affects` per version is set by the peer. */
export function csmsVariants(affects: { boot: string[]; unknown: string[]; heartbeat: string[] }): PeerVariant[] {
  return [
    {
      name: 'boot-pending-first',
      description: 'the first BootNotification of a known station is answered Pending, the retry Accepted',
      settings: { bootPendingCount: '1' },
      affects: { cases: affects.boot },
    },
    {
      name: 'accept-unknown-stations',
      description: 'profile 0 lab CSMS: unknown identities are let in, their boots held Pending',
      settings: { acceptUnknownStations: 'true' },
      affects: { cases: affects.unknown },
    },
    {
      name: 'heartbeat-long',
      description: 'heartbeat interval 86400 s handed out with the Accepted boot',
      settings: { heartbeatIntervalS: '86400' },
      affects: { cases: affects.heartbeat },
    },
    {
      name: 'heartbeat-short',
      description: 'heartbeat interval 5 s handed out with the Accepted boot',
      settings: { heartbeatIntervalS: '5' },
      affects: { cases: affects.heartbeat },
    },
  ];
}
