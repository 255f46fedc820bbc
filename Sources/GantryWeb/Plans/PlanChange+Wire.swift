import GantryModel
import GantryServices
import HTTPTypes
import Hummingbird
import NIOCore

/// The plan editor's answer written straight to JSON text. An edit on the critical path changes nearly every row
/// of the plan (300 on the demo's largest, thousands on an imported one); the rows whose only change is the
/// scheduler's (`PlanChange.rescheduledOnly`) go in `moved` with just their new dates, float, critical flag, span
/// and version, and the others in `rows` whole. The text is what the generic encoder gives for that shape (keys
/// sorted, nil optionals left out, whole numbers as integers); `PlanEditorWebTests.wireText` checks it byte for
/// byte against `JSONValueEncoder`.
extension PlanChange {
    func wireJSON() -> [UInt8] {
        var w = JSONTextWriter(capacity: 256 + (rows.count - rescheduledOnly.count) * 480 + rescheduledOnly.count * 170)
        w.beginObject()
        w.key("created"); w.beginArray(); for id in created { w.int(id.rawValue) }; w.endArray()
        w.key("messages"); w.beginArray(); for m in messages { w.string(m) }; w.endArray()
        w.key("moved"); w.beginArray()
        for r in rows where rescheduledOnly.contains(r.activityId) { r.writeMove(to: &w) }
        w.endArray()
        w.dateTime("project_finish", projectFinish)
        w.key("removed"); w.beginArray(); for id in removed { w.int(id.rawValue) }; w.endArray()
        w.key("revision"); w.int(revision)
        w.key("rows"); w.beginArray()
        for r in rows where !rescheduledOnly.contains(r.activityId) { r.write(to: &w) }
        w.endArray()
        w.key("structure_changed"); w.bool(structureChanged)
        w.endObject()
        return w.bytes
    }
}

extension PlanRow {
    func write(to w: inout JSONTextWriter) {
        w.beginObject()
        w.key("activity_id"); w.int(activityId.rawValue)
        w.key("activity_type"); w.string(activityType)
        w.dateTime("actual_finish", actualFinish)
        w.dateTime("actual_start", actualStart)
        w.key("code"); w.string(code)
        w.dateTime("constraint_date", constraintDate)
        w.key("constraint_type"); w.string(constraintType.rawValue)
        w.key("critical"); w.bool(critical)
        w.key("currency"); w.string(currency.code)
        w.dateTime("deadline", deadline)
        w.key("depth"); w.int(depth)
        w.key("duration"); w.string(duration)
        w.dateTime("expected_finish", expectedFinish)
        w.dateTime("external_early_start", externalEarlyStart)
        w.dateTime("external_late_finish", externalLateFinish)
        w.dateTime("finish", finish)
        w.key("fixed_cost_minor"); w.int(fixedCostMinor)
        w.key("kind"); w.string(kind.rawValue)
        w.key("last_changed_at"); w.timestamp(lastChangedAt)
        w.key("manually_scheduled"); w.bool(manuallyScheduled)
        w.key("name"); w.string(name)
        w.key("notes"); w.string(notes)
        w.int("parent_id", parentId?.rawValue)
        w.key("percent_complete"); w.double(percentComplete)
        w.double("physical_percent_complete", physicalPercentComplete)
        w.key("predecessors"); w.string(predecessors)
        w.key("resources"); w.string(resources)
        w.dateTime("resume_date", resumeDate)
        w.key("row"); w.int(row)
        w.dateTime("secondary_constraint_date", secondaryConstraintDate)
        w.string("secondary_constraint_type", secondaryConstraintType?.rawValue)
        w.key("soft_constraint"); w.bool(softConstraint)
        w.dateTime("start", start)
        w.dateTime("suspend_date", suspendDate)
        w.double("total_float_days", totalFloatDays)
        w.key("version"); w.int(version)
        w.endObject()
    }
}

extension PlanRow {
    /// A row the scheduler moved: what rescheduling can change (`PlanRow.differsOnlyInSchedule`).
    func writeMove(to w: inout JSONTextWriter) {
        w.beginObject()
        w.key("activity_id"); w.int(activityId.rawValue)
        w.key("critical"); w.bool(critical)
        w.key("duration"); w.string(duration)
        w.dateTime("finish", finish)
        w.key("last_changed_at"); w.timestamp(lastChangedAt)
        w.dateTime("start", start)
        w.double("total_float_days", totalFloatDays)
        w.key("version"); w.int(version)
        w.endObject()
    }
}

extension Wire {
    /// A plan change as JSON, written by `PlanChange.wireJSON` (the same text the generic overload gives).
    static func response(_ change: PlanChange, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: change.wireJSON())))
    }
}
