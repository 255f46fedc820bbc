public import Foundation

/// Reads any schedule file Gantry imports: the format told from the bytes (`FormatSniffer`), never the name, then
/// that format's reader.
public enum ProjectFileReader {
    /// - Parameter project: which project of a P6 file (XER: its id or short name; P6 XML: its Id or ObjectId);
    ///   nil or empty for the one the file was exported for. Other formats hold one project and refuse a name.
    public static func read(_ data: Data, project: String? = nil) throws(InterchangeError) -> ProjectFile {
        let project = project.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let format = try FormatSniffer.format(of: data)
        if let project, format != .xer, format != .p6xml {
            throw InterchangeError(element: "project", "'\(project)' names a project, but a \(format.rawValue) file holds only one; choosing a project is for P6 files (XER, P6 XML)")
        }
        switch format {
        case .mspdi: return try MSPDIReader.read(data)
        case .xer: return try XERReader.read(data, project: project)
        case .ganttProject: return try GanttProjectReader.read(data)
        case .p6xml: return try P6XMLReader.read(data, project: project)
        }
    }
}
