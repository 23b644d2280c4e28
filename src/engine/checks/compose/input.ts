import path from 'node:path';
import type { ComposeOptions } from '../compose.js';
import {
  LineIndex,
  displayPath,
  isInside,
  matchesPathGlobs,
  readTextOrUndefined,
  walkFiles,
} from '../scan.js';
import type { CheckContext } from '../types.js';
import { YamlSource, isRecord } from '../yaml-source.js';

/** What the compose rules read: every compose file, parsed, and its services as compose sees them. */
export interface ComposeInput {
  options: ComposeOptions;
  /** How many files matched `files` (read or not). */
  matched: number;
  /** Files that are not valid YAML; they have no services. */
  invalid: { file: string; lines: LineIndex; errors: { line: number; message: string }[] }[];
  views: ComposeView[];
}

export interface ComposeFile {
  relative: string;
  /** Relative to the workspace, for findings. */
  file: string;
  dir: string;
  source: YamlSource;
  lines: LineIndex;
  /** The file's own services (a service that is not a mapping is `{}`). */
  services: Record<string, Record<string, unknown>>;
  /** One of the files `docker compose` reads by default: the base of its directory. */
  base: boolean;
  production: boolean;
}

export type HealthState = 'present' | 'disabled' | 'missing';

/** One file read on top of its directory's base files, as `docker compose -f base -f file` would. */
export interface ComposeView {
  compose: ComposeFile;
  /** Every service: the base files' and this file's, merged. */
  effective: Map<string, Record<string, unknown>>;
  /** Services a base file of the directory defines. */
  inBase: Set<string>;
  /** Services another one waits for with `condition: service_completed_successfully`. */
  completedDeps: Set<string>;
  /** Each effective service's healthcheck; a build's Dockerfile HEALTHCHECK counts. */
  health: Map<string, HealthState>;
}

/** The files `docker compose` reads by default; others in their directory override them. */
const BASE_NAMES = new Set([
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
]);

export async function readComposeInput(
  options: ComposeOptions,
  ctx: CheckContext,
): Promise<ComposeInput> {
  const walk = await walkFiles(ctx.cwd, '.', {
    include: (relative) =>
      !/(?:^|\/)\.github\//.test(relative) && matchesPathGlobs(relative, options.files),
    signal: ctx.signal,
  });
  const input: ComposeInput = { options, matched: walk.files.length, invalid: [], views: [] };
  const files: ComposeFile[] = [];
  for (const relative of walk.files) {
    const absolute = path.join(ctx.cwd, relative);
    const text = await readTextOrUndefined(absolute);
    if (text === undefined) continue;
    const source = new YamlSource(text);
    const file = displayPath(ctx.workspace, absolute);
    const lines = new LineIndex(text);
    if (source.errors.length > 0) {
      input.invalid.push({ file, lines, errors: source.errors });
      continue;
    }
    if (!isRecord(source.data) || !isRecord(source.data.services)) continue;
    const services: ComposeFile['services'] = {};
    for (const [name, service] of Object.entries(source.data.services)) {
      services[name] = isRecord(service) ? service : {};
    }
    files.push({
      relative,
      file,
      dir: path.posix.dirname(relative),
      source,
      lines,
      services,
      base: BASE_NAMES.has(path.posix.basename(relative)),
      production: matchesPathGlobs(relative, options['production-files']),
    });
  }

  const dockerfiles = new Map<string, boolean>();
  for (const compose of files) {
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
    const health = new Map<string, HealthState>();
    for (const [name, service] of effective) {
      health.set(name, await healthcheckState(service, ctx.cwd, compose.dir, dockerfiles));
    }
    input.views.push({ compose, effective, inBase, completedDeps, health });
  }
  return input;
}

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
