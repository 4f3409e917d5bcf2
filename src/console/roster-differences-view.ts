import type { App } from '../app/app.ts';
import type { RosterDifference, RosterImportResult } from '../features/roster/roster-import.ts';
import { html, type Markup } from './html.ts';

// The roster preview's comparison of the file with the record, and the import's account of it.

/** Every row whose person is on record with other details: record and file side by side, and what the import does (an admin ticks the rows to apply). */
export function differenceTable(app: App, check: RosterImportResult, formId: string | null): Markup {
  if (check.differences.length === 0 && check.fromElsewhere.length === 0) return html``;
  const decision = (d: RosterDifference) =>
    d.decision === 'choice' && formId
      ? html`<label><input type="checkbox" name="apply" value="${d.line}" form="${formId}" style="width:auto"> ${app.t('roster.decision.choice')}</label>`
      : app.t(d.decision === 'choice' ? 'roster.decision.choiceKept' : `roster.decision.${d.decision}`);
  const side = (d: RosterDifference, which: 'onRecord' | 'inFile') => d.changes.map((c) => html`<div>${app.t(`roster.field.${c.field}`)}：${c[which]}</div>`);
  return html`<div class="card" id="roster-differences">
    ${check.fromElsewhere.length ? html`<p class="error">${app.t('roster.fromElsewhere', { lines: check.fromElsewhere.join('、') })}</p>` : ''}
    ${check.differences.length
      ? html`<p>${app.t('roster.differencesTitle', { count: check.differences.length })}</p>
        <table><thead><tr><th>行</th><th>手机号</th><th>记录中</th><th>名单中</th><th>处理</th></tr></thead><tbody>
        ${check.differences.map((d) => html`<tr data-line="${d.line}"><td>${d.line}</td><td>${d.maskedPhone}</td><td>${side(d, 'onRecord')}</td><td>${side(d, 'inFile')}</td><td>${decision(d)}</td></tr>`)}
        </tbody></table>`
      : ''}</div>`;
}

/** After an import: how many people's details changed and how many kept their record. */
export function importedDifferences(app: App, result: RosterImportResult): Markup {
  const kept = result.differences.length - result.updated;
  return html`${result.updated ? html`<p>${app.t('roster.updatedCount', { count: result.updated })}</p>` : ''}${kept ? html`<p>${app.t('roster.keptCount', { count: kept })}</p>` : ''}`;
}
