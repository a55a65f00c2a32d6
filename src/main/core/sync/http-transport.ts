/**
 * The sender's HTTP client on node:http/https. TLS certificates are always verified (there is no
 * option to turn that off); a club's own CA (PEM file) is trusted in addition to the system's.
 * One connection per request (no keep-alive): a request that fails never poisons the next.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface SyncTransport {
  request(r: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; body?: Buffer; timeoutMs: number; caFile: string | null }): Promise<HttpAnswer>;
}

/** A failure to talk to the server at all (no answer): always worth trying again later. */
export class NetworkError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const caCache = new Map<string, string[]>();

function caFor(file: string): string[] {
  let ca = caCache.get(file);
  if (!ca) {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (err) {
      throw new NetworkError('CA_FILE', `the club CA file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new NetworkError('CA_FILE', `the club CA file ${file} holds no PEM certificate`);
    ca = [...rootCertificates, pem];
    caCache.set(file, ca);
  }
  return ca;
}

const MAX_ANSWER = 1024 * 1024;

export const nodeTransport: SyncTransport = {
  request({ method, url, headers, body, timeoutMs, caFile }) {
    return new Promise<HttpAnswer>((resolve, reject) => {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        reject(new NetworkError('BAD_URL', `the server address ${url} is not a URL`));
        return;
      }
      const https = u.protocol === 'https:';
      let ca: string[] | undefined;
      try {
        ca = https && caFile ? caFor(caFile) : undefined;
      } catch (err) {
        reject(err);
        return;
      }
      const opts = {
        method,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}), connection: 'close' },
        agent: false as const,
        ...(https ? { ca, rejectUnauthorized: true } : {}),
      };
      const req = (https ? httpsRequest : httpRequest)(u, opts, (res: IncomingMessage) => {
        const parts: Buffer[] = [];
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
          if (n <= MAX_ANSWER) parts.push(c);
        });
        res.on('end', () => {
          const h: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(res.headers)) h[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(parts) });
        });
        res.on('error', (err) => reject(new NetworkError('RESET', `the answer was cut off (${err.message})`)));
        res.on('aborted', () => reject(new NetworkError('RESET', 'the answer was cut off')));
      });
      req.setTimeout(timeoutMs, () => req.destroy(new NetworkError('TIMEOUT', `no answer within ${Math.round(timeoutMs / 1000)} s`)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof NetworkError) reject(err);
        else reject(new NetworkError(err.code ?? 'NETWORK', describeNetworkError(err, u)));
      });
      req.end(body);
    });
  },
};

function describeNetworkError(err: NodeJS.ErrnoException, u: URL): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `the server at ${u.host} refused the connection (is it running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the server name ${u.hostname} cannot be found (no network?)`;
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was cut';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'no network route to the server';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `the server's certificate is not trusted (${err.code}): give the club's CA file in the sync settings`;
    case 'CERT_HAS_EXPIRED':
      return "the server's certificate has expired";
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the server's certificate is not for ${u.hostname}`;
    default:
      return `${err.message}${err.code ? ` (${err.code})` : ''}`;
  }
}
