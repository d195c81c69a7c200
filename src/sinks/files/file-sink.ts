// A report file: a reporter's text written to a path (or stdout), replaced atomically or appended.
import { resolve } from 'node:path';
import { REPORTERS, type ReporterName } from '../../report/registry.js';
import { SinkUnusable, type Sink, type SinkOption, type SinkSource } from '../sink.js';
import { appendWhole, checkWritable, readIfExists, writeFileAtomic, type WriteMode } from './write.js';

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
        key: path === '-' ? null : resolve(path),
        usesStdout: path === '-',
        carriesHistograms: spec.carriesHistograms === true,
        check: () => {
          if (path !== '-') checkWritable(path, spec.write);
        },
        async deliver(result, { redact, render, stdout }) {
          const previous = spec.carriesTotals && path !== '-' ? readIfExists(path) : null;
          const reporter = await REPORTERS[spec.reporter]();
          const text = redact(reporter.render(result, { ...render, color: false, previous }));
          if (path === '-') stdout.write(text);
          else if (spec.write === 'append') appendWhole(path, text);
          else writeFileAtomic(path, text);
        },
      };
    },
  };
}
