public import Foundation

/// Reads any schedule file Gantry imports, telling the format from the content (`FormatSniffer`).
public enum ProjectFileReader {
    public static func read(_ data: Data) throws(InterchangeError) -> ProjectFile {
        let format = try FormatSniffer.format(of: data)
        throw InterchangeError(element: "file", "reading \(format.rawValue) files is not built yet")
    }
}
