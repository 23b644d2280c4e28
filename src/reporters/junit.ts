import { stripVTControlCharacters } from 'node:util';
import { isFailure, STAGES, type GateResult, type RunResult, type Stage } from '../engine/index.js';

/*
 * report-dir/junit.xml (see README, section 'JUnit and SARIF'): one <testsuite> per stage that
 * has gates, in pipeline order, one <testcase> per gate. The shape follows the JUnit XSD most CI
 * systems read (the Jenkins xUnit plugin's junit-10.xsd, kept in __tests__/fixtures/schemas/),
 * so the file opens in Jenkins, GitLab, Azure DevOps and the JUnit report actions alike.
 *
 * Gate output is hostile: it may hold markup, "]]>", NUL, terminal escapes and broken UTF-16.
 * Every string goes through xmlText/xmlAttr, which drop the characters XML 1.0 cannot carry
 * at all and escape the rest, so no output can break the document or add elements to it.
 */

/**
 * Characters XML 1.0 does not allow even as references: C0 controls other than tab, LF and
 * CR, U+FFFE and U+FFFF, and lone surrogates (with the u flag a lone surrogate is one code
 * point outside every allowed range; a valid pair is one astral code point, which is kept).
 */
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Gate output and details as a reader should see them: no terminal colour, cursor or
 * hyperlink sequences (noise in every JUnit viewer).
 */
export function plain(text: string): string {
  return stripVTControlCharacters(text);
}

/** Removes what XML 1.0 cannot represent. */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

/** Element content. CR is written as a reference: a parser would turn a bare CR into LF. */
export function xmlText(text: string): string {
  return stripIllegalXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/**
 * An attribute value (always written in double quotes). Tab, LF and CR are written as
 * references because attribute-value normalization would turn them into spaces.
 */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Seconds with millisecond precision, as JUnit readers expect ("1.234"). */
function seconds(ms: number): string {
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

function attrs(pairs: Array<[string, string | number]>): string {
  return pairs.map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`).join('');
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(gates: readonly GateResult[]): Counts {
  return {
    tests: gates.length,
    failures: gates.filter((g) => isFailure(g.status)).length,
    // No gate status maps to <error>: see the note on cancelled gates in testcase().
    errors: 0,
    skipped: gates.filter(
      (g) => g.status === 'skipped' || g.status === 'cancelled' || g.status === 'planned',
    ).length,
  };
}

/**
 * A stage's wall-clock time: its gates run side by side, so this is the span from the first
 * start to the last finish when the gates carry timestamps, else the longest gate.
 */
function stageMs(gates: readonly GateResult[]): number {
  const starts = gates.map((g) => Date.parse(g.startedAt ?? '')).filter(Number.isFinite);
  const ends = gates.map((g) => Date.parse(g.finishedAt ?? '')).filter(Number.isFinite);
  if (starts.length > 0 && ends.length > 0) {
    const span = Math.max(...ends) - Math.min(...starts);
    if (span >= 0) return span;
  }
  return Math.max(0, ...gates.map((g) => g.durationMs));
}

function firstStart(gates: readonly GateResult[]): string | undefined {
  const starts = gates.map((g) => Date.parse(g.startedAt ?? '')).filter(Number.isFinite);
  return starts.length > 0 ? new Date(Math.min(...starts)).toISOString() : undefined;
}

function skipMessage(gate: GateResult): string {
  if (gate.status === 'planned') return 'planned';
  if (gate.status === 'cancelled') {
    return `cancelled: ${plain(gate.detail ?? 'the run was stopped before this gate finished')}`;
  }
  const reason = gate.reason ?? 'skipped';
  return gate.detail ? `${reason}: ${plain(gate.detail)}` : reason;
}

function failureMessage(gate: GateResult): string {
  if (gate.detail) return plain(gate.detail);
  if (gate.status === 'timed-out') return 'timed out';
  return gate.exitCode === null ? 'failed' : `exited with code ${gate.exitCode}`;
}

function testcase(gate: GateResult): string[] {
  const open = `    <testcase${attrs([
    ['name', gate.name],
    ['classname', `release-gates.${gate.stage}.${gate.id}`],
    ['time', seconds(gate.durationMs)],
  ])}`;
  const body: string[] = [];
  if (isFailure(gate.status)) {
    // type reads "<status>, <priority> <action>", e.g. "timed-out, P1 block".
    body.push(
      `      <failure${attrs([
        ['message', failureMessage(gate)],
        ['type', `${gate.status}, ${gate.priority} ${gate.action}`],
      ])}>${xmlText(plain(gate.tail))}</failure>`,
    );
  } else if (gate.status !== 'passed') {
    // Cancelled gates are reported as skipped, not as <error>: the run stopped them (a P0
    // abort elsewhere, a signal or a job cancel), so they proved nothing either way. The
    // cause is already counted where it happened (the aborting gate's <failure>, and the
    // failed verdict of a cancelled run); an <error> here would count one failure many times
    // and blame gates that did nothing wrong.
    body.push(`      <skipped${attrs([['message', skipMessage(gate)]])}/>`);
  }
  if (gate.tail) body.push(`      <system-out>${xmlText(plain(gate.tail))}</system-out>`);
  if (body.length === 0) return [`${open}/>`];
  return [`${open}>`, ...body, '    </testcase>'];
}

/**
 * Per-gate facts as suite properties named "<gate id>.<fact>". The JUnit XSD has no
 * <properties> inside <testcase> (pytest's xunit2 family refuses them for that reason), so
 * they live on the suite, where every reader accepts them.
 */
function properties(gates: readonly GateResult[]): string[] {
  const lines = ['    <properties>'];
  for (const gate of gates) {
    const facts: Array<[string, string | number]> = [
      ['priority', gate.priority],
      ['action', gate.action],
      ['status', gate.status],
      ['attempts', gate.attempts],
      ['exitCode', gate.exitCode === null ? '' : gate.exitCode],
    ];
    for (const [fact, value] of facts) {
      lines.push(
        `      <property${attrs([
          ['name', `${gate.id}.${fact}`],
          ['value', value],
        ])}/>`,
      );
    }
  }
  lines.push('    </properties>');
  return lines;
}

function testsuite(stage: Stage, gates: readonly GateResult[]): string[] {
  const counts = count(gates);
  const timestamp = firstStart(gates);
  const open = `  <testsuite${attrs([
    ['name', stage],
    ['tests', counts.tests],
    ['failures', counts.failures],
    ['errors', counts.errors],
    ['skipped', counts.skipped],
    ['time', seconds(stageMs(gates))],
    ...(timestamp ? [['timestamp', timestamp] as [string, string]] : []),
  ])}>`;
  return [open, ...properties(gates), ...gates.flatMap(testcase), '  </testsuite>'];
}

/** The run as JUnit XML: UTF-8, XML 1.0, ends with a newline. */
export function renderJunit(result: RunResult): string {
  const stages = STAGES.map((stage) => ({
    stage,
    gates: result.gates.filter((g) => g.stage === stage),
  })).filter((s) => s.gates.length > 0);
  const total = count(result.gates);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // No "skipped" here: junit-10.xsd declares none on <testsuites> (only name, time, tests,
    // failures, errors), and Jenkins' xUnit plugin validates against it. Each <testsuite>
    // carries its own skipped count.
    `<testsuites${attrs([
      ['name', 'release-gates'],
      ['tests', total.tests],
      ['failures', total.failures],
      ['errors', total.errors],
      ['time', seconds(result.durationMs)],
    ])}>`,
    ...stages.flatMap((s) => testsuite(s.stage, s.gates)),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}
