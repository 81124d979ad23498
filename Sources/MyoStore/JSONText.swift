import Foundation

/// Validation of JSON text columns (intake answers, assessments, settings).
enum JSONText {
    /// Throws ``StoreError/invalidJSON(field:line:column:reason:)`` with the line and column of
    /// the first problem when `text` is not a JSON object or array.
    static func validate(_ text: String, field: String) throws {
        let data = Data(text.utf8)
        do {
            let value = try JSONSerialization.jsonObject(with: data, options: [])
            guard value is [String: Any] || value is [Any] else {
                throw StoreError.invalidJSON(field: field, line: 1, column: 1, reason: "expected an object or an array")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            let nsError = error as NSError
            let index = (nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int) ?? 0
            let (line, column) = position(of: index, in: data)
            throw StoreError.invalidJSON(field: field, line: line, column: column,
                                         reason: nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? "malformed")
        }
    }

    /// 1-based line and column of byte `offset`.
    static func position(of offset: Int, in data: Data) -> (Int, Int) {
        var line = 1, column = 1
        for (i, b) in data.enumerated() {
            if i >= offset { break }
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
