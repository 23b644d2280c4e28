import type { CheckRule, Report } from '../rule.js';
import { isRecord } from '../yaml-source.js';
import { imageName, imageTagProblem, isDatabaseImage, publishedPort } from './images.js';
import type { ComposeInput, ComposeView } from './input.js';

type Rule = CheckRule<ComposeInput>;

/** Commands of one-shot jobs that exit when done. */
const ONE_SHOT_COMMAND =
  /\b(?:migrat\w*|alembic\s+upgrade|seed\w*|collectstatic|createsuperuser|prisma\s+(?:migrate|db\s+push)|knex\s+migrate|flyway|liquibase)\b/i;

interface ServiceAt {
  view: ComposeView;
  name: string;
  /** What this file says of the service. */
  own: Record<string, unknown>;
  /** The service with the directory's base files under it. */
  service: Record<string, unknown>;
  /** The YAML path of a key of this service in its file. */
  at: (...rest: (string | number)[]) => (string | number)[];
}

/** Each service of each file, in file order. */
function* services(input: ComposeInput): Generator<ServiceAt> {
  for (const view of input.views) {
    for (const [name, own] of Object.entries(view.compose.services)) {
      const service = view.effective.get(name)!;
      yield { view, name, own, service, at: (...rest) => ['services', name, ...rest] };
    }
  }
}

/** Reports in the service's file, where `release-gates-ignore` may silence it. */
const reporter = (report: Report, view: ComposeView) => (line: number, message: string) =>
  report({ file: view.compose.file, line, message, lines: view.compose.lines });

export const noHealthcheck: Rule = {
  id: 'compose/no-healthcheck',
  level: 'error',
  description: 'a long-running service has no healthcheck, or disables it',
  check(input, report) {
    for (const { view, name, service, at } of services(input)) {
      // An override file leaves a base service's healthcheck to the base file's report.
      if (!view.compose.base && view.inBase.has(name)) continue;
      const healthcheck = view.health.get(name)!;
      if (healthcheck === 'present') continue;
      const exempt =
        isNoRestart(service.restart) ||
        view.completedDeps.has(name) ||
        ONE_SHOT_COMMAND.test(commandText(service)) ||
        /migrat/i.test(name);
      if (exempt) continue;
      const source = view.compose.source;
      reporter(report, view)(
        source.lineOf(healthcheck === 'disabled' ? at('healthcheck') : at()),
        healthcheck === 'disabled'
          ? `service ${name} disables its healthcheck; long-running services need one so that depends_on and deploys can wait until it is ready`
          : `service ${name} has no healthcheck; long-running services need one so that depends_on and deploys can wait until it is ready (one-shot jobs: set restart: "no")`,
      );
    }
  },
};

export const dependsOnHealthy: Rule = {
  id: 'compose/depends-on-healthy',
  level: 'error',
  description:
    'a service depends on one with a healthcheck without condition: service_healthy (short form or service_started)',
  check(input, report) {
    for (const { view, name, own, at } of services(input)) {
      const add = reporter(report, view);
      const source = view.compose.source;
      const healthy = (dep: string) => view.health.get(dep) === 'present';
      const dependsOn = own.depends_on;
      if (Array.isArray(dependsOn)) {
        dependsOn.forEach((dep, index) => {
          if (typeof dep === 'string' && healthy(dep)) {
            add(
              source.lineOf(at('depends_on', index)),
              `service ${name} depends on ${dep}, which has a healthcheck: use the long form with condition: service_healthy`,
            );
          }
        });
      } else if (isRecord(dependsOn)) {
        for (const [dep, spec] of Object.entries(dependsOn)) {
          const condition = isRecord(spec) ? spec.condition : undefined;
          if ((condition !== undefined && condition !== 'service_started') || !healthy(dep)) {
            continue;
          }
          add(
            condition === undefined
              ? source.lineOf(at('depends_on', dep))
              : source.lineOf(at('depends_on', dep, 'condition')),
            `service ${name} depends on ${dep}, which has a healthcheck, with condition ${condition ?? 'service_started (the default)'}: use condition: service_healthy`,
          );
        }
      }
    }
  },
};

/** Pulled images (not built ones) whose tag is the problem `problem`. */
function* pulledImages(input: ComposeInput, problem: 'latest' | 'untagged') {
  for (const entry of services(input)) {
    const { own, service } = entry;
    if (typeof own.image !== 'string' || service.build !== undefined) continue;
    if (imageTagProblem(own.image) === problem) yield { ...entry, image: own.image };
  }
}

export const latestTag: Rule = {
  id: 'compose/latest-tag',
  level: 'error',
  description: 'an image is tagged latest instead of a version or a digest',
  check(input, report) {
    for (const { view, name, image, at } of pulledImages(input, 'latest')) {
      reporter(report, view)(
        view.compose.source.valueLine(at('image')),
        `service ${name} uses ${image}: pin a version tag or a digest instead of latest`,
      );
    }
  },
};

export const untaggedImage: Rule = {
  id: 'compose/untagged-image',
  level: 'error',
  description: 'an image has no tag, which is latest',
  check(input, report) {
    for (const { view, name, image, at } of pulledImages(input, 'untagged')) {
      reporter(report, view)(
        view.compose.source.valueLine(at('image')),
        `service ${name} uses ${image} without a tag (that is latest): pin a version tag or a digest`,
      );
    }
  },
};

export const publishedDbPort: Rule = {
  id: 'compose/published-db-port',
  level: 'error',
  description: 'a database or broker image publishes a port in a production file',
  check(input, report) {
    for (const { view, name, own, service, at } of services(input)) {
      const image = typeof service.image === 'string' ? service.image : '';
      if (!view.compose.production || !Array.isArray(own.ports)) continue;
      if (!isDatabaseImage(image, input.options)) continue;
      own.ports.forEach((port, index) => {
        const published = publishedPort(port);
        if (!published) return;
        reporter(report, view)(
          view.compose.source.lineOf(at('ports', index)),
          `service ${name} (${imageName(image)}) publishes port ${published} in a production file; keep databases and brokers on the internal network`,
        );
      });
    }
  },
};

export const invalidYaml: Rule = {
  id: 'compose/invalid-yaml',
  level: 'error',
  description: 'a compose file is not valid YAML',
  check(input, report) {
    for (const { file, lines, errors } of input.invalid) {
      for (const error of errors) {
        report({ file, line: error.line, message: `YAML error: ${error.message}`, lines });
      }
    }
  },
};

export const COMPOSE_RULES: readonly Rule[] = [
  noHealthcheck,
  dependsOnHealthy,
  latestTag,
  untaggedImage,
  publishedDbPort,
  invalidYaml,
];

function isNoRestart(restart: unknown): boolean {
  return restart === 'no' || restart === false;
}

function commandText(service: Record<string, unknown>): string {
  const part = (value: unknown) =>
    Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return `${part(service.entrypoint)} ${part(service.command)}`;
}
