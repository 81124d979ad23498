import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

/// The malformed-file corpus made by Tools/fixtures/make_malformed_edf.py: each file must give
/// the right typed error, naming the field and byte offset, and never crash.
@Suite struct EDFMalformedTests {
    static func fixture(_ name: String) -> String { SharedData.repoPath("Tests/Fixtures/malformed/\(name)") }

    /// The kind of a `FormatError`, to compare cases without their messages.
    enum Kind: Equatable { case truncated, invalidField, inconsistent, other }

    static func kind(_ e: FormatError) -> Kind {
        switch e {
        case .truncated: return .truncated
        case .invalidField: return .invalidField
        case .inconsistent: return .inconsistent
        default: return .other
        }
    }

    // Layout of the corpus files: 2 signals (EMG and annotations), so header 768 bytes;
    // EDF records are 20 + 30 samples x 2 bytes = 100 bytes, BDF ones 150.
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let kind: Kind
        let offset: Int
        let field: String
        var description: String { file }
    }

    static let openErrors: [Case] = [
        Case(file: "empty.edf", kind: .truncated, offset: 0, field: "fixed header"),
        Case(file: "truncated_header.edf", kind: .truncated, offset: 0, field: "fixed header"),
        Case(file: "truncated_signal_headers.edf", kind: .truncated, offset: 300, field: "signal headers"),
        Case(file: "header_bytes_mismatch.edf", kind: .inconsistent, offset: 184, field: "number of bytes in header record"),
        Case(file: "bad_version.edf", kind: .invalidField, offset: 0, field: "version"),
        Case(file: "non_ascii_label.edf", kind: .invalidField, offset: 257, field: "label of signal 0"),
        Case(file: "control_byte_patient.edf", kind: .invalidField, offset: 11, field: "local patient identification"),
        Case(file: "bad_startdate.edf", kind: .invalidField, offset: 168, field: "startdate of recording"),
        Case(file: "records_minus5.edf", kind: .invalidField, offset: 236, field: "number of data records"),
        Case(file: "records_minus1_partial.edf", kind: .truncated, offset: 968, field: "data record 2"),
        Case(file: "records_absurd.edf", kind: .truncated, offset: 1068, field: "data record 3"),
        Case(file: "duration_negative.edf", kind: .invalidField, offset: 244, field: "duration of a data record"),
        Case(file: "duration_nan.edf", kind: .invalidField, offset: 244, field: "duration of a data record"),
        Case(file: "duration_tiny.edf", kind: .invalidField, offset: 244, field: "duration of a data record"),
        Case(file: "duration_zero_with_signal.edf", kind: .invalidField, offset: 244, field: "duration of a data record"),
        Case(file: "signals_zero.edf", kind: .invalidField, offset: 252, field: "number of signals"),
        Case(file: "signals_absurd.edf", kind: .invalidField, offset: 252, field: "number of signals"),
        Case(file: "samples_per_record_mismatch.edf", kind: .truncated, offset: 988, field: "data record 2"),
        Case(file: "samples_per_record_zero.edf", kind: .invalidField, offset: 688, field: "samples per record of signal 0"),
        Case(file: "samples_per_record_absurd.edf", kind: .invalidField, offset: 688, field: "samples per record of signal 0"),
        Case(file: "physical_min_eq_max.edf", kind: .invalidField, offset: 480, field: "physical maximum of signal 0"),
        Case(file: "physical_absurd.edf", kind: .invalidField, offset: 480, field: "physical maximum of signal 0"),
        Case(file: "physical_not_number.edf", kind: .invalidField, offset: 464, field: "physical minimum of signal 0"),
        Case(file: "digital_min_not_below_max.edf", kind: .invalidField, offset: 512, field: "digital maximum of signal 0"),
        Case(file: "digital_out_of_range.edf", kind: .invalidField, offset: 512, field: "digital maximum of signal 0"),
        Case(file: "truncated_data.edf", kind: .truncated, offset: 868, field: "data record 1"),
        Case(file: "tal_no_timekeeping.edf", kind: .invalidField, offset: 808, field: "annotations of data record 0"),
        Case(file: "bdf_digital_out_of_range.bdf", kind: .invalidField, offset: 496, field: "digital minimum of signal 0"),
        Case(file: "bdf_truncated_data.bdf", kind: .truncated, offset: 1068, field: "data record 2"),
    ]

    @Test(arguments: openErrors)
    func openFailsWithFieldAndOffset(_ c: Case) throws {
        let path = Self.fixture(c.file)
        #expect(FileManager.default.fileExists(atPath: path))
        let error = #expect(throws: FormatError.self) { _ = try EDFReader(path: path) }
        let e = try #require(error)
        #expect(Self.kind(e) == c.kind, "\(e)")
        #expect(e.offset == c.offset, "\(e)")
        #expect(e.field == c.field, "\(e)")
        #expect(e.file == path)
    }

    /// The same errors come from parsing the bytes alone, as the fuzzer does (file-level
    /// errors such as a TAL in the data are the reader's, so they are left out here).
    @Test(arguments: openErrors.filter { $0.field != "annotations of data record 0" })
    func headerParseFromBytesMatchesReader(_ c: Case) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixture(c.file))))
        let error = #expect(throws: FormatError.self) { _ = try EDFHeader.parse(bytes, fileSize: bytes.count, path: c.file) }
        #expect(error?.offset == c.offset)
        #expect(error?.field == c.field)
    }

    static let talErrors: [(String, Int)] = [
        ("tal_no_sign.edf", 913),
        ("tal_bad_duration.edf", 918),
        ("tal_missing_text_end.edf", 918),
        ("tal_invalid_utf8.edf", 918),
        ("tal_unterminated.edf", 1018),
    ]

    @Test(arguments: talErrors)
    func brokenTALsNameTheirOffset(_ file: String, _ offset: Int) throws {
        let reader = try EDFReader(path: Self.fixture(file))
        let error = #expect(throws: FormatError.self) { _ = try reader.annotations() }
        #expect(error?.offset == offset, "\(String(describing: error))")
        #expect(error?.field == "annotation (TAL)")
        // Streaming meets the same TAL and stops with the same error.
        let streamed = #expect(throws: FormatError.self) { while try reader.nextChunk() != nil {} }
        #expect(streamed?.offset == offset)
    }

    @Test func recordCountMinusOneReadsWithWarning() throws {
        let reader = try EDFReader(path: Self.fixture("records_minus1.edf"))
        #expect(reader.header.channels.first?.sampleCount == 60)
        #expect(reader.header.warnings.contains { $0.contains("-1") })
        #expect(try reader.readAll().signals[0].count == 60)
    }

    @Test func recordCountZeroReadsNoSamplesAndWarnsOfTheData() throws {
        let reader = try EDFReader(path: Self.fixture("records_zero.edf"))
        #expect(reader.header.channels.first?.sampleCount == 0)
        #expect(reader.header.warnings.contains { $0.contains("300 bytes") })
        #expect(try reader.nextChunk() == nil)
        #expect(try reader.annotations().isEmpty)
    }

    @Test func trailingBytesAreAWarning() throws {
        let reader = try EDFReader(path: Self.fixture("trailing_bytes.edf"))
        #expect(reader.header.warnings.contains { $0.contains("9 bytes") })
        #expect(try reader.readAll().signals[0].count == 60)
    }

    @Test func errorMessagesNameFileFieldAndOffset() {
        let path = Self.fixture("records_minus5.edf")
        do {
            _ = try EDFReader(path: path)
            Issue.record("expected an error")
        } catch let e as FormatError {
            #expect(e.description.contains("byte 236"))
            #expect(e.description.contains("number of data records"))
            #expect(e.description.contains("records_minus5.edf"))
        } catch {
            Issue.record("untyped error \(error)")
        }
    }
}
