import Foundation
import Testing

/// Locates the public recordings that Myotrace's tests read but never copy into the repository.
///
/// Looked up in `$MYOTRACE_SHARED_DIR` if set, else in `shared/` beside the repository's folder.
/// Tests that need them are disabled with a clear reason where the folder is absent.
public enum SharedData {
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static let root: URL? = {
        if let env = ProcessInfo.processInfo.environment["MYOTRACE_SHARED_DIR"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let candidate = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("data").path) ? candidate : nil
    }()

    public static var available: Bool { root != nil }

    public static let missingReason: Comment = "needs the shared recordings folder (set MYOTRACE_SHARED_DIR or put shared/ beside the repository)"

    /// Path of a file below the shared folder, e.g. `data/edf_pyedflib/test_generator.edf`.
    public static func path(_ relative: String) -> String {
        (root ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent(relative).path
    }

    /// Path of a file in the repository, e.g. `Tests/Fixtures/malformed/truncated_header.edf`.
    public static func repoPath(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent(relative).path
    }
}
