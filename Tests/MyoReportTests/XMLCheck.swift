import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that text parses as XML, collecting the first parse error and the element counts.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var error: String?
    private(set) var elementCounts: [String: Int] = [:]

    /// Parses `text`; returns the checker so tests can read `error` and `elementCounts`.
    static func parse(_ text: String) -> XMLCheck {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        if !parser.parse(), check.error == nil {
            check.error = parser.parserError.map { "\($0)" } ?? "unknown parse error"
        }
        return check
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elementCounts[elementName, default: 0] += 1
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil { error = "line \(parser.lineNumber), column \(parser.columnNumber): \(parseError)" }
    }
}

/// The `<svg>...</svg>` fragments of a page, in order.
func svgFragments(_ html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let open = rest.range(of: "<svg "), let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) {
        out.append(String(rest[open.lowerBound..<close.upperBound]))
        rest = rest[close.upperBound...]
    }
    return out
}

/// How often `needle` occurs in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}
