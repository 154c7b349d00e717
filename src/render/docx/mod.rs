//! DOCX through docx-rs.
//!
//! Draws a display-ready [`Document`] as a Word-native DOCX that looks like the
//! PDF: the same measures (`layouts/profile.yaml`, converted to twips and
//! half-points), the same spacing as `layouts/vanban.typ`, formatting carried by
//! named styles (Normal, heading 1–4, one style per header-block element …) rather
//! than repeated on every run. docx-rs writes the parts; [`postpass`] brings them
//! into ECMA-376 order, adds what docx-rs lacks and packs them deterministically.

mod postpass;

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Header, HeaderReference, InstrText,
    LineSpacing, LineSpacingType, PageMargin, PageOrientationType, PageSize, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SectionProperty,
    SpecialIndentType, Style, StyleType, Table, TableAlignmentType, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

use crate::layout::Profile;
use crate::measure::text_width_pt;
use crate::resolve::{Align, Block, Document, GridTable, Inline};

/// Builds the DOCX of a display-ready document. Deterministic: identical input →
/// identical bytes.
pub fn render(doc: &Document, font_family: &str) -> Result<Vec<u8>, String> {
    check_profile(&doc.profile)?;
    let docx = Builder::new(doc, font_family).build()?;
    // The heading rows of each table, in document order (the order of the
    // tables in the body: the flow moves titles, never tables).
    let header_rows: Vec<usize> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.head.len()),
            _ => None,
        })
        .collect();
    let package = postpass::Package {
        title: &doc.meta.title,
        creator: &doc.meta.author,
        language: &doc.meta.language,
        date: (doc.meta.year, doc.meta.month, doc.meta.day),
        font_family,
        header_table_style: style::GRID_TABLE,
        header_rows: &header_rows,
    };
    postpass::finish(docx.build(), &package)
}

/// Style ids (ASCII, used in the XML) of the document's own styles. Word shows
/// their names; the built-in ones keep Word's names so that Word knows them.
mod style {
    pub const NORMAL: &str = "Normal";
    /// Phần; then Mục (I.), khoản (1.), sub-khoản (1.1. and deeper).
    pub const PART: &str = "Heading1";
    pub const HEADINGS: [&str; 3] = ["Heading2", "Heading3", "Heading4"];
    pub const PARENT_BODY: &str = "ParentBody";
    pub const ISSUING_BODY: &str = "IssuingBody";
    pub const NUMBER: &str = "DocumentNumber";
    pub const NATIONAL_TITLE: &str = "NationalTitle";
    pub const MOTTO: &str = "Motto";
    pub const PLACE_DATE: &str = "PlaceDate";
    pub const DOC_TYPE: &str = "DocumentType";
    pub const SUMMARY: &str = "Summary";
    /// A công văn's "V/v …" under the số (ô 5b).
    pub const SUMMARY_UNDER_NUMBER: &str = "SummaryUnderNumber";
    pub const ADDRESSEE: &str = "Addressee";
    /// An empty paragraph drawn as a short solid rule (its bottom border).
    pub const RULE: &str = "Rule";
    pub const RECIPIENTS_LABEL: &str = "RecipientsLabel";
    pub const RECIPIENT: &str = "Recipient";
    pub const AUTHORITY: &str = "SignerAuthority";
    pub const SIGNER_NAME: &str = "SignerName";
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE_HEADING: &str = "TableHeading";
    /// Every table of the body (indicator and plain alike).
    pub const GRID_TABLE: &str = "GridTable";
    /// A table's caption: bold, centred, body size, kept with the table.
    pub const TABLE_CAPTION: &str = "TableCaption";
    pub const PAGE_HEADER: &str = "Header";
    /// A công văn's address block (ô 13) in page 1's footer.
    pub const ADDRESS: &str = "AddressBlock";
    /// A 1 pt empty paragraph: carries a section break, ends the document.
    pub const SPACER: &str = "Spacer";
}

// Vertical spacing: the same profile numbers as layouts/vanban.typ, so
// that the DOCX and the PDF breathe alike. Two facts of Word's model (which
// LibreOffice follows for a DOCX) shape the conversion:
//  - between two paragraphs Word leaves the LARGER of the first one's space after
//    and the second one's space before, not their sum (between a paragraph and a
//    table cell's first paragraph, the two add up);
//  - a body line at 1.15 lines is a whole line pitch high: it already holds the
//    leading that typst puts between line boxes ([`Builder::body_leading`]).
// The spacing itself is the profile's (header_row_gap, doc_type_above, …),
// read by both renderers.
/// The rule paragraph's own line (the Rule style is 1 pt): the profile's
/// rule_gap less this is the space above it.
const RULE_LINE_PT: f32 = 1.0;
/// Times New Roman's single line pitch in em (ascender + descender + line gap).
const SINGLE_LINE_EM: f32 = 1.149;
/// Times New Roman's ascender and line box (ascender + descender) in em: typst's
/// line box (layouts/vanban.typ: top-edge 0.891em, bottom-edge -0.216em).
const ASCENT_EM: f32 = 0.891;
const LINE_BOX_EM: f32 = 1.107;
/// A balanced line this close to the full width is what plain wrapping gives
/// anyway: leave such lines to the word processor, without explicit breaks.
const BALANCE_SLACK: f32 = 0.98;

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

/// Millimetres → twips (1/1440 inch).
fn mm(x: f32) -> i32 {
    (x * 1440.0 / 25.4).round() as i32
}

/// Points → twips.
fn pt(x: f32) -> i32 {
    (x * 20.0).round() as i32
}

/// Points → half-points (w:sz).
fn half_points(size: f32) -> usize {
    (size * 2.0).round() as usize
}

/// Twips as the unsigned widths docx-rs takes (negative clamps to 0).
fn unsigned(twips: i32) -> usize {
    usize::try_from(twips).unwrap_or(0)
}

