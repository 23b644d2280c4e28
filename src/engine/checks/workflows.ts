import path from 'node:path';
import '../zod-config.js';
import { z } from 'zod';
import type { ToolFinding } from '../findings/types.js';
import { globToRegExp } from '../glob.js';
import {
  LineIndex,
  displayPath,
  isSuppressed,
  plural,
  readTextOrUndefined,
  relativePathOption,
  sortFindings,
  walkFiles,
} from './scan.js';
import type { CheckContext, CheckDefinition, CheckResult } from './types.js';
import { YamlSource, isRecord } from './yaml-source.js';

export const workflowsOptions = z.strictObject({
  path: relativePathOption.default('.github/workflows'),
  'allow-unpinned': z.array(z.string().min(1)).default([]),
});
export type WorkflowsOptions = z.output<typeof workflowsOptions>;

export const workflowsCheck: CheckDefinition<WorkflowsOptions> = {
  id: 'workflows',
  title: 'Workflows set permissions, pin actions by SHA and keep untrusted input out of run:',
  defaultPriority: 'P1',
  defaultStage: 'security',
  options: workflowsOptions,
  run: runWorkflows,
};

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
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout|switch|pull)\b.*(?:refs\/pull\/|\bpull\/\d|github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref)/;

const SHA = /^[0-9a-f]{40}$/i;

