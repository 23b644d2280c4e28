import { afterAll } from '@jest/globals';
import { type VersionsOptions, versionsCheck } from '../../src/engine/checks/versions.js';
import { readSources } from '../../src/engine/checks/versions/sources.js';
import { VERSIONS_RULES, type VersionsInput } from '../../src/engine/checks/versions/rules.js';
import { gitTags } from '../../src/engine/checks/git.js';
import type { CheckContext } from '../../src/engine/checks/types.js';
import { removeTempDirs } from '../helpers/fixtures.js';
import { gitInit } from './check-helpers.js';
import { describeRules } from './check-rules-helpers.js';

afterAll(removeTempDirs);

/** The input as the check builds it, with the majority version as the reference. */
async function versionsInput(options: VersionsOptions, ctx: CheckContext): Promise<VersionsInput> {
  const sources = await readSources(options, ctx);
  const count = (version: string) => sources.filter((s) => s.version === version).length;
  const reference = [...sources].sort((a, b) => count(b.version) - count(a.version))[0]!;
  return {
    sources,
    reference,
    named: false,
    ...(options.tags ? { tags: (await gitTags(ctx)) ?? [] } : {}),
  };
}

const pkg = (version: string) => `{\n  "name": "app",\n  "version": "${version}"\n}\n`;
const tagged = (tag: string) => (dir: string) => {
  gitInit(dir)('tag', tag);
};

describeRules(versionsCheck, VERSIONS_RULES, versionsInput, {
  'versions/mismatch': {
    fires: { VERSION: '1.0.0\n', 'CHANGELOG.md': '## 1.0.0\n', 'package.json': pkg('1.0.1') },
    at: ['package.json:3'],
    quiet: { VERSION: '1.0.0\n', 'CHANGELOG.md': '## 1.0.0\n', 'package.json': pkg('1.0.0') },
    options: { tags: false },
  },
  'versions/tag-ahead': {
    fires: { VERSION: '1.0.0\n' },
    at: ['VERSION:1'],
    quiet: { VERSION: '1.1.0\n' },
    setup: tagged('v1.1.0'),
  },
});
