/**
 * Which reverse proxies the server believes (GUATU_TRUST_PROXY), and whether a request came over
 * HTTPS. With no trusted proxy, `X-Forwarded-For` and `X-Forwarded-Proto` are ignored: the client
 * IP (audit rows, the login rate limit) is the socket's peer address.
 */
import net from 'node:net';
import type { FastifyRequest } from 'fastify';

/** proxy-addr's names for address ranges, accepted beside IPs and CIDRs. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [ip, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !ip) return false;
  const family = net.isIP(ip);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * `GUATU_TRUST_PROXY`: proxies to trust, comma-separated IPs or CIDR ranges (or `loopback`,
 * `linklocal`, `uniquelocal`), e.g. `127.0.0.1,10.0.0.0/8`. Unset or empty: trust none.
 * "Trust everyone" is refused on purpose: any client could then forge its address.
 */
export function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of entries)
    if (!validEntry(e))
      throw new Error(
        `GUATU_TRUST_PROXY: "${e}" is not an IP address or CIDR range (e.g. 127.0.0.1,10.0.0.0/8); ` +
          'list the reverse proxies in front of Guatu, never "true" or "*"',
      );
  return entries;
}

/**
 * True when the request reached us over HTTPS: a TLS socket, or `X-Forwarded-Proto: https` from a
 * trusted proxy (Fastify reads the header only when the peer is in GUATU_TRUST_PROXY).
 * Cookies get `Secure` and answers get HSTS on such requests.
 */
export function isHttps(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}
