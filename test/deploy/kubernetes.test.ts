// deploy/kubernetes: every overlay rendered by `kubectl kustomize` is one CronJob for its vantage
// (the vantage and push target reaching its args), safe to run (non-root, limits, Forbid), with the
// probes file as a ConfigMap that upprobe accepts; and the image recipe matches the manifests.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { skipWithout } from '../helpers/programs.js';
import { runCli } from '../helpers/cli.js';

const KUBE = fileURLToPath(new URL('../../deploy/kubernetes/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OVERLAYS = readdirSync(join(KUBE, 'overlays')).sort();
const SKIP = skipWithout('kubectl', 'kubectl', ['version', '--client']);

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  args: string[];
  env?: EnvVar[];
  envFrom?: { secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
}
interface PodSpec {
  restartPolicy: string;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string } }[];
}
interface K8sObject {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { schedule: string; concurrencyPolicy: string; jobTemplate: { spec: { backoffLimit?: number; activeDeadlineSeconds?: number; template: { spec: PodSpec } } } };
}

function render(overlay: string): K8sObject[] {
  const done = spawnSync('kubectl', ['kustomize', join(KUBE, 'overlays', overlay)], { encoding: 'utf8', timeout: 60_000 });
  if (done.error) throw new Error(`kubectl did not run (apt-get install kubectl): ${done.error.message}`);
  expect(done.stderr).toBe('');
  expect(done.status).toBe(0);
  return parseAllDocuments(done.stdout).map((doc) => doc.toJS() as K8sObject);
}

/** The container's args as the kubelet runs them: `$(VAR)` replaced from env and ConfigMaps. */
function resolvedArgs(container: Container, objects: K8sObject[]): string[] {
  const env = new Map<string, string>();
  for (const v of container.env ?? []) {
    const ref = v.valueFrom?.configMapKeyRef;
    const value = ref ? objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.name)?.data?.[ref.key] : v.value;
    if (value === undefined) throw new Error(`env ${v.name} resolves to nothing`);
    env.set(v.name, value);
  }
  return container.args.map((arg) =>
    arg.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env.get(name) ?? whole),
  );
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

describe.skipIf(SKIP)('Kubernetes overlays, rendered by kubectl kustomize', () => {
  it('there is one overlay per vantage, at least two', () => {
    expect(OVERLAYS.length).toBeGreaterThanOrEqual(2);
  });

  it.each(OVERLAYS)('%s: one CronJob for its vantage, with its push target, safe to run', (vantage) => {
    const objects = render(vantage);
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'ConfigMap', 'CronJob']);
    const cronJob = objects.find((o) => o.kind === 'CronJob');
    expect(cronJob?.metadata.name).toBe(`upprobe-${vantage}`);
    const spec = cronJob?.spec;
    if (!spec) throw new Error('no CronJob spec');
    expect(spec.schedule.split(' ')).toHaveLength(5);
    expect(spec.concurrencyPolicy).toBe('Forbid');
    expect(spec.jobTemplate.spec.backoffLimit).toBe(0);
    expect(spec.jobTemplate.spec.activeDeadlineSeconds).toBeGreaterThan(0);

    const pod = spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(pod.containers).toHaveLength(1);
    const [container] = pod.containers;
    if (!container) throw new Error('no container');
    expect(container.image).toMatch(/^upprobe:\S+$/);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    for (const bound of [container.resources?.limits, container.resources?.requests]) {
      expect(Object.keys(bound ?? {}).sort()).toEqual(['cpu', 'memory']);
    }
    expect(container.envFrom).toContainEqual({ secretRef: { name: 'upprobe-secrets', optional: true } });

    const args = resolvedArgs(container, objects);
    expect(args.filter((arg) => arg.includes('$('))).toEqual([]);
    expect(args.slice(0, 2)).toEqual(['run', '/etc/upprobe/probes.yaml']);
    expect(flag(args, '--vantage')).toBe(vantage);
    expect(new URL(flag(args, '--push-gateway') ?? '').protocol).toMatch(/^https?:$/);

    // The probes file reaches /etc/upprobe from a ConfigMap generated from base/probes.yaml.
    const volume = pod.volumes?.find((v) => v.configMap);
    const probes = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === volume?.configMap?.name);
    expect(probes?.data?.['probes.yaml']).toBe(readFileSync(join(KUBE, 'base', 'probes.yaml'), 'utf8'));
  });

  it('every flag the CronJob passes is one `upprobe run` knows', async () => {
    const help = await runCli(['run', '--help']);
    const container = render(OVERLAYS[0] ?? '').find((o) => o.kind === 'CronJob')?.spec?.jobTemplate.spec.template.spec.containers[0];
    const flags = (container?.args ?? []).filter((arg) => arg.startsWith('--'));
    expect(flags).toEqual(['--vantage', '--push-gateway']);
    for (const flag of flags) expect(help.stdout).toMatch(new RegExp(`^\\s+${flag} <`, 'm'));
  });

  it('every overlay names a different vantage and CronJob', () => {
    const names = OVERLAYS.map((v) => render(v).find((o) => o.kind === 'CronJob')?.metadata.name);
    expect(new Set(names).size).toBe(OVERLAYS.length);
  });
});

describe('what the manifests run', () => {
  it('the shipped probes.yaml is a valid upprobe config (upprobe validate)', async () => {
    const result = await runCli(['validate', join(KUBE, 'base', 'probes.yaml')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('the Dockerfile builds in a stage of its own and runs as the non-root user the CronJob sets', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM \S+(?: AS (\S+))?$/gm)];
    expect(stages).toHaveLength(2);
    const final = dockerfile.slice(stages[1]?.index ?? 0);
    expect(final).toMatch(/^RUN npm ci --omit=dev --ignore-scripts/m);
    expect(final).toMatch(/^COPY --from=build \S+\/dist \.\/dist$/m);
    const user = /^USER (\d+):(\d+)$/m.exec(final);
    expect(Number(user?.[1])).toBeGreaterThan(0);
    const cronJob = readFileSync(join(KUBE, 'base', 'cronjob.yaml'), 'utf8');
    expect(cronJob).toContain(`runAsUser: ${user?.[1]}`);
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });
});

// Keeps the helpers above honest: a `$(VAR)` with no source would reach the run unexpanded.
describe('resolving container args', () => {
  it('replaces $(VAR) from ConfigMap keys and leaves an unknown one as it is', () => {
    const objects: K8sObject[] = [{ kind: 'ConfigMap', metadata: { name: 'cm' }, data: { k: 'fra1' } }];
    const container: Container = { name: 'c', image: 'i', args: ['--vantage', '$(V)', '$(OTHER)'], env: [{ name: 'V', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }] };
    expect(resolvedArgs(container, objects)).toEqual(['--vantage', 'fra1', '$(OTHER)']);
  });
});
