import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFixture, removeTempDirs } from '../helpers/fixtures.js';
import { crashLines } from '../helpers/robustness.js';
import { parseFileCommands, runAction, type ActionRun } from '../helpers/runner-harness.js';
import { annotations, parseWorkflowLog } from '../helpers/workflow-log.js';

/*
 * Hostile gate output through the bundled action: workflow commands (set-output, add-mask,
 * 150 fake annotations, stop-commands with guessed and real-format tokens), file-command
 * look-alikes (ghadelimiter_, bare EOF), and bytes no log expects (random binary, invalid
 * UTF-8, NUL, one line of 5 MiB). None of it may change the outputs, the annotations or the
 * verdict; the log file keeps every byte; report.json stays valid with a bounded tail.
 */

jest.setTimeout(45_000);
afterAll(removeTempDirs);

const TAIL_MAX_BYTES = 16 * 1024;
const TOKEN = /^[0-9a-f]{32}$/;
/** What the action itself may say on stdout as a workflow command. */
const OWN_COMMANDS = new Set(['group', 'endgroup', 'stop-commands', 'error', 'warning', 'notice']);

let hostile: { run: ActionRun; workspace: string } | undefined;

/** One run of the robust-hostile fixture, shared by the tests that read it. */
async function hostileRun(): Promise<{ run: ActionRun; workspace: string }> {
  if (!hostile) {
    const workspace = await copyFixture('robust-hostile');
    hostile = { workspace, run: await runAction({ workspace }) };
  }
  return hostile;
}

function gate(run: ActionRun, id: string) {
  const found = run.report!.gates.find((g) => g.id === id);
  expect(found).toBeDefined();
  return found!;
}

