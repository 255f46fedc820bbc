import GantryModel
import GantryAnalytics
import GantryServices

/// The money charts as server-rendered SVG (no script): the S-curve of a project's planned value, earned value and
/// actual cost with the status date and the forecast, and budget, funding and spend per month. Every series is also
/// named in a legend and drawn with its own dash pattern, so colour is never the only signal; the numbers are in
/// the tables beside the charts.
enum MoneyCharts {
    static let width = 760.0, height = 300.0
    static let left = 90.0, right = 20.0, top = 20.0, bottom = 50.0

    struct Series {
        var name: String
        var colour: String
        var dash: String
        var points: [(day: CalendarDate, minor: Int64)]
    }

    /// PV over the baseline, AC through the status date, EV at each progress snapshot and at the status date, and
    /// the forecast (EAC at the forecast finish) as a dashed line from the status date.
    static func sCurve(_ r: MoneyReports.ProjectEVM) -> String? {
        guard let evm = r.evm, let first = evm.baselineStart, let last = evm.baselineFinish else { return nil }
        let measures = evm.total.measures
        var ev: [(day: CalendarDate, minor: Int64)] = r.snapshots.filter { $0.asOf < r.statusDate && $0.baselineId == r.baseline?.id }
            .map { ($0.asOf, $0.evMinor) }
        ev.append((r.statusDate, evm.total.earnedValue.minorUnits))
        var series = [
            Series(name: "Planned value (PV)", colour: "#1f5fa8", dash: "", points: evm.plannedCurve.map { ($0.day, $0.minor) }),
            Series(name: "Earned value (EV)", colour: "#2e7d32", dash: "8 4", points: ev),
            Series(name: "Actual cost (AC)", colour: "#b3261e", dash: "2 3", points: evm.actualCurve.map { ($0.day, $0.minor) }),
        ]
        var end = max(last, r.statusDate)
        if let eac = measures.estimateAtCompletion(.typical).value, let finish = evm.forecastFinish ?? Optional(last),
           let eacMinor = DecimalRounding.halfEvenInteger(eac), eacMinor < Int64(1) << 50 {
            let ac = evm.total.actualCost.minorUnits
            series.append(Series(name: "Forecast (EAC at CPI, finish by earned schedule)", colour: "#6a1b9a", dash: "12 4 2 4",
                                 points: [(r.statusDate, ac), (max(finish, r.statusDate), eacMinor)]))
            end = max(end, finish)
        }
        return chart(series, from: min(first, r.statusDate), through: end, marker: (r.statusDate, "Status date \(r.statusDate)"),
                     currency: r.project.currency, title: "S-curve of \(r.project.code): PV, EV and AC over time")
    }

    /// Budget (current), cumulative funding and cumulative spend by month, as lines.
    static func monthly(_ money: MoneyReports.ProjectMoney, title: String) -> String? {
        guard let first = money.months.first?.month, let last = money.months.last?.month else { return nil }
        var budget: [(CalendarDate, Int64)] = [], funded: [(CalendarDate, Int64)] = [], spent: [(CalendarDate, Int64)] = []
        var b: Int64 = 0, s: Int64 = 0
        for m in money.months {
            b += m.current != 0 ? m.current : m.original
            s += m.spent
            budget.append((m.month.lastDay, b))
            funded.append((m.month.lastDay, m.fundedToDate))
            spent.append((m.month.lastDay, s))
        }
        return chart([
            Series(name: "Budget, cumulative", colour: "#1f5fa8", dash: "", points: budget.map { ($0.0, $0.1) }),
            Series(name: "Funding available", colour: "#2e7d32", dash: "8 4", points: funded.map { ($0.0, $0.1) }),
            Series(name: "Spent (approved), cumulative", colour: "#b3261e", dash: "2 3", points: spent.map { ($0.0, $0.1) }),
        ], from: first.firstDay, through: last.lastDay, marker: nil, currency: money.currency, title: title)
    }

