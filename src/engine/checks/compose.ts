import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import {
  LineIndex,
  displayPath,
  isInside,
  isSuppressed,
  matchesGlob,
  plural,
  readTextOrUndefined,
  sortFindings,
  walkFiles,
} from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';
import { YamlSource, isRecord } from './yaml-source.js';

export const composeOptions = z.strictObject({
  files: z
    .array(z.string().min(1))
    .min(1)
    .default(['docker-compose*.yml', 'docker-compose*.yaml', 'compose*.yml', 'compose*.yaml']),
  'production-files': z.array(z.string().min(1)).default(['*prod*']),
  'database-images': z
    .array(z.string().min(1))
    .default([
      'postgres',
      'postgresql',
      'mysql',
      'mariadb',
      'redis',
      'mongo',
      'mongodb',
      'rabbitmq',
    ]),
});
export type ComposeOptions = z.output<typeof composeOptions>;

export const composeCheck: CheckDefinition<ComposeOptions> = {
  id: 'compose',
  title: 'Compose services have health checks, pinned images and private databases',
  defaultPriority: 'P1',
  defaultStage: 'lint',
  options: composeOptions,
  run: runCompose,
};

/** The files `docker compose` reads by default; others in their directory override them. */
const BASE_NAMES = new Set([
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
]);

/** Commands of one-shot jobs that exit when done. */
const ONE_SHOT_COMMAND =
  /\b(?:migrat\w*|alembic\s+upgrade|seed\w*|collectstatic|createsuperuser|prisma\s+(?:migrate|db\s+push)|knex\s+migrate|flyway|liquibase)\b/i;

interface ComposeFile {
  relative: string;
  file: string;
  dir: string;
  source: YamlSource;
  lines: LineIndex;
  services: Record<string, Record<string, unknown>>;
  base: boolean;
  production: boolean;
}

