// The messages of Prometheus remote write 1.0 (prometheus/prompb: remote.proto and types.proto),
// as a protobufjs JSON descriptor: the fields a WriteRequest of plain samples uses, with their
// numbers from the .proto files. Exemplars and native histograms are left out; upprobe sends none.
import protobuf from 'protobufjs/light.js';

/** prompb's MetricMetadata.MetricType. */
export const METADATA_TYPE = { untyped: 0, counter: 1, gauge: 2, histogram: 3, summary: 5 } as const;

const descriptor = {
  nested: {
    prometheus: {
      nested: {
        WriteRequest: {
          fields: {
            timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 },
            metadata: { rule: 'repeated', type: 'MetricMetadata', id: 3 },
          },
        },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
        MetricMetadata: {
          fields: {
            type: { type: 'int32', id: 1 },
            metricFamilyName: { type: 'string', id: 2 },
            help: { type: 'string', id: 4 },
            unit: { type: 'string', id: 5 },
          },
        },
      },
    },
  },
};

/** prometheus.WriteRequest, ready to encode. */
export const WriteRequest = protobuf.Root.fromJSON(descriptor).lookupType('prometheus.WriteRequest');

export interface WriteRequestValue {
  timeseries: { labels: { name: string; value: string }[]; samples: { value: number; timestamp: number }[] }[];
  metadata: { type: number; metricFamilyName: string; help: string; unit: string }[];
}
