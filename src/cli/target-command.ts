// `upprobe target`: the built-in target alone, for trying probes by hand, until Ctrl-C.
import { ExitCode } from '../model/exit-codes.js';
import { DEMO_PASSWORD, DEMO_USER, isScenario, SCENARIOS, startTarget } from '../target/server.js';
import { UsageError } from './errors.js';

export async function targetCommand(options: { port: number; scenario: string }): Promise<number> {
  if (!isScenario(options.scenario)) {
    throw new UsageError(`unknown scenario "${options.scenario}"; expected one of: ${SCENARIOS.join(', ')}`);
  }
  let target;
  try {
    target = await startTarget({ port: options.port, scenario: options.scenario });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`cannot listen on 127.0.0.1:${options.port} (${code}); try --port 0`);
    throw err;
  }
  process.stdout.write(`upprobe target: scenario ${target.scenario}, listening on ${target.url} (Ctrl-C to stop)\n`);
  process.stdout.write(`App API address: ${target.apiUrl} · https (throwaway certificate): ${target.tlsUrl}\n`);
  process.stdout.write(`demo account for the login flow: UPPROBE_USER=${DEMO_USER} UPPROBE_PASSWORD=${DEMO_PASSWORD}\n`);
  const running = target;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return ExitCode.Ok;
}
