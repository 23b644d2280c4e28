import { parseArgs } from 'node:util';
import { parseConcurrency, parseMode } from '../app/run-options.js';
import { ConfigurationError, parseList, type Mode } from '../engine/index.js';

export const COMMANDS = ['run', 'plan', 'validate', 'schema', 'init'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command | 'help' | 'version';
  config?: string;
  mode?: Mode;
  only: string[];
  skip: string[];
  workingDirectory?: string;
  reportDir?: string;
  concurrency?: number;
  event?: string;
  branch?: string;
  json: boolean;
  /** init: overwrite existing files. */
  force: boolean;
  /** schema: print report.json's schema instead of the config's. */
  report: boolean;
  /** schema: print the schema of a preset (checks/presets/<name>.yml). */
  preset: boolean;
  /** schema: print the schema of .github/release-gates-waivers.yml. */
  waivers: boolean;
}

export const USAGE = `Usage: release-gates <command> [options]

Commands:
  run        run the gates and write the reports (default)
  plan       validate the config and print the ordered plan; nothing runs
  validate   check the config and exit
  schema     print the config's JSON Schema (--report, --preset, --waivers: theirs)
  init       inspect the repository and write .github/release-gates.yml (extending the
             presets that fit) and the workflow .github/workflows/release-gates.yml

Options:
  -c, --config F             config file (default .github/release-gates.yml)
  -m, --mode M               enforce | audit | plan (default enforce)
      --only L               only these gate ids or stage:<name> (comma separated)
      --skip L               skip these gate ids or stage:<name>
  -C, --working-directory D  directory the gates run in (default: current directory)
      --report-dir D         where reports and logs go (default D/.release-gates)
      --concurrency N        gates of one stage at once (default: CPU count)
      --event NAME           event name for when: conditions (default: local)
      --branch NAME          branch for when: conditions (default: the git branch)
      --json                 print report.json to stdout instead of the table
      --force                init: overwrite existing files
      --report               schema: print the JSON Schema of report.json
      --preset               schema: print the JSON Schema of a preset
      --waivers              schema: print the JSON Schema of the waivers file
  -h, --help                 show this help
  -v, --version              print the version

Exit codes: 0 passed (or with warnings), 1 failed, 2 invalid config or usage.`;

/** Throws ConfigurationError (exit code 2) for any usage mistake. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        mode: { type: 'string', short: 'm' },
        only: { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
        'working-directory': { type: 'string', short: 'C' },
        'report-dir': { type: 'string' },
        concurrency: { type: 'string' },
        event: { type: 'string' },
        branch: { type: 'string' },
        json: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        report: { type: 'boolean', default: false },
        preset: { type: 'boolean', default: false },
        waivers: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new ConfigurationError(`usage: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const none = {
    only: [],
    skip: [],
    json: false,
    force: false,
    report: false,
    preset: false,
    waivers: false,
  };
  if (values.help) return { command: 'help', ...none };
  if (values.version) return { command: 'version', ...none };

  if (positionals.length > 1) {
    throw new ConfigurationError(`usage: expected one command, got ${positionals.join(' ')}`);
  }
  const command = (positionals[0] ?? 'run') as Command;
  if (!COMMANDS.includes(command)) {
    throw new ConfigurationError(
      `usage: unknown command "${command}"; expected one of ${COMMANDS.join(', ')}`,
    );
  }
  const args: CliArgs = {
    command,
    only: (values.only ?? []).flatMap((v) => parseList(v)),
    skip: (values.skip ?? []).flatMap((v) => parseList(v)),
    json: values.json ?? false,
    force: values.force ?? false,
    report: values.report ?? false,
    preset: values.preset ?? false,
    waivers: values.waivers ?? false,
  };
  if (args.force && command !== 'init') {
    throw new ConfigurationError('usage: --force only applies to release-gates init');
  }
  const schemaFlags = (['report', 'preset', 'waivers'] as const).filter((flag) => args[flag]);
  if (schemaFlags.length > 0 && command !== 'schema') {
    throw new ConfigurationError(`usage: --${schemaFlags[0]} only applies to release-gates schema`);
  }
  if (schemaFlags.length > 1) {
    throw new ConfigurationError(
      `usage: release-gates schema prints one schema; got ${schemaFlags.map((f) => `--${f}`).join(' and ')}`,
    );
  }
  if (values.mode !== undefined) args.mode = parseMode(values.mode, '--mode');
  if (values.concurrency !== undefined) {
    args.concurrency = parseConcurrency(values.concurrency, '--concurrency');
  }
  if (values.config !== undefined) args.config = values.config;
  if (values['working-directory'] !== undefined)
    args.workingDirectory = values['working-directory'];
  if (values['report-dir'] !== undefined) args.reportDir = values['report-dir'];
  if (values.event !== undefined) args.event = values.event;
  if (values.branch !== undefined) args.branch = values.branch;
  return args;
}
