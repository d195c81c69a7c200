// Sends a run's metrics by Prometheus remote write 1.0: a snappy-compressed (block format)
// protobuf WriteRequest, POSTed with the protocol's three headers. The series are those of the
// `--prom` text, each with `job="upprobe"` added and stamped with the time of the push.
import snappy from 'snappyjs';
import { pushFailed, sendPush, type PushOptions, type PushOutcome } from './send.js';
import { parseExposition, type MetricFamily } from './exposition.js';
import { pushTarget } from './target.js';
import { PUSH_JOB } from './pushgateway.js';
import { METADATA_TYPE, WriteRequest, type WriteRequestValue } from './remote-write-schema.js';

export interface RemoteWriteOptions extends PushOptions {
  /** The samples' timestamp, in milliseconds since the epoch; the time of the push by default. */
  timestampMs?: number | undefined;
}

export async function remoteWrite(url: string, promText: string, options: RemoteWriteOptions): Promise<PushOutcome> {
  const target = pushTarget(url, options.bearerToken);
  if ('error' in target) return { ok: false, message: `remote write failed: ${target.error}` };
  let body: Uint8Array;
  try {
    body = encodeWriteRequest(parseExposition(promText), options.timestampMs ?? Date.now());
  } catch (err) {
    return pushFailed('remote write', target.url, `unreadable metrics (${(err as Error).message})`);
  }
  return sendPush(
    {
      what: 'remote write',
      method: 'POST',
      target,
      headers: {
        'content-encoding': 'snappy',
        'content-type': 'application/x-protobuf',
        'x-prometheus-remote-write-version': '0.1.0',
      },
      body,
    },
    options,
  );
}


/** The compressed WriteRequest body for these families, every sample at `timestampMs`. */
export function encodeWriteRequest(families: MetricFamily[], timestampMs: number): Uint8Array {
  const request: WriteRequestValue = { timeseries: [], metadata: [] };
  for (const family of families) {
    request.metadata.push({ type: METADATA_TYPE[family.type], metricFamilyName: family.name, help: family.help, unit: '' });
    for (const sample of family.samples) {
      request.timeseries.push({ labels: seriesLabels(sample.name, sample.labels), samples: [{ value: sample.value, timestamp: timestampMs }] });
    }
  }
  const encoded = WriteRequest.encode(WriteRequest.fromObject(request)).finish();
  return snappy.compress(encoded);
}

/**
 * The protocol's label set: `__name__` and `job` added, sorted by name (the spec requires it),
 * empty values dropped (in Prometheus an empty label is no label).
 */
function seriesLabels(name: string, labels: Record<string, string>): { name: string; value: string }[] {
  const all: Record<string, string> = { ...labels, __name__: name, job: PUSH_JOB };
  return Object.keys(all)
    .filter((key) => all[key] !== '')
    .sort()
    .map((key) => ({ name: key, value: all[key] ?? '' }));
}
