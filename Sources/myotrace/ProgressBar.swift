import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal,
/// so that pipes, logs and CI output stay clean.
///
/// Redraws at most every 100 ms; `finish()` clears the line.
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var lastPercent = -1

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
    }

    /// Shows `fraction` (0...1) of the work done.
    func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        let now = Date()
        guard percent != lastPercent, now.timeIntervalSince(lastDraw) >= 0.1 || percent == 100 else { return }
        lastPercent = percent
        lastDraw = now
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%".utf8))
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled, lastPercent >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
