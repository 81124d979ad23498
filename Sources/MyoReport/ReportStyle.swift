/// The report's inline style sheet.
///
/// Colours are chosen to print on a black-and-white printer: positive events (jerks) are a dark
/// solid fill, negative events (lapses) a hatch pattern, long activity a light grey band, so no
/// meaning depends on hue. Print rules set A4 pages, start each major section on a new page and
/// keep figures and table rows whole. The sheet contains no `<` or `&`, so the page stays
/// well-formed XML as well as HTML (the tests parse it that way).
enum ReportStyle {
    /// Dark blue: reads as near-black on paper.
    static let positive = "#1d3557"
    /// Dark orange for the hatch lines of negative events.
    static let negative = "#b34700"
    static let longActivity = "#c8c8c8"
    static let grid = "#e2e2e2"
    static let axis = "#444"

    static let css = """
    :root { color-scheme: light; }
    body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: #111; background: #fff;
      margin: 0 auto; max-width: 980px; padding: 16px 24px 40px; font-size: 14px; line-height: 1.4; }
    h1 { font-size: 22px; margin: 4px 0 2px; }
    h2 { font-size: 17px; margin: 26px 0 8px; padding-bottom: 3px; border-bottom: 2px solid #1d3557; }
    h3 { font-size: 14px; margin: 14px 0 4px; }
    p.note, .caption { color: #444; font-size: 12.5px; margin: 4px 0 8px; }
    .disclaimer { border: 1.5px solid #111; padding: 7px 10px; margin: 10px 0; font-size: 13px; background: #f6f6f6; }
    table { border-collapse: collapse; margin: 6px 0 10px; font-size: 12.5px; }
    th, td { border: 1px solid #bbb; padding: 3px 7px; text-align: left; vertical-align: top; }
    th { background: #eef1f5; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
    dl.meta dt { font-weight: bold; }
    dl.meta dd { margin: 0; }
    .figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 12px; }
    .figure-box { border: 1px solid #999; padding: 6px 12px; min-width: 120px; }
    .figure-box .value { font-size: 24px; font-weight: bold; }
    .figure-box .label { font-size: 12px; color: #333; }
    svg.plot { width: 100%; height: auto; display: block; }
    figure { margin: 8px 0 14px; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-size: 12px; color: #333; margin-top: 2px; }
    .legend { font-size: 12px; margin: 4px 0; }
    .legend span { margin-right: 14px; white-space: nowrap; }
    .swatch { display: inline-block; width: 14px; height: 10px; border: 1px solid #333; vertical-align: middle; margin-right: 4px; }
    .swatch.pos { background: #1d3557; }
    .swatch.neg { background: repeating-linear-gradient(45deg, #b34700 0 2px, #fff 2px 4px); }
    .swatch.long { background: #c8c8c8; }
    .gallery { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
    .gallery figure { border: 1px solid #ccc; padding: 4px; margin: 0; }
    .empty { font-style: italic; color: #333; padding: 6px 0; }
    ul.warnings li { margin: 2px 0; }
    footer { margin-top: 24px; font-size: 11.5px; color: #555; border-top: 1px solid #ccc; padding-top: 6px; }
    @page { size: A4; margin: 14mm 12mm; }
    .keep { break-inside: avoid; page-break-inside: avoid; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.3; }
      h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 10px; } h3 { margin-top: 8px; }
      table { font-size: 8.5pt; margin: 4px 0 6px; }
      th, td { padding: 1px 5px; }
      p.note, .caption, figcaption, .legend { font-size: 8.5pt; }
      .disclaimer { font-size: 9pt; padding: 5px 8px; }
      .figures { flex-wrap: nowrap; gap: 6px; }
      .figure-box { min-width: 0; flex: 1; padding: 3px 8px; }
      .figure-box .value { font-size: 16pt; }
      .figure-box .label { font-size: 8pt; }
      section.page { break-before: page; page-break-before: always; }
      tr, .figure-box { break-inside: avoid; page-break-inside: avoid; }
      h2 { break-after: avoid; page-break-after: avoid; }
      .disclaimer, th, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      svg.plot { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
