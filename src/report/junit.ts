import { XMLBuilder } from 'fast-xml-parser';
import type { LabTestReport } from '../core/test.js';
import { originText } from '../topology/builds.js';

const secs = (ms: number) => (ms / 1000).toFixed(3);

/**
 * Text as XML 1.0 may hold it: a character it has no place for (a terminal escape in what a
 * command printed) is written as its escape (`\x1b`), so a strict parser still reads the report.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const x = (text: string) => text.replace(NOT_XML, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** JUnit XML: a testsuite per lab, a testcase per check; a lab that did not come up is an error case. */
export function junitXml(reports: LabTestReport[]): string {
  const suites = reports.map((r) => {
    const failures = r.checks.filter((c) => !c.passed).length;
    const cases: object[] = r.checks.map((c) => ({
      '@_name': x(c.name),
      '@_classname': `${r.lab}.${c.kind}`,
      '@_time': secs(c.durationMs),
      ...(c.skipped
        ? { skipped: { '@_message': x(c.skipped) } }
        : c.passed
          ? { 'system-out': x(`seen: ${c.seen}`) }
          : { failure: { '@_message': x(`expected ${c.expected}; saw ${c.seen}`), '@_type': c.kind, '#text': x(`expected: ${c.expected}\nseen: ${c.seen}\nattempts: ${c.attempts}`) } }),
    }));
    if (r.status === 'error') {
      cases.unshift({ '@_name': 'lab up', '@_classname': `${r.lab}.lab`, '@_time': secs(r.durationsMs.up), error: { '@_message': x(r.error ?? 'lab did not come up'), '#text': x(r.error ?? '') } });
    }
    return {
      '@_name': r.lab,
      '@_tests': cases.length,
      '@_failures': failures,
      '@_errors': r.status === 'error' ? 1 : 0,
      '@_skipped': r.checks.filter((c) => c.skipped).length,
      '@_time': secs(r.durationsMs.total),
      ...(r.file ? { '@_file': r.file } : {}),
      // Where each node's OVN and OVS came from: `hv1.ovn` = `24.03.9 (build tree /src/ovn, commit bd3baf441086)`.
      ...(r.nodes?.length ? { properties: { property: r.nodes.flatMap((n) => (['ovn', 'ovs'] as const).map((k) => ({ '@_name': `${n.node}.${k}`, '@_value': x(originText(n[k])) }))) } } : {}),
      testcase: cases,
      ...(r.bundle ? { 'system-out': `failure bundle: ${r.bundle}` } : {}),
    };
  });
  const total = (f: (r: LabTestReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'lab test',
      '@_tests': total((r) => r.checks.length + (r.status === 'error' ? 1 : 0)),
      '@_failures': total((r) => r.checks.filter((c) => !c.passed).length),
      '@_errors': total((r) => (r.status === 'error' ? 1 : 0)),
      '@_time': secs(total((r) => r.durationsMs.total)),
      testsuite: suites,
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(doc);
}
