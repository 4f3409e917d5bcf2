import type { Segment } from './onebot-types.ts';

// CQ codes (the OneBot v11 string message format): `[CQ:type,key=value,…]` between plain text.
// In text, & [ ] are escaped as &amp; &#91; &#93;; inside a code's values also , as &#44;.

const unescape = (s: string) => s.replace(/&#91;/g, '[').replace(/&#93;/g, ']').replace(/&#44;/g, ',').replace(/&amp;/g, '&');

/** Escapes plain text (`inValue`: for a CQ code's parameter value). */
export function escapeCq(text: string, inValue = false): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
  return inValue ? escaped.replace(/,/g, '&#44;') : escaped;
}

/** Parses a CQ-code string into segments; text between codes becomes `text` segments. */
export function parseCq(message: string): Segment[] {
  const segments: Segment[] = [];
  const code = /\[CQ:([a-zA-Z0-9_.-]+)((?:,[^,\]]*)*)\]/g;
  let last = 0;
  for (let match = code.exec(message); match; match = code.exec(message)) {
    if (match.index > last) segments.push({ type: 'text', data: { text: unescape(message.slice(last, match.index)) } });
    const data: Segment['data'] = {};
    for (const pair of match[2]!.split(',').slice(1)) {
      const eq = pair.indexOf('=');
      if (eq > 0) data[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
    }
    segments.push({ type: match[1]!, data });
    last = match.index + match[0].length;
  }
  if (last < message.length) segments.push({ type: 'text', data: { text: unescape(message.slice(last)) } });
  return segments;
}

/** Formats segments as a CQ-code string (for implementations configured to take strings). */
export function formatCq(segments: Segment[]): string {
  return segments
    .map((s) => {
      if (s.type === 'text') return escapeCq(String(s.data.text ?? ''));
      const params = Object.entries(s.data)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `,${k}=${escapeCq(String(v), true)}`)
        .join('');
      return `[CQ:${s.type}${params}]`;
    })
    .join('');
}
