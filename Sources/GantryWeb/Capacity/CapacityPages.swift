import Foundation
import GantryModel
import GantryPortfolio
import GantryServices
import Hummingbird

/// The capacity forecast in the browser: the heatmap with its filters (portfolios, dates, grouping, period,
/// pipeline), the bands and the plan-wins rule stated, exports; and a cell's drill-down naming the projects and
/// activities that make its demand.
struct CapacityPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("capacity") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let params = request.uri.queryParameters
            let query = try CapacityQuery(params, today: CapacityRoutes.today(), defaultPeriod: .month)
            let withPipeline = params.get("pipeline") == "1"
            let scope = try await query.scope(backend, auth.caller)
            let (snapshot, table) = try await backend.capacity.forecast(scope, by: query.grouping, per: query.period, auth.caller)
            let allPortfolios = try await backend.catalog.all(Portfolio.self, auth.caller, [:]).sorted { $0.code < $1.code }
            let chosen = Set(scope.portfolios)
            let svg = CapacityHeatmap.svg(table, withPipeline: withPipeline) { query.cellLink($0, $1, pipeline: withPipeline) }
            var over: [[String: Any]] = []
            for (g, group) in table.groups.enumerated() {
                let overPeriods = table.periods.indices.filter { table.cells[g][$0].band == .overAllocated }
                guard !overPeriods.isEmpty else { continue }
                let worst = overPeriods.max { table.cells[g][$0].overMinutes < table.cells[g][$1].overMinutes }!
                over.append(["overName": group.name, "overCount": String(overPeriods.count),
                             "overWorst": table.periods[worst].label,
                             "overHours": CapacityHeatmap.hours(table.cells[g][worst].overMinutes)])
            }
            let bands = table.bands
            var values: [String: Any] = [
                "heatmap": svg, "from": query.first.description, "to": query.last.description,
                "groupings": [("role", "role"), ("person", "person"), ("skill", "skill"), ("team", "team"), ("org_unit", "organisation unit")]
                    .map { value, label -> [String: Any] in
                        var o: [String: Any] = ["value": value, "label": label]
                        if value == query.grouping.text || (value == "skill" && query.grouping.text.hasPrefix("skill")) { o["selected"] = true }
                        return o
                    },
                "periods": ["week", "month"].map { p -> [String: Any] in
                    var o: [String: Any] = ["value": p]
                    if p == query.period.rawValue { o["selected"] = true }
                    return o
                },
                "portfolios": allPortfolios.map { p -> [String: Any] in
                    var o: [String: Any] = ["pid": p.code, "pcode": p.code, "pname": p.name]
                    if chosen.contains(p.id) { o["checked"] = true }
                    return o
                },
                "rule": CapacityForecast.planWinsRule,
                "underBelow": Pages.number(bands.healthyFrom), "healthyThrough": Pages.number(bands.healthyThrough),
                "atRiskThrough": Pages.number(bands.atRiskThrough),
                "weights": snapshot.input.pipelineWeights.weights.sorted { $0.key < $1.key }
                    .map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \(Pages.number(($0.value * 1000).rounded() / 10)) %" }
                    .joined(separator: ", "),
                "over": over, "rowCount": String(table.groups.count),
                "exportQuery": query.queryString(), "scopeText": snapshot.portfolios.isEmpty ? "no portfolio"
                    : snapshot.portfolios.map(\.code).sorted().joined(separator: ", "),
                "legend": CapacityBand.allCases.map { ["bandName": $0.label, "bandFill": CapacityHeatmap.fill($0), "bandWord": CapacityHeatmap.word($0)] },
            ]
            if withPipeline { values["withPipeline"] = true }
            if auth.caller.refusal(standards: .update) == nil { values["mayManage"] = true }
            return Pages.html("capacity", values, title: "Capacity", auth: auth, nav: "capacity")
        }
        router.get("capacity/cell") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let params = request.uri.queryParameters
            let query = try CapacityQuery(params, today: CapacityRoutes.today(), defaultPeriod: .month)
            let (kind, key, label) = try CapacityRoutes.cell(params)
            let scope = try await query.scope(backend, auth.caller)
            let (snapshot, drill) = try await backend.capacity.drillDown(
                scope, by: query.grouping, per: query.period, group: kind, key: key, periodLabel: label, auth.caller)
            let report = CapacityDrillDownReport(snapshot, drill)
            let cell = drill.cell
            func part(_ p: CapacityDrillDownReport.Part) -> [String: Any] {
                var row: [String: Any] = ["name": p.name, "target": p.target, "hours": Pages.number(p.hours), "source": p.source]
                if let id = p.projectId, let code = p.projectCode { row["projectId"] = String(id); row["projectCode"] = code }
                return row
            }
            let values: [String: Any] = [
                "group": drill.group.name, "period": drill.period.label, "first": drill.period.first.description,
                "last": drill.period.last.description, "back": "/capacity?" + query.queryString() + (params.get("pipeline") == "1" ? "&pipeline=1" : ""),
                "band": cell.band.label, "bandFill": CapacityHeatmap.fill(cell.band),
                "utilisation": cell.utilisationPercent.map { "\(Pages.number(($0 * 10).rounded() / 10)) %" } ?? "no supply",
                "supply": CapacityHeatmap.hours(cell.supplyMinutes), "committed": CapacityHeatmap.hours(cell.demandMinutes),
                "background": CapacityHeatmap.hours(cell.backgroundMinutes), "pipeline": CapacityHeatmap.hours(cell.pipelineMinutes),
                "free": CapacityHeatmap.hours(cell.freeMinutes), "overHours": CapacityHeatmap.hours(cell.overMinutes),
                "isOver": cell.overMinutes > 0 ? "yes" : "",
                "byProject": drill.committedByProject.map { share -> [String: Any] in
                    let p = snapshot.projects[share.project]
                    return ["projectId": share.project.description, "projectCode": p?.code ?? "?", "projectName": p?.name ?? "",
                            "hours": CapacityHeatmap.hours(share.minutes),
                            "share": cell.demandMinutes > 0 ? "\(Int((Double(share.minutes) * 100 / Double(cell.demandMinutes)).rounded())) %" : ""]
                },
                "committedParts": report.committed.map(part), "pipelineParts": report.pipeline.map(part),
                "rule": CapacityForecast.planWinsRule,
            ]
            return Pages.html("capacityCell", values, title: "\(drill.group.name), \(drill.period.label)", auth: auth, nav: "capacity")
        }
    }
}
