import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit, stripIllegalXmlChars, xmlAttr, xmlText } from '../../src/reporters/junit.js';
import { failed, gate, result } from '../helpers/results.js';

/*
 * junit.xml on hand-built results. The document is parsed with fast-xml-parser and checked
 * against the element and attribute declarations of the Jenkins xUnit plugin's junit-10.xsd
 * (__tests__/fixtures/schemas/junit-10.xsd), read with the same parser.
 */

const XSD_PATH = fileURLToPath(new URL('../fixtures/schemas/junit-10.xsd', import.meta.url));

/* ---- Parsing ---- */

/** One element of a parsed document: name, attributes, child elements and text. */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Decode numeric character references (&#10;, &#13;) as an XML parser must.
  htmlEntities: true,
});

function toElements(nodes: OrderedNode[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined || name === '#text' || name === '?xml' || name === '#comment') continue;
    const inner = (node[name] as OrderedNode[]) ?? [];
    out.push({
      name,
      attrs: node[':@'] ?? {},
      children: toElements(inner),
      text: inner
        .map((child) => (typeof child['#text'] === 'string' ? child['#text'] : ''))
        .join(''),
    });
  }
  return out;
}

function parseXml(xml: string): XmlElement {
  expect(XMLValidator.validate(xml)).toBe(true);
  const roots = toElements(parser.parse(xml) as OrderedNode[]);
  expect(roots).toHaveLength(1);
  return roots[0]!;
}

/* ---- The XSD's declarations, read from the schema file ---- */

interface Declaration {
  required: Set<string>;
  allowed: Set<string>;
  /** Attribute name → regular expression its value must match (from a named simple type). */
  patterns: Map<string, RegExp>;
  children: Set<string>;
  /** Whether character data may appear (mixed content or a simple type). */
  text: boolean;
}

function loadXsd(): Map<string, Declaration> {
  const schema = parseXml(readFileSync(XSD_PATH, 'utf8'));
  expect(schema.name).toBe('xs:schema');
  const simpleTypes = new Map<string, RegExp>();
  const complexTypes = new Map<string, XmlElement>();
  for (const child of schema.children) {
    if (child.name === 'xs:simpleType') {
      const pattern = child.children[0]?.children.find((c) => c.name === 'xs:pattern');
      // XSD patterns are implicitly anchored.
      if (pattern) simpleTypes.set(child.attrs.name!, new RegExp(`^(?:${pattern.attrs.value})$`));
    }
    if (child.name === 'xs:complexType') complexTypes.set(child.attrs.name!, child);
  }
  const walk = (node: XmlElement, decl: Declaration) => {
    for (const child of node.children) {
      if (child.name === 'xs:attribute') {
        decl.allowed.add(child.attrs.name!);
        if (child.attrs.use === 'required') decl.required.add(child.attrs.name!);
        const pattern = simpleTypes.get(child.attrs.type ?? '');
        if (pattern) decl.patterns.set(child.attrs.name!, pattern);
      } else if (child.name === 'xs:element') {
        decl.children.add(child.attrs.ref ?? child.attrs.name!);
      } else {
        walk(child, decl);
      }
    }
  };
  const declarations = new Map<string, Declaration>();
  for (const element of schema.children.filter((c) => c.name === 'xs:element')) {
    const decl: Declaration = {
      required: new Set(),
      allowed: new Set(),
      patterns: new Map(),
      children: new Set(),
      text: false,
    };
    const type = element.attrs.type;
    const complex = type ? complexTypes.get(type) : element.children[0];
    if (complex) {
      decl.text = complex.attrs.mixed === 'true';
      walk(complex, decl);
    } else {
      decl.text = true; // xs:string
    }
    declarations.set(element.attrs.name!, decl);
  }
  return declarations;
}

const XSD = loadXsd();

