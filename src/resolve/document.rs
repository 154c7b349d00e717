//! The display-ready document: everything a reader sees, already decided.
//!
//! Both renderers draw this and only this. Numbers are Vietnamese strings, dates
//! are written out, sections carry their numbers, the indicator table carries its
//! derived columns. A renderer never computes, formats or numbers anything.
//!
//! The PDF renderer hands this to typst as `/data.json` (serde), so field names
//! here are the template's vocabulary too (`layouts/vanban.typ`).

use serde::Serialize;

use crate::layout::Profile;

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub profile: Profile,
    pub header: Header,
    pub body: Vec<Block>,
    /// "./." as a paragraph of its own, when the body ends with a table or a part
    /// title. (When it ends with text, resolve has already appended the mark to
    /// that text and this is `None`.)
    pub closing_mark: Option<String>,
    pub recipients: Recipients,
    /// Nơi nhận and the signature are taller than a page's text area: the block
    /// flows on across pages, the signer's column (a biên bản's two signers)
    /// whole with Nơi nhận's first lines. Otherwise it is never split. Decided
    /// in resolve from the font's measures (src/resolve/flow.rs).
    pub signature_flows: bool,
    /// The body's last paragraph stays on the page of the signature block, so
    /// that Nơi nhận and the signature never stand alone on a page: the last
    /// block (a paragraph or an item), or the closing mark when it stands alone
    /// (after a table whose last rows go with it: `GridTable::signature_rows`).
    /// False when the block flows, except after such a table; false when the
    /// body ends with a title.
    pub keep_with_signature: bool,
    /// Every block of the body keeps with the next down to Nơi nhận and the
    /// signature (a one-paragraph body kept with them, under titles or not).
    /// The title block's lines then end their keep-with-next before the body
    /// in the DOCX (an office suite moves a chain of keeps whole: it took the
    /// title along and left page 1 with the header alone); typst keeps the
    /// title on page 1 as it is. Decided in src/resolve/flow.rs.
    #[serde(skip)]
    pub body_keeps_to_signature: bool,
    /// The competent signer (ô 7a, 7b): alone, or the last of the signers.
    pub signature: Signature,
    /// A biên bản's signers side by side (Mẫu 1.9: the thư ký left of the chủ
    /// tọa; a hand-over's sides and witness). Then Nơi nhận goes under them,
    /// in the left column. `None`: one signer, beside Nơi nhận.
    pub signer_grid: Option<SignerGrid>,
    /// The text a quyết định issues or approves (Mẫu 1.3), on pages of its own
    /// after the signature, numbered from 1 again.
    pub attachment: Option<Attachment>,
    /// The phụ lục, after the signature (and after an attached text).
    pub appendices: Vec<Appendix>,
}

impl Document {
    /// The body's blocks in reading order: a landscape table's lead (the
    /// titles moved onto its page) just before the table.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.body.iter().flat_map(|b| {
            let lead = match b {
                Block::Table(t) => t.lead.as_slice(),
                _ => &[][..],
            };
            lead.iter().chain(std::iter::once(b))
        })
    }
}

/// An attached text (Mẫu 1.3): the issuer and the Quốc hiệu at its top as on
/// page 1 (without Số and date), its tên loại and trích yếu, the italic
/// "(Kèm theo …)" line, a rule, its body. No signature.
#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    /// "QUY CHẾ".
    pub doc_type: String,
    /// Its trích yếu, as the document's (`Header::summary`).
    pub summary: Vec<Line>,
    /// "(Kèm theo Quyết định số 347/QĐ-UBND ngày 02 tháng 10 năm 2026 của Chủ
    /// tịch Ủy ban nhân dân xã An Bình)", italic, centred: one line when it
    /// fits the text width, else broken before "ngày"; the date never breaks.
    pub reference: Vec<Line>,
    /// The rule under them, pt: summary_rule_fraction × the widest of these
    /// lines, at most the text width.
    pub rule: f32,
    pub body: Vec<Block>,
}

/// A phụ lục (NĐ 30, Phụ lục I §III.1): from a new page, its pages numbered
/// from 1 again (its first page without a number, as the document's); its
/// label, name and "(Kèm theo …)" line centred at the top; no signature.
#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    /// "Phụ lục", or "Phụ lục I", "Phụ lục II" … when there are two or more:
    /// a line of its own, in thường, upright, bold, size_appendix_label.
    pub label: String,
    /// Its name, IN HOA, bold, size_summary, as resolve broke it; may be none.
    pub title: Vec<Line>,
    /// "(Kèm theo Báo cáo số 05/BC-UBND ngày … của …)", italic, body size.
    pub reference: Vec<Line>,
    /// All its pages landscape: one of its tables is (too wide for a portrait
    /// page, or `ngang`). Its tables are then in the flow of those pages
    /// (none of them has `landscape` itself).
    pub landscape: bool,
    pub body: Vec<Block>,
}

