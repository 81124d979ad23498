import ArgumentParser
import MyoFormats
import MyoSignal

/// A user's correction of an inferred channel kind: `--kind "Chan 3=emg"` or `--kind 3=emg`
/// (a 1-based channel number).
struct ChannelKindOverride: ExpressibleByArgument {
    let channel: String
    let kind: ChannelKind

    init?(argument: String) {
        guard let eq = argument.lastIndex(of: "=") else { return nil }
        let name = String(argument[..<eq]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, let kind = ChannelKind(userText: String(argument[argument.index(after: eq)...])) else {
            return nil
        }
        channel = name
        self.kind = kind
    }

    static var defaultValueDescription: String { "LABEL=KIND" }

    /// Applies overrides to a header; throws a ValidationError naming a channel that does not exist.
    static func apply(_ overrides: [ChannelKindOverride], to header: inout RecordingHeader) throws {
        for o in overrides {
            guard let i = header.channelIndex(named: o.channel) else {
                let labels = header.channels.map(\.label).joined(separator: ", ")
                throw ValidationError("--kind \(o.channel)=\(o.kind): no channel \"\(o.channel)\" (channels: \(labels))")
            }
            header.channels[i].kind = o.kind
        }
    }
}
