import {
  isFailure,
  stageIndex,
  type GateResult,
  type PolicyAction,
  type RunResult,
} from '../engine/index.js';
import type { Finding, FindingLevel } from '../engine/index.js';
import { annotationLevel } from './annotations.js';
import { plain } from './junit.js';

/*
 * report-dir/results.sarif (see README, section 'JUnit and SARIF'): SARIF 2.1.0, one run.
 * Results are the file:line findings parsed from gate output, plus one result for each failed
 * gate that had none, so every failure shows in code scanning. The document is checked in the
 * tests against the OASIS SARIF 2.1.0 schema kept in __tests__/fixtures/schemas/.
 *
 * GitHub code scanning rejects a whole upload if a single result lacks a physical location,
 * so gate results point at the config file that declares the gate.
 */

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifOptions {
  /** release-gates' own version, for tool.driver.version. */
  version: string;
  informationUri?: string;
}

/* The subset of the SARIF object model this reporter writes. */

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: SarifRegion;
  };
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  properties?: Record<string, unknown>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  properties: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri?: string;
        rules: SarifRule[];
      };
    };
    invocations: Array<{
      executionSuccessful: boolean;
      startTimeUtc?: string;
      endTimeUtc?: string;
      toolExecutionNotifications?: Array<{ level: SarifLevel; message: { text: string } }>;
      properties: Record<string, unknown>;
    }>;
    results: SarifResult[];
  }>;
}

/** abort/block/fail → error, warn → warning, notice → note (as annotations, in SARIF words). */
export function sarifLevel(action: PolicyAction): SarifLevel {
  return toSarif(annotationLevel(action));
}

function toSarif(level: FindingLevel): SarifLevel {
  return level === 'notice' ? 'note' : level;
}

/* What no text viewer should receive: C0 controls other than tab/LF/CR, DEL, and lone
 * surrogates (UTF-8 cannot encode them). Terminal sequences go first, whole. */
// eslint-disable-next-line no-control-regex
const UNWANTED_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/gu;

function cleanText(text: string): string {
  return plain(text).replace(UNWANTED_CHARS, '');
}

function toolName(finding: Finding): string {
  const name = cleanText(finding.tool).trim();
  return name === '' ? 'generic' : name;
}

/** The rule as the engine decided it, with a description for the driver's rule list. */
function findingRule(finding: Finding): { id: string; description: string } {
  const id = cleanText(finding.rule).trim();
  if (id === 'pytest/failure') return { id, description: 'pytest test failure' };
  if (id.endsWith('/finding'))
    return { id, description: `Problem reported by ${toolName(finding)}` };
  return { id, description: id.replace('/', ' ') };
}

/** A URI reference for a path as a tool printed it: relative ones resolve against %SRCROOT%. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const posix = cleanText(file).replace(/\\/g, '/');
  const encode = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]:)\/(.*)$/.exec(posix);
  if (drive) return { uri: `file:///${drive[1]}/${encode(drive[2]!)}` };
  if (posix.startsWith('/')) return { uri: `file://${encode(posix)}` };
  return { uri: encode(posix.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

const positive = (n: number | undefined): n is number =>
  n !== undefined && Number.isInteger(n) && n >= 1;

function region(finding: Finding): SarifRegion | undefined {
  if (!positive(finding.line)) return undefined;
  const out: SarifRegion = { startLine: finding.line };
  if (positive(finding.column)) out.startColumn = finding.column;
  if (positive(finding.endLine) && finding.endLine >= finding.line) {
    out.endLine = finding.endLine;
    if (
      positive(finding.endColumn) &&
      (finding.endLine > finding.line || finding.endColumn >= (out.startColumn ?? 1))
    ) {
      out.endColumn = finding.endColumn;
    }
  }
  return out;
}

function location(file: string, where?: SarifRegion): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(file),
      ...(where ? { region: where } : {}),
    },
  };
}

function gateProperties(gate: GateResult): Record<string, unknown> {
  return {
    gateId: gate.id,
    gateName: gate.name,
    stage: gate.stage,
    priority: gate.priority,
    action: gate.action,
    status: gate.status,
  };
}

function isoTime(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** The run as a SARIF 2.1.0 log (an object: the caller serializes it). */
export function renderSarif(result: RunResult, options: SarifOptions): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const rule = (id: string, description: string, properties?: Record<string, unknown>) => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      rules.push({
        id,
        shortDescription: { text: description },
        ...(properties ? { properties } : {}),
      });
    }
    return index;
  };

  const gates = result.gates
    .map((gate, order) => ({ gate, order }))
    .sort((a, b) => stageIndex(a.gate.stage) - stageIndex(b.gate.stage) || a.order - b.order)
    .map((entry) => entry.gate);

  const results: SarifResult[] = [];
  const notifications: Array<{ level: SarifLevel; message: { text: string } }> = [];
  for (const gate of gates) {
    const findings = gate.findings ?? [];
    for (const finding of findings) {
      const { id, description } = findingRule(finding);
      const where = region(finding);
      const text = cleanText(finding.message).trim();
      const file = cleanText(finding.file).trim();
      results.push({
        ruleId: id,
        ruleIndex: rule(id, description, { tool: toolName(finding) }),
        level: toSarif(finding.level),
        message: { text: text === '' ? id : text },
        // A finding always has a file; should one come without, the config file keeps the
        // result uploadable (GitHub rejects the whole log over one location-less result).
        locations: [file === '' ? location(result.configFile) : location(file, where)],
        properties: {
          ...gateProperties(gate),
          tool: toolName(finding),
          ...(toolName(finding) === 'pytest' && finding.ruleId
            ? { test: cleanText(finding.ruleId) }
            : {}),
          ...(finding.severity ? { toolSeverity: finding.severity } : {}),
        },
      });
    }
    const seen = gate.findingCount ?? findings.length;
    if (seen > findings.length) {
      notifications.push({
        level: 'note',
        message: {
          text:
            `Gate ${gate.id}: ${findings.length} of ${seen} findings are listed; ` +
            'the full output is in its log.',
        },
      });
    }
    if (isFailure(gate.status) && findings.length === 0) {
      const id = `release-gates/${gate.priority}`;
      const verb = gate.status === 'timed-out' ? 'timed out' : 'failed';
      results.push({
        ruleId: id,
        ruleIndex: rule(id, `${gate.priority} release gate failed`, { priority: gate.priority }),
        level: sarifLevel(gate.action),
        message: {
          text: `${gate.priority} gate ${gate.id} ${verb}${gate.detail ? `: ${cleanText(gate.detail)}` : ''}`,
        },
        locations: [location(result.configFile)],
        // Keeps each gate's result its own alert: they all share the config file's location.
        partialFingerprints: { 'releaseGatesGate/v1': `${gate.stage}/${gate.id}` },
        properties: gateProperties(gate),
      });
    }
  }

  const startTimeUtc = isoTime(result.startedAt);
  const endTimeUtc = isoTime(result.finishedAt);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'release-gates',
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: result.verdict !== 'failed',
            ...(startTimeUtc ? { startTimeUtc } : {}),
            ...(endTimeUtc ? { endTimeUtc } : {}),
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
            properties: {
              verdict: result.verdict,
              mode: result.mode,
              event: result.event,
              cancelled: result.cancelled,
              failedGates: result.failedGates,
            },
          },
        ],
        results,
      },
    ],
  };
}
