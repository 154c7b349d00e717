//! `vanban sign`: one signature field signed, as an incremental update.
//!
//! The update holds the signature dictionary (/Filter /Adobe.PPKLite,
//! /SubFilter /ETSI.CAdES.detached, /ByteRange, /Contents, /M at +07:00), the
//! field with its value /V and a visible appearance, and the form's /SigFlags 3.
//! /ByteRange covers the whole file but the /Contents string: everything up
//! to this revision's `%%EOF`, the earlier revisions included.

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::appearance::{self, Image};
use super::credential::Credential;
use super::fields::{BlankKind, SEAL_FIELD};
use super::incremental::{decode_text, revisions_encrypted, text_string, Update};
use super::{cms, verify, SignError, VnTime};
use crate::diag::Msg;

/// A signature field of a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfField {
    /// Its full name (/T, joined with dots through its parents).
    pub name: String,
    /// Its label (/TU), if any.
    pub label: Option<String>,
    pub field_id: ObjectId,
    /// The widget (the field itself when they are merged).
    pub widget_id: ObjectId,
    pub rect: [f64; 4],
    /// The page, from 1, if the widget is on one.
    pub page: Option<usize>,
    /// The signature dictionary (/V), when signed.
    pub value: Option<ObjectId>,
}

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => 0.0,
    }
}

/// The signature fields of `doc` in the form's order (the order they are to
/// be signed in, for the PDFs vanban makes).
pub fn signature_fields(doc: &lopdf::Document) -> Vec<PdfField> {
    let mut out = Vec::new();
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    for id in form_fields(doc) {
        walk(doc, id, "", None, &pages, &mut out, 0);
    }
    out
}

/// The form's top-level fields (/AcroForm /Fields), in its order; none when
/// the PDF has no form.
fn form_fields(doc: &lopdf::Document) -> Vec<ObjectId> {
    let Ok(catalog) = doc.catalog() else { return Vec::new() };
    let Some(form) = catalog.get(b"AcroForm").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok()) else {
        return Vec::new();
    };
    let Ok(fields) = form.get(b"Fields").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_array()) else { return Vec::new() };
    fields.iter().filter_map(|f| f.as_reference().ok()).collect()
}

fn walk(doc: &lopdf::Document, id: ObjectId, parent: &str, ft: Option<Vec<u8>>, pages: &[(u32, ObjectId)], out: &mut Vec<PdfField>, depth: usize) {
    if depth > 32 {
        return;
    }
    let Ok(dict) = doc.get_dictionary(id) else { return };
    let t = dict.get(b"T").ok().and_then(|o| o.as_str().ok()).map(decode_text);
    let name = match (&t, parent.is_empty()) {
        (Some(t), true) => t.clone(),
        (Some(t), false) => format!("{parent}.{t}"),
        (None, _) => parent.to_owned(),
    };
    let ft = dict.get(b"FT").ok().and_then(|o| o.as_name().ok()).map(|n| n.to_vec()).or(ft);
    let kids: Vec<ObjectId> = dict
        .get(b"Kids")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
        .map(|a| a.iter().filter_map(|k| k.as_reference().ok()).collect())
        .unwrap_or_default();
    let field_kids: Vec<ObjectId> = kids.iter().copied().filter(|k| doc.get_dictionary(*k).is_ok_and(|d| d.has(b"T"))).collect();
    if !field_kids.is_empty() {
        for k in field_kids {
            walk(doc, k, &name, ft.clone(), pages, out, depth + 1);
        }
        return;
    }
    if ft.as_deref() != Some(b"Sig") {
        return;
    }
    let widget_id = if dict.has(b"Rect") { id } else { kids.first().copied().unwrap_or(id) };
    let widget = doc.get_dictionary(widget_id).ok();
    let rect = widget
        .and_then(|w| w.get(b"Rect").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
        .filter(|a| a.len() == 4)
        .map(|a| {
            let v: Vec<f64> = a.iter().map(number).collect();
            [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]
        })
        .unwrap_or([0.0; 4]);
    let on_page = |page_id: ObjectId| pages.iter().find(|(_, p)| *p == page_id).map(|(n, _)| *n as usize);
    let page = widget.and_then(|w| w.get(b"P").ok()).and_then(|p| p.as_reference().ok()).and_then(on_page).or_else(|| {
        pages.iter().find_map(|(n, p)| {
            let annots = doc.get_dictionary(*p).ok()?.get(b"Annots").ok()?;
            let (_, annots) = doc.dereference(annots).ok()?;
            annots.as_array().ok()?.iter().any(|a| a.as_reference().ok() == Some(widget_id)).then_some(*n as usize)
        })
    });
    let value = dict.get(b"V").ok().and_then(|v| v.as_reference().ok());
    let label = dict.get(b"TU").ok().and_then(|o| o.as_str().ok()).map(decode_text);
    out.push(PdfField { name, label, field_id: id, widget_id, rect, page, value });
}

/// A blank's text field (`render --signature-fields` puts one over the
/// number's and the date's blanks; see [`super::fields::BlankKind`]).
#[derive(Debug, Clone, PartialEq)]
pub struct BlankField {
    pub kind: BlankKind,
    pub field_id: ObjectId,
    /// Its value, once the văn thư has filled it.
    pub value: Option<String>,
    pub widgets: Vec<BlankWidget>,
    /// The year and month the document prints beside the blanks.
    pub year: Option<u32>,
    pub month: Option<u32>,
}

/// One place a blank's value is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct BlankWidget {
    pub id: ObjectId,
    pub rect: [f64; 4],
    /// The text's size and face there (from the widget's /DA).
    pub size: f64,
    pub italic: bool,
    /// A number's: the word after the blank and where it ends, pt from the
    /// widget's left edge (see [`super::form::KEY_AFTER`]).
    pub after: Option<(String, f64)>,
}

