// Charts for the server-rendered web console, as self-contained SVG strings: no scripts, no external CSS,
// and a viewBox with width="100%" so they scale to the container (a phone screen first of all).

export interface BarChartOptions {
  title: string;
  bars: { label: string; value: number; note?: string }[];
  max?: number;
  unit?: string;
  /** Values are fractions 0..1 shown as 87%; bars under 60% are drawn in amber. */
  asPercent?: boolean;
}

export interface LineChartOptions {
  title: string;
  points: { label: string; value: number }[];
  max?: number;
  unit?: string;
  asPercent?: boolean;
}

export interface HistogramOptions {
  title: string;
  buckets: { label: string; count: number }[];
  unit?: string;
}

const FONT = "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif";
const BLUE = '#2f6fde';
const AMBER = '#d97706';
const GRID = '#e0e6f0';
const TEXT = '#1f2937';
// About the CSS width of a phone screen, so font sizes in viewBox units read at roughly their nominal size there.
const WIDTH = 360;
const PAD = 12;
const TITLE_HEIGHT = 34;
const LAGGING_PERCENT = 60;
const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const GRAPHEMES = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

type Attrs = Record<string, string | number>;

// ---- text helpers -------------------------------------------------------------------------------------------

/** Escapes for text and attribute values, dropping characters XML 1.0 cannot carry at all (controls, lone surrogates). */
function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Estimated rendered width: CJK and other wide characters take a full em, everything else about 0.6em. */
function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return ems * fontSize;
}

/** Cuts whole graphemes (never half an emoji) and appends … so the text fits maxWidth. */
function truncate(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const budget = maxWidth - textWidth('…', fontSize);
  let kept = '';
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (textWidth(kept + segment, fontSize) > budget) break;
    kept += segment;
  }
  return `${kept}…`;
}

function formatValue(value: number, asPercent: boolean, unit = ''): string {
  return asPercent ? `${Math.round(value * 100)}%` : `${NUMBER.format(value)}${unit}`;
}

// ---- number helpers -----------------------------------------------------------------------------------------

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, finite(value)));
}

/** Compares the rounded percentage, so a bar labelled "60%" is never amber. */
function isLagging(value: number, asPercent: boolean): boolean {
  return asPercent && Math.round(value * 100) < LAGGING_PERCENT;
}

/** Rounds up so that the four gridline steps are 1, 2 or 5 × 10ⁿ (at least 1 for counts). */
function niceMax(top: number, wholeSteps: boolean): number {
  const raw = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
  return 4 * (wholeSteps ? Math.max(1, Math.ceil(step)) : step);
}

function scaleMax(given: number | undefined, values: number[], asPercent: boolean, nice: 'no' | 'any' | 'whole'): number {
  if (given !== undefined && Number.isFinite(given) && given > 0) return given;
  if (asPercent) return 1;
  const top = Math.max(0, ...values.map(finite));
  if (top === 0) return nice === 'whole' ? 4 : 1;
  return nice === 'no' ? top : niceMax(top, nice === 'whole');
}

// ---- SVG helpers --------------------------------------------------------------------------------------------

/** Coordinates to one decimal keep the markup short. */
function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function attrs(record: Attrs): string {
  return Object.entries(record)
    .map(([key, value]) => `${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join(' ');
}

function text(content: string, record: Attrs): string {
  return `<text ${attrs(record)}>${escapeXml(content)}</text>`;
}

/** A bar, column or point: the shape carries data-label/data-value for tests and a <title> for hover. */
function datum(shape: 'rect' | 'circle', geometry: Attrs, label: string, value: number, hover: string, extra: Attrs = {}): string {
  const all = { ...geometry, 'data-label': label, 'data-value': String(value), ...extra };
  return `<${shape} ${attrs(all)}><title>${escapeXml(`${label}：${hover}`)}</title></${shape}>`;
}

function svg(title: string, height: number, body: string): string {
  const label = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${num(height)}" width="100%" ` +
    `role="img" aria-label="${label}" lang="zh-CN" font-family="${FONT}" fill="${TEXT}">` +
    `<title>${label}</title>` +
    text(truncate(title, WIDTH - 2 * PAD, 15), { x: PAD, y: 22, 'font-size': 15, 'font-weight': 600 }) +
    body +
    '</svg>'
  );
}

function emptyChart(title: string): string {
  return svg(title, 110, text('暂无数据', { x: WIDTH / 2, y: 72, 'font-size': 14, 'text-anchor': 'middle' }));
}

