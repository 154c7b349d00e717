//! Empty signature fields appended to typst's PDF (`render --signature-fields`).
//!
//! Each field is one AcroForm field merged with its widget: `/FT /Sig`, an
//! ASCII `/T`, the Vietnamese label in `/TU`, `/F 4` (printable), and an empty
//! appearance stream, as PDF/A-2 asks of every widget. The fields go in as an
//! incremental update, so typst's bytes stay a prefix.
//!
//! Conformance: the widgets are not part of the structure tree (no `/Form`
//! structure element, no `/StructParent`), which PDF/UA-1 and PDF/A-2a require of
//! annotations. So a PDF with fields claims PDF/A-2b only: the update rewrites
//! the XMP metadata (pdfaid:conformance B, no pdfuaid:part). Everything that made
//! it A-2b still holds: fonts embedded, no transparency groups added, no
//! /NeedAppearances, an appearance for each widget.

use lopdf::{Dictionary, Object, ObjectId};

use super::appearance::{self, Style};
use super::fields::{BlankKind, Placed};
use super::incremental::{text_string, Update};

/// The default-resource names of the two faces a blank's text field uses.
pub const FONT_REGULAR: &str = "LSR";
pub const FONT_ITALIC: &str = "LSI";

/// Keys vanban writes on a blank's text field: the year and month the
/// document prints beside the blanks, which an issue date must agree with.
pub const KEY_YEAR: &str = "VanbanNam";
pub const KEY_MONTH: &str = "VanbanThang";
/// Keys on a number's widget: the word printed after the blank ("/QĐ-UBND")
/// and how far from the widget's left edge it ends (pt). A number is written
/// in as " 123/QĐ-UBND" over the blank and that word, so that three digits
/// or more keep the space after "Số:" and their size.
pub const KEY_AFTER: &str = "VanbanSau";
pub const KEY_AFTER_END: &str = "VanbanHetSau";

/// Room beyond the printed word that a number's widget reaches (em): a
/// six-digit number moves the word after it by 1.75 em.
const NUMBER_ROOM_EM: f64 = 2.5;

