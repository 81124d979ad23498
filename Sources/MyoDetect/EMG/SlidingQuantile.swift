/// A quantile of the last `capacity` non-negative values, updated one value at a time, to a
/// relative resolution of 2⁻⁸ (the value returned lies within 0.2 % of the exact quantile).
///
/// Values are counted in logarithmic bins: a bin is a binary exponent and the top 8 bits of the
/// significand, that is 256 bins per octave, each 0.39 % wide. The window is a ring of bin
/// numbers; the quantile is the bin that holds the value of that rank, found by walking from
/// where it was, and the value returned is the middle of that bin.
///
/// Why bins rather than the values sorted: the EMG baseline adds one block power every 10 ms, in
/// random order. Kept sorted, each value cost two binary searches whose steps the processor could
/// not predict and a move of a third of the window: about a fifth of the whole analysis of an
/// hour. Here a value costs two counter updates and a walk to the neighbouring bins that hold
/// values, found a 64-bin word at a time in a bitmap of the bins in use (the values of a 1 s
/// window lie tens of bins apart; scanning the counters themselves, four bins at a time, cost a
/// third more). On the benchmark recordings the events found with the binned baseline are those
/// of the exact one but for a single borderline burst of the hour (BENCHMARKS.md); 128 bins per
/// octave moved a silent period too, which is why the bins are this fine.
///
/// Values are powers: a negative value or NaN counts as 0, and 0 (or anything below 2⁻²⁵⁶) is
/// its own bin, whose value is exactly 0, so a flat channel keeps a zero baseline. Values above
/// 2²⁵⁶ count as 2²⁵⁶ (powers in any unit lie far inside that range).
/// Complexity: O(1) per value plus the walk (the 64-bin words between the old and the new
/// quantile). Memory: the ring, 256 KiB of counters and their 16 KiB bitmap.
struct SlidingQuantile: Sendable {
    /// Significand bits per bin: 256 bins per octave.
    static let significandBits = 8
    /// Biased binary exponents kept apart: 2⁻²⁵⁶ up to 2²⁵⁶.
    private static let lowestExponent = 1023 - 256, exponents = 512
    private static let shift = 52 - significandBits
    /// Bin 0 holds 0; bins 1... the rest, in order.
    static let binCount = exponents << significandBits + 1

    /// Bin numbers in arrival order.
    private var ring: [Int32]
    /// Values held per bin.
    private var counts: [UInt16]
    /// Bit `b % 64` of word `b / 64` is set while bin b holds a value.
    private var occupied: [UInt64]
    private(set) var count = 0
    /// Index of the quantile (nearest rank) among the sorted values for the current count.
    private var rankIndex = 0
    private var next = 0
    /// The bin holding the value of rank `rankIndex`, and the number of values in lower bins.
    private var quantileBin = 0
    private var below = 0
    private let quantile: Double

    init(capacity: Int, quantile: Double) {
        // Counters are 16-bit. The detector's parameters allow at most 15,000 values (a 30 s
        // window of 2 ms blocks); a longer window would be held to 65,535.
        let capacity = min(max(1, capacity), Int(UInt16.max))
        ring = [Int32](repeating: 0, count: capacity)
        counts = [UInt16](repeating: 0, count: Self.binCount)
        occupied = [UInt64](repeating: 0, count: (Self.binCount + 63) / 64)
        self.quantile = quantile
    }

    /// The bin of a value.
    @inline(__always)
    static func bin(_ value: Double) -> Int {
        guard value > 0 else { return 0 }
        let key = Int(truncatingIfNeeded: value.bitPattern >> UInt64(shift)) - (lowestExponent << significandBits)
        guard key >= 0 else { return 0 }
        return min(key, (exponents << significandBits) - 1) + 1
    }

    /// The value a bin stands for: 0 for bin 0, else its middle.
    @inline(__always)
    static func value(ofBin bin: Int) -> Double {
        guard bin > 0 else { return 0 }
        let key = UInt64(bin - 1 + (lowestExponent << significandBits))
        return Double(bitPattern: key << UInt64(shift) | 1 << UInt64(shift - 1))
    }

    /// The quantile of the values held (nearest rank, to the bins' resolution), or 0 when
    /// empty. O(1).
    var value: Double {
        count > 0 ? Self.value(ofBin: quantileBin) : 0
    }

    /// Adds a value, dropping the oldest once the window is full.
    mutating func add(_ value: Double) {
        let bin = Self.bin(value)
        let quantileBin = quantileBin
        var below = below
        counts.withUnsafeMutableBufferPointer { c in
            occupied.withUnsafeMutableBufferPointer { bits in
                if count == ring.count {
                    let old = Int(ring[next])
                    c[old] &-= 1
                    if c[old] == 0 { bits[old &>> 6] &= ~(1 &<< UInt64(old & 63)) }
                    if old < quantileBin { below &-= 1 }
                } else {
                    count += 1
                    rankIndex = min(max(Int((quantile * Double(count - 1)).rounded()), 0), count - 1)
                }
                if c[bin] == 0 { bits[bin &>> 6] |= 1 &<< UInt64(bin & 63) }
                c[bin] &+= 1
                if bin < quantileBin { below &+= 1 }
            }
        }
        ring[next] = Int32(truncatingIfNeeded: bin)
        next = next + 1 == ring.count ? 0 : next + 1
        self.below = below
        walk()
    }

    /// Moves `quantileBin` until `below ≤ rankIndex < below + counts[quantileBin]`, from one bin
    /// in use to the next (there is always one on the side the rank lies).
    @inline(__always)
    private mutating func walk() {
        var bin = quantileBin, below = below
        let rank = rankIndex
        counts.withUnsafeBufferPointer { c in
            occupied.withUnsafeBufferPointer { bits in
                while rank < below {
                    // Down to the highest bin in use below this one.
                    var word = bin &>> 6
                    var mask = bits[word] & ((1 &<< UInt64(bin & 63)) &- 1)
                    while mask == 0 {
                        word &-= 1
                        mask = bits[word]
                    }
                    bin = word &<< 6 | (63 &- mask.leadingZeroBitCount)
                    below &-= Int(c[bin])
                }
                while rank >= below &+ Int(c[bin]) {
                    // Up past this bin to the lowest bin in use above it.
                    below &+= Int(c[bin])
                    let from = bin &+ 1
                    var word = from &>> 6
                    var mask = bits[word] & (UInt64.max &<< UInt64(from & 63))
                    while mask == 0 {
                        word &+= 1
                        mask = bits[word]
                    }
                    bin = word &<< 6 | mask.trailingZeroBitCount
                }
            }
        }
        quantileBin = bin
        self.below = below
    }
}
