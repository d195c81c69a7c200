// A report file: a reporter's text written to a path (or stdout), replaced atomically or appended.
import { REPORTERS, type ReporterName } from '../../report/registry.js';
import { SinkUnusable, type Sink, type SinkOption, type SinkSource } from '../sink.js';
import { destinationKey, inspectDestination } from './destination.js';
import { appendWhole, readIfExists, writeFileAtomic, writeToStream, type WriteMode } from './write.js';

export interface FileSinkSpec {
  source: SinkSource;
  description: string;
  reporter: ReporterName;
  /**
   * replace: a temporary file renamed into place (readers see the old file or the new, never half);
   * append: one write to the end of the file (two overlapping runs leave two whole entries).
   */
  write: WriteMode;
  /** The reporter is handed the file's current text (Prometheus counters carry their totals). */
  carriesTotals?: boolean;
  /** The report holds each probe's latency histogram (JSON, record). */
  carriesHistograms?: boolean;
}

/** A registry entry for a file report; a `[path]` flag alone, or `-`, means stdout. */
export function fileReport(spec: FileSinkSpec): SinkOption {
  return {
    source: spec.source,
    description: spec.description,
    create(value, origin): Sink {
      const path = value === true ? '-' : value;
      const toStdout = 'flag' in spec.source && spec.source.argument === '[path]';
      if (path === '-' && !toStdout) throw new SinkUnusable(`${origin} needs a file path`);
      return {
        origin,
        target: path,
        // A device or FIFO may take several reports; two in one regular file would overwrite each other.
        key: path === '-' ? null : destinationKey(path, spec.write),
        usesStdout: path === '-',
        carriesHistograms: spec.carriesHistograms === true,
        check: () => {
          if (path !== '-') inspectDestination(path, spec.write);
        },
        // The result was redacted value by value (secrets/redact.ts); the text is not masked again, so
        // a secret `1` cannot turn `"schemaVersion": 1` or a Prometheus sample into `***`.
        async deliver(result, { render, stdout }) {
          const reporter = await REPORTERS[spec.reporter]();
          if (path === '-') {
            stdout.write(reporter.render(result, { ...render, color: false, previous: null }));
            return;
          }
          // Looked at again: what is at the path may have changed while the probes ran.
          const destination = inspectDestination(path, spec.write);
          // Only a regular file can be read back (a FIFO would wait for a writer forever).
          const previous = spec.carriesTotals && destination.kind === 'file' && destination.existing ? readIfExists(destination.path) : null;
          const text = reporter.render(result, { ...render, color: false, previous });
          if (destination.kind === 'stream') writeToStream(destination.path, text, destination.fifo);
          else if (spec.write === 'append') appendWhole(destination.path, text);
          else writeFileAtomic(destination.path, text, destination.existing);
        },
      };
    },
  };
}
