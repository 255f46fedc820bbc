import GantryModel
import GantryAnalytics

extension Portfolio {
    /// The RAG policy status reports in this portfolio are suggested by (RAGPolicy: the index bands over SPI and
    /// CPI, and the overdue-milestone and open-high-risk thresholds). Stored values are checked on every write, so
    /// the default is only a fallback for a value that cannot occur.
    var ragPolicy: RAGPolicy {
        guard let bands = try? RAGBands(greenMinimum: ragGreenMinimum, amberMinimum: ragAmberMinimum),
              let milestones = try? CountThresholds(amberAt: ragOverdueMilestonesAmberAt, redAt: ragOverdueMilestonesRedAt),
              let risks = try? CountThresholds(amberAt: ragOpenHighRisksAmberAt, redAt: ragOpenHighRisksRedAt)
        else { return .default }
        return RAGPolicy(indexBands: bands, overdueMilestones: milestones, openHighRisks: risks)
    }
}

/// A portfolio's RAG policy must make bands and thresholds: 0 ≤ amber ≤ green ≤ 10, and 1 ≤ amber at ≤ red at.
func checkRAGPolicy(_ r: Portfolio, _ c: inout Checks) {
    c.range("rag_green_minimum", r.ragGreenMinimum, 0...10)
    c.range("rag_amber_minimum", r.ragAmberMinimum, 0...10)
    if r.ragAmberMinimum > r.ragGreenMinimum {
        c.fail("rag_amber_minimum", "rag_amber_minimum (\(r.ragAmberMinimum.clean)) must not be above rag_green_minimum (\(r.ragGreenMinimum.clean))")
    }
    for (name, amber, red) in [("overdue_milestones", r.ragOverdueMilestonesAmberAt, r.ragOverdueMilestonesRedAt),
                               ("open_high_risks", r.ragOpenHighRisksAmberAt, r.ragOpenHighRisksRedAt)] {
        if !(1...1_000).contains(amber) { c.fail("rag_\(name)_amber_at", "rag_\(name)_amber_at is from 1 to 1000 (it is \(amber))") }
        if !(1...1_000).contains(red) { c.fail("rag_\(name)_red_at", "rag_\(name)_red_at is from 1 to 1000 (it is \(red))") }
        else if red < amber { c.fail("rag_\(name)_red_at", "rag_\(name)_red_at (\(red)) must not be below rag_\(name)_amber_at (\(amber))") }
    }
}
