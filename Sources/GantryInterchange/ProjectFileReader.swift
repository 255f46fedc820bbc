public import Foundation

/// Reads any schedule file Gantry imports: the format told from the bytes (`FormatSniffer`), never the name, then
/// that format's reader.
public enum ProjectFileReader {
    public static func read(_ data: Data) throws(InterchangeError) -> ProjectFile {
        switch try FormatSniffer.format(of: data) {
        case .mspdi: try MSPDIReader.read(data)
        case .xer: try XERReader.read(data)
        case .ganttProject: try GanttProjectReader.read(data)
        case .p6xml: try P6XMLReader.read(data)
        }
    }
}