/// `pdf` (typst's output) with the signature fields and, over each blank the
/// văn thư fills at issue, a text field, added as an incremental update.
pub fn add_fields(pdf: &[u8], placed: &Placed) -> Result<Vec<u8>, String> {
    let fields = &placed.fields;
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| format!("cannot read the PDF typst made: {e}"))?;
    let mut update = Update::new(&doc, pdf)?;
    let pages = doc.get_pages();
    let root_id = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(|_| "the PDF has no /Root")?;
    let mut catalog = doc.get_dictionary(root_id).map_err(|e| format!("no catalog: {e}"))?.clone();
    if catalog.has(b"AcroForm") {
        return Err("the PDF already has a form (AcroForm)".into());
    }

    // Widgets, grouped by page.
    let mut refs = Vec::new();
    let mut by_page: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
    for field in fields {
        let page_id = *pages.get(&(field.page as u32)).ok_or_else(|| format!("field {} on page {}, which does not exist", field.name, field.page))?;
        let widget = update.alloc();
        let mut w = empty_widget(&mut update, field.rect, page_id);
        w.set("FT", Object::Name(b"Sig".to_vec()));
        w.set("T", text_string(&field.name));
        w.set("TU", text_string(&field.label));
        update.put(widget, &Object::Dictionary(w));
        refs.push(Object::Reference(widget));
        match by_page.iter_mut().find(|(p, _)| *p == page_id) {
            Some((_, ws)) => ws.push(widget),
            None => by_page.push((page_id, vec![widget])),
        }
    }

    // The blanks: one text field per kind (the number, the day, the month),
    // its widgets wherever that value is printed (the header, a phụ lục's
    // "(Kèm theo … số … ngày …)" line), so that one value fills them all.
    let mut fonts = Vec::new();
    for kind in [BlankKind::Number, BlankKind::Day, BlankKind::Month] {
        let blanks: Vec<_> = placed.blanks.iter().filter(|b| b.kind == kind).collect();
        if blanks.is_empty() {
            continue;
        }
        let field = update.alloc();
        let mut kids = Vec::new();
        for blank in blanks {
            let page_id = *pages.get(&(blank.page as u32)).ok_or_else(|| format!("a blank on page {}, which does not exist", blank.page))?;
            let [x0, y0, mut x1, y1] = blank.rect;
            // A number's widget takes in the word after the blank, and room
            // beyond it on the line (a centred line's end: nothing is there).
            let with_after = kind == BlankKind::Number && !blank.after.is_empty() && blank.after_end > x1;
            if with_after {
                // Never past the header's left column (a long ký hiệu brings
                // the date line's first word close) or the text area: a
                // number that does not fit is set smaller there.
                x1 = (blank.after_end + NUMBER_ROOM_EM * blank.size).min(blank.limit).max(blank.after_end);
            }
            let widget = update.alloc();
            let mut w = empty_widget(&mut update, [x0, y0, x1, y1], page_id);
            w.set("Parent", Object::Reference(field));
            if with_after {
                w.set(KEY_AFTER, text_string(&blank.after));
                w.set(KEY_AFTER_END, real(blank.after_end - x0));
            }
            let font = if blank.italic { FONT_ITALIC } else { FONT_REGULAR };
            if !fonts.contains(&font) {
                fonts.push(font);
            }
            w.set("DA", Object::string_literal(format!("/{font} {} Tf 0 g", fmt_size(blank.size))));
            // A number from the blank's start (a tool that fills the field
            // itself writes it there); a day or month centred.
            w.set("Q", Object::Integer(if kind == BlankKind::Number { 0 } else { 1 }));
            update.put(widget, &Object::Dictionary(w));
            kids.push(Object::Reference(widget));
            match by_page.iter_mut().find(|(p, _)| *p == page_id) {
                Some((_, ws)) => ws.push(widget),
                None => by_page.push((page_id, vec![widget])),
            }
        }
        let mut f = Dictionary::new();
        f.set("FT", Object::Name(b"Tx".to_vec()));
        f.set("T", text_string(kind.field()));
        f.set("TU", text_string(kind.label()));
        f.set("MaxLen", Object::Integer(if kind == BlankKind::Number { 6 } else { 2 }));
        f.set("Kids", Object::Array(kids));
        f.set(KEY_YEAR, Object::Integer(placed.year as i64));
        if let Some(m) = placed.month {
            f.set(KEY_MONTH, Object::Integer(m as i64));
        }
        update.put(field, &Object::Dictionary(f));
        refs.push(Object::Reference(field));
    }

    // Each page lists its widgets in /Annots.
    for (page_id, widgets) in by_page {
        let mut page = doc.get_dictionary(page_id).map_err(|e| format!("page object: {e}"))?.clone();
        let mut annots = match page.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Reference(id)) => doc.get_object(*id).and_then(Object::as_array).cloned().unwrap_or_default(),
            _ => Vec::new(),
        };
        annots.extend(widgets.into_iter().map(Object::Reference));
        page.set("Annots", Object::Array(annots));
        update.put(page_id, &Object::Dictionary(page));
    }

    // The form: signature fields exist (SigFlags bit 1), none signed yet.
    let form = update.alloc();
    let mut acro = Dictionary::new();
    acro.set("Fields", Object::Array(refs));
    acro.set("SigFlags", Object::Integer(1));
    if !fonts.is_empty() {
        let mut font_dict = Dictionary::new();
        for name in fonts {
            let style = if name == FONT_ITALIC { Style::Italic } else { Style::Regular };
            font_dict.set(name, Object::Reference(appearance::form_font(&mut update, style)?));
        }
        let mut dr = Dictionary::new();
        dr.set("Font", Object::Dictionary(font_dict));
        acro.set("DR", Object::Dictionary(dr));
        acro.set("DA", Object::string_literal(format!("/{FONT_REGULAR} 13 Tf 0 g")));
    }
    update.put(form, &Object::Dictionary(acro));
    catalog.set("AcroForm", Object::Reference(form));

    // The XMP now claims PDF/A-2b (see the module comment).
    if let Ok(meta_id) = catalog.get(b"Metadata").and_then(Object::as_reference) {
        if let Ok(Object::Stream(stream)) = doc.get_object(meta_id) {
            let xml = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            let xml = String::from_utf8(xml).map_err(|_| "the XMP metadata is not UTF-8")?;
            let mut dict = stream.dict.clone();
            dict.remove(b"Filter");
            dict.remove(b"DecodeParms");
            update.put_stream(meta_id, dict, downgrade_to_a2b(&xml).as_bytes());
        }
    }
    update.put(root_id, &Object::Dictionary(catalog));
    Ok(update.append_to(pdf).bytes)
}

