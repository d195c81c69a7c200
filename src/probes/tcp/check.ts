// `expect.certificate.minDaysLeft`: a leaf expiring sooner fails as `tls`, also with `insecure`.
import type { Failure } from '../../model/failure.js';
import type { LeafCertificate } from './certificate.js';

export function checkMinDaysLeft(certificate: LeafCertificate | null, minDaysLeft: number | undefined): Failure | null {
  if (minDaysLeft === undefined || certificate === null || certificate.daysLeft >= minDaysLeft) return null;
  const when = certificate.daysLeft < 0 ? `expired ${-certificate.daysLeft} day(s) ago` : `expires in ${certificate.daysLeft} day(s)`;
  return {
    class: 'tls',
    code: 'CERT_EXPIRES_SOON',
    reason: `certificate ${when}, under minDaysLeft ${minDaysLeft} (notAfter ${certificate.notAfter}, subject ${certificate.subject})`,
  };
}
