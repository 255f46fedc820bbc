public import GantryModel

/// What a Gantt chart shows, as plain values: one row per activity in WBS order, the links between rows, and
/// an optional status date. Times are wall minutes since 1970-01-01T00:00 local time (the scheduling engine's
/// `WallMinute`); a finish is the instant work ends (17:00), so a finish at midnight is drawn at that midnight.
public struct GanttChart: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var id: Int64
        public var code: String
        public var name: String
        /// Depth in the WBS (0 at the top); the label is indented by it.
        public var depth: Int
        public var kind: ActivityKind
        public var start: Int64?
        public var finish: Int64?
        /// Late finish; a float bar runs from `finish` to it when it is later.
        public var lateFinish: Int64?
        /// Total float as people read it (`2d`, `-1d`), shown in the tooltip.
        public var totalFloatText: String?
        public var critical: Bool
        /// 0 to 100.
        public var percentComplete: Double
        public var baselineStart: Int64?
        public var baselineFinish: Int64?
        /// Where the row's label links to (the activity's page), if anywhere.
        public var href: String?

        public init(id: Int64, code: String, name: String, depth: Int = 0, kind: ActivityKind = .leaf,
                    start: Int64? = nil, finish: Int64? = nil, lateFinish: Int64? = nil, totalFloatText: String? = nil,
                    critical: Bool = false, percentComplete: Double = 0, baselineStart: Int64? = nil,
                    baselineFinish: Int64? = nil, href: String? = nil) {
            self.id = id; self.code = code; self.name = name; self.depth = depth; self.kind = kind
            self.start = start; self.finish = finish; self.lateFinish = lateFinish; self.totalFloatText = totalFloatText
            self.critical = critical; self.percentComplete = percentComplete
            self.baselineStart = baselineStart; self.baselineFinish = baselineFinish; self.href = href
        }
    }

    /// A link between two rows, by their indices in `rows`.
    public struct Link: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var type: DependencyType
        public var critical: Bool

        public init(from: Int, to: Int, type: DependencyType = .finishToStart, critical: Bool = false) {
            self.from = from; self.to = to; self.type = type; self.critical = critical
        }
    }

    public var rows: [Row]
    public var links: [Link]
    public var statusDate: Int64?
    public var title: String
    /// Draw MS Project's progress line at the status date: it bends back to each started activity's progress
    /// point (left of the line: behind schedule, right: ahead).
    public var progressLine: Bool

    public init(title: String, rows: [Row], links: [Link] = [], statusDate: Int64? = nil, progressLine: Bool = false) {
        self.title = title; self.rows = rows; self.links = links; self.statusDate = statusDate
        self.progressLine = progressLine
    }
}

/// The time scale of a chart's header, chosen from the width of a week or month.
public enum GanttScale: String, Sendable, Hashable {
    /// Months above, weeks (starting Monday) below.
    case weeks
    /// Years above, months below.
    case months
    /// Years above, quarters below.
    case quarters
    /// Years only.
    case years
}

/// Draws a Gantt chart as a self-contained SVG document: no script, no external assets, the same bytes for the
/// same chart.
///
/// Structure, for a page stylesheet or a test to find: each dated row has one element of class `gantt-bar`
/// (a `rect` for a leaf, a bracket `path` with class `summary` for a summary, a `polygon` diamond with class
/// `milestone` for a milestone), carrying `critical` when it is critical (drawn hatched with a dark outline, so
/// not by colour alone) and `data-row` with its row index. A `rect.float` runs from the finish to the late finish,
/// a `rect.baseline` under the bar shows the baseline, a `rect.gantt-progress` the percent complete,
/// a `path.gantt-link` each link, a `line.status-date` the status date. Every bar has a `<title>` tooltip, and
/// the chart has a `<title>` and `<desc>` for assistive technology.
///
/// - Parameters:
///   - dayWidth: pixels per day; `nil` fits the span into about 1,000 pixels (between 0.2 and 30 per day).
///   - idPrefix: prefix of the ids inside the SVG (patterns, markers, title), to keep several charts on a page apart.
public func renderGanttSVG(_ chart: GanttChart, dayWidth: Double? = nil, idPrefix: String = "gantt") -> String {
    GanttRenderer(chart: chart, dayWidth: dayWidth, idPrefix: idPrefix).render()
}

