// Throwaway TLS certificates for the target's https listener: self-signed, for loopback names,
// expiring in a chosen number of days (cert-expiring serves one that expires soon).
// node-forge encodes the certificate (its ASN.1 writer); Node's crypto makes the P-256 key and
// signs, in about a millisecond, where an RSA key would cost ~0.5 s at every start.
import { generateKeyPairSync, sign } from 'node:crypto';
import { isIPv6 } from 'node:net';
import forge from 'node-forge';

/** A PEM certificate and key, and when the certificate expires. */
export interface ThrowawayCertificate {
  cert: string;
  key: string;
  notAfter: Date;
}

const DAY_MS = 86_400_000;
/** Beyond whole days, so that "days left" rounded down is exactly the number asked for. */
const MARGIN_MS = 3_600_000;
/** The names the certificate is valid for: the target only ever listens on loopback. */
const DNS_NAMES = ['localhost'];
const IP_ADDRESSES = ['127.0.0.1', '::1'];

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;

const sequence = (...items: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SEQUENCE, true, items);
const oid = (id: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const bytes = (buffer: Buffer) => buffer.toString('binary');

function name(commonName: string): forge.asn1.Asn1 {
  return sequence(asn1.create(U, asn1.Type.SET, true, [sequence(oid(OID.commonName), asn1.create(U, asn1.Type.UTF8, false, commonName))]));
}

function extension(id: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return sequence(oid(id), asn1.create(U, asn1.Type.OCTETSTRING, false, asn1.toDer(value).getBytes()));
}

function ipBytes(address: string): string {
  if (!isIPv6(address)) return String.fromCharCode(...address.split('.').map(Number));
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const fill = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...Array<string>(fill).fill('0'), ...groups(tail)];
  return all.map((g) => { const n = parseInt(g, 16); return String.fromCharCode(n >> 8, n & 0xff); }).join('');
}

const issued = new Map<number, ThrowawayCertificate>();

/** A certificate for localhost, 127.0.0.1 and ::1 that expires in `daysLeft` days (and an hour). */
export function throwawayCertificate(daysLeft: number): ThrowawayCertificate {
  const cached = issued.get(daysLeft);
  if (cached && cached.notAfter.getTime() - Date.now() > daysLeft * DAY_MS) return cached;

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const notAfter = new Date(now + daysLeft * DAY_MS + MARGIN_MS);
  const subject = name('upprobe-edge.localhost');
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const altNames = sequence(
    ...DNS_NAMES.map((dns) => asn1.create(CONTEXT, 2, false, dns)),
    ...IP_ADDRESSES.map((ip) => asn1.create(CONTEXT, 7, false, ipBytes(ip))),
  );
  const tbs = sequence(
    asn1.create(CONTEXT, 0, true, [asn1.create(U, asn1.Type.INTEGER, false, '\x02')]), // v3
    asn1.create(U, asn1.Type.INTEGER, false, `\x01${bytes(Buffer.from(now.toString(16).padStart(12, '0'), 'hex'))}`),
    algorithm,
    subject,
    sequence(asn1.create(U, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(new Date(now - DAY_MS))), asn1.create(U, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(notAfter))),
    subject,
    asn1.fromDer(bytes(publicKey.export({ type: 'spki', format: 'der' }))),
    asn1.create(CONTEXT, 3, true, [
      sequence(
        extension(OID.basicConstraints, sequence()),
        extension(OID.extKeyUsage, sequence(oid(OID.serverAuth))),
        extension(OID.subjectAltName, altNames),
      ),
    ]),
  );
  const tbsDer = asn1.toDer(tbs).getBytes();
  const signature = sign('sha256', Buffer.from(tbsDer, 'binary'), privateKey);
  const certificate = sequence(tbs, algorithm, asn1.create(U, asn1.Type.BITSTRING, false, `\x00${bytes(signature)}`));
  const cert = forge.pem.encode({ type: 'CERTIFICATE', body: asn1.toDer(certificate).getBytes() });
  const made = { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), notAfter };
  issued.set(daysLeft, made);
  return made;
}
