import '../zod-config.js';
import { z } from 'zod';
import { runRules } from './rule.js';
import { MAX_FILES, plural, relativePathOption, sortFindings } from './scan.js';
import { readSecretsInput } from './secrets/input.js';
import { SECRETS_RULES } from './secrets/rules.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';

export { fingerprint, parseAllowlist } from './secrets/allowlist.js';
export { tokenKind } from './secrets/kinds.js';

export const secretsOptions = z.strictObject({
  allowlist: relativePathOption.default('.release-gates-allowlist'),
  paths: z.array(relativePathOption).min(1).default(['.']),
});
export type SecretsOptions = z.output<typeof secretsOptions>;

export const secretsCheck: CheckDefinition<SecretsOptions> = {
  id: 'secrets',
  title: 'No token- or key-shaped secrets in committed files',
  defaultPriority: 'P0',
  defaultStage: 'security',
  options: secretsOptions,
  run: runSecrets,
  rules: SECRETS_RULES,
};

async function runSecrets(options: SecretsOptions, ctx: CheckContext): Promise<CheckResult> {
  const input = await readSecretsInput(options, ctx);
  const findings = runRules('secrets', SECRETS_RULES, input);

  const cut = input.truncated ? ` (stopped at ${MAX_FILES} files)` : '';
  const source = input.tracked ? 'tracked file' : 'file';
  if (findings.length === 0) {
    return {
      passed: true,
      summary: `No token- or private-key-shaped secrets in ${plural(input.scanned, source)}${cut}.`,
      findings,
    };
  }
  const kinds = new Set(input.found.map((secret) => secret.kind.name));
  const files = new Set(findings.map((finding) => finding.file));
  return {
    passed: false,
    summary: `Found ${plural(findings.length, 'secret')} (${[...kinds].sort().join(', ')}) in ${plural(files.size, 'file')}${cut}; the findings name file and line, never the value.`,
    findings: sortFindings(findings),
  };
}