/// The blanks' text fields of `doc`, as vanban writes them (top-level fields
/// named after a [`BlankKind`], their widgets as kids).
pub fn blank_fields(doc: &lopdf::Document) -> Vec<BlankField> {
    let mut out = Vec::new();
    for id in form_fields(doc) {
        let Ok(dict) = doc.get_dictionary(id) else { continue };
        if dict.get(b"FT").ok().and_then(|o| o.as_name().ok()) != Some(b"Tx") {
            continue;
        }
        let Some(kind) = dict.get(b"T").ok().and_then(|o| o.as_str().ok()).map(decode_text).and_then(|t| BlankKind::of_field(&t)) else { continue };
        let int = |key: &str| dict.get(key.as_bytes()).ok().and_then(|o| o.as_i64().ok()).and_then(|v| u32::try_from(v).ok());
        let value = dict.get(b"V").ok().and_then(|o| o.as_str().ok()).map(decode_text).filter(|v| !v.is_empty());
        let kids = dict.get(b"Kids").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_array().ok()).cloned().unwrap_or_default();
        let mut widgets = Vec::new();
        for kid in kids.iter().filter_map(|k| k.as_reference().ok()) {
            let Ok(w) = doc.get_dictionary(kid) else { continue };
            let Some(rect) = w.get(b"Rect").ok().and_then(|o| o.as_array().ok()).filter(|a| a.len() == 4).map(|a| {
                let v: Vec<f64> = a.iter().map(number).collect();
                [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]
            }) else { continue };
            // "/LSI 13 Tf 0 g": the face and the size.
            let da = w.get(b"DA").ok().and_then(|o| o.as_str().ok()).map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
            let words: Vec<&str> = da.split_whitespace().collect();
            let size = words.iter().position(|w| *w == "Tf").and_then(|i| i.checked_sub(1)).and_then(|i| words[i].parse::<f64>().ok()).filter(|s| *s > 0.0).unwrap_or(13.0);
            let italic = words.first() == Some(&"/LSI");
            let after_word = w.get(super::form::KEY_AFTER.as_bytes()).ok().and_then(|o| o.as_str().ok()).map(decode_text);
            let after_end = w.get(super::form::KEY_AFTER_END.as_bytes()).ok().map(number).filter(|e| *e > 0.0);
            let after = after_word.zip(after_end);
            widgets.push(BlankWidget { id: kid, rect, size, italic, after });
        }
        out.push(BlankField { kind, field_id: id, value, widgets, year: int(super::form::KEY_YEAR), month: int(super::form::KEY_MONTH) });
    }
    out
}

/// What the văn thư gives when issuing (`sign --so`, `--ngay`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Issue {
    /// The document's number.
    pub number: Option<u32>,
    /// The issue date (day, month, year); the signing day when `None`.
    pub date: Option<(u32, u32, u32)>,
}