describe('hostile gate output', () => {
  it('changes neither the outputs nor the verdict', async () => {
    const { run } = await hostileRun();
    expect(run.killedByHarness).toBe(false);
    expect(run.code).toBe(0);
    expect(crashLines(run.stderr)).toEqual([]);
    expect(run.stderr).toBe('');
    // GITHUB_OUTPUT holds exactly the four outputs, with the action's values.
    const file = parseFileCommands(readFileSync(run.files.output, 'utf8'));
    expect(file).toEqual({
      result: 'passed-with-warnings',
      'failed-gates': '["commands","binary"]',
      'highest-failed-priority': 'P2',
      'report-path': run.reportPath,
    });
    expect(run.report!.verdict).toBe('passed-with-warnings');
    expect(gate(run, 'commands')).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(gate(run, 'binary')).toMatchObject({ status: 'failed', exitCode: 3 });
    // Nothing reached the runner's other files either.
    expect(readFileSync(run.files.env, 'utf8')).toBe('');
    expect(readFileSync(run.files.state, 'utf8')).toBe('');
  });

  it('issues no workflow command: every gate line sits inside a stop-commands block', async () => {
    const { run } = await hostileRun();
    const log = parseWorkflowLog(run.stdout);
    const names = new Set(log.commands.map((c) => c.name));
    expect([...names].filter((name) => !OWN_COMMANDS.has(name))).toEqual([]);

    // One group per gate, each fenced by its own fresh 32-hex token, closed on its own line.
    const groups = log.groups;
    expect(groups.map((g) => g.title)).toEqual([
      expect.stringMatching(/^Hostile workflow commands · P2 · /),
      expect.stringMatching(/^Binary and huge output · P2 · /),
    ]);
    const stops = log.commands.filter((c) => c.name === 'stop-commands');
    expect(stops).toHaveLength(groups.length);
    for (const stop of stops) expect(stop.message).toMatch(TOKEN);
    expect(new Set(stops.map((s) => s.message)).size).toBe(stops.length);
    for (const group of groups) expect(group.token).toMatch(TOKEN);

    // The gate's lines are all in the block, so the runner ignores them.
    expect(log.suppressed).toEqual(
      expect.arrayContaining([
        '::set-output name=result::passed',
        '::add-mask::something',
        '::set-env name=NODE_OPTIONS::--require=/tmp/evil.js',
        '::add-path::/tmp/evil',
        '::endgroup::',
        '::group::a fake group',
        '::error::fake 1',
        '::error::fake 50',
        '::stop-commands::guessed-token',
        '::error::fake after a guessed stop-commands',
        '::error::fake after a stop-commands in the real token format',
        '::error::fake after a random resume token',
      ]),
    );
    const commandsLog = readFileSync(gate(run, 'commands').logPath!, 'utf8');
    expect(groups[0]!.body).toContain(commandsLog.trimEnd());
    // The runner also ends a line at a bare CR: that half is inside the block as well.
    expect(groups[0]!.body).toContain('a carriage return\r::error::fake after a bare CR');
    expect(groups[0]!.body.endsWith('::error::fake without a final newline')).toBe(true);
  });

  it('leaves only the action own annotations, at most 10 per level', async () => {
    const { run } = await hostileRun();
    const found = annotations(parseWorkflowLog(run.stdout));
    for (const level of ['error', 'warning', 'notice']) {
      expect(found.filter((a) => a.name === level).length).toBeLessThanOrEqual(10);
    }
    for (const annotation of found) {
      expect(annotation.message).not.toContain('fake');
      expect(annotation.props.title ?? '').not.toContain('fake');
    }
    expect(found.map((a) => [a.name, a.props.title])).toEqual([
      ['warning', 'P2 Hostile workflow commands'],
      ['warning', 'P2 Binary and huge output'],
    ]);
  });

  it('binary, invalid UTF-8, NUL and a 5 MiB line: the log keeps every byte, the tail is valid', async () => {
    const { run, workspace } = await hostileRun();
    const binary = gate(run, 'binary');
    const payload = readFileSync(path.join(workspace, 'payload.bin'));
    expect(payload.length).toBeGreaterThan(5 * 1024 * 1024);
    const logged = readFileSync(binary.logPath!);
    expect(logged.length).toBe(payload.length);
    expect(logged.equals(payload)).toBe(true);

    // report.json was parsed by the harness; check it again from the file, strictly.
    const reportText = readFileSync(run.reportPath, 'utf8');
    expect(() => JSON.parse(reportText)).not.toThrow();
    const tail = binary.outputTail;
    // Well-formed: no lone surrogate (it would not survive a round trip through UTF-8).
    expect(Buffer.from(tail, 'utf8').toString('utf8')).toBe(tail);
    expect(binary.outputTailTruncated).toBe(true);
    expect(tail.endsWith('last line of the binary gate')).toBe(true);
    expect(tail).toContain('tail: bad utf8 ');
    expect(tail).toContain('\uFFFD');
    expect(tail).toContain('\u0000');

    // The step log shows the head and the end of it and says what was left out, in the block.
    const group = parseWorkflowLog(run.stdout).groups[1]!;
    expect(group.body).toMatch(/\[release-gates: \d+ bytes left out here; the full log is /);
    expect(group.body).toContain('last line of the binary gate');
    expect(run.stdout.length).toBeLessThan(payload.length + 64 * 1024);

    // Both tails reach the summary inside <pre>, which nothing in them can end early.
    const summary = run.summary;
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    expect(summary.split('<pre>').length - 1).toBe(2);
    expect(summary.split('</pre>').length - 1).toBe(2);
    expect(summary).not.toContain('\u0000');
  });

  // BUG: src/engine/output/tail.ts bounds the tail to 16 KiB of raw bytes, then decodes them;
  // each invalid UTF-8 byte becomes U+FFFD (3 bytes), so the outputTail written to report.json
  // (and the summary) can reach 48 KiB: 40,000 bytes of 0xFF give a 49,152-byte tail. Here the
  // few invalid bytes near the end already push it past 16,384.
  it('the tail in report.json stays within 16 KiB as written, invalid UTF-8 included', async () => {
    const { run } = await hostileRun();
    const tail = gate(run, 'binary').outputTail;
    expect(Buffer.byteLength(tail, 'utf8')).toBeLessThanOrEqual(TAIL_MAX_BYTES);
  });

  it('an output value holding ghadelimiter_ and bare EOF lines stays one value', async () => {
    // The only output with free text is report-path (from the report-dir input): give it
    // lines that look like the end of a heredoc and a new output.
    const workspace = await copyFixture('all-pass');
    const reportDir = [
      'reports',
      'EOF',
      'ghadelimiter_0b9d1c6e-2f7a-4c3b-9d8e-1a2b3c4d5e6f',
      'result=hacked',
      'end',
    ].join('\n');
    const run = await runAction({ workspace, inputs: { 'report-dir': reportDir } });
    expect(run.killedByHarness).toBe(false);
    expect(run.code).toBe(0);
    expect(crashLines(run.stdout + run.stderr)).toEqual([]);
    const file = parseFileCommands(readFileSync(run.files.output, 'utf8'));
    expect(Object.keys(file).sort()).toEqual(
      ['failed-gates', 'highest-failed-priority', 'report-path', 'result'].sort(),
    );
    expect(file.result).toBe('passed');
    expect(file['failed-gates']).toBe('[]');
    expect(file['report-path']).toBe(path.join(workspace, reportDir, 'report.json'));
    expect(run.report!.verdict).toBe('passed');
  });
});
