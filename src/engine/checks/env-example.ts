import '../zod-config.js';
import { z } from 'zod';
import { readEnvExampleInput } from './env-example/input.js';
import { ENV_EXAMPLE_RULES } from './env-example/rules.js';
import { runRules } from './rule.js';
import { plural, relativePathOption, sortFindings } from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';

export { looksLikePublicSecret } from './env-example/rules.js';

/** Variables every process sees, set by the OS, the shell, the runner or the toolchain. */
export const DEFAULT_IGNORED_NAMES = [
  'PATH',
  'HOME',
  'USER',
  'USERNAME',
  'LOGNAME',
  'SHELL',
  'PWD',
  'OLDPWD',
  'HOSTNAME',
  'TERM',
  'LANG',
  'LANGUAGE',
  'LC_*',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'CI',
  'NODE_ENV',
  'NODE_OPTIONS',
  'GITHUB_*',
  'RUNNER_*',
  'npm_*',
  'PYTHONPATH',
  'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE',
  'VIRTUAL_ENV',
];

/** Tests set and read variables of their own; they are not the app's configuration. */
export const DEFAULT_EXCLUDE = [
  '**/tests/**',
  '**/test/**',
  '**/__tests__/**',
  '*.test.*',
  '*.spec.*',
  'test_*.py',
  '*_test.py',
  'conftest.py',
];

const namePattern = z.string().regex(/^[A-Za-z_*?][A-Za-z0-9_*?]*$/, {
  error: 'expected a variable name or a glob like GITHUB_*',
});

export const envExampleOptions = z.strictObject({
  file: relativePathOption.default('.env.example'),
  paths: z.array(relativePathOption).min(1).default(['.']),
  exclude: z.array(z.string().min(1)).default(DEFAULT_EXCLUDE),
  ignore: z.array(namePattern).default(DEFAULT_IGNORED_NAMES),
  'public-secrets': z.boolean().default(true),
  'committed-env': z.boolean().default(true),
});
export type EnvExampleOptions = z.output<typeof envExampleOptions>;

export const envExampleCheck: CheckDefinition<EnvExampleOptions> = {
  id: 'env-example',
  title: '.env.example lists every variable the code reads',
  defaultPriority: 'P2',
  defaultStage: 'lint',
  options: envExampleOptions,
  run: runEnvExample,
  rules: ENV_EXAMPLE_RULES,
};

async function runEnvExample(options: EnvExampleOptions, ctx: CheckContext): Promise<CheckResult> {
  const input = await readEnvExampleInput(options, ctx);
  const findings = runRules('env-example', ENV_EXAMPLE_RULES, input);

  const { byName, example, scanned } = input;
  const scope = `${plural(byName.size, 'variable')} read in ${plural(scanned, 'scanned file')}`;
  const cut = input.truncated ? ' (the scan stopped at the file limit)' : '';
  if (findings.length === 0) {
    return {
      passed: true,
      summary:
        byName.size === 0
          ? `No environment variable reads found in ${plural(scanned, 'scanned file')}${cut}.`
          : `All ${scope} are listed in ${example.file}${cut}.`,
      findings,
    };
  }
  const count = (id: string) => findings.filter((finding) => finding.ruleId === id).length;
  const missing = count('env-example/missing');
  const publicSecrets = count('env-example/public-secret');
  const envFiles = new Set(
    findings.filter((f) => f.ruleId === 'env-example/committed-env').map((f) => f.file),
  ).size;
  const parts: string[] = [];
  if (missing > 0) {
    parts.push(
      example.exists
        ? `${plural(missing, 'variable')} read by the code ${missing === 1 ? 'is' : 'are'} missing from ${example.file}`
        : `${plural(missing, 'variable')} read by the code but ${example.file} does not exist`,
    );
  }
  if (publicSecrets > 0) {
    parts.push(
      `${plural(publicSecrets, 'NEXT_PUBLIC_ variable')} ${publicSecrets === 1 ? 'looks' : 'look'} secret`,
    );
  }
  if (envFiles > 0) {
    parts.push(
      `${plural(envFiles, 'committed env file')} ${envFiles === 1 ? 'has' : 'have'} values`,
    );
  }
  return {
    passed: false,
    summary: `${joinParts(parts)}${cut}.`.replace(/^./, (c) => c.toUpperCase()),
    findings: sortFindings(findings),
  };
}

function joinParts(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
