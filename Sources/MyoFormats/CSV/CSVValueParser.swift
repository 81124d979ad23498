import Foundation

/// Parses numbers and date-times straight from the bytes of a cell, with no allocation on the
/// common path, because a CSV file of a night of wearable data has hundreds of millions of cells.
enum CSVValueParser {
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// The cell without surrounding spaces and double quotes.
    static func trim(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, line[lo] == 0x20 || line[lo] == 0x09 { lo += 1 }
        while hi > lo, line[hi - 1] == 0x20 || line[hi - 1] == 0x09 { hi -= 1 }
        if hi - lo >= 2, line[lo] == 0x22, line[hi - 1] == 0x22 { lo += 1; hi -= 1 }
        return lo..<hi
    }

    /// The cell as text, for messages and header names.
    static func text(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[trim(line, range)]), as: UTF8.self)
    }

    /// Parses a decimal number ("-1.25", "3e-4", "1,5" when `decimalComma`), "nan" or "inf";
    /// returns `nil` when the cell is not a number. Results are correctly rounded: the fast
    /// path is exact (Clinger's: mantissa below 2^53, power of ten at most 22), other cells go
    /// through `strtod`. Complexity: O(cell length).
    static func number(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, decimalComma: Bool) -> Double? {
        let r = trim(line, range)
        guard !r.isEmpty else { return nil }
        var i = r.lowerBound
        var negative = false
        if line[i] == 0x2D || line[i] == 0x2B { negative = line[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var fractionDigits = 0
        var seenPoint = false, sawDigit = false
        while i < r.upperBound {
            let b = line[i]
            if b >= 0x30 && b <= 0x39 {
                // Beyond 2^53 the fast path would round twice.
                guard mantissa < (1 << 53) / 10 else { return slow(line, r, decimalComma) }
                mantissa = mantissa * 10 + UInt64(b - 0x30)
                sawDigit = true
                if seenPoint { fractionDigits += 1 }
            } else if (b == 0x2E || (decimalComma && b == 0x2C)) && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        // Exponents, "nan", "inf" and anything unusual take the slow path, which also rejects garbage.
        if i < r.upperBound || fractionDigits > 22 { return slow(line, r, decimalComma) }
        guard sawDigit else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static func slow(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ decimalComma: Bool) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: r.count + 1) { buf -> Double? in
            for (k, i) in r.enumerated() {
                let b = line[i]
                buf[k] = CChar(bitPattern: decimalComma && b == 0x2C ? 0x2E : b)
            }
            buf[r.count] = 0
            guard let base = buf.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(base, &end)
            guard let end, end - base == r.count, r.count > 0 else { return nil }
            return v
        }
    }

    /// Parses "YYYY-MM-DD HH:MM:SS[.fff]" or ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]"
    /// (also with "/" in the date) into seconds since 1970. A time without a zone is taken as UTC.
    /// Complexity: O(cell length).
    static func dateTime(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        let r = trim(line, range)
        var i = r.lowerBound
        func int(_ n: Int) -> Int? {
            guard i + n <= r.upperBound else { return nil }
            var v = 0
            for _ in 0..<n {
                let b = line[i]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
                i += 1
            }
            return v
        }
        func expect(_ options: [UInt8]) -> Bool {
            guard i < r.upperBound, options.contains(line[i]) else { return false }
            i += 1
            return true
        }
        guard let year = int(4), expect([0x2D, 0x2F]), let month = int(2), expect([0x2D, 0x2F]), let day = int(2),
              (1...12).contains(month), (1...31).contains(day), expect([0x20, 0x54]),
              let hour = int(2), expect([0x3A]), let minute = int(2), expect([0x3A]), let second = int(2),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var fraction = 0.0
        if i < r.upperBound, line[i] == 0x2E || line[i] == 0x2C {
            i += 1
            var scale = 0.1
            while i < r.upperBound, line[i] >= 0x30 && line[i] <= 0x39 {
                fraction += Double(line[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        var zone = 0
        if i < r.upperBound {
            if line[i] == 0x5A { i += 1 } else if line[i] == 0x2B || line[i] == 0x2D {
                let sign = line[i] == 0x2D ? -1 : 1
                i += 1
                guard let zh = int(2) else { return nil }
                _ = expect([0x3A])
                guard let zm = int(2) else { return nil }
                zone = sign * (zh * 3600 + zm * 60)
            }
        }
        guard i == r.upperBound else { return nil }
        let days = CivilDate.daysFromEpoch(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - zone) + fraction
    }
}
