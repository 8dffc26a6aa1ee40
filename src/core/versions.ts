/** OCPP versions the harness speaks, and their WebSocket subprotocol names. */
export const OCPP_VERSIONS = ['1.6', '2.0.1', '2.1'] as const;
export type OcppVersion = (typeof OCPP_VERSIONS)[number];

const SUBPROTOCOLS: Record<OcppVersion, string> = {
  '1.6': 'ocpp1.6',
  '2.0.1': 'ocpp2.0.1',
  '2.1': 'ocpp2.1',
};

export function subprotocolOf(version: OcppVersion): string {
  return SUBPROTOCOLS[version];
}

export function versionOfSubprotocol(subprotocol: string | undefined): OcppVersion | undefined {
  return OCPP_VERSIONS.find((v) => SUBPROTOCOLS[v] === subprotocol);
}

export function isOcppVersion(value: unknown): value is OcppVersion {
  return typeof value === 'string' && (OCPP_VERSIONS as readonly string[]).includes(value);
}
