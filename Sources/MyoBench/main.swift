// Myotrace benchmarks: run in release mode, one core, warm cache.
//
//   swift run -c release MyoBench read FILE [--repeats N]   decode speed of a full streaming pass
//   swift run -c release MyoBench stream FILE                one pass, then peak memory
//   swift run -c release MyoBench detect FILE [--repeats N]  EMG detector speed on the first EMG channel
//   swift run -c release MyoBench motion FILE [--repeats N]  motion detector speed on the accelerometer axes
//
// Each prints one JSON object per line so that Tools/bench/run.sh can tabulate it beside the
// Python peers measured in the same run. Timings live here, never in unit tests.
import Foundation
import MyoDetect
import MyoFormats
import MyoSignal

/// Peak resident memory of this process in KiB (Linux `VmHWM`), or -1 where unknown.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }
    return -1
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Decodes every sample of `path` once, chunk by chunk; returns (seconds, samples, checksum).
func streamingPass(_ path: String) throws -> (seconds: Double, samples: Int, checksum: Double, duration: Double) {
    let t0 = now()
    let reader = try RecordingFile.open(path)
    var samples = 0
    var checksum = 0.0
    while let chunk = try reader.nextChunk() {
        for channel in chunk.samples {
            samples += channel.count
            // Touch the data so the work cannot be skipped; one sample per channel and chunk is enough.
            if let first = channel.first { checksum += Double(first) }
        }
    }
    return (now() - t0, samples, checksum, reader.header.duration)
}

func emit(_ fields: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

let args = Array(CommandLine.arguments.dropFirst())
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: MyoBench read FILE [--repeats N] | stream FILE | detect FILE [--repeats N] | motion FILE [--repeats N]\n".utf8))
    exit(2)
}
let path = args[1]
let repeats = args.firstIndex(of: "--repeats").flatMap { Int(args[safe: $0 + 1] ?? "") } ?? 5

/// Runs the EMG detector once over `signal` in 1-second chunks; returns (seconds, events found).
func detectorPass(_ signal: Signal, index: Int) throws -> (seconds: Double, events: Int) {
    let chunk = max(1, Int(signal.sampleRate.rounded()))
    let t0 = now()
    var detector = try EMGDetector(channelIndex: index, label: signal.label, unit: signal.unit,
                                   sampleRate: signal.sampleRate)
    var events = 0
    var start = 0
    while start < signal.samples.count {
        let end = min(start + chunk, signal.samples.count)
        let output = detector.process(Array(signal.samples[start..<end]))
        events += output.events.count + output.longActivity.count
        start = end
    }
    let last = detector.finish()
    events += last.events.count + last.longActivity.count
    return (now() - t0, events)
}

/// Runs the motion detector once over the accelerometer `axes` (1 or 3) in 1-second chunks;
/// returns (seconds, events found).
func motionPass(_ axes: [(offset: Int, element: Signal)]) throws -> (seconds: Double, events: Int) {
    let first = axes[0].element
    let chunk = max(1, Int(first.sampleRate.rounded()))
    let count = axes.map(\.element.samples.count).min() ?? 0
    let t0 = now()
    var detector = try MotionDetector(channelIndices: axes.map(\.offset), labels: axes.map(\.element.label),
                                      unit: first.unit, sampleRate: first.sampleRate, kind: .acc)
    var events = 0
    var start = 0
    while start < count {
        let end = min(start + chunk, count)
        let output = detector.process(axes.map { Array($0.element.samples[start..<end]) })
        events += output.events.count + output.longActivity.count
        start = end
    }
    let last = detector.finish()
    events += last.events.count + last.longActivity.count
    return (now() - t0, events)
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

do {
    switch args[0] {
    case "read":
        _ = try streamingPass(path)  // warm the page cache
        var best = Double.infinity
        var last = (seconds: 0.0, samples: 0, checksum: 0.0, duration: 0.0)
        for _ in 0..<max(1, repeats) {
            last = try streamingPass(path)
            best = min(best, last.seconds)
        }
        emit(["benchmark": "read", "file": (path as NSString).lastPathComponent, "seconds": best,
              "samples": last.samples, "samplesPerSecond": Double(last.samples) / best,
              "recordingHours": last.duration / 3600, "secondsPerHour": best / max(last.duration / 3600, 1e-9),
              "repeats": repeats, "peakResidentKiB": peakResidentKiB()])
    case "stream":
        let r = try streamingPass(path)
        emit(["benchmark": "stream", "file": (path as NSString).lastPathComponent, "seconds": r.seconds,
              "samples": r.samples, "recordingHours": r.duration / 3600, "peakResidentKiB": peakResidentKiB()])
    case "detect":
        let recording = try RecordingFile.read(path)
        guard let index = recording.signals.firstIndex(where: { $0.kind == .emg }) else {
            FileHandle.standardError.write(Data("MyoBench: no EMG channel in \(path)\n".utf8))
            exit(1)
        }
        let signal = recording.signals[index]
        var best = Double.infinity
        var events = 0
        for _ in 0..<max(1, repeats) {
            let pass = try detectorPass(signal, index: index)
            best = min(best, pass.seconds)
            events = pass.events
        }
        let samples = signal.samples.count
        let hours = Double(samples) / signal.sampleRate / 3600
        emit(["benchmark": "detect", "file": (path as NSString).lastPathComponent, "channel": signal.label,
              "seconds": best, "samples": samples, "nsPerSample": best * 1e9 / Double(max(samples, 1)),
              "recordingHours": hours, "secondsPerHour": best / max(hours, 1e-9), "events": events,
              "repeats": repeats, "peakResidentKiB": peakResidentKiB()])
    case "store-trend": try storeTrendBenchmark(path: path, arguments: args)
    case "sleep": try sleepBenchmark(args)
    case "backavg": try backAveragingBenchmark(path: path, repeats: repeats)
    case "motion":
        let recording = try RecordingFile.read(path)
        let accelerometer = Array(recording.signals.enumerated().filter { $0.element.kind == .acc }.prefix(3))
        guard accelerometer.count == 3 || accelerometer.count == 1 else {
            FileHandle.standardError.write(Data("MyoBench: no 1- or 3-axis accelerometer in \(path)\n".utf8))
            exit(1)
        }
        var best = Double.infinity
        var events = 0
        for _ in 0..<max(1, repeats) {
            let pass = try motionPass(accelerometer)
            best = min(best, pass.seconds)
            events = pass.events
        }
        let signal = accelerometer[0].element
        let samples = signal.samples.count
        let hours = Double(samples) / signal.sampleRate / 3600
        emit(["benchmark": "motion", "file": (path as NSString).lastPathComponent, "axes": accelerometer.count,
              "seconds": best, "samples": samples, "nsPerSamplePerAxis": best * 1e9 / Double(max(samples * accelerometer.count, 1)),
              "recordingHours": hours, "secondsPerHour": best / max(hours, 1e-9), "events": events,
              "repeats": repeats, "peakResidentKiB": peakResidentKiB()])
    default:
        FileHandle.standardError.write(Data("unknown benchmark \(args[0])\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("MyoBench: \(error)\n".utf8))
    exit(1)
}