/// The layout and drawing of one chart.
struct GanttRenderer {
    let chart: GanttChart
    let prefix: String
    let labelWidth = 280.0
    let rowHeight = 22.0
    let headerHeight = 40.0
    let legendHeight = 26.0
    /// The time span drawn, in wall minutes, from a midnight to a midnight.
    let t0: Int64
    let t1: Int64
    let dayWidth: Double
    let scale: GanttScale

    init(chart: GanttChart, dayWidth: Double?, idPrefix: String) {
        self.chart = chart
        self.prefix = GanttRenderer.safeID(idPrefix)
        var lo = Int64.max, hi = Int64.min
        func see(_ t: Int64?) { if let t { lo = min(lo, t); hi = max(hi, t) } }
        for r in chart.rows {
            see(r.start); see(r.finish); see(r.lateFinish); see(r.baselineStart); see(r.baselineFinish)
        }
        see(chart.statusDate)
        if lo > hi { lo = 0; hi = 0 }
        // Whole days, with a day of margin on each side.
        t0 = (GanttRenderer.floorDiv(lo, 1440) - 1) * 1440
        t1 = (GanttRenderer.floorDiv(hi - 1, 1440) + 2) * 1440
        let days = Double(t1 - t0) / 1440
        let width = dayWidth.map { max(0.01, $0) } ?? min(30, max(0.2, 1000 / days))
        self.dayWidth = width
        self.scale = width * 7 >= 28 ? .weeks : width * 30 >= 24 ? .months : width * 91 >= 24 ? .quarters : .years
    }

    var timelineWidth: Double { Double(t1 - t0) / 1440 * dayWidth }
    var width: Double { labelWidth + timelineWidth + 10 }
    var bodyTop: Double { headerHeight }
    var bodyHeight: Double { Double(max(chart.rows.count, 1)) * rowHeight }
    var height: Double { headerHeight + bodyHeight + legendHeight }

    func x(_ t: Int64) -> Double { labelWidth + Double(t - t0) / 1440 * dayWidth }
    func rowTop(_ i: Int) -> Double { bodyTop + Double(i) * rowHeight }
    func rowMid(_ i: Int) -> Double { rowTop(i) + rowHeight / 2 }

    func render() -> String {
        var out = ""
        out.reserveCapacity(600 + chart.rows.count * 520)
        let p = prefix
        let dated = chart.rows.filter { $0.start != nil || $0.finish != nil }
        let critical = dated.filter(\.critical).count
        out += #"<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img" aria-labelledby="\#(p)-title \#(p)-desc""#
        out += #" width="\#(n(width))" height="\#(n(height))" viewBox="0 0 \#(n(width)) \#(n(height))" font-family="sans-serif" font-size="11">"#
        out += #"<title id="\#(p)-title">\#(esc(chart.title))</title>"#
        var desc = "Gantt chart of \(chart.rows.count) activit\(chart.rows.count == 1 ? "y" : "ies")"
        if !dated.isEmpty {
            let starts = dated.compactMap { $0.start ?? $0.finish }, finishes = dated.compactMap { $0.finish ?? $0.start }
            desc += " from \(GanttRenderer.text(starts.min()!)) to \(GanttRenderer.text(finishes.max()!, endOfDay: true))"
        }
        desc += "; \(critical) critical, \(chart.links.count) link\(chart.links.count == 1 ? "" : "s")"
        if let s = chart.statusDate { desc += "; status date \(GanttRenderer.text(s))" }
        out += #"<desc id="\#(p)-desc">\#(esc(desc)).</desc>"#
        out += defs()
        out += header()
        out += body()
        out += legend()
        out += "</svg>"
        return out
    }

    // MARK: Parts

