import Foundation
import GantryServices
import Hummingbird
import MultipartKit
import NIOCore

/// A `multipart/form-data` body (RFC 7578) read into its fields: text fields by name, and the uploaded file's name
/// and bytes. Parsed with MultipartKit; anything malformed is a 400 that says what is wrong.
struct MultipartForm {
    var fields: [String: String] = [:]
    var fileName: String?
    var fileField: String?
    var fileData = Data()

    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let kv = parameter.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            return kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// Parses `buffer`; the first part with a `filename` is the file, the other parts are text fields.
    init(_ buffer: ByteBuffer, boundary: String) throws(ServiceError) {
        let parser = MultipartParser(boundary: boundary)
        var headers: [String: String] = [:]
        var body = ByteBuffer()
        var parts: [([String: String], ByteBuffer)] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, body))
            headers = [:]
            body = ByteBuffer()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw ServiceError(.badRequest, "the multipart/form-data body could not be read (\(error)); send the file as a form field named 'file'")
        }
        for (headers, part) in parts {
            let disposition = Self.parameters(headers["content-disposition"] ?? "")
            guard let name = disposition["name"] else { continue }
            if let fileName = disposition["filename"], self.fileName == nil {
                self.fileName = fileName
                self.fileField = name
                self.fileData = Data(part.readableBytesView)
            } else {
                fields[name] = String(buffer: part)
            }
        }
    }

    /// `form-data; name="file"; filename="plan.xml"` → ["name": "file", "filename": "plan.xml"].
    static func parameters(_ header: String) -> [String: String] {
        var out: [String: String] = [:]
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            out[kv[0].trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
        return out
    }
}
