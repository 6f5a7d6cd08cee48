import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../src/report/junit.js';
import { check, threeLabs } from './report-fixtures.js';

type Attrs = Record<string, string>;
type Case = Attrs & { failure?: Attrs & { '#text': string }; error?: Attrs & { '#text': string }; skipped?: Attrs; 'system-out'?: string };
type Suite = Attrs & { testcase: Case[]; 'system-out'?: string };

/** The document as a CI consumer reads it: every testsuite and testcase a list, attributes as text. */
function parse(xml: string): { testsuites: Attrs & { testsuite: Suite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return parser.parse(xml) as { testsuites: Attrs & { testsuite: Suite[] } };
}

/** Characters XML 1.0 allows in a document: a strict parser (a CI's JUnit plugin) refuses any other. */
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('JUnit XML report (lab test --junit)', () => {
  const xml = junitXml(threeLabs());
  const doc = parse(xml);
  const [dmz, routed, vpc] = doc.testsuites.testsuite;

  it('is a UTF-8 XML document whose totals count every check and every lab that did not come up', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toMatch(XML_CHAR);
    const { testsuite, ...totals } = doc.testsuites;
    expect(totals).toEqual({ name: 'lab test', tests: '6', failures: '1', errors: '1', time: '33.530' });
    expect(testsuite.map((s) => s.name)).toEqual(['dmz', 'subnets-routed', 'vpc']);
  });

  it('has a testsuite per lab with its counts, time, file and failure bundle', () => {
    const { testcase, ...attrs } = dmz!;
    expect(attrs).toEqual({ name: 'dmz', tests: '3', failures: '1', errors: '0', skipped: '1', time: '19.000', file: 'labs/dmz.yaml', 'system-out': 'failure bundle: /tmp/lab-failures/dmz-20250101-000000' });
    expect(testcase).toHaveLength(3);
    const { testcase: routedCases, ...routedAttrs } = routed!;
    expect(routedAttrs).toEqual({ name: 'subnets-routed', tests: '2', failures: '0', errors: '0', skipped: '0', time: '10.530', file: 'labs/subnets-routed.yaml' });
    expect(routedCases.map((c) => [c.name, c.classname, c.time])).toEqual([
      ['vm1 reaches vm3 through r1', 'subnets-routed.ping', '1.000'],
      ['lab daemons are running', 'subnets-routed.daemons', '0.030'],
    ]);
  });

  it('a passed check says what was seen', () => {
    expect(dmz!.testcase[0]).toEqual({ name: 'vm1 pings vm2', classname: 'dmz.ping', time: '0.250', 'system-out': 'seen: 3 of 3 replies' });
  });

  it('a failed check is a <failure> with expected and seen in its message, and the attempts in its text, escaped and read back whole', () => {
    expect(dmz!.testcase[1]).toEqual({
      name: 'vm2 got its lease',
      classname: 'dmz.dhcp',
      time: '4.500',
      failure: {
        message: 'expected lease 172.16.255.131 & router 172.16.255.129; saw no lease <none> after 3 tries',
        type: 'dhcp',
        '#text': 'expected: lease 172.16.255.131 & router 172.16.255.129\nseen: no lease <none> after 3 tries\nattempts: 3',
      },
    });
    expect(xml).toContain('&amp; router');
    expect(xml).toContain('&lt;none&gt;');
  });

  it('a skipped check is <skipped> with the reason, and is no failure', () => {
    expect(dmz!.testcase[2]).toEqual({ name: 'ovn 24.03 feature', classname: 'dmz.flow', time: '0.000', skipped: { message: 'needs OVN >= 24.03 (this lab: 23.03)' } });
  });

  it('a lab that did not come up is one <error> case named "lab up", with the error as message and text', () => {
    const { testcase, ...attrs } = vpc!;
    expect(attrs).toEqual({ name: 'vpc', tests: '1', failures: '0', errors: '1', skipped: '0', time: '4.000', file: 'labs/vpc.yaml' });
    const error = "step 'central' failed: ovsdb-server exited (see the failure bundle)";
    expect(testcase).toEqual([{ name: 'lab up', classname: 'vpc.lab', time: '3.250', error: { message: error, '#text': error } }]);
  });

  it('an error case comes before the checks that did run, and without a message still says the lab did not come up', () => {
    const [report] = threeLabs();
    const cases = parse(junitXml([{ ...report!, status: 'error', error: undefined }])).testsuites.testsuite[0]!.testcase;
    expect(cases.map((c) => c.name)).toEqual(['lab up', 'vm1 pings vm2', 'vm2 got its lease', 'ovn 24.03 feature']);
    expect(cases[0]!.error).toEqual({ message: 'lab did not come up' });
  });

  it('no labs: an empty testsuites with zero counts', () => {
    const xmlEmpty = junitXml([]);
    expect(XMLValidator.validate(xmlEmpty)).toBe(true);
    expect(xmlEmpty).toContain('<testsuites name="lab test" tests="0" failures="0" errors="0" time="0.000"');
  });

  // An exec check's output may hold terminal escapes (`ip -c`, `grep --color=always`); XML 1.0 has
  // no such characters, so junit.ts writes them as escapes and a strict parser reads the report.
  it('an ESC in what a check saw still makes a document a strict XML 1.0 parser accepts', () => {
    const seen = 'exit 1: \u001b[31mred\u001b[0m';
    const text = junitXml([{ lab: 't', status: 'failed', checks: [check('colours', { kind: 'exec', passed: false, expected: 'exit 0', seen })], durationsMs: { up: 0, checks: 0, down: 0, total: 0 } }]);
    expect(text).toMatch(XML_CHAR);
    expect(text).toContain('exit 1: \\x1b[31mred\\x1b[0m');
  });
});