    func defs() -> String {
        let p = prefix
        return ##"<defs><pattern id="\##(p)-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"##
            + ##"<rect width="6" height="6" fill="#c62828"/><rect width="2" height="6" fill="#ef9a9a"/></pattern>"##
            + ##"<marker id="\##(p)-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">"##
            + ##"<path d="M0,0L6,3L0,6z" fill="#555"/></marker>"##
            + ##"<marker id="\##(p)-arrow-critical" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">"##
            + ##"<path d="M0,0L6,3L0,6z" fill="#8b0000"/></marker>"##
            + ##"<pattern id="\##(p)-stripes" x="0" y="\##(n(bodyTop))" width="10" height="\##(n(2 * rowHeight))" patternUnits="userSpaceOnUse">"##
            + ##"<rect class="gantt-stripe" y="\##(n(rowHeight))" width="10" height="\##(n(rowHeight))"/></pattern></defs>"##
            + "<style>"
            + ".gantt .gantt-bar{fill:#4a7fb5}.gantt .gantt-bar.summary{fill:#263238}.gantt .gantt-bar.milestone{fill:#37474f}"
            + ".gantt .gantt-bar.critical{fill:url(#\(p)-hatch);stroke:#8b0000;stroke-width:1.5}"
            + ".gantt .gantt-progress{fill:#1b3a5c;opacity:.55;pointer-events:none}"
            + ".gantt .float{fill:#9e9e9e;opacity:.6}.gantt .baseline{fill:#78909c}"
            + ".gantt .gantt-link{fill:none;stroke:#555;stroke-width:1}.gantt .gantt-link.critical{stroke:#8b0000;stroke-width:1.5}"
            + ".gantt .status-date{stroke:#2e7d32;stroke-width:1.5;stroke-dasharray:4 3}"
            + ".gantt .gantt-grid{stroke:#e0e0e0;stroke-width:1;fill:none}.gantt .gantt-scale{fill:#424242}"
            + ".gantt .gantt-label.summary{font-weight:bold}.gantt .gantt-code{fill:#616161}"
            + ".gantt .gantt-stripe{fill:#f7f7f7}"
            + "</style>"
    }

    /// Two header lines and the vertical grid lines of the lower scale across the body.
    func header() -> String {
        var out = #"<g class="gantt-header">"#
        out += #"<text class="gantt-scale" x="6" y="34">\#(esc(scale == .weeks ? "Weeks" : scale == .months ? "Months" : scale == .quarters ? "Quarters" : "Years"))</text>"#
        let (upper, lower) = ticks()
        var grid = ""
        for (i, tick) in upper.enumerated() {
            let a = max(tick.0, t0), b = i + 1 < upper.count ? upper[i + 1].0 : t1
            if x(b) - x(a) >= Double(tick.1.count) * 6.5 + 4 {
                out += #"<text class="gantt-scale" x="\#(n(x(a) + 3))" y="14">\#(esc(tick.1))</text>"#
            }
            if tick.0 > t0 { grid += "M\(n(x(tick.0))),0V\(n(headerHeight / 2))" }
        }
        for (i, tick) in lower.enumerated() {
            let a = max(tick.0, t0), b = i + 1 < lower.count ? lower[i + 1].0 : t1
            if x(b) - x(a) >= Double(tick.1.count) * 6.5 + 4 {
                out += #"<text class="gantt-scale" x="\#(n(x(a) + 3))" y="34">\#(esc(tick.1))</text>"#
            }
            if tick.0 > t0 { grid += "M\(n(x(tick.0))),\(n(headerHeight / 2))V\(n(headerHeight + bodyHeight))" }
        }
        grid += "M0,\(n(headerHeight / 2))H\(n(width))M0,\(n(headerHeight))H\(n(width))M\(n(labelWidth)),0V\(n(headerHeight + bodyHeight))"
        out += #"<path class="gantt-grid" d="\#(grid)"/>"#
        return out + "</g>"
    }

    /// The upper and lower scale: each tick is the instant a period begins and its label.
    func ticks() -> ([(Int64, String)], [(Int64, String)]) {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let first = CalendarDate(daysSinceEpoch: Int(t0 / 1440)), last = CalendarDate(daysSinceEpoch: Int(t1 / 1440))
        func at(_ y: Int, _ m: Int) -> Int64 { Int64(CalendarDate(year: y, month: m, day: 1)?.daysSinceEpoch ?? 0) * 1440 }
        var yearTicks: [(Int64, String)] = [], monthTicks: [(Int64, String)] = [], quarterTicks: [(Int64, String)] = []
        for y in first.year...last.year {
            guard CalendarDate(year: y, month: 1, day: 1) != nil else { continue }
            yearTicks.append((at(y, 1), String(y)))
            for m in 1...12 {
                monthTicks.append((at(y, m), scale == .weeks ? "\(months[m - 1]) \(y)" : months[m - 1]))
                if m % 3 == 1 { quarterTicks.append((at(y, m), "Q\(m / 3 + 1)")) }
            }
        }
        func clip(_ ticks: [(Int64, String)]) -> [(Int64, String)] {
            // Keep the period that contains t0 and every one that starts before t1.
            let startIndex = ticks.lastIndex { $0.0 <= t0 } ?? 0
            return Array(ticks[startIndex...].prefix { $0.0 < t1 })
        }
        switch scale {
        case .weeks:
            var weeks: [(Int64, String)] = []
            var d = first.daysSinceEpoch - (first.weekday == .monday ? 0 : Weekday.allCases.firstIndex(of: first.weekday)!)
            while Int64(d) * 1440 < t1 {
                let date = CalendarDate(daysSinceEpoch: d)
                weeks.append((Int64(d) * 1440, String(date.day)))
                d += 7
            }
            return (clip(monthTicks), clip(weeks))
        case .months: return (clip(yearTicks), clip(monthTicks))
        case .quarters: return (clip(yearTicks), clip(quarterTicks))
        case .years: return ([], clip(yearTicks))
        }
    }

