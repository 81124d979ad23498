/// Ready-made simulations of the physiological types of myoclonus, for trying the origin and
/// rhythm analyses on recordings whose answer is known.
///
/// Muscle distances are measured along the spread chain from the muscle where each jerk starts
/// (``SimulationConfig/Muscle/distanceCm``); they follow the neuraxis positions of
/// `MuscleMontage`'s built-in table (a convention, documented there), so the analysis's velocity
/// estimate can be checked against ``SimulationConfig/EMGSetup/spreadVelocity``.
public enum SimulationPreset: String, Sendable, CaseIterable, Codable {
    /// Cortical myoclonus: bursts of 10-50 ms, agonist and antagonist at one site together
    /// (Eberhardt & Topka 2017, PMC5575623; Hallett 1977).
    case cortical
    /// Brainstem (reticular) myoclonus: generalised jerks with bursts over 100 ms (docs/sources.md), starting
    /// in the sternocleidomastoid and recruiting muscles down the neuraxis.
    case brainstem
    /// Propriospinal myoclonus: repetitive jerks at 1-7 Hz spreading up and down from a
    /// mid-thoracic muscle at 3-11 m/s (Brown 1994); here 2 Hz runs at 7 m/s.
    case propriospinal
    /// Runs of brief bursts at `rhythmic.rateHz` (3 Hz unless changed), a few isolated jerks
    /// between them.
    case rhythmic

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .cortical: return "10-50 ms bursts, agonist and antagonist together"
        case .brainstem: return "bursts over 100 ms, generalised, from the sternocleidomastoid downwards"
        case .propriospinal: return "2 Hz runs spreading up and down from the rectus abdominis at 7 m/s"
        case .rhythmic: return "runs of brief bursts at rhythmic.rateHz (default 3 Hz)"
        }
    }
}

extension SimulationConfig {
    /// The settings of a preset; every other setting keeps its default.
    public static func preset(_ preset: SimulationPreset) -> SimulationConfig {
        var c = SimulationConfig()
        switch preset {
        case .cortical:
            c.positive.durationMs = 10...50
            c.positive.ratePerMinute = 20
            c.emg.muscles = [Muscle(label: "EMG R-FDI"), Muscle(label: "EMG R-ECR", burstGain: 0.7, tonicGain: 0.8)]
        case .brainstem:
            c.positive.durationMs = 110...250
            c.positive.ratePerMinute = 12
            // Clusters would put bursts over 100 ms within the fusion window of each other.
            c.positive.clusterProbability = 0
            c.emg.muscles = [Muscle(label: "EMG SCM"), Muscle(label: "EMG R-Deltoid", distanceCm: 6),
                             Muscle(label: "EMG R-Biceps", distanceCm: 7), Muscle(label: "EMG R-FDI", distanceCm: 11),
                             Muscle(label: "EMG R-Rectus Abdominis", distanceCm: 28),
                             Muscle(label: "EMG R-Quadriceps", distanceCm: 38), Muscle(label: "EMG R-Tibialis", distanceCm: 40)]
            // Engineering: a fast pathway, unlike the 3-11 m/s of propriospinal spread; the origin
            // rules read the recruitment order, not this speed.
            c.emg.spreadVelocity = 40
        case .propriospinal:
            c.positive.ratePerMinute = 3
            c.rhythmic.runsPerHour = 60
            c.rhythmic.rateHz = 2
            c.emg.muscles = [Muscle(label: "EMG SCM", distanceCm: 28), Muscle(label: "EMG R-Deltoid", distanceCm: 22),
                             Muscle(label: "EMG R-Rectus Abdominis"), Muscle(label: "EMG R-Quadriceps", distanceCm: 10),
                             Muscle(label: "EMG R-Tibialis", distanceCm: 12)]
            c.emg.spreadVelocity = 7
        case .rhythmic:
            c.positive.ratePerMinute = 2
            c.rhythmic.runsPerHour = 60
        }
        return c
    }
}
