import GantryModel
import GantryServices
import HTTPTypes
import Hummingbird
import NIOCore

/// The plan editor's answer written straight to JSON text. An edit on the critical path answers with nearly every
/// row of the plan (300 on the demo's largest), and the generic encoder spent most of such an edit's time on
/// them; this writes the same text (keys sorted, nil optionals left out, whole numbers as integers), which
/// `PlanChangeWireTests` checks byte for byte against `JSONValueEncoder`.
extension PlanChange {
    func wireJSON() -> [UInt8] {
        var w = JSONTextWriter(capacity: 256 + rows.count * 480)
        w.beginObject()
        w.key("created"); w.beginArray(); for id in created { w.int(id.rawValue) }; w.endArray()
        w.key("messages"); w.beginArray(); for m in messages { w.string(m) }; w.endArray()
        w.string("project_finish", projectFinish?.formatted())
        w.key("removed"); w.beginArray(); for id in removed { w.int(id.rawValue) }; w.endArray()
        w.key("revision"); w.int(revision)
        w.key("rows"); w.beginArray(); for r in rows { r.write(to: &w) }; w.endArray()
        w.key("structure_changed"); w.bool(structureChanged)
        w.endObject()
        return w.bytes
    }
}

extension PlanRow {
    func write(to w: inout JSONTextWriter) {
        w.beginObject()
        w.key("activity_id"); w.int(activityId.rawValue)
        w.string("actual_finish", actualFinish?.formatted())
        w.string("actual_start", actualStart?.formatted())
        w.key("code"); w.string(code)
        w.string("constraint_date", constraintDate?.formatted())
        w.key("constraint_type"); w.string(constraintType.rawValue)
        w.key("critical"); w.bool(critical)
        w.string("deadline", deadline?.formatted())
        w.key("depth"); w.int(depth)
        w.key("duration"); w.string(duration)
        w.string("finish", finish?.formatted())
        w.key("kind"); w.string(kind.rawValue)
        w.key("last_changed_at"); w.string(lastChangedAt.description)
        w.key("manually_scheduled"); w.bool(manuallyScheduled)
        w.key("name"); w.string(name)
        w.key("notes"); w.string(notes)
        w.int("parent_id", parentId?.rawValue)
        w.key("percent_complete"); w.double(percentComplete)
        w.key("predecessors"); w.string(predecessors)
        w.key("resources"); w.string(resources)
        w.key("row"); w.int(row)
        w.string("start", start?.formatted())
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
