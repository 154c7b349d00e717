//! Where the digital signatures go (NĐ 30, Phụ lục I §II.7–8): the signature
//! fields of a laid-out document.
//!
//! Which fields a document has is data from its signature block ([`slots`]):
//! one signer's field per gap the template leaves (a biên bản will have two,
//! `ThuKy` and `ChuToa`), then the issuing body's (`CoQuan`) over the seal's place.
//! Where they are comes from typst's layout, never from the PDF's text: the
//! template marks each gap's top-left and bottom-right corners with
//! `metadata((signer: i, corner: …)) <vanban-signature-gap>`, and [`locate`]
//! reads their positions from the introspector. The boxes inside a gap follow
//! the profile (`signature_box`, `seal_diameter`; `shared/spec/nd30-types.md`
//! §11.8): the signature centred in the gap, the seal covering its left third and
//! vertically centred on it.

use serde::Serialize;
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector as _, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::layout::Profile;
use crate::resolve::Document;

/// The template's label on the corners of a signer's gap.
pub const GAP_LABEL: &str = "vanban-signature-gap";

const PT_PER_MM: f64 = 72.0 / 25.4;

/// What a field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A person's signature (ô 7c): the competent signer, or a biên bản's
    /// thư ký and chủ tọa.
    Signer,
    /// The issuing body's signature with the seal's image (ô 8), signed by the
    /// văn thư after the signer.
    Seal,
}

/// Who signs a field, as the document names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signatory {
    /// The person's name, or the issuing body's for the seal. May be empty in a
    /// draft.
    pub name: String,
    /// The chức vụ ("CHỦ TỊCH"); empty for the seal.
    pub title: String,
    /// All lines of quyền hạn and chức vụ ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH").
    pub authority: Vec<String>,
}

/// One signer's gap in the signature block, and its field.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The index the template's marks carry (`signer: i`).
    pub index: i64,
    /// ASCII field name (/T).
    pub field: &'static str,
    /// Vietnamese label (/TU).
    pub label: &'static str,
    pub signatory: Signatory,
    /// Whether the issuing body's seal goes over this signer's signature.
    pub seal: bool,
}

/// The signers of a document's signature block, in signing order. One signer
/// (`NguoiKy`) carries the seal; a biên bản lists `ThuKy` (left, no seal) then
/// `ChuToa` (right, with the seal), and its template marks two gaps (0, 1);
/// three or four signers are `NguoiKy1` … `NguoiKy4`, the last with the seal.
pub fn slots(doc: &Document) -> Vec<Slot> {
    let signatory = |s: &crate::resolve::Signature| Signatory {
        name: s.name.clone(),
        title: s.authority.last().map(crate::resolve::Line::text).unwrap_or_default(),
        authority: s.authority.iter().map(crate::resolve::Line::text).collect(),
    };
    match &doc.signer_grid {
        None => vec![Slot {
            index: 0,
            field: "NguoiKy",
            label: "Chữ ký số của người có thẩm quyền",
            signatory: signatory(&doc.signature),
            seal: true,
        }],
        Some(grid) if grid.signers.len() == 2 => vec![
            Slot { index: 0, field: "ThuKy", label: "Chữ ký số của thư ký", signatory: signatory(&grid.signers[0]), seal: false },
            Slot { index: 1, field: "ChuToa", label: "Chữ ký số của chủ tọa", signatory: signatory(&grid.signers[1]), seal: true },
        ],
        // Three or four (a hand-over's sides, a witness): by their place;
        // the last, the competent signer, carries the seal.
        Some(grid) => {
            const FIELDS: [(&str, &str); 4] = [
                ("NguoiKy1", "Chữ ký số của người ký thứ nhất"),
                ("NguoiKy2", "Chữ ký số của người ký thứ hai"),
                ("NguoiKy3", "Chữ ký số của người ký thứ ba"),
                ("NguoiKy4", "Chữ ký số của người ký thứ tư"),
            ];
            let last = grid.signers.len().min(FIELDS.len()).saturating_sub(1);
            grid.signers
                .iter()
                .zip(FIELDS)
                .enumerate()
                .map(|(i, (s, (field, label)))| Slot { index: i as i64, field, label, signatory: signatory(s), seal: i == last })
                .collect()
        }
    }
}