/** Every element declared, every required attribute there, nothing undeclared. */
function expectValidAgainstXsd(element: XmlElement, path = ''): void {
  const here = `${path}/${element.name}`;
  const decl = XSD.get(element.name);
  expect({ here, declared: decl !== undefined }).toEqual({ here, declared: true });
  if (!decl) return;
  for (const name of decl.required) {
    expect({ here, attribute: name, present: name in element.attrs }).toEqual({
      here,
      attribute: name,
      present: true,
    });
  }
  for (const [name, value] of Object.entries(element.attrs)) {
    expect({ here, attribute: name, declared: decl.allowed.has(name) }).toEqual({
      here,
      attribute: name,
      declared: true,
    });
    const pattern = decl.patterns.get(name);
    if (pattern) expect(value).toMatch(pattern);
  }
  if (!decl.text) expect(element.text.trim()).toBe('');
  for (const child of element.children) {
    expect({ here, child: child.name, allowed: decl.children.has(child.name) }).toEqual({
      here,
      child: child.name,
      allowed: true,
    });
    expectValidAgainstXsd(child, here);
  }
}

const byName = (element: XmlElement, name: string) =>
  element.children.filter((c) => c.name === name);

function testcases(doc: XmlElement): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  for (const suite of byName(doc, 'testsuite')) {
    for (const testcase of byName(suite, 'testcase')) out.set(testcase.attrs.name!, testcase);
  }
  return out;
}

/* ---- A run with every status ---- */

const mixedRun = result(
  [
    // Listed out of pipeline order on purpose.
    gate({ id: 'image-build', name: 'Image build', stage: 'build', durationMs: 5000 }),
    failed('api-tests', 'P0', {
      name: 'API tests',
      stage: 'test',
      detail: 'exited with code 3',
      exitCode: 3,
      tail: 'FAIL api.spec.ts\nexpected 200, got 500',
      attempts: 2,
    }),
    gate({ id: 'eslint', name: 'ESLint', stage: 'lint', durationMs: 800 }),
    failed('slow-e2e', 'P1', {
      name: 'Slow e2e',
      stage: 'test',
      status: 'timed-out',
      exitCode: null,
      detail: 'timed out after 30 s',
      tail: 'still waiting',
    }),
    gate({
      id: 'unit',
      stage: 'test',
      status: 'cancelled',
      exitCode: null,
      reason: 'cancelled',
      detail: 'P0 gate api-tests failed',
    }),
    gate({
      id: 'deploy-prod',
      name: 'Deploy prod',
      stage: 'deploy',
      priority: 'P0',
      action: 'abort',
      status: 'skipped',
      reason: 'policy',
      detail: 'P0 gate api-tests failed',
      exitCode: null,
      durationMs: 0,
      startedAt: undefined,
      finishedAt: undefined,
    }),
    failed('env-drift', 'P2', { stage: 'lint', detail: 'drift in 2 keys', tail: 'KEY_A\nKEY_B' }),
  ],
  { stoppedBy: { id: 'api-tests', priority: 'P0', action: 'abort' } },
);

