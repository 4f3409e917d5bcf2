import { describe, expect, it } from 'vitest';
import { barChart, histogram, lineChart } from '../../src/core/charts/svg-charts.ts';

/** Minimal well-formedness check: only known markup, escaped text and attributes, balanced tags, one root. */
function assertWellFormed(svg: string): void {
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const textRun = /[^<]*/y;
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  while (at < svg.length) {
    textRun.lastIndex = at;
    const run = textRun.exec(svg)![0];
    expect(run.replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/g, ''), `text near ${at}`).not.toMatch(/[&>]/);
    if (stack.length === 0) expect(run.trim(), 'text outside the root').toBe('');
    at += run.length;
    if (at >= svg.length) break;
    tag.lastIndex = at;
    const match = tag.exec(svg);
    expect(match, `malformed tag near: ${svg.slice(at, at + 60)}`).not.toBeNull();
    const [whole, closing, name, attrText, selfClosing] = match!;
    const names = [...attrText!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => {
      expect(m[2]!.replace(/&(?:amp|lt|gt|quot|apos);/g, '')).not.toMatch(/[&<>]/);
      return m[1];
    });
    expect(new Set(names).size, `duplicate attribute in ${whole}`).toBe(names.length);
    if (closing) expect(stack.pop(), `unbalanced </${name}>`).toBe(name);
    else if (!selfClosing) {
      if (stack.length === 0) roots += 1;
      stack.push(name!);
    } else if (stack.length === 0) roots += 1;
    at += whole.length;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

interface Mark {
  attrs: Record<string, string>;
  title: string;
}

/** The bars, columns or points: shapes carrying data-label, with the text of their <title> child. */
function marks(svg: string, shape: 'rect' | 'circle'): Mark[] {
  const pattern = new RegExp(`<${shape}\\s([^>]*data-label[^>]*)><title>([^<]*)</title></${shape}>`, 'g');
  return [...svg.matchAll(pattern)].map((m) => ({
    attrs: Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)])),
    title: unescape(m[2]!),
  }));
}

function num(mark: Mark, name: string): number {
  return Number(mark.attrs[name]);
}

const schools = [
  { label: '第一实验小学', value: 0.9 },
  { label: '城南中学', value: 0.45 },
  { label: '育才学校', value: 0.3 },
];

describe('barChart', () => {
  it('when rates differ the bar widths are proportional to the values', () => {
    const svg = barChart({ title: '到训率', bars: schools, asPercent: true });
    const [a, b, c] = marks(svg, 'rect');
    expect(num(a!, 'width') / num(b!, 'width')).toBeCloseTo(2, 1);
    expect(num(b!, 'width') / num(c!, 'width')).toBeCloseTo(1.5, 1);
    const plain = marks(barChart({ title: '提交数', bars: [{ label: 'A', value: 5 }, { label: 'B', value: 10 }], max: 20 }), 'rect');
    expect(num(plain[1]!, 'width') / num(plain[0]!, 'width')).toBeCloseTo(2, 1);
  });

  it('when a school is under 60% its bar is amber and a 90% school is blue', () => {
    const svg = barChart({ title: '到训率', bars: schools, asPercent: true });
    const [high, low] = marks(svg, 'rect');
    expect(high!.attrs.fill).toBe('#2f6fde');
    expect(low!.attrs.fill).toBe('#d97706');
    expect(svg).toContain('>90%<');
    expect(svg).toContain('>45%<');
  });

  it('when a rate rounds to 60% it is shown as 60% and not marked as lagging', () => {
    const [bar] = marks(barChart({ title: 't', bars: [{ label: 'A', value: 0.596 }], asPercent: true }), 'rect');
    expect(bar!.title).toBe('A：60%');
    expect(bar!.attrs.fill).toBe('#2f6fde');
  });

  it('when values are plain numbers low bars stay blue and the unit follows the value', () => {
    const svg = barChart({ title: '提交', bars: [{ label: 'A', value: 1 }, { label: 'B', value: 30 }], unit: '份' });
    expect(marks(svg, 'rect').map((m) => m.attrs.fill)).toEqual(['#2f6fde', '#2f6fde']);
    expect(svg).toContain('>30份<');
  });

  it('when a label contains markup it is escaped and kept verbatim in data-label and the hover title', () => {
    const label = `<script>alert("x")</script> & 'y'`;
    const svg = barChart({ title: `<b>&</b>`, bars: [{ label, value: 0.5, note: '3/6 <人>' }], asPercent: true });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    assertWellFormed(svg);
    const [bar] = marks(svg, 'rect');
    expect(bar!.attrs['data-label']).toBe(label);
    expect(bar!.attrs['data-note']).toBe('3/6 <人>');
    expect(bar!.title).toBe(`${label}：50%（3/6 <人>）`);
  });

  it('when values are out of range, NaN or Infinity they are clamped to 0..max', () => {
    const svg = barChart({
      title: 't',
      bars: [
        { label: 'full', value: 1 },
        { label: 'over', value: 1.5 },
        { label: 'neg', value: -0.2 },
        { label: 'nan', value: Number.NaN },
        { label: 'inf', value: Number.POSITIVE_INFINITY },
      ],
      asPercent: true,
    });
    const bars = marks(svg, 'rect');
    expect(bars.map((m) => m.attrs['data-value'])).toEqual(['1', '1', '0', '0', '0']);
    expect(num(bars[1]!, 'width')).toBe(num(bars[0]!, 'width'));
    expect(bars.slice(2).map((m) => num(m, 'width'))).toEqual([0, 0, 0]);
    assertWellFormed(svg);
  });

  it('when a school name is long it is cut with … on screen but kept whole in data-label', () => {
    const long = '北京市海淀区中关村第三实验小学附属幼儿园分园';
    const svg = barChart({ title: 't', bars: [{ label: long, value: 0.8 }], asPercent: true });
    expect(marks(svg, 'rect')[0]!.attrs['data-label']).toBe(long);
    const shown = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!).find((t) => t.startsWith('北京'));
    expect(shown).toMatch(/…$/);
    expect(shown!.length).toBeLessThanOrEqual(12);
  });

  it('renders a scalable, labelled svg with the system font and no fixed pixel width', () => {
    const svg = barChart({ title: '各校到训率', bars: schools, asPercent: true });
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ [\d.]+"/);
    expect(svg).toMatch(/^<svg [^>]*width="100%"/);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/^<svg [^>]*aria-label="各校到训率"/);
    expect(svg).toContain(`font-family="system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif"`);
    expect(svg).toContain('<title>各校到训率</title>');
    expect(svg).not.toMatch(/<(script|style|link)\b/);
    assertWellFormed(svg);
  });
});

