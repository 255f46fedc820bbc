/// Why a calendar cannot be compiled: a stable code, the calendar's name and a message that says what to fix.
///
/// A calendar without any working time in its week would make every date search run forever, so it is refused
/// here rather than discovered by a scheduler that never returns.
public struct CalendarProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier; new codes may be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The weekly pattern has no working minute at all.
        public static let noWorkingTime = Code(rawValue: "calendar_no_working_time")
        /// A time range is empty, reversed or outside 00:00–24:00.
        public static let invalidRange = Code(rawValue: "calendar_invalid_range")
        /// Two time ranges of one day overlap or are out of order.
        public static let overlappingRanges = Code(rawValue: "calendar_overlapping_ranges")
        /// An exception ends before it starts.
        public static let exceptionOrder = Code(rawValue: "calendar_exception_order")
        /// The compiled horizon ends before it starts.
        public static let horizonOrder = Code(rawValue: "calendar_horizon_order")
    }

    public var code: Code
    /// The name of the calendar at fault.
    public var calendar: String
    public var message: String

    public init(_ code: Code, calendar: String, _ message: String) {
        self.code = code
        self.calendar = calendar
        self.message = message
    }

    public var description: String { "\(code): calendar '\(calendar)': \(message)" }
}
