import {
  hasExtension,
  makeFinding,
  PATH,
  positive,
  type FindingSink,
  type LineParser,
  type LineParserFactory,
} from '../line-parser.js';

/** `==================== FAILURES ====================` and the like. */
const BANNER = /^={2,} (.+?) ={2,}$/;
/** `____________ test_health ____________` starts one failure's report. */
const TEST_HEADER = /^_{3,} (\S.*?) _{3,}$/;
/** `---------- Captured stdout call ----------`: the test's own output follows. */
const SUBSECTION = /^-{3,} (\S.*?) -{3,}$/;
/** `tests/test_api.py:42: AssertionError`, `tests/test_x.py:5: in helper`, `tests/test_x.py:5: `. */
const LOCATION = new RegExp(String.raw`^(${PATH}):(\d+):(?: (.*))?$`);
/** `E       assert 503 == 200`: the first one of a report is its best one-line message. */
const DETAIL = /^E\s+(\S.*)$/;
/** `FAILED tests/test_api.py::test_health - AssertionError: assert 503 == 200`. */
const SUMMARY = /^(FAILED|ERROR) ([^\s:]+\.\w+(?:::.*?)?)(?: - (.*))?$/;
const ERROR_PREFIX = /^ERROR (?:at (?:setup|teardown) of|collecting) /;

const MAX_REPORTS = 5000;
const MAX_LOCATIONS = 8;
const MAX_NAME = 512;

interface Location {
  printed: string;
  normalised: string;
  line: number;
}

/** One failure's report in the FAILURES/ERRORS section (or one `--tb=line` line). */
interface Report {
  /** The header's test name (`test_health`, `TestUsers.test_create[1]`); none with --tb=line. */
  name?: string;
  /** The first location line of each file, in order (at most MAX_LOCATIONS files). */
  locations: Location[];
  /** The exception of the last location line (`AssertionError`). */
  exception?: string;
  /** The first `E   ...` line. */
  detail?: string;
  used: boolean;
}

type Section = 'none' | 'failures' | 'summary' | 'quiet';

/** `tests/a.py::TestA::test_x[1]` → `TestA.test_x[1]`; a file-only id names itself. */
function headerName(id: string): string {
  const parts = id.split('::');
  return parts.length > 1 ? parts.slice(1).join('.') : id;
}

/**
 * pytest. Each `FAILED`/`ERROR` line of the short test summary becomes one finding (rule id:
 * the test id), placed at the test's location in the FAILURES/ERRORS section that came before
 * it: the first location line in the test's own file, else the report's first location line,
 * else line 1 of the test file. All lines of the FAILURES, ERRORS and warnings sections are
 * taken, so tracebacks and captured output never turn into other findings. When a session has
 * no short summary (`-rN`), each report becomes a finding named by its header.
 */
export const pytest: LineParserFactory = (): LineParser => {
  let section: Section = 'none';
  let sawSummary = false;
  let captured = false;
  let current: Report | undefined;
  let reports: Report[] = [];
  let byName = new Map<string, Report[]>();

  const reset = () => {
    sawSummary = false;
    current = undefined;
    reports = [];
    byName = new Map();
  };

  const newReport = (name: string | undefined): Report | undefined => {
    if (reports.length >= MAX_REPORTS) return undefined;
    const report: Report = { locations: [], used: false };
    if (name !== undefined) {
      report.name = name.slice(0, MAX_NAME);
      const list = byName.get(report.name);
      if (list) list.push(report);
      else byName.set(report.name, [report]);
    }
    reports.push(report);
    return report;
  };

  const flushUnreported = (sink: FindingSink) => {
    if (!sawSummary) {
      for (const report of reports) {
        const where = report.locations[0];
        if (report.used || !where) continue;
        sink.emit(
          makeFinding('pytest', {
            file: where.printed,
            line: where.line,
            message: report.detail ?? report.exception ?? 'test failed',
            ruleId: report.name,
            severity: 'error',
          }),
        );
      }
    }
    reset();
  };

  const onBanner = (title: string, sink: FindingSink) => {
    captured = false;
    current = undefined;
    if (title === 'FAILURES' || title === 'ERRORS') section = 'failures';
    else if (title === 'short test summary info') {
      section = 'summary';
      sawSummary = true;
    } else if (title === 'warnings summary') section = 'quiet';
    else {
      if (title === 'test session starts') flushUnreported(sink);
      section = 'none';
    }
  };

  const onFailureLine = (line: string, sink: FindingSink) => {
    const header = line.startsWith('_') ? TEST_HEADER.exec(line) : null;
    if (header) {
      captured = false;
      current = newReport(header[1]!.replace(ERROR_PREFIX, ''));
      return;
    }
    if (line.startsWith('-') && SUBSECTION.test(line)) {
      captured = true;
      return;
    }
    if (captured) return;
    const detail = line.startsWith('E') ? DETAIL.exec(line) : null;
    if (detail) {
      if (current && current.detail === undefined) current.detail = detail[1]!.trim();
      return;
    }
    const location = LOCATION.exec(line);
    if (!location || !hasExtension(location[1]!)) return;
    const lineNumber = positive(location[2]);
    if (lineNumber === undefined) return;
    // --tb=line prints one location line per failure, without a header.
    const report = current ?? newReport(undefined);
    if (!report) return;
    const printed = location[1]!;
    const normalised = sink.normalise(printed);
    if (
      report.locations.length < MAX_LOCATIONS &&
      !report.locations.some((known) => known.normalised === normalised)
    )
      report.locations.push({ printed, normalised, line: lineNumber });
    const text = location[3]?.trim();
    if (text && !text.startsWith('in ')) {
      report.exception = text;
      if (!current) report.detail = text;
    }
  };

  const findReport = (id: string, testFile: string): Report | undefined => {
    const inFile = (report: Report) =>
      !report.used && report.locations.some((where) => where.normalised === testFile);
    const named = byName.get(headerName(id).slice(0, MAX_NAME));
    if (named) return named.find(inFile) ?? named.find((report) => !report.used);
    return reports.find((report) => report.name === undefined && inFile(report));
  };

  const onSummaryLine = (line: string, sink: FindingSink) => {
    const match = SUMMARY.exec(line);
    if (!match) return;
    const [, outcome, id, message] = match;
    const file = id!.split('::')[0]!;
    const testFile = sink.normalise(file);
    const report = findReport(id!, testFile);
    if (report) report.used = true;
    const where =
      report?.locations.find((known) => known.normalised === testFile) ?? report?.locations[0];
    sink.emit(
      makeFinding('pytest', {
        file: where?.printed ?? file,
        line: where?.line,
        message:
          message?.trim() ||
          report?.detail ||
          report?.exception ||
          (outcome === 'ERROR' ? 'test error' : 'test failed'),
        ruleId: id,
        severity: 'error',
      }),
    );
  };

  return {
    tool: 'pytest',
    push(line, context) {
      const banner = line.startsWith('==') ? BANNER.exec(line) : null;
      if (banner) {
        onBanner(banner[1]!.trim(), context);
        return !context.claimed && section !== 'none';
      }
      if (section === 'none' || context.claimed) return false;
      if (section === 'failures') onFailureLine(line, context);
      else if (section === 'summary') onSummaryLine(line, context);
      return true;
    },
    finish(sink) {
      flushUnreported(sink);
    },
  };
};
