import type { FastifyInstance } from 'fastify';
import { SCREEN_SCRIPT } from './screen.ts';

// The console's scripts, served as files of their own: the Content-Security-Policy lets no inline
// script run. Each reads what it needs from the page (the class id from its own <script> tag).

// The live board: new check-ins arrive over server-sent events and are added without a reload.
const LIVE_SCRIPT = `
(() => {
  const classId = document.currentScript && document.currentScript.dataset.class;
  if (!window.EventSource || !classId) return;
  const source = new EventSource('/console/classes/' + encodeURIComponent(classId) + '/live');
  source.addEventListener('checkin', (e) => {
    const c = JSON.parse(e.data);
    const card = document.querySelector('[data-session="' + c.sessionId + '"]');
    if (!card) return;
    // A check-in already on the card (rendered with the page, or an event told twice) is not counted again.
    const list = card.querySelector('.checkins');
    if (list.querySelector('tr[data-person="' + c.personId + '"]')) return;
    const row = document.createElement('tr');
    row.dataset.person = String(c.personId);
    for (const text of [c.name, c.school, c.status === 'LATE' ? '迟到' : '已签到', c.time]) {
      const td = document.createElement('td'); td.textContent = text; row.appendChild(td);
    }
    list.appendChild(row);
    card.querySelector('.count').textContent = String(list.querySelectorAll('tr[data-person]').length);
    // The roll below shows the same session: whoever just checked in is no longer missing there.
    const roll = document.querySelector('#roll[data-session="' + c.sessionId + '"]');
    const missing = roll && roll.querySelector('tr[data-person="' + c.personId + '"]');
    if (!missing) return;
    const school = missing.closest('.roll-school');
    missing.remove();
    const left = roll.querySelector('.roll-count'); left.textContent = String(Number(left.textContent) - 1);
    const inSchool = school.querySelector('.school-count'); inSchool.textContent = String(Number(inSchool.textContent) - 1);
    if (inSchool.textContent === '0') school.remove();
  });
})();`;

// Large files: show upload progress, then let the server's preview page replace this one. The page
// token goes in a header too, so the server can check it before reading the file.
const UPLOAD_SCRIPT = `
(() => {
  const form = document.getElementById('roster-form');
  if (!form) return;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const bar = document.getElementById('upload-progress');
    bar.hidden = false;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('x-csrf-token', form.elements._csrf.value);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100); };
    xhr.onload = () => { document.open(); document.write(xhr.responseText); document.close(); history.replaceState(null, '', '/console/roster'); };
    xhr.send(new FormData(form));
  });
})();`;

const SCRIPTS: Record<string, string> = { 'live.js': LIVE_SCRIPT, 'upload.js': UPLOAD_SCRIPT, 'screen.js': SCREEN_SCRIPT };

/** Serves the console's scripts at /console/assets/<name> (no sign-in needed: they hold no data). */
export function consoleScripts(server: FastifyInstance): void {
  server.get('/console/assets/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    const script = Object.hasOwn(SCRIPTS, name) ? SCRIPTS[name] : undefined;
    if (!script) return reply.status(404).type('text/plain; charset=utf-8').send('没有这个文件。');
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script);
  });
}