/// The issuing body's field.
pub const SEAL_FIELD: &str = "CoQuan";
const SEAL_LABEL: &str = "Chữ ký số của cơ quan, tổ chức (dấu)";

/// One signature field: what the decree places, where the layout put it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureField {
    /// ASCII field name (/T): NguoiKy, ThuKy, ChuToa, CoQuan.
    pub name: String,
    /// Vietnamese label (/TU).
    pub label: String,
    pub kind: FieldKind,
    /// The page, from 1.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in pt, PDF coordinates (origin bottom-left).
    pub rect: [f64; 4],
    pub signer: Signatory,
}

/// A rectangle in typst's page coordinates (pt, origin top-left, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Box2 {
    x0: f64,
    top: f64,
    x1: f64,
    bottom: f64,
}

impl Box2 {
    /// Centred on (cx, cy).
    fn centred(cx: f64, cy: f64, w: f64, h: f64) -> Self {
        Box2 { x0: cx - w / 2.0, top: cy - h / 2.0, x1: cx + w / 2.0, bottom: cy + h / 2.0 }
    }

    /// In PDF coordinates on a page `page_h` pt high, rounded to 0.01 pt.
    fn to_pdf(self, page_h: f64) -> [f64; 4] {
        let r = |v: f64| (v * 100.0).round() / 100.0;
        [r(self.x0), r(page_h - self.bottom), r(self.x1), r(page_h - self.top)]
    }
}

/// The fields of a laid-out document, in signing order: each signer's, then
/// the issuing body's. Fails (with a message for the developer: it is a
/// template defect) when a gap's corners are missing or on two pages.
pub fn locate(pages: &PagedDocument, doc: &Document, profile: &Profile) -> Result<Vec<SignatureField>, String> {
    let label = Label::new(PicoStr::intern(GAP_LABEL)).ok_or("empty label")?;
    let introspector = pages.introspector();
    // (signer index, corner) → (page, x, y)
    let mut corners: Vec<(i64, String, usize, f64, f64)> = Vec::new();
    for content in introspector.query(&Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else { continue };
        let Value::Dict(dict) = &meta.value else { continue };
        let index = match dict.get("signer") {
            Ok(Value::Int(i)) => *i,
            _ => continue,
        };
        let corner = match dict.get("corner") {
            Ok(Value::Str(s)) => s.to_string(),
            _ => continue,
        };
        let Some(pos) = content.location().and_then(|loc| introspector.position(loc)) else { continue };
        corners.push((index, corner, pos.page.get(), pos.point.x.to_pt(), pos.point.y.to_pt()));
    }

    let (sig_w, sig_h) = (profile.signature_box[0] as f64 * PT_PER_MM, profile.signature_box[1] as f64 * PT_PER_MM);
    let seal_d = profile.seal_diameter as f64 * PT_PER_MM;
    let mut fields = Vec::new();
    let mut seal = None;
    for slot in slots(doc) {
        let find = |corner: &str| {
            corners
                .iter()
                .find(|c| c.0 == slot.index && c.1 == corner)
                .map(|c| (c.2, c.3, c.4))
                .ok_or_else(|| format!("{}: the template marks no {corner} corner of signer {}'s gap", crate::render::pdf::TEMPLATE_NAME, slot.index))
        };
        let (page, x0, top) = find("top-left")?;
        let (page_b, x1, bottom) = find("bottom-right")?;
        if page != page_b || x1 <= x0 || bottom <= top {
            return Err(format!("{}: signer {}'s gap is not one rectangle on one page", crate::render::pdf::TEMPLATE_NAME, slot.index));
        }
        let page_h = pages.pages().get(page - 1).map(|p| p.frame.height().to_pt()).ok_or("page out of range")?;
        let sig = Box2::centred((x0 + x1) / 2.0, (top + bottom) / 2.0, sig_w, sig_h);
        fields.push(SignatureField {
            name: slot.field.into(),
            label: slot.label.into(),
            kind: FieldKind::Signer,
            page,
            rect: sig.to_pdf(page_h),
            signer: slot.signatory.clone(),
        });
        if slot.seal {
            // Right edge at a third of the signature, vertically centred on it;
            // but never over the column to the left (a biên bản's three 55 mm
            // columns: the seal reached 15 mm into the neighbour's signature),
            // where it then covers more of its own signature, as a stamp
            // pressed where it fits.
            let right = sig.x0 + sig_w / 3.0;
            let left = (right - seal_d).max(x0);
            let b = Box2::centred(left + seal_d / 2.0, (sig.top + sig.bottom) / 2.0, seal_d, seal_d);
            seal = Some(SignatureField {
                name: SEAL_FIELD.into(),
                label: SEAL_LABEL.into(),
                kind: FieldKind::Seal,
                page,
                rect: b.to_pdf(page_h),
                signer: Signatory { name: doc.meta.author.clone(), title: String::new(), authority: Vec::new() },
            });
        }
    }
    fields.extend(seal);
    Ok(fields)
}

