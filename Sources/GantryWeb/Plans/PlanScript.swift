/// The plan editor's script, served at `/assets/plan.js`: Gantry's own, small, no dependencies and no build step.
/// It makes the server-rendered grid behave like a spreadsheet (the WAI-ARIA grid pattern: one cell in the tab
/// order, arrows between cells, Enter/F2 to edit, Esc to cancel, Tab/Enter to save), sends each committed cell as
/// one request with the row's version, updates the rows the answer names, shows a refused edit at its cell and a
/// conflicting one with both values, notices others' changes by polling the plan's ETag, and turns drags on the
/// Gantt chart into edits. Everything it does is also possible without it, through the forms.
enum PlanScript {
    static let source = #"""
'use strict';
(function () {
  var editor = document.getElementById('plan-editor');
  if (!editor) { return; }
  var projectId = editor.dataset.project;
  var csrf = editor.dataset.csrf;
  var editable = editor.dataset.editable === 'true';
  var minorDigits = Number(editor.dataset.minorDigits || 2);
  var grid = document.getElementById('plan-grid');
  var tbody = document.getElementById('plan-rows');
  var messages = document.getElementById('plan-messages');
  var cols = Array.prototype.map.call(grid.querySelectorAll('thead th[data-col]'), function (th) { return th.dataset.col; });
  var editing = null;
  var etag = null;
  var busy = 0;
  // Every request and every edit's follow-ups count as work in flight; the grid is aria-busy meanwhile.
  function track(p) {
    if (!p || typeof p.then !== 'function') { return Promise.resolve(p); }
    busy += 1; grid.setAttribute('aria-busy', 'true');
    return p.finally(function () { busy -= 1; if (busy === 0) { grid.setAttribute('aria-busy', 'false'); } });
  }
  grid.setAttribute('aria-busy', 'false');
  Array.prototype.forEach.call(document.querySelectorAll('.js-only'), function (e) { e.hidden = false; });

  // ---- formatting, the same as the server's cells ----
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function shiftDay(day, delta) {
    var d = new Date(day + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + delta);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }
  function day(t, finish) {
    if (!t) { return ''; }
    var d = t.slice(0, 10);
    if (finish && t.slice(11, 16) === '00:00') { d = shiftDay(d, -1); }
    return d;
  }
  function moment(t, finish) {
    if (!t) { return ''; }
    if (finish && t.slice(11, 16) === '00:00') { return shiftDay(t.slice(0, 10), -1) + ' 24:00'; }
    return t.slice(0, 10) + ' ' + t.slice(11, 16);
  }
  function pct(p) { return Math.round(p) === p ? String(p) : p.toFixed(1); }
  // Minor units of the project's currency as its amount, exactly (digits moved, never divided): 125000 -> "1250.00",
  // or "1,250.00" grouped.
  function amount(minor, grouped) {
    var digits = String(Math.abs(minor || 0));
    while (digits.length <= minorDigits) { digits = '0' + digits; }
    var whole = digits.slice(0, digits.length - minorDigits), fraction = digits.slice(digits.length - minorDigits);
    if (grouped) { whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
    return (minor < 0 ? '-' : '') + whole + (minorDigits ? '.' + fraction : '');
  }
  function days(v) {
    var r = Math.round(v * 100) / 100;
    if (Math.round(r) === r) { return r + 'd'; }
    return r.toFixed(2).replace(/0+$/, '') + 'd';
  }
  function cell(col, r) {
    switch (col) {
      case 'name': return [r.name, r.name];
      case 'duration': return [r.kind === 'summary' ? '' : r.duration, r.kind === 'milestone' ? '0d (milestone)' : r.duration];
      case 'start': return [day(r.start), day(r.start)];
      case 'finish': return [day(r.finish, true), day(r.finish, true)];
      case 'predecessors': return [r.predecessors, r.predecessors];
      case 'resources': return [r.resources, r.resources];
      case 'percent_complete': return [pct(r.percent_complete), pct(r.percent_complete) + '%'];
      case 'physical_percent_complete':
        var ph = r.physical_percent_complete;
        return ph === null || ph === undefined ? ['', ''] : [pct(ph), pct(ph) + '%'];
      case 'fixed_cost': return [amount(r.fixed_cost_minor, false), amount(r.fixed_cost_minor, true)];
      case 'constraint_type': return [r.constraint_type, r.constraint_type];
      case 'constraint_date':
        var fin = ['FNET', 'FNLT', 'MFO'].indexOf(r.constraint_type) >= 0;
        return [moment(r.constraint_date, fin), moment(r.constraint_date, fin)];
      case 'deadline': return [day(r.deadline, true), day(r.deadline, true)];
      case 'float':
        var f = r.total_float_days === null || r.total_float_days === undefined ? '' : days(r.total_float_days);
        return [f, r.critical ? f + ' \u00b7 critical' : f];
      case 'notes': return [r.notes, r.notes];
      case 'baseline_finish': return [r.baseline_finish || '', r.baseline_finish || ''];
      case 'finish_variance':
        if (!r.baseline_finish || !r.finish) { return ['', '']; }
        var n = Math.round((Date.parse(day(r.finish, true) + 'T00:00:00Z') - Date.parse(r.baseline_finish + 'T00:00:00Z')) / 86400000);
        var v = n === 0 ? '0d' : (n > 0 ? '+' + n + 'd' : '\u2212' + (-n) + 'd');
        return [v, v];
    }
    return ['', ''];
  }
  var readOnlyCols = { 'float': true, 'baseline_finish': true, 'finish_variance': true };
  // A summary's duration is the span of its activities, its cost their sum.
  var summaryCols = { 'duration': true, 'fixed_cost': true };

  // ---- rows ----
  function rowEl(id) { return document.getElementById('row-' + id); }
  function allRows() { return Array.prototype.slice.call(tbody.querySelectorAll('tr[data-id]')); }
  function cellsOf(tr) { return Array.prototype.slice.call(tr.querySelectorAll('td[role=gridcell]')); }
  function renderRow(r) {
    var tr = document.createElement('tr');
    tr.setAttribute('role', 'row');
    tr.id = 'row-' + r.activity_id;
    tr.dataset.id = r.activity_id;
    tr.dataset.version = r.version;
    tr.dataset.row = r.row;
    tr.setAttribute('aria-rowindex', r.row + 1);
    tr.className = 'kind-' + r.kind + (r.critical ? ' critical' : '');
    var th = document.createElement('th');
    th.setAttribute('role', 'rowheader'); th.setAttribute('scope', 'row'); th.className = 'rownum'; th.textContent = r.row;
    tr.appendChild(th);
    cols.forEach(function (col) {
      var td = document.createElement('td');
      var v = cell(col, r);
      td.setAttribute('role', 'gridcell'); td.tabIndex = -1; td.dataset.col = col; td.dataset.value = v[0];
      if (readOnlyCols[col] || !editable || (summaryCols[col] && r.kind === 'summary')) { td.setAttribute('aria-readonly', 'true'); }
      if (col === 'name') { td.className = 'name d' + Math.min(r.depth, 12); }
      td.textContent = v[1];
      tr.appendChild(td);
    });
    var edit = document.createElement('td');
    edit.className = 'row-edit';
    var a = document.createElement('a');
    a.href = '/projects/' + projectId + '/plan/activities/' + r.activity_id;
    a.textContent = 'Edit';
    a.setAttribute('aria-label', 'Edit row ' + r.row + ' ' + r.name);
    edit.appendChild(a);
    tr.appendChild(edit);
    return tr;
  }
  function flash(el) {
    el.classList.add('changed');
    setTimeout(function () { el.classList.remove('changed'); }, 2000);
  }
  // Puts a row's new values into its cells, marking those that changed; a cell being edited keeps its input.
  function updateRow(r, mark) {
    var tr = rowEl(r.activity_id);
    if (!tr) { return false; }
    tr.dataset.version = r.version;
    tr.dataset.row = r.row;
    tr.setAttribute('aria-rowindex', r.row + 1);
    tr.className = 'kind-' + r.kind + (r.critical ? ' critical' : '');
    tr.querySelector('th').textContent = r.row;
    r = Object.assign({}, r, { baseline_finish: tr.dataset.baselineFinish });
    cellsOf(tr).forEach(function (td) {
      var v = cell(td.dataset.col, r);
      if (editing && editing.td === td) { editing.theirs = v[0]; return; }
      if (summaryCols[td.dataset.col]) {
        if (r.kind === 'summary') { td.setAttribute('aria-readonly', 'true'); } else if (editable) { td.removeAttribute('aria-readonly'); }
      }
      if (td.dataset.value !== v[0] || td.textContent !== v[1]) {
        td.dataset.value = v[0];
        td.textContent = v[1];
        if (mark) { flash(td); }
      }
    });
    return true;
  }
  // The same for a row the scheduler only moved: its dates, float, critical mark, span and version.
  var movedCols = ['duration', 'start', 'finish', 'float', 'finish_variance'];
  function updateMoved(m, mark) {
    var tr = rowEl(m.activity_id);
    if (!tr) { return false; }
    tr.dataset.version = m.version;
    tr.classList.toggle('critical', !!m.critical);
    var kind = (/kind-(\w+)/.exec(tr.className) || [])[1];
    var r = { kind: kind, duration: m.duration, start: m.start, finish: m.finish, critical: m.critical, total_float_days: m.total_float_days,
              baseline_finish: tr.dataset.baselineFinish };
    movedCols.forEach(function (col) {
      var td = at(tr, col);
      if (!td) { return; }
      var v = cell(col, r);
      if (editing && editing.td === td) { editing.theirs = v[0]; return; }
      if (td.dataset.value !== v[0] || td.textContent !== v[1]) {
        td.dataset.value = v[0];
        td.textContent = v[1];
        if (mark) { flash(td); }
      }
    });
    return true;
  }

  // ---- focus (roving tabindex) ----
  function active() { return grid.querySelector('td[role=gridcell][tabindex="0"]'); }
  function focusCell(td) {
    if (!td) { return; }
    var old = active();
    if (old && old !== td) { old.tabIndex = -1; }
    td.tabIndex = 0;
    td.focus();
  }
  function at(tr, col) { return tr ? tr.querySelector('td[data-col="' + col + '"]') : null; }
  function move(td, dr, dc) {
    var tr = td.parentElement;
    var rows = allRows().concat(newRow ? [newRow] : []);
    var r = rows.indexOf(tr) + dr;
    var c = cols.indexOf(td.dataset.col) + dc;
    if (r < 0 || r >= rows.length || c < 0 || c >= cols.length) { return td; }
    return at(rows[r], cols[c]) || td;
  }

  // ---- the window of a long plan: the rows this page shows ----
  var win = { from: Number(tbody.dataset.from || 1), size: Number(tbody.dataset.size || 0), last: tbody.dataset.last !== 'false' };
  function windowed(rows) {
    if (!win.size) { return rows; }
    return rows.filter(function (r) { return r.row >= win.from && r.row < win.from + win.size; });
  }
  function windowQuery() { return win.size ? '?from=' + win.from + '&size=' + win.size : ''; }

  // ---- the row for a new activity ----
  var newRow = null;
  function addNewRow(quiet) {
    if (!editable || !win.last) { return; }
    newRow = document.createElement('tr');
    newRow.setAttribute('role', 'row');
    newRow.className = 'new-row';
    newRow.id = 'new-row';
    var th = document.createElement('th');
    th.setAttribute('role', 'rowheader'); th.className = 'rownum'; th.textContent = '+';
    newRow.appendChild(th);
    cols.forEach(function (col) {
      var td = document.createElement('td');
      td.setAttribute('role', 'gridcell'); td.tabIndex = -1; td.dataset.col = col; td.dataset.value = '';
      if (col !== 'name') { td.setAttribute('aria-readonly', 'true'); } else { td.textContent = 'Type a name to add an activity'; td.className = 'name placeholder'; }
      newRow.appendChild(td);
    });
    newRow.appendChild(document.createElement('td'));
    tbody.appendChild(newRow);
    if (!quiet && !active()) { at(newRow, 'name').tabIndex = 0; }
  }

  // ---- messages ----
  function say(text, kind) {
    var p = document.createElement('p');
    p.className = kind === 'error' ? 'alert' : 'notice';
    p.textContent = text;
    messages.innerHTML = '';
    messages.appendChild(p);
  }
  function problemText(p) {
    if (p && p.errors && p.errors.length) { return p.errors.map(function (e) { return e.message; }).join('; '); }
    return (p && p.detail) || 'the server refused the change';
  }
  function showCellError(td, problem) {
    clearCellError();
    var tr = td.parentElement;
    var box = document.createElement('div');
    box.id = 'cell-error';
    box.className = 'cell-error';
    box.setAttribute('role', 'alert');
    var title = grid.querySelector('thead th[data-col="' + td.dataset.col + '"]').textContent;
    box.textContent = (tr.dataset.row ? 'Row ' + tr.dataset.row + ', ' : '') + title + ': ' + problemText(problem) + ' (nothing was changed; fix the text or press Esc)';
    td.setAttribute('aria-invalid', 'true');
    td.classList.add('invalid');
    if (editing) { editing.input.setAttribute('aria-describedby', 'cell-error'); editing.input.setAttribute('aria-invalid', 'true'); }
    grid.parentElement.insertBefore(box, grid);
  }
  function clearCellError() {
    var old = document.getElementById('cell-error');
    if (old) { old.remove(); }
    Array.prototype.forEach.call(grid.querySelectorAll('.invalid'), function (td) { td.classList.remove('invalid'); td.removeAttribute('aria-invalid'); });
  }

  // ---- requests ----
  function send(method, url, body, version) {
    var headers = { 'X-CSRF-Token': csrf, 'Accept': 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (version !== undefined && version !== null) { headers['If-Match'] = '"' + version + '"'; }
    return track(fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) {
        return res.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
          return { status: res.status, ok: res.ok, body: json, etag: res.headers.get('ETag') };
        });
      }));
  }
  function applyChange(change) {
    var missing = false;
    (change.rows || []).forEach(function (r) { if (!updateRow(r, true)) { missing = true; } });
    (change.moved || []).forEach(function (m) { if (!updateMoved(m, true)) { missing = true; } });
    if (change.project_finish) {
      var f = document.getElementById('plan-finish');
      if (f) { f.textContent = day(change.project_finish, true); }
    }
    if (change.messages && change.messages.length) { say(change.messages.join('; ')); }
    var after = missing || change.structure_changed || (change.removed && change.removed.length) ? reloadGrid() : Promise.resolve();
    return after.then(refreshSummary).then(refreshGantt);
  }
  // The line above the grid (rows, start, finish, critical path, status date), drawn again as the server draws it.
  function refreshSummary() {
    return send('GET', '/api/v1/projects/' + projectId + '/grid').then(function (res) {
      var p = document.getElementById('plan-summary');
      if (!res.ok || !p) { return; }
      var g = res.body, names = {};
      g.rows.forEach(function (r) { names[r.activity_id] = r.row; });
      p.textContent = '';
      function put(text, tag, id) {
        var e = tag ? document.createElement(tag) : document.createTextNode(text);
        if (tag) { e.id = id; e.textContent = text; }
        p.appendChild(e);
      }
      put(g.rows.length + ' rows. ');
      if (g.project_start) { put('Starts '); put(day(g.project_start), 'span', 'plan-start'); put(', '); }
      if (g.project_finish) { put('finishes '); put(day(g.project_finish, true), 'strong', 'plan-finish'); put('. '); } else { put('No finish yet. '); }
      var path = (g.critical_path || []).map(function (id) { return names[id]; }).filter(function (n) { return n !== undefined; });
      if (path.length) { put('Critical path (rows): '); put(path.join(' \u2192 '), 'span', 'plan-critical'); put('.'); }
      if (g.status_date) { put(' Status date '); put(g.status_date, 'span', 'plan-status-date'); put('.'); }
    });
  }
  // Draws the rows again from the server's grid, keeping the focused cell where it was.
  function reloadGrid(focusId, focusCol) {
    return send('GET', '/api/v1/projects/' + projectId + '/grid').then(function (res) {
      if (!res.ok) { return; }
      if (editing) { return; }
      var a = active();
      var keepNew = !focusId && a && a.parentElement === newRow;
      var keepId = focusId || (a && a.parentElement.dataset.id);
      var keepCol = focusCol || (a && a.dataset.col) || 'name';
      var hadFocus = grid.contains(document.activeElement) || document.activeElement === document.body || !document.activeElement;
      var rows = windowed(res.body.rows);
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(renderRow(r)); });
      tbody.innerHTML = '';
      tbody.appendChild(frag);
      grid.setAttribute('aria-rowcount', res.body.rows.length + 1);
      var empty = document.getElementById('empty-plan');
      if (empty && rows.length) { empty.remove(); }
      addNewRow(true);
      var target = keepNew && newRow ? at(newRow, keepCol) : (keepId && rowEl(keepId)) ? at(rowEl(keepId), keepCol) : null;
      target = target || tbody.querySelector('td[role=gridcell]');
      if (!target) { return; }
      target.tabIndex = 0;
      if (hadFocus || focusId) { focusCell(target); }
    });
  }

  // ---- editing a cell ----
  function startEdit(td, initial) {
    if (!editable || td.getAttribute('aria-readonly') === 'true') {
      var why = td.dataset.col === 'duration' ? 'a summary spans its activities.'
        : td.dataset.col === 'fixed_cost' ? 'a summary costs what its activities cost; give the fixed cost to one of them.' : 'change the cells it comes from.';
      say('This cell is computed or read-only: ' + why);
      return;
    }
    var input = document.createElement('input');
    input.type = 'text';
    input.className = 'cell-input';
    input.setAttribute('aria-label', grid.querySelector('thead th[data-col="' + td.dataset.col + '"]').textContent + (td.parentElement.dataset.row ? ', row ' + td.parentElement.dataset.row : ', new row'));
    input.value = initial !== undefined ? initial : td.dataset.value;
    editing = { td: td, input: input, shown: td.textContent, original: td.dataset.value, version: td.parentElement.dataset.version };
    td.textContent = '';
    td.appendChild(input);
    input.focus();
    if (initial === undefined) { input.select(); } else { input.setSelectionRange(input.value.length, input.value.length); }
  }
  function endEdit(text) {
    if (!editing) { return; }
    var td = editing.td;
    editing = null;
    td.textContent = text;
    clearCellError();
    var c = document.getElementById('conflict');
    if (c) { c.remove(); }
  }
  function cancelEdit() {
    if (!editing) { return; }
    var td = editing.td;
    endEdit(editing.shown);
    focusCell(td);
  }
  // The cell a commit moves to: Enter goes down, Tab across; below the last row, the new row's name.
  function after(td, dr, dc) {
    var next = move(td, dr, dc);
    if (next.parentElement === newRow && next !== td && next.getAttribute('aria-readonly') === 'true') { next = at(newRow, 'name'); }
    return next;
  }
  function commit(dr, dc) {
    if (!editing || editing.saving) { return; }
    var td = editing.td, value = editing.input.value, tr = td.parentElement;
    if (tr === newRow) { return createRow(value, dr, dc); }
    if (value === editing.original) { cancelEdit(); focusCell(after(td, dr, dc)); return; }
    var cells = {}; cells[td.dataset.col] = value;
    // The version the user saw when they started typing: a change by someone else since is a conflict.
    return sendCell(tr, td, cells, editing.version, dr, dc);
  }
  function sendCell(tr, td, cells, version, dr, dc) {
    td.classList.add('saving');
    if (editing) { editing.saving = true; }
    var original = editing ? editing.original : null;
    return send('PATCH', '/api/v1/activities/' + tr.dataset.id + '/cells', { cells: cells }, version).then(function (res) {
      td.classList.remove('saving');
      if (editing) { editing.saving = false; }
      if (res.ok) {
        endEdit(cells[td.dataset.col]);
        var next = after(td, dr, dc);
        var nextId = next.parentElement.dataset.id, nextCol = next.dataset.col, nextNew = next.parentElement === newRow;
        focusCell(next);
        return applyChange(res.body).then(function () {
          if (editing) { return; }
          var t = document.body.contains(next) ? next : nextNew && newRow ? at(newRow, nextCol) : nextId && rowEl(nextId) ? at(rowEl(nextId), nextCol) : null;
          var lost = !document.activeElement || document.activeElement === document.body || !document.body.contains(document.activeElement);
          if (t && (lost || document.activeElement === next)) { focusCell(t); }
        });
      }
      if (res.status === 412) {
        var col = td.dataset.col, theirs = res.body && res.body.current ? cell(col, res.body.current)[0] : null;
        // Someone changed other cells of the row, not this one: nothing to choose between, save over the new version.
        if (theirs !== null && theirs === original && res.body.current.version !== Number(version)) {
          return sendCell(tr, td, cells, res.body.current.version, dr, dc);
        }
        showConflict(tr, td, cells, res.body);
        return;
      }
      showCellError(td, res.body);
      if (editing) { editing.input.focus(); }
    }, function () {
      td.classList.remove('saving');
      if (editing) { editing.saving = false; }
      showCellError(td, { detail: 'the server could not be reached; your text is kept, press Enter to try again' });
    });
  }
  // A row someone else changed: theirs (who, when) beside yours; nothing typed is lost until the user chooses.
  function showConflict(tr, td, cells, problem) {
    var old = document.getElementById('conflict');
    if (old) { old.remove(); }
    var col = td.dataset.col;
    var theirs = problem.current ? cell(col, problem.current)[0] : '';
    var box = document.createElement('div');
    box.id = 'conflict';
    box.className = 'conflict alert';
    box.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = 'Row ' + tr.dataset.row + ' was changed by ' + problem.changed_by + ' at ' + problem.changed_at + ' after you opened it.';
    box.appendChild(p);
    var dl = document.createElement('dl');
    [['Theirs (' + problem.changed_by + ')', theirs, 'conflict-theirs'], ['Yours', cells[col], 'conflict-yours']].forEach(function (x) {
      var dt = document.createElement('dt'); dt.textContent = x[0];
      var dd = document.createElement('dd'); dd.textContent = x[1] === '' ? '(empty)' : x[1]; dd.id = x[2];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    box.appendChild(dl);
    var mine = document.createElement('button'); mine.type = 'button'; mine.id = 'conflict-mine'; mine.textContent = 'Apply mine over theirs';
    var keep = document.createElement('button'); keep.type = 'button'; keep.id = 'conflict-theirs-keep'; keep.textContent = 'Keep theirs';
    box.appendChild(mine); box.appendChild(document.createTextNode(' ')); box.appendChild(keep);
    grid.parentElement.insertBefore(box, grid);
    mine.addEventListener('click', function () {
      var version = problem.current ? problem.current.version : null;
      if (problem.current) { tr.dataset.version = problem.current.version; }
      box.remove();
      if (editing) { editing.version = version; }
      track(sendCell(tr, td, cells, version, 1, 0));
    });
    keep.addEventListener('click', function () {
      box.remove();
      endEdit(td.textContent);
      if (problem.current) { updateRow(problem.current, true); }
      focusCell(td);
    });
  }
  function createRow(name, dr, dc) {
    if (!name.trim()) { cancelEdit(); return; }
    editing.saving = true;
    return send('POST', '/api/v1/projects/' + projectId + '/grid/rows', { cells: { name: name } }).then(function (res) {
      if (editing) { editing.saving = false; }
      if (!res.ok) { if (editing) { showCellError(editing.td, res.body); } return; }
      endEdit('');
      var id = res.body.created[0];
      var col = dc !== 0 ? cols[Math.min(cols.indexOf('name') + dc, cols.length - 1)] : 'name';
      return reloadGrid(String(id), col).then(function () {
        if (dr > 0 && dc === 0) { focusCell(at(newRow, 'name')); }
        refreshGantt();
        if (res.body.messages && res.body.messages.length) { say(res.body.messages.join('; ')); }
      });
    });
  }

  // ---- the outline ----
  function outline(action) {
    var td = active();
    if (!td || !td.parentElement.dataset.id) { return; }
    var tr = td.parentElement, col = td.dataset.col;
    var go = function (confirm) {
      return send('POST', '/api/v1/activities/' + tr.dataset.id + '/outline', { action: action, confirm: confirm }).then(function (res) {
        if (res.status === 409 && res.body && res.body.errors && res.body.errors.some(function (e) { return e.field === 'confirm'; })) {
          if (window.confirm(res.body.detail)) { return go(true); }
          return;
        }
        if (!res.ok) { say(problemText(res.body), 'error'); return; }
        if (res.body.messages && res.body.messages.length) { say(res.body.messages.join('; ')); }
        var keep = action === 'delete' ? null : tr.dataset.id;
        return reloadGrid(keep, col).then(refreshGantt).then(refreshSummary);
      });
    };
    return go(false);
  }
  function insertAbove() {
    var td = active();
    var near = td && td.parentElement.dataset.id ? Number(td.parentElement.dataset.id) : null;
    return send('POST', '/api/v1/projects/' + projectId + '/grid/rows', { near: near, below: false, cells: {} }).then(function (res) {
      if (!res.ok) { say(problemText(res.body), 'error'); return; }
      return reloadGrid(String(res.body.created[0]), 'name').then(function () {
        refreshGantt();
        var cellTd = at(rowEl(res.body.created[0]), 'name');
        if (cellTd) { focusCell(cellTd); startEdit(cellTd); }
      });
    });
  }
  [['insert-row', insertAbove], ['indent-row', function () { return outline('indent'); }], ['outdent-row', function () { return outline('outdent'); }],
   ['move-up', function () { return outline('up'); }], ['move-down', function () { return outline('down'); }], ['delete-row', function () { return outline('delete'); }]]
    .forEach(function (b) { var el = document.getElementById(b[0]); if (el) { el.addEventListener('click', function () { track(b[1]()); }); } });

  // ---- keyboard ----
  grid.addEventListener('keydown', function (e) {
    var td = e.target.closest('td[role=gridcell]');
    if (!td) { return; }
    if (editing) {
      if (editing.saving && (e.key === 'Enter' || e.key === 'Tab' || e.key === 'Escape')) { e.preventDefault(); return; }
      if (e.key === 'Enter') { e.preventDefault(); track(commit(e.shiftKey ? -1 : 1, 0)); }
      else if (e.key === 'Tab') { e.preventDefault(); track(commit(0, e.shiftKey ? -1 : 1)); }
      else if (e.key === 'Escape') { e.preventDefault(); cancelEdit(); }
      return;
    }
    if (e.altKey && e.shiftKey && e.key.indexOf('Arrow') === 0) {
      e.preventDefault();
      if (editable) { track(outline({ ArrowRight: 'indent', ArrowLeft: 'outdent', ArrowUp: 'up', ArrowDown: 'down' }[e.key])); }
      return;
    }
    switch (e.key) {
      case 'Tab':
        // Across the row, as in a spreadsheet; from its first or last cell, out of the grid.
        var across = move(td, 0, e.shiftKey ? -1 : 1);
        if (across !== td && !e.ctrlKey && !e.altKey) { e.preventDefault(); focusCell(across); }
        return;
      case 'ArrowUp': e.preventDefault(); focusCell(move(td, -1, 0)); return;
      case 'ArrowDown': e.preventDefault(); focusCell(move(td, 1, 0)); return;
      case 'ArrowLeft': e.preventDefault(); focusCell(move(td, 0, -1)); return;
      case 'ArrowRight': e.preventDefault(); focusCell(move(td, 0, 1)); return;
      case 'Home': e.preventDefault(); focusCell(at(td.parentElement, cols[0])); return;
      case 'End': e.preventDefault(); focusCell(at(td.parentElement, cols[cols.length - 1])); return;
      case 'Enter': case 'F2': e.preventDefault(); startEdit(td); return;
      case 'Insert': if (editable) { e.preventDefault(); track(insertAbove()); } return;
      case 'Delete':
        if (e.ctrlKey && editable) { e.preventDefault(); track(outline('delete')); return; }
        e.preventDefault(); startEdit(td, ''); return;
      case 'Backspace': e.preventDefault(); startEdit(td, ''); return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); startEdit(td, e.key); }
  });
  grid.addEventListener('click', function (e) {
    var td = e.target.closest('td[role=gridcell]');
    if (td && !editing) { focusCell(td); }
  });
  grid.addEventListener('dblclick', function (e) {
    var td = e.target.closest('td[role=gridcell]');
    if (td && !editing) { startEdit(td); }
  });
  // ---- paste from a spreadsheet ----
  grid.addEventListener('paste', function (e) {
    if (editing || !editable) { return; }
    var td = e.target.closest('td[role=gridcell]');
    if (!td) { return; }
    var text = (e.clipboardData || window.clipboardData).getData('text/plain');
    if (!text) { return; }
    e.preventDefault();
    if (!/[\t\n]/.test(text.replace(/\n$/, ''))) { startEdit(td, text); return; }
    var start = cols.indexOf(td.dataset.col);
    var fromRow = td.parentElement === newRow ? null : Number(td.parentElement.dataset.row);
    track(send('POST', '/api/v1/projects/' + projectId + '/grid/paste', { text: text, columns: cols.slice(start).filter(function (c) { return !readOnlyCols[c]; }), from_row: fromRow }).then(function (res) {
      if (!res.ok) { showCellError(td, res.body); return; }
      say((res.body.messages || []).join('; '));
      return reloadGrid().then(refreshGantt).then(refreshSummary);
    }));
  });

  // ---- others' changes: poll the plan's ETag ----
  function poll() {
    if (document.hidden || busy > 0) { return; }
    var headers = etag ? { 'If-None-Match': etag } : {};
    fetch('/api/v1/projects/' + projectId + '/plan', { headers: headers, credentials: 'same-origin' }).then(function (res) {
      if (res.status !== 200) { return; }
      var first = etag === null;
      etag = res.headers.get('ETag');
      if (first) { return; }
      return send('GET', '/api/v1/projects/' + projectId + '/grid').then(function (g) {
        if (!g.ok) { return; }
        var known = allRows().map(function (tr) { return tr.dataset.id; }).join(',');
        var fresh = windowed(g.body.rows).map(function (r) { return String(r.activity_id); }).join(',');
        if (known !== fresh) { if (!editing) { reloadGrid().then(refreshGantt); } return; }
        var changed = false;
        g.body.rows.forEach(function (r) {
          var tr = rowEl(r.activity_id);
          if (tr && tr.dataset.version !== String(r.version)) { changed = true; }
          updateRow(r, true);
        });
        if (changed) { refreshGantt(); refreshSummary(); }
      });
    }).catch(function () {});
  }
  setInterval(poll, 3000);
  poll();

  // ---- the Gantt chart: drag to move, drag the end to resize, drag from the dot to link ----
  var gantt = document.getElementById('plan-gantt');
  // The grid and the chart scroll together, so each row stays beside its bar (both have a 40px header and 22px
  // rows). The pane the user scrolls leads; the other's scroll event, which follows in the same frame, is ignored.
  var gridWrap = grid.parentElement, following = false;
  function follow(from, to) {
    from.addEventListener('scroll', function () {
      if (following) { return; }
      following = true;
      to.scrollTop = from.scrollTop;
      requestAnimationFrame(function () { following = false; });
    }, { passive: true });
  }
  if (gantt && gridWrap) { follow(gridWrap, gantt); follow(gantt, gridWrap); }
  function frame() { return document.getElementById('gantt-frame'); }
  function svg() { var f = frame(); return f ? f.querySelector('svg') : null; }
  function refreshGantt() {
    return track(fetch('/projects/' + projectId + '/plan/gantt' + windowQuery(), { credentials: 'same-origin' }).then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) { if (html !== null) { gantt.innerHTML = html; decorate(); } }));
  }
  var NS = 'http://www.w3.org/2000/svg';
  function decorate() {
    var s = svg();
    if (!s || !editable) { return; }
    // Every box is read before any dot goes in: reading a box after a change lays the chart out again, and once
    // per bar that is quadratic (minutes on a 5,000-row plan).
    var bars = Array.prototype.slice.call(s.querySelectorAll('.gantt-bar.leaf, .gantt-bar.milestone'));
    var boxes = bars.map(function (bar) { return bar.getBBox(); });
    bars.forEach(function (bar, i) {
      var box = boxes[i];
      var dot = document.createElementNS(NS, 'circle');
      dot.setAttribute('class', 'gantt-handle');
      dot.setAttribute('cx', box.x + box.width + 5);
      dot.setAttribute('cy', box.y + box.height / 2);
      dot.setAttribute('r', 4);
      dot.dataset.id = bar.dataset.id;
      var title = document.createElementNS(NS, 'title');
      title.textContent = 'Drag to another bar to link them (finish-to-start)';
      dot.appendChild(title);
      bar.parentNode.insertBefore(dot, bar.nextSibling);
    });
  }
  decorate();
  function point(e) {
    var s = svg(), pt = s.createSVGPoint();
    pt.x = e.clientX; pt.y = e.clientY;
    return pt.matrixTransform(s.getScreenCTM().inverse());
  }
  var drag = null;
  gantt.addEventListener('pointerdown', function (e) {
    if (!editable || e.button !== 0) { return; }
    var t = e.target;
    if (t.classList.contains('gantt-handle')) {
      var p = point(e);
      var line = document.createElementNS(NS, 'line');
      line.setAttribute('class', 'gantt-drawing');
      line.setAttribute('x1', t.getAttribute('cx')); line.setAttribute('y1', t.getAttribute('cy'));
      line.setAttribute('x2', p.x); line.setAttribute('y2', p.y);
      svg().appendChild(line);
      drag = { mode: 'link', from: t.dataset.id, line: line };
    } else if (t.classList.contains('gantt-bar') && !t.classList.contains('summary')) {
      var b = t.getBBox(), q = point(e);
      var resize = t.classList.contains('leaf') && q.x > b.x + b.width - 6;
      drag = { mode: resize ? 'resize' : 'move', bar: t, x0: q.x, width: b.width, id: t.dataset.id };
    } else {
      return;
    }
    e.preventDefault();
    gantt.setPointerCapture(e.pointerId);
  });
  gantt.addEventListener('pointermove', function (e) {
    if (!drag) { return; }
    var p = point(e);
    if (drag.mode === 'link') { drag.line.setAttribute('x2', p.x); drag.line.setAttribute('y2', p.y); return; }
    drag.dx = p.x - drag.x0;
    if (drag.mode === 'move') { drag.bar.setAttribute('transform', 'translate(' + drag.dx + ',0)'); }
    else { drag.bar.setAttribute('width', Math.max(1, drag.width + drag.dx)); }
  });
  gantt.addEventListener('pointerup', function (e) { track(drop(e)); });
  gantt.addEventListener('pointercancel', function () { if (drag) { if (drag.line) { drag.line.remove(); } drag = null; refreshGantt(); } });
  function drop(e) {
    if (!drag) { return; }
    var d = drag; drag = null;
    var f = frame(), dayWidth = Number(f.dataset.dayWidth);
    if (d.mode === 'link') {
      d.line.remove();
      var hit = document.elementsFromPoint(e.clientX, e.clientY).filter(function (el) { return el.classList && el.classList.contains('gantt-bar'); })[0];
      if (!hit || hit.dataset.id === d.from) { return; }
      return link(d.from, hit.dataset.id);
    }
    var days = Math.round((d.dx || 0) / dayWidth);
    if (!days) { refreshGantt(); return; }
    var tr = rowEl(d.id);
    if (!tr) { return; }
    if (d.mode === 'move') {
      var start = at(tr, 'start').dataset.value;
      return patch(tr, { start: shiftDay(start, days) });
    }
    // The new length in days: elapsed durations count calendar days, the others working days (Mon-Fri).
    var m = /^([0-9.]+)\s*(e?)(mo|w|d|h|m)?$/.exec(at(tr, 'duration').dataset.value.trim());
    var perDay = { mo: 1 / 20, w: 1 / 5, d: 1, h: 8, m: 480 };
    var base = m ? Number(m[1]) / (m[2] && m[3] === 'h' ? 24 : m[2] && m[3] === 'm' ? 1440 : perDay[m[3] || 'd']) : 0;
    var delta = days;
    if (!(m && m[2])) {
      delta = 0;
      var finish = at(tr, 'finish').dataset.value, step = days > 0 ? 1 : -1;
      for (var i = 1; i <= Math.abs(days); i++) {
        var wd = new Date(shiftDay(finish, i * step) + 'T00:00:00Z').getUTCDay();
        if (wd !== 0 && wd !== 6) { delta += step; }
      }
    }
    return patch(tr, { duration: Math.max(0, Math.round((base + delta) * 100) / 100) + (m && m[2] ? 'ed' : 'd') });
  }
  function patch(tr, cells) {
    return send('PATCH', '/api/v1/activities/' + tr.dataset.id + '/cells', { cells: cells }, tr.dataset.version).then(function (res) {
      if (res.ok) { return applyChange(res.body); }
      say(res.status === 412 ? 'Someone changed row ' + tr.dataset.row + ' meanwhile; the plan was reloaded, try again.' : problemText(res.body), 'error');
      return reloadGrid().then(refreshGantt);
    });
  }
  function link(fromId, toId) {
    var to = rowEl(toId), from = rowEl(fromId);
    if (!to || !from) { return; }
    var current = at(to, 'predecessors').dataset.value;
    var text = current ? current + ', ' + from.dataset.row : from.dataset.row;
    return patch(to, { predecessors: text });
  }
  // Selecting a link: change its type and lag, or delete it (by rewriting the successor's predecessors).
  gantt.addEventListener('click', function (e) {
    var path = e.target.closest && e.target.closest('.gantt-link');
    if (!path || !editable) { return; }
    var rows = allRows();
    var from = rows[Number(path.dataset.from)], to = rows[Number(path.dataset.to)];
    if (!from || !to) { return; }
    openLinkEditor(from, to);
  });
  function entries(text) { return text ? text.split(/\s*[,;]\s*/).filter(Boolean) : []; }
  function entryRow(entry) { var m = /^([0-9]+)/.exec(entry); return m ? m[1] : entry; }
  function openLinkEditor(from, to) {
    var box = document.getElementById('link-editor');
    var list = entries(at(to, 'predecessors').dataset.value);
    var mine = list.filter(function (x) { return entryRow(x) === from.dataset.row; })[0] || from.dataset.row;
    var m = /^[0-9]+(FS|SS|FF|SF)?([+-].*)?$/i.exec(mine) || [];
    box.innerHTML = '';
    var h = document.createElement('p');
    h.textContent = 'Link from row ' + from.dataset.row + ' to row ' + to.dataset.row;
    box.appendChild(h);
    var type = document.createElement('select'); type.id = 'link-type';
    ['FS', 'SS', 'FF', 'SF'].forEach(function (t) { var o = document.createElement('option'); o.value = t; o.textContent = t; if ((m[1] || 'FS').toUpperCase() === t) { o.selected = true; } type.appendChild(o); });
    var lag = document.createElement('input'); lag.id = 'link-lag'; lag.value = m[2] || ''; lag.placeholder = '+2d';
    var tl = document.createElement('label'); tl.htmlFor = 'link-type'; tl.textContent = 'Type ';
    var ll = document.createElement('label'); ll.htmlFor = 'link-lag'; ll.textContent = ' Lag ';
    var save = document.createElement('button'); save.type = 'button'; save.textContent = 'Save link'; save.id = 'link-save';
    var del = document.createElement('button'); del.type = 'button'; del.textContent = 'Delete link'; del.id = 'link-delete';
    var close = document.createElement('button'); close.type = 'button'; close.textContent = 'Close';
    [tl, type, ll, lag, document.createTextNode(' '), save, document.createTextNode(' '), del, document.createTextNode(' '), close].forEach(function (x) { box.appendChild(x); });
    box.hidden = false;
    type.focus();
    function rewrite(replacement) {
      var others = list.filter(function (x) { return entryRow(x) !== from.dataset.row; });
      if (replacement) { others.push(replacement); }
      box.hidden = true;
      return patch(to, { predecessors: others.join(', ') });
    }
    save.addEventListener('click', function () {
      var l = lag.value.trim();
      if (l && l[0] !== '+' && l[0] !== '-') { l = '+' + l; }
      track(rewrite(from.dataset.row + type.value + l));
    });
    del.addEventListener('click', function () { track(rewrite(null)); });
    close.addEventListener('click', function () { box.hidden = true; });
  }

  addNewRow();
}());
"""#
}
