import type { CheckRule } from '../rule.js';
import { type YamlSource, isRecord } from '../yaml-source.js';
import {
  type Workflow,
  type WorkflowsInput,
  type YamlPath,
  actionReferences,
  jobs,
  steps,
} from './input.js';

type Rule = CheckRule<WorkflowsInput>;

/** Event fields anyone who opens an issue, a PR or pushes a branch controls. */
const UNTRUSTED_INPUTS = [
  /\bgithub\.head_ref\b/,
  /\bgithub\.event\.(?:issue|pull_request|discussion)\.(?:title|body)\b/,
  /\bgithub\.event\.(?:comment|review|review_comment)\.body\b/,
  /\bgithub\.event\.pages(?:\[[^\]]*\]|\.\*)?\.page_name\b/,
  /\bgithub\.event\.(?:commits(?:\[[^\]]*\]|\.\*)?|head_commit|workflow_run\.head_commit)\.(?:message|author\.(?:email|name)|committer\.(?:email|name))\b/,
  /\bgithub\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)\b/,
  /\bgithub\.event\.workflow_run\.(?:head_branch|display_title)\b/,
];

/** A ref or repository that names the pull request's own code. */
const PR_HEAD =
  /github\.event\.pull_request\.head\.(?:sha|ref|repo\.full_name)|github\.head_ref|refs\/pull\//;
const PR_HEAD_IN_RUN =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout|switch|pull)\b.*(?:refs\/pull\/|\bpull\/\d|github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref)/g;

const SHA = /^[0-9a-f]{40}$/i;

/** A finding in `workflow`, where `release-gates-ignore` may silence it. */
const at = (workflow: Workflow, line: number, message: string, column?: number) => ({
  file: workflow.file,
  line,
  ...(column ? { column } : {}),
  message,
  lines: workflow.lines,
});

export const noPermissions: Rule = {
  id: 'workflows/no-permissions',
  level: 'error',
  description:
    "a job has no permissions and the workflow sets none, so it gets the repository's default token scopes",
  check(input, report) {
    for (const { workflow, id, job } of jobs(input)) {
      if (workflow.data.permissions !== undefined || job.permissions !== undefined) continue;
      report(
        at(
          workflow,
          workflow.source.lineOf(['jobs', id]),
          `job ${id} has no permissions and the workflow sets none at the top level, so it gets the repository's default token scopes; set permissions (e.g. contents: read)`,
        ),
      );
    }
  },
};

export const writeAll: Rule = {
  id: 'workflows/write-all',
  level: 'error',
  description: 'permissions: write-all, at the top level or on a job',
  check(input, report) {
    for (const workflow of input.workflows) {
      if (workflow.data.permissions !== 'write-all') continue;
      report(
        at(
          workflow,
          workflow.source.lineOf(['permissions']),
          'permissions: write-all gives every job write access to everything; list only the scopes needed',
        ),
      );
    }
    for (const { workflow, id, job } of jobs(input)) {
      if (job.permissions !== 'write-all') continue;
      report(
        at(
          workflow,
          workflow.source.lineOf(['jobs', id, 'permissions']),
          `job ${id} has permissions: write-all; list only the scopes it needs`,
        ),
      );
    }
  },
};

export const unpinnedAction: Rule = {
  id: 'workflows/unpinned-action',
  level: 'error',
  description: "a step's or a job's uses: is not pinned to a full 40-character commit SHA",
  check(input, report) {
    for (const { workflow, uses, at: where } of actionReferences(input)) {
      const sign = uses.lastIndexOf('@');
      const name = sign < 0 ? uses : uses.slice(0, sign);
      const ref = sign < 0 ? '' : uses.slice(sign + 1);
      if (SHA.test(ref) || input.allowUnpinned.some((regex) => regex.test(name))) continue;
      report(
        at(
          workflow,
          workflow.source.valueLine(where),
          ref === ''
            ? `${uses} has no ref: pin it to a full 40-character commit SHA`
            : `${uses} is not pinned: use the full 40-character commit SHA of ${ref} (keep "# ${ref}" as a comment)`,
        ),
      );
    }
  },
};