    static func chart(_ series: [Series], from: CalendarDate, through: CalendarDate, marker: (CalendarDate, String)?,
                      currency: Currency, title: String) -> String {
        let maxValue = max(1, series.flatMap { $0.points.map(\.minor) }.max() ?? 1)
        let span = Double(max(1, through.daysSinceEpoch - from.daysSinceEpoch))
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ d: CalendarDate) -> Double { left + Double(d.daysSinceEpoch - from.daysSinceEpoch) / span * plotW }
        func y(_ v: Int64) -> Double { top + plotH - Double(v) / Double(maxValue) * plotH }
        func f(_ v: Double) -> String { String(Int((v * 10).rounded())) .withDecimal }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"money-chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height + 24.0 * Double(series.count)))\" aria-label=\"\(GanttRenderer.escape(title))\">"
        svg += "<title>\(GanttRenderer.escape(title))</title>"
        // Axes and four grid lines with amounts.
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"#555\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#555\"/>"
        for k in 1...4 {
            let v = maxValue * Int64(k) / 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"11\">\(GanttRenderer.escape(short(v, currency)))</text>"
        }
        svg += "<text x=\"\(f(left))\" y=\"\(f(top + plotH + 16))\" font-size=\"11\">\(from)</text>"
        svg += "<text x=\"\(f(left + plotW))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"end\" font-size=\"11\">\(through)</text>"
        if let (day, label) = marker {
            svg += "<line x1=\"\(f(x(day)))\" y1=\"\(f(top))\" x2=\"\(f(x(day)))\" y2=\"\(f(top + plotH))\" stroke=\"#333\" stroke-dasharray=\"3 3\"/>"
            svg += "<text x=\"\(f(x(day)))\" y=\"\(f(top + plotH + 32))\" text-anchor=\"middle\" font-size=\"11\">\(GanttRenderer.escape(label))</text>"
        }
        for s in series where !s.points.isEmpty {
            let path = thin(s.points).map { "\(f(x($0.day))),\(f(y($0.minor)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"2\"\(s.dash.isEmpty ? "" : " stroke-dasharray=\"\(s.dash)\"") points=\"\(path)\"><title>\(GanttRenderer.escape(s.name))</title></polyline>"
        }
        for (i, s) in series.enumerated() {
            let ly = height + 24.0 * Double(i) + 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(ly))\" x2=\"\(f(left + 40))\" y2=\"\(f(ly))\" stroke=\"\(s.colour)\" stroke-width=\"2\"\(s.dash.isEmpty ? "" : " stroke-dasharray=\"\(s.dash)\"")/>"
            svg += "<text x=\"\(f(left + 48))\" y=\"\(f(ly + 4))\" font-size=\"12\">\(GanttRenderer.escape(s.name))</text>"
        }
        return svg + "</svg>"
    }

    /// At most about 200 points: every day of a long curve is more than a chart can show.
    static func thin(_ points: [(day: CalendarDate, minor: Int64)]) -> [(day: CalendarDate, minor: Int64)] {
        guard points.count > 200 else { return points }
        let step = (points.count + 199) / 200
        var out = stride(from: 0, to: points.count, by: step).map { points[$0] }
        if let last = points.last, out.last?.day != last.day { out.append(last) }
        return out
    }

    /// "EUR 12.5k", "EUR 1.2M": an axis label.
    static func short(_ minor: Int64, _ currency: Currency) -> String {
        let major = Double(minor) / pow10(currency.minorUnitDigits)
        if major >= 1_000_000 { return "\(currency.code) \(oneDecimal(major / 1_000_000))M" }
        if major >= 1_000 { return "\(currency.code) \(oneDecimal(major / 1_000))k" }
        return "\(currency.code) \(Int(major.rounded()))"
    }

    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 10 } }
}

private extension String {
    /// "1234" (tenths) → "123.4".
    var withDecimal: String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        return (negative ? "-" : "") + digits.dropLast() + "." + digits.suffix(1)
    }
}