/// Document properties for the PDF info / XMP and DOCX core properties.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// "BÁO CÁO Tình hình …" (tên loại + trích yếu on one line).
    pub title: String,
    /// The issuing body on one line: "ỦY BAN NHÂN DÂN THỊ TRẤN BÚT SƠN".
    pub author: String,
    /// The document date for PDF/A: the given day, or the 1st when the day (or
    /// month) is left blank for the văn thư.
    pub year: u32,
    pub month: u32,
    pub day: u32,
    /// The month as printed, `None` when left blank for the văn thư (who then
    /// fills it in when signing: `sign` checks the issue date against it).
    #[serde(skip)]
    pub printed_month: Option<u32>,
    /// "vi-VN".
    pub language: String,
}

/// The first-page header block (ô 1–5a, 9a).
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// Cơ quan chủ quản lines (upright), possibly none.
    pub parent_body: Vec<String>,
    /// Issuing body lines (bold).
    pub issuing_body: Vec<String>,
    /// The rule under the issuing body, pt: issuer_rule_fraction × its longest
    /// line, at most the left column; 0 for none.
    pub issuer_rule: f32,
    /// "Số: 05/BC-UBND" or "Số:      /BC-UBND".
    pub number: String,
    /// A công văn's trích yếu (ô 5b): "V/v …" lines centred under the số in
    /// the left column, upright, size_summary_under_number, as resolve broke
    /// them (`lines::subject`). Empty otherwise.
    pub summary_under_number: Vec<Line>,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    pub national_title: String,
    /// "Độc lập - Tự do - Hạnh phúc".
    pub motto: String,
    /// The rule under the Tiêu ngữ, pt: as long as it, at most the right column.
    pub motto_rule: f32,
    /// "Bút Sơn, ngày      tháng 6 năm 2023"; empty when the type has no date
    /// line (a biên bản).
    pub place_date: String,
    /// Its end "ngày      tháng 6 năm 2023", which never breaks across lines: a
    /// long place name moves it whole onto a line of its own.
    pub date: String,
    /// "BÁO CÁO"; empty for a type without a tên loại (a công văn), and then
    /// nothing is centred between the header and "Kính gửi".
    pub doc_type: String,
    /// Trích yếu lines (ô 5a), bold, centred under the tên loại: the author's
    /// lines when each fits the text width, else balanced lines
    /// (src/resolve/lines.rs).
    pub summary: Vec<Line>,
    /// The short rule under the tên loại and trích yếu, pt: a fraction of the
    /// widest trích yếu line, or of the tên loại when there is no trích yếu (a
    /// giấy giới thiệu); 0 for none (a type without a tên loại).
    pub title_rule: f32,
    /// A công văn's address block (ô 13) at the foot of page 1, under a rule
    /// as wide as the text; empty for none.
    pub address: String,
    /// Kính gửi: empty; one recipient → one line "Kính gửi: X."; several → the
    /// label then "- X;" lines, the last ending in ".".
    pub addressees: Vec<Line>,
    /// One recipient whose line wraps: its later lines start under the
    /// recipient, this far (pt, the width of "Kính gửi: ") right of "Kính
    /// gửi:" (a hanging indent). 0 for several recipients or none.
    pub addressee_hang: f32,
}

/// One line of a header or a title, decided in resolve: its runs, with the
/// spans no line may break in marked `unbreakable` (as in the body). The
/// renderers set each line as it is; in the JSON, the list of its inlines.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Line(pub Vec<Inline>);

impl Line {
    /// The line's text.
    pub fn text(&self) -> String {
        self.0.iter().map(|i| i.text.as_str()).collect()
    }
}

impl PartialEq<&str> for Line {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl PartialEq<str> for Line {
    fn eq(&self, other: &str) -> bool {
        self.text() == other
    }
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// The text, with the unbreakable spans in «»: `"theo «06/QĐ-TTg» của"`.
impl std::fmt::Debug for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let marked: String = self
            .0
            .iter()
            .map(|i| if i.unbreakable { format!("«{}»", i.text) } else { i.text.clone() })
            .collect();
        write!(f, "{marked:?}")
    }
}