/// A printable widget annotation (/F 4) on `page_id` over `rect`, with the
/// empty appearance PDF/A asks of every widget; the caller adds what makes
/// it a field (or a field's kid).
fn empty_widget(update: &mut Update, rect: [f64; 4], page_id: ObjectId) -> Dictionary {
    let [x0, y0, x1, y1] = rect;
    let ap = update.alloc();
    update.put_stream(ap, empty_form(x1 - x0, y1 - y0), b"");
    let mut w = Dictionary::new();
    w.set("Type", Object::Name(b"Annot".to_vec()));
    w.set("Subtype", Object::Name(b"Widget".to_vec()));
    w.set("F", Object::Integer(4));
    w.set("Rect", Object::Array(rect.iter().map(|v| real(*v)).collect()));
    w.set("P", Object::Reference(page_id));
    let mut apd = Dictionary::new();
    apd.set("N", Object::Reference(ap));
    w.set("AP", Object::Dictionary(apd));
    w
}

/// A font size as a /DA writes it: "13", "12.5".
fn fmt_size(size: f64) -> String {
    let r = (size * 100.0).round() / 100.0;
    if r.fract() == 0.0 { format!("{}", r as i64) } else { format!("{r}") }
}

/// A form XObject of `w` × `h` pt that draws nothing.
pub fn empty_form(w: f64, h: f64) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Form".to_vec()));
    d.set("BBox", Object::Array(vec![real(0.0), real(0.0), real(w), real(h)]));
    d.set("Resources", Object::Dictionary(Dictionary::new()));
    d
}

/// A number rounded to 0.01, written without exponent.
pub fn real(v: f64) -> Object {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 { Object::Integer(r as i64) } else { Object::Real(r as f32) }
}

/// The XMP packet with PDF/A-2a + UA-1 claims reduced to PDF/A-2b.
pub fn downgrade_to_a2b(xml: &str) -> String {
    let mut out = xml
        .replace("<pdfaid:conformance>A</pdfaid:conformance>", "<pdfaid:conformance>B</pdfaid:conformance>")
        .replace("<pdfaid:conformance>U</pdfaid:conformance>", "<pdfaid:conformance>B</pdfaid:conformance>")
        .replace("pdfaid:conformance=\"A\"", "pdfaid:conformance=\"B\"")
        .replace("pdfaid:conformance=\"U\"", "pdfaid:conformance=\"B\"");
    for claim in ["<pdfuaid:part>1</pdfuaid:part>", "pdfuaid:part=\"1\""] {
        out = out.replace(claim, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xmp_claims_a2b_without_ua() {
        let xmp = "<rdf:Description><pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part></rdf:Description>";
        let out = downgrade_to_a2b(xmp);
        assert!(out.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"), "{out}");
        assert!(!out.contains("pdfuaid:part>1"), "{out}");
    }
}
