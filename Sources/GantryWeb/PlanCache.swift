import GantryModel
import GantryServices
import Synchronization

/// The serialized JSON of recently read plans, keyed by project and valid for one `PlanStamp`. A plan of 300
/// activities takes milliseconds to read and encode; its stamp takes two small reads. Coherent across servers:
/// the stamp lives in the database, so a change made anywhere gives a new stamp everywhere.
final class PlanCache: Sendable {
    private let entries = Mutex<[Project.ID: (PlanStamp, [UInt8])]>([:])
    private let capacity: Int

    init(capacity: Int = 128) { self.capacity = capacity }

    func bytes(for stamp: PlanStamp) -> [UInt8]? {
        entries.withLock { map in
            guard let (cached, bytes) = map[stamp.project], cached == stamp else { return nil }
            return bytes
        }
    }

    func store(_ bytes: [UInt8], for stamp: PlanStamp) {
        entries.withLock { map in
            if map.count >= capacity, map[stamp.project] == nil { map.removeAll(keepingCapacity: true) }
            map[stamp.project] = (stamp, bytes)
        }
    }
}