/// One block of the body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// "Phần thứ nhất" on its own line, the title under it; both centred, bold.
    /// The title in lines: one when it fits the text width, else balanced
    /// lines (src/resolve/lines.rs).
    Part { label: String, title: Vec<Line> },
    /// A numbered heading. `level` 1 = Mục (I.), 2 = khoản (1.), 3 = 1.1., …
    Heading {
        level: u32,
        number: String,
        title: Vec<Inline>,
        /// Text on the same line after the title, not bold.
        run_in: Vec<Inline>,
        /// Never left alone at the foot of a page: a title without run-in text.
        /// (A heading with run-in text is a paragraph with content of its own,
        /// breakable like any other.)
        keep_with_next: bool,
    },
    Paragraph { inlines: Vec<Inline> },
    /// A line centred on the text width, without indent: the authority line
    /// and "QUYẾT ĐỊNH:" of a quyết định (bold), the opening line of a giấy
    /// giới thiệu. Kept with what follows.
    Centered {
        inlines: Vec<Inline>,
        /// Extra space above, em, on top of the paragraph spacing (the
        /// profile's authority_above for the first authority line, else 0).
        extra_above: f32,
    },
    /// "- …", "+ …", "a) …": the marker then a space, in an indented paragraph.
    Item { marker: String, inlines: Vec<Inline> },
    /// A table: the indicator table (`bang_chi_tieu`) and a plain table (`bang`)
    /// alike, as one grid.
    Table(GridTable),
}

/// A run of text with its style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// No line may break inside this run (a document symbol "06/QĐ-TTg", a
    /// spaced dash "27/7/1947 - 27/7/2023"): decided in resolve, kept by both
    /// renderers.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unbreakable: bool,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: false, italic: false, unbreakable: false }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: true, italic: false, unbreakable: false }
    }
}

/// Where a table came from. Nothing is drawn differently because of it: every
/// difference between the two is already in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableOrigin {
    /// `bang_chi_tieu`: the biểu chỉ tiêu, with its derived columns.
    Indicators,
    /// `bang`: a table printed as written.
    Plain,
}

/// One table as a grid of cells with their spans, decided once for both
/// renderers (after pandoc's grid tables): the renderers only map it to typst's
/// `table` and to OOXML.
#[derive(Debug, Clone, Serialize)]
pub struct GridTable {
    pub origin: TableOrigin,
    /// Bold, centred caption above the table (body size), or empty.
    pub caption: String,
    /// The columns, left to right, with their widths.
    pub columns: Vec<GridColumn>,
    /// The heading rows, which repeat at the top of every page the table runs
    /// onto (and only they: never a body row). A cell may span columns and rows;
    /// a cell covered by a span from above is not listed again.
    pub head: Vec<Vec<HeadCell>>,
    pub rows: Vec<GridRow>,
    /// Font size of the whole table, pt.
    pub font_size: f32,
    /// Print on landscape pages.
    pub landscape: bool,
    /// What resolve knows of each heading cell's text, as `head` (see
    /// [`CellFit`]; src/resolve/fit.rs). Left out of the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub head_fit: Vec<Vec<CellFit>>,
    /// The column-number row's font size, pt, when a mark would not fit on one
    /// line at `font_size` (profile `size_column_numbers`; src/resolve/fit.rs).
    /// `None` (and left out of the JSON): the table's size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_row_size: Option<f32>,
    /// A landscape table's lead: the titles just before it in the text (a
    /// part, headings without run-in text), moved by resolve onto its first
    /// landscape page and printed there above the table, since a title cannot
    /// stay with a table across the break into rotated pages. Empty for a
    /// portrait table; left out of the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<Block>,
    /// A portrait table that ends the body before a lone closing mark: how
    /// many of its last rows go with "./." onto the page of the signature block
    /// (profile `signature_keeps_rows`, at most all of them; the heading rows
    /// repeat above them on a new page). `None` for any other table, and then
    /// left out of the JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_rows: Option<usize>,
    /// How many of the last rows are set as one unit that no page break
    /// splits: a total row ("Tổng cộng") never stands alone under the
    /// repeated heading rows of a new page, the row above it goes with it.
    /// `None` (and left out of the JSON) when the table has no total row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tail_rows: Option<usize>,
    /// Each body row's height and the most a unit of rows that never breaks
    /// may take (a page's text height under the heading rows, with a margin
    /// for the estimate), pt, as `fit` estimated them once the widths were
    /// final. Not in the JSON: the renderers need only the decisions.
    #[serde(skip)]
    pub row_heights: Vec<f32>,
    #[serde(skip)]
    pub unit_limit: f32,
}