describe('renderJunit', () => {
  it('starts with the XML declaration and is valid against the JUnit XSD', () => {
    const xml = renderJunit(mixedRun);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
    const doc = parseXml(xml);
    expect(doc.name).toBe('testsuites');
    expectValidAgainstXsd(doc);
  });

  it('has one testsuite per non-empty stage, in pipeline order, with counts and times', () => {
    const doc = parseXml(renderJunit(mixedRun));
    expect(doc.attrs).toEqual({
      name: 'release-gates',
      tests: '7',
      failures: '3',
      errors: '0',
      time: '60.000',
    });
    const suites = byName(doc, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['lint', 'test', 'build', 'deploy']);
    const counts = suites.map(({ attrs }) => [
      attrs.name,
      attrs.tests,
      attrs.failures,
      attrs.errors,
      attrs.skipped,
    ]);
    expect(counts).toEqual([
      ['lint', '2', '1', '0', '0'],
      ['test', '3', '2', '0', '1'],
      ['build', '1', '0', '0', '0'],
      ['deploy', '1', '0', '0', '1'],
    ]);
    for (const suite of suites) {
      for (const name of ['name', 'tests', 'failures', 'errors', 'skipped', 'time']) {
        expect(suite.attrs[name]).toBeDefined();
      }
      // Suite counts add up to the testcases they hold.
      expect(byName(suite, 'testcase')).toHaveLength(Number(suite.attrs.tests));
    }
    // Gates of one stage run side by side: the suite's time is their wall-clock span.
    expect(suites[0]!.attrs.time).toBe('1.234');
    expect(suites[0]!.attrs.timestamp).toBe('2024-05-01T10:00:00.000Z');
    // No timestamps at all: the longest gate (0 ms here).
    expect(suites[3]!.attrs.time).toBe('0.000');
    expect(suites[3]!.attrs.timestamp).toBeUndefined();
  });

  it('writes one testcase per gate with name, classname and time in seconds', () => {
    const cases = testcases(parseXml(renderJunit(mixedRun)));
    expect(cases.size).toBe(7);
    for (const testcase of cases.values()) {
      expect(Object.keys(testcase.attrs).sort()).toEqual(['classname', 'name', 'time']);
    }
    expect(cases.get('API tests')!.attrs).toEqual({
      name: 'API tests',
      classname: 'release-gates.test.api-tests',
      time: '1.234',
    });
    expect(cases.get('Image build')!.attrs.time).toBe('5.000');
  });

  it('reports failures with the detail, status and policy, and the output tail as text', () => {
    const cases = testcases(parseXml(renderJunit(mixedRun)));
    const api = cases.get('API tests')!;
    const [failure] = byName(api, 'failure');
    expect(failure!.attrs).toEqual({ message: 'exited with code 3', type: 'failed, P0 abort' });
    expect(failure!.text).toBe('FAIL api.spec.ts\nexpected 200, got 500');
    expect(byName(api, 'system-out')[0]!.text).toBe('FAIL api.spec.ts\nexpected 200, got 500');
    expect(byName(api, 'skipped')).toHaveLength(0);

    const [timeout] = byName(cases.get('Slow e2e')!, 'failure');
    expect(timeout!.attrs).toEqual({
      message: 'timed out after 30 s',
      type: 'timed-out, P1 block',
    });
    expect(timeout!.text).toBe('still waiting');

    const [drift] = byName(cases.get('env-drift')!, 'failure');
    expect(drift!.attrs.type).toBe('failed, P2 warn');
  });

  it('reports cancelled, skipped and planned gates as skipped with a message', () => {
    const cases = testcases(parseXml(renderJunit(mixedRun)));
    expect(byName(cases.get('unit')!, 'skipped')[0]!.attrs).toEqual({
      message: 'cancelled: P0 gate api-tests failed',
    });
    expect(byName(cases.get('unit')!, 'failure')).toHaveLength(0);
    expect(byName(cases.get('unit')!, 'error')).toHaveLength(0);
    expect(byName(cases.get('Deploy prod')!, 'skipped')[0]!.attrs).toEqual({
      message: 'policy: P0 gate api-tests failed',
    });

    const plan = result(
      [
        gate({ id: 'lint-a', status: 'planned', exitCode: null, durationMs: 0 }),
        gate({
          id: 'only-main',
          status: 'skipped',
          reason: 'condition',
          detail: 'branch is not main',
          exitCode: null,
        }),
        gate({ id: 'no-detail', status: 'skipped', reason: 'filter', exitCode: null }),
      ],
      { verdict: 'planned', mode: 'plan' },
    );
    const doc = parseXml(renderJunit(plan));
    expectValidAgainstXsd(doc);
    const planned = testcases(doc);
    expect(byName(planned.get('lint-a')!, 'skipped')[0]!.attrs.message).toBe('planned');
    expect(byName(planned.get('only-main')!, 'skipped')[0]!.attrs.message).toBe(
      'condition: branch is not main',
    );
    expect(byName(planned.get('no-detail')!, 'skipped')[0]!.attrs.message).toBe('filter');
    expect(byName(doc, 'testsuite')[0]!.attrs.skipped).toBe('3');
  });

  it('leaves passed gates without failure or skipped, and without system-out when silent', () => {
    const cases = testcases(parseXml(renderJunit(mixedRun)));
    expect(cases.get('ESLint')!.children).toEqual([]);
  });

  it('keeps priority, action, status, attempts and exit code in the suite properties', () => {
    const doc = parseXml(renderJunit(mixedRun));
    const test = byName(doc, 'testsuite').find((s) => s.attrs.name === 'test')!;
    const [properties] = byName(test, 'properties');
    const values = Object.fromEntries(
      byName(properties!, 'property').map((p) => [p.attrs.name, p.attrs.value]),
    );
    expect(values).toMatchObject({
      'api-tests.priority': 'P0',
      'api-tests.action': 'abort',
      'api-tests.status': 'failed',
      'api-tests.attempts': '2',
      'api-tests.exitCode': '3',
      'slow-e2e.status': 'timed-out',
      'slow-e2e.exitCode': '',
      'unit.status': 'cancelled',
    });
    expect(Object.keys(values)).toHaveLength(3 * 5);
  });

  it('renders a run without gates as an empty, valid testsuites element', () => {
    const xml = renderJunit(result([], { durationMs: 5 }));
    const doc = parseXml(xml);
    expectValidAgainstXsd(doc);
    expect(doc.attrs).toEqual({
      name: 'release-gates',
      tests: '0',
      failures: '0',
      errors: '0',
      time: '0.005',
    });
    expect(doc.children).toEqual([]);
  });

  it('renders an all-pass run with no failure and no skipped element', () => {
    const run = result([
      gate({ id: 'a', stage: 'lint' }),
      gate({ id: 'b', stage: 'security', tail: 'ok' }),
    ]);
    const xml = renderJunit(run);
    expectValidAgainstXsd(parseXml(xml));
    expect(xml).not.toContain('<failure');
    expect(xml).not.toContain('<skipped');
    expect(xml).toContain('<system-out>ok</system-out>');
  });
});

