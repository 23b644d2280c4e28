import type { CheckRule } from '../rule.js';
import type { SecretsInput } from './input.js';

type Rule = CheckRule<SecretsInput>;

/*
 * The scan is shared (redaction's detectors, src/engine/redact.ts) and names each string's
 * kind from its shape (kinds.ts); each rule reports the strings of its kind. The allowlist
 * file, not release-gates-ignore, excuses a string that is not a secret.
 */
function kindRule(id: string, description: string): Rule {
  return {
    id,
    level: 'error',
    description,
    check(input, report) {
      for (const secret of input.found) {
        if (secret.kind.rule !== id) continue;
        report({
          file: secret.file,
          line: secret.line,
          column: secret.column,
          message: `${secret.kind.name} committed here (fingerprint ${secret.fingerprint}); revoke it and remove it, or allowlist the fingerprint in ${input.allowlist} if it is not a secret`,
        });
      }
    },
  };
}

export const SECRETS_RULES: readonly Rule[] = [
  kindRule('secrets/github-token', 'a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)'),
  kindRule('secrets/aws-access-key-id', 'an AWS access key id (AKIA..., ASIA..., ...)'),
  kindRule('secrets/slack-token', 'a Slack token (xox?-...)'),
  kindRule('secrets/slack-webhook', 'a Slack incoming-webhook URL'),
  kindRule('secrets/jwt', 'a JSON Web Token'),
  kindRule('secrets/private-key', 'a PEM private key (-----BEGIN ... PRIVATE KEY-----)'),
  kindRule('secrets/token', 'a token of a shape none of the other rules names'),
];
