// Fails when the .ts files under a folder import each other in a circle (type-only imports count too):
// arrows in src/ run one way (adapters → bot → features → app → core). Usage: node scripts/import-circles.mjs src
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src');
const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== 'generated' && entry.name !== 'node_modules') walk(p); }
    else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(p);
  }
})(root);

const known = new Set(files);
const specifiers = /(?:import|export)\s+(?:type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|import\s+['"](\.[^'"]+)['"]/g;
const edges = new Map(files.map((file) => {
  const targets = new Set();
  for (const m of readFileSync(file, 'utf8').matchAll(specifiers)) {
    const target = resolve(dirname(file), m[1] ?? m[2] ?? m[3]);
    const hit = [target, target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')].find((c) => known.has(c));
    if (hit) targets.add(hit);
  }
  return [file, [...targets]];
}));

// Tarjan's strongly connected components, iteratively (no recursion limit on deep import chains).
const index = new Map(); const low = new Map(); const onStack = new Set(); const stack = []; const circles = [];
let next = 0;
for (const start of files) {
  if (index.has(start)) continue;
  const work = [[start, 0]];
  while (work.length) {
    const frame = work[work.length - 1];
    const [v, i] = frame;
    if (i === 0) { index.set(v, next); low.set(v, next); next++; stack.push(v); onStack.add(v); }
    const out = edges.get(v);
    if (i < out.length) {
      frame[1]++;
      const w = out[i];
      if (!index.has(w)) work.push([w, 0]);
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
      continue;
    }
    work.pop();
    if (work.length) { const parent = work[work.length - 1][0]; low.set(parent, Math.min(low.get(parent), low.get(v))); }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do { w = stack.pop(); onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || out.includes(v)) circles.push(component);
    }
  }
}

for (const c of circles) console.error(`import circle: ${c.map((f) => relative(root, f)).sort().join(' → ')}`);
if (circles.length) { console.error(`${circles.length} import circle(s) in ${relative(process.cwd(), root)}: make the arrows run one way`); process.exit(1); }
console.log(`no import circle among ${files.length} files in ${relative(process.cwd(), root) || '.'}`);
