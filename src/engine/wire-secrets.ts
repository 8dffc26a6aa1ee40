/**
 * Passwords that travel inside OCPP messages: a CSMS setting a new Basic-auth password
 * (2.0.1 SetVariables SecurityCtrlr.BasicAuthPassword, 1.6 ChangeConfiguration AuthorizationKey).
 * The runner learns them from each frame before it is logged, so the log masks them everywhere,
 * including in the frame that carried them.
 */
const PASSWORD_VARIABLES = new Set(['BasicAuthPassword']);
const PASSWORD_KEYS = new Set(['AuthorizationKey']);

export function secretsInFrame(text: string): string[] {
  // Cheap pre-check: most frames carry no password at all.
  if (!text.includes('BasicAuthPassword') && !text.includes('AuthorizationKey')) return [];
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(frame) || frame[0] !== 2 || typeof frame[2] !== 'string') return [];
  const payload = frame[3] as Record<string, unknown> | undefined;
  if (!payload || typeof payload !== 'object') return [];
  const out: string[] = [];
  if (frame[2] === 'SetVariables' && Array.isArray(payload.setVariableData)) {
    for (const d of payload.setVariableData as { variable?: { name?: unknown }; attributeValue?: unknown }[]) {
      if (PASSWORD_VARIABLES.has(String(d?.variable?.name)) && typeof d.attributeValue === 'string') out.push(d.attributeValue);
    }
  }
  if (frame[2] === 'ChangeConfiguration' && PASSWORD_KEYS.has(String(payload.key)) && typeof payload.value === 'string')
    out.push(payload.value);
  return out;
}
