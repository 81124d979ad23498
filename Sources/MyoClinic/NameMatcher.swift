import Foundation

/// Matches names as people write them ("Keppra 500 mg", "valproic acid", "Pepto-Bismol") against
/// the catalogue's generic names and aliases, and the vocabulary's ids and synonyms.
///
/// Case, punctuation and spacing are ignored, and any run of up to four consecutive words may
/// match, so a dose or a route written after the name does not hide it. Built once per
/// knowledge base; a lookup is O(words²) dictionary probes.
public struct NameMatcher: Sendable {
    /// A normalised name mapped to (entry id, the canonical name it stands for).
    private var table: [String: (id: String, canonical: String)] = [:]

    public init(_ entries: [(id: String, canonical: String, names: [String])]) {
        for e in entries {
            for name in e.names + [e.canonical] {
                let key = Self.normalise(name)
                if !key.isEmpty && table[key] == nil { table[key] = (e.id, e.canonical) }
            }
        }
    }

    /// Lowercase letters and digits only.
    static func normalise(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The entry a written name refers to, or nil.
    public func match(_ written: String) -> (id: String, canonical: String)? {
        if let hit = table[Self.normalise(written)] { return hit }
        let words = written.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        for length in stride(from: min(4, words.count), through: 1, by: -1) {
            for start in 0...(words.count - length) {
                if let hit = table[words[start..<start + length].joined()] { return hit }
            }
        }
        return nil
    }
}
