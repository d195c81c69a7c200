// The fixed vocabulary of `consistentWith`: explanations the evidence supports, worded as what
// the evidence is consistent with, never as an accusation. docs/diagnosis.md lists the same texts.

export const CONSISTENT_WITH = {
  proberNetwork: "a fault in the prober's own network or host, not necessarily in the service",
  applicationFault: 'an application fault behind a working network',
  applicationStalled: 'an application that accepts connections but does not answer (overloaded or stalled)',
  answersCutOff: 'answers cut off mid-way (a crashing or restarting server)',
  malformedAnswers: 'a server or proxy answering with malformed HTTP',
  edgeCannotReachOrigin: 'an edge that cannot reach or hear from the origin behind it',
  botProtection: "bot protection at the edge challenging this prober's requests",
  rateLimited: "rate limiting of this prober's requests",
  edgeRefusing: 'access rules at the edge refusing these requests',
  floodOrRouting: 'a volumetric flood or a routing failure',
  notListening: 'nothing accepting connections at the service address (stopped, or a firewall rejecting them)',
  someAddresses: 'some of the service addresses out of service while others answer',
  connectionsDropped: 'connections dropped before any answer (a middlebox, or a listener shedding load)',
  dnsRecordMissing: 'a missing or removed DNS record',
  dnsServersFailing: "a failure of the name's DNS servers or of their configuration",
  certificateProblem: 'an expired, mismatched or untrusted certificate',
  certificateExpiring: 'a certificate close to expiry',
  tlsHandshake: 'a TLS configuration mismatch or a stalled handshake',
  signInFault: 'a fault in the sign-in path while the rest of the surface works',
  contentChanged: 'answers that no longer match what the probes expect (a changed API or page, broken links)',
  slowness: 'slowness without errors (load, or a slow dependency)',
  sharedFault: 'one fault shared by both surfaces (the same layer fails on api and web)',
} as const;

export type ConsistentWithKey = keyof typeof CONSISTENT_WITH;
