import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats

@Suite("ZipArchive")
struct ZipArchiveTests {
    static let synthetic = "Tests/Fixtures/wearables/synthetic_activity2.gt3x"

    @Test func readsDeflatedEntriesWithCRC() throws {
        let zip = try ZipArchive(path: SharedData.repoPath(Self.synthetic))
        #expect(zip.entries.map(\.name) == ["log.bin", "info.txt"])
        #expect(zip.entries.allSatisfy { $0.method == 8 })
        let info = try zip.contents(of: try #require(zip.entry(named: "info.txt")))
        #expect(String(decoding: info, as: UTF8.self).hasPrefix("Serial Number: MOS0SYNTHETIC\n"))
        // Small pieces must give the same bytes as one read.
        let log = try #require(zip.entry(named: "log.bin"))
        let stream = try zip.stream(log)
        var pieces: [UInt8] = []
        while true {
            let p = try stream.read(maxBytes: 7)
            if p.isEmpty { break }
            pieces += p
        }
        #expect(pieces.count == log.uncompressedSize)
        #expect(pieces == (try zip.contents(of: log)))
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func readsStoredEntries() throws {
        let zip = try ZipArchive(path: SharedData.path("data/ggir_accel_testfiles/actigraph_testfile.gt3x"))
        let log = try #require(zip.entry(named: "log.bin"))
        #expect(log.method == 0)
        #expect(try zip.contents(of: log, limit: 1 << 20).count == 87732)
    }

    @Test func damagedArchivesThrowTypedErrors() throws {
        let bytes = try WearableScratch.read(SharedData.repoPath(Self.synthetic))
        let notZip = try WearableScratch.write(Array(repeating: 0x41, count: 100), name: "notzip.gt3x")
        #expect { try ZipArchive(path: notZip) } throws: { error in
            if case .unrecognizedFormat = error as? FormatError { return true }
            return false
        }
        // Corrupt a byte inside the deflated log.bin: inflate or the CRC check must object.
        var corrupt = bytes
        corrupt[30 + 7 + 20] ^= 0xFF
        let corruptPath = try WearableScratch.write(corrupt, name: "corrupt.gt3x")
        let zip = try ZipArchive(path: corruptPath)
        #expect { try zip.contents(of: zip.entries[0]) } throws: { error in
            guard let e = error as? FormatError, e.file == corruptPath, let field = e.field else { return false }
            return field.contains("log.bin")
        }
        // An entry count the central directory cannot hold.
        var count = bytes
        let eocd = bytes.count - 22
        count[eocd + 10] = 0xF0
        count[eocd + 8] = 0xF0
        let countPath = try WearableScratch.write(count, name: "count.gt3x")
        #expect { try ZipArchive(path: countPath) } throws: { ($0 as? FormatError)?.offset == eocd + 10 }
        // A zip64 marker is refused plainly.
        var zip64 = bytes
        for i in 16..<20 { zip64[eocd + i] = 0xFF }
        let zip64Path = try WearableScratch.write(zip64, name: "zip64.gt3x")
        #expect { try ZipArchive(path: zip64Path) } throws: { error in
            if case .unsupported(_, _, let feature) = error as? FormatError { return feature.contains("zip64") }
            return false
        }
    }
}
