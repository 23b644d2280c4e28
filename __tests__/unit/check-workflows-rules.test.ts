import { afterAll } from '@jest/globals';
import { workflowsCheck } from '../../src/engine/checks/workflows.js';
import { readWorkflowsInput } from '../../src/engine/checks/workflows/input.js';
import { WORKFLOWS_RULES } from '../../src/engine/checks/workflows/rules.js';
import { removeTempDirs } from '../helpers/fixtures.js';
import { describeRules } from './check-rules-helpers.js';

afterAll(removeTempDirs);

const CI = '.github/workflows/ci.yml';
const CHECKOUT = 'actions/checkout@0123456789abcdef0123456789abcdef01234567';

/** A workflow with one job whose steps are `steps` (YAML list items at 6 spaces). */
const workflow = (head: string, steps: string) => ({
  [CI]: `${head}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`,
});
const READ = 'on: push\npermissions: { contents: read }\n';

describeRules(workflowsCheck, WORKFLOWS_RULES, readWorkflowsInput, {
  'workflows/no-permissions': {
    fires: workflow('on: push\n', '      - run: make\n'),
    at: [`${CI}:3`],
    quiet: {
      [CI]: 'on: push\njobs:\n  build:\n    permissions: { contents: read }\n    runs-on: x\n    steps:\n      - run: make\n',
    },
  },
  'workflows/write-all': {
    fires: workflow('on: push\npermissions: write-all\n', '      - run: make\n'),
    at: [`${CI}:2`],
    quiet: workflow('on: push\npermissions: read-all\n', '      - run: make\n'),
  },
  'workflows/unpinned-action': {
    fires: workflow(READ, '      - uses: actions/checkout@v4\n'),
    at: [`${CI}:7`],
    quiet: workflow(READ, `      - uses: ${CHECKOUT}\n      - uses: ./local-action\n`),
  },
  'workflows/untrusted-input': {
    fires: workflow(READ, '      - run: echo "${{ github.event.issue.title }}"\n'),
    at: [`${CI}:7`],
    quiet: workflow(
      READ,
      '      - env: { TITLE: "${{ github.event.issue.title }}" }\n        run: echo "$TITLE ${{ github.sha }}"\n',
    ),
  },
  'workflows/pr-target-checkout': {
    fires: workflow(
      'on: pull_request_target\npermissions: { contents: read }\n',
      `      - uses: ${CHECKOUT}\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n`,
    ),
    at: [`${CI}:9`],
    quiet: workflow(
      'on: pull_request_target\npermissions: { contents: read }\n',
      `      - uses: ${CHECKOUT}\n      - run: git fetch origin main\n`,
    ),
  },
  'workflows/invalid-yaml': {
    fires: { [CI]: 'on: [push\n' },
    at: [`${CI}:2`],
    quiet: workflow(READ, '      - run: make\n'),
  },
});
