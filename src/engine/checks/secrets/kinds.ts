/** What a secret-shaped string is, from its shape: the name in the message and its rule. */
export interface Kind {
  /** Named in the message: "GitHub token", "AWS access key id", "private key". */
  name: string;
  rule: string;
}

/** What a matched token is, from its shape. Never returns any part of the token. */
export function tokenKind(token: string): Kind {
  if (/^gh[pousr]_/.test(token)) return { name: 'GitHub token', rule: 'secrets/github-token' };
  if (token.startsWith('github_pat_')) {
    return { name: 'GitHub fine-grained token', rule: 'secrets/github-token' };
  }
  if (/^(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)/.test(token)) {
    return { name: 'AWS access key id', rule: 'secrets/aws-access-key-id' };
  }
  if (token.startsWith('xox')) return { name: 'Slack token', rule: 'secrets/slack-token' };
  if (token.startsWith('https://hooks.slack.com/')) {
    return { name: 'Slack webhook URL', rule: 'secrets/slack-webhook' };
  }
  if (token.startsWith('eyJ')) return { name: 'JSON Web Token', rule: 'secrets/jwt' };
  return { name: 'token', rule: 'secrets/token' };
}

/** The kind of a PEM private key, from its `-----BEGIN ... PRIVATE KEY-----` header. */
export function pemKind(header: string): Kind {
  const words = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY/.exec(header)?.[1]?.trim() ?? '';
  const names: Record<string, string> = {
    RSA: 'RSA private key',
    EC: 'EC private key',
    DSA: 'DSA private key',
    OPENSSH: 'OpenSSH private key',
    PGP: 'PGP private key',
    ENCRYPTED: 'encrypted private key',
  };
  return { name: names[words] ?? 'private key', rule: 'secrets/private-key' };
}
