import type { App } from '../app/app.ts';
import type { RosterImportResult } from '../features/roster/roster-import.ts';
import type { RosterParseResult } from '../core/roster/parse-roster-csv.ts';
import type { ConsoleAccount } from '../features/access/console-accounts.ts';
import { html, type Markup } from './html.ts';
import { differenceTable } from './roster-differences-view.ts';

/** The rows a roster file could not use, listed by line. */
export function errorList(errors: { line: number; message: string }[]): Markup {
  return html`<div class="card"><p class="error">有 ${errors.length} 处问题，整份名单都没有导入。改好后重新上传：</p><ul class="errors">${errors.map((e) => html`<li>${e.message}</li>`)}</ul></div>`;
}

/** The upload form, with the limits and an optional refusal. */
export function rosterForm(account: ConsoleAccount, limits: string, message?: string): Markup {
  return html`<h1>导入名单</h1>${message ? html`<p class="error">${message}</p>` : ''}
    <form class="card" id="roster-form" method="post" action="/console/roster/preview" enctype="multipart/form-data">
      <p class="muted">CSV 或 Excel（.xlsx）：姓名、手机号、学校、班级（可选：县区、学科、学段）。先预览，确认无误后才会写入。${limits}</p>
      <input type="hidden" name="_csrf" value="${account.csrfToken}">
      <label for="roster-file">名单文件</label><input id="roster-file" name="file" type="file" accept=".csv,.xlsx,text/csv" required>
      <progress id="upload-progress" value="0" max="100" hidden></progress>
      <button>上传并预览</button>
    </form>
    <script src="/console/assets/upload.js"></script>`;
}

/** The preview of a parsed roster: its rows, problems and differences, and the confirm form when it can be imported. */
export function rosterPreview(app: App, account: ConsoleAccount, filename: string, parsed: RosterParseResult, check: RosterImportResult, token: string | null): Markup {
  const errors = check.errors;
  // The rows that read well and the lines that did not, in file order; the bad ones highlighted.
  const problems = new Map(errors.map((e) => [e.line, e.message]));
  const lines = [...parsed.rows.map((r) => ({ line: r.line, row: r })), ...errors.filter((e) => !parsed.rows.some((r) => r.line === e.line)).map((e) => ({ line: e.line, row: null }))].sort((a, b) => a.line - b.line);
  const shown = lines.slice(0, 300);
  return html`<h1>名单预览：${filename}</h1>
    ${token ? html`<p class="card ok">共 ${parsed.rows.length} 行，全部可以导入。</p>` : errorList(errors)}
    <div class="card"><table><thead><tr><th>行</th><th>姓名</th><th>手机号</th><th>学校</th><th>班级</th></tr></thead><tbody>
    ${shown.map(({ line, row }) =>
      row
        ? html`<tr class="${problems.has(line) ? 'bad' : ''}"><td>${line}</td><td>${row.name}</td><td>${row.phone.slice(0, 3)}****${row.phone.slice(-4)}</td><td>${row.school}</td><td>${row.className}</td></tr>`
        : html`<tr class="bad"><td>${line}</td><td colspan="4">${problems.get(line)}</td></tr>`,
    )}
    </tbody></table>${lines.length > shown.length ? html`<p class="muted">只显示前 ${shown.length} 行。</p>` : ''}</div>
    ${check.newSchools.length ? html`<div class="card warn" id="new-schools"><p>将新建 ${check.newSchools.length} 所学校（若是错别字，请改正文件后重新上传）：</p><p>${check.newSchools.join('、')}</p></div>` : ''}
    ${differenceTable(app, check, token ? 'confirm-import-form' : null)}
    ${token
      ? html`<form id="confirm-import-form" method="post" action="/console/roster/import"><input type="hidden" name="_csrf" value="${account.csrfToken}"><input type="hidden" name="upload" value="${token}"><button id="confirm-import">确认导入 ${parsed.rows.length} 行</button></form>`
      : html`<p><a href="/console/roster">重新上传</a></p>`}`;
}
