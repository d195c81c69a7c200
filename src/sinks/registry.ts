// Every sink a run can deliver to, one line each; the `run` flags, their --help lines, the checks
// before probing and the deliveries after all follow from this list. Adding a sink (a Pushgateway,
// a webhook): its module in src/sinks/, then one line here.
import { fileReport } from './files/file-sink.js';
import { notifySink } from './notify/notify-sink.js';
import { pushSink } from './push/push-sink.js';
import type { SinkOption } from './sink.js';

export const SINKS: readonly SinkOption[] = [
  fileReport({ source: { flag: 'json', argument: '[path]' }, description: 'write the JSON report to path, or to stdout when no path or - is given (tables then go to stderr)', reporter: 'json', write: 'replace', carriesHistograms: true }),
  fileReport({ source: { flag: 'junit', argument: '<path>' }, description: 'write a JUnit XML report to path: a testsuite per surface, a testcase per probe (CI test reports)', reporter: 'junit', write: 'replace' }),
  fileReport({ source: { flag: 'prom', argument: '<path>' }, description: 'write Prometheus metrics to path (node_exporter textfile collector); counters add up across runs', reporter: 'prom', write: 'replace', carriesTotals: true }),
  fileReport({ source: { flag: 'record', argument: '<path>' }, description: 'append the JSON report as one line to path, a run history that `upprobe history` reads', reporter: 'record', write: 'append', carriesHistograms: true }),
  pushSink({ source: { flag: 'push-gateway', argument: '<url>' }, description: 'push the --prom metrics to a Prometheus Pushgateway (PUT, job "upprobe", grouped by vantage); user:password@ in the URL or UPPROBE_PUSH_BEARER_TOKEN to sign in' }),
  pushSink({ source: { flag: 'remote-write', argument: '<url>' }, description: 'send the --prom metrics by Prometheus remote write 1.0, with job="upprobe"; user:password@ in the URL or UPPROBE_PUSH_BEARER_TOKEN to sign in' }),
  notifySink,
  fileReport({ source: { env: 'GITHUB_STEP_SUMMARY' }, description: 'a Markdown summary appended to the file GitHub Actions names', reporter: 'markdown', write: 'append' }),
];