async function runCompose(options: ComposeOptions, ctx: CheckContext): Promise<CheckResult> {
  const walk = await walkFiles(ctx.cwd, '.', {
    include: (relative) =>
      !/(?:^|\/)\.github\//.test(relative) &&
      options.files.some((pattern) => matchesGlob(relative, pattern)),
    signal: ctx.signal,
  });
  const findings: ToolFinding[] = [];
  const add = (compose: ComposeFile, line: number, ruleId: string, message: string) => {
    if (isSuppressed(compose.lines, line, ruleId)) return;
    findings.push({ tool: 'compose', file: compose.file, line, ruleId, message });
  };

  const files: ComposeFile[] = [];
  for (const relative of walk.files) {
    const absolute = path.join(ctx.cwd, relative);
    const text = await readTextOrUndefined(absolute);
    if (text === undefined) continue;
    const source = new YamlSource(text);
    const file = displayPath(ctx.workspace, absolute);
    const lines = new LineIndex(text);
    const base = BASE_NAMES.has(path.posix.basename(relative));
    const production = options['production-files'].some((pattern) =>
      matchesGlob(relative, pattern),
    );
    const compose: ComposeFile = {
      relative,
      file,
      dir: path.posix.dirname(relative),
      source,
      lines,
      services: {},
      base,
      production,
    };
    if (source.errors.length > 0) {
      for (const error of source.errors) {
        add(compose, error.line, 'compose/invalid-yaml', `YAML error: ${error.message}`);
      }
      continue;
    }
    if (!isRecord(source.data) || !isRecord(source.data.services)) continue;
    for (const [name, service] of Object.entries(source.data.services)) {
      compose.services[name] = isRecord(service) ? service : {};
    }
    files.push(compose);
  }

  let serviceCount = 0;
  const dockerfiles = new Map<string, boolean>();
  for (const compose of files) {
    // Services as compose sees them: the directory's base files, this file on top.
    const effective = new Map<string, Record<string, unknown>>();
    const inBase = new Set<string>();
    for (const other of files) {
      if (other === compose || !other.base || other.dir !== compose.dir) continue;
      for (const [name, service] of Object.entries(other.services)) {
        effective.set(name, { ...effective.get(name), ...service });
        inBase.add(name);
      }
    }
    for (const [name, service] of Object.entries(compose.services)) {
      effective.set(name, { ...effective.get(name), ...service });
    }
    const completedDeps = new Set<string>();
    for (const service of effective.values()) {
      if (!isRecord(service.depends_on)) continue;
      for (const [dep, spec] of Object.entries(service.depends_on)) {
        if (isRecord(spec) && spec.condition === 'service_completed_successfully') {
          completedDeps.add(dep);
        }
      }
    }
    const states = new Map<string, HealthState>();
    for (const [name, service] of effective) {
      states.set(name, await healthcheckState(service, ctx.cwd, compose.dir, dockerfiles));
    }
    const healthy = (name: string) => states.get(name) === 'present';

    for (const [name, own] of Object.entries(compose.services)) {
      serviceCount++;
      const service = effective.get(name)!;
      const at = (...rest: (string | number)[]) => ['services', name, ...rest];

      // 1. A healthcheck on every long-running service (the base file reports overrides).
      const partial = !compose.base && inBase.has(name);
      const healthcheck = states.get(name)!;
      if (!partial && healthcheck !== 'present') {
        const exempt =
          isNoRestart(service.restart) ||
          completedDeps.has(name) ||
          ONE_SHOT_COMMAND.test(commandText(service)) ||
          /migrat/i.test(name);
        if (!exempt) {
          add(
            compose,
            compose.source.lineOf(healthcheck === 'disabled' ? at('healthcheck') : at()),
            'compose/no-healthcheck',
            healthcheck === 'disabled'
              ? `service ${name} disables its healthcheck; long-running services need one so that depends_on and deploys can wait until it is ready`
              : `service ${name} has no healthcheck; long-running services need one so that depends_on and deploys can wait until it is ready (one-shot jobs: set restart: "no")`,
          );
        }
      }

      // 2. depends_on waits for healthy dependencies.
      const dependsOn = own.depends_on;
      if (Array.isArray(dependsOn)) {
        dependsOn.forEach((dep, index) => {
          if (typeof dep === 'string' && healthy(dep)) {
            add(
              compose,
              compose.source.lineOf(at('depends_on', index)),
              'compose/depends-on-healthy',
              `service ${name} depends on ${dep}, which has a healthcheck: use the long form with condition: service_healthy`,
            );
          }
        });
      } else if (isRecord(dependsOn)) {
        for (const [dep, spec] of Object.entries(dependsOn)) {
          const condition = isRecord(spec) ? spec.condition : undefined;
          if ((condition === undefined || condition === 'service_started') && healthy(dep)) {
            const line =
              condition === undefined
                ? compose.source.lineOf(at('depends_on', dep))
                : compose.source.lineOf(at('depends_on', dep, 'condition'));
            add(
              compose,
              line,
              'compose/depends-on-healthy',
              `service ${name} depends on ${dep}, which has a healthcheck, with condition ${condition ?? 'service_started (the default)'}: use condition: service_healthy`,
            );
          }
        }
      }

      // 3. Pulled images carry a tag other than latest (or a digest).
      if (typeof own.image === 'string' && service.build === undefined) {
        const problem = imageTagProblem(own.image);
        if (problem) {
          add(
            compose,
            compose.source.valueLine(at('image')),
            problem === 'latest' ? 'compose/latest-tag' : 'compose/untagged-image',
            problem === 'latest'
              ? `service ${name} uses ${own.image}: pin a version tag or a digest instead of latest`
              : `service ${name} uses ${own.image} without a tag (that is latest): pin a version tag or a digest`,
          );
        }
      }

      // 4. No published database or broker ports in production files.
      const image = typeof service.image === 'string' ? service.image : '';
      if (compose.production && Array.isArray(own.ports) && isDatabaseImage(image, options)) {
        own.ports.forEach((port, index) => {
          const published = publishedPort(port);
          if (!published) return;
          add(
            compose,
            compose.source.lineOf(at('ports', index)),
            'compose/published-db-port',
            `service ${name} (${imageName(image)}) publishes port ${published} in a production file; keep databases and brokers on the internal network`,
          );
        });
      }
    }
  }

  if (walk.files.length === 0) {
    return {
      passed: true,
      summary: `No compose files matching ${options.files.join(', ')} were found.`,
      findings,
    };
  }
  const scope = `${plural(serviceCount, 'service')} in ${plural(walk.files.length, 'compose file')}`;
  if (findings.length === 0) {
    return {
      passed: true,
      summary: `All ${scope} have health checks, healthy dependencies, pinned images and private databases.`,
      findings,
    };
  }
  const rules = new Set(findings.map((finding) => finding.ruleId!.replace('compose/', '')));
  return {
    passed: false,
    summary: `Found ${plural(findings.length, 'problem')} in ${scope} (${[...rules].sort().join(', ')}).`,
    findings: sortFindings(findings),
  };
}

