import GantryModel
import GantryPortfolio
import GantryServices

/// The capacity heatmap as server-rendered SVG: one row per group, one column per period, each cell filled by its
/// band and written with its utilisation and the band's name (colour is never the only signal), each a link to
/// its drill-down. No script.
enum CapacityHeatmap {
    static let labelWidth = 220
    static let cellWidth = 62
    static let cellHeight = 38
    static let headerHeight = 30

    /// Fill colours per band; the band's name is always written in the cell as well.
    static func fill(_ band: CapacityBand) -> String {
        switch band {
        case .underUsed: "#d6e6f5"
        case .healthy: "#cde8cd"
        case .atRisk: "#ffdf91"
        case .overAllocated: "#f29b9b"
        case .noCapacity: "#eeeeee"
        }
    }

    /// The short word written in a cell.
    static func word(_ band: CapacityBand) -> String {
        switch band {
        case .underUsed: "under"
        case .healthy: "healthy"
        case .atRisk: "at risk"
        case .overAllocated: "over"
        case .noCapacity: "none"
        }
    }

    /// - Parameters:
    ///   - link: the drill-down address of a cell (row, period index).
    ///   - withPipeline: show utilisation with the weighted pipeline added (and band it so) instead of committed.
    static func svg(_ table: CapacityTable, withPipeline: Bool, link: (CapacityGroup, CapacityPeriod) -> String) -> String {
        let columns = table.periods.count, rows = table.groups.count
        let width = labelWidth + columns * cellWidth + 2
        let height = headerHeight + rows * cellHeight + 2
        let e = GanttRenderer.escape
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" id=\"heatmap\" role=\"img\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" aria-labelledby=\"heatmap-title\" font-family=\"system-ui, sans-serif\">"
        out += "<title id=\"heatmap-title\">Capacity by \(e(table.grouping.text)): utilisation per \(table.periods.first?.kind.rawValue ?? "period")"
            + (withPipeline ? " with the weighted pipeline" : "") + "</title>"
        for (k, period) in table.periods.enumerated() {
            let x = labelWidth + k * cellWidth + cellWidth / 2
            let label = period.kind == .week ? String(period.label.suffix(3)) : period.label
            out += "<text x=\"\(x)\" y=\"12\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">\(e(String(period.label.prefix(4))))</text>"
            out += "<text x=\"\(x)\" y=\"25\" font-size=\"11\" text-anchor=\"middle\" fill=\"#111\">\(e(period.kind == .week ? label : String(label.suffix(2))))</text>"
        }
        for (g, group) in table.groups.enumerated() {
            let y = headerHeight + g * cellHeight
            let name = group.name.count > 30 ? String(group.name.prefix(29)) + "…" : group.name
            out += "<text x=\"4\" y=\"\(y + cellHeight / 2 + 4)\" font-size=\"12\" fill=\"#111\" class=\"row-label\">\(e(name))</text>"
            for (k, period) in table.periods.enumerated() {
                let cell = table.cells[g][k]
                let x = labelWidth + k * cellWidth
                let load = cell.loadMinutes + (withPipeline ? cell.pipelineMinutes : 0)
                let band = table.bands.band(load: load, supply: cell.supplyMinutes)
                let pct = withPipeline ? cell.utilisationWithPipelinePercent : cell.utilisationPercent
                let pctText = pct.map { "\(Int($0.rounded())) %" } ?? (load > 0 ? "no supply" : "—")
                let title = "\(group.name), \(period.label): \(pctText), \(band.label). Supply \(hours(cell.supplyMinutes)) h, "
                    + "committed \(hours(cell.demandMinutes)) h, background \(hours(cell.backgroundMinutes)) h, "
                    + "pipeline \(hours(cell.pipelineMinutes)) h (weighted); "
                    + (cell.overMinutes > 0 ? "over by \(hours(cell.overMinutes)) h" : "free \(hours(cell.freeMinutes)) h")
                out += "<a href=\"\(e(link(group, period)))\" class=\"heat-cell band-\(band.rawValue)\" data-group=\"\(e(group.key))\" "
                    + "data-period=\"\(e(period.label))\" data-band=\"\(band.rawValue)\">"
                out += "<title>\(e(title))</title>"
                out += "<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cellWidth - 2)\" height=\"\(cellHeight - 2)\" rx=\"3\" fill=\"\(fill(band))\""
                    + (band == .overAllocated ? " stroke=\"#8b1a1a\" stroke-width=\"2\"" : "") + "/>"
                out += "<text x=\"\(x + cellWidth / 2)\" y=\"\(y + 16)\" font-size=\"12\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#111\">\(e(pctText))</text>"
                out += "<text x=\"\(x + cellWidth / 2)\" y=\"\(y + 30)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#222\">\(word(band))</text>"
                out += "</a>"
            }
        }
        return out + "</svg>"
    }

    static func hours(_ minutes: Int64) -> String { Pages.number(CapacityCell.hours(minutes)) }
}
