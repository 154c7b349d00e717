//! Appending an incremental update to a PDF (ISO 32000-1 §7.5.6): the original
//! bytes stay an exact prefix; new and changed objects follow with their own
//! cross-reference section and a trailer that points back at the previous one.
//! Signatures over the earlier bytes therefore stay valid.
//!
//! Objects are serialised with lopdf's writer; the framing (object headers,
//! xref section, trailer) is written here so that every byte offset is known,
//! which signing needs. No clock, no randomness: the same input gives the same
//! bytes.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, Writer};

/// The update being built on top of a loaded PDF.
pub struct Update {
    objects: Vec<(ObjectId, Vec<u8>)>,
    next_id: u32,
    size: u32,
    trailer: Dictionary,
    prev_xref: usize,
}

/// The written file and, per object of the update, the byte offset of its
/// body (just after `N G obj\n`).
pub struct Appended {
    pub bytes: Vec<u8>,
    pub bodies: Vec<(ObjectId, usize)>,
}

impl Update {
    /// Starts an update of `doc`, which was loaded from `bytes`.
    pub fn new(doc: &lopdf::Document, bytes: &[u8]) -> Result<Self, String> {
        let prev_xref = last_startxref(bytes).ok_or("the file has no startxref: not a complete PDF")?;
        // The update's /Prev is this offset: one that points at no
        // cross-reference section (a damaged or hand-edited file, which lopdf
        // still reads by scanning) would make the signed file unreadable to
        // a strict reader (poppler: "Couldn't find trailer dictionary").
        if !xref_at(bytes, prev_xref) {
            return Err(format!("the file's startxref ({prev_xref}) points at no cross-reference section: a damaged PDF"));
        }
        let size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0).max(0) as u32;
        let next_id = size.max(doc.max_id + 1);
        Ok(Update { objects: Vec::new(), next_id, size, trailer: doc.trailer.clone(), prev_xref })
    }

    /// A fresh object number.
    pub fn alloc(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Writes (a new version of) object `id`.
    pub fn put(&mut self, id: ObjectId, object: &Object) {
        let mut body = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = Writer::write_object(&mut body, object);
        self.put_raw(id, body);
    }

    /// Writes a stream object: `dict` (its /Length is set here) and `data`.
    pub fn put_stream(&mut self, id: ObjectId, mut dict: Dictionary, data: &[u8]) {
        dict.set("Length", Object::Integer(data.len() as i64));
        let mut body = Vec::new();
        let _ = Writer::write_object(&mut body, &Object::Dictionary(dict));
        body.extend_from_slice(b"\nstream\n");
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.put_raw(id, body);
    }

    /// Writes object `id` from its serialised body.
    pub fn put_raw(&mut self, id: ObjectId, body: Vec<u8>) {
        self.objects.retain(|(i, _)| *i != id);
        self.objects.push((id, body));
    }

    /// The original bytes followed by the update.
    pub fn append_to(mut self, base: &[u8]) -> Appended {
        let mut out = base.to_vec();
        if !out.ends_with(b"\n") && !out.ends_with(b"\r") {
            out.push(b'\n');
        }
        self.objects.sort_by_key(|(id, _)| *id);
        let mut offsets = Vec::new();
        let mut bodies = Vec::new();
        for (id, body) in &self.objects {
            offsets.push((*id, out.len()));
            let _ = write!(out, "{} {} obj\n", id.0, id.1);
            bodies.push((*id, out.len()));
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n");
        // Subsections of consecutive object numbers.
        let mut i = 0;
        while i < offsets.len() {
            let mut j = i + 1;
            while j < offsets.len() && offsets[j].0 .0 == offsets[j - 1].0 .0 + 1 {
                j += 1;
            }
            let _ = write!(out, "{} {}\n", offsets[i].0 .0, j - i);
            for (id, at) in &offsets[i..j] {
                let _ = write!(out, "{:010} {:05} n\r\n", at, id.1);
            }
            i = j;
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(self.size.max(self.next_id) as i64));
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Ok(v) = self.trailer.get(key) {
                trailer.set(key.to_vec(), v.clone());
            }
        }
        trailer.set("Prev", Object::Integer(self.prev_xref as i64));
        out.extend_from_slice(b"trailer\n");
        let _ = Writer::write_object(&mut out, &Object::Dictionary(trailer));
        let _ = write!(out, "\nstartxref\n{xref}\n%%EOF\n");
        Appended { bytes: out, bodies }
    }
}

