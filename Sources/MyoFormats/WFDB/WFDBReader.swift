import Foundation
import MyoSignal

/// Streams a PhysioNet WFDB record: a `.hea` header and its signal files, single- or
/// multi-segment, with the annotation files found beside it.
///
/// Samples become physical values as `(digital - baseline) / gain`; WFDB's invalid-sample value
/// becomes NaN, and how many there were is added to `header.warnings` once the stream has been
/// read to its end. Multi-segment records are read segment by segment; null segments ("~")
/// read as NaN gaps; in a variable-layout record, signals a segment lacks read as NaN.
public final class WFDBReader: RecordingReader {
    public let path: String
    public private(set) var header: RecordingHeader
    /// Annotation file extensions `annotations()` looks for beside the header.
    public let annotationExtensions: [String]

    private let wfdb: WFDBHeader
    /// The signals as the record presents them (the layout segment's, in a variable layout).
    private let layout: [WFDBSignalSpec]
    private let frameRate: Double
    private let totalFrames: Int
    private let chunkFrames: Int
    private let directory: String
    /// Per segment: name, frames, and the first frame in the record.
    private let segmentPlan: [(name: String, frames: Int, start: Int)]
    private var segmentIndex = 0
    private var frameInSegment = 0
    private var source: WFDBSegmentSource?
    /// For the current segment, which of its signals feeds each record channel (`nil`: NaN).
    private var channelMap: [Int?] = []
    private var invalidCounts: [Int]
    private var reportedInvalid = false

    /// The extensions of annotation files looked for when none are given.
    public static let commonAnnotationExtensions = ["atr", "ann", "qrs", "arousal"]

    /// Opens the record whose header is `path` (`rec.hea`, or `rec` without the extension).
    /// `annotationExtensions` overrides the annotation files looked for (`["atr", "ecg"]`).
    public init(path: String, annotationExtensions: [String]? = nil) throws {
        var headerPath = path
        if (path as NSString).pathExtension.lowercased() != "hea" {
            headerPath = path + ".hea"
        }
        self.path = headerPath
        self.annotationExtensions = annotationExtensions ?? Self.commonAnnotationExtensions
        directory = (headerPath as NSString).deletingLastPathComponent
        let h = try WFDBHeader.read(path: headerPath)
        wfdb = h
        var warnings = h.warnings
        if h.isMultiSegment {
            var plan: [(String, Int, Int)] = []
            var start = 0
            var layoutSpecs: [WFDBSignalSpec]?
            for (i, seg) in h.segments.enumerated() {
                if i == 0 && seg.frameCount == 0 && seg.name != "~" {
                    let layoutHeader = try WFDBHeader.read(path: Self.segmentPath(seg.name, in: directory))
                    layoutSpecs = layoutHeader.signals
                    continue
                }
                plan.append((seg.name, seg.frameCount, start))
                let (next, overflow) = start.addingReportingOverflow(seg.frameCount)
                guard !overflow else {
                    throw FormatError.invalidLine(file: headerPath, line: seg.line, field: "segment length",
                                                  reason: "the segment lengths add up beyond any file size")
                }
                start = next
            }
            if layoutSpecs == nil, let firstReal = h.segments.first(where: { $0.name != "~" }) {
                layoutSpecs = try WFDBHeader.read(path: Self.segmentPath(firstReal.name, in: directory)).signals
            }
            layout = layoutSpecs ?? []
            guard layout.count == h.signalCount else {
                throw FormatError.inconsistent(file: headerPath, offset: nil, field: "number of signals",
                                               reason: "the record line says \(h.signalCount), its segments have \(layout.count)")
            }
            // Every real segment's length must be backed by its signal files, and the gaps must
            // stay plausible, before `readAll` reserves memory for the whole record.
            var gapFrames = 0
            for seg in plan {
                if seg.0 == "~" { gapFrames += seg.1; continue }
                _ = try Self.openSegment(seg.0, frames: seg.1, frameRate: h.frameRate, directory: directory)
            }
            let week = Int(min(h.frameRate * 7 * 86_400, 1e15))
            guard gapFrames <= max(start - gapFrames, week) else {
                throw FormatError.inconsistent(file: headerPath, offset: nil, field: "segment length",
                                               reason: "null segments of \(gapFrames) frames are implausibly long for \(start - gapFrames) frames of signal")
            }
            segmentPlan = plan
            totalFrames = start
            if let stated = h.frameCount, stated != 0, stated != start {
                warnings.append("\(headerPath): the record line says \(stated) frames, its segments add up to \(start); the segments are read")
            }
        } else {
            let single = try WFDBSegmentSource(header: h, headerPath: headerPath)
            source = single
            channelMap = Array(0..<h.signals.count)
            layout = h.signals
            segmentPlan = [(h.recordName, single.frameCount, 0)]
            totalFrames = single.frameCount
        }
        frameRate = h.frameRate
        let layout = self.layout, totalFrames = self.totalFrames
        let frameSamples = max(1, layout.reduce(0) { $0 + $1.samplesPerFrame })
        // About ten seconds, and never more than 256 Ki samples (1 MB of Float) a chunk.
        chunkFrames = max(1, min(Int(min(frameRate * 10, 1e9)), (1 << 18) / frameSamples))
        invalidCounts = Array(repeating: 0, count: layout.count)
        let channels = layout.enumerated().map { i, spec in
            let bits = spec.adcResolution > 0 ? min(spec.adcResolution, 32) : (WFDBSampleFormat(code: spec.format)?.bits ?? 16)
            let lo = -(1 << (bits - 1)), hi = (1 << (bits - 1)) - 1
            let physical = (Double(lo) - Double(spec.baseline)) / spec.gain...(Double(hi) - Double(spec.baseline)) / spec.gain
            return ChannelInfo(label: spec.description.isEmpty ? "Signal \(i + 1)" : spec.description,
                               unit: spec.units, sampleRate: h.frameRate * Double(spec.samplesPerFrame),
                               sampleCount: totalFrames.multipliedReportingOverflow(by: spec.samplesPerFrame).partialValue,
                               physicalRange: physical, digitalRange: lo...hi)
        }
        header = RecordingHeader(format: .wfdb, start: h.start,
                                 recordingInfo: RecordingInfoFields(text: h.comments.joined(separator: "\n")),
                                 channels: channels, warnings: warnings)
    }

