import Foundation
import Testing
@testable import MyoStore

@Suite("SHA-256")
struct SHA256Tests {
    @Test("Digests agree with sha256sum on the FIPS 180-4 vectors and across block boundaries")
    func knownVectors() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Feeding in pieces of any size gives the digest of the whole")
    func streamingPieces() {
        let bytes = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }  // 768 bytes, as `sha256sum` was given
        for piece in [1, 7, 55, 56, 63, 64, 65, 300] {
            var hasher = SHA256()
            var i = 0
            while i < bytes.count {
                hasher.update(bytes[i..<min(i + piece, bytes.count)])
                i += piece
            }
            #expect(SHA256.hexString(hasher.finalize()) == "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363", "piece \(piece)")
        }
    }

    @Test("A file is hashed by content; a missing file is a clear error")
    func files() throws {
        let dir = try StoreTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("abc.txt").path
        try Data("abc".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try SHA256.fileDigest(path: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: StoreError.self) { try SHA256.fileDigest(path: dir.appendingPathComponent("none").path) }
    }
}
