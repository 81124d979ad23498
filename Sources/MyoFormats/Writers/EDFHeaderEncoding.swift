import Foundation
import MyoSignal

/// Turns Myotrace's values into the fixed-width ASCII fields of an EDF/BDF header.
///
/// EDF header fields are printable ASCII, left-aligned and right-padded with spaces. Everything
/// that cannot be written as given (a non-ASCII label, a too long field, a number that needs
/// more than 8 characters) is changed to the closest value that fits, and every such change is
/// reported through `warnings` so nothing is altered silently.
struct EDFHeaderEncoding {
    /// Human-readable notes about every value that was changed to fit the format.
    private(set) var warnings: [String] = []

    // MARK: Text fields

    /// `text` as printable ASCII, cut or padded with spaces to exactly `width` bytes.
    ///
    /// Letters with diacritics lose them ("é" -> "e"), a few symbols common in biosignal units get
    /// their usual ASCII spelling ("µV" -> "uV", "°" -> "deg"), anything else becomes "_".
    /// Complexity: O(length of `text`).
    mutating func field(_ text: String, width: Int, name: String) -> [UInt8] {
        var ascii = Self.asciiApproximation(text)
        if ascii != text {
            warnings.append("\(name) \"\(printable(text))\" written as \"\(ascii)\" (EDF header fields are ASCII)")
        }
        if ascii.utf8.count > width {
            let cut = String(ascii.prefix(width))
            warnings.append("\(name) \"\(ascii)\" cut to \"\(cut)\" (the field holds \(width) characters)")
            ascii = cut
        }
        var bytes = Array(ascii.utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - bytes.count))
        return bytes
    }

    /// The closest printable-ASCII spelling of `text` (control characters become spaces).
    static func asciiApproximation(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isASCII {
                let value = character.asciiValue ?? 0x20
                out.append(value >= 0x20 && value < 0x7F ? character : " ")
                continue
            }
            if let spelled = specialSpellings[character] { out += spelled; continue }
            let folded = String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            let asciiPart = folded.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }
            if !asciiPart.isEmpty, folded.unicodeScalars.allSatisfy({ $0.isASCII || $0.properties.isDiacritic }) {
                out.unicodeScalars.append(contentsOf: asciiPart)
            } else {
                out.append("_")
            }
        }
        return out
    }

    /// ASCII spellings that diacritic folding does not give, for symbols seen in units and names.
    private static let specialSpellings: [Character: String] = [
        "µ": "u", "μ": "u", "°": "deg", "²": "^2", "³": "^3", "ß": "ss", "æ": "ae", "Æ": "AE",
        "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
        "Ω": "Ohm", "±": "+-", "·": ".", "–": "-", "—": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"",
    ]

    /// An EDF+ subfield: ASCII, no spaces (they separate subfields), "X" when unknown or empty.
    /// Replacing spaces by "_" is the EDF+ rule; any other change is reported.
    mutating func subfield(_ text: String?, name: String) -> String {
        guard let text else { return "X" }
        let ascii = Self.asciiApproximation(text).trimmingCharacters(in: .whitespaces)
        if ascii != text.trimmingCharacters(in: .whitespaces) {
            warnings.append("\(name) \"\(printable(text))\" written as \"\(ascii)\" (EDF header fields are ASCII)")
        }
        return ascii.isEmpty ? "X" : ascii.replacingOccurrences(of: " ", with: "_")
    }

    // MARK: Identification fields

    /// The EDF+ "local patient identification": "code sex birthdate name", "X" for unknown.
    ///
    /// When the subject carries only free text (from a format without structure), the four
    /// subfields are "X" and the text follows as additional subfields, which EDF+ allows.
    mutating func patientField(_ subject: SubjectInfo) -> String {
        let structured = subject.code != nil || subject.sex != nil || subject.birthdate != nil || subject.name != nil
        let sex: String
        switch subject.sex?.trimmingCharacters(in: .whitespaces).uppercased() {
        case "M", "MALE": sex = "M"
        case "F", "FEMALE": sex = "F"
        default: sex = "X"
        }
        var birth = "X"
        if let given = subject.birthdate, !given.trimmingCharacters(in: .whitespaces).isEmpty {
            if let parsed = Self.edfPlusDate(given) { birth = parsed }
            else { warnings.append("birthdate \"\(printable(given))\" is not a date Myotrace understands; written as X") }
        }
        var parts = [subfield(subject.code, name: "patient code"), sex, birth, subfield(subject.name, name: "patient name")]
        if !structured {
            let extra = Self.asciiApproximation(subject.text).trimmingCharacters(in: .whitespaces)
            if !extra.isEmpty { parts.append(extra) }
        }
        return parts.joined(separator: " ")
    }

    /// The EDF+ "local recording identification": "Startdate dd-MMM-yyyy admincode technician
    /// equipment", "X" for unknown; free text follows as additional subfields when unstructured.
    mutating func recordingField(_ info: RecordingInfoFields, start: Date?) -> String {
        let structured = info.administrationCode != nil || info.technician != nil || info.equipment != nil
        let date = start.map { Self.startdateSubfield($0) } ?? "X"
        var parts = ["Startdate", date, subfield(info.administrationCode, name: "administration code"),
                     subfield(info.technician, name: "technician"), subfield(info.equipment, name: "equipment")]
        if !structured {
            let extra = Self.asciiApproximation(info.text).trimmingCharacters(in: .whitespaces)
            if !extra.isEmpty { parts.append(extra) }
        }
        return parts.joined(separator: " ")
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// The calendar all header dates are written in: Gregorian, UTC (EDF has no time zone field).
    static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? c.timeZone
        return c
    }()

    /// "02-MAR-2002" for the EDF+ Startdate subfield.
    static func startdateSubfield(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return dayMonthYear(day: parts.day ?? 1, month: parts.month ?? 1, year: parts.year ?? 1985)
    }

    private static func dayMonthYear(day: Int, month: Int, year: Int) -> String {
        let name = months[min(max(month, 1), 12) - 1]
        return String(format: "%02d-%@-%04d", day, name, year)
    }

    /// A birth date in EDF+ form ("30-JUN-1969"), from that form or from ISO "1969-06-30".
    static func edfPlusDate(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let dash = t.split(separator: "-").map(String.init)
        guard dash.count == 3 else { return nil }
        if let year = Int(dash[0]), dash[0].count == 4, let month = Int(dash[1]), let day = Int(dash[2]),
           (1...12).contains(month), (1...31).contains(day) {
            return dayMonthYear(day: day, month: month, year: year)
        }
        if let day = Int(dash[0]), let index = months.firstIndex(of: dash[1].uppercased()), let year = Int(dash[2]),
           dash[2].count == 4, (1...31).contains(day) {
            return dayMonthYear(day: day, month: index + 1, year: year)
        }
        return nil
    }

    /// The header's "dd.mm.yy" and "hh.mm.ss" fields, in UTC, with the fraction of a second
    /// that they cannot hold (written in the first time-keeping annotation instead).
    ///
    /// EDF's two-digit years cover 1985-2084; later years are written "yy" as EDF+ prescribes
    /// (the Startdate subfield then holds the real year). An unknown start is written as
    /// 01.01.85 00.00.00, the EDF+ convention for an anonymised date.
    mutating func startFields(_ start: Date?) -> (date: String, time: String, subsecond: Double) {
        guard let start else { return ("01.01.85", "00.00.00", 0) }
        let seconds = start.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let parts = Self.utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                                    from: Date(timeIntervalSince1970: whole))
        let year = parts.year ?? 1985
        let yy: String
        if (1985...2084).contains(year) {
            yy = String(format: "%02d", year % 100)
        } else {
            yy = "yy"
            if year < 1985 {
                warnings.append("start year \(year) is before 1985, which EDF cannot hold; header date written with year \"yy\"")
            }
        }
        let date = String(format: "%02d.%02d.", parts.day ?? 1, parts.month ?? 1) + yy
        let time = String(format: "%02d.%02d.%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return (date, time, seconds - whole)
    }

    // MARK: Numbers

    /// `value` written in at most `width` characters, rounded away from the inside of the range
    /// (`down` for a minimum, up for a maximum) so no sample can fall outside the written range.
    ///
    /// Returns the text and the number it denotes (which is what a reader will use), or `nil`
    /// when the integer part alone needs more than `width` characters.
    static func outwardNumber(_ value: Double, down: Bool, width: Int = 8) -> (text: String, value: Double)? {
        guard value.isFinite else { return nil }
        for decimals in 0...12 {
            let scale = pow(10.0, Double(decimals))
            let scaled = value * scale
            let nearest = scaled.rounded()
            // A value that is a short decimal (12.5, -3276.8) is written exactly, not widened.
            if abs(scaled - nearest) <= 1e-9 * max(1, abs(scaled)) {
                let text = decimalText(nearest, decimals: decimals)
                if text.utf8.count <= width, let parsed = Double(text) { return (text, parsed) }
                break
            }
        }
        var best: (String, Double)?
        for decimals in 0...12 {
            let scale = pow(10.0, Double(decimals))
            let rounded = down ? (value * scale).rounded(.down) : (value * scale).rounded(.up)
            let text = decimalText(rounded, decimals: decimals)
            guard text.utf8.count <= width, let parsed = Double(text) else { break }
            best = (text, parsed)
        }
        return best
    }

    /// `scaledInteger / 10^decimals` written with exactly `decimals` decimals, no exponent, and
    /// never as "-0".
    private static func decimalText(_ scaledInteger: Double, decimals: Int) -> String {
        if scaledInteger == 0 { return "0" }
        var text = String(format: "%.\(decimals)f", scaledInteger / pow(10.0, Double(decimals)))
        if text.hasPrefix("-0") && Double(text) == 0 { text.removeFirst() }
        return text
    }

    /// An integer field such as the digital minimum, the header size or a sample count.
    static func integerField(_ value: Int, width: Int) -> [UInt8]? {
        let text = String(value)
        guard text.utf8.count <= width else { return nil }
        return Array(text.utf8) + Array(repeating: UInt8(ascii: " "), count: width - text.utf8.count)
    }

    /// A number already known to fit, padded to `width`.
    static func padded(_ text: String, width: Int) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(width))
        return bytes + Array(repeating: UInt8(ascii: " "), count: width - bytes.count)
    }
}