impl GridTable {
    /// Do the last `k` rows stand whole on one page together (none taller
    /// than a page, the sum within `unit_limit`)? Unknown heights (a table
    /// `fit` has not seen) count as fitting.
    pub fn last_rows_fit(&self, k: usize) -> bool {
        let rows = self.rows.iter().rev().take(k);
        let heights: f32 = self.row_heights.iter().rev().take(k).sum();
        !rows.clone().any(|r| r.breakable) && (self.row_heights.is_empty() || heights <= self.unit_limit)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GridColumn {
    /// Width in mm; the columns of a table add up to its width.
    pub width: f32,
}

/// A heading cell: bold, centred both ways.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadCell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    /// The column-number row ("A", "B", "1", "5=4/3*100") is bold italic.
    pub italic: bool,
    /// Its own size, pt, when not the table's: the column-number row set
    /// smaller so that no mark breaks (`GridTable.number_row_size`, decided in
    /// resolve::fit). Both renderers set it as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<f32>,
}

/// A body row.
#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    pub kind: RowKind,
    /// Never left alone at the foot of a page: it goes with the next row (a
    /// group title, an indicator over its sub-rows).
    pub keep_with_next: bool,
    /// The cells left to right; their spans add up to the column count.
    pub cells: Vec<GridCell>,
    /// Taller than a page under the heading rows: it breaks across pages (as
    /// Word breaks such a row whatever its settings); every other row is kept
    /// whole. Kept whole, it would run past the page's foot and its end be
    /// lost. Decided with the widths (src/resolve/fit.rs); left out of the
    /// JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub breakable: bool,
    /// The row's height in lines of its text when resolve knows it for
    /// certain: every cell's text sets on lines it knows (`CellFit` line or
    /// words, no break decided within the tolerance of its cell's edge, no
    /// character whose break typst may place elsewhere). The PDF template then
    /// gives typst the row's height, which spares it measuring every cell
    /// before laying it out (half the work and memory of a long table).
    /// Decided with the widths (src/resolve/fit.rs); left out of the JSON
    /// when not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<usize>,
}

impl GridRow {
    /// The text of each column, a spanning cell's text in its first column and
    /// empty strings in the columns it covers.
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.cells {
            out.push(c.text.clone());
            out.extend(std::iter::repeat_n(String::new(), c.colspan.saturating_sub(1)));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridCell {
    pub text: String,
    pub colspan: usize,
    pub align: Align,
    pub bold: bool,
    pub italic: bool,
    /// How the PDF template may set the text without measuring it (decided by
    /// src/resolve/fit.rs once the column widths are known). Left out of the
    /// JSON when the template must measure.
    #[serde(skip_serializing_if = "CellFit::is_measure")]
    pub fit: CellFit,
}

/// What resolve knows of a body cell's text in its column, measured with the
/// font's advance widths and a tolerance for what typst's shaping (kerning)
/// may change. The PDF template's `fitted` measures every cell it is not told
/// about; for the two known cases it sets exactly what `fitted` would, without
/// measuring (layouts/vanban.typ, `cell-text`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellFit {
    /// Not known: the template measures (`fitted`).
    #[default]
    Measure,
    /// The whole text fits on one line of the cell.
    Line,
    /// The text does not fit on one line, but every word (split at spaces) does:
    /// it wraps at its spaces, nothing shrinks or breaks inside a word.
    Words,
}

impl CellFit {
    pub fn is_measure(&self) -> bool {
        *self == CellFit::Measure
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// "I | Về kinh tế (12 chỉ tiêu)".
    Group,
    /// A numbered indicator.
    Indicator,
    /// "- Nông, lâm, thủy sản" under an indicator.
    SubRow,
    /// A row of a plain table.
    Plain,
}

/// Nơi nhận (ô 9b).
#[derive(Debug, Clone, Serialize)]
pub struct Recipients {
    /// "Nơi nhận:".
    pub label: String,
    /// "- UBND huyện (b/c);" …, "- Các phòng, ban:", "+ Phòng Tài chính;", …,
    /// "- Lưu: VT.".
    pub items: Vec<Line>,
    /// The indices in `items` of a group's members ("+ …"), set in by the
    /// profile's `recipients_sub_indent` under their group's "- …:" line.
    pub sub_items: Vec<usize>,
}

/// Several signers side by side (a biên bản): two as Mẫu 1.9 has them (thư
/// ký | gap | chủ tọa), three in three equal columns, four in two rows of two.
/// Within a row every signer has as many title lines (the shorter padded with
/// empty lines), so that the rooms and the names are level.
#[derive(Debug, Clone, Serialize)]
pub struct SignerGrid {
    /// The columns' widths, mm; a gap is a column of its own.
    pub columns: Vec<f32>,
    /// The rows, each a cell per column: the index of a signer in `signers`
    /// (also its place in signing order), or none for a gap.
    pub rows: Vec<Vec<Option<usize>>>,
    /// The signers in the order written, titles broken to their column.
    pub signers: Vec<Signature>,
    /// The width of Nơi nhận under the signers, mm: the left column's, but
    /// never narrower than Nơi nhận beside a single signer
    /// (`profile.signature_columns[0]`): under three signers of 55 mm, "- Chủ
    /// tịch, các Phó Chủ tịch UBND xã;" would wrap where the page is empty.
    pub recipients_width: f32,
}

/// Signature block (ô 7a, 7b).
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" — bold, IN HOA.
    pub authority: Vec<Line>,
    /// The signer's name, or empty.
    pub name: String,
}
