/**
 * Masks secrets in decoded values, before anything is encoded: a password is found in each
 * string of an event whatever spelling a SUT echoed it in, and the event is JSON-encoded only
 * afterwards (masking an encoded event missed passwords containing `"` or `\`).
 */

const MASK = '***';
/** JSON's two-character escapes, decoded alongside \\uXXXX ones. */
const SHORT_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const MIN_SECRET_LENGTH = 4;
const PRIVATE_KEY_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** JSON string-literal bodies: as JSON.stringify writes it, and with every non-ASCII char as \uXXXX. */
function jsonSpellings(s: string): string[] {
  const plain = JSON.stringify(s).slice(1, -1);
  const ascii = plain.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [plain, ascii];
}

/**
 * The base64 of the secret at each of the three byte alignments it can have inside a longer
 * encoded text (`user:password` in a Basic-auth header, whatever the user), without the edge
 * characters that mix in neighbouring bytes.
 */
function base64Spellings(s: string): string[] {
  const bytes = Buffer.from(s, 'utf8');
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const from = Math.ceil((pad * 8) / 6);
    const to = Math.floor(((pad + bytes.length) * 8) / 6);
    const core = encoded.slice(from, to);
    if (core.length >= MIN_SECRET_LENGTH) out.push(core);
  }
  return out;
}

/** Every spelling of one secret a SUT could echo: raw, case-changed, JSON-escaped, URL-encoded, hex. */
function textSpellings(secret: string): string[] {
  const cases = [...new Set([secret, secret.toUpperCase(), secret.toLowerCase()])];
  const out = new Set<string>();
  for (const c of cases) {
    out.add(c);
    // Once escaped as a JSON string, and twice: an echoed JSON-escaped value inside a JSON frame.
    for (const j of jsonSpellings(c)) {
      out.add(j);
      for (const jj of jsonSpellings(j)) out.add(jj);
    }
    out.add(encodeURIComponent(c));
    out.add(Buffer.from(c, 'utf8').toString('hex'));
  }
  return [...out];
}

export class SecretMask {
  private readonly secrets = new Set<string>();
  /** Spellings matched in any case (text, JSON, hex), longest first. */
  private folded: RegExp | undefined;
  /** Base64 spellings, matched as written (base64 is case-sensitive). */
  private exact: RegExp | undefined;

  constructor(secrets: readonly string[] = []) {
    for (const s of secrets) this.add(s);
  }

  /** A secret made during the run (a new password a case sets): masked from now on. */
  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    const folded = new Set<string>();
    const exact = new Set<string>();
    for (const s of this.secrets) {
      for (const t of textSpellings(s)) folded.add(t);
      for (const b of base64Spellings(s)) exact.add(b);
    }
    const alternatives = (set: Set<string>) =>
      [...set]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|');
    this.folded = new RegExp(alternatives(folded), 'giu');
    this.exact = exact.size > 0 ? new RegExp(alternatives(exact), 'g') : undefined;
  }

  /** One string with every known secret (and any private key) masked. */
  maskText(text: string): string {
    let out = text.includes('PRIVATE KEY-----') ? text.replace(PRIVATE_KEY_PEM, '***private key***') : text;
    if (this.folded) out = out.replace(this.folded, MASK);
    if (this.exact) out = out.replace(this.exact, MASK);
    if (this.folded && out.includes('\\u')) out = this.maskUnicodeEscaped(out);
    return out;
  }

  /**
   * A secret spelled with some or all of its characters as JSON \uXXXX escapes (any mix, any
   * case of hex digits): the escapes are decoded into a view that remembers where each character
   * came from, the secret is found in the view, and the raw text it spans is masked.
   */
  private maskUnicodeEscaped(text: string): string {
    const folded = this.folded;
    if (!folded) return text;
    let view = '';
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < text.length;) {
      const unicode = /^\\u([0-9a-fA-F]{4})/.exec(text.slice(i, i + 6));
      const short = text[i] === '\\' ? SHORT_ESCAPES[text[i + 1]] : undefined;
      from.push(i);
      if (unicode) {
        view += String.fromCharCode(Number.parseInt(unicode[1], 16));
        i += 6;
      } else if (short !== undefined) {
        view += short;
        i += 2;
      } else {
        view += text[i];
        i += 1;
      }
      to.push(i);
    }
    const spans: [number, number][] = [];
    for (const m of view.matchAll(new RegExp(folded.source, 'giu'))) {
      if (m.index === undefined || m[0].length === 0) continue;
      spans.push([from[m.index], to[m.index + m[0].length - 1]]);
    }
    let out = text;
    for (const [start, end] of spans.reverse()) out = `${out.slice(0, start)}${MASK}${out.slice(end)}`;
    return out;
  }

  /**
   * A copy of a decoded value with every string masked (object keys included), then passed
   * through `after` (values only). Unchanged values are returned as they are, so the common case
   * copies nothing.
   */
  maskValue<T>(value: T, after: (text: string) => string = (t) => t): T {
    if (typeof value === 'string') return after(this.maskText(value)) as T;
    if (Array.isArray(value)) {
      let changed = false;
      const copy = value.map((v: unknown) => {
        const m = this.maskValue(v, after);
        if (m !== v) changed = true;
        return m;
      });
      return (changed ? copy : value) as T;
    }
    if (value !== null && typeof value === 'object') {
      let changed = false;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const mk = this.maskText(k);
        const mv = this.maskValue(v, after);
        if (mk !== k || mv !== v) changed = true;
        copy[mk] = mv;
      }
      return (changed ? copy : value) as T;
    }
    return value;
  }
}
