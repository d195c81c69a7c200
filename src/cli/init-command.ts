// `upprobe init`: drafts a probes file (see src/init/) and writes it, or prints it with `-o -`.
import { existsSync } from 'node:fs';
import { InitInputError } from '../init/errors.js';
import { draftProbesFile } from '../init/init.js';
import { checkCanWrite, writeDraft } from '../init/write-file.js';
import { UsageError } from './errors.js';
import type { OutputBoundary } from './output.js';

export interface InitFlags {
  fromHar?: string;
  fromOpenapi?: string;
  baseUrl?: string;
  output: string;
  force?: boolean;
  timeout?: number;
}

/** Exit 0 with the file written; bad input or an existing file is a UsageError (exit 2). */
export async function initCommand(urls: string[], flags: InitFlags, output: OutputBoundary): Promise<number> {
  const toStdout = flags.output === '-';
  try {
    if (!toStdout) checkCanWrite(flags.output, flags.force === true, existsSync);
    const { text, probes } = await draftProbesFile({ urls, ...flags, timeoutMs: flags.timeout ?? 10_000 });
    if (toStdout) {
      output.write(process.stdout, text);
    } else {
      writeDraft(flags.output, text, flags.force === true);
      const total = probes.api + probes.web;
      output.write(
        process.stderr,
        `upprobe init: wrote ${flags.output}: ${total} probe${total === 1 ? '' : 's'} (${probes.api} api, ${probes.web} web)\n` +
          `next: upprobe validate ${flags.output} && upprobe run ${flags.output}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof InitInputError) throw new UsageError(`init: ${error.message}`);
    throw error;
  }
}
