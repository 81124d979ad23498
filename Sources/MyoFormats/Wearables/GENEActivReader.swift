import Foundation
import MyoSignal

/// Reads GENEActiv `.bin` files: a text header, then pages of 300 samples written as hex text.
///
/// Channels: accelerometer x/y/z in g (`.acc`), calibrated with the header's gains and offsets,
/// g = (raw × 100 − offset) / gain; light in lux at the sample rate; temperature in °C, one value
/// a page. The button bit is not exposed.
///
/// Each page carries its own time. A page that starts more than two sample periods after the
/// previous page ends begins a new ``TimeSegment`` (the device's clock corrections and pauses);
/// a page that starts earlier than expected is kept in order and reported in a warning. Times
/// are the device's clock (the header's "Time Zone" is given in a warning), carried as if UTC.
///
/// Opening reads every page's header lines once so counts and segments are exact; reading then
/// streams ``pagesPerChunk`` pages a chunk. Complexity: O(file size), memory O(chunk).
public final class GENEActivReader: RecordingReader {
    public let path: String
    public let header: RecordingHeader
    /// Pages decoded into one chunk (10 pages: 60 s at 50 Hz).
    public static let pagesPerChunk = 10

    struct Run {
        var firstPage: Int
        var start: Double
        var pageCount: Int
    }

    private let file: BinaryFile
    private let fileHeader: GENEActivHeader
    private let rate: Double
    private let runs: [Run]
    private let pageCount: Int
    private var cursor: TextLineCursor
    private var nextPage = 0

    /// Opens `path`, parses the header and checks every page's structure.
    public init(path: String) throws {
        self.path = path
        let file = try BinaryFile(path: path)
        self.file = file
        let h = try GENEActivHeader(file: file)
        fileHeader = h
        var warnings: [String] = []
        var lines = TextLineCursor(file: file, offset: h.dataOffset)
        var runs: [Run] = []
        var count = 0
        var rate = h.rate
        var expectedNext: Double?
        var earlyPages = 0
        while let page = try GENEActivPage.read(&lines, path: path) {
            if count == 0 && page.rate != h.rate {
                warnings.append("the header says \(h.rate) Hz but the pages say \(page.rate) Hz; the pages are followed")
                rate = page.rate
            } else if page.rate != rate {
                throw FormatError.unsupported(file: path, offset: page.offset,
                                              feature: "a sample rate that changes between pages (\(rate) Hz, then \(page.rate) Hz)")
            }
            let jump = expectedNext.map { page.time - $0 } ?? .infinity
            if jump > 2 / rate {
                runs.append(Run(firstPage: count, start: page.time, pageCount: 1))
            } else {
                if jump < -2 / rate { earlyPages += 1 }
                runs[runs.count - 1].pageCount += 1
            }
            expectedNext = page.time + Double(GENEActivPage.samples) / rate
            count += 1
        }
        self.rate = rate
        self.runs = runs
        pageCount = count
        cursor = TextLineCursor(file: file, offset: h.dataOffset)

        if let declared = h.fields["Number of Pages"].flatMap({ Int($0) }), declared != count {
            warnings.append("the header declares \(declared) pages but the file holds \(count)")
        }
        if runs.count > 1 {
            warnings.append("page times jump forward \(runs.count - 1) time(s); the recording has \(runs.count) segments (see segments())")
        }
        if earlyPages > 0 {
            warnings.append("\(earlyPages) page(s) start earlier than the previous page ends; samples are kept in file order")
        }
        warnings.append("times are the device's clock (Time Zone \(h.fields["Time Zone"] ?? "not given")), shown as if UTC")

        let total = count * GENEActivPage.samples
        let range = h.fields["Accelerometer Range"].flatMap { text -> ClosedRange<Double>? in
            let parts = text.components(separatedBy: " to ").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            return parts.count == 2 && parts[0] < parts[1] ? parts[0]...parts[1] : nil
        }
        var channels = ["X", "Y", "Z"].map {
            ChannelInfo(label: "Accel \($0)", kind: .acc, unit: "g", sampleRate: rate, sampleCount: total,
                        transducer: "GENEActiv accelerometer", physicalRange: range)
        }
        channels.append(ChannelInfo(label: "Light", kind: .other, unit: "lux", sampleRate: rate, sampleCount: total,
                                    transducer: "GENEActiv light meter"))
        channels.append(ChannelInfo(label: "Temperature", kind: .other, unit: "degC",
                                    sampleRate: rate / Double(GENEActivPage.samples), sampleCount: count,
                                    transducer: "GENEActiv thermometer (one value a page)"))
        let subject = SubjectInfo(text: h.fields["Subject Code"] ?? "", code: h.fields["Subject Code"],
                                  sex: h.fields["Sex"].flatMap { $0.isEmpty ? nil : $0 },
                                  birthdate: h.fields["Date of Birth"])
        let device = "\(h.fields["Device Type"] ?? "GENEActiv") \(h.fields["Device Unique Serial Code"] ?? "")"
        let location = h.fields["Device Location Code"].map { " at \($0)" } ?? ""
        header = RecordingHeader(
            format: .geneActiv, start: runs.first.map { Date(timeIntervalSince1970: $0.start) }, subject: subject,
            recordingInfo: RecordingInfoFields(text: "\(device)\(location)", equipment: device),
            channels: channels, warnings: warnings)
    }

    public func rewind() throws {
        cursor = TextLineCursor(file: file, offset: fileHeader.dataOffset)
        nextPage = 0
    }

    public func annotations() throws -> [Annotation] { [] }

    /// One segment per run of pages with continuous times, or none when there is one run.
    public func segments() throws -> [TimeSegment] {
        guard runs.count > 1, let first = runs.first else { return [] }
        let perPage = Double(GENEActivPage.samples) / rate
        return runs.map {
            TimeSegment(dataStart: Double($0.firstPage) * perPage, onset: $0.start - first.start,
                        duration: Double($0.pageCount) * perPage)
        }
    }

    /// The next ``pagesPerChunk`` pages (fewer at a segment boundary), or `nil` at the end.
    public func nextChunk() throws -> RecordingChunk? {
        guard nextPage < pageCount, let firstRun = runs.first else { return nil }
        let runIndex = runs.lastIndex { $0.firstPage <= nextPage } ?? 0
        let run = runs[runIndex]
        let n = min(Self.pagesPerChunk, run.firstPage + run.pageCount - nextPage)
        let capacity = n * GENEActivPage.samples
        var flat = [Float](repeating: 0, count: 4 * capacity)
        var temperature = [Float]()
        temperature.reserveCapacity(n)
        try flat.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            for k in 0..<n {
                guard let page = try GENEActivPage.read(&cursor, path: path) else {
                    throw FormatError.truncated(file: path, offset: file.size, field: "GENEActiv page \(nextPage + k)",
                                                expectedBytes: 3600, availableBytes: 0)
                }
                try page.decode(calibration: fileHeader.calibration, accel: [base, base + capacity, base + 2 * capacity],
                                light: base + 3 * capacity, at: k * GENEActivPage.samples, path: path)
                temperature.append(page.temperature)
            }
        }
        let perPage = Double(GENEActivPage.samples) / rate
        let onset = (run.start - firstRun.start) + Double(nextPage - run.firstPage) * perPage
        let first = nextPage * GENEActivPage.samples
        nextPage += n
        return RecordingChunk(onset: onset, firstSample: [first, first, first, first, nextPage - n],
                              samples: (0..<4).map { Array(flat[($0 * capacity)..<(($0 + 1) * capacity)]) } + [temperature])
    }
}
