/// Gantry's stylesheet, served at `/assets/gantry.css` (no CDN, no build step).
enum Assets {
    /// Gantry's icon: a gantry crane's beam over three bars of a Gantt chart.
    static let favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/>\
        <rect x="5" y="6" width="22" height="3" fill="#fff"/><rect x="6" y="12" width="10" height="4" rx="1" fill="#9fc3e7"/>\
        <rect x="11" y="18" width="12" height="4" rx="1" fill="#9fc3e7"/><rect x="17" y="24" width="9" height="4" rx="1" fill="#fff"/></svg>
        """

    static let css = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f7f8fa; --card: #fff; --accent: #2f5d8a;
          --green: #2e7d4f; --amber: #975a16; --red: #c0392b; --grey: #5f6b7a; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus { outline: 3px solid #9fc3e7; outline-offset: 1px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .top { display: flex; align-items: center; gap: 2rem; padding: .75rem 2rem; background: #1d3557; color: #fff; }
        .top a { color: #fff; text-decoration: none; }
        .brand { font-weight: 700; font-size: 1.2rem; letter-spacing: .04em; }
        .top nav a[aria-current] { border-bottom: 2px solid #fff; }
        .who { margin-left: auto; display: flex; gap: 1rem; align-items: center; }
        .who .role { opacity: .75; font-size: .85em; margin-left: .3rem; }
        button.link { background: none; border: 0; color: #fff; text-decoration: underline; cursor: pointer; font: inherit; }
        main { max-width: 1200px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
        h1 { font-size: 1.6rem; margin: .25rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; }
        .lede { color: var(--muted); max-width: 70ch; }
        .crumbs { color: var(--muted); font-size: .9rem; }
        .facts { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0 0 1rem; }
        .facts div { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
        .facts dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
        .facts dd { margin: 0; font-weight: 600; }
        table.grid { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
        .grid th, .grid td { text-align: left; padding: .45rem .7rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .grid th { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); background: #fbfbfc; }
        .grid tbody tr:hover { background: #f3f6fa; }
        .num { text-align: right !important; font-variant-numeric: tabular-nums; }
        .date, .code { font-variant-numeric: tabular-nums; white-space: nowrap; }
        .code { color: var(--muted); }
        .scroll { overflow-x: auto; }
        .schedule .kind-summary td { background: #f5f7fa; }
        .diamond { color: var(--accent); }
        .preds { color: var(--muted); font-size: .85rem; }
        .rag, .state, .mode { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600;
          border: 1px solid currentColor; white-space: nowrap; }
        .rag-green { color: var(--green); } .rag-amber { color: var(--amber); } .rag-red { color: var(--red); }
        .rag-unknown { color: var(--grey); }
        .state { color: var(--muted); } .mode { color: var(--accent); }
        .count { color: var(--muted); font-weight: 400; }
        .login { max-width: 24rem; margin: 3rem auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 2rem; }
        .login label { display: block; margin: .9rem 0 .25rem; font-weight: 600; }
        .login input { width: 100%; padding: .55rem .6rem; border: 1px solid #cbd2d9; border-radius: 4px; font: inherit; }
        .login button { margin-top: 1.25rem; width: 100%; padding: .6rem; background: var(--accent); color: #fff; border: 0;
          border-radius: 4px; font: inherit; font-weight: 600; cursor: pointer; }
        .alert { background: #fdecea; border: 1px solid #f5c2bd; color: #8a1f11; padding: .6rem .8rem; border-radius: 4px; }
        .muted { color: var(--muted); }
        .foot { text-align: center; color: var(--muted); font-size: .8rem; padding: 2rem; }
        .notice { background: #fff8e1; border: 1px solid #f0d38a; color: #6b4e00; padding: .6rem .8rem; border-radius: 4px; max-width: 80ch; }
        .actions { display: flex; flex-wrap: wrap; gap: .6rem; margin: .5rem 0 1rem; }
        .actions form { margin: 0; }
        .actions button { padding: .45rem .9rem; background: var(--accent); color: #fff; border: 1px solid var(--accent);
          border-radius: 4px; font: inherit; font-weight: 600; cursor: pointer; }
        .actions button.secondary { background: #fff; color: var(--accent); }
        .gantt-wrap { background: var(--card); border: 1px solid var(--line); margin-top: .75rem; }
        .gantt-wrap svg { display: block; }
        .gantt a:hover text, .gantt a:focus text { text-decoration: underline; fill: var(--accent); }
        .critical-path .code { margin-right: .2rem; }
        .crit { color: var(--red); font-size: .8rem; font-weight: 600; }
        .schedule tr.critical td.code { border-left: 3px solid var(--red); }
        .diagnostics { padding-left: 1.2rem; } .diagnostics .severity { color: var(--muted); font-size: .8rem; }
        .diagnostics .severity-error { color: var(--red); }
        h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
        table.narrow { width: auto; min-width: 24rem; }
        .chain li, #drives li { margin: .2rem 0; }
        form.stack { display: grid; gap: .3rem; max-width: 60rem; }
        form.stack label, .gate-form label { font-weight: 600; margin-top: .4rem; }
        form.stack input, form.stack select, form.stack textarea, .gate-form input, .gate-form select, .gate-form textarea {
          font: inherit; padding: .35rem .5rem; border: 1px solid #cbd2d9; border-radius: 4px; }
        textarea.mono, pre.outline { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
        pre.outline { background: var(--card); border: 1px solid var(--line); padding: .75rem; overflow: auto; }
        .gate-form { display: flex; flex-wrap: wrap; gap: .3rem .5rem; align-items: end; }
        .gate-form button, form.stack button { padding: .45rem .9rem; background: var(--accent); color: #fff;
          border: 1px solid var(--accent); border-radius: 4px; cursor: pointer; font: inherit; justify-self: start; }
        fieldset.decision { border: 1px solid var(--line); border-radius: 4px; }
        fieldset.decision label { display: block; font-weight: normal; }
        .met { color: var(--green); } .unmet { color: var(--red); } .unassessed { color: var(--grey); }
        .ratings { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: .75rem; }
        .rating { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; margin: 0; }
        .rating legend { font-weight: 600; } .reasons { margin: .2rem 0 .4rem; padding-left: 1.1rem; color: var(--muted); font-size: .85rem; }
        .report-form label, .return-form label { display: block; margin: .7rem 0 .2rem; font-weight: 600; }
        .report-form textarea, .return-form textarea, .report-form input, .report-form select { width: 100%; max-width: 60rem;
          padding: .45rem .5rem; border: 1px solid #cbd2d9; border-radius: 4px; font: inherit; }
        .report-form select { width: auto; min-width: 10rem; }
        .prose { white-space: pre-line; max-width: 80ch; }
        .status-submitted { color: var(--accent); } .status-accepted { color: var(--green); } .status-returned { color: var(--amber); }
        .trend-worse { color: var(--red); } .trend-better { color: var(--green); }
        .risk-high { color: var(--red); font-weight: 700; } .risk-medium { color: var(--amber); font-weight: 600; }
        .record-form .field { display: grid; gap: .2rem; } .record-form .hint { color: var(--muted); font-size: .8rem; }
        .record-form .field-error { color: #8a1f11; font-weight: 600; font-size: .85rem; }
        .record-form .has-error input, .record-form .has-error select, .record-form .has-error textarea { border-color: #c0392b; }
        .record-links { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
        a.button, .record-action button { display: inline-block; padding: .4rem .85rem; border-radius: 4px; border: 1px solid var(--accent);
          background: var(--accent); color: #fff; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
        a.button.secondary, .record-action button.secondary { background: #fff; color: var(--accent); }
        .record-action { margin: .75rem 0; } .record-action button.danger { background: #fff; color: var(--red); border-color: var(--red); }
        .filters { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; margin: .75rem 0; }
        .filters fieldset { flex-basis: 100%; border: 1px solid var(--line); border-radius: 4px; padding: .3rem .6rem; }
        .check { white-space: nowrap; } .legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: .5rem 0; }
        .legend-item svg { vertical-align: -2px; } .heatmap-wrap { overflow-x: auto; max-width: 100%; }
        .heatmap a:focus rect, .heatmap a:hover rect { stroke: #1d3557; stroke-width: 2; }
        .inline-form { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; margin: .6rem 0; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        button.small { padding: .15rem .5rem; font-size: .85rem; }
        @media print { .top, .foot, .skip, .actions, .no-print { display: none; } body { background: #fff; } main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; } .grid tbody tr:hover { background: none; } section { break-inside: avoid; } }
        """
}
