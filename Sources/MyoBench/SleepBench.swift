import Foundation
import MyoAnalysis
import MyoDetect

/// `MyoBench sleep HOURS [--seeds 1,2,3] [--wasm] [--fragmentary N]`: simulates nights of
/// HOURS, streams each through ``SleepAnalyzer`` and compares with the exact truth (limb
/// movements within 0.5 s, PLM index); one JSON line per night with the time taken and the
/// process's peak memory so far.
func sleepBenchmark(_ args: [String]) throws {
    let hours = Double(args[safe: 1] ?? "") ?? 8
    let seeds = (args.firstIndex(of: "--seeds").flatMap { args[safe: $0 + 1] } ?? "1")
        .split(separator: ",").compactMap { UInt64($0) }
    let fragmentary = args.firstIndex(of: "--fragmentary").flatMap { Double(args[safe: $0 + 1] ?? "") } ?? 0
    var parameters = SleepAnalyzer.Parameters()
    if args.contains("--wasm") { parameters.rules = .wasm2016 }
    let analyzer = SleepAnalyzer(parameters: parameters)
    for seed in seeds {
        var config = NightConfig()
        config.seed = seed
        config.durationSeconds = hours * 3600
        config.fragmentary.perMinuteOfNREM = fragmentary
        let night = try SimulatedNight(config: config)
        let t0 = now()
        let detected = try analyzer.analyze(reader: night)
        let seconds = now() - t0
        let truth = analyzer.score(truth: night.truth, annotations: try night.annotations(), recordingSeconds: config.durationSeconds,
                                   legLabels: detected.legChannels)
        let c = SleepComparison.compare(detected: detected, truth: truth)
        emit(["benchmark": "sleep", "seed": seed, "hours": hours, "rules": parameters.rules.rawValue,
              "lmTruth": c.truthLMCount, "lmDetected": c.detectedLMCount, "lmF1": c.lmF1,
              "medianOnsetErrorS": c.medianOnsetErrorSeconds ?? -1,
              "plmIndexTruth": c.truthPLMIndex, "plmIndexDetected": c.detectedPLMIndex,
              "plmIndexRelativeError": c.plmIndexRelativeError,
              "hypnicTruth": c.truthHypnicJerks, "hypnicDetected": c.detectedHypnicJerks,
              "efmMinutesTruth": c.truthFragmentaryMinutes ?? -1, "efmMinutesDetected": c.detectedFragmentaryMinutes ?? -1,
              "analysisSeconds": seconds, "peakResidentKiB": peakResidentKiB()])
    }
}
