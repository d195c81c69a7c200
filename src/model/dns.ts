// What a dns probe adds to its result: the last answer it got. (The dns kind itself is src/probes/dns/.)

/** The last reply of a dns probe's samples: which server said what. */
export interface DnsData {
  kind: 'dns';
  /** `127.0.0.1:53`, `[::1]:5353`: the server asked (the system's first resolver when none was given). */
  server: string | null;
  rcode: string | null;
  answers: string[];
}
