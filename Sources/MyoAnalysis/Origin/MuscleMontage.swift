import Foundation

/// Where each recorded muscle sits along the neuraxis, in cm, so that recruitment can be drawn
/// top to bottom and a conduction velocity estimated from onset latencies.
///
/// The caller can give positions per channel label (a measured montage); any label not given is
/// looked up by name in ``builtInSites``.
///
/// The built-in table is a **convention of Myotrace, not a measurement**: each muscle is placed
/// at the approximate segment of its motor-neuron pool in standard segmental-innervation tables
/// (masseter: trigeminal motor nucleus; sternocleidomastoid and trapezius: accessory nerve;
/// deltoid C5, biceps C5-C6, wrist extensors and flexors and triceps C6-C7, first dorsal
/// interosseous and abductor pollicis brevis C8-T1, thoracic paraspinals about T6, rectus
/// abdominis T7-T12, quadriceps L2-L4, tibialis anterior L4-L5, gastrocnemius S1), at about
/// 1.2 cm a cervical segment and 2 cm a thoracic one from the brainstem. Positions are good to a
/// few cm: enough to tell the order and the direction of spread, and to put a velocity in the
/// right range; pass measured distances when the velocity itself matters.
public struct MuscleMontage: Sendable, Codable, Equatable {
    /// Positions by channel label, cm from the brainstem along the neuraxis.
    public var positionsCm: [String: Double]
    /// Whether labels missing from `positionsCm` are looked up in ``builtInSites``.
    public var useBuiltInTable: Bool

    public init(positionsCm: [String: Double] = [:], useBuiltInTable: Bool = true) {
        self.positionsCm = positionsCm
        self.useBuiltInTable = useBuiltInTable
    }

    /// The position of the muscle a channel records, in cm, or `nil` when unknown.
    /// Complexity: O(table size × label length).
    public func position(of label: String) -> Double? {
        if let p = positionsCm[label], p.isFinite { return p }
        let key = label.trimmingCharacters(in: .whitespaces).lowercased()
        if let p = positionsCm.first(where: { $0.key.trimmingCharacters(in: .whitespaces).lowercased() == key })?.value, p.isFinite {
            return p
        }
        return useBuiltInTable ? Self.builtInSite(for: label)?.positionCm : nil
    }

    /// The built-in site whose keywords a label contains, most specific first
    /// ("biceps femoris" before "biceps").
    public static func builtInSite(for label: String) -> MuscleSite? {
        let words = " " + label.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }.reduce(into: "") { $0.append($1) }
            .split(separator: " ").joined(separator: " ") + " "
        return builtInSites.first { site in site.keywords.contains { words.contains(" \($0) ") } }
    }

    /// The body side a label names ("R-FDI", "Left deltoid", "LAT"), or `nil`.
    public static func side(of label: String) -> String? {
        let lower = label.lowercased()
        let tokens = lower.split(whereSeparator: { !$0.isLetter }).map(String.init)
        if tokens.contains(where: { ["r", "right", "rt", "rat"].contains($0) }) { return "right" }
        if tokens.contains(where: { ["l", "left", "lt", "lat"].contains($0) }) { return "left" }
        return nil
    }

    /// The region of a position, by the convention of the built-in table: cranial under 4 cm,
    /// cervical under 16, thoracic under 36, lumbosacral beyond.
    public static func region(ofPositionCm cm: Double) -> NeuraxisRegion {
        cm < 4 ? .cranial : cm < 16 ? .cervical : cm < 36 ? .thoracic : .lumbosacral
    }

    /// Pairs of built-in sites that act across one joint in opposite directions (or, for the hand
    /// and the forearm, the pair surface recordings of cortical myoclonus usually take), whose
    /// synchrony the origin hint reads (Hallett 1977: agonist and antagonist burst together).
    public static let antagonistSites: [[String]] = [
        ["biceps brachii", "triceps"],
        ["hand muscles", "forearm extensors / flexors"],
        ["rectus femoris / quadriceps", "biceps femoris / hamstrings"],
        ["tibialis anterior", "gastrocnemius / soleus"],
        ["rectus abdominis", "thoracic paraspinals"],
    ]

    /// The built-in sites (a convention; see the type's documentation).
    public static let builtInSites: [MuscleSite] = [
        MuscleSite(name: "biceps femoris / hamstrings", keywords: ["biceps femoris", "hamstring", "hamstrings", "semitendinosus"], positionCm: 44),
        MuscleSite(name: "rectus femoris / quadriceps", keywords: ["rectus femoris", "quadriceps", "quad", "vastus"], positionCm: 40),
        MuscleSite(name: "rectus abdominis", keywords: ["rectus abdominis", "abdominis", "rectus abd", "rab", "obliquus", "oblique"], positionCm: 30),
        MuscleSite(name: "tibialis anterior", keywords: ["tibialis", "tib", "ta", "lat", "rat"], positionCm: 42),
        MuscleSite(name: "gastrocnemius / soleus", keywords: ["gastrocnemius", "gastroc", "soleus"], positionCm: 45),
        MuscleSite(name: "thoracic paraspinals", keywords: ["paraspinal", "paraspinals", "erector", "thoracic", "intercostal"], positionCm: 25),
        MuscleSite(name: "masseter", keywords: ["masseter", "temporalis", "mentalis", "chin", "submental", "orbicularis"], positionCm: 0),
        MuscleSite(name: "sternocleidomastoid", keywords: ["sternocleidomastoid", "scm", "sternocleido"], positionCm: 2),
        MuscleSite(name: "trapezius", keywords: ["trapezius", "trap"], positionCm: 3),
        MuscleSite(name: "deltoid", keywords: ["deltoid", "delt"], positionCm: 8),
        MuscleSite(name: "biceps brachii", keywords: ["biceps", "brachioradialis"], positionCm: 9),
        MuscleSite(name: "triceps", keywords: ["triceps"], positionCm: 11),
        MuscleSite(name: "forearm extensors / flexors", keywords: ["ecr", "edc", "fcr", "fcu", "ecu", "extensor", "flexor"], positionCm: 11),
        MuscleSite(name: "hand muscles", keywords: ["fdi", "apb", "adm", "interosseous", "thenar", "hypothenar"], positionCm: 13),
    ]
}

/// One row of the built-in montage.
public struct MuscleSite: Sendable, Codable, Equatable {
    public var name: String
    /// Lower-case words or phrases a channel label may contain.
    public var keywords: [String]
    /// cm from the brainstem along the neuraxis (a convention).
    public var positionCm: Double
    public var region: NeuraxisRegion { MuscleMontage.region(ofPositionCm: positionCm) }
}

/// A level of the neuraxis, rostral to caudal.
public enum NeuraxisRegion: String, Sendable, Codable, CaseIterable, Comparable {
    case cranial, cervical, thoracic, lumbosacral

    public static func < (a: NeuraxisRegion, b: NeuraxisRegion) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .cranial: return 0
        case .cervical: return 1
        case .thoracic: return 2
        case .lumbosacral: return 3
        }
    }
}