    func body() -> String {
        var out = #"<g class="gantt-body">"#
        // Every other row shaded, by one pattern-filled rectangle rather than one per row.
        out += #"<rect class="gantt-stripes" x="0" y="\#(n(bodyTop))" width="\#(n(width))" height="\#(n(bodyHeight))" fill="url(#\#(prefix)-stripes)"/>"#
        for (i, row) in chart.rows.enumerated() { out += self.row(i, row) }
        out += links()
        if let s = chart.statusDate {
            out += #"<line class="status-date" x1="\#(n(x(s)))" y1="\#(n(headerHeight / 2))" x2="\#(n(x(s)))" y2="\#(n(headerHeight + bodyHeight))">"#
            out += "<title>Status date \(esc(GanttRenderer.text(s)))</title></line>"
            if chart.progressLine { out += progressLine(at: s) }
        }
        if chart.rows.isEmpty {
            out += #"<text x="\#(n(labelWidth + 6))" y="\#(n(rowMid(0) + 4))">No activities</text>"#
        }
        return out + "</g>"
    }

    func row(_ i: Int, _ row: GanttChart.Row) -> String {
        var out = ""
        let y = rowMid(i)
        // The label: code and name, indented by depth, cut to the column with the whole name in a tooltip.
        let indent = 6 + Double(min(max(row.depth, 0), 12)) * 12
        let room = max(4, Int((labelWidth - indent - 8) / 6.2) - row.code.count - 1)
        let name = row.name.count > room ? String(row.name.prefix(max(1, room - 1))) + "…" : row.name
        var label = #"<text class="gantt-label\#(row.kind == .summary ? " summary" : "")" x="\#(n(indent))" y="\#(n(y + 4))">"#
        if !row.code.isEmpty { label += #"<tspan class="gantt-code">\#(esc(row.code))</tspan> "# }
        label += esc(name)
        if name != row.name { label += "<title>\(esc(row.name))</title>" }
        label += "</text>"
        if let href = row.href { label = #"<a href="\#(esc(href))">\#(label)</a>"# }
        out += label

        guard let start = row.start ?? row.finish, let finish0 = row.finish ?? row.start else { return out }
        let finish = max(start, finish0)
        let critical = row.critical ? " critical" : ""
        let tip = "<title>\(esc(tooltip(row, start: start, finish: finish)))</title>"
        // Baseline first, so the bar sits over it.
        if let bs = row.baselineStart ?? row.baselineFinish, let bf = row.baselineFinish ?? row.baselineStart {
            let x0 = x(bs), w = max(1, x(max(bs, bf)) - x0)
            out += #"<rect class="baseline" data-row="\#(i)" x="\#(n(x0))" y="\#(n(y + 7))" width="\#(n(w))" height="3">"#
            out += "<title>Baseline \(esc(GanttRenderer.text(bs))) – \(esc(GanttRenderer.text(max(bs, bf), endOfDay: true)))</title></rect>"
        }
        if let late = row.lateFinish, late > finish {
            out += #"<rect class="float" data-row="\#(i)" x="\#(n(x(finish)))" y="\#(n(y - 1.5))" width="\#(n(x(late) - x(finish)))" height="3">"#
            out += "<title>Total float \(esc(row.totalFloatText ?? "")) (late finish \(esc(GanttRenderer.text(late, endOfDay: true))))</title></rect>"
        }
        let x0 = x(start), x1 = x(finish)
        switch row.kind {
        case .milestone:
            let h = 6.0
            out += #"<polygon class="gantt-bar milestone\#(critical)" data-row="\#(i)" data-id="\#(row.id)" points="\#(n(x0)),\#(n(y - h)) \#(n(x0 + h)),\#(n(y)) \#(n(x0)),\#(n(y + h)) \#(n(x0 - h)),\#(n(y))">\#(tip)</polygon>"#
        case .summary:
            let w = max(1, x1 - x0), top = y - 5
            let d = "M\(n(x0)),\(n(top + 9))V\(n(top))H\(n(x0 + w))V\(n(top + 9))L\(n(x0 + w - 4)),\(n(top + 5))H\(n(x0 + 4))Z"
            out += #"<path class="gantt-bar summary\#(critical)" data-row="\#(i)" data-id="\#(row.id)" d="\#(d)">\#(tip)</path>"#
        case .leaf:
            let w = max(1, x1 - x0)
            out += #"<rect class="gantt-bar leaf\#(critical)" data-row="\#(i)" data-id="\#(row.id)" x="\#(n(x0))" y="\#(n(y - 6))" width="\#(n(w))" height="12" rx="2">\#(tip)</rect>"#
            let pct = min(100, max(0, row.percentComplete.isFinite ? row.percentComplete : 0))
            if pct > 0 {
                out += #"<rect class="gantt-progress" data-row="\#(i)" x="\#(n(x0))" y="\#(n(y - 2))" width="\#(n(w * pct / 100))" height="4"/>"#
            }
        }
        return out
    }

    /// The progress line: down the status date, out to the progress point of every activity that should have
    /// started by then (its start plus its percent complete of its span), back to the status date.
    func progressLine(at status: Int64) -> String {
        var points: [String] = ["\(n(x(status))),\(n(headerHeight))"]
        var behind = 0
        for (i, row) in chart.rows.enumerated() where row.kind != .summary {
            guard let start = row.start, let finish = row.finish ?? row.start else { continue }
            var at = status
            if start < status {
                let pct = min(100, max(0, row.percentComplete.isFinite ? row.percentComplete : 0))
                at = start + Int64((Double(max(finish, start) - start) * pct / 100).rounded())
                if pct >= 100 { at = max(at, status) }
                if at < status { behind += 1 }
            }
            points.append("\(n(x(status))),\(n(rowTop(i)))")
            points.append("\(n(x(at))),\(n(rowMid(i)))")
            points.append("\(n(x(status))),\(n(rowTop(i) + rowHeight))")
        }
        points.append("\(n(x(status))),\(n(headerHeight + bodyHeight))")
        return #"<polyline class="progress-line" fill="none" points="\#(points.joined(separator: " "))"><title>Progress line at \#(esc(GanttRenderer.text(status))): \#(behind) activit\#(behind == 1 ? "y" : "ies") behind schedule</title></polyline>"#
    }

    func tooltip(_ row: GanttChart.Row, start: Int64, finish: Int64) -> String {
        var t = row.code.isEmpty ? row.name : "\(row.code) \(row.name)"
        if row.kind == .milestone {
            t += ": milestone \(GanttRenderer.text(start))"
        } else {
            t += ": \(GanttRenderer.text(start)) – \(GanttRenderer.text(finish, endOfDay: true))"
        }
        if row.kind != .milestone, row.percentComplete > 0 { t += ", \(GanttRenderer.percent(row.percentComplete)) complete" }
        if let f = row.totalFloatText { t += ", total float \(f)" }
        if row.critical { t += ", critical" }
        return t
    }

    /// Elbow lines from the predecessor's end of the link (finish for FS and FF, start for SS and SF) to the
    /// successor's (start for FS and SS, finish for FF and SF), with an arrow head.
    func links() -> String {
        var out = ""
        for link in chart.links {
            guard chart.rows.indices.contains(link.from), chart.rows.indices.contains(link.to) else { continue }
            let a = chart.rows[link.from], b = chart.rows[link.to]
            guard let aStart = a.start ?? a.finish, let aFinish = a.finish ?? a.start,
                  let bStart = b.start ?? b.finish, let bFinish = b.finish ?? b.start else { continue }
            let fromFinish = link.type == .finishToStart || link.type == .finishToFinish
            let toStart = link.type == .finishToStart || link.type == .startToStart
            let pad = 6.0
            let milestoneA = a.kind == .milestone ? 6.0 : 0, milestoneB = b.kind == .milestone ? 6.0 : 0
            let x1 = fromFinish ? x(max(aStart, aFinish)) + milestoneA : x(aStart) - milestoneA
            let x2 = toStart ? x(bStart) - milestoneB : x(max(bStart, bFinish)) + milestoneB
            let y1 = rowMid(link.from), y2 = rowMid(link.to)
            let out1 = fromFinish ? x1 + pad : x1 - pad
            let into = toStart ? x2 - pad : x2 + pad
            let dy = y2 > y1 ? rowHeight / 2 : -rowHeight / 2
            var d = "M\(n(x1)),\(n(y1))H\(n(out1))"
            if (toStart && out1 <= into) || (!toStart && out1 >= into) {
                d += "V\(n(y2))H\(n(x2))"
            } else {
                // The successor's end lies behind: go around between the rows.
                d += "V\(n(y2 - dy))H\(n(into))V\(n(y2))H\(n(x2))"
            }
            let critical = link.critical ? " critical" : ""
            let marker = link.critical ? "\(prefix)-arrow-critical" : "\(prefix)-arrow"
            out += #"<path class="gantt-link\#(critical)" data-from="\#(link.from)" data-to="\#(link.to)" d="\#(d)" marker-end="url(#\#(marker))">"#
            out += "<title>\(esc(a.code.isEmpty ? a.name : a.code)) → \(esc(b.code.isEmpty ? b.name : b.code)) \(link.type.rawValue)</title></path>"
        }
        return out
    }

    func legend() -> String {
        let y = headerHeight + bodyHeight + 8
        var out = #"<g class="gantt-legend" transform="translate(6,\#(n(y)))">"#
        out += ##"<rect class="gantt-legend-bar" x="0" y="2" width="24" height="10" fill="#4a7fb5"/><text x="30" y="11">Activity</text>"##
        out += ##"<rect class="gantt-legend-critical" x="90" y="2" width="24" height="10" fill="url(#\##(prefix)-hatch)" stroke="#8b0000" stroke-width="1.5"/><text x="120" y="11">Critical</text>"##
        out += ##"<polygon class="gantt-legend-milestone" points="186,1 192,7 186,13 180,7" fill="#37474f"/><text x="198" y="11">Milestone</text>"##
        out += ##"<rect class="gantt-legend-float" x="262" y="5" width="24" height="3" fill="#9e9e9e"/><text x="292" y="11">Total float</text>"##
        out += ##"<rect class="gantt-legend-baseline" x="364" y="5" width="24" height="3" fill="#78909c"/><text x="394" y="11">Baseline</text>"##
        if chart.statusDate != nil {
            out += ##"<line x1="462" y1="0" x2="462" y2="14" stroke="#2e7d32" stroke-width="1.5" stroke-dasharray="4 3"/><text x="468" y="11">Status date</text>"##
        }
        return out + "</g>"
    }

    // MARK: Text

    /// A number with at most one decimal, the same on every platform.
    func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let tenths = Int64((v * 10).rounded())
        let whole = tenths / 10, frac = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return frac == 0 ? sign + String(whole) : sign + String(whole) + "." + String(frac)
    }

    func esc(_ s: String) -> String { GanttRenderer.escape(s) }

    /// Text safe in XML content and in quoted attributes.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab, newline and return are not allowed in XML 1.0.
                if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { out += " " }
                else if (0xFFFE...0xFFFF).contains(c.value) { out += " " }
                else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// `2018-02-26 08:00`; with `endOfDay`, midnight is written `24:00` of the day before (how a finish reads).
    static func text(_ t: Int64, endOfDay: Bool = false) -> String {
        var day = floorDiv(t, 1440), minute = t - day * 1440
        if endOfDay && minute == 0 { day -= 1; minute = 1440 }
        let date = CalendarDate(daysSinceEpoch: Int(day))
        let h = minute / 60, m = minute % 60
        return "\(date) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }

    static func percent(_ p: Double) -> String {
        let r = (p * 10).rounded() / 10
        return (r == r.rounded() ? String(Int(r)) : String(r)) + "%"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a - 1) / b) - 1 }

    /// Letters, digits, `-` and `_` only, starting with a letter.
    static func safeID(_ s: String) -> String {
        let kept = String(s.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        return kept.first?.isLetter == true ? kept : "g" + kept
    }
}
