import Foundation
import MyoDetect
import MyoSignal
import Testing
@testable import MyoAnalysis

/// The origin analysis on hand-made events whose answer is known exactly.
@Suite("Origin analysis")
struct OriginTests {
    static func burst(_ channel: String, index: Int, onset: Double, ms: Double, peak: Double = 100) -> ChannelEvent {
        ChannelEvent(channelIndex: index, channel: channel, source: .emgBurst, onset: onset, offset: onset + ms / 1000,
                     peak: peak, area: 1, baseline: 5, intensity: peak / 5, unit: "uV", confidence: 0.9)
    }

    static func event(_ bursts: [ChannelEvent]) -> MyoclonicEvent {
        let ordered = bursts.sorted { $0.onset < $1.onset }
        return MyoclonicEvent(onset: ordered[0].onset, offset: ordered.map(\.offset).max() ?? 0, polarity: .positive,
                              channels: ordered, peak: ordered[0].peak, area: 1, intensity: 10, unit: "uV", confidence: 0.9)
    }

    @Test func montageFindsCommonMusclesAndSides() {
        let m = MuscleMontage()
        #expect(m.position(of: "EMG R-FDI") == 13)
        #expect(m.position(of: "EMG L Biceps Femoris") == 44)
        #expect(m.position(of: "EMG Biceps") == 9)
        #expect(m.position(of: "SCM left") == 2)
        #expect(m.position(of: "Fp1") == nil)
        #expect(MuscleMontage(positionsCm: ["chan 3": 17]).position(of: "Chan 3") == 17)
        #expect(MuscleMontage(useBuiltInTable: false).position(of: "EMG R-FDI") == nil)
        #expect(MuscleMontage.side(of: "EMG R-FDI") == "right")
        #expect(MuscleMontage.side(of: "LAT") == "left")
        #expect(MuscleMontage.region(ofPositionCm: 30) == .thoracic)
    }

    @Test func fewerThanTenBurstsIsUndetermined() throws {
        let events = (0..<9).map { Self.event([Self.burst("EMG R-FDI", index: 0, onset: Double($0) * 2 + 1, ms: 25)]) }
        let origin = try OriginAnalyzer().analyze(events: events)
        #expect(origin.hint == .undetermined)
        #expect(origin.durations.n == 9)
        #expect(origin.findings.first?.source.contains("van der Veen") == true)
    }

    @Test func durationStatisticsAreExact() {
        let s = BurstDurationStatistics(channel: nil, durationsMs: [10, 20, 30, 40, 60, 80, 120, .nan])
        #expect(s.n == 7)
        #expect(s.medianMs == 40)
        #expect(s.p25Ms == 25)
        #expect(s.p75Ms == 70)
        #expect(s.shareUnder50 == 4.0 / 7)
        #expect(s.shareOver100 == 1.0 / 7)
    }

    @Test func velocityAndBothDirectionsFromAThoracicOrigin() throws {
        // Rectus abdominis (30 cm) first; deltoid (8 cm) 22 cm up and tibialis (42 cm) 12 cm down at 5 m/s.
        let events = (0..<20).map { k -> MyoclonicEvent in
            let t = Double(k) * 3 + 1
            return Self.event([Self.burst("EMG Rectus Abdominis", index: 0, onset: t, ms: 80),
                               Self.burst("EMG Deltoid", index: 1, onset: t + 0.22 / 5, ms: 80),
                               Self.burst("EMG Tibialis", index: 2, onset: t + 0.12 / 5, ms: 80)])
        }
        let origin = try OriginAnalyzer().analyze(events: events)
        let spread = try #require(origin.recruitment.spread)
        #expect(spread.originChannel == "EMG Rectus Abdominis")
        #expect(spread.spreadsUp && spread.spreadsDown)
        #expect(abs((spread.velocityMPerS ?? 0) - 5) < 0.01)
        #expect(origin.recruitment.muscles.map(\.channel) == ["EMG Rectus Abdominis", "EMG Tibialis", "EMG Deltoid"])
        #expect(origin.recruitment.pairs.isEmpty)
        #expect(origin.hint == .spinal)
        #expect(origin.findings.contains { $0.origin == .spinal && $0.source.contains("Brown 1994") })
    }

    @Test func startleAndHabituationFromStimulusMarkers() throws {
        var events: [MyoclonicEvent] = []
        var annotations: [Annotation] = []
        for k in 0..<12 {
            let s = Double(k) * 5 + 2
            annotations.append(Annotation(onset: s, text: k % 2 == 0 ? "Sound" : "tap"))
            let peak = 400 - Double(k) * 30
            events.append(Self.event([Self.burst("EMG SCM", index: 0, onset: s + 0.07, ms: 120, peak: peak),
                                      Self.burst("EMG R-Deltoid", index: 1, onset: s + 0.085, ms: 120, peak: peak)]))
        }
        annotations.append(Annotation(onset: 1, text: "lights off"))
        let origin = try OriginAnalyzer().analyze(events: events, annotations: annotations)
        let st = try #require(origin.stimulus)
        #expect(st.stimulusCount == 12)
        #expect(st.respondedCount == 12)
        #expect(st.firstMuscle == "EMG SCM")
        #expect(abs((st.muscles.first?.latencyMedianMs ?? 0) - 70) < 1e-6)
        #expect(st.startleLike)
        #expect(st.habituation?.habituates == true)
        #expect(origin.findings.contains { $0.origin == .subcortical && $0.text.contains("responds first") })
    }

    @Test func backAveragingInputsCount() throws {
        let events = (0..<15).map { Self.event([Self.burst("EMG R-FDI", index: 0, onset: Double($0) * 2 + 1, ms: 85)]) }
        let plain = try OriginAnalyzer().analyze(events: events)
        let withBP = try OriginAnalyzer().analyze(events: events, bereitschaftspotential: true)
        #expect(withBP.hint == .functional)
        #expect((withBP.scores["functional"] ?? 0) > (plain.scores["functional"] ?? 0))
        let withTransient = try OriginAnalyzer().analyze(events: events, preJerkTransient: true, bereitschaftspotential: false)
        #expect((withTransient.scores["cortical"] ?? 0) > (plain.scores["cortical"] ?? 0))
    }

    @Test func invalidParametersThrow() {
        var p = OriginAnalyzer.Parameters()
        p.corticalCutoffMs = .nan
        #expect(throws: OriginError.self) { try OriginAnalyzer(parameters: p).analyze(events: []) }
        #expect(!OriginAnalyzer().described.isEmpty)
    }

    @Test func resultRoundTripsThroughJSON() throws {
        let events = (0..<12).map { Self.event([Self.burst("EMG R-FDI", index: 0, onset: Double($0) + 1, ms: 30),
                                                Self.burst("EMG R-ECR", index: 1, onset: Double($0) + 1.004, ms: 30)]) }
        let origin = try OriginAnalyzer().analyze(events: events)
        #expect(origin.hint == .cortical)
        let data = try JSONEncoder().encode(origin)
        #expect(try JSONDecoder().decode(OriginResult.self, from: data) == origin)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"hint\":\"cortical\""))
    }
}
