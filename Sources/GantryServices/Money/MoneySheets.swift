public import GantryInterchange
import GantryModel
import GantryAnalytics

/// Earned value, and budget, funding and spend, as sheets for the CSV and Excel exports: amounts as the exact
/// decimal text of the figures (CSV) or numbers (Excel), indices to four places.
public enum MoneySheets {
    static let figureColumns: [Sheet.Column] = ["bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac_typical",
                                                "eac_atypical", "eac_cost_and_schedule", "etc", "vac", "tcpi_bac", "tcpi_eac"]

    static func cells(_ f: EarnedValueFigures?) -> [Sheet.Cell] {
        guard let f else { return figureColumns.map { _ in .empty } }
        return [f.bac, f.pv, f.ev, f.ac, f.sv, f.cv, f.spi, f.cpi, f.eacTypical, f.eacAtypical, f.eacCostAndSchedule,
                f.etc, f.vac, f.tcpiBac, f.tcpiEac].map(number)
    }

    /// Exact decimal text as a number cell (empty when undefined).
    static func number(_ text: String?) -> Sheet.Cell {
        guard let text, let d = Double(text) else { return .empty }
        return .number(d)
    }

    public static func project(_ r: MoneyReports.ProjectEVM) -> Sheet {
        let doc = EarnedValueDocument(r)
        var sheet = Sheet(name: "Earned value", columns: ["code", "name", "currency"] + figureColumns + ["es", "sv_t", "spi_t", "ieac_t"])
        for a in doc.activities { sheet.rows.append([.text(a.code), .text(a.name), .text(a.figures.currency)] + cells(a.figures)) }
        let f = doc.figures
        sheet.rows.append([.text(r.project.code), "Project total", .text(r.project.currency.code)] + cells(f)
                          + [number(f?.es), number(f?.svT), number(f?.spiT), number(f?.ieacT)])
        return sheet
    }

    public static func money(_ r: MoneyReports.ProjectEVM) -> Sheet {
        var sheet = Sheet(name: "Budget and spend", columns: ["month", "currency", "budget_original", "budget_current",
                                                              "funded_to_date", "spent"])
        func amount(_ minor: Int64) -> Sheet.Cell { number(EarnedValueFigures.minor(Money(minorUnits: minor, currency: r.money.currency))) }
        for m in r.money.months {
            sheet.rows.append([.text(m.month.description), .text(r.money.currency.code), amount(m.original), amount(m.current),
                               amount(m.fundedToDate), amount(m.spent)])
        }
        return sheet
    }

    public static func rollup(_ r: MoneyReports.Rollup) -> Sheet {
        var sheet = Sheet(name: "Portfolio earned value", columns: ["project", "status_date", "currency"] + figureColumns
                          + ["es", "spi_t", "unavailable"])
        for p in r.projects {
            let f = p.evm.map { EarnedValueFigures($0.total, schedule: $0.earnedSchedule) }
            sheet.rows.append([.text(p.project.code), .date(p.statusDate), .text(p.project.currency.code)] + cells(f)
                              + [number(f?.es), number(f?.spiT), .optional(p.unavailable)])
        }
        sheet.rows.append([.text("Total (\(r.currency.code))"), .date(r.statusDate), .text(r.currency.code)]
                          + cells(r.total.map { EarnedValueFigures($0) }) + [.empty, .empty, .optional(r.problem)])
        return sheet
    }
}
