import { DEFAULT_LIMITS } from '../core/config.js';

/**
 * The largest WebSocket message the harness accepts, in either role (ws closes with 1009 beyond
 * it). Process-wide: a run sets it from its config before any connection opens, so every socket
 * the harness makes (mock CSMS listener, mock station dialler) uses the same cap.
 */
let maxFrameBytesNow = DEFAULT_LIMITS.maxFrameBytes;

export function setMaxFrameBytes(bytes: number): void {
  maxFrameBytesNow = bytes;
}

export function maxFrameBytes(): number {
  return maxFrameBytesNow;
}
