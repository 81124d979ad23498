import Testing
@testable import MyoDetect

@Suite("Evaluation against ground truth")
struct EvaluationTests {
    @Test("One-to-one matching takes the closest pairs first")
    func matching() {
        let pairs = OnsetMatcher.match(detected: [1.00, 1.03, 5.0], truth: [1.02, 1.04, 9.0], tolerance: 0.05)
        // 1.03 -> 1.02 (10 ms) is the closest pair and is taken first; 1.00 is then left with 1.04 (40 ms).
        #expect(pairs == [.init(detected: 1, truth: 0), .init(detected: 0, truth: 1)])
    }

    @Test("A detection matches at most one truth and vice versa")
    func oneToOne() {
        let pairs = OnsetMatcher.match(detected: [2.0], truth: [1.99, 2.01], tolerance: 0.05)
        #expect(pairs.count == 1)
        let pairs2 = OnsetMatcher.match(detected: [1.99, 2.01], truth: [2.0], tolerance: 0.05)
        #expect(pairs2.count == 1)
    }

    @Test("Tolerance is strict: a difference equal to it does not match")
    func strictTolerance() {
        #expect(OnsetMatcher.match(detected: [1.5], truth: [1.0], tolerance: 0.5).isEmpty)
        #expect(OnsetMatcher.match(detected: [1.0], truth: [1.0], tolerance: 0.05).count == 1)
    }

    @Test("Precision, recall, F1, onset errors and voluntary leaks")
    func scores() throws {
        let truth = [TruthEvent(onset: 1, duration: 0.05, kind: "positive"),
                     TruthEvent(onset: 3, duration: 0.05, kind: "positive"),
                     TruthEvent(onset: 5, duration: 2.0, kind: "voluntary"),
                     TruthEvent(onset: 9, duration: 0.1, kind: "negative")]
        let detected = [TruthEvent(onset: 1.004, duration: 0.05, kind: "positive"),
                        TruthEvent(onset: 5.5, duration: 0.05, kind: "positive"),
                        TruthEvent(onset: 8.99, duration: 0.1, kind: "negative")]
        let e = Evaluation.compare(detected: detected, truth: truth, toleranceMs: 50)
        let p = try #require(e.score("positive"))
        #expect(p.truePositives == 1 && p.falsePositives == 1 && p.falseNegatives == 1)
        #expect(abs(p.f1 - 0.5) < 1e-12)
        #expect(abs((p.medianAbsoluteOnsetErrorMs ?? 0) - 4) < 1e-9)
        #expect(e.voluntaryCountedAsJerk == 1 && e.voluntaryCount == 1)
        let n = try #require(e.score("negative"))
        #expect(n.f1 == 1)
        #expect(abs((n.medianOnsetErrorMs ?? 0) + 10) < 1e-9)
    }

    @Test("Tables: truth and events CSV, with errors that name the line and column")
    func tables() throws {
        let truth = try EventTable.truth(csv: "onset_s,duration_s,kind,amplitude\n1.5,0.05,positive,100\n2.5,1.0,voluntary,50\n", file: "t.csv")
        #expect(truth.count == 2 && truth[1].kind == "voluntary")
        let windows = try EventTable.truth(csv: "onset_s,duration_s,kind\r\n1.5,0.05,positive\r\n2.5,1.0,voluntary\r\n", file: "w.csv")
        #expect(windows == truth.map { TruthEvent(onset: $0.onset, duration: $0.duration, kind: $0.kind) })
        let events = try EventTable.events(csv: "onset_s,offset_s,duration_s,polarity,channels,peak,intensity,confidence\n1.5,1.55,0.05,positive,EMG,10,3,0.9\n", file: "e.csv")
        #expect(events.first?.kind == "positive")
        #expect(throws: EventTableError.invalidCell(file: "t.csv", line: 3, column: "onset_s", value: "x")) {
            try EventTable.truth(csv: "onset_s,kind\n1,positive\nx,positive\n", file: "t.csv")
        }
        #expect(throws: EventTableError.missingColumn(file: "e.csv", column: "polarity", header: "onset_s,kind")) {
            try EventTable.events(csv: "onset_s,kind\n1,positive\n", file: "e.csv")
        }
        #expect(throws: EventTableError.empty(file: "e.csv")) { try EventTable.events(csv: "", file: "e.csv") }
    }
}