describe('empty data', () => {
  it('when there is nothing to draw each chart is a valid svg saying 暂无数据', () => {
    for (const svg of [
      barChart({ title: '到训率', bars: [] }),
      lineChart({ title: '出勤', points: [] }),
      histogram({ title: '学时', buckets: [] }),
    ]) {
      expect(svg).toContain('暂无数据');
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      assertWellFormed(svg);
    }
  });
});

describe('lineChart', () => {
  const sessions = [
    { label: '11/23 上午', value: 0.95 },
    { label: '11/23 下午', value: 0.8 },
    { label: '11/24 上午', value: 0.5 },
    { label: '11/24 下午', value: 0.7 },
  ];

  it('when sessions are given it draws one dot per session in order, joined by a polyline', () => {
    const svg = lineChart({ title: '出勤率', points: sessions, asPercent: true });
    assertWellFormed(svg);
    const dots = marks(svg, 'circle');
    expect(dots.map((d) => d.attrs['data-label'])).toEqual(sessions.map((s) => s.label));
    expect(dots.map((d) => Number(d.attrs['data-value']))).toEqual(sessions.map((s) => s.value));
    const xs = dots.map((d) => num(d, 'cx'));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // Higher values sit higher, i.e. at smaller y.
    expect(num(dots[0]!, 'cy')).toBeLessThan(num(dots[1]!, 'cy'));
    expect(num(dots[2]!, 'cy')).toBeGreaterThan(num(dots[3]!, 'cy'));
    expect(dots[2]!.attrs.fill).toBe('#d97706');
    expect(dots[2]!.title).toBe('11/24 上午：50%');
    const polyline = svg.match(/<polyline [^>]*points="([^"]*)"/)![1]!.split(' ');
    expect(polyline).toHaveLength(sessions.length);
  });

  it('when values are percentages the y gridlines sit at 0, 25, 50, 75 and 100%', () => {
    const svg = lineChart({ title: '出勤率', points: sessions, asPercent: true });
    const lines = [...svg.matchAll(/<line [^>]*stroke="#e0e6f0"/g)];
    expect(lines).toHaveLength(5);
    for (const tick of ['0%', '25%', '50%', '75%', '100%']) expect(svg).toContain(`>${tick}</text>`);
  });

  it('when there is a single session it draws a dot without a polyline', () => {
    const svg = lineChart({ title: 't', points: [{ label: '11/23 上午', value: 12 }], unit: '人' });
    expect(marks(svg, 'circle')).toHaveLength(1);
    expect(svg).not.toContain('<polyline');
    assertWellFormed(svg);
  });

  it('when there are many sessions every point keeps its data while x labels are thinned', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ label: `12/${i + 1} 上午`, value: (i % 10) / 10 }));
    const svg = lineChart({ title: 't', points: many, asPercent: true });
    assertWellFormed(svg);
    expect(marks(svg, 'circle')).toHaveLength(30);
    expect(svg.match(/>上午<\/text>/g)!.length).toBeLessThan(30);
  });
});

describe('histogram', () => {
  const buckets = [
    { label: '0–25%', count: 2 },
    { label: '25–50%', count: 4 },
    { label: '50–75%', count: 8 },
    { label: '75–100%', count: 6 },
    { label: '已达标', count: 0 },
  ];

  it('when counts differ the column heights are proportional and share one baseline', () => {
    const svg = histogram({ title: '学时完成分布', buckets, unit: '人' });
    assertWellFormed(svg);
    const columns = marks(svg, 'rect');
    expect(columns.map((c) => c.attrs['data-label'])).toEqual(buckets.map((b) => b.label));
    const heights = columns.map((c) => num(c, 'height'));
    expect(heights[1]! / heights[0]!).toBeCloseTo(2, 1);
    expect(heights[2]! / heights[0]!).toBeCloseTo(4, 1);
    expect(heights[3]! / heights[0]!).toBeCloseTo(3, 1);
    expect(heights[4]).toBe(0);
    const bottoms = columns.map((c) => num(c, 'y') + num(c, 'height'));
    expect(new Set(bottoms.map((b) => b.toFixed(0))).size).toBe(1);
    expect(columns[2]!.title).toBe('50–75%：8人');
  });
});
