import Foundation

/// How the store writes JSON for people and programs: pretty-printed with sorted keys, unescaped
/// slashes, wall-clock times as ISO text (see ``WallClock``) and non-finite numbers as the strings
/// "nan", "inf" and "-inf"; one configuration for the record export and every `--json` output.
public enum StoreJSON {
    /// An encoder with the store's settings.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(WallClock.isoString(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// `value` as JSON text with the store's settings.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}
