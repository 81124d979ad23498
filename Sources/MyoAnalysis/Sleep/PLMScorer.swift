import MyoSignal

/// Limb movements and PLM series of a night by the rules (``LimbMovementRules``), from the
/// movements of each leg.
///
/// Steps: movements shorter than the minimum are not LMs; the two legs are combined by the
/// rule set's bilateral rule (AASM: onsets less than 5 s apart; WASM: overlapping or less than
/// 0.5 s from one's offset to the other's onset, up to 4 components); the duration rules mark
/// candidates (AASM drops the long ones, WASM keeps them as series breakers); respiratory
/// events exclude movements (AASM: removed; WASM: still part of the interval sequence but not
/// counted as PLM, one reading of "the PLM rate should be calculated without the respiratory
/// related events"); then runs of at least 4 candidates with onset-to-onset intervals in the
/// rule set's range form PLM series. An interval outside the range, or a non-candidate, ends a
/// run (explicit in WASM 2016; for AASM, an LM outside the interval range cannot belong to the
/// series it interrupts).
///
/// Complexity: O(m log m) for m leg movements, plus O(m · e) at worst for e respiratory events.
public enum PLMScorer {
    /// A respiratory event (apnea, hypopnea, desaturation...), seconds from the recording start.
    public struct RespiratoryEvent: Sendable, Hashable, Codable {
        public var onset: Double
        public var end: Double
        public init(onset: Double, end: Double) {
            self.onset = onset
            self.end = max(onset, end)
        }
    }

    /// What scoring found: every movement considered, the PLM series, counts and the index.
    public struct Score: Sendable, Hashable, Codable {
        /// Limb movements after combining the legs, sorted by onset (AASM: respiratory-excluded
        /// and too-long ones removed; WASM: kept and flagged).
        public var movements: [LimbMovement]
        public var series: [PLMSeries]
        /// Scored LMs: candidates not excluded for respiration.
        public var lmCount: Int
        /// Of those, the ones that started in sleep (all, without a hypnogram).
        public var lmCountInSleep: Int
        /// PLMs that started in sleep (PLMS), or all PLMs without a hypnogram.
        public var plmCount: Int
    }

    /// Scores the leg movements. `hypnogram` may be empty: stages are then unknown and every
    /// movement counts as if in sleep.
    public static func score(_ legMovements: [LegMovement], rules: LimbMovementRules, hypnogram: Hypnogram,
                             respiratory: [RespiratoryEvent]) -> Score {
        let c = rules.criteria
        var movements = combine(legMovements.filter { $0.duration >= c.minimumDuration - 1e-9 }, criteria: c)
        let sortedRespiratory = respiratory.sorted { $0.end < $1.end }
        for i in movements.indices {
            movements[i].isRespiratory = isRespiratory(movements[i], criteria: c, events: sortedRespiratory)
            movements[i].stage = hypnogram.stage(at: movements[i].onset)
        }
        if rules == .aasm2016 { movements.removeAll { !$0.isCandidate || $0.isRespiratory } }

        var series: [PLMSeries] = []
        var run: [Int] = []
        let hasHypnogram = !hypnogram.isEmpty
        func inSleep(_ m: LimbMovement) -> Bool { !hasHypnogram || (m.stage?.isSleep ?? false) }
        func close() {
            defer { run.removeAll() }
            guard run.count >= c.minimumSeriesCount, let first = run.first, let last = run.last else { return }
            let index = series.count
            var sleeping = 0
            for i in run {
                movements[i].series = index
                if inSleep(movements[i]) && !movements[i].isRespiratory { sleeping += 1 }
            }
            let span = movements[last].onset - movements[first].onset
            series.append(PLMSeries(onset: movements[first].onset, offset: movements[last].offset, count: run.count,
                                    countInSleep: sleeping, meanInterval: span / Double(run.count - 1)))
        }
        for i in movements.indices {
            guard movements[i].isCandidate else { close(); continue }
            if let last = run.last {
                let interval = movements[i].onset - movements[last].onset
                if interval < c.minimumInterval || interval > c.maximumInterval { close() }
            }
            run.append(i)
        }
        close()
        let scored = movements.filter { $0.isCandidate && !$0.isRespiratory }
        let plm = scored.filter { $0.series != nil && inSleep($0) }
        return Score(movements: movements, series: series, lmCount: scored.count,
                     lmCountInSleep: scored.filter(inSleep).count, plmCount: plm.count)
    }

    /// Combines the two legs' movements into limb movements by the bilateral rule. O(m log m).
    public static func combine(_ legMovements: [LegMovement], criteria c: LimbMovementCriteria) -> [LimbMovement] {
        let sorted = legMovements.sorted { ($0.onset, $0.leg) < ($1.onset, $1.leg) }
        var out: [LimbMovement] = []
        var group: [LegMovement] = []
        func flush() {
            guard let first = group.first else { return }
            let legs = Array(Set(group.map(\.leg))).sorted()
            let offset = group.map(\.offset).max() ?? first.offset
            let longest = legs.count > 1 ? c.maximumBilateralDuration : c.maximumDuration
            let componentsFit = group.allSatisfy { $0.duration <= c.maximumDuration + 1e-9 }
            let candidate = componentsFit && offset - first.onset <= longest + 1e-9
            out.append(LimbMovement(onset: first.onset, offset: offset, legs: legs, isCandidate: candidate))
            group.removeAll()
        }
        for m in sorted {
            if let first = group.first, group.count < c.maximumBilateralComponents {
                let legs = Set(group.map(\.leg))
                let bringsOtherLeg = !legs.contains(m.leg) || legs.count > 1
                var joins = false
                if let window = c.bilateralOnsetWindow {
                    joins = !legs.contains(m.leg) && m.onset - first.onset < window
                } else if let gap = c.bilateralGap {
                    let groupOffset = group.map(\.offset).max() ?? first.offset
                    joins = bringsOtherLeg && m.onset - groupOffset < gap
                }
                if joins { group.append(m); continue }
            }
            flush()
            group = [m]
        }
        flush()
        return out
    }

    private static func isRespiratory(_ m: LimbMovement, criteria c: LimbMovementCriteria, events: [RespiratoryEvent]) -> Bool {
        // Events sorted by end: those ending long before the movement cannot reach it, so the
        // scan starts after them (O(log e + later events); a night has at most a few hundred).
        let reach = max(c.respiratoryBefore ?? 0, abs(c.respiratoryAfterStart ?? 0), c.respiratoryAfterEnd)
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].end < m.onset - reach { lo = mid + 1 } else { hi = mid }
        }
        var i = lo
        while i < events.count {
            let e = events[i]
            i += 1
            let window: (Double, Double)
            if let before = c.respiratoryBefore {
                window = (e.onset - before, e.end + c.respiratoryAfterEnd)
            } else {
                window = (e.end + (c.respiratoryAfterStart ?? 0), e.end + c.respiratoryAfterEnd)
            }
            if m.offset >= window.0 && m.onset <= window.1 { return true }
        }
        return false
    }
}