    private static func segmentPath(_ name: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(name + ".hea")
    }

    public func rewind() throws {
        segmentIndex = 0
        frameInSegment = 0
        if wfdb.isMultiSegment { source = nil }
        invalidCounts = Array(repeating: 0, count: layout.count)
    }

    public func nextChunk() throws -> RecordingChunk? {
        while segmentIndex < segmentPlan.count, frameInSegment >= segmentPlan[segmentIndex].frames {
            segmentIndex += 1
            frameInSegment = 0
            if wfdb.isMultiSegment { source = nil }
        }
        guard segmentIndex < segmentPlan.count else {
            reportInvalidSamples()
            return nil
        }
        let seg = segmentPlan[segmentIndex]
        let frames = frameInSegment..<min(seg.frames, frameInSegment + chunkFrames)
        let firstFrame = seg.start + frames.lowerBound
        var out: [[Float]] = layout.map { _ in [] }
        if seg.name == "~" {
            for (i, spec) in layout.enumerated() {
                out[i] = [Float](repeating: .nan, count: frames.count * spec.samplesPerFrame)
            }
        } else {
            let src = try openSegmentIfNeeded(seg.name, frames: seg.frames)
            var segmentOut: [[Float]] = src.specs.map { _ in [] }
            var segmentInvalid = Array(repeating: 0, count: src.specs.count)
            try src.read(frames: frames, into: &segmentOut, invalid: &segmentInvalid)
            for (i, spec) in layout.enumerated() {
                if let j = channelMap[i] {
                    out[i] = segmentOut[j]
                    invalidCounts[i] += segmentInvalid[j]
                } else {
                    out[i] = [Float](repeating: .nan, count: frames.count * spec.samplesPerFrame)
                }
            }
        }
        frameInSegment = frames.upperBound
        return RecordingChunk(onset: Double(firstFrame) / frameRate,
                              firstSample: layout.map { firstFrame * $0.samplesPerFrame }, samples: out)
    }

    /// Opens a segment's header and signal files and maps its signals onto the record's channels.
    private func openSegmentIfNeeded(_ name: String, frames: Int) throws -> WFDBSegmentSource {
        if let source { return source }
        let (h, src) = try Self.openSegment(name, frames: frames, frameRate: frameRate, directory: directory)
        let segPath = Self.segmentPath(name, in: directory)
        var map: [Int?] = []
        let fixedLayout = wfdb.segments.first.map { $0.frameCount != 0 || $0.name == "~" } ?? true
        for (i, spec) in layout.enumerated() {
            let j: Int? = fixedLayout ? (i < h.signals.count ? i : nil)
                : h.signals.firstIndex { $0.description == spec.description }
            if let j, h.signals[j].samplesPerFrame != spec.samplesPerFrame {
                throw FormatError.unsupported(file: segPath, offset: nil,
                                              feature: "signal \"\(spec.description)\" changes its samples per frame between segments")
            }
            map.append(j)
        }
        if fixedLayout && h.signals.count != layout.count {
            throw FormatError.inconsistent(file: segPath, offset: nil, field: "number of signals",
                                           reason: "\(h.signals.count) signals in a fixed-layout record of \(layout.count)")
        }
        channelMap = map
        source = src
        return src
    }

    /// Reads a segment's header, checks it against the master header and opens its signal files.
    private static func openSegment(_ name: String, frames: Int, frameRate: Double,
                                    directory: String) throws -> (WFDBHeader, WFDBSegmentSource) {
        let segPath = segmentPath(name, in: directory)
        var h = try WFDBHeader.read(path: segPath)
        if h.frameCount == nil { h.frameCount = frames }
        guard h.frameCount == frames else {
            throw FormatError.inconsistent(file: segPath, offset: nil, field: "number of samples per signal",
                                           reason: "the segment has \(h.frameCount ?? 0) frames, the master header says \(frames)")
        }
        guard h.frameRate == frameRate else {
            throw FormatError.inconsistent(file: segPath, offset: nil, field: "sampling frequency",
                                           reason: "\(h.frameRate) Hz, the record is at \(frameRate) Hz")
        }
        return (h, try WFDBSegmentSource(header: h, headerPath: segPath))
    }

    private func reportInvalidSamples() {
        guard !reportedInvalid else { return }
        reportedInvalid = true
        for (i, n) in invalidCounts.enumerated() where n > 0 {
            header.warnings.append("\(path): \(n) invalid samples (the WFDB \"no sample\" value) in \"\(header.channels[i].label)\" read as NaN")
        }
    }

    /// The annotations of every `<record>.<extension>` file beside the header, merged and sorted
    /// by onset. Complexity: O(total size of those files).
    public func annotations() throws -> [Annotation] {
        var all: [Annotation] = []
        for ext in annotationExtensions {
            let annPath = (directory as NSString).appendingPathComponent("\(wfdb.recordName).\(ext)")
            guard FileManager.default.fileExists(atPath: annPath) else { continue }
            all += try WFDBAnnotations.read(path: annPath, sampleRate: frameRate)
        }
        return all.sorted { $0.onset < $1.onset }
    }
}
