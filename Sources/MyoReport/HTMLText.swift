import Foundation

/// Text and number formatting for the report: escaping for HTML and SVG, and locale-independent
/// numbers (a report printed in any locale shows the same digits, and SVG coordinates always
/// use a decimal point).
enum HTMLText {
    /// Escapes `text` for use as element content or a quoted attribute value in HTML and SVG.
    ///
    /// Labels come from recording files, so they are hostile until escaped: `<`, `>`, `&` and
    /// both quote characters become character references, and control characters other than tab
    /// and newline (which XML forbids and some viewers choke on) are dropped.
    ///
    /// Complexity: O(n) in the length of `text`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 allows no C0 controls besides tab, newline and return, nor the
                // non-characters U+FFFE/U+FFFF.
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A number with `decimals` digits after the point, or an en dash when it is missing or not
    /// finite (a summary of no events has no median).
    static func number(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(max(0, min(decimals, 6)))f", value)
    }

    /// A count with thin-space thousands separators (10 000), as printed clinical documents do.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: "\u{2009}")
    }

    /// A duration in words a reader takes in at a glance: "45.2 s", "12 min 05 s", "7 h 03 min".
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 60 { return number(seconds, decimals: 1) + " s" }
        let total = Int(min(seconds, 1e12).rounded())
        let hours = total / 3600, minutes = (total % 3600) / 60, secs = total % 60
        if hours == 0 { return "\(minutes) min " + String(format: "%02d s", secs) }
        return "\(hours) h " + String(format: "%02d min", minutes)
    }

    /// An SVG coordinate: one decimal is below a pixel at any print resolution and keeps the
    /// markup short; non-finite values (which would make the SVG invalid) become 0.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }
}