/// What goes into each still-empty blank when `field` is signed, and what
/// is left blank, said as warnings. A person's field fills nothing (and
/// `--so`/`--ngay` are refused there). The body's field (`CoQuan`, the văn
/// thư's ký phát hành) fills the number when `--so` gives it, and the day and
/// month of the issue date: `--ngay`, which must agree with the year (and
/// month) the document prints, or else the signing day when it agrees with
/// them. What cannot be filled is left blank with a warning, so that signing
/// as before `--so` existed still works.
pub fn plan_issue(path: &str, blanks: &[BlankField], field: &str, issue: Issue, time: VnTime) -> Result<(Vec<(BlankField, String)>, Vec<Msg>), SignError> {
    let mut warnings = Vec::new();
    if field != SEAL_FIELD {
        if issue.number.is_some() || issue.date.is_some() {
            return Err(SignError::IssueNotSeal { path: path.into(), field: field.into() });
        }
        return Ok((Vec::new(), warnings));
    }
    let open: Vec<&BlankField> = blanks.iter().filter(|b| b.value.is_none() && !b.widgets.is_empty()).collect();
    let mut plan = Vec::new();
    match (open.iter().find(|b| b.kind == BlankKind::Number), issue.number) {
        (Some(b), Some(n)) => plan.push(((*b).clone(), format!("{n:02}"))),
        (Some(_), None) => warnings.push(Msg::new(
            format!("{path}: văn bản vẫn để trống số (\"Số:      /…\"); văn thư cấp số khi ký phát hành: thêm --so <số>, ví dụ --so 15"),
            format!("{path}: the document's number is left blank (\"Số:      /…\"); the văn thư gives it when issuing: add --so <number>, e.g. --so 15"),
        )),
        (None, Some(_)) => {
            let filled = blanks.iter().find(|b| b.kind == BlankKind::Number).and_then(|b| b.value.clone());
            return Err(SignError::NoBlank { path: path.into(), number: true, filled });
        }
        (None, None) => {}
    }
    let dated: Vec<&&BlankField> = open.iter().filter(|b| b.kind != BlankKind::Number).collect();
    if dated.is_empty() {
        if issue.date.is_some() {
            return Err(SignError::NoBlank { path: path.into(), number: false, filled: None });
        }
        return Ok((plan, warnings));
    }
    let today = {
        let (y, m, d, ..) = time.civil();
        (d, m, y as u32)
    };
    let (day, month, year) = issue.date.unwrap_or(today);
    if (year, month, day) > (today.2, today.1, today.0) {
        return Err(SignError::IssueDateFuture { date: format!("{day:02}/{month:02}/{year}"), today: format!("{:02}/{:02}/{}", today.0, today.1, today.2) });
    }
    let printed_year = dated.iter().find_map(|b| b.year);
    let printed_month = dated.iter().find_map(|b| b.month);
    let month_blank = dated.iter().any(|b| b.kind == BlankKind::Month);
    let year_off = printed_year.is_some_and(|y| y != year);
    let month_off = !month_blank && printed_month.is_some_and(|m| m != month);
    if year_off || month_off {
        let printed = match (month_blank, printed_month, printed_year) {
            (false, Some(m), Some(y)) => format!("tháng {} năm {y}", crate::model::date::written_month(m)),
            (_, _, Some(y)) => format!("năm {y}"),
            _ => String::new(),
        };
        let date = format!("{day:02}/{month:02}/{year}");
        if issue.date.is_some() {
            return Err(SignError::IssueDateMismatch { path: path.into(), printed, date, given: true });
        }
        // Today is not in the printed month: the blanks stay for the văn thư.
        warnings.push(Msg::new(
            format!("{path}: văn bản in \"{printed}\" nhưng hôm nay là {date}: để trống ngày ban hành; ghi bằng --ngay ngày/tháng/năm"),
            format!("{path}: the document prints \"{printed}\" but today is {date}: the issue date's blanks are left; fill them with --ngay day/month/year"),
        ));
        return Ok((plan, warnings));
    }
    for b in dated {
        let text = match b.kind {
            BlankKind::Day => format!("{day:02}"),
            _ => crate::model::date::written_month(month),
        };
        plan.push(((*b).clone(), text));
    }
    Ok((plan, warnings))
}

/// How to sign.
pub struct Options<'a> {
    /// The field to sign; the first unsigned one when `None`.
    pub field: Option<&'a str>,
    /// The signature's or seal's image.
    pub image: Option<&'a Image>,
    /// The signing time (the signature dictionary's /M).
    pub time: VnTime,
    /// The number and date the văn thư writes into the blanks (with `CoQuan`).
    pub issue: Issue,
}