// ---- vertical charts (line, histogram) share a y axis and x labels -----------------------------------------

const PLOT_TOP = TITLE_HEIGHT + 14; // room for value text above the tallest point or column
const PLOT_HEIGHT = 150;
const PLOT_BOTTOM = PLOT_TOP + PLOT_HEIGHT;
const TICK_FONT = 10;

interface Frame {
  x: (index: number) => number;
  y: (value: number) => number;
  spacing: number;
  markup: string;
}

/** Horizontal gridlines at 0, ¼, ½, ¾ and the full max, labelled on the left, and evenly spaced x slots. */
function verticalFrame(count: number, max: number, asPercent: boolean): Frame {
  const ticks = [0, 1, 2, 3, 4].map((quarter) => ({ value: (max * quarter) / 4, label: formatValue((max * quarter) / 4, asPercent) }));
  const left = PAD + Math.max(...ticks.map((tick) => textWidth(tick.label, TICK_FONT))) + 6;
  const right = WIDTH - PAD;
  const spacing = (right - left) / count;
  const y = (value: number) => PLOT_BOTTOM - (PLOT_HEIGHT * value) / max;
  const markup = ticks
    .map(
      (tick) =>
        `<line ${attrs({ x1: left, x2: right, y1: y(tick.value), y2: y(tick.value), stroke: GRID, 'stroke-width': 1 })}/>` +
        text(tick.label, { x: left - 6, y: y(tick.value), dy: '0.35em', 'font-size': TICK_FONT, 'text-anchor': 'end' }),
    )
    .join('');
  return { x: (index) => left + spacing * (index + 0.5), y, spacing, markup };
}

/**
 * Labels like "11/23 上午" break at the first space into two lines; when they still do not fit their slot only
 * every n-th label is shown (every point keeps its full label in <title>).
 */
function xLabels(labels: string[], frame: Frame): string {
  const lines = labels.map((label) => {
    const space = label.search(/\s/);
    return space > 0 ? [label.slice(0, space), label.slice(space + 1).trim()] : [label];
  });
  const widest = Math.max(...lines.flat().map((line) => textWidth(line, TICK_FONT)));
  const every = Math.max(1, Math.ceil((widest + 6) / frame.spacing));
  const room = frame.spacing * every - 4;
  return lines
    .map((parts, index) =>
      index % every !== 0
        ? ''
        : parts
            .map((line, row) =>
              text(truncate(line, room, TICK_FONT), {
                x: frame.x(index),
                y: PLOT_BOTTOM + 15 + row * 13,
                'font-size': TICK_FONT,
                'text-anchor': 'middle',
              }),
            )
            .join(''),
    )
    .join('');
}

/** Value text above points/columns only when every one of them fits its slot, otherwise hover is enough. */
function valuesFit(texts: string[], spacing: number, fontSize: number): boolean {
  return texts.every((value) => textWidth(value, fontSize) + 4 <= spacing);
}

// ---- charts -------------------------------------------------------------------------------------------------

/** Horizontal bars with the label on the left and the value at the bar end, e.g. 到训率 by school. */
export function barChart(options: BarChartOptions): string {
  const { title, bars, unit, asPercent = false } = options;
  if (bars.length === 0) return emptyChart(title);
  const max = scaleMax(options.max, bars.map((bar) => bar.value), asPercent, 'no');
  const labelFont = 12;
  const rowHeight = 28;
  const barHeight = 16;

  const rows = bars.map((bar) => {
    const value = clamp(bar.value, max);
    const shown = formatValue(value, asPercent, unit);
    return { ...bar, value, shown, visible: bar.note ? `${shown} ${bar.note}` : shown };
  });
  // Twelve CJK characters at most for the label column, 72 units at most for "87% 26/30"-style value text.
  const labelWidth = Math.min(12 * labelFont, Math.max(...rows.map((row) => textWidth(row.label, labelFont))));
  const valueWidth = Math.min(72, Math.max(...rows.map((row) => textWidth(row.visible, labelFont))));
  const barX = PAD + labelWidth + 8;
  const track = WIDTH - PAD - barX - valueWidth - 4;
  const plotBottom = TITLE_HEIGHT + rows.length * rowHeight;

  // Percent charts get quarter gridlines with labels; for plain numbers the value text says enough.
  const grid = asPercent
    ? [0, 1, 2, 3, 4]
        .map((quarter) => {
          const x = barX + (track * quarter) / 4;
          return (
            `<line ${attrs({ x1: x, x2: x, y1: TITLE_HEIGHT, y2: plotBottom, stroke: GRID, 'stroke-width': 1 })}/>` +
            text(`${quarter * 25}%`, { x, y: plotBottom + 13, 'font-size': TICK_FONT, 'text-anchor': 'middle' })
          );
        })
        .join('')
    : `<line ${attrs({ x1: barX, x2: barX, y1: TITLE_HEIGHT, y2: plotBottom, stroke: GRID, 'stroke-width': 1 })}/>`;

  const body = rows
    .map((row, index) => {
      const middle = TITLE_HEIGHT + index * rowHeight + rowHeight / 2;
      const width = (track * row.value) / max;
      const hover = row.note ? `${row.shown}（${row.note}）` : row.shown;
      const geometry = {
        x: barX,
        y: middle - barHeight / 2,
        width,
        height: barHeight,
        rx: 2,
        fill: isLagging(row.value, asPercent) ? AMBER : BLUE,
      };
      return (
        text(truncate(row.label, labelWidth, labelFont), { x: barX - 8, y: middle, dy: '0.35em', 'font-size': labelFont, 'text-anchor': 'end' }) +
        datum('rect', geometry, row.label, row.value, hover, row.note ? { 'data-note': row.note } : {}) +
        text(truncate(row.visible, valueWidth, labelFont), { x: barX + width + 4, y: middle, dy: '0.35em', 'font-size': labelFont })
      );
    })
    .join('');

  return svg(title, plotBottom + (asPercent ? 22 : 10), grid + body);
}

