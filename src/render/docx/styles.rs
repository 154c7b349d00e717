//! The document's named styles (Normal, heading 1–4, one style per
//! header-block element …) and the tables' style: formatting lives here rather
//! than on every run.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, RunFonts, SpecialIndentType, Style, StyleType, TableBorder, TableBorderPosition,
    TableBorders, TableCellMargins,
};

use super::units::{half_points, mm, pt, unsigned, RULE_LINE_PT};
use crate::layout::Profile;

/// Style ids (ASCII, used in the XML) of the document's own styles. Word shows
/// their names; the built-in ones keep Word's names so that Word knows them.
pub(super) mod style {
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
    /// "Phụ lục I" at the top of a phụ lục.
    pub const APPENDIX_LABEL: &str = "AppendixLabel";
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
pub(super) fn border_size(p: &Profile) -> usize {
    unsigned((p.rule_thickness * 8.0).round() as i32).max(2)
}

pub(super) fn styles(p: &Profile, font: &str) -> Vec<Style> {
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
        (style::APPENDIX_LABEL, "Phụ lục", p.size_appendix_label, c, true, false, true, 0),
        (style::SUMMARY_UNDER_NUMBER, "Trích yếu công văn", p.size_summary_under_number, c, false, false, false, 0),
        (style::ADDRESSEE, "Kính gửi", p.size_body, c, false, false, true, 0),
        (style::RULE, "Đường kẻ", RULE_LINE_PT, c, false, false, true, pt(p.rule_gap - RULE_LINE_PT)),
        // Nơi nhận keeps together on each paragraph, not in its styles: a
        // Nơi nhận taller than a page flows on, and docx-rs cannot switch a
        // style's keep-with-next off (LibreOffice then moved the whole block).
        (style::RECIPIENTS_LABEL, "Nơi nhận", p.size_recipients_label, l, true, true, false, 0),
        (style::RECIPIENT, "Nơi nhận – mục", p.size_recipients, l, false, false, false, 0),
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
    let (x, y) = (unsigned(pt(p.table_inset_x)), unsigned(pt(cell_padding_y(p))));
    Style::new(style::GRID_TABLE, StyleType::Table)
        .name("Bảng")
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(y, x, y, x))
}

/// The grid table's top (and bottom) cell padding, pt (a whole number of
/// twips: see [`Profile::table_cell_padding_y`]).
pub(super) fn cell_padding_y(p: &Profile) -> f32 {
    p.table_cell_padding_y()
}
