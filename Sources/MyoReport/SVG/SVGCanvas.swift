/// Builds one inline SVG figure as text, escaping every label it is given.
///
/// A value type that accumulates elements; `render()` wraps them in an `<svg>` element with a
/// `viewBox`, so the figure scales to the page width on screen and on paper. Coordinates are
/// written with at most one decimal (see `HTMLText.coordinate`).
struct SVGCanvas {
    let width: Double
    let height: Double
    /// Prefix for `id`s defined inside this figure: several figures share one HTML document,
    /// and ids (of hatch patterns) must be unique in it.
    let idPrefix: String
    private var defs = ""
    private var body = ""

    init(width: Double, height: Double, idPrefix: String) {
        self.width = width
        self.height = height
        self.idPrefix = idPrefix
    }

    private static func c(_ v: Double) -> String { HTMLText.coordinate(v) }

    /// Defines a diagonal hatch pattern, the print-safe mark for negative events (lapses): it
    /// stays distinct from the solid fill of positive events on a black-and-white printer.
    /// Returns the `fill` value that uses it.
    mutating func hatchPattern(named name: String, colour: String) -> String {
        let id = "\(idPrefix)-\(name)"
        defs += "<pattern id=\"\(id)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" fill=\"#fff\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"\(colour)\" stroke-width=\"2.4\"/></pattern>"
        return "url(#\(id))"
    }

    /// Adds a line segment; `dash` is an SVG dash array such as "4 3".
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000",
                       width strokeWidth: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.c(x1))\" y1=\"\(Self.c(y1))\" x2=\"\(Self.c(x2))\" y2=\"\(Self.c(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(Self.c(strokeWidth))\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    /// Adds a rectangle; negative sizes are normalised so the SVG stays valid.
    mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String,
                       stroke: String? = nil, opacity: Double? = nil) {
        let x0 = min(x, x + w), y0 = min(y, y + h)
        body += "<rect x=\"\(Self.c(x0))\" y=\"\(Self.c(y0))\" width=\"\(Self.c(abs(w)))\" height=\"\(Self.c(abs(h)))\" "
            + "fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\" stroke-width=\"0.8\"" } ?? "")
            + (opacity.map { " fill-opacity=\"\(HTMLText.number($0, decimals: 2))\"" } ?? "") + "/>"
    }

    /// Adds a text label; `anchor` is start, middle or end. The text is escaped.
    mutating func text(_ string: String, x: Double, y: Double, anchor: String = "start", size: Double = 11,
                       weight: String? = nil, fill: String = "#000", rotate: Bool = false) {
        let transform = rotate ? " transform=\"rotate(-90 \(Self.c(x)) \(Self.c(y)))\"" : ""
        body += "<text x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" text-anchor=\"\(anchor)\" font-size=\"\(Self.c(size))\""
            + (weight.map { " font-weight=\"\($0)\"" } ?? "") + " fill=\"\(fill)\"\(transform)>"
            + HTMLText.escape(string) + "</text>"
    }

    /// Adds an unfilled polyline through `points` (already in SVG coordinates).
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width strokeWidth: Double = 1) {
        guard points.count >= 2 else { return }
        var list = ""
        list.reserveCapacity(points.count * 10)
        for (i, p) in points.enumerated() {
            if i > 0 { list += " " }
            list += Self.c(p.x) + "," + Self.c(p.y)
        }
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(Self.c(strokeWidth))\" stroke-linejoin=\"round\"/>"
    }

    /// Adds a filled path built from `d` (an SVG path string the caller made from numbers only).
    mutating func path(_ d: String, fill: String, stroke: String? = nil, width strokeWidth: Double = 0.8) {
        guard !d.isEmpty else { return }
        body += "<path d=\"\(d)\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\" stroke-width=\"\(Self.c(strokeWidth))\"" } ?? "") + "/>"
    }

    /// The figure as an `<svg>` element. `description` becomes the accessible name
    /// (`role="img"` and `aria-label`), so a screen reader says what the figure shows. Inline
    /// SVG in HTML needs no namespace declaration, so the page carries no URL at all.
    func render(description: String) -> String {
        "<svg viewBox=\"0 0 \(Self.c(width)) \(Self.c(height))\" "
            + "role=\"img\" aria-label=\"\(HTMLText.escape(description))\" class=\"plot\">"
            + (defs.isEmpty ? "" : "<defs>\(defs)</defs>") + body + "</svg>"
    }
}