/// Loads a PDF for signing or verifying.
/// Refuses an encrypted PDF: an update appended to it would have to be
/// encrypted with the file's key, and vanban writes plain objects (which, read
/// with that key, blank the pages).
pub fn load(path: &str, bytes: &[u8]) -> Result<lopdf::Document, SignError> {
    // Asked of the bytes first: lopdf opens a file with an empty user password
    // silently and takes /Encrypt out of the trailer it returns.
    let encrypted = revisions_encrypted(bytes);
    if let Some(first) = encrypted.iter().position(|&e| e) {
        if let Some(later) = encrypted[first..].iter().position(|&e| !e) {
            return Err(SignError::EncryptionDropped { path: path.into(), revision: first + later + 1 });
        }
        return Err(SignError::Encrypted { path: path.into() });
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| SignError::NotPdf { path: path.into(), reason: e.to_string() })?;
    if doc.was_encrypted() || doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(SignError::Encrypted { path: path.into() });
    }
    Ok(doc)
}

/// Every signature already in the file must hold, and the newest must reach
/// the end of the file: signing over a changed file would issue the change
/// with the next signer's name on it.
pub fn check_earlier(path: &str, doc: &lopdf::Document, fields: &[PdfField], bytes: &[u8]) -> Result<(), SignError> {
    let reports = verify::reports(doc, fields.to_vec(), bytes);
    let signed: Vec<_> = reports.iter().filter_map(|f| f.signature.as_ref().map(|s| (f, s))).collect();
    // Nothing signed, yet bytes after the last %%EOF: a signed file cut
    // short. Signed, the stray bytes would be covered by the new signature.
    // (With a signature, they are that signature's problem, said below.)
    if let Some(stray) = verify::cut_revision(bytes).filter(|_| signed.is_empty()) {
        return Err(SignError::Truncated { path: path.into(), stray });
    }
    if let Some((f, s)) = signed.iter().find(|(_, s)| !s.valid && s.unchecked.is_none()) {
        return Err(SignError::EarlierInvalid { path: path.into(), name: f.name.clone(), reasons: s.problems.clone() });
    }
    // Not known to be wrong, but not known to hold either: not signed over.
    if let Some((f, s)) = signed.iter().find(|(_, s)| !s.valid) {
        let algorithm = s.unchecked.clone().unwrap_or_default();
        return Err(SignError::EarlierUnchecked { path: path.into(), name: f.name.clone(), algorithm });
    }
    match signed.iter().max_by_key(|(_, s)| s.revision.map(|r| r.0)) {
        Some((f, s)) if !s.covers_whole_file => Err(SignError::ChangedAfterSigning { path: path.into(), name: f.name.clone() }),
        _ => Ok(()),
    }
}

/// Chooses the field to sign: `wanted`, or the first unsigned one in signing
/// order. The order is the persons' fields (as the form lists them), then the
/// body's (`CoQuan`): the văn thư signs only a document its signers have
/// signed (NĐ 30, Điều 32.2.c–d), so `CoQuan` waits for every other field and
/// no person signs after it.
pub fn choose<'f>(path: &str, fields: &'f [PdfField], wanted: Option<&str>) -> Result<&'f PdfField, SignError> {
    if fields.is_empty() {
        return Err(SignError::NoFields { path: path.into() });
    }
    let is_seal = |f: &PdfField| f.name == SEAL_FIELD;
    let in_order: Vec<&PdfField> = fields.iter().filter(|f| !is_seal(f)).chain(fields.iter().filter(|f| is_seal(f))).collect();
    let field = match wanted {
        Some(name) => fields.iter().find(|f| f.name == name).ok_or_else(|| SignError::UnknownField {
            path: path.into(),
            name: name.into(),
            available: fields.iter().map(|f| f.name.clone()).collect(),
        })?,
        None => in_order.into_iter().find(|f| f.value.is_none()).ok_or_else(|| SignError::AllSigned { path: path.into() })?,
    };
    if field.value.is_some() {
        return Err(SignError::AlreadySigned { path: path.into(), name: field.name.clone() });
    }
    if is_seal(field) {
        let waiting: Vec<String> = fields.iter().filter(|f| !is_seal(f) && f.value.is_none()).map(|f| f.name.clone()).collect();
        if !waiting.is_empty() {
            return Err(SignError::SealBeforeSigners { path: path.into(), waiting });
        }
    } else if fields.iter().any(|f| is_seal(f) && f.value.is_some()) {
        return Err(SignError::SignerAfterSeal { path: path.into(), name: field.name.clone() });
    }
    Ok(field)
}

