import { describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CheckRule, runRules } from '../../src/engine/checks/rule.js';
import type { CheckContext, CheckDefinition } from '../../src/engine/checks/types.js';
import { spawnInProcessGroup } from '../../src/runtime/node-spawner.js';
import { makeTempDir } from '../helpers/fixtures.js';

/*
 * Shared by the check-*-rules.test.ts files: each rule of a check, run alone over the input
 * its check gathers from a small temp repository, fires on one case and stays quiet on a
 * near miss.
 */

/** Path (posix, relative) -> content. */
export type Files = Record<string, string>;

export interface RuleCase<Input = unknown> {
  /** A repository where the rule fires (or, for a case no file can make, the input)... */
  fires: Files | (() => Input);
  /** ...at these places (`file:line`), and no other rule of the check fires. */
  at: string[];
  /** A near miss where the rule stays quiet. */
  quiet: Files | (() => Input);
  /** The check's `with:` (defaults applied by its schema). */
  options?: Record<string, unknown>;
  /** Runs after the files are written, e.g. to make the directory a git repository. */
  setup?: (dir: string) => void | Promise<void>;
}

export async function tempRepo(files: Files): Promise<string> {
  const dir = await makeTempDir('rg-rules-');
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), text);
  }
  return dir;
}

/** A check's context for `workspace`, as the engine gives it (git found on PATH). */
export function checkContext(workspace: string, log: string[] = []): CheckContext {
  return {
    workspace,
    cwd: workspace,
    env: { PATH: process.env.PATH ?? '' },
    spawn: spawnInProcessGroup,
    signal: new AbortController().signal,
    now: Date.now,
    log: (line) => log.push(line),
  };
}

/**
 * Declares, for each rule of `check`, a test where it fires (alone among the check's rules)
 * and one where it does not. `gather` is the check's input reader.
 */
export function describeRules<Options, Input>(
  check: CheckDefinition<Options>,
  rules: readonly CheckRule<Input>[],
  gather: (options: Options, ctx: CheckContext) => Promise<Input>,
  cases: Record<string, RuleCase<Input>>,
): void {
  const inputOf = async (files: Files | (() => Input), rule: RuleCase<Input>) => {
    if (typeof files === 'function') return files();
    const dir = await tempRepo(files);
    await rule.setup?.(dir);
    return gather(check.options.parse(rule.options ?? {}), checkContext(dir));
  };

  describe(`${check.id} rules`, () => {
    it('are the rules the check lists, each with a case here', () => {
      expect(check.rules).toBe(rules);
      expect(Object.keys(cases)).toEqual(rules.map((rule) => rule.id));
      for (const rule of rules) {
        expect(rule.id.startsWith(`${check.id}/`)).toBe(true);
        expect(['error', 'warning', 'note']).toContain(rule.level);
        expect(rule.description).toMatch(/^[^\n]{10,}$/);
      }
    });

    describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
      it('fires, and no other rule of the check does', async () => {
        const input = await inputOf(cases[id]!.fires, cases[id]!);
        const alone = runRules(check.id, [rule], input);
        expect(alone.map((f) => `${f.file}:${f.line}`)).toEqual(cases[id]!.at);
        expect(alone.every((f) => f.ruleId === id && f.tool === check.id)).toBe(true);
        const all = runRules(check.id, rules, input);
        expect(all.map((f) => f.ruleId)).toEqual(alone.map(() => id));
      });

      it('stays quiet on a near miss', async () => {
        const input = await inputOf(cases[id]!.quiet, cases[id]!);
        expect(runRules(check.id, [rule], input)).toEqual([]);
      });
    });
  });
}
