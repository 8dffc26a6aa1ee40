import { createHash } from 'node:crypto';

/**
 * Text cut to at most maxBytes of UTF-8, followed by the original's length and SHA-256, so a
 * hostile SUT cannot make the log and every report carry one huge frame while the frame can
 * still be identified. Text within the cap is returned as it is.
 */
export function clipText(text: string, maxBytes: number): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most strings need no measuring.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // A cut inside a multi-byte character decodes to U+FFFD; that is acceptable for a preview.
  const head = bytes.subarray(0, maxBytes).toString('utf8');
  const digest = createHash('sha256').update(bytes).digest('hex');
  return `${head}… [truncated: ${bytes.length} bytes in all, SHA-256 ${digest}]`;
}