/// Where `field`'s text goes, `[x0, y0, x1, y1]` from its bottom-left corner:
/// clear of the other fields on its page that overlap it. Across, the widest
/// part they do not cover (the seal covers the signature's left third, and
/// text under it would be unreadable; the whole width when less than a third
/// is left). Up and down, only as far as each of them reaches: the seal's
/// square is taller than the gap between the title and the name, the
/// signature's box is inside it, so the seal's text keeps to the signature's
/// height and clear of the printed words.
pub fn text_area(field: &PdfField, fields: &[PdfField]) -> [f64; 4] {
    let [x0, y0, x1, y1] = field.rect;
    let (mut free, mut low, mut high) = (vec![(x0, x1)], y0, y1);
    for other in fields.iter().filter(|o| o.name != field.name && o.page == field.page) {
        let [ox0, oy0, ox1, oy1] = other.rect;
        if ox1 <= x0 || ox0 >= x1 || oy1 <= y0 || oy0 >= y1 {
            continue;
        }
        free = free.into_iter().flat_map(|(a, b)| [(a, b.min(ox0)), (a.max(ox1), b)]).filter(|(a, b)| b > a).collect();
        (low, high) = (low.max(oy0), high.min(oy1));
    }
    let widest = free.into_iter().max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)));
    let (a, b) = match widest {
        Some((a, b)) if (b - a) * 3.0 >= x1 - x0 => (a, b),
        _ => (x0, x1),
    };
    [a - x0, low - y0, b - x0, high - y0]
}

/// Width of each /ByteRange number: ten digits, enough for 9.3 GB.
const RANGE_DIGITS: usize = 10;

