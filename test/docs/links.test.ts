import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README and docs/ link to each other and to images: every relative link must point at a file
// that exists, so a newcomer never meets a dead end, and the README stays short enough to read in
// five minutes.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README_MAX_LINES = 150;

/** README.md and every Markdown file under docs/, as paths relative to the repository. */
function documents(): string[] {
  const found = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md')) found.push(relative);
    }
  };
  walk('docs');
  return found.sort();
}

/**
 * The targets of the Markdown links and images in `text` that point into the repository:
 * `[text](path)` and `![alt](path)`, with an optional title or angle brackets. Web addresses,
 * mailto: and pure #anchors are not files; links inside code blocks and `code spans` are not links.
 */
function relativeLinks(text: string): string[] {
  const prose = text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const links: string[] = [];
  for (const match of prose.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
    const target = match[1]!.replace(/^<|>$/g, '');
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
    links.push(target);
  }
  return links;
}

/** The links of `file` (relative to the repository) whose target does not exist, fragments stripped. */
function brokenLinks(file: string, text: string): string[] {
  return relativeLinks(text).filter((target) => {
    const withoutFragment = decodeURI(target.split('#')[0]!.split('?')[0]!);
    const resolved = path.resolve(path.dirname(path.join(ROOT, file)), withoutFragment);
    return !existsSync(resolved);
  });
}

describe('links in README.md and docs/', () => {
  it('when the documents are listed it finds the README and the guides', () => {
    const files = documents();
    expect(files).toContain('README.md');
    expect(files).toContain(path.join('docs', 'architecture.md'));
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of documents()) {
    it(`when ${file} links to a relative path it points at a file that exists`, () => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect(brokenLinks(file, text), `broken links in ${file}`).toEqual([]);
    });
  }

  it('when the README links to docs and an image, each target is a real file', () => {
    const links = relativeLinks(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(links.some((l) => l.startsWith('docs/') && l.endsWith('.md'))).toBe(true);
    const image = links.find((l) => l.endsWith('.png'));
    expect(image).toBeDefined();
    expect(statSync(path.join(ROOT, image!)).size).toBeGreaterThan(0);
  });

  it(`when README.md is counted it has at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\n$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(README_MAX_LINES);
  });
});

describe('the link finder', () => {
  it('when a document has links, images, web addresses, mailto and anchors it returns only the relative paths', () => {
    const text = [
      'See [the guide](docs/guide-tutor.md#notices), ![shot](images/console.png "The console") and [up](../README.md).',
      'Not files: [site](https://napneko.github.io/), [mail](mailto:a@b.cn), [here](#security), [proto](//cdn.example/x).',
      'Angle brackets: [odd name](<docs/my file.md>).',
    ].join('\n');
    expect(relativeLinks(text)).toEqual(['docs/guide-tutor.md#notices', 'images/console.png', '../README.md', 'docs/my file.md']);
  });

  it('when a link-like text is in a code block or a code span it is not a link', () => {
    const text = ['```json', '{ "a": [1](2) }', '```', 'Inline `[x](missing.md)` is code.', '[real](real.md)'].join('\n');
    expect(relativeLinks(text)).toEqual(['real.md']);
  });

  it('when a link points at a missing file it is reported, and an existing one with a fragment is not', () => {
    const text = '[ok](docs/architecture.md#how-a-message-flows) [gone](docs/no-such-page.md) ![gone too](docs/images/none.png)';
    expect(brokenLinks('README.md', text)).toEqual(['docs/no-such-page.md', 'docs/images/none.png']);
  });
});
