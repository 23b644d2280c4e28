import { afterAll } from '@jest/globals';
import { envExampleCheck } from '../../src/engine/checks/env-example.js';
import { readEnvExampleInput } from '../../src/engine/checks/env-example/input.js';
import { ENV_EXAMPLE_RULES } from '../../src/engine/checks/env-example/rules.js';
import { removeTempDirs } from '../helpers/fixtures.js';
import { gitInit } from './check-helpers.js';
import { describeRules } from './check-rules-helpers.js';

afterAll(removeTempDirs);

describeRules(envExampleCheck, ENV_EXAMPLE_RULES, readEnvExampleInput, {
  'env-example/missing': {
    fires: { '.env.example': 'A=\n', 'app.py': 'import os\n\nB = os.environ["B"]\n' },
    at: ['app.py:3'],
    // A commented entry documents an optional variable: it counts as listed.
    quiet: { '.env.example': 'A=\n# B=\n', 'app.py': 'import os\n\nB = os.environ["B"]\n' },
  },
  'env-example/public-secret': {
    fires: {
      '.env.example': 'NEXT_PUBLIC_API_SECRET=\n',
      'web/page.ts': 'export const s = process.env.NEXT_PUBLIC_API_SECRET;\n',
    },
    at: ['web/page.ts:1'],
    quiet: {
      '.env.example': 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=\n',
      'web/page.ts': 'export const k = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;\n',
    },
  },
  'env-example/committed-env': {
    fires: { '.env.example': 'DB_URL=\n', '.env': '# local\nDB_URL=postgres://db/app\n' },
    at: ['.env:2'],
    quiet: { '.env.example': 'DB_URL=\n', '.env': 'DB_URL=\nTOKEN="" # set locally\n' },
    setup: (dir) => void gitInit(dir),
  },
});
