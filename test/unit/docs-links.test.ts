import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchors, links } from '../docs/markdown.js';

/** The documentation: the README, docs/ (with the generated references), the labs' walkthroughs, CONTRIBUTING. */
function documents(): string[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
  const top = ['README.md', 'CONTRIBUTING.md'].filter((f) => existsSync(f));
  return [
    ...top,
    ...walk('docs'),
    ...readdirSync('labs')
      .filter((f) => f.endsWith('.md'))
      .map((f) => join('labs', f)),
  ];
}

/** What is wrong with one relative link from `file`, or undefined when its file (and heading) exist. */
function broken(file: string, target: string): string | undefined {
  const [path = '', anchor] = target.split('#');
  const resolved = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
  if (relative('.', resolved).startsWith('..')) return `${target} leaves the repository`;
  if (!existsSync(resolved)) return `${target}: no such file (${resolved})`;
  if (anchor === undefined || anchor === '' || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) return undefined;
  return anchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor).toLowerCase()) ? undefined : `${target}: ${resolved} has no heading #${anchor}`;
}

describe('the documentation', () => {
  it('has no broken relative link (files and headings) in README.md, docs/ or labs/', () => {
    const files = documents();
    expect(files).toContain('docs/reference/checks.md');
    const problems = files.flatMap((file) =>
      links(readFileSync(file, 'utf8'))
        .filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
        .flatMap(({ line, target }) => {
          const problem = broken(file, target);
          return problem ? [`${file}:${line}: ${problem}`] : [];
        }),
    );
    expect(problems).toEqual([]);
  });

  it('lists every lab in labs/README.md and in the README, each with its walkthrough', () => {
    const labs = readdirSync('labs')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    const index = links(readFileSync('labs/README.md', 'utf8')).map((l) => l.target);
    const readme = links(readFileSync('README.md', 'utf8')).map((l) => l.target);
    expect(labs.filter((lab) => !existsSync(`labs/${lab}.md`))).toEqual([]);
    expect(labs.filter((lab) => !index.includes(`${lab}.yaml`) || !index.includes(`${lab}.md`))).toEqual([]);
    expect(labs.filter((lab) => !readme.includes(`labs/${lab}.md`))).toEqual([]);
  });

  it('keeps the README short: at most 200 lines, the rest in docs/', () => {
    expect(readFileSync('README.md', 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });
});