/// Column widths in mm → twips, rounding the running sum so that the columns add
/// up to the rounded total (no drift of a twip per column).
fn column_twips(widths_mm: &[f32]) -> Vec<usize> {
    let mut sum = 0.0;
    let mut previous = 0;
    widths_mm
        .iter()
        .map(|w| {
            sum += w;
            let edge = mm(sum);
            let width = edge - previous;
            previous = edge;
            unsigned(width)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Text widths and balanced lines
// ---------------------------------------------------------------------------

/// First-fit wrapping of the words of `text` (split at single spaces) into lines
/// of at most `width` pt, as a word processor wraps: the byte offsets of the
/// spaces where lines break, and the width of the widest line.
fn wrap(text: &str, size: f32, bold: bool, width: f32) -> (Vec<usize>, f32) {
    let space = text_width_pt(" ", size, bold);
    let mut breaks = Vec::new();
    let (mut line, mut widest) = (0.0_f32, 0.0_f32);
    let mut offset = 0;
    for (i, word) in text.split(' ').enumerate() {
        let w = text_width_pt(word, size, bold);
        if i > 0 && line + space + w > width {
            breaks.push(offset - 1);
            widest = widest.max(line);
            line = w;
        } else if i > 0 {
            line += space + w;
        } else {
            line = w;
        }
        offset += word.len() + 1;
    }
    (breaks, widest.max(line))
}

/// Where to break a centred `text` so that it takes as few lines as at
/// `max_width` pt, but lines of nearly equal length rather than a word left alone
/// on the last line (typst's `balanced` in layouts/vanban.typ): the byte offsets
/// of the spaces to turn into line breaks, and the widest line's width in pt.
/// No breaks when the text fits on one line, or when balancing gains nothing
/// (its lines would be as wide as plain wrapping's).
fn balanced_breaks(text: &str, size: f32, bold: bool, max_width: f32) -> (Vec<usize>, f32) {
    let (greedy, natural) = wrap(text, size, bold, max_width);
    if greedy.is_empty() {
        return (greedy, natural);
    }
    // The narrowest width that still needs no more lines, by bisection.
    let (mut lo, mut hi) = (max_width / 2.0, max_width);
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if wrap(text, size, bold, mid).0.len() <= greedy.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let (breaks, widest) = wrap(text, size, bold, hi);
    if widest > max_width * BALANCE_SLACK {
        return (Vec::new(), natural.min(max_width));
    }
    (breaks, widest)
}

/// Runs of `inlines` with a line break in place of each space at `breaks` (byte
/// offsets into their joined text); `run_of` styles a piece of an inline.
fn runs_with_breaks(
    inlines: &[Inline],
    breaks: &[usize],
    run_of: impl Fn(&Inline, &str) -> Run,
) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut base = 0;
    for inline in inlines {
        let text = inline.text.as_str();
        let mut start = 0;
        for &b in breaks
            .iter()
            .filter(|&&b| b >= base && b < base + text.len())
        {
            let at = b - base;
            runs.push(run_of(inline, &text[start..at]).add_break(BreakType::TextWrapping));
            start = at + 1;
        }
        if start < text.len() {
            runs.push(run_of(inline, &text[start..]));
        }
        base += text.len();
    }
    runs
}

/// Rejects a profile whose numbers cannot make a page (the profile file is part
/// of the build, so this guards against editing mistakes, reported clearly).
fn check_profile(p: &Profile) -> Result<(), String> {
    let lengths = [
        ("page.width", p.page.width),
        ("page.height", p.page.height),
        ("margin.top", p.margin.top),
        ("margin.bottom", p.margin.bottom),
        ("margin.left", p.margin.left),
        ("margin.right", p.margin.right),
        ("size_body", p.size_body),
        ("size_table", p.size_table),
        ("size_page_number", p.size_page_number),
        ("line_spacing", p.line_spacing),
    ];
    for (name, value) in lengths {
        if !value.is_finite() || value <= 0.0 {
            return Err(format!(
                "layout profile {}: {name} must be positive, is {value}",
                p.name
            ));
        }
    }
    let all_widths = p
        .header_columns
        .iter()
        .chain(&p.signature_columns)
        .chain(&p.table_columns);
    if all_widths
        .chain(&p.table_columns_landscape)
        .any(|w| !w.is_finite() || *w <= 0.0)
    {
        return Err(format!(
            "layout profile {}: column widths must be positive",
            p.name
        ));
    }
    if p.text_width() <= 0.0 {
        return Err(format!(
            "layout profile {}: the margins leave no text width",
            p.name
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Styles
// ---------------------------------------------------------------------------

/// Paragraph spacing: before and after in twips, line in 240ths of a line (auto).
fn spacing(before: i32, after: i32, lines: f32) -> LineSpacing {
    LineSpacing::new()
        .before(unsigned(before) as u32)
        .after(unsigned(after) as u32)
        .line((240.0 * lines).round() as i32)
        .line_rule(LineSpacingType::Auto)
}

/// A paragraph style based on Normal.
fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(style::NORMAL)
        .next(style::NORMAL)
}

/// Left, right and first-line indents of `first_line` twips.
fn indent(s: Style, first_line: i32) -> Style {
    let first = Some(SpecialIndentType::FirstLine(first_line));
    s.indent(Some(0), first, Some(0), None)
}

fn keep_with_next(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true).keep_lines(true);
    s
}

/// The border width of a rule or a table line, in eighths of a point.
fn border_size(p: &Profile) -> usize {
    unsigned((p.rule_thickness * 8.0).round() as i32).max(2)
}

fn styles(p: &Profile, font: &str) -> Vec<Style> {
    let em = |x: f32| pt(x * p.size_body);
    let fonts = RunFonts::new()
        .ascii(font)
        .hi_ansi(font)
        .cs(font)
        .east_asia(font);
    let mut normal = Style::new(style::NORMAL, StyleType::Paragraph)
        .name("Normal")
        .fonts(fonts)
        .size(half_points(p.size_body))
        .align(AlignmentType::Both)
        .line_spacing(spacing(0, pt(p.paragraph_spacing), p.line_spacing));
    normal = indent(normal, mm(p.first_line_indent));
    normal.paragraph_property = normal.paragraph_property.widow_control(true);

    // Phần: centred, bold, kept with what follows; its label and title are one
    // paragraph (a line break between) so that the outline shows one entry.
    // Headings: bold, indented and justified like the body (Normal).
    // Space above a Phần: typst's 1.2em + para-gap above its line box, less the
    // leading the line before already holds.
    let part_above = em(p.part_above) + pt(p.paragraph_spacing);
    let part = paragraph_style(style::PART, "heading 1")
        .bold()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(unsigned(part_above) as u32))
        .outline_lvl(0);
    let mut all = vec![normal, keep_with_next(indent(part, 0))];
    // Headings may break like any paragraph (typst: breakable); whether one
    // stays with what follows is resolve's decision, set on each paragraph
    // (docx-rs cannot switch off a style's keep-with-next).
    for (i, id) in style::HEADINGS.iter().enumerate() {
        let name = format!("heading {}", i + 2);
        all.push(paragraph_style(id, &name).bold().outline_lvl(i + 1));
    }

    // Lines set apart from the body: no first-line indent, single spacing, no
    // space after; some have space before.
    let (c, l) = (AlignmentType::Center, AlignmentType::Left);
    let row_gap = em(p.header_row_gap);
    #[rustfmt::skip]
    let lines = [
        // id, name shown in Word, size, alignment, bold, italic, keep with next, space before
        (style::PARENT_BODY, "Cơ quan chủ quản", p.size_issuer, c, false, false, false, 0),
        (style::ISSUING_BODY, "Tên cơ quan ban hành", p.size_issuer, c, true, false, false, 0),
        (style::NUMBER, "Số, ký hiệu", p.size_number, c, false, false, false, row_gap),
        (style::NATIONAL_TITLE, "Quốc hiệu", p.size_national_title, c, true, false, false, 0),
        (style::MOTTO, "Tiêu ngữ", p.size_motto, c, true, false, false, 0),
        (style::PLACE_DATE, "Địa danh, ngày", p.size_date, c, false, true, false, row_gap),
        (style::DOC_TYPE, "Tên loại", p.size_doc_type, c, true, false, true, em(p.doc_type_above)),
        (style::SUMMARY, "Trích yếu", p.size_summary, c, true, false, true, 0),
        (style::SUMMARY_UNDER_NUMBER, "Trích yếu công văn", p.size_summary_under_number, c, false, false, false, 0),
        (style::ADDRESSEE, "Kính gửi", p.size_body, c, false, false, true, 0),
        (style::RULE, "Đường kẻ", RULE_LINE_PT, c, false, false, true, pt(p.rule_gap - RULE_LINE_PT)),
        (style::RECIPIENTS_LABEL, "Nơi nhận", p.size_recipients_label, l, true, true, true, 0),
        (style::RECIPIENT, "Nơi nhận – mục", p.size_recipients, l, false, false, true, 0),
        (style::AUTHORITY, "Quyền hạn, chức vụ", p.size_signature, c, true, false, true, 0),
        (style::SIGNER_NAME, "Họ tên người ký", p.size_signature, c, true, false, true, mm(p.signature_room)),
        (style::TABLE_TEXT, "Chữ trong bảng", p.size_table, l, false, false, false, 0),
        // Header rows stay with the first body row (never alone at a page foot).
        (style::TABLE_HEADING, "Tiêu đề bảng", p.size_table, c, true, false, true, 0),
        (style::TABLE_CAPTION, "Tên bảng", p.size_body, c, true, false, true, 0),
        (style::PAGE_HEADER, "header", p.size_page_number, c, false, false, false, 0),
        (style::ADDRESS, "Địa chỉ cơ quan", p.size_address, l, false, false, false, 0),
        (style::SPACER, "Dòng đệm", 1.0, l, false, false, false, 0),
    ];
    for (id, name, size, align, bold, italic, keep, before) in lines {
        let mut s = paragraph_style(id, name)
            .size(half_points(size))
            .align(align)
            .line_spacing(spacing(before, 0, 1.0));
        s = indent(s, 0);
        if bold {
            s = s.bold();
        }
        if italic {
            s = s.italic();
        }
        if keep {
            s = keep_with_next(s);
        }
        all.push(s);
    }
    // The page number is centred on the page, not on the text area between the
    // unequal left and right margins (typst: moved by half their difference;
    // NĐ 30: "canh giữa theo chiều ngang trong phần lề trên"): indent the
    // header paragraph on the side of the narrower margin by the difference.
    if let Some(header) = all.iter_mut().find(|s| s.style_id == style::PAGE_HEADER) {
        let shift = mm(p.margin.left) - mm(p.margin.right);
        let (left, right) = (shift.min(0).abs(), shift.max(0));
        let first = Some(SpecialIndentType::FirstLine(0));
        *header = header.clone().indent(Some(left), first, Some(right), None);
    }
    if let Some(rule) = all.iter_mut().find(|s| s.style_id == style::RULE) {
        let bottom = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(border_size(p))
            .space(0)
            .color("000000");
        let borders = ParagraphBorders::with_empty().set(bottom);
        rule.paragraph_property = rule.paragraph_property.clone().set_borders(borders);
    }
    all.push(grid_table_style(p));
    all
}

/// The tables' look: single lines of the rule thickness, cell padding.
fn grid_table_style(p: &Profile) -> Style {
    use TableBorderPosition::*;
    let borders = [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::with_empty(), |borders, side| {
            let line = TableBorder::new(side)
                .border_type(BorderType::Single)
                .size(border_size(p))
                .color("000000");
            borders.set(line)
        });
    // A Word line holds the font's line gap, and a row counts its border: take
    // half of both off the vertical padding, so that rows are as high as typst's
    // (inset, line boxes, line gaps only between lines).
    let line_gap = (SINGLE_LINE_EM - LINE_BOX_EM) * p.size_table;
    let y_inset = (p.table_inset_y - (line_gap + p.rule_thickness) / 2.0).max(0.0);
    let (x, y) = (unsigned(pt(p.table_inset_x)), unsigned(pt(y_inset)));
    Style::new(style::GRID_TABLE, StyleType::Table)
        .name("Bảng")
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(y, x, y, x))
}

// ---------------------------------------------------------------------------
// Runs and paragraphs
// ---------------------------------------------------------------------------

/// A run of text. `bold`: Some(false) switches off a bold the style gives.
fn run(text: &str, bold: Option<bool>, italic: bool) -> Run {
    let mut r = Run::new().add_text(text);
    match bold {
        Some(true) => r = r.bold(),
        Some(false) => r = r.disable_bold(),
        None => {}
    }
    if italic {
        r = r.italic();
    }
    r
}

/// An inline as a run; in a bold style (`bold_style`) a non-bold inline switches
/// bold off explicitly.
fn inline_run(i: &Inline, bold_style: bool) -> Run {
    let bold = match (i.bold, bold_style) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    };
    run(&line_text(i, &i.text), bold, i.italic)
}

/// A piece of a title's inline in a bold style: bold stays on (a title is bold
/// even when its inlines are not marked bold, as in typst), italic as marked.
fn title_run(i: &Inline, text: &str) -> Run {
    run(&line_text(i, text), None, i.italic)
}

/// Word joiner: no line break on either side (UAX #14 class WJ).
const WORD_JOINER: char = '\u{2060}';
/// No-break space.
const NO_BREAK_SPACE: char = '\u{a0}';

/// The text of a run as the word processor must see it so that it breaks lines
/// only where typst may: in an unbreakable inline, spaces become no-break
/// spaces and a word joiner follows every "-", "–" and "/" (after which UAX #14
/// would otherwise allow a break, even before a no-break space).
fn line_text(i: &Inline, text: &str) -> String {
    if !i.unbreakable {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            ' ' => out.push(NO_BREAK_SPACE),
            '-' | '–' | '/' => {
                out.push(c);
                out.push(WORD_JOINER);
            }
            c => out.push(c),
        }
    }
    out
}

