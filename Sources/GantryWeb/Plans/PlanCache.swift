import GantryModel
import GantryServices
import Synchronization

/// Recently rendered forms of a project's plan (its JSON, its schedule tables), each valid for one stamp. Reading
/// and rendering 300 activities takes milliseconds; a stamp takes one or two small reads. Coherent across
/// servers: the stamps come from the database, so a change made anywhere gives a new stamp everywhere.
final class StampedCache<Stamp: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Project.ID: (Stamp, Value)]>([:])
    private let capacity: Int

    init(capacity: Int = 128) { self.capacity = capacity }

    func value(for project: Project.ID, at stamp: Stamp) -> Value? {
        entries.withLock { map in
            guard let (cached, value) = map[project], cached == stamp else { return nil }
            return value
        }
    }

    func store(_ value: Value, for project: Project.ID, at stamp: Stamp) {
        entries.withLock { map in
            if map.count >= capacity, map[project] == nil { map.removeAll(keepingCapacity: true) }
            map[project] = (stamp, value)
        }
    }
}

/// The serialized JSON of plans, per `PlanStamp`.
typealias PlanCache = StampedCache<PlanStamp, [UInt8]>
