// `upprobe target`: the built-in target alone, for trying probes by hand, until Ctrl-C.
import { ExitCode } from '../model/exit-codes.js';
import { DEMO_PASSWORD, DEMO_USER, isScenario, SCENARIOS, startTarget } from '../target/server.js';
import { UsageError } from './errors.js';

/**
 * With a fixed --port P, the other listeners take the ports after it (as the shipped probes.yaml
 * expects for 8080): the App API P+1, https P+2, DNS P+3, the controls P+4 and P+5.
 */
function besidePorts(port: number) {
  if (port === 0) return {};
  if (port + 5 > 65535) throw new UsageError(`--port ${port} leaves no room for the 5 ports after it; use a port up to 65530, or 0`);
  return { apiPort: port + 1, tlsPort: port + 2, dnsPort: port + 3, controlPorts: [port + 4, port + 5] as [number, number] };
}

export async function targetCommand(options: { port: number; scenario: string }): Promise<number> {
  if (!isScenario(options.scenario)) {
    throw new UsageError(`unknown scenario "${options.scenario}"; expected one of: ${SCENARIOS.join(', ')}`);
  }
  let target;
  try {
    target = await startTarget({ port: options.port, scenario: options.scenario, ...besidePorts(options.port) });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`cannot listen on 127.0.0.1:${options.port} (or the ports after it) (${code}); try --port 0`);
    throw err;
  }
  process.stdout.write(`upprobe target: scenario ${target.scenario}, listening on ${target.url} (Ctrl-C to stop)\n`);
  process.stdout.write(`App API address: ${target.apiUrl} · https (throwaway certificate): ${target.tlsUrl}\n`);
  process.stdout.write(`DNS for ${target.names.web} and ${target.names.api}: ${target.dnsServer} · controls: ${target.controlUrls.join(' ')}\n`);
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
