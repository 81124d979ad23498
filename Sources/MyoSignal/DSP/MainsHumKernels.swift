/// The per-sample loops of `MainsHum`, on raw pointers, eight `Float` lanes at a time.
///
/// They work on a *tile*: a stretch of `tile` samples (a multiple of 8) over which every harmonic
/// of the mains completes whole cycles, so the basis at half-local sample n equals the basis at
/// n mod tile. At 1 kHz and 50 Hz a tile is 40 samples (two 20-sample periods rounded to a
/// multiple of 8), so a 500-sample half is 12.5 tiles: the projection first folds the half onto
/// one tile (one add per sample) and only then multiplies by the K basis functions (K·tile
/// products per half instead of K per sample); the synthesis builds the two hum waveforms over
/// one tile (2·K·tile products per half) and then only cross-fades and subtracts per sample.
/// When the rate has no short period the tile is the whole half and the cost is the direct one.
enum MainsHumKernels {
    /// `fold[j] = Σₘ x[m·tile + j]` over the `count` samples of `x`, for j < `tile`.
    /// - Complexity: O(count + tile), about one add per sample.
    @inline(__always)
    static func fold(_ x: UnsafePointer<Float>, count: Int, tile: Int, into fold: UnsafeMutablePointer<Float>) {
        let source = UnsafeRawPointer(x)
        let stride = MemoryLayout<Float>.stride
        let wholeTiles = count / tile
        let rest = count - wholeTiles * tile
        var j = 0
        while j < tile {
            var lanes = SIMD8<Float>()
            var at = j * stride
            for _ in 0..<wholeTiles {
                lanes += source.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                at += tile * stride
            }
            // The partial last tile: whole lanes when they fit, single samples at its very end.
            if j + 8 <= rest { lanes += source.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self) }
            UnsafeMutableRawPointer(fold + j).storeBytes(of: lanes, as: SIMD8<Float>.self)
            if j < rest, rest < j + 8 {
                for l in j..<rest { fold[l] += x[wholeTiles * tile + l] }
            }
            j += 8
        }
    }

    /// `result[i] = Σⱼ fold[j]·basis[i·tile + j]` for i < `functions`: Float lanes, summed in Double.
    /// - Complexity: O(functions · tile).
    @inline(__always)
    static func project(fold: UnsafePointer<Float>, basis: UnsafePointer<Float>, functions: Int, tile: Int,
                        into result: UnsafeMutablePointer<Double>) {
        let folded = UnsafeRawPointer(fold)
        let stride = MemoryLayout<Float>.stride
        for i in 0..<functions {
            let row = UnsafeRawPointer(basis + i * tile)
            var lanes = SIMD8<Float>()
            var at = 0
            while at < tile * stride {
                lanes += folded.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                    * row.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                at += 8 * stride
            }
            var sum = 0.0
            for lane in 0..<8 { sum += Double(lanes[lane]) }
            result[i] = sum
        }
    }

    /// The two hum waveforms over one tile: `level[j] = Σᵢ a[i]·basis[i·tile + j]` and
    /// `ramp[j] = Σᵢ b[i]·basis[i·tile + j]`.
    /// - Complexity: O(functions · tile).
    @inline(__always)
    static func synthesise(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, basis: UnsafePointer<Float>,
                           functions: Int, tile: Int,
                           level: UnsafeMutablePointer<Float>, ramp: UnsafeMutablePointer<Float>) {
        let stride = MemoryLayout<Float>.stride
        let rows = UnsafeRawPointer(basis)
        var j = 0
        while j < tile {
            var sumA = SIMD8<Float>(), sumB = SIMD8<Float>()
            for i in 0..<functions {
                let value = rows.loadUnaligned(fromByteOffset: (i * tile + j) * stride, as: SIMD8<Float>.self)
                sumA += a[i] * value
                sumB += b[i] * value
            }
            UnsafeMutableRawPointer(level + j).storeBytes(of: sumA, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(ramp + j).storeBytes(of: sumB, as: SIMD8<Float>.self)
            j += 8
        }
    }

    /// `out[n] = x[n] − (level[n mod tile] + weight[n]·ramp[n mod tile])` for n < `count`.
    /// - Complexity: O(count), a handful of instructions per eight samples.
    @inline(__always)
    static func subtract(_ x: UnsafePointer<Float>, count: Int, level: UnsafePointer<Float>, ramp: UnsafePointer<Float>,
                         weight: UnsafePointer<Float>, tile: Int, into out: UnsafeMutablePointer<Float>) {
        let stride = MemoryLayout<Float>.stride
        let source = UnsafeRawPointer(x), weights = UnsafeRawPointer(weight)
        let levels = UnsafeRawPointer(level), ramps = UnsafeRawPointer(ramp)
        let target = UnsafeMutableRawPointer(out)
        var n = 0, j = 0
        while n + 8 <= count {
            let at = n * stride, inTile = j * stride
            let hum = levels.loadUnaligned(fromByteOffset: inTile, as: SIMD8<Float>.self)
                + weights.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                * ramps.loadUnaligned(fromByteOffset: inTile, as: SIMD8<Float>.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self) - hum,
                              toByteOffset: at, as: SIMD8<Float>.self)
            n += 8
            j += 8
            if j == tile { j = 0 }
        }
        while n < count {
            out[n] = x[n] - (level[j] + weight[n] * ramp[j])
            n += 1
            j += 1
        }
    }
}
