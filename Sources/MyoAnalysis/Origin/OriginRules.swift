import Foundation

/// The rules that turn the origin measurements into findings, and findings into a hint.
///
/// Each rule comes from docs/sources.md and cites it; where Myotrace had to
/// pick a number the sources do not give, the finding says "convention". A rule adds a finding
/// for an origin (weight 2 for a defining sign, 1 for a supporting one) or against it; the hint
/// is the origin with the highest score (weights for minus weights against), if that is above 0
/// and not tied.
enum OriginRules {
    struct Inputs {
        var durations: BurstDurationStatistics
        var recruitment: Recruitment
        var stimulus: StimulusResponse?
        var rhythm: RhythmResult?
        var preJerkTransient: Bool?
        var bereitschaftspotential: Bool?
    }

    static func findings(_ x: Inputs, _ p: OriginAnalyzer.Parameters) -> [OriginFinding] {
        var out: [OriginFinding] = []
        func add(_ text: String, _ origin: OriginHint, _ supports: Bool, _ weight: Int, _ source: String) {
            out.append(OriginFinding(text: text, origin: origin, supports: supports, weight: weight, source: source))
        }
        let d = x.durations
        let ms: (Double) -> String = { String(format: "%.0f ms", $0) }
        if let median = d.medianMs {
            let described = "median burst \(ms(median)) (IQR \(ms(d.p25Ms ?? median))-\(ms(d.p75Ms ?? median)), n = \(d.n))"
            if median <= p.corticalCutoffMs {
                add("\(described): at or under the \(ms(p.corticalCutoffMs)) cut-off of cortical bursts", .cortical, true, 2,
                    "van der Veen 2024 (secondary), needs ≥ 10 bursts; cortical bursts 10-50 ms (Eberhardt & Topka 2017, PMC5575623)")
                add("\(described): shorter than the bursts over 100 ms of brainstem jerks", .subcortical, false, 1, "docs/sources.md: brainstem bursts over 100 ms")
                add("\(described): shorter than the bursts usually over 70 ms of functional jerks", .functional, false, 1, "Terada 1995; Pal 2011")
            } else if median > p.longBurstMs {
                add("\(described): cortical bursts are rarely over 100 ms", .cortical, false, 2, "Eberhardt & Topka 2017, PMC5575623; Hallett 1977")
                add("\(described): over 100 ms, as in brainstem jerks", .subcortical, true, 1, "docs/sources.md: brainstem reticular jerks, bursts over 100 ms")
            } else {
                add("\(described): above the \(ms(p.corticalCutoffMs)) cortical cut-off", .cortical, false, 1, "van der Veen 2024 (secondary)")
            }
            if median > p.functionalBurstMs {
                add("\(described): over 70 ms, as functional jerks usually are", .functional, true, 1, "Terada 1995; Pal 2011")
            }
        }
        let synchronous = x.recruitment.pairs.filter { $0.coFiredEvents >= p.minimumEventsPerMuscle }
        for pair in synchronous {
            guard let share = pair.synchronousShare else { continue }
            let text = "\(pair.channelA) and \(pair.channelB) (one segment): onsets within \(ms(p.synchronyMs)) in \(Int((share * 100).rounded())) % of \(pair.coFiredEvents) jerks"
            if share >= p.synchronousShare {
                add(text, .cortical, true, 1, "Hallett 1977: agonist and antagonist burst together in cortical reflex myoclonus")
            }
        }
        let r = x.recruitment
        if let s = r.spread {
            let speed = s.velocityMPerS.map { String(format: "%.1f m/s", $0) } ?? "no consistent velocity"
            if s.originRegion == .thoracic && s.spreadsUp && s.spreadsDown {
                add("spread up and down from \(s.originChannel) (thoracic), \(speed)", .spinal, true, 2,
                    "Brown 1994: propriospinal jerks spread up and down from mid-thoracic segments")
            }
            if let v = s.velocityMPerS, (s.spreadsUp || s.spreadsDown) {
                if p.propriospinalVelocity.contains(v) {
                    add("spread at \(speed), within 3-11 m/s", .spinal, true, 1, "Brown 1994")
                }
            }
            if r.generalised && s.originRegion <= .cervical && s.spreadsDown && !s.spreadsUp {
                add("generalised jerks recruited rostro-caudally from \(s.originChannel)", .subcortical, true, 2,
                    "docs/sources.md: brainstem reticular jerks are generalised")
            }
            if r.generalised && !s.spreadsUp && !s.spreadsDown, let median = x.durations.medianMs, median <= p.longBurstMs {
                add("generalised jerks, muscles at every level together, bursts under 100 ms", .corticalSubcortical, true, 2,
                    "convention: the cortical burst range (Eberhardt & Topka 2017) with generalised, simultaneous recruitment")
            }
        }
        if let rhythm = x.rhythm, rhythm.rhythmic, rhythm.pattern == .rhythmicJerks, let hz = rhythm.frequencyHz {
            let text = String(format: "rhythmic jerks at %.2f Hz", hz)
            if p.propriospinalRateHz.contains(hz) {
                add(text + ", within 1-7 Hz", .spinal, true, 1, "Brown 1994: propriospinal jerks repeat at 1-7 Hz")
            }
        }
        if let st = x.stimulus {
            if st.startleLike {
                add("\(st.firstMuscle ?? "sternocleidomastoid") responds first to stimuli, within \(ms(p.startleLatencyMs))", .subcortical, true, 1,
                    "docs/sources.md: in startle the sternocleidomastoid responds first, within 120 ms")
            }
            if let first = st.muscles.first, let median = first.latencyMedianMs, let iqr = first.latencyIQRMs, first.responses >= 5,
               median > p.functionalLatencyMs, iqr >= p.variableLatencyShare * median {
                add("stimulus latency \(ms(median)) with IQR \(ms(iqr)): long and variable", .functional, true, 1,
                    "Terada 1995; Pal 2011: variable latency over 100 ms")
            }
        }
        switch x.bereitschaftspotential {
        case true?: add("a Bereitschaftspotential precedes the jerks", .functional, true, 2, "Terada 1995; Pal 2011")
        case false?: add("no Bereitschaftspotential before the jerks", .functional, false, 1, "Terada 1995; Pal 2011")
        case nil: break
        }
        switch x.preJerkTransient {
        case true?: add("a cortical transient precedes the EMG onset", .cortical, true, 2, "Shibasaki 1992: the spike peaks about 20 ms before EMG onset")
        case false?: add("no cortical transient before the jerks", .cortical, false, 1, "Shibasaki 1992")
        case nil: break
        }
        return out
    }

    /// The hint, its certainty and the scores from `findings`.
    static func decide(_ findings: [OriginFinding]) -> (OriginHint, OriginCertainty, [String: Int]) {
        var scores: [OriginHint: Int] = [:]
        for f in findings { scores[f.origin, default: 0] += f.supports ? f.weight : -f.weight }
        let ranked = scores.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
        let named = Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) })
        guard let top = ranked.first, top.value > 0 else { return (.undetermined, .low, named) }
        let second = ranked.dropFirst().first.map { max(0, $0.value) } ?? 0
        guard top.value > second else { return (.undetermined, .low, named) }
        let contrary = findings.contains { $0.origin == top.key && !$0.supports }
        let margin = top.value - second
        let certainty: OriginCertainty = top.value >= 4 && margin >= 3 && !contrary ? .high : top.value >= 2 && margin >= 2 ? .moderate : .low
        return (top.key, certainty, named)
    }
}