describe('renderJunit with hostile gate output', () => {
  const hostileTail =
    'before ]]> after\n<script>alert("x")</script>\u0000NUL\u001b[31mred\u001b[0m ' +
    'lone \ud800 low \udc00 & &amp; \'quoted\' "double"\r\nCRLF\tTAB 😀 \ufffe\uffff end';
  const expectedTail =
    'before ]]> after\n<script>alert("x")</script>NULred ' +
    'lone  low  & &amp; \'quoted\' "double"\r\nCRLF\tTAB 😀  end';

  const run = result([
    failed('markup', 'P1', {
      name: 'Markup <&> "gate"',
      detail: 'exited with code 1: <b>bold</b> & "quotes"\nsecond line\u0007',
      tail: hostileTail,
    }),
    gate({
      id: 'cancelled-one',
      status: 'cancelled',
      exitCode: null,
      detail: 'stopped </skipped><failure message="fake"/>',
    }),
  ]);
  const xml = renderJunit(run);

  it('stays well-formed and valid against the XSD', () => {
    const doc = parseXml(xml);
    expectValidAgainstXsd(doc);
    // Only the elements the renderer writes: nothing injected from the output.
    const names = new Set<string>();
    const collect = (e: XmlElement) => {
      names.add(e.name);
      e.children.forEach(collect);
    };
    collect(doc);
    expect([...names].sort()).toEqual(
      [
        'testsuites',
        'testsuite',
        'properties',
        'property',
        'testcase',
        'failure',
        'skipped',
        'system-out',
      ].sort(),
    );
  });

  it('contains no character XML 1.0 forbids and no raw markup from the output', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toMatch(/\p{Cs}/u);
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).toContain('&amp;amp;');
  });

  it('round-trips the output minus the forbidden characters', () => {
    const testcase = testcases(parseXml(xml)).get('Markup <&> "gate"')!;
    const [failure] = byName(testcase, 'failure');
    expect(failure!.text).toBe(expectedTail);
    expect(byName(testcase, 'system-out')[0]!.text).toBe(expectedTail);
    // Attribute values keep their newline (written as &#10;), lose the BEL.
    expect(failure!.attrs.message).toBe('exited with code 1: <b>bold</b> & "quotes"\nsecond line');
    const cancelled = testcases(parseXml(xml)).get('cancelled-one')!;
    expect(byName(cancelled, 'skipped')[0]!.attrs.message).toBe(
      'cancelled: stopped </skipped><failure message="fake"/>',
    );
    expect(byName(cancelled, 'failure')).toHaveLength(0);
  });

  it('survives every UTF-16 code unit', () => {
    // All but U+009B, the 8-bit CSI: it starts a terminal escape (here with U+009C after it),
    // which is removed as such, and Node 20 and 24 differ on where such a sequence ends.
    let all = '';
    for (let unit = 0; unit <= 0xffff; unit += 1)
      if (unit !== 0x9b) all += String.fromCharCode(unit);
    const doc = parseXml(renderJunit(result([failed('all', 'P1', { tail: all })])));
    expectValidAgainstXsd(doc);
    const text = byName(testcases(doc).get('all')!, 'failure')[0]!.text;
    expect(text).toBe(stripIllegalXmlChars(all));
    // Tab, LF, CR and the ranges XML allows, nothing else; of the surrogates only U+DBFF
    // followed by U+DC00 survives, as the valid pair it forms (U+10FC00).
    expect(text.length).toBe(3 + (0xd7ff - 0x20 + 1) - 1 + 2 + (0xfffd - 0xe000 + 1));
    expect(text).toContain('\u{10fc00}');
  });
});

