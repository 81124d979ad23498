import Foundation

/// Draws the hypnogram and the events of a simulated night from its ``NightConfig``: done once,
/// O(events log events), and the same on every platform for a seed.
///
/// The night: wake for the sleep latency, then cycles of N1 → N2 → N3 → N2 → R with a brief
/// awakening at the end of some cycles (each followed by N1 again). N3 shortens and R lengthens
/// in later cycles, the usual shape of a night; the minute ranges are illustrative test settings.
/// Leg movements of one leg never come closer than ``minimumSameLegGap`` to each other, and
/// brief bursts stay ``burstClearance`` away from the movements of their leg and from each
/// other, so every planned event is one event in the signal (activity closer than the rules'
/// 0.5 s of quiet would fuse).
enum NightPlan {
    static let epoch = 30.0
    static let minimumSameLegGap = 2.0
    static let burstClearance = 1.0

    static func make(_ c: NightConfig) -> NightTruth {
        var g = SplitMix64(seed: c.seed, stream: 40)
        let hypnogram = stages(c, &g)
        let sleepEpochs = hypnogram.filter { $0.stage != "W" }
        let sleepHours = Double(sleepEpochs.count) * epoch / 3600
        func stage(at t: Double) -> String? {
            let i = Int((t / epoch).rounded(.down))
            return hypnogram.indices.contains(i) ? hypnogram[i].stage : nil
        }
        var legs: [NightTruth.LegMovement] = []
        func free(_ leg: Int, _ onset: Double, _ duration: Double) -> Bool {
            onset >= 1 && onset + duration < c.durationSeconds - 1 && !legs.contains { m in
                m.leg == leg && onset < m.offset + minimumSameLegGap && m.onset < onset + duration + minimumSameLegGap
            }
        }
        func add(_ leg: Int, _ onset: Double, _ origin: String, _ g: inout SplitMix64) {
            let duration = g.uniform(c.plm.durationS)
            let amplitude = g.logUniform(c.plm.amplitudeUV)
            guard free(leg, onset, duration) else { return }
            legs.append(.init(leg: leg, onset: onset, duration: duration, amplitude: amplitude, origin: origin))
            if g.unit() < c.plm.bilateralProbability {
                let other = 1 - leg, o2 = onset + g.uniform(c.plm.bilateralDelayS)
                let d2 = g.uniform(c.plm.durationS)
                if free(other, o2, d2) {
                    legs.append(.init(leg: other, onset: o2, duration: d2, amplitude: g.logUniform(c.plm.amplitudeUV), origin: origin))
                }
            }
        }
        // PLM series start in sleep at a Poisson rate per hour of sleep.
        var gp = SplitMix64(seed: c.seed, stream: 41)
        let expected = c.plm.seriesPerHourOfSleep * sleepHours
        let seriesCount = expected > 0 ? poisson(expected, &gp) : 0
        for _ in 0..<seriesCount where !sleepEpochs.isEmpty {
            let e = sleepEpochs[gp.integer(0...(sleepEpochs.count - 1))]
            var t = e.onset + gp.uniform(0...epoch)
            let leg = gp.integer(0...1)
            for _ in 0..<gp.integer(c.plm.movementsPerSeries) {
                add(leg, t, "plm", &gp)
                t += gp.uniform(c.plm.intervalS)
            }
        }
        var gi = SplitMix64(seed: c.seed, stream: 42)
        var t = gi.exponential(mean: 3600 / max(c.isolatedPerHour, 1e-9))
        while c.isolatedPerHour > 0 && t < c.durationSeconds {
            add(gi.integer(0...1), t, "isolated", &gi)
            t += gi.exponential(mean: 3600 / c.isolatedPerHour)
        }
        var respiratory: [NightTruth.RespiratoryEvent] = []
        var gr = SplitMix64(seed: c.seed, stream: 43)
        let respiratoryCount = c.respiratory.perHourOfSleep > 0 ? poisson(c.respiratory.perHourOfSleep * sleepHours, &gr) : 0
        for _ in 0..<respiratoryCount where !sleepEpochs.isEmpty {
            let e = sleepEpochs[gr.integer(0...(sleepEpochs.count - 1))]
            let onset = e.onset + gr.uniform(0...epoch), duration = gr.uniform(c.respiratory.durationS)
            guard onset + duration < c.durationSeconds - 15 else { continue }
            respiratory.append(.init(onset: onset, duration: duration))
            if gr.unit() < c.respiratory.movementProbability {
                // The leg moves with the breath that ends the event.
                add(gr.integer(0...1), onset + duration + gr.uniform(-0.3...0.3), "respiratory", &gr)
            }
        }
        legs.sort { $0.onset < $1.onset }

        let channels = c.chin ? 3 : 2
        var burstsByChannel: [[(Double, Double)]] = Array(repeating: [], count: channels)
        func clear(_ ch: Int, _ onset: Double, _ duration: Double) -> Bool {
            let lo = onset - burstClearance, hi = onset + duration + burstClearance
            if ch < 2 && legs.contains(where: { $0.leg == ch && $0.onset < hi && $0.offset > lo }) { return false }
            return !burstsByChannel[ch].contains { $0.0 < hi && $0.0 + $0.1 > lo }
        }
        var hypnic: [NightTruth.Burst] = []
        var gh = SplitMix64(seed: c.seed, stream: 44)
        for i in hypnogram.indices.dropFirst() where hypnogram[i].stage == "N1" && hypnogram[i - 1].stage == "W" {
            for _ in 0..<gh.integer(c.hypnic.perSleepOnset) {
                // Around the transition: the last wake epoch or the first N1 epoch.
                let onset = hypnogram[i].onset + gh.uniform(-epoch...(epoch - 1))
                let duration = gh.uniform(c.hypnic.durationMs) / 1000
                guard (0..<channels).allSatisfy({ clear($0, onset, duration) }) else { continue }
                hypnic.append(.init(onset: onset, duration: duration, amplitude: gh.logUniform(c.hypnic.amplitudeUV), channel: nil))
                for ch in 0..<channels { burstsByChannel[ch].append((onset, duration)) }
            }
        }
        var fragmentary: [NightTruth.Burst] = []
        var gf = SplitMix64(seed: c.seed, stream: 45)
        if c.fragmentary.perMinuteOfNREM > 0 {
            var t = gf.exponential(mean: 60 / c.fragmentary.perMinuteOfNREM)
            while t < c.durationSeconds - 1 {
                defer { t += gf.exponential(mean: 60 / c.fragmentary.perMinuteOfNREM) }
                guard let s = stage(at: t), s == "N1" || s == "N2" || s == "N3" else { continue }
                let ch = gf.integer(0...(channels - 1)), duration = gf.uniform(c.fragmentary.durationMs) / 1000
                let amplitude = gf.logUniform(c.fragmentary.amplitudeUV)
                guard clear(ch, t, duration) else { continue }
                fragmentary.append(.init(onset: t, duration: duration, amplitude: amplitude, channel: ch))
                burstsByChannel[ch].append((t, duration))
            }
        }
        hypnic.sort { $0.onset < $1.onset }
        return NightTruth(hypnogram: hypnogram, legMovements: legs, hypnicJerks: hypnic, fragmentaryBursts: fragmentary,
                          respiratoryEvents: respiratory.sorted { $0.onset < $1.onset })
    }

