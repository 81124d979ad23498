import MyoDetect

extension CharacterisationOptions {
    /// The characterisation's parameters that applied to `characterisation`, each with its value and
    /// source, in the form the analysis report and JSON list the detectors' parameters; so the
    /// report says which defaults were used for every part it shows.
    public func parameters(for characterisation: Characterisation) -> [Parameter] {
        var rows: [(name: String, value: String, unit: String, source: String)] = []
        if characterisation.origin != nil { rows += origin.described }
        if characterisation.rhythm != nil { rows += rhythm.described }
        if characterisation.backAveraging != nil { rows += backAveraging.described }
        if characterisation.coherence != nil { rows += coherence.described }
        // A row counts as default when the default options describe it with the same value.
        let reference = CharacterisationOptions()
        let defaults = Dictionary((reference.origin.described + reference.rhythm.described + reference.backAveraging.described
                                   + reference.coherence.described).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        var out = rows.map { row in
            Parameter(name: row.name, value: row.unit.isEmpty ? row.value : "\(row.value) \(row.unit)", source: row.source,
                      isDefault: defaults[row.name] == row.value)
        }
        if characterisation.clicks != nil {
            out.append(Parameter(name: "clicks.detector", value: Self.describe(clicks),
                                 source: "engineering: see ClickDetector; palatal range 20-420/min (docs/sources.md, special forms)"))
        }
        if characterisation.hiccups != nil {
            out.append(Parameter(name: "hiccups.detector", value: Self.describe(hiccups),
                                 source: "minimum gap from 60/min, bouts split at 15 s from 4/min (docs/sources.md, special forms); band and threshold engineering"))
        }
        return out
    }

    private static func describe(_ p: BriefTransientDetector.Parameters) -> String {
        "band \(p.bandHz.lowerBound)-\(p.bandHz.upperBound) Hz, block \(p.blockSeconds * 1000) ms, background \(p.baselineSeconds) s, "
            + "threshold ×\(p.thresholdFactor) power, at most \(p.maximumSeconds * 1000) ms, gap \(p.minimumGapSeconds * 1000) ms"
    }
}