/// Where a laid-out document's signatures and blanks go.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub fields: Vec<SignatureField>,
    pub blanks: Vec<Blank>,
    /// The year printed in the date line ("năm 2024"), and the month unless
    /// it is a blank: an issue date filled in at signing must agree with them.
    pub year: u32,
    pub month: Option<u32>,
}

/// The template's label on the two ends of a blank the văn thư fills.
pub const BLANK_LABEL: &str = "vanban-blank";

/// What a blank left for the văn thư holds (NĐ 30, Điều 15.2–15.3: the number
/// and the date are given when the document is issued).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlankKind {
    /// The number in "Số:      /QĐ-UBND" (and in a phụ lục's "(Kèm theo … số
    /// …)" line).
    Number,
    /// The day in "ngày      tháng … năm 2024".
    Day,
    /// The month in "tháng      năm 2024".
    Month,
}

impl BlankKind {
    /// The form field that holds this blank's value: one field, with a widget
    /// over every place the value is printed.
    pub fn field(self) -> &'static str {
        match self {
            Self::Number => "SoVanBan",
            Self::Day => "NgayBanHanh",
            Self::Month => "ThangBanHanh",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Number => "Số văn bản (văn thư ghi khi phát hành)",
            Self::Day => "Ngày ban hành (văn thư ghi khi phát hành)",
            Self::Month => "Tháng ban hành (văn thư ghi khi phát hành)",
        }
    }

    /// The kind of the blank after `word`, the word printed before it.
    fn after(word: &str) -> Option<Self> {
        match word.to_lowercase().trim_end_matches(':') {
            "số" => Some(Self::Number),
            "ngày" => Some(Self::Day),
            "tháng" => Some(Self::Month),
            _ => None,
        }
    }

    pub fn of_field(name: &str) -> Option<Self> {
        [Self::Number, Self::Day, Self::Month].into_iter().find(|k| k.field() == name)
    }
}

/// One blank as laid out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blank {
    pub kind: BlankKind,
    /// The page, from 1.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in pt, PDF coordinates: the blank's width, from the
    /// line's descender to its ascender (0.216 em below the baseline, 0.891 em
    /// above it, as the template's lines).
    pub rect: [f64; 4],
    /// The text's size there, pt.
    pub size: f64,
    /// Whether the text there is italic (the date line, a "(Kèm theo …)" line).
    pub italic: bool,
    /// The word printed right after the blank ("/QĐ-UBND" after a number's),
    /// and where it ends (pt, PDF x): a number wider than its blank is written
    /// in with this word moved along.
    #[serde(skip)]
    pub after: String,
    #[serde(skip)]
    pub after_end: f64,
    /// How far right the number written in may reach (pt, PDF x): the
    /// header's left column for the header's number, else the text area.
    #[serde(skip)]
    pub limit: f64,
}

