import Foundation
import MyoFormats
import MyoSignal

/// Groups accelerometer and gyroscope channels into sensors: three axes of one device are
/// analysed together (a jerk moves the limb in any direction), a lone axis alone.
///
/// Axes belong together when they have the same kind, rate and sample count and their labels
/// differ only in a final axis letter (`ACC_X`, `ACC_Y`, `ACC_Z`; `Accel x`, ...).
/// Complexity: O(c²) in the number of motion channels (a handful).
enum MotionSensorGrouping {
    static func group(_ indices: [Int], channels: [ChannelInfo]) -> [[Int]] {
        var remaining = indices
        var groups: [[Int]] = []
        while let first = remaining.first {
            remaining.removeFirst()
            let c = channels[first]
            guard let stem = axisStem(c.label) else { groups.append([first]); continue }
            var members = [first]
            for axis in ["y", "z", "x"] where members.count < 3 {
                if let j = remaining.first(where: { j in
                    let o = channels[j]
                    return o.kind == c.kind && o.sampleRate == c.sampleRate && o.sampleCount == c.sampleCount
                        && axisStem(o.label) == stem && o.label.lowercased().hasSuffix(axis)
                        && !members.contains(j)
                }) {
                    members.append(j)
                    remaining.removeAll { $0 == j }
                }
            }
            groups.append(members.count == 3 ? members.sorted() : [first])
            if members.count != 3 { remaining.insert(contentsOf: members.dropFirst(), at: 0) }
        }
        return groups
    }

    /// The label without its axis letter, or nil when it does not end in x, y or z.
    static func axisStem(_ label: String) -> String? {
        let l = label.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = l.last, "xyz".contains(last) else { return nil }
        return String(l.dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: " _-."))
    }
}
