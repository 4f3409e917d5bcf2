import type { FastifyReply } from 'fastify';

// Server-rendered pages: a tagged template that escapes everything it is given unless it is already
// markup, and the page frame (zh-CN, one column on a phone, no external assets, no inline scripts:
// pages load theirs from our own files, as the Content-Security-Policy of web-server.ts demands).

export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function render(value: unknown): string {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** html`<p>${name}</p>`: interpolations are escaped; Markup and arrays of Markup are kept. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Markup(out);
}

/** Markup from a trusted source (our own SVG charts). */
export const raw = (text: string) => new Markup(text);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#f5f7fb;line-height:1.5}
header{background:#2f6fde;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header a{color:#fff;text-decoration:none}header .who{margin-left:auto;font-size:.9rem}
main{max-width:960px;margin:0 auto;padding:1rem}h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border-radius:8px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:1rem}
table{width:100%;border-collapse:collapse;font-size:.95rem}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #e5e7eb}
label{display:block;margin:.4rem 0 .1rem;font-size:.9rem}input,select,textarea{font:inherit;padding:.45rem;border:1px solid #cbd5e1;border-radius:6px;width:100%;max-width:28rem}
button,.button{font:inherit;background:#2f6fde;color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;margin-top:.6rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#64748b}.error{color:#b91c1c}.ok{color:#15803d}.muted{color:#64748b;font-size:.9rem}
.bad td{background:#fef2f2}progress{width:100%;max-width:28rem}.chart{max-width:480px}
.chat{background:#ededed;border-radius:8px;padding:.6rem;height:55vh;overflow-y:auto}.msg{margin:.4rem 0;display:flex;flex-direction:column}
.msg .who{font-size:.8rem;color:#64748b}.msg .text{background:#fff;border-radius:6px;padding:.4rem .6rem;max-width:85%;white-space:pre-wrap;word-break:break-word}
.msg.mine{align-items:flex-end}.msg.mine .text{background:#95ec69}.msg.bot .text{background:#fff;border-left:3px solid #2f6fde}
`;

/** The page frame; `who` is the signed-in name (no navigation when signed out). */
export function page(title: string, body: Markup, options: { who?: string; csrf?: string } = {}): string {
  const nav = options.who
    ? html`<a href="/console">班级</a><a href="/console/overview">全县概览</a><a href="/console/roster">导入名单</a><a href="/demo">演示群</a>
        <span class="who">${options.who}
          <form method="post" action="/console/logout" style="display:inline"><input type="hidden" name="_csrf" value="${options.csrf ?? ''}"><button class="secondary" style="margin:0;padding:.2rem .6rem">退出</button></form></span>`
    : html`<a href="/demo">演示群</a><span class="who"><a href="/console/login">登录</a></span>`;
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · 研修助手</title><style>${raw(STYLE)}</style></head>
<body><header><strong><a href="/console">研修助手</a></strong>${nav}</header><main>${body}</main></body></html>`.value;
}

/** Sends a page; `who` (the signed-in account) adds the navigation and the logout form. */
export function sendPage(reply: FastifyReply, title: string, body: Markup, who?: { name: string; csrfToken: string }, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(page(title, body, who ? { who: who.name, csrf: who.csrfToken } : {}));
}
