import net from 'node:net';
import { isLoopbackHost } from '../../../../transport/loopback.js';
import { isHarnessFirmwareLocation } from '../../../../transport/firmware-server.js';
import type { Payload } from '../../../rpc.js';
import type { StationState } from '../state.js';
import { startFirmwareUpdate } from './firmware-update.js';

/**
 * Block L (firmware): UpdateFirmware. Hostile locations are refused; the station downloads only
 * from the harness's firmware server (its configured repository, transport/firmware-server.ts), so
 * any other acceptable location ends in DownloadFailed (blocks/firmware-update.ts runs the update).
 */

/** Hosts a station must not fetch firmware from: loopback, private, link-local, internal names. */
export function isInternalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!h) return true;
  if (isLoopbackHost(h) || h === '0.0.0.0' || h === '::' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal'))
    return true;
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number);
    return (
      a === 10 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (net.isIPv6(h)) return h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h.startsWith('::ffff:');
  return !h.includes('.');
}

/** Characters with a meaning to shells, and controls, which no firmware URL needs. */
const SHELL_META = /[;|&$`<>\\'"(){}\s\u0000-\u001f\u007f]/;

/**
 * Why a firmware location is refused, or undefined when it is acceptable: only https/ftps, no
 * credentials, no internal hosts, no path traversal, no shell metacharacters.
 */
export function firmwareLocationProblem(location: string, o: { allowFileScheme?: boolean } = {}): string | undefined {
  if (SHELL_META.test(location)) return 'shell metacharacters or controls in the location';
  if (/(^|[/\\])\.\.([/\\]|$)|%2e%2e/i.test(location)) return 'path traversal in the location';
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    return 'the location is not a URL';
  }
  // The one exception: the firmware repository this station is configured with, i.e. a running
  // harness firmware server under its own random path (transport/firmware-server.ts).
  if (isHarnessFirmwareLocation(location)) return undefined;
  if (u.protocol === 'file:') return o.allowFileScheme ? undefined : 'file: locations are not allowed';
  if (u.protocol !== 'https:' && u.protocol !== 'ftps:') return `scheme ${u.protocol} is not a secure transport`;
  if (u.username || u.password) return 'credentials in the location';
  if (isInternalHost(u.hostname)) return `host ${u.hostname} is internal`;
  return undefined;
}

export function updateFirmware(st: StationState, p: Payload): Payload {
  const requestId = p.requestId as number;
  const location = (p.firmware as { location: string }).location;
  const problem = firmwareLocationProblem(location, { allowFileScheme: st.faults.has('firmware-file-url-accepted') });
  if (problem) return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidLocation', additionalInfo: problem } };
  const local = location.startsWith('file:');
  if (!local) return startFirmwareUpdate(st, p);
  st.later(0, () =>
    st.serialize(async () => {
      await st.send('FirmwareStatusNotification', { status: 'Downloading', requestId });
      // Only a broken station "downloads" a local file; a conformant one has no image to fetch here.
      await st.send('FirmwareStatusNotification', { status: local ? 'Downloaded' : 'DownloadFailed', requestId });
    }),
  );
  return { status: 'Accepted' };
}