/// Space above the first line of two side-by-side cells of different sizes that
/// puts their first baselines level (typst: `ascent`): (pad of a, pad of b).
fn level_pads(size_a: f32, size_b: f32) -> (i32, i32) {
    let first = size_a.max(size_b) * ASCENT_EM;
    (
        pt(first - size_a * ASCENT_EM),
        pt(first - size_b * ASCENT_EM),
    )
}

fn line(style_id: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style_id)
        .add_run(Run::new().add_text(text))
}

/// A short solid rule of `width` twips centred in `available` twips.
fn rule(width: i32, available: i32) -> Paragraph {
    let side = ((available - width) / 2).max(0);
    Paragraph::new()
        .style(style::RULE)
        .indent(Some(side), None, Some(side), None)
}

/// Sets the space above and/or below a paragraph (twips), keeping its style's
/// other spacing (direct formatting, where a block ends or begins: the style
/// cannot know).
fn spaced(p: Paragraph, before: Option<i32>, after: Option<i32>) -> Paragraph {
    let mut spacing = LineSpacing::new();
    if let Some(before) = before {
        spacing = spacing.before(unsigned(before) as u32);
    }
    if let Some(after) = after {
        spacing = spacing.after(unsigned(after) as u32);
    }
    p.line_spacing(spacing)
}

fn cell(width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
}

/// A borderless layout table (header block, signature block) with no cell padding,
/// so that its columns are exactly the profile's.
fn layout_table(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    let total = widths.iter().sum();
    Table::new(rows)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .clear_all_border()
}

// ---------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------

