import Foundation
@testable import MyoDetect
import MyoSignal
import Testing

/// The batched motion filters against the generic `SOSFilter` (Double), and the detector's
/// handling of axes that arrive in unequal pieces.
@Suite struct MotionFilterBankTests {
    static func signal(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Double(state >> 11) / Double(1 << 53) - 0.5
            return Float(1 + 0.3 * sin(Double(i) * 0.07) + 0.2 * sin(Double(i) * 0.9) + 0.1 * noise)
        }
    }

    @Test func lanesMatchSOSFilterWithTheirOwnCoefficients() throws {
        let bandPass = try Butterworth.design(order: 2, band: .bandPass(3, 20), sampleRate: 100)
        let lowPass = try Butterworth.design(order: 2, band: .lowPass(0.2), sampleRate: 25)
        var bank = try #require(MotionFilterBank(lanes: [bandPass, bandPass, lowPass]))
        let lanes = (0..<3).map { Self.signal(3000, seed: UInt64($0 + 1)) }
        var references = [SOSFilter(sections: bandPass, initialCondition: .steadyStateAtFirstSample),
                          SOSFilter(sections: bandPass, initialCondition: .steadyStateAtFirstSample),
                          SOSFilter(sections: lowPass, initialCondition: .steadyStateAtFirstSample)]
        let expected = (0..<3).map { references[$0].process(lanes[$0]) }
        bank.prime(SIMD4<Float>(lanes[0][0], lanes[1][0], lanes[2][0], 5))
        var worst: Float = 0
        for n in 0..<3000 {
            let y = bank.step(SIMD4<Float>(lanes[0][n], lanes[1][n], lanes[2][n], 5))
            for lane in 0..<3 { worst = max(worst, abs(y[lane] - expected[lane][n])) }
            // The fourth lane has no sections: it passes its input through.
            #expect(y[3] == 5)
        }
        #expect(worst < 1e-4, "largest difference \(worst)")
    }

    @Test func primedBandPassIsSilentOnAConstant() throws {
        let bandPass = try Butterworth.design(order: 2, band: .bandPass(3, 20), sampleRate: 100)
        var bank = try #require(MotionFilterBank(lanes: [bandPass, bandPass, bandPass]))
        bank.prime(SIMD4<Float>(0.2, -0.3, 0.93, 0))
        for _ in 0..<500 {
            let y = bank.step(SIMD4<Float>(0.2, -0.3, 0.93, 0))
            #expect(abs(y[0]) < 1e-6 && abs(y[1]) < 1e-6 && abs(y[2]) < 1e-6)
        }
        #expect(MotionFilterBank(lanes: [Array(repeating: bandPass[0], count: 3)]) == nil)
    }

    @Test func axesArrivingInUnequalPiecesEqualWhole() throws {
        var scene = MotionScene(seconds: 20)
        for t in [4.0, 9.5, 15.2] { scene.jerk(at: t) }
        scene.lapse(at: 12)
        let whole = try MotionDetectorTests.run(scene.axes)
        #expect(!whole.events.isEmpty)
        var detector = try MotionDetector(channelIndices: [0, 1, 2], labels: ["ACC_X", "ACC_Y", "ACC_Z"], unit: "g",
                                          sampleRate: 100, kind: .acc)
        var output = DetectorOutput()
        // x runs ahead by 130 samples, z lags; every piece differs in length per axis.
        let cuts = [[0, 330, 900, 2000], [0, 200, 700, 2000], [0, 150, 1200, 2000]]
        for piece in 0..<3 {
            let axes = (0..<3).map { axis in Array(scene.axes[axis][cuts[axis][piece]..<cuts[axis][piece + 1]]) }
            output.append(detector.process(axes))
        }
        output.append(detector.finish())
        #expect(output == whole)
    }
}
