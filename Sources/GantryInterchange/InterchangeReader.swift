public import Foundation

/// Any schedule file Gantry reads: the format told from the bytes (`FormatSniffer`), then that format's reader.
public enum InterchangeReader {
    public static func read(_ data: Data) throws(InterchangeError) -> ProjectFile {
        switch try FormatSniffer.format(of: data) {
        case .mspdi: return try MSPDIReader.read(data)
        case .xer: return try XERReader.read(data)
        case .ganttProject: return try GanttProjectReader.read(data)
        case .p6xml: return try P6XMLReader.read(data)
        }
    }
}
