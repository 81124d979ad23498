/// MyoReport renders what Myotrace found as documents a clinician can read and print:
/// self-contained HTML pages with inline SVG (no network, no scripts needed).
public enum MyoReport {}
