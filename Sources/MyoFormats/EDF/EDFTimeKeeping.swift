import Foundation
import MyoSignal

/// The start date and time of an EDF/BDF header and the EDF+ structured identification fields.
///
/// EDF writes the start as "dd.mm.yy" and "hh.mm.ss" with a two-digit year (1985-2084 by the
/// EDF clipping rule); EDF+ also writes the full year in the recording field's "Startdate
/// dd-MMM-yyyy", which wins when present. EDF has no time zone: the clock time is kept as if
/// it were UTC, so that it prints back unchanged.
enum EDFTimeKeeping {
    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// Parses "dd.mm.yy" at byte 168 and "hh.mm.ss" at byte 176 into a date, and takes the year
    /// from an EDF+ "Startdate dd-MMM-yyyy" when `plusStartdate` has one.
    static func startDate(fields: EDFFieldReader, plusStartdate: String?) throws -> Date {
        let dateText = try fields.ascii(offset: 168, width: 8, field: "startdate of recording")
        let timeText = try fields.ascii(offset: 176, width: 8, field: "starttime of recording")
        guard let d = threeNumbers(dateText), (1...31).contains(d.0), (1...12).contains(d.1) else {
            throw fields.invalid(offset: 168, width: 8, field: "startdate of recording", "is not a date dd.mm.yy")
        }
        guard let t = threeNumbers(timeText), (0...23).contains(t.0), (0...59).contains(t.1), (0...60).contains(t.2) else {
            throw fields.invalid(offset: 176, width: 8, field: "starttime of recording", "is not a time hh.mm.ss")
        }
        var year = d.2 >= 85 ? 1900 + d.2 : 2000 + d.2
        if let plus = plusStartdate, let full = plusYear(plus) { year = full }
        var parts = DateComponents()
        parts.year = year; parts.month = d.1; parts.day = d.0
        parts.hour = t.0; parts.minute = t.1; parts.second = t.2
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: parts) else {
            throw fields.invalid(offset: 168, width: 8, field: "startdate of recording", "is not a calendar date")
        }
        return date
    }

    /// "dd.mm.yy" or "hh.mm.ss" as three two-digit numbers, or nil.
    private static func threeNumbers(_ text: String) -> (Int, Int, Int)? {
        let b = Array(text.utf8)
        guard b.count == 8, b[2] == UInt8(ascii: "."), b[5] == UInt8(ascii: ".") else { return nil }
        func two(_ i: Int) -> Int? {
            guard (48...57).contains(b[i]), (48...57).contains(b[i + 1]) else { return nil }
            return Int(b[i] - 48) * 10 + Int(b[i + 1] - 48)
        }
        guard let a = two(0), let m = two(3), let c = two(6) else { return nil }
        return (a, m, c)
    }

    /// The year of "dd-MMM-yyyy", or nil when the subfield is "X" or malformed.
    private static func plusYear(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[2].count == 4, months.contains(parts[1].uppercased()),
              let y = Int(parts[2]), y >= 1800 else { return nil }
        return y
    }

    /// Splits the EDF+ patient field "code sex birthdate name [more]"; "X" means unknown.
    /// A field that does not follow EDF+ keeps only its text.
    static func subject(_ text: String, isPlus: Bool) -> SubjectInfo {
        var info = SubjectInfo(text: text)
        let words = text.split(separator: " ").map(String.init)
        guard isPlus, words.count >= 4 else { return info }
        func known(_ s: String) -> String? { s == "X" ? nil : s }
        info.code = known(words[0])
        info.sex = known(words[1])
        info.birthdate = known(words[2])
        info.name = known(words[3])
        return info
    }

    /// Splits the EDF+ recording field "Startdate dd-MMM-yyyy admincode technician equipment";
    /// returns the fields and the start date subfield (or nil when it is absent or "X").
    static func recording(_ text: String, isPlus: Bool) -> (RecordingInfoFields, String?) {
        var info = RecordingInfoFields(text: text)
        let words = text.split(separator: " ").map(String.init)
        guard isPlus, words.count >= 2, words[0] == "Startdate" else { return (info, nil) }
        func known(_ s: String) -> String? { s == "X" ? nil : s }
        if words.count >= 5 {
            info.administrationCode = known(words[2])
            info.technician = known(words[3])
            info.equipment = known(words[4])
        }
        return (info, known(words[1]))
    }
}
