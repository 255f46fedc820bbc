/// The plan editor's stylesheet, served at `/assets/plan.css` beside Gantry's own (no CDN, no build step).
enum PlanStyles {
    static let css = """
        .plan-toolbar { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center; margin: .5rem 0 1rem; }
        .plan-toolbar form.inline { display: inline-flex; gap: .4rem; align-items: center; }
        .plan-editor { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
        @media (max-width: 1100px) { .plan-editor { grid-template-columns: 1fr; } }
        .plan-grid-wrap { overflow: auto; max-height: 75vh; border: 1px solid var(--line); background: var(--card); }
        .plan-gantt { overflow: auto; max-height: 75vh; border: 1px solid var(--line); background: var(--card); }
        table.plan-grid { border-collapse: collapse; font-size: 13px; width: max-content; min-width: 100%; }
        .plan-grid th, .plan-grid td { border: 1px solid var(--line); padding: 0 6px; line-height: 20px; white-space: nowrap;
          max-width: 22rem; overflow: hidden; text-overflow: ellipsis; }
        /* The Gantt chart beside the grid draws a 40px header and 22px rows: the grid keeps the same, so rows line up. */
        .plan-grid thead tr { height: 40px; } .plan-grid tbody tr { height: 22px; }
        .plan-grid thead th { position: sticky; top: 0; background: #eef2f6; z-index: 1; text-align: left; }
        .plan-grid .rownum { color: var(--muted); text-align: right; background: #f4f6f8; }
        .plan-grid td[role=gridcell]:focus { outline: 2px solid var(--accent); outline-offset: -2px; background: #eaf2fb; }
        .plan-grid td[aria-readonly=true] { color: #4a5561; background: #fafbfc; }
        .plan-grid tr.kind-summary td.name { font-weight: 700; }
        .plan-grid tr.critical td.name { color: #8b0000; }
        .plan-grid td.changed { background: #fff3c4; transition: background 1.5s; }
        .plan-grid td.saving { opacity: .6; }
        .plan-grid td.invalid { outline: 2px solid var(--red); outline-offset: -2px; }
        .plan-grid td.placeholder { color: var(--muted); font-style: italic; }
        .plan-grid td[data-col=fixed_cost] { text-align: right; font-variant-numeric: tabular-nums; }
        /* contain: strict makes the open cell's input a layout boundary: a keystroke lays out the input, not the whole table. */
        .plan-grid .cell-input { contain: strict; height: 18px; width: 100%; min-width: 8rem; font: inherit; padding: 0 2px; border: 0; outline: 2px solid var(--accent); }
        .plan-grid .d1 { padding-left: 1.4em; } .plan-grid .d2 { padding-left: 2.6em; } .plan-grid .d3 { padding-left: 3.8em; }
        .plan-grid .d4 { padding-left: 5em; } .plan-grid .d5 { padding-left: 6.2em; } .plan-grid .d6 { padding-left: 7.4em; }
        .plan-grid .d7, .plan-grid .d8, .plan-grid .d9, .plan-grid .d10, .plan-grid .d11, .plan-grid .d12 { padding-left: 8.6em; }
        .cell-error, .conflict { margin: 0 0 .5rem; padding: .5rem .75rem; border-left: 4px solid var(--red); background: #fdecea; }
        .conflict dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .4rem 0; }
        .conflict dt { font-weight: 600; }
        .link-editor { margin: .75rem 0; padding: .5rem .75rem; border: 1px solid var(--line); background: var(--card); }
        .gantt .gantt-handle { fill: #fff; stroke: var(--accent); stroke-width: 1.5; cursor: crosshair; }
        .gantt .gantt-bar.leaf, .gantt .gantt-bar.milestone { cursor: grab; }
        .gantt .gantt-link { cursor: pointer; }
        .gantt .gantt-drawing { stroke: var(--accent); stroke-width: 1.5; stroke-dasharray: 4 3; }
        .gantt .progress-line { stroke: #c62828; stroke-width: 1.5; }
        .plan-forms .grid-form, #activity-form { display: grid; grid-template-columns: max-content minmax(12rem, 32rem); gap: .4rem .75rem; align-items: center; }
        .plan-forms textarea { width: 100%; max-width: 40rem; }
        .field-error { color: var(--red); margin: 0; grid-column: 2; }
        .outline-form button { margin: .2rem .2rem .2rem 0; }
        .progress-form label { font-size: .85em; color: var(--muted); }
        .hint { color: var(--muted); font-size: .9em; }
        .diagnostics { color: var(--amber); }
        main:has(.plan-editor) { max-width: none; }
        details.inline { display: inline; }
        .pager { margin: .5rem 0; } .pager a[aria-current] { font-weight: 700; text-decoration: none; }
        """
}