describe('XML escaping helpers', () => {
  it('removes exactly the characters XML 1.0 cannot carry', () => {
    expect(stripIllegalXmlChars('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg')).toBe('abcdefg');
    expect(stripIllegalXmlChars('\t\n\r kept')).toBe('\t\n\r kept');
    expect(stripIllegalXmlChars('x\ufffey\uffffz\ufffd')).toBe('xyz\ufffd');
    expect(stripIllegalXmlChars('pair 😀 \ud83d\ude00')).toBe('pair 😀 😀');
    expect(stripIllegalXmlChars('high\ud83d')).toBe('high');
    expect(stripIllegalXmlChars('\ude00low')).toBe('low');
    expect(stripIllegalXmlChars('\u007f\u0085\u00a0')).toBe('\u007f\u0085\u00a0');
  });

  it('escapes markup in text and attributes', () => {
    expect(xmlText(`<a href="x">&'</a>]]>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;]]&gt;',
    );
    expect(xmlText('a\r\nb\tc')).toBe('a&#13;\nb\tc');
    expect(xmlAttr('a\r\nb\tc')).toBe('a&#13;&#10;b&#9;c');
  });
});

describe('the XSD check itself', () => {
  it('rejects what junit-10.xsd does not allow', () => {
    const valid =
      '<testsuites><testsuite name="s" tests="1" failures="0" errors="0">' +
      '<testcase name="c"/></testsuite></testsuites>';
    expect(() => expectValidAgainstXsd(parseXml(valid))).not.toThrow();
    const undeclaredAttribute = valid.replace('<testsuites>', '<testsuites skipped="0">');
    expect(() => expectValidAgainstXsd(parseXml(undeclaredAttribute))).toThrow();
    const missingRequired = valid.replace(' errors="0"', '');
    expect(() => expectValidAgainstXsd(parseXml(missingRequired))).toThrow();
    const badChild = valid.replace('<testcase name="c"/>', '<testcase name="c"><x/></testcase>');
    expect(() => expectValidAgainstXsd(parseXml(badChild))).toThrow();
    const badTime = valid.replace('<testsuites>', '<testsuites time="1 s">');
    expect(() => expectValidAgainstXsd(parseXml(badTime))).toThrow();
    const strayText = valid.replace('<testcase name="c"/>', 'text<testcase name="c"/>');
    expect(() => expectValidAgainstXsd(parseXml(strayText))).toThrow();
  });
});