/// Every blank the template marked, in the order of the document. Marks it
/// cannot pair (a defect of the template) are an error for the developer.
pub fn locate_blanks(pages: &PagedDocument, profile: &Profile) -> Result<Vec<Blank>, String> {
    // The first page's header: its left column holds "Số:".
    let left_column_end = (profile.margin.left + profile.header_columns[0]) as f64 * PT_PER_MM;
    let label = Label::new(PicoStr::intern(BLANK_LABEL)).ok_or("empty label")?;
    let introspector = pages.introspector();
    let mut blanks: Vec<Blank> = Vec::new();
    let mut start: Option<(usize, f64, f64)> = None;
    // The last blank ended, waiting for the end of the word after it.
    let mut ended: Option<(usize, f64)> = None;
    for content in introspector.query(&Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else { continue };
        let Value::Dict(dict) = &meta.value else { continue };
        let text = |key: &str| match dict.get(key) {
            Ok(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        let Some(pos) = content.location().and_then(|loc| introspector.position(loc)) else { continue };
        let (page, x, baseline) = (pos.page.get(), pos.point.x.to_pt(), pos.point.y.to_pt());
        match text("edge").as_str() {
            "start" => start = Some((page, x, baseline)),
            "end" => {
                let Some((p0, x0, b0)) = start.take() else {
                    return Err(format!("{}: a blank's end is marked without its start", crate::render::pdf::TEMPLATE_NAME));
                };
                // A blank split over two lines or pages cannot take a field
                // (the template boxes every run with a blank, so it never is).
                if p0 != page || (b0 - baseline).abs() > 0.5 || x <= x0 {
                    continue;
                }
                let Some(kind) = BlankKind::after(&text("before")) else { continue };
                let size = match dict.get("size") {
                    Ok(Value::Float(f)) => *f,
                    Ok(Value::Int(i)) => *i as f64,
                    _ => continue,
                };
                let italic = matches!(dict.get("italic"), Ok(Value::Bool(true)));
                let frame = &pages.pages().get(page - 1).ok_or("page out of range")?.frame;
                let (page_w, page_h) = (frame.width().to_pt(), frame.height().to_pt());
                let b = Box2 { x0, top: baseline - 0.891 * size, x1: x, bottom: baseline + 0.216 * size };
                let in_header = kind == BlankKind::Number && page == 1 && blanks.iter().all(|b| b.kind != BlankKind::Number) && x < left_column_end;
                let limit = if in_header { left_column_end } else { page_w - profile.margin.right as f64 * PT_PER_MM };
                blanks.push(Blank { kind, page, rect: b.to_pdf(page_h), size, italic, after: String::new(), after_end: b.x1, limit });
                ended = Some((page, baseline));
            }
            "word-end" => {
                // On the blank's line: the word and where it ends.
                if let (Some((p, b)), Some(last)) = (ended.take(), blanks.last_mut()) {
                    if p == page && (b - baseline).abs() <= 0.5 && x >= last.rect[2] {
                        last.after = text("before");
                        last.after_end = (x * 100.0).round() / 100.0;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(blanks)
}

/// The sidecar `<stem>.sig.json`: the fields' pages and rectangles, so that an
/// e-office system can place the images without searching the PDF's text.
pub fn sidecar_json(pdf_name: &str, fields: &[SignatureField], blanks: &[Blank]) -> Vec<u8> {
    #[derive(Serialize)]
    struct BlankEntry<'a> {
        field: &'static str,
        #[serde(flatten)]
        blank: &'a Blank,
    }
    #[derive(Serialize)]
    struct Sidecar<'a> {
        pdf: &'a str,
        units: &'static str,
        origin: &'static str,
        signing_order: Vec<&'a str>,
        fields: &'a [SignatureField],
        /// The blanks the văn thư fills at issue (number, day, month), each
        /// under its text field.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        blanks: Vec<BlankEntry<'a>>,
    }
    let sidecar = Sidecar {
        pdf: pdf_name,
        units: "pt",
        origin: "bottom-left",
        signing_order: fields.iter().map(|f| f.name.as_str()).collect(),
        fields,
        blanks: blanks.iter().map(|blank| BlankEntry { field: blank.kind.field(), blank }).collect(),
    };
    let mut out = serde_json::to_vec_pretty(&sidecar).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_convert_to_pdf_coordinates() {
        let b = Box2::centred(100.0, 200.0, 40.0, 20.0);
        assert_eq!(b.to_pdf(800.0), [80.0, 590.0, 120.0, 610.0]);
    }
}