function isNoRestart(restart: unknown): boolean {
  return restart === 'no' || restart === false;
}

function commandText(service: Record<string, unknown>): string {
  const part = (value: unknown) =>
    Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return `${part(service.entrypoint)} ${part(service.command)}`;
}

type HealthState = 'present' | 'disabled' | 'missing';

/** present, disabled, or missing; a build's Dockerfile HEALTHCHECK counts as present. */
async function healthcheckState(
  service: Record<string, unknown>,
  cwd: string,
  dir: string,
  cache: Map<string, boolean>,
): Promise<HealthState> {
  const check = service.healthcheck;
  if (isRecord(check)) return check.disable === true ? 'disabled' : 'present';
  if (check !== undefined && check !== null) return 'present';
  return (await dockerfileHealthcheck(service, cwd, dir, cache)) ? 'present' : 'missing';
}

function dockerfilePath(service: Record<string, unknown>, cwd: string, dir: string) {
  const build = service.build;
  const context = typeof build === 'string' ? build : isRecord(build) ? build.context : undefined;
  if (build === undefined) return undefined;
  const contextDir = typeof context === 'string' ? context : '.';
  const name =
    isRecord(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
  const relative = path.posix.join(dir, contextDir, name);
  if (!isInside(relative) || /^[a-z]+:\/\//i.test(contextDir)) return undefined;
  return path.join(cwd, relative);
}

async function dockerfileHealthcheck(
  service: Record<string, unknown>,
  cwd: string,
  dir: string,
  cache: Map<string, boolean>,
): Promise<boolean> {
  const dockerfile = dockerfilePath(service, cwd, dir);
  if (dockerfile === undefined) return false;
  if (!cache.has(dockerfile)) {
    const text = (await readTextOrUndefined(dockerfile)) ?? '';
    cache.set(dockerfile, /^\s*HEALTHCHECK\s+(?!NONE\b)\S/im.test(text));
  }
  return cache.get(dockerfile)!;
}

/** `latest`, `untagged`, or undefined when the image is pinned (or built from a variable). */
export function imageTagProblem(image: string): 'latest' | 'untagged' | undefined {
  if (image.includes('$') || image.includes('@')) return undefined;
  const last = image.split('/').at(-1)!;
  const colon = last.indexOf(':');
  if (colon < 0) return 'untagged';
  return last.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}

/** `bitnami/postgresql:16` -> `postgresql`. */
function imageName(image: string): string {
  return image.split('@')[0]!.split('/').at(-1)!.split(':')[0]!;
}

function isDatabaseImage(image: string, options: ComposeOptions): boolean {
  const name = imageName(image).toLowerCase();
  return options['database-images'].some(
    (db) => name === db.toLowerCase() || name.startsWith(`${db.toLowerCase()}-`),
  );
}

/**
 * The published form of a `ports` entry, or undefined when it only binds to the loopback
 * interface (reachable from the host alone).
 */
function publishedPort(port: unknown): string | undefined {
  if (typeof port === 'number') return String(port);
  if (typeof port === 'string') {
    if (/^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1):/.test(port)) return undefined;
    return port;
  }
  if (isRecord(port)) {
    const hostIp = typeof port.host_ip === 'string' ? port.host_ip : '';
    if (/^(?:127\.|localhost$|::1$)/.test(hostIp)) return undefined;
    const target = port.target ?? '?';
    return port.published === undefined ? String(target) : `${port.published}:${target}`;
  }
  return undefined;
}
