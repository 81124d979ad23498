import Foundation

/// Wall-clock times as the store keeps them: the local time of day as written, held in a `Date`
/// as if it were UTC (as ``Recording/start`` does, because recording files carry no time zone),
/// so a recording's start and a diary entry typed by hand fall on the same day numbers.
public enum WallClock {
    /// The day number (days since 1970-01-01) of a wall-clock time.
    public static func day(of date: Date) -> Int {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 1e13 else { return 0 }
        return Int((seconds / 86_400).rounded(.down))
    }

    /// The Monday (as a day number) of the ISO week that holds `day`; 1970-01-01 was a Thursday.
    public static func weekStart(ofDay day: Int) -> Int {
        let weekday = ((day + 3) % 7 + 7) % 7  // 0 = Monday
        return day - weekday
    }

    /// `2026-11-24` for a day number.
    public static func dateString(day: Int) -> String {
        String(isoString(Date(timeIntervalSince1970: Double(day) * 86_400)).prefix(10))
    }

    /// `2026-11-24T10:15:30` for a wall-clock time.
    public static func isoString(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Parses `2026-11-24`, `2026-11-24T10:15`, `2026-11-24 10:15` or `2026-11-24T10:15:30`
    /// as a wall-clock time; `nil` when the text is none of these or not a real date.
    public static func parse(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(whereSeparator: { $0 == "T" || $0 == " " }).map(String.init)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let ymd = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard ymd.count == 3, let y = ymd[0], let mo = ymd[1], let d = ymd[2],
              (1...9999).contains(y), (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var hms = [0, 0, 0]
        if parts.count == 2 {
            let fields = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard fields.count == 2 || fields.count == 3 else { return nil }
            for (i, f) in fields.enumerated() {
                guard let f else { return nil }
                hms[i] = f
            }
            guard (0...23).contains(hms[0]), (0...59).contains(hms[1]), (0...59).contains(hms[2]) else { return nil }
        }
        let components = DateComponents(year: y, month: mo, day: d, hour: hms[0], minute: hms[1], second: hms[2])
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == d else { return nil }  // rejects 2026-02-30
        return date
    }

    /// The current wall-clock time in `timeZone` (by default the machine's), as the store keeps times.
    public static func now(in timeZone: TimeZone = .current) -> Date {
        let date = Date()
        return date.addingTimeInterval(Double(timeZone.secondsFromGMT(for: date)))
    }

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        return c
    }()
}