/// Signs one field of `pdf`; returns the whole signed file.
pub fn sign(path: &str, pdf: &[u8], cred: &Credential, opts: &Options) -> Result<Vec<u8>, SignError> {
    let doc = load(path, pdf)?;
    let fields = signature_fields(&doc);
    check_earlier(path, &doc, &fields, pdf)?;
    let field = choose(path, &fields, opts.field)?.clone();
    let (fills, _) = plan_issue(path, &blank_fields(&doc), &field.name, opts.issue, opts.time)?;
    let internal = SignError::Internal;
    let mut update = Update::new(&doc, pdf).map_err(|e| SignError::NotPdf { path: path.into(), reason: e })?;

    // The văn thư's number and date, in the same revision as the body's
    // signature, which so covers them: each blank's field gets its value and
    // becomes read-only, each widget an appearance with the text.
    for (blank, text) in &fills {
        for widget in &blank.widgets {
            let [x0, y0, x1, y1] = widget.rect;
            let style = if widget.italic { appearance::Style::Italic } else { appearance::Style::Regular };
            let right = blank.kind == BlankKind::Number;
            let after = widget.after.as_ref().map(|(word, end)| (word.as_str(), *end));
            let ap = appearance::stamp(&mut update, (x1 - x0).max(1.0), (y1 - y0).max(1.0), text, widget.size, style, right, after).map_err(internal)?;
            let mut w = doc.get_dictionary(widget.id).map_err(|e| internal(e.to_string()))?.clone();
            let mut apd = Dictionary::new();
            apd.set("N", Object::Reference(ap));
            w.set("AP", Object::Dictionary(apd));
            update.put(widget.id, &Object::Dictionary(w));
        }
        let mut f = doc.get_dictionary(blank.field_id).map_err(|e| internal(e.to_string()))?.clone();
        f.set("V", text_string(text));
        let flags = f.get(b"Ff").ok().and_then(|o| o.as_i64().ok()).unwrap_or(0);
        f.set("Ff", Object::Integer(flags | 1));
        update.put(blank.field_id, &Object::Dictionary(f));
    }

    // The signature dictionary, with room for the CMS: the certificates, two
    // signatures' worth of key bytes, and the attributes.
    let capacity = cred.chain.iter().map(Vec::len).sum::<usize>() + 2 * rsa::traits::PublicKeyParts::size(&cred.key) + 2048;
    let sig_id = update.alloc();
    let placeholder = format!("[0 {z} {z} {z}]", z = "0".repeat(RANGE_DIGITS));
    let mut body = Vec::new();
    body.extend_from_slice(b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ");
    body.extend_from_slice(placeholder.as_bytes());
    body.extend_from_slice(b" /Contents <");
    body.extend(std::iter::repeat_n(b'0', capacity * 2));
    body.extend_from_slice(b"> /M ");
    let mut tail = Vec::new();
    let _ = lopdf::Writer::write_object(&mut tail, &Object::string_literal(opts.time.pdf_date()));
    tail.extend_from_slice(b" /Name ");
    let _ = lopdf::Writer::write_object(&mut tail, &text_string(&cred.common_name));
    body.extend_from_slice(&tail);
    body.extend_from_slice(b" >>");
    update.put_raw(sig_id, body);

    // The visible appearance. The seal's image stands alone, at the field's
    // size (the seal's real size): NĐ 30 prints no text beside the seal, and
    // text at its foot would run into the signer's printed name.
    let [x0, y0, x1, y1] = field.rect;
    let lines = match opts.image {
        Some(_) if field.name == SEAL_FIELD => Vec::new(),
        _ => vec![format!("Ký bởi: {}", cred.common_name), format!("Thời gian ký: {}", opts.time.display())],
    };
    let area = text_area(&field, &fields);
    let ap = appearance::write(&mut update, (x1 - x0).max(1.0), (y1 - y0).max(1.0), &lines, opts.image, area).map_err(internal)?;

    // The field gets its value; its widget the appearance.
    let mut fdict = doc.get_dictionary(field.field_id).map_err(|e| internal(e.to_string()))?.clone();
    fdict.set("V", Object::Reference(sig_id));
    let mut apd = Dictionary::new();
    apd.set("N", Object::Reference(ap));
    if field.widget_id == field.field_id {
        fdict.set("AP", Object::Dictionary(apd));
        fdict.set("F", Object::Integer(4));
    } else {
        let mut w = doc.get_dictionary(field.widget_id).map_err(|e| internal(e.to_string()))?.clone();
        w.set("AP", Object::Dictionary(apd));
        w.set("F", Object::Integer(4));
        update.put(field.widget_id, &Object::Dictionary(w));
    }
    update.put(field.field_id, &Object::Dictionary(fdict));

    // SigFlags 3: signatures exist; append only.
    let root_id = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(|e| internal(e.to_string()))?;
    let mut catalog = doc.get_dictionary(root_id).map_err(|e| internal(e.to_string()))?.clone();
    match catalog.get(b"AcroForm") {
        Ok(Object::Reference(form_id)) => {
            let form_id = *form_id;
            let mut form = doc.get_dictionary(form_id).map_err(|e| internal(e.to_string()))?.clone();
            form.set("SigFlags", Object::Integer(3));
            update.put(form_id, &Object::Dictionary(form));
        }
        Ok(Object::Dictionary(form)) => {
            let mut form = form.clone();
            form.set("SigFlags", Object::Integer(3));
            catalog.set("AcroForm", Object::Dictionary(form));
            update.put(root_id, &Object::Dictionary(catalog));
        }
        _ => return Err(internal("the form disappeared".into())),
    }

    let appended = update.append_to(pdf);
    let mut bytes = appended.bytes;
    let body_at = appended.bodies.iter().find(|(id, _)| *id == sig_id).map(|(_, at)| *at).ok_or_else(|| internal("no signature object".into()))?;
    let find = |needle: &[u8], from: usize| bytes[from..].windows(needle.len()).position(|w| w == needle).map(|p| from + p);
    let range_at = find(b"/ByteRange [", body_at).ok_or_else(|| internal("no /ByteRange".into()))? + b"/ByteRange ".len();
    let contents_start = find(b"/Contents <", body_at).ok_or_else(|| internal("no /Contents".into()))? + b"/Contents ".len();
    let contents_end = contents_start + capacity * 2 + 2;
    let ranges = format!("[0 {contents_start} {contents_end} {}]", bytes.len() - contents_end);
    if ranges.len() > placeholder.len() {
        return Err(internal("the file is too large to sign".into()));
    }
    let padded = format!("{ranges:<width$}", width = placeholder.len());
    bytes[range_at..range_at + placeholder.len()].copy_from_slice(padded.as_bytes());

    let mut hasher = Sha256::new();
    hasher.update(&bytes[..contents_start]);
    hasher.update(&bytes[contents_end..]);
    let digest = hasher.finalize();
    let cms = cms::sign_digest(cred, &digest).map_err(internal)?;
    if cms.len() > capacity {
        return Err(internal(format!("the signature ({} bytes) does not fit its room ({capacity})", cms.len())));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02x}")).collect();
    bytes[contents_start + 1..contents_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(bytes)
}
