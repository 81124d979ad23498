import Foundation
import MyoDetect

/// The ground-truth table `myotrace simulate --night --truth` writes: every true event of a
/// simulated night, with the PLM membership the rules give the true movements.
public enum SleepTruthTable {
    /// CSV with the header `onset_s,duration_s,kind,leg,amplitude_uv,origin,plm,series`, one row
    /// per event sorted by onset. `kind` is `limb_movement` (one leg's movement), `hypnic_jerk`,
    /// `fragmentary_burst` or `respiratory_event`; `leg` is L, R, or empty (hypnic jerks are in
    /// every channel, a fragmentary burst names its channel number); `plm` is 1 when the scored
    /// limb movement containing this leg movement belongs to a PLM series (`series`, from 0), 0
    /// otherwise, empty for other kinds. `scored` is ``SleepAnalyzer/score(truth:annotations:recordingSeconds:legLabels:)``.
    /// Complexity: O(n log n) for n events.
    public static func csv(truth: NightTruth, scored: SleepResult) -> String {
        let movements = scored.limbMovements.sorted { $0.onset < $1.onset }
        func containing(_ onset: Double) -> LimbMovement? {
            var lo = 0, hi = movements.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if movements[mid].onset <= onset + 1e-9 { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0 else { return nil }
            let m = movements[lo - 1]
            return onset <= m.offset + 1e-9 ? m : nil
        }
        var rows: [(Double, String)] = []
        func f(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }
        for m in truth.legMovements {
            let scoredMovement = containing(m.onset)
            let series = scoredMovement?.series
            let isPLM = series != nil && !(scoredMovement?.isRespiratory ?? true)
            rows.append((m.onset, "\(f(m.onset)),\(f(m.duration)),limb_movement,\(m.leg == 0 ? "L" : "R"),\(f(m.amplitude, 2)),\(m.origin),"
                         + "\(isPLM ? 1 : 0),\(isPLM ? series.map(String.init) ?? "" : "")"))
        }
        for b in truth.hypnicJerks {
            rows.append((b.onset, "\(f(b.onset)),\(f(b.duration)),hypnic_jerk,,\(f(b.amplitude, 2)),,,"))
        }
        for b in truth.fragmentaryBursts {
            rows.append((b.onset, "\(f(b.onset)),\(f(b.duration)),fragmentary_burst,\(b.channel.map { "ch\($0 + 1)" } ?? ""),\(f(b.amplitude, 2)),,,"))
        }
        for r in truth.respiratoryEvents {
            rows.append((r.onset, "\(f(r.onset)),\(f(r.duration)),respiratory_event,,,,,"))
        }
        rows.sort { $0.0 < $1.0 }
        return "onset_s,duration_s,kind,leg,amplitude_uv,origin,plm,series\n" + rows.map { $0.1 + "\n" }.joined()
    }
}
