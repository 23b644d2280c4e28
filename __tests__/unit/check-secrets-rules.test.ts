import { afterAll } from '@jest/globals';
import { secretsCheck } from '../../src/engine/checks/secrets.js';
import { type SecretsInput, readSecretsInput } from '../../src/engine/checks/secrets/input.js';
import { tokenKind } from '../../src/engine/checks/secrets/kinds.js';
import { SECRETS_RULES } from '../../src/engine/checks/secrets/rules.js';
import { removeTempDirs } from '../helpers/fixtures.js';
import { describeRules } from './check-rules-helpers.js';

afterAll(removeTempDirs);

/*
 * No credential-shaped string is committed in this repository: every fake secret is built
 * here from pieces at run time.
 */
const github = ['gh', 'p_', 'Z9y8X7w6'.repeat(5)].join('');
const aws = ['AK', 'IA', 'TESTONLY', 'NOTREAL7'].join('');
const slack = ['xo', 'xb-', '1234567890', '-abcdefghij'].join('');
const webhook = ['https://hooks.', 'slack.com/services/', 'T000/B000/XXXXXXXX'].join('');
const jwt = ['ey', 'JhbGciOiJub25lIn0', '.ey', 'JzdWIiOiJ0ZXN0In0', '.', 'c2lnbmF0dXJl'].join('');
const pem = (kind: string) =>
  [`-----BEGIN ${kind}`, ' KEY-----\n', 'MIIBOgIBAAJBAK', 'notarealkey'.repeat(4), '\n']
    .concat([`-----END ${kind}`, ' KEY-----\n'])
    .join('');

/** What the scan would hand the rules for one string of the shape of `token` in x.txt. */
const oneToken = (token: string) => (): SecretsInput => ({
  allowlist: '.release-gates-allowlist',
  scanned: 1,
  tracked: false,
  truncated: false,
  found: [{ file: 'x.txt', line: 1, column: 1, fingerprint: 'sha256:0', kind: tokenKind(token) }],
});

describeRules(secretsCheck, SECRETS_RULES, readSecretsInput, {
  'secrets/github-token': {
    fires: { 'src/client.py': `\nTOKEN = "${github}"\n` },
    at: ['src/client.py:2'],
    // Allowlisted by a path glob.
    quiet: { 'docs/example.md': `${github}\n`, '.release-gates-allowlist': 'docs/**\n' },
  },
  'secrets/aws-access-key-id': {
    fires: { 'deploy/aws.env': `AWS_ACCESS_KEY_ID=${aws}\n` },
    at: ['deploy/aws.env:1'],
    quiet: { 'deploy/aws.env': `AWS_ACCESS_KEY_ID=${aws.slice(0, -1)}\n` },
  },
  'secrets/slack-token': {
    fires: { 'bot.js': `const token = '${slack}';\n` },
    at: ['bot.js:1'],
    quiet: { 'bot.js': `const token = '${slack.slice(0, 12)}';\n` },
  },
  'secrets/slack-webhook': {
    fires: { 'notify.sh': `curl -d @- ${webhook}\n` },
    at: ['notify.sh:1'],
    quiet: { 'notify.sh': `curl -d @- ${webhook.replace('/services/', '/workflows/')}\n` },
  },
  'secrets/jwt': {
    fires: { 'src/sample.jwt': `${jwt}\n` },
    at: ['src/sample.jwt:1'],
    quiet: { 'src/sample.jwt': `${jwt.split('.').slice(0, 2).join('.')}\n` },
  },
  'secrets/private-key': {
    fires: { 'deploy/key': `# deploy key\n${pem('RSA PRIVATE')}` },
    at: ['deploy/key:2'],
    quiet: { 'deploy/key': pem('PUBLIC') },
  },
  // No detector of today produces a token of another shape: the rule is the catch-all.
  'secrets/token': {
    fires: oneToken('opaque-token-shape'),
    at: ['x.txt:1'],
    quiet: oneToken(github),
  },
});