/** Values over time (e.g. attendance per session) as a polyline with dots; dots under 60% are amber. */
export function lineChart(options: LineChartOptions): string {
  const { title, points, unit, asPercent = false } = options;
  if (points.length === 0) return emptyChart(title);
  const max = scaleMax(options.max, points.map((point) => point.value), asPercent, 'any');
  const frame = verticalFrame(points.length, max, asPercent);
  const rows = points.map((point, index) => {
    const value = clamp(point.value, max);
    return { ...point, value, shown: formatValue(value, asPercent, unit), cx: frame.x(index), cy: frame.y(value) };
  });

  const line =
    rows.length > 1
      ? `<polyline ${attrs({
          points: rows.map((row) => `${num(row.cx)},${num(row.cy)}`).join(' '),
          fill: 'none',
          stroke: BLUE,
          'stroke-width': 2,
          'stroke-linejoin': 'round',
        })}/>`
      : '';
  const showValues = valuesFit(rows.map((row) => row.shown), frame.spacing, TICK_FONT);
  const dots = rows
    .map(
      (row) =>
        datum('circle', { cx: row.cx, cy: row.cy, r: 4, fill: isLagging(row.value, asPercent) ? AMBER : BLUE, stroke: '#ffffff', 'stroke-width': 1.5 }, row.label, row.value, row.shown) +
        (showValues ? text(row.shown, { x: row.cx, y: row.cy - 9, 'font-size': TICK_FONT, 'text-anchor': 'middle' }) : ''),
    )
    .join('');

  return svg(title, PLOT_BOTTOM + 36, frame.markup + line + dots + xLabels(rows.map((row) => row.label), frame));
}

/** Vertical columns of counts per bucket, e.g. hours completion 0–25% … 已达标. */
export function histogram(options: HistogramOptions): string {
  const { title, buckets, unit } = options;
  if (buckets.length === 0) return emptyChart(title);
  const max = scaleMax(undefined, buckets.map((bucket) => bucket.count), false, 'whole');
  const frame = verticalFrame(buckets.length, max, false);
  const columnWidth = Math.min(frame.spacing * 0.7, 56);
  const rows = buckets.map((bucket) => {
    const count = clamp(bucket.count, max);
    return { ...bucket, count, shown: formatValue(count, false, unit) };
  });
  const showValues = valuesFit(rows.map((row) => row.shown), frame.spacing, 11);

  const columns = rows
    .map((row, index) => {
      const top = frame.y(row.count);
      const geometry = { x: frame.x(index) - columnWidth / 2, y: top, width: columnWidth, height: PLOT_BOTTOM - top, fill: BLUE };
      return (
        datum('rect', geometry, row.label, row.count, row.shown) +
        (showValues ? text(row.shown, { x: frame.x(index), y: top - 5, 'font-size': 11, 'text-anchor': 'middle' }) : '')
      );
    })
    .join('');

  return svg(title, PLOT_BOTTOM + 36, frame.markup + columns + xLabels(rows.map((row) => row.label), frame));
}