/// The offset after the last `startxref` keyword of the file.
pub fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let tail_start = bytes.len().saturating_sub(2048);
    let tail = &bytes[tail_start..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let rest = std::str::from_utf8(&tail[at + 9..]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

/// Whether a cross-reference section starts at `offset`: a table (`xref`) or
/// a cross-reference stream (`N G obj`), after blanks.
fn xref_at(bytes: &[u8], offset: usize) -> bool {
    let Some(rest) = bytes.get(offset..) else { return false };
    let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    if rest.starts_with(b"xref") {
        return true;
    }
    // "12 0 obj": two numbers, then the keyword.
    let mut words = rest.split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty());
    let number = |w: Option<&[u8]>| w.is_some_and(|w| !w.is_empty() && w.iter().all(u8::is_ascii_digit));
    number(words.next()) && number(words.next()) && words.next().is_some_and(|w| w.starts_with(b"obj"))
}

/// The byte offsets just past each `%%EOF` marker (and its end of line): where
/// each revision of the file ends.
pub fn revision_ends(bytes: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut from = 0;
    while let Some(at) = bytes[from..].windows(5).position(|w| w == b"%%EOF") {
        let mut end = from + at + 5;
        if bytes.get(end) == Some(&b'\r') {
            end += 1;
        }
        if bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        ends.push(end);
        from = end;
    }
    ends
}

/// For each revision (as [`revision_ends`] cuts the file), whether its
/// trailer declares `/Encrypt`. Read from the bytes, not from lopdf, which
/// decrypts a file with an empty user password and drops /Encrypt from the
/// trailer it returns, so a loaded document cannot tell.
pub fn revisions_encrypted(bytes: &[u8]) -> Vec<bool> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let rfind = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let mut out = Vec::new();
    let mut start = 0;
    for end in revision_ends(bytes) {
        let segment = &bytes[..end];
        let Some(sx) = rfind(&segment[start..], b"startxref").map(|p| start + p) else {
            out.push(false);
            start = end;
            continue;
        };
        // The trailer dictionary: after `trailer` for a classic section, or the
        // cross-reference stream's dictionary (up to `stream`).
        let xref_at = std::str::from_utf8(&segment[sx + 9..]).ok().and_then(|r| r.split_whitespace().next()?.parse::<usize>().ok());
        let dict = match xref_at.filter(|&x| x < sx) {
            Some(x) if x >= start && segment[x].is_ascii_digit() => {
                let to = find(&segment[x..sx], b"stream").map_or(sx, |p| x + p);
                &segment[x..to]
            }
            _ => match rfind(&segment[start..sx], b"trailer") {
                Some(p) => &segment[start + p..sx],
                None => &segment[start..start],
            },
        };
        let declares = dict.windows(8).enumerate().any(|(i, w)| w == b"/Encrypt" && !dict.get(i + 8).is_some_and(u8::is_ascii_alphanumeric));
        out.push(declares);
        start = end;
    }
    out
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with a BOM.
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), lopdf::StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    }
}

/// Decodes a PDF text string (UTF-16BE with a BOM, or PDFDocEncoding read as
/// Latin-1, which is exact for ASCII).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_startxref_must_point_at_a_cross_reference_section() {
        let pdf = b"%PDF-1.7\nxref\n0 1\ntrailer\n<<>>\n12 0 obj\n<< /Type /XRef >>";
        assert!(xref_at(pdf, 9));
        assert!(xref_at(pdf, 8), "after a line end");
        assert!(xref_at(pdf, 31), "an xref stream");
        assert!(!xref_at(pdf, 14), "inside the table");
        assert!(!xref_at(pdf, 99_999_999), "past the end");
    }

    #[test]
    fn finds_startxref_and_revision_ends() {
        let pdf = b"%PDF-1.7\n...xref...\nstartxref\n1234\n%%EOF\nmore\nstartxref\n99\n%%EOF\r\n";
        assert_eq!(last_startxref(pdf), Some(99));
        let ends = revision_ends(pdf);
        assert_eq!(ends.len(), 2);
        assert_eq!(&pdf[..ends[0]], b"%PDF-1.7\n...xref...\nstartxref\n1234\n%%EOF\n");
        assert_eq!(ends[1], pdf.len());
    }

    #[test]
    fn finds_encrypt_in_each_trailer() {
        let pdf = b"%PDF-1.7\nxref\n0 1\ntrailer\n<< /Size 1 /Encrypt 9 0 R >>\nstartxref\n9\n%%EOF\n\
xref\n0 1\ntrailer\n<< /Size 1 /Prev 9 /EncryptMetadata false >>\nstartxref\n60\n%%EOF\n";
        assert_eq!(revisions_encrypted(pdf), [true, false]);
    }

    #[test]
    fn text_strings_round_trip() {
        for s in ["NguoiKy", "Chữ ký số của cơ quan"] {
            let Object::String(bytes, _) = text_string(s) else { panic!() };
            assert_eq!(decode_text(&bytes), s);
        }
    }
}