async function runWorkflows(options: WorkflowsOptions, ctx: CheckContext): Promise<CheckResult> {
  const dir = path.resolve(ctx.cwd, options.path);
  const walk = await walkFiles(ctx.cwd, options.path, {
    include: (relative) =>
      /\.ya?ml$/.test(relative) && path.dirname(path.resolve(ctx.cwd, relative)) === dir,
    signal: ctx.signal,
  });
  const allow = options['allow-unpinned'].map((pattern) => globToRegExp(pattern));
  const findings: ToolFinding[] = [];
  let actions = 0;
  for (const relative of walk.files) {
    const absolute = path.join(ctx.cwd, relative);
    const text = await readTextOrUndefined(absolute);
    if (text === undefined) continue;
    const file = displayPath(ctx.workspace, absolute);
    const lines = new LineIndex(text);
    const source = new YamlSource(text);
    const add = (line: number, ruleId: string, message: string, column?: number) => {
      if (isSuppressed(lines, line, ruleId)) return;
      findings.push({
        tool: 'workflows',
        file,
        line,
        ...(column ? { column } : {}),
        ruleId,
        message,
      });
    };
    if (source.errors.length > 0) {
      for (const error of source.errors) {
        add(error.line, 'workflows/invalid-yaml', `YAML error: ${error.message}`);
      }
      continue;
    }
    const workflow = source.data;
    if (!isRecord(workflow) || !isRecord(workflow.jobs)) continue;

    // Permissions: top level, or on every job; never write-all.
    const topPermissions = workflow.permissions;
    if (topPermissions === 'write-all') {
      add(
        source.lineOf(['permissions']),
        'workflows/write-all',
        'permissions: write-all gives every job write access to everything; list only the scopes needed',
      );
    }
    const prTarget = triggers(workflow.on).includes('pull_request_target');

    for (const [jobId, job] of Object.entries(workflow.jobs)) {
      if (!isRecord(job)) continue;
      if (topPermissions === undefined && job.permissions === undefined) {
        add(
          source.lineOf(['jobs', jobId]),
          'workflows/no-permissions',
          `job ${jobId} has no permissions and the workflow sets none at the top level, so it gets the repository's default token scopes; set permissions (e.g. contents: read)`,
        );
      }
      if (job.permissions === 'write-all') {
        add(
          source.lineOf(['jobs', jobId, 'permissions']),
          'workflows/write-all',
          `job ${jobId} has permissions: write-all; list only the scopes it needs`,
        );
      }
      const pin = (uses: unknown, at: (string | number)[]) => {
        if (typeof uses !== 'string') return;
        if (uses.startsWith('./') || uses.startsWith('docker://')) return;
        actions++;
        const at_ = uses.lastIndexOf('@');
        const name = at_ < 0 ? uses : uses.slice(0, at_);
        const ref = at_ < 0 ? '' : uses.slice(at_ + 1);
        if (SHA.test(ref) || allow.some((regex) => regex.test(name))) return;
        add(
          source.valueLine(at),
          'workflows/unpinned-action',
          ref === ''
            ? `${uses} has no ref: pin it to a full 40-character commit SHA`
            : `${uses} is not pinned: use the full 40-character commit SHA of ${ref} (keep "# ${ref}" as a comment)`,
        );
      };
      pin(job.uses, ['jobs', jobId, 'uses']);
      if (!Array.isArray(job.steps)) continue;
      job.steps.forEach((step, index) => {
        if (!isRecord(step)) return;
        const at = (...rest: (string | number)[]) => ['jobs', jobId, 'steps', index, ...rest];
        pin(step.uses, at('uses'));
        const uses = typeof step.uses === 'string' ? step.uses : '';
        const withs = isRecord(step.with) ? step.with : {};

        // Untrusted event fields expanded into a script are shell (or JS) injection.
        const scripts: (string | number)[][] = [];
        if (typeof step.run === 'string') scripts.push(at('run'));
        if (uses.startsWith('actions/github-script@') && typeof withs.script === 'string') {
          scripts.push(at('with', 'script'));
        }
        for (const scriptPath of scripts) {
          for (const hit of expressionsIn(source, scriptPath)) {
            const input = UNTRUSTED_INPUTS.map((regex) => regex.exec(hit.expression)?.[0]).find(
              Boolean,
            );
            if (!input) continue;
            const where = scriptPath.at(-1) === 'run' ? 'run:' : 'a github-script script';
            add(
              source.line(hit.offset),
              'workflows/untrusted-input',
              `\${{ ${input} }} inside ${where} can be set by whoever opens the issue or pull request (script injection); pass it through env: and use the variable instead`,
              lines.column(hit.offset),
            );
          }
        }

        // pull_request_target runs with secrets and a write token: never on the PR's code.
        if (!prTarget) return;
        if (uses.startsWith('actions/checkout@')) {
          for (const key of ['ref', 'repository']) {
            const value = withs[key];
            if (typeof value === 'string' && PR_HEAD.test(value)) {
              add(
                source.valueLine(at('with', key)),
                'workflows/pr-target-checkout',
                `this pull_request_target workflow checks out the pull request's code (with.${key}); it runs with secrets and a write token, so untrusted code must not run here`,
              );
            }
          }
        }
        if (typeof step.run === 'string') {
          const node = source.node(at('run'));
          const start = node?.range?.[0];
          if (start === undefined) return;
          const body = text.slice(start, node!.range![1]);
          for (const match of body.matchAll(new RegExp(PR_HEAD_IN_RUN.source, 'g'))) {
            add(
              source.line(start + match.index),
              'workflows/pr-target-checkout',
              "this pull_request_target workflow fetches the pull request's code in run:; it runs with secrets and a write token, so untrusted code must not run here",
            );
          }
        }
      });
    }
  }

  if (walk.files.length === 0) {
    return { passed: true, summary: `No workflows found under ${options.path}.`, findings };
  }
  const scope = `${plural(walk.files.length, 'workflow')} (${plural(actions, 'action reference')})`;
  if (findings.length === 0) {
    return {
      passed: true,
      summary: `All ${scope} set permissions, pin actions by commit SHA and keep untrusted input out of scripts.`,
      findings,
    };
  }
  const rules = new Set(findings.map((finding) => finding.ruleId!.replace('workflows/', '')));
  return {
    passed: false,
    summary: `Found ${plural(findings.length, 'problem')} in ${scope}: ${[...rules].sort().join(', ')}.`,
    findings: sortFindings(findings),
  };
}

/** Event names of `on:` in its three forms: a name, a list, a mapping. */
function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((event): event is string => typeof event === 'string');
  if (isRecord(on)) return Object.keys(on);
  return [];
}

/** `${{ ... }}` expressions in the source text of the value at `at`, with their offsets. */
function expressionsIn(
  source: YamlSource,
  at: (string | number)[],
): { expression: string; offset: number }[] {
  const node = source.node(at);
  const range = node?.range;
  if (!range) return [];
  const body = source.text.slice(range[0], range[1]);
  return [...body.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => ({
    expression: match[1]!,
    offset: range[0] + match.index,
  }));
}