export const untrustedInput: Rule = {
  id: 'workflows/untrusted-input',
  level: 'error',
  description:
    '${{ }} of an event field anyone can set, inside run: or a github-script script (script injection)',
  check(input, report) {
    for (const { workflow, step, at: path } of steps(input)) {
      const uses = typeof step.uses === 'string' ? step.uses : '';
      const scripts: YamlPath[] = [];
      if (typeof step.run === 'string') scripts.push(path('run'));
      const withs = isRecord(step.with) ? step.with : {};
      if (uses.startsWith('actions/github-script@') && typeof withs.script === 'string') {
        scripts.push(path('with', 'script'));
      }
      for (const scriptPath of scripts) {
        for (const hit of expressionsIn(workflow.source, scriptPath)) {
          const field = UNTRUSTED_INPUTS.map((regex) => regex.exec(hit.expression)?.[0]).find(
            Boolean,
          );
          if (!field) continue;
          const where = scriptPath.at(-1) === 'run' ? 'run:' : 'a github-script script';
          report(
            at(
              workflow,
              workflow.source.line(hit.offset),
              `\${{ ${field} }} inside ${where} can be set by whoever opens the issue or pull request (script injection); pass it through env: and use the variable instead`,
              workflow.lines.column(hit.offset),
            ),
          );
        }
      }
    }
  },
};

export const prTargetCheckout: Rule = {
  id: 'workflows/pr-target-checkout',
  level: 'error',
  description: "a pull_request_target workflow checks out or fetches the pull request's code",
  check(input, report) {
    for (const { workflow, step, at: path } of steps(input)) {
      if (!workflow.prTarget) continue;
      const uses = typeof step.uses === 'string' ? step.uses : '';
      const withs = isRecord(step.with) ? step.with : {};
      if (uses.startsWith('actions/checkout@')) {
        for (const key of ['ref', 'repository']) {
          const value = withs[key];
          if (typeof value !== 'string' || !PR_HEAD.test(value)) continue;
          report(
            at(
              workflow,
              workflow.source.valueLine(path('with', key)),
              `this pull_request_target workflow checks out the pull request's code (with.${key}); it runs with secrets and a write token, so untrusted code must not run here`,
            ),
          );
        }
      }
      if (typeof step.run !== 'string') continue;
      const range = workflow.source.node(path('run'))?.range;
      if (range?.[0] === undefined) continue;
      const body = workflow.text.slice(range[0], range[1]);
      for (const match of body.matchAll(PR_HEAD_IN_RUN)) {
        report(
          at(
            workflow,
            workflow.source.line(range[0] + match.index),
            "this pull_request_target workflow fetches the pull request's code in run:; it runs with secrets and a write token, so untrusted code must not run here",
          ),
        );
      }
    }
  },
};

export const invalidYaml: Rule = {
  id: 'workflows/invalid-yaml',
  level: 'error',
  description: 'a workflow file is not valid YAML',
  check(input, report) {
    for (const { file, lines, errors } of input.invalid) {
      for (const error of errors) {
        report({ file, line: error.line, message: `YAML error: ${error.message}`, lines });
      }
    }
  },
};

export const WORKFLOWS_RULES: readonly Rule[] = [
  noPermissions,
  writeAll,
  unpinnedAction,
  untrustedInput,
  prTargetCheckout,
  invalidYaml,
];

/** `${{ ... }}` expressions in the source text of the value at `path`, with their offsets. */
function expressionsIn(
  source: YamlSource,
  path: YamlPath,
): { expression: string; offset: number }[] {
  const range = source.node(path)?.range;
  if (!range) return [];
  const body = source.text.slice(range[0], range[1]);
  return [...body.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => ({
    expression: match[1]!,
    offset: range[0] + match.index,
  }));
}
