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
    pub signature: Signature,
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
    /// "Số: 05/BC-UBND" or "Số:      /BC-UBND".
    pub number: String,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    pub national_title: String,
    /// "Độc lập - Tự do - Hạnh phúc".
    pub motto: String,
    /// "Bút Sơn, ngày      tháng 6 năm 2023".
    pub place_date: String,
    /// "BÁO CÁO".
    pub doc_type: String,
    /// Trích yếu lines.
    pub summary: Vec<String>,
    /// Kính gửi: empty; one recipient → one line "Kính gửi: X."; several → the
    /// label then "- X;" lines, the last ending in ".".
    pub addressees: Vec<String>,
}

/// One block of the body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// "Phần thứ nhất" on its own line, the title under it; both centred, bold.
    Part { label: String, title: Vec<Inline> },
    /// A numbered heading. `level` 1 = Mục (I.), 2 = khoản (1.), 3 = 1.1., …
    Heading {
        level: u32,
        number: String,
        title: Vec<Inline>,
        /// Text on the same line after the title, not bold.
        run_in: Vec<Inline>,
    },
    Paragraph { inlines: Vec<Inline> },
    /// "- …", "+ …", "a) …": the marker then a space, in an indented paragraph.
    Item { marker: String, inlines: Vec<Inline> },
    IndicatorTable(Table),
    PlainTable(PlainTable),
}

/// A table printed as written (`bang` in the YAML).
#[derive(Debug, Clone, Serialize)]
pub struct PlainTable {
    /// Bold, centred caption above the table, or empty.
    pub caption: String,
    pub headings: Vec<String>,
    /// Each column's share of the table width; they sum to 1.
    pub widths: Vec<f32>,
    /// "left", "center" or "right", per column.
    pub align: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub landscape: bool,
}

/// A run of text with its style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: false, italic: false }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Self { text: text.into(), bold: true, italic: false }
    }
}

/// The indicator table with its two-row header and column-number row.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Labels of header row 1, in column order; `None` under a merged cell.
    /// Columns: TT, CHỈ TIÊU, ĐVT, KH, cùng kỳ, [kết quả ×4], Ghi chú.
    pub head: TableHead,
    /// "A", "B", "1", …, "7=2-4", "" — the column-number row.
    pub column_numbers: Vec<String>,
    pub rows: Vec<TableRow>,
    /// Print on landscape pages.
    pub landscape: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableHead {
    /// Columns that span both header rows, by column index 0..10 (None for 5–8).
    pub spanning: Vec<Option<String>>,
    /// The merged label over columns 5–8 ("Kết quả thực hiện 6 tháng đầu năm 2023").
    pub result_group: String,
    /// The four labels under it.
    pub result_columns: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableRow {
    pub kind: RowKind,
    /// Ten cells, display-ready. A group row has its number in cell 0 and its
    /// title (with the count) in cell 1, the rest empty.
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Group,
    Indicator,
    SubRow,
}

/// Nơi nhận (ô 9b).
#[derive(Debug, Clone, Serialize)]
pub struct Recipients {
    /// "Nơi nhận:".
    pub label: String,
    /// "- UBND huyện (b/c);" …, "- Lưu: VT.".
    pub items: Vec<String>,
}

/// Signature block (ô 7a, 7b).
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" — bold, IN HOA.
    pub authority: Vec<String>,
    /// The signer's name, or empty.
    pub name: String,
}