/// The body in the order it is drawn: text, tables, and the section breaks
/// around landscape tables.
enum Flow<'b> {
    Text(&'b Block),
    /// An indicator table or a plain table (the block itself).
    Table(&'b Block),
    /// The closing mark alone, when the body ends with a table or a part.
    Mark(&'b str),
    /// An empty paragraph ending a section: the portrait one before a landscape
    /// table, or the landscape one after it.
    SectionBreak {
        landscape: bool,
    },
}

/// A paragraph or a table of the title block.
enum Piece {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// Is `b` a title that must stay with what follows (a part, a heading without
/// run-in text)?
fn is_title(b: &Block) -> bool {
    matches!(b, Block::Part { .. })
        || matches!(b, Block::Heading { keep_with_next: true, .. })
}

/// Lays the blocks out as a flow. A landscape table gets a section of its own;
/// the titles just before it go onto its first landscape page with it (typst:
/// `lead`), since a title cannot stay with a table across a section break.
fn flow<'b>(blocks: &'b [Block], lone_mark: Option<&'b str>) -> Vec<Flow<'b>> {
    let landscape = |b: &Block| match b {
        Block::Table(t) => t.landscape,
        _ => false,
    };
    // lead_start[i]: where the titles moved onto landscape table i begin.
    let mut moved = vec![false; blocks.len()];
    let mut lead_start = vec![0; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        if landscape(b) {
            let mut j = i;
            while j > 0 && is_title(&blocks[j - 1]) && !moved[j - 1] {
                j -= 1;
            }
            moved[j..i].iter_mut().for_each(|m| *m = true);
            lead_start[i] = j;
        }
    }
    let mut out = Vec::new();
    let mut after_landscape = false;
    for (i, b) in blocks.iter().enumerate() {
        if moved[i] {
            continue;
        }
        match b {
            Block::Table(_) if landscape(b) => {
                // A landscape table that follows another directly shares no
                // portrait page with it.
                if !after_landscape {
                    out.push(Flow::SectionBreak { landscape: false });
                }
                out.extend(blocks[lead_start[i]..i].iter().map(Flow::Text));
                out.push(Flow::Table(b));
                out.push(Flow::SectionBreak { landscape: true });
            }
            Block::Table(_) => out.push(Flow::Table(b)),
            text => out.push(Flow::Text(text)),
        }
        after_landscape = landscape(b);
    }
    if let Some(mark) = lone_mark {
        out.push(Flow::Mark(mark));
    }
    out
}

/// The closing mark alone in a paragraph without first-line indent.
fn closing_mark(item: &Flow) -> Paragraph {
    let mark = match item {
        Flow::Mark(mark) => mark,
        _ => "",
    };
    Paragraph::new()
        .style(style::NORMAL)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(Run::new().add_text(mark))
}

/// The page-number paragraph of the page header: a PAGE field in the
/// conventional form, one run per field part.
fn page_number() -> Paragraph {
    Paragraph::new()
        .style(style::PAGE_HEADER)
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::Unsupported(" PAGE ".into())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("2"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

struct Builder<'a> {
    doc: &'a Document,
    font_family: &'a str,
    p: &'a Profile,
    /// Text width in twips (portrait).
    text_width: i32,
}

impl<'a> Builder<'a> {
    fn new(doc: &'a Document, font_family: &'a str) -> Self {
        let p = &doc.profile;
        Builder {
            doc,
            font_family,
            p,
            text_width: mm(p.text_width()),
        }
    }

    fn em(&self, x: f32) -> i32 {
        pt(x * self.p.size_body)
    }

    fn build(&self) -> Result<Docx, String> {
        let p = self.p;
        let font = self.font_family;
        let mut docx = Docx::new()
            .default_fonts(
                RunFonts::new()
                    .ascii(font)
                    .hi_ansi(font)
                    .cs(font)
                    .east_asia(font),
            )
            .default_size(half_points(p.size_body))
            .page_size(
                unsigned(mm(p.page.width)) as u32,
                unsigned(mm(p.page.height)) as u32,
            )
            .page_margin(self.page_margin())
            // Page number centred in the top margin from page 2; page 1 has a blank
            // first-page header (titlePg).
            .header(Header::new().add_paragraph(page_number()))
            .first_header(Header::new().add_paragraph(Paragraph::new().style(style::PAGE_HEADER)));
        // A công văn's address block (ô 13): page 1's footer, under a rule.
        if !self.doc.header.address.is_empty() {
            let top = ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(border_size(p))
                .space(2)
                .color("000000");
            let address = Paragraph::new()
                .style(style::ADDRESS)
                .set_borders(ParagraphBorders::with_empty().set(top))
                .add_run(Run::new().add_text(self.doc.header.address.as_str()));
            docx = docx.first_footer(docx_rs::Footer::new().add_paragraph(address));
        }
        for s in styles(p, font) {
            docx = docx.add_style(s);
        }
        let page_headers = PageHeaders {
            first_footer: docx.document.section_property.first_footer_reference.clone(),
            default: docx.document.section_property.header_reference.clone(),
            first: docx
                .document
                .section_property
                .first_header_reference
                .clone(),
        };

        let (blocks, lone_mark) = self.body_with_closing_mark();
        let flow = flow(&blocks, lone_mark.as_deref());

        docx = docx.add_table(self.header_block());
        for piece in self.title_block(flow.first()) {
            docx = match piece {
                Piece::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
                Piece::Table(table) => docx.add_table(*table),
            };
        }

        let mut sections_closed = 0;
        for (k, item) in flow.iter().enumerate() {
            let previous = k.checked_sub(1).and_then(|k| flow.get(k));
            let next = flow.get(k + 1);
            match item {
                Flow::Text(_) | Flow::Mark(_) => {
                    let (mut paragraph, above, last_text) = match item {
                        Flow::Text(block) => (
                            self.text_block(block),
                            self.space_above(block),
                            matches!(block, Block::Paragraph { .. } | Block::Item { .. }),
                        ),
                        _ => (closing_mark(item), self.para_gap(), true),
                    };
                    // Space between a table and the text around it (typst: the
                    // table's block spacing), as direct formatting.
                    let before = matches!(previous, Some(Flow::Table(_)))
                        .then(|| (self.para_gap() + pt(self.p.table_below)).max(above));
                    let after = matches!(next, Some(Flow::Table(_)))
                        .then(|| pt(self.p.paragraph_spacing + self.p.table_above));
                    if before.is_some() || after.is_some() {
                        paragraph = spaced(paragraph, before, after);
                    }
                    // The last paragraph stays with Nơi nhận and the signature
                    // (unless that block is taller than a page and flows on).
                    if next.is_none() && last_text && !self.signature_flows() {
                        paragraph = paragraph.keep_next(true);
                    }
                    docx = docx.add_paragraph(paragraph);
                }
                Flow::Table(block) => {
                    let Block::Table(t) = block else {
                        return Err("a text block in a table's place".into());
                    };
                    if !t.caption.is_empty() {
                        docx = docx.add_paragraph(spaced(
                            line(style::TABLE_CAPTION, &t.caption),
                            None,
                            Some(self.em(self.p.caption_below)),
                        ));
                    }
                    // A table that ends the body: its last rows keep with "./."
                    // (kept with Nơi nhận and the signature).
                    let keep_tail = if matches!(next, Some(Flow::Mark(_))) { self.p.signature_keeps_rows } else { 0 };
                    docx = docx.add_table(self.grid_table(t, keep_tail)?);
                    match next {
                        // Word would run two tables into one: a spacer between them,
                        // as high as the space typst leaves below the table.
                        Some(Flow::Table(_)) => {
                            let gap = self.para_gap() + pt(self.p.table_below);
                            docx = docx.add_paragraph(self.spacer(gap));
                        }
                        // The signature block's cells add their own space above
                        // (size_body) to the spacer's: together typst's gap.
                        None => {
                            let gap = (self.para_gap() + pt(self.p.table_below))
                                .max(self.signature_above() + self.para_gap());
                            docx = docx.add_paragraph(self.spacer(gap - self.signature_above()));
                        }
                        _ => {}
                    }
                }
                Flow::SectionBreak { landscape } => {
                    let first = sections_closed == 0;
                    docx = docx.add_paragraph(self.section_break(&page_headers, *landscape, first));
                    sections_closed += 1;
                }
            }
        }

        docx = docx.add_table(self.signature_block());
        if let Some(a) = &self.doc.attachment {
            // The main text's last section ends here; the attached text is the
            // last section: a new page, numbered from 1, its first page
            // without a number (typst: the same).
            docx = docx.add_paragraph(self.section_break(&page_headers, false, sections_closed == 0));
            docx = self.attachment(docx, a);
            docx.document.section_property = docx.document.section_property.clone().page_num_type(docx_rs::PageNumType::new().start(1));
            docx.document.section_property.title_pg = true;
            docx = docx.add_paragraph(Paragraph::new().style(style::SPACER));
            return Ok(docx);
        }
        // The body ends with a paragraph, as Word expects; 1 pt high.
        docx = docx.add_paragraph(Paragraph::new().style(style::SPACER));
        if sections_closed > 0 {
            // Only the first section has a first page without a number.
            docx.document.section_property.title_pg = false;
        }
        Ok(docx)
    }

    /// The leading typst puts between two body line boxes (layouts/vanban.typ:
    /// body-leading), in twips. A DOCX body line at `line_spacing` lines holds it.
    fn body_leading(&self) -> i32 {
        let p = self.p;
        pt((p.line_spacing * SINGLE_LINE_EM - LINE_BOX_EM).max(0.0) * p.size_body)
    }

    /// typst's para-gap: the space between two body line boxes of two paragraphs.
    fn para_gap(&self) -> i32 {
        pt(self.p.paragraph_spacing) + self.body_leading()
    }

    /// The space typst leaves above a block's first line box (its `above`).
    fn space_above(&self, block: &Block) -> i32 {
        match block {
            Block::Part { .. } => self.em(self.p.part_above) + self.para_gap(),
            Block::Centered { extra_above, .. } => self.em(*extra_above) + self.para_gap(),
            Block::Table(_) => self.para_gap() + pt(self.p.table_above),
            _ => self.para_gap(),
        }
    }

    /// Space above the first line of the signature block's columns (typst: above
    /// size_body + para-gap; the paragraph before adds its own space after).
    fn signature_above(&self) -> i32 {
        pt(self.p.size_body)
    }

    /// An empty 1 pt paragraph followed by `after` twips of space.
    fn spacer(&self, after: i32) -> Paragraph {
        let height = pt(SINGLE_LINE_EM);
        spaced(
            Paragraph::new().style(style::SPACER),
            None,
            Some(after - height),
        )
    }

    fn page_margin(&self) -> PageMargin {
        let p = self.p;
        // The header's top edge, so that its line ends HEADER_ASCENT above the text.
        let number_line = p.size_page_number * SINGLE_LINE_EM * 25.4 / 72.0;
        let header = p.margin.top * (1.0 - p.header_ascent) - number_line;
        PageMargin::new()
            .top(mm(p.margin.top))
            .bottom(mm(p.margin.bottom))
            .left(mm(p.margin.left))
            .right(mm(p.margin.right))
            .header(mm(header.max(0.0)))
            .footer(mm(p.margin.bottom / 2.0))
            .gutter(0)
    }

    /// An empty paragraph ending a section (the one before a landscape table, or
    /// the landscape one). Sections reference the document's page headers; only
    /// the first has a first page without a number.
    fn section_break(&self, headers: &PageHeaders, landscape: bool, first: bool) -> Paragraph {
        let p = self.p;
        let (w, h) = (
            unsigned(mm(p.page.width)) as u32,
            unsigned(mm(p.page.height)) as u32,
        );
        let size = if landscape {
            PageSize::new()
                .size(h, w)
                .orient(PageOrientationType::Landscape)
        } else {
            PageSize::new().size(w, h)
        };
        let mut section = SectionProperty::new()
            .page_size(size)
            .page_margin(self.page_margin());
        section.header_reference = headers.default.clone();
        if first {
            section.first_header_reference = headers.first.clone();
            section.first_footer_reference = headers.first_footer.clone();
            section.title_pg = true;
        }
        Paragraph::new()
            .style(style::SPACER)
            .section_property(section)
    }

    // -- First-page header (ô 1–4) -------------------------------------------

    fn header_block(&self) -> Table {
        self.header_table(true)
    }

    /// The header table; `with_number_row: false` gives only the issuer and the
    /// Quốc hiệu (an attached text's top, Mẫu 1.3).
    fn header_table(&self, with_number_row: bool) -> Table {
        let (p, h) = (self.p, &self.doc.header);
        let widths = column_twips(&p.header_columns);
        let (left_w, right_w) = (
            widths.first().copied().unwrap_or(0),
            widths.get(1).copied().unwrap_or(0),
        );

        // Left: cơ quan chủ quản, tên cơ quan ban hành, a rule of
        // issuer_rule_fraction × the longest issuer line (at most the column).
        let mut issuer = cell(left_w);
        for l in &h.parent_body {
            issuer = issuer.add_paragraph(line(style::PARENT_BODY, l));
        }
        for l in &h.issuing_body {
            issuer = issuer.add_paragraph(line(style::ISSUING_BODY, l));
        }
        if !h.issuing_body.is_empty() {
            let widest = h
                .issuing_body
                .iter()
                .map(|l| pt(text_width_pt(l, p.size_issuer, true)))
                .max()
                .unwrap_or(0)
                .min(left_w as i32);
            let width = (widest as f32 * p.issuer_rule_fraction).round() as i32;
            issuer = issuer.add_paragraph(rule(width, left_w as i32));
        }

        // Right: Quốc hiệu, Tiêu ngữ, a rule as long as the Tiêu ngữ.
        let motto_width = pt(text_width_pt(&h.motto, p.size_motto, true)).min(right_w as i32);
        let national = cell(right_w)
            .add_paragraph(line(style::NATIONAL_TITLE, &h.national_title))
            .add_paragraph(line(style::MOTTO, &h.motto))
            .add_paragraph(rule(motto_width, right_w as i32));

        // Row 2: "Số: …" level with the date: the smaller size is pushed down by
        // the difference of the two ascents, so that the baselines match.
        let row_gap = self.em(p.header_row_gap);
        let (number_pad, date_pad) = level_pads(p.size_number, p.size_date);
        let mut number = cell(left_w).add_paragraph(spaced(
            line(style::NUMBER, &h.number),
            Some(row_gap + number_pad),
            None,
        ));
        // A công văn's "V/v …" under the số, centred in the left column.
        for (i, l) in h.summary_under_number.iter().enumerate() {
            let before = (i == 0).then(|| pt(p.summary_under_number_above));
            number = number.add_paragraph(spaced(line(style::SUMMARY_UNDER_NUMBER, l), before, None));
        }
        // "ngày … tháng … năm …" never breaks: when the line is too long for
        // the column, it goes whole onto a line of its own (typst: a box).
        let fits = pt(text_width_pt(&h.place_date, p.size_date, false)) <= right_w as i32;
        let place_date = match h.place_date.strip_suffix(&h.date) {
            Some(place) if !fits && !h.date.is_empty() => Paragraph::new().style(style::PLACE_DATE).add_run(
                Run::new().add_text(place.trim_end()).add_break(BreakType::TextWrapping).add_text(&h.date),
            ),
            _ => line(style::PLACE_DATE, &h.place_date),
        };
        // A type without a date line (a biên bản) leaves the cell empty.
        let place_date = if h.place_date.is_empty() { Paragraph::new().style(style::PLACE_DATE) } else { place_date };
        let date = cell(right_w).add_paragraph(spaced(
            place_date,
            Some(row_gap + date_pad),
            None,
        ));

        let mut rows = vec![TableRow::new(vec![issuer, national]).cant_split()];
        if with_number_row {
            rows.push(TableRow::new(vec![number, date]).cant_split());
        }
        layout_table(rows, widths)
    }

    /// The text a quyết định issues (Mẫu 1.3), after a section break: its own
    /// section, numbered from 1, its first page without a number.
    fn attachment(&self, mut docx: Docx, a: &crate::resolve::Attachment) -> Docx {
        let p = self.p;
        docx = docx.add_table(self.header_table(false));
        docx = docx.add_paragraph(line(style::DOC_TYPE, &a.doc_type));
        for l in &a.summary {
            docx = docx.add_paragraph(line(style::SUMMARY, l));
        }
        for l in &a.reference {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .style(style::SUMMARY)
                    .add_run(run(l, Some(false), true).size(half_points(p.size_body))),
            );
        }
        let widest = a
            .summary
            .iter()
            .map(|l| text_width_pt(l, p.size_summary, true))
            .chain(a.reference.iter().map(|l| crate::measure::styled_width_pt(l, p.size_body, false, true)))
            .fold(0.0, f32::max);
        let widest = pt(widest).min(self.text_width);
        let below = self.em(p.title_block_below) + a.body.first().map_or(self.para_gap(), |b| self.space_above(b));
        docx = docx.add_paragraph(spaced(rule((widest as f32 * p.summary_rule_fraction).round() as i32, self.text_width), None, Some(below)));
        for b in &a.body {
            docx = docx.add_paragraph(self.text_block(b));
        }
        docx
    }

    /// Tên loại, trích yếu with a rule under it, Kính gửi; then the space typst
    /// leaves before `first`, the first item of the body.
    fn title_block(&self, first: Option<&Flow>) -> Vec<Piece> {
        let (p, h) = (self.p, &self.doc.header);
        // A type without a tên loại (a công văn) centres nothing here.
        let mut out = Vec::new();
        if !h.doc_type.is_empty() {
            out.push(line(style::DOC_TYPE, &h.doc_type));
        }
        if h.summary.is_empty() && h.title_rule {
            // No trích yếu (a giấy giới thiệu): the rule directly under the tên loại.
            let widest = pt(text_width_pt(&h.doc_type, p.size_doc_type, true)).min(self.text_width);
            out.push(rule((widest as f32 * p.summary_rule_fraction).round() as i32, self.text_width));
        }
        if !h.summary.is_empty() {
            let text_width = p.text_width() * 72.0 / 25.4;
            let size = p.size_summary;
            let mut widest = h
                .summary
                .iter()
                .map(|l| text_width_pt(l, size, true))
                .fold(0.0, f32::max);
            if widest <= text_width {
                // The author's lines, as given.
                for l in &h.summary {
                    out.push(line(style::SUMMARY, l));
                }
            } else {
                // A line wider than the page would wrap and leave a word alone:
                // run the lines together and break them into balanced lines.
                let joined = h.summary.join(" ");
                let (breaks, w) = balanced_breaks(&joined, size, true, text_width);
                widest = w;
                let inline = [Inline::plain(joined.clone())];
                let runs = runs_with_breaks(&inline, &breaks, |_, t| Run::new().add_text(t));
                out.push(
                    runs.into_iter()
                        .fold(Paragraph::new().style(style::SUMMARY), Paragraph::add_run),
                );
            }
            if h.title_rule {
                let widest = pt(widest).min(self.text_width);
                let width = (widest as f32 * p.summary_rule_fraction).round() as i32;
                out.push(rule(width, self.text_width));
            }
        }
        // Without a tên loại, Kính gửi keeps the tên loại's distance from the
        // header (typst: the same).
        let addressees_above = if h.doc_type.is_empty() { self.em(p.doc_type_above) } else { self.em(p.addressees_above) };
        // title_block_below, then the first block's own space above. The lines here
        // are single-spaced: no leading to take off.
        let above = match first {
            Some(Flow::Text(block)) => self.space_above(block),
            Some(Flow::Table(_)) => self.para_gap() + pt(self.p.table_above),
            _ => self.para_gap(),
        };
        let below = self.em(p.title_block_below) + above;
        let a = &h.addressees;
        let mut out: Vec<Piece> = out
            .into_iter()
            .map(|p| Piece::Paragraph(Box::new(p)))
            .collect();
        if a.len() > 1 && a[0].trim().ends_with(':') {
            // Several recipients: the label "Kính gửi:", then the "- X;" lines in
            // a column to its right, the whole block centred (typst: a grid).
            match out.pop() {
                Some(Piece::Paragraph(last)) => {
                    let last = spaced(*last, None, Some(addressees_above));
                    out.push(Piece::Paragraph(Box::new(last)));
                }
                _ => out.push(Piece::Paragraph(Box::new(self.spacer(addressees_above)))),
            }
            out.push(Piece::Table(Box::new(self.addressee_table(&a[0], &a[1..]))));
            out.push(Piece::Paragraph(Box::new(self.spacer(below))));
            return out;
        }
        let count = a.len();
        for (i, l) in a.iter().enumerate() {
            let before = (i == 0).then_some(addressees_above);
            out.push(Piece::Paragraph(Box::new(spaced(
                line(style::ADDRESSEE, l),
                before,
                None,
            ))));
        }
        if let Some(Piece::Paragraph(last)) = out.pop() {
            let before = (count == 1).then_some(addressees_above);
            out.push(Piece::Paragraph(Box::new(spaced(
                *last,
                before,
                Some(below),
            ))));
        }
        out
    }

    /// "Kính gửi:" and, in a column to its right, the recipients one per line: a
    /// borderless table as wide as its text, centred.
    fn addressee_table(&self, label: &str, items: &[String]) -> Table {
        let size = self.p.size_body;
        // A little room over the measured widths, so that no line wraps on a
        // rounding; the gap between the columns is the profile's addressee_gap.
        let slack = pt(1.0);
        let label_w = pt(text_width_pt(label.trim(), size, false) + self.p.addressee_gap * size) + slack;
        let items_w = items
            .iter()
            .map(|l| pt(text_width_pt(l, size, false)) + slack)
            .max()
            .unwrap_or(0)
            .min(self.text_width - label_w);
        let widths = vec![unsigned(label_w), unsigned(items_w)];
        let left = |text: &str| line(style::ADDRESSEE, text).align(AlignmentType::Left);
        let label_cell = cell(widths[0]).add_paragraph(left(label.trim()));
        let items_cell = items
            .iter()
            .fold(cell(widths[1]), |c, l| c.add_paragraph(left(l)));
        layout_table(
            vec![TableRow::new(vec![label_cell, items_cell]).cant_split()],
            widths,
        )
        .align(TableAlignmentType::Center)
    }

    // -- Body -----------------------------------------------------------------

    /// The body and the closing mark that stands alone (resolve has already
    /// appended "./." to the last sentence when the body ends with text).
    fn body_with_closing_mark(&self) -> (Vec<Block>, Option<String>) {
        let mark = self.doc.closing_mark.clone().filter(|m| !m.is_empty());
        (self.doc.body.clone(), mark)
    }

    /// A block of text as one paragraph (tables are drawn by [`Self::grid_table`]).
    fn text_block(&self, block: &Block) -> Paragraph {
        match block {
            Block::Part { label, title } => {
                // The title in balanced lines, like typst's (a word never left
                // alone on the last line).
                let text: String = title.iter().map(|i| i.text.as_str()).collect();
                let text_width = self.p.text_width() * 72.0 / 25.4;
                let (breaks, _) = balanced_breaks(&text, self.p.size_body, true, text_width);
                let label = Run::new()
                    .add_text(label.as_str())
                    .add_break(BreakType::TextWrapping);
                runs_with_breaks(title, &breaks, title_run)
                    .into_iter()
                    .fold(
                        Paragraph::new().style(style::PART).add_run(label),
                        Paragraph::add_run,
                    )
            }
            Block::Heading {
                level,
                number,
                title,
                run_in,
                keep_with_next,
            } => {
                let index = (*level).clamp(1, 3) as usize - 1;
                let id = style::HEADINGS.get(index).copied().unwrap_or(style::NORMAL);
                // Number and title bold (from the style), the run-in text not.
                // Keep with next as resolve decided (a heading with run-in text is
                // a paragraph with content of its own, as in the PDF).
                let mut paragraph =
                    Paragraph::new()
                        .style(id)
                        .keep_next(*keep_with_next)
                        .add_run(run(&format!("{number} "), None, false));
                for i in title {
                    paragraph = paragraph.add_run(title_run(i, &i.text));
                }
                // One space between the title and its run-in text, unless the data has one.
                let title_text: String = title.iter().map(|i| i.text.as_str()).collect();
                let run_in_starts_spaced = run_in.first().is_some_and(|i| i.text.starts_with(' '));
                if !run_in.is_empty() && !title_text.ends_with(' ') && !run_in_starts_spaced {
                    paragraph = paragraph.add_run(run(" ", Some(false), false));
                }
                for i in run_in {
                    paragraph = paragraph.add_run(inline_run(i, true));
                }
                paragraph
            }
            Block::Paragraph { inlines } => inlines
                .iter()
                .fold(Paragraph::new().style(style::NORMAL), |p, i| {
                    p.add_run(inline_run(i, false))
                }),
            // Centred, no indent, kept with what follows; the space above as
            // typst's (its extra on top of the paragraph spacing).
            Block::Centered { inlines, extra_above } => {
                let paragraph = inlines.iter().fold(
                    Paragraph::new()
                        .style(style::NORMAL)
                        .align(AlignmentType::Center)
                        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), Some(0), None)
                        .keep_next(true),
                    |p, i| p.add_run(inline_run(i, false)),
                );
                if *extra_above > 0.0 {
                    spaced(paragraph, Some(pt(self.p.paragraph_spacing) + self.em(*extra_above)), None)
                } else {
                    paragraph
                }
            }
            Block::Item { marker, inlines } => inlines.iter().fold(
                Paragraph::new().style(style::NORMAL).add_run(run(
                    &format!("{marker} "),
                    None,
                    false,
                )),
                |p, i| p.add_run(inline_run(i, false)),
            ),
            // Not text: an empty paragraph if ever asked (the caller draws tables).
            Block::Table(_) => Paragraph::new().style(style::NORMAL),
        }
    }

    // -- Tables ---------------------------------------------------------------

    /// A table of the body: its heading rows (marked to repeat by the post-pass,
    /// and only they), then its body rows, every cell as resolve decided it.
    /// The last `keep_tail` rows keep with what follows the table.
    fn grid_table(&self, t: &GridTable, keep_tail: usize) -> Result<Table, String> {
        let widths_mm: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
        let widths = column_twips(&widths_mm);
        let n = widths.len();
        // A run in the table's size when it differs from the table style's.
        let size = (t.font_size != self.p.size_table).then(|| half_points(t.font_size));
        let text_run = |text: &str, bold: Option<bool>, italic: bool| {
            let r = run(text, bold, italic);
            match size {
                Some(s) => r.size(s),
                None => r,
            }
        };
        let span_width = |from: usize, span: usize| -> Result<usize, String> {
            widths
                .get(from..from + span)
                .map(|w| w.iter().sum())
                .ok_or_else(|| format!("table: a cell spans columns {}–{} of {n}", from + 1, from + span))
        };
        let cell_of = |width: usize, span: usize, paragraph: Paragraph| {
            let c = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(paragraph);
            if span > 1 { c.grid_span(span) } else { c }
        };

        // Heading rows. A cell spanning rows is vMerge restart in its first row
        // and an empty vMerge continue cell (of the same span) in the rows below.
        let mut rows = Vec::new();
        // covered[col] = (rows still covered, columns spanned) for a rowspan
        // cell that started above.
        let mut covered: Vec<(usize, usize)> = vec![(0, 0); n];
        for head_row in &t.head {
            let mut cells = Vec::new();
            let mut pending = head_row.iter();
            let mut column = 0;
            while column < n {
                let (left, span) = covered[column];
                if left > 0 {
                    covered[column].0 -= 1;
                    let empty = Paragraph::new().style(style::TABLE_HEADING);
                    cells.push(cell_of(span_width(column, span)?, span, empty).vertical_merge(VMergeType::Continue));
                    column += span;
                    continue;
                }
                let Some(h) = pending.next() else { break };
                let span = h.colspan.max(1);
                let mut paragraph = Paragraph::new().style(style::TABLE_HEADING);
                if !h.text.is_empty() {
                    let room_mm: f32 = widths_mm[column..(column + span).min(n)].iter().sum::<f32>() - 2.0 * self.p.table_inset_x * 25.4 / 72.0;
                    let text = formula_breaks(&h.text, h.italic, t.font_size, room_mm);
                    paragraph = paragraph.add_run(text_run(&text, None, h.italic));
                }
                let mut c = cell_of(span_width(column, span)?, span, paragraph);
                if h.rowspan > 1 {
                    covered[column] = (h.rowspan - 1, span);
                    c = c.vertical_merge(VMergeType::Restart);
                }
                cells.push(c);
                column += span;
            }
            if column != n || pending.next().is_some() {
                return Err(format!("table: a heading row fills {column} of {n} columns"));
            }
            rows.push(TableRow::new(cells).cant_split());
        }

        let first_kept = t.rows.len().saturating_sub(keep_tail);
        for (r, row) in t.rows.iter().enumerate() {
            let keep = row.keep_with_next || r >= first_kept;
            let mut cells = Vec::new();
            let mut column = 0;
            for c in &row.cells {
                let span = c.colspan.max(1);
                let align = match c.align {
                    Align::Left => AlignmentType::Left,
                    Align::Center => AlignmentType::Center,
                    Align::Right => AlignmentType::Right,
                };
                // A row kept with the next: every paragraph of it keeps (Word
                // keeps a row with the next when its paragraphs do).
                let mut paragraph = Paragraph::new()
                    .style(style::TABLE_TEXT)
                    .align(align)
                    .keep_next(keep);
                if !c.text.is_empty() {
                    paragraph = paragraph.add_run(text_run(&c.text, c.bold.then_some(true), c.italic));
                }
                cells.push(cell_of(span_width(column, span)?, span, paragraph));
                column += span;
            }
            if column != n {
                return Err(format!("table: a row fills {column} of {n} columns"));
            }
            rows.push(TableRow::new(cells).cant_split());
        }

        let total = widths.iter().sum();
        let align = if t.landscape {
            TableAlignmentType::Center
        } else {
            TableAlignmentType::Left
        };
        Ok(Table::new(rows)
            .style(style::GRID_TABLE)
            // Borders and cell padding come from the table style.
            .set_borders(TableBorders::with_empty())
            .set_grid(widths)
            .width(total, WidthType::Dxa)
            .align(align)
            .layout(TableLayoutType::Fixed))
    }

    // -- Nơi nhận and signature (ô 9b, 7a–7c) ---------------------------------

    /// One signer's column: quyền hạn and chức vụ, the room (the name's space
    /// before), the name. `above`: the space above the first line.
    fn signer_cell(&self, s: &crate::resolve::Signature, width: usize, above: i32) -> TableCell {
        let mut signer = cell(width);
        for (i, l) in s.authority.iter().enumerate() {
            let paragraph = line(style::AUTHORITY, l);
            signer = signer.add_paragraph(if i == 0 { spaced(paragraph, Some(above), None) } else { paragraph });
        }
        // The name (or an empty line of its height: the room stays in a draft).
        signer.add_paragraph(line(style::SIGNER_NAME, &s.name))
    }

    /// A biên bản's signature block (Mẫu 1.9): the thư ký and the chủ tọa side
    /// by side, level, then Nơi nhận under them in the left column; one table
    /// whose rows never split (typst: one unbreakable block).
    fn two_signer_block(&self, left: &crate::resolve::Signature) -> Table {
        let widths = column_twips(&self.p.two_signer_columns);
        let w = |i: usize| widths.get(i).copied().unwrap_or(0);
        let above = self.signature_above();
        let signers = TableRow::new(vec![
            self.signer_cell(left, w(0), above),
            cell(w(1)).add_paragraph(Paragraph::new().style(style::SPACER)),
            self.signer_cell(&self.doc.signature, w(2), above),
        ])
        .cant_split();
        let r = &self.doc.recipients;
        let mut recipients = cell(w(0)).add_paragraph(spaced(line(style::RECIPIENTS_LABEL, &r.label), Some(pt(self.p.size_body)), None));
        for item in &r.items {
            recipients = recipients.add_paragraph(line(style::RECIPIENT, item));
        }
        let rest = cell(w(1) + w(2)).grid_span(2).add_paragraph(Paragraph::new().style(style::SPACER));
        layout_table(vec![signers, TableRow::new(vec![recipients, rest]).cant_split()], widths)
    }

    fn signature_block(&self) -> Table {
        if let Some(left) = &self.doc.left_signer {
            return self.two_signer_block(left);
        }
        let (r, s) = (&self.doc.recipients, &self.doc.signature);
        let widths = column_twips(&self.p.signature_columns);
        let (left_w, right_w) = (
            widths.first().copied().unwrap_or(0),
            widths.get(1).copied().unwrap_or(0),
        );
        // Space above the block (typst: above size_body + para-gap), on the first
        // line of each column so that "Nơi nhận:" stays level with the authority.
        // The smaller "Nơi nhận:" is pushed down by the difference of the ascents.
        let above = self.signature_above();
        let (label_pad, authority_pad) =
            level_pads(self.p.size_recipients_label, self.p.size_signature);

        let mut recipients = cell(left_w).add_paragraph(spaced(
            line(style::RECIPIENTS_LABEL, &r.label),
            Some(above + label_pad),
            None,
        ));
        let flows = self.signature_flows();
        for item in &r.items {
            // Items keep with the next (the block stays whole), unless it flows on.
            let paragraph = line(style::RECIPIENT, item);
            recipients = recipients.add_paragraph(if flows { paragraph.keep_next(false) } else { paragraph });
        }

        let signer = self.signer_cell(s, right_w, above + authority_pad);

        // The block is never split across pages, unless it is taller than a
        // page (a Nơi nhận of 60 recipients): then it flows on, the signer's
        // column staying with the first part (typst: the same rule).
        let row = TableRow::new(vec![recipients, signer]);
        layout_table(vec![if flows { row } else { row.cant_split() }], widths)
    }

    /// Whether Nơi nhận and the signature are taller than a page, so that the
    /// block may break across pages (typst: the same rule, measured there).
    fn signature_flows(&self) -> bool {
        let width = column_twips(&self.p.signature_columns).first().copied().unwrap_or(0);
        self.recipients_height_pt(width) > self.page_body_height_pt()
    }

    /// The height of the Nơi nhận column as Word sets it: the label and each
    /// item wrapped in a column `width_twips` wide, single spacing.
    fn recipients_height_pt(&self, width_twips: usize) -> f32 {
        let p = self.p;
        let width = width_twips as f32 / 20.0;
        let lines: usize = self.doc.recipients.items.iter().map(|i| wrap(i, p.size_recipients, false, width).0.len() + 1).sum();
        p.size_body + (p.size_recipients_label + lines as f32 * p.size_recipients) * SINGLE_LINE_EM
    }

    /// The height of a portrait page's text area.
    fn page_body_height_pt(&self) -> f32 {
        let p = self.p;
        (p.page.height - p.margin.top - p.margin.bottom) * 72.0 / 25.4
    }
}

/// The page-header references of the document, for the sections that precede
/// the last one.
struct PageHeaders {
    default: Option<HeaderReference>,
    first: Option<HeaderReference>,
    /// Page 1's footer (a công văn's address block), if any.
    first_footer: Option<docx_rs::FooterReference>,
}

/// A formula of the column-number row ("3=2/1*100") too wide for its cell
/// breaks after "=" or "*" in the template (layouts/vanban.typ, `fitted`). Word
/// and LibreOffice see no break opportunity in it and cut it after the last
/// character that fits; when that cut falls elsewhere ("3=2/1*1" | "00"), a
/// zero-width space after the last "=" or "*" before it offers them the
/// template's place instead. A formula that fits, or whose cut already falls
/// after "=" or "*" (the seed's "5=4/3*" | "100"), is left as it is.
fn formula_breaks(text: &str, italic: bool, size: f32, room_mm: f32) -> String {
    let fits = |s: &str| crate::measure::styled_width_pt(s, size, true, true) * 25.4 / 72.0 <= room_mm;
    if !(italic && text.contains('=')) || fits(text) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits (at least one character, as the cut does).
    let mut cut = 1;
    while cut < chars.len() && fits(&chars[..=cut].iter().collect::<String>()) {
        cut += 1;
    }
    if matches!(chars[cut - 1], '=' | '*') {
        return text.to_owned();
    }
    let Some(at) = chars[..cut].iter().rposition(|c| matches!(c, '=' | '*')) else { return text.to_owned() };
    let mut out: String = chars[..=at].iter().collect();
    out.push('\u{200B}');
    out.extend(&chars[at + 1..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_add_up_to_the_rounded_total() {
        let widths = column_twips(&[9.0, 44.0, 14.0, 14.0, 15.0, 14.0, 14.0, 14.0, 13.0, 14.0]);
        assert_eq!(widths.iter().sum::<usize>(), unsigned(mm(165.0)));
        assert_eq!(widths[0], 510);
    }

    #[test]
    fn units() {
        assert_eq!(mm(210.0), 11906);
        assert_eq!(mm(297.0), 16838);
        assert_eq!(half_points(13.0), 26);
        assert_eq!(pt(6.0), 120);
    }

    #[test]
    fn the_motto_is_measured_at_its_real_width() {
        // Times New Roman Bold 14 pt: 171.2 pt (typst's measure of the PDF).
        let w = text_width_pt("Độc lập - Tự do - Hạnh phúc", 14.0, true);
        assert!((170.5..172.0).contains(&w), "{w}");
    }

    #[test]
    fn a_long_title_breaks_into_balanced_lines() {
        let title = "Tình hình thực hiện nhiệm vụ phát triển KT-XH, QP-AN 6 tháng đầu năm 2023";
        let width = 165.0 * 72.0 / 25.4;
        let (breaks, widest) = balanced_breaks(title, 14.0, true, width);
        // typst: "… nhiệm vụ phát triển" / "KT-XH, QP-AN 6 tháng đầu năm 2023".
        assert_eq!(breaks, vec![title.find(" KT-XH").unwrap()]);
        assert!(widest < width * 0.6, "{widest}");
        // A short one stays on its line.
        assert_eq!(
            balanced_breaks("Phần thứ nhất", 14.0, true, width).0,
            Vec::<usize>::new()
        );
    }

    #[test]
    fn breaks_replace_spaces_across_inlines() {
        use docx_rs::BuildXML;
        let inlines = [Inline::plain("ab c"), Inline::bold("d e")];
        // Joined "ab cd e": breaks at the space in "ab c" (2) and in "d e" (5).
        let runs = runs_with_breaks(&inlines, &[2, 5], |_, t| Run::new().add_text(t));
        let xml: Vec<String> = runs
            .iter()
            .map(|r| String::from_utf8(r.build()).unwrap())
            .collect();
        assert_eq!(xml.len(), 4, "{xml:?}");
        assert!(
            xml[0].contains(">ab<") && xml[0].contains("<w:br"),
            "{xml:?}"
        );
        assert!(
            xml[1].contains(">c<") && !xml[1].contains("<w:br"),
            "{xml:?}"
        );
        assert!(
            xml[2].contains(">d<") && xml[2].contains("<w:br"),
            "{xml:?}"
        );
        assert!(xml[3].contains(">e<"), "{xml:?}");
    }

    #[test]
    fn smaller_text_is_pushed_down_to_a_common_baseline() {
        let (a, b) = level_pads(12.0, 14.0);
        assert_eq!((a, b), (pt(2.0 * ASCENT_EM), 0));
    }
}

#[cfg(test)]
mod formula_break_tests {
    use super::formula_breaks;

    fn mm(text: &str) -> f32 {
        crate::measure::styled_width_pt(text, 11.0, true, true) * 25.4 / 72.0
    }

    #[test]
    fn an_overlong_formula_is_offered_the_templates_break() {
        // Room for "3=2/1*1" but not the whole: the cut would split "100".
        let room = (mm("3=2/1*1") + mm("3=2/1*10")) / 2.0;
        assert_eq!(formula_breaks("3=2/1*100", true, 11.0, room), "3=2/1*\u{200B}100");
        // A cut that already falls after "*", a formula that fits, and a heading
        // that is no formula are left alone.
        let room = (mm("5=4/3*") + mm("5=4/3*1")) / 2.0;
        assert_eq!(formula_breaks("5=4/3*100", true, 11.0, room), "5=4/3*100");
        assert_eq!(formula_breaks("5=4/3*100", true, 11.0, mm("5=4/3*100") + 1.0), "5=4/3*100");
        assert_eq!(formula_breaks("Kế hoạch năm 2024", false, 11.0, 5.0), "Kế hoạch năm 2024");
    }
}
