import Testing
@testable import MyoDetect

func channelEvent(_ channel: Int, _ source: EventSource, _ onset: Double, _ duration: Double,
                  confidence: Double = 0.5) -> ChannelEvent {
    ChannelEvent(channelIndex: channel, channel: "ch\(channel)", source: source, onset: onset, offset: onset + duration,
                 peak: 100, area: 1, baseline: 10, intensity: 10, unit: "uV", confidence: confidence)
}

@Suite("Fusion of channels and the summary")
struct FusionTests {
    @Test("Agonist, antagonist and accelerometer seeing one jerk make one event, in firing order")
    func fusesOneJerk() throws {
        let events = EventFusion().fuse([
            channelEvent(1, .emgBurst, 10.008, 0.04),
            channelEvent(0, .emgBurst, 10.000, 0.05),
            channelEvent(4, .motionJerk, 10.035, 0.2),
        ])
        #expect(events.count == 1)
        let e = try #require(events.first)
        #expect(e.onset == 10.0)
        #expect(e.channels.map(\.channelIndex) == [0, 1, 4])
        #expect(abs(e.offset - 10.05) < 1e-12)  // EMG offsets give the duration, not the slower motion
        #expect(abs(e.confidence - (1 - 0.125)) < 1e-12)
    }

    @Test("A cluster on one muscle stays several events; polarities never mix")
    func keepsClustersApart() {
        let events = EventFusion().fuse([
            channelEvent(0, .emgBurst, 5.00, 0.05),
            channelEvent(0, .emgBurst, 5.20, 0.05),
            channelEvent(0, .emgBurst, 5.40, 0.05),
            channelEvent(1, .emgSilentPeriod, 5.01, 0.1),
        ])
        #expect(events.count == 4)
        #expect(events.filter { $0.polarity == .negative }.count == 1)
    }

    @Test("Detections further apart than the window are separate events")
    func windows() {
        let events = EventFusion().fuse([channelEvent(0, .emgBurst, 1.0, 0.05), channelEvent(1, .emgBurst, 1.2, 0.05)])
        #expect(events.count == 2)
        let motion = EventFusion().fuse([channelEvent(0, .emgBurst, 1.0, 0.05), channelEvent(3, .motionJerk, 1.14, 0.1)])
        #expect(motion.count == 1)
    }

    @Test("Summary: counts, rates per minute, per-channel groups and silent-period bins")
    func summary() throws {
        let events = EventFusion().fuse([
            channelEvent(0, .emgBurst, 1.0, 0.030), channelEvent(0, .emgBurst, 20.0, 0.050),
            channelEvent(0, .emgSilentPeriod, 40.0, 0.060), channelEvent(0, .emgSilentPeriod, 50.0, 0.0995),
            channelEvent(0, .emgSilentPeriod, 70.0, 0.2),
        ])
        let s = SummaryBuilder.summarize(events: events, longActivity: [], analysableSeconds: 120)
        #expect(s.count == 5 && s.positiveCount == 2 && s.negativeCount == 3)
        #expect(abs(s.ratePerMinute - 2.5) < 1e-12)
        #expect(s.silentPeriodBins == ["50-69": 1, "70-100": 1, "101-500": 1])
        let positive = try #require(s.groups.first { $0.channel == nil && $0.polarity == .positive })
        #expect(abs((positive.durationMs.median ?? 0) - 40) < 1e-9)
        #expect(s.groups.contains { $0.channel == "ch0" && $0.polarity == .negative && $0.count == 3 })
    }
}