    private static func stages(_ c: NightConfig, _ g: inout SplitMix64) -> [NightTruth.Epoch] {
        let total = Int((c.durationSeconds / epoch).rounded(.down))
        var out: [String] = []
        func run(_ stage: String, minutes: ClosedRange<Double>) {
            let n = max(1, Int((g.uniform(minutes) * 60 / epoch).rounded()))
            out += Array(repeating: stage, count: n)
        }
        run("W", minutes: (c.sleepLatencyS.lowerBound / 60)...(c.sleepLatencyS.upperBound / 60))
        var cycle = 0
        while out.count < total {
            run("N1", minutes: 1...4)
            run("N2", minutes: 10...25)
            run("N3", minutes: cycle < 2 ? 10...30 : 0...8)
            run("N2", minutes: 5...15)
            run("R", minutes: Double(5 + 5 * min(cycle, 4))...Double(10 + 5 * min(cycle, 4)))
            if g.unit() < 0.5 { run("W", minutes: 0.5...2) }
            cycle += 1
        }
        return out.prefix(total).enumerated().map { NightTruth.Epoch(onset: Double($0.offset) * epoch, duration: epoch, stage: $0.element) }
    }

    /// A Poisson draw by counting exponential waits (means here are at most a few hundred).
    private static func poisson(_ mean: Double, _ g: inout SplitMix64) -> Int {
        var n = 0, t = g.exponential(mean: 1)
        while t < mean && n < 100_000 { n += 1; t += g.exponential(mean: 1) }
        return n
    }
}
