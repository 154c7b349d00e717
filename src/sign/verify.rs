//! `vanban verify`: every signature field of a PDF and, for each signature,
//! whether it is valid (the digest of the bytes it covers matches, the RSA
//! signature verifies with the certificate it carries) and whether it covers
//! the whole file up to its revision. Whether the certificate is trusted (its
//! chain up to the national root CA, revocation) is not checked here: that is
//! the office's signing system's job. A signature in an algorithm vanban
//! cannot check (ECDSA) is reported as such, neither valid nor tampered.

use lopdf::Object;

use super::incremental::{decode_text, revision_ends};
use super::fields::SEAL_FIELD;
use super::signer::{load, signature_fields, PdfField};
use super::{cms, SignError, VnTime};
use crate::diag::Msg;

/// One field as found.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldReport {
    pub name: String,
    pub label: Option<String>,
    pub page: Option<usize>,
    pub rect: [f64; 4],
    pub signature: Option<SignatureReport>,
}

/// One signature, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureReport {
    /// The signer certificate's common name.
    pub signer: String,
    /// The claimed signing time (/M), as shown to a reader.
    pub time: Option<String>,
    /// /SubFilter.
    pub sub_filter: String,
    /// The digest matches and the signature verifies.
    pub valid: bool,
    /// The signature's algorithm when vanban cannot check it (ECDSA…) and
    /// everything else holds (the digest, the byte range, the revision): then
    /// `valid` is false without anything being found wrong.
    pub unchecked: Option<String>,
    /// The revision (from 1) whose end the signature covers, of how many.
    pub revision: Option<(usize, usize)>,
    /// Whether the signed bytes are the whole file (nothing appended after).
    pub covers_whole_file: bool,
    /// Bytes after the file's last `%%EOF` that belong to no revision (trailing
    /// blanks aside): a change no signature can cover.
    pub stray_bytes: usize,
    /// What is wrong, if anything.
    pub problems: Vec<Msg>,
}

/// Checks every signature field of `bytes`.
pub fn verify(path: &str, bytes: &[u8]) -> Result<Vec<FieldReport>, SignError> {
    let doc = load(path, bytes)?;
    let fields = signature_fields(&doc);
    if fields.is_empty() {
        return Err(SignError::NoFields { path: path.into() });
    }
    let reports = reports(&doc, fields, bytes);
    // A signed file cut inside a later revision reads as its earlier,
    // unsigned self: "not signed" would be a wrong all-clear. (With a
    // signature, the stray bytes are that signature's problem, said there.)
    if let Some(stray) = cut_revision(bytes).filter(|_| reports.iter().all(|r| r.signature.is_none())) {
        return Err(SignError::Truncated { path: path.into(), stray });
    }
    Ok(reports)
}

/// The count of stray bytes after the last `%%EOF` when they hold the start
/// of a revision that was cut off (an object, a cross-reference section, a
/// trailer): a signed file cut short. An old tool's Ctrl-Z or a comment line
/// after `%%EOF` is not one.
pub fn cut_revision(bytes: &[u8]) -> Option<usize> {
    let ends = revision_ends(bytes);
    let stray = stray_bytes(bytes, &ends);
    let tail = &bytes[ends.last().copied().unwrap_or(0)..];
    let holds = |word: &[u8]| tail.windows(word.len()).any(|w| w == word);
    (stray > 0 && [&b" obj"[..], b"xref", b"trailer", b"stream"].iter().any(|w| holds(w))).then_some(stray)
}

/// The bytes after the last `%%EOF` (of revisions ending at `ends`) that
/// belong to no revision, trailing blanks aside.
pub fn stray_bytes(bytes: &[u8], ends: &[usize]) -> usize {
    let last_end = ends.last().copied().unwrap_or(0);
    bytes[last_end..].iter().rposition(|b| !b.is_ascii_whitespace() && *b != 0).map_or(0, |p| p + 1)
}

/// Checks the signatures of `fields`, of `doc` loaded from `bytes`.
pub fn reports(doc: &lopdf::Document, fields: Vec<PdfField>, bytes: &[u8]) -> Vec<FieldReport> {
    let ends = revision_ends(bytes);
    let stray = stray_bytes(bytes, &ends);
    let mut out: Vec<FieldReport> = fields
        .into_iter()
        .map(|f| {
            let signature = f.value.and_then(|id| doc.get_dictionary(id).ok()).map(|sig| check_one(sig, bytes, &ends, stray));
            FieldReport { name: f.name, label: f.label, page: f.page, rect: f.rect, signature }
        })
        .collect();
    // NĐ 30, Điều 32.2.c–d: the body's signature comes after every person's.
    // Said beside the signature, which itself may well check out.
    let seal_revision = out.iter().find(|f| f.name == SEAL_FIELD).and_then(|f| f.signature.as_ref()).and_then(|s| s.revision).map(|r| r.0);
    if let Some(seal_revision) = seal_revision {
        let after: Vec<String> = out
            .iter()
            .filter(|f| f.name != SEAL_FIELD && f.signature.as_ref().and_then(|s| s.revision).is_none_or(|r| r.0 > seal_revision))
            .map(|f| f.name.clone())
            .collect();
        if let Some(seal) = out.iter_mut().find(|f| f.name == SEAL_FIELD).and_then(|f| f.signature.as_mut()).filter(|_| !after.is_empty()) {
            let list = after.join(", ");
            seal.problems.push(Msg::new(
                format!("ký trước ô {list}: sai thứ tự ký (người có thẩm quyền ký trước, văn thư ký sau; Điều 32 Nghị định 30/2020/NĐ-CP)"),
                format!("signed before {list}: wrong signing order (the signer first, the văn thư after; Article 32, Decree 30/2020/NĐ-CP)"),
            ));
        }
    }
    out
}

fn check_one(sig: &lopdf::Dictionary, bytes: &[u8], ends: &[usize], stray: usize) -> SignatureReport {
    let mut problems = Vec::new();
    let sub_filter = sig.get(b"SubFilter").ok().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
    let time = sig.get(b"M").ok().and_then(|o| o.as_str().ok()).map(decode_text).and_then(|m| VnTime::from_pdf_date(&m)).map(|t| t.display());
    let range: Vec<i64> = sig.get(b"ByteRange").ok().and_then(|o| o.as_array().ok()).map(|a| a.iter().filter_map(|v| v.as_i64().ok()).collect()).unwrap_or_default();
    let contents = match sig.get(b"Contents") {
        Ok(Object::String(s, _)) => s.clone(),
        _ => Vec::new(),
    };
    let mut report = SignatureReport {
        signer: String::new(),
        time,
        sub_filter,
        valid: false,
        unchecked: None,
        revision: None,
        covers_whole_file: false,
        stray_bytes: stray,
        problems: Vec::new(),
    };
    let [a, b, c, d] = match range[..] {
        [a, b, c, d] if a == 0 && 0 <= b && b < c && d >= 0 && (c + d) as usize <= bytes.len() => [a as usize, b as usize, c as usize, d as usize],
        _ => {
            report.problems.push(Msg::new("thiếu /ByteRange hoặc /ByteRange sai", "/ByteRange is missing or malformed"));
            return report;
        }
    };
    // The gap must be exactly the /Contents hex string.
    let gap = &bytes[b..c];
    let gap_ok = gap.len() >= 2 && gap[0] == b'<' && gap[gap.len() - 1] == b'>' && gap[1..gap.len() - 1].iter().all(u8::is_ascii_hexdigit);
    if !gap_ok {
        problems.push(Msg::new("phần tệp nằm ngoài /ByteRange không chỉ là giá trị chữ ký", "the bytes left out of /ByteRange are not just the signature value"));
    }
    let end = c + d;
    // Blanks after the last %%EOF are not content.
    report.covers_whole_file = end == bytes.len() || (stray == 0 && ends.last() == Some(&end));
    report.revision = ends.iter().position(|&e| e == end).map(|i| (i + 1, ends.len()));
    if report.revision.is_none() {
        problems.push(Msg::new("phần được ký không kết thúc ở cuối một lần sửa của tệp", "the signed bytes do not end at the end of a revision"));
    }
    // Bytes glued after the last revision are a change after every signature,
    // one that no later signature can cover.
    if stray > 0 {
        problems.push(Msg::new(
            format!("sau %%EOF cuối cùng có {stray} byte không thuộc lần sửa nào: tệp đã bị thay đổi sau khi ký"),
            format!("{stray} bytes after the last %%EOF belong to no revision: the file was changed after signing"),
        ));
    }
    let mut signed = Vec::with_capacity(b - a + d);
    signed.extend_from_slice(&bytes[a..b]);
    signed.extend_from_slice(&bytes[c..end]);
    match cms::check(&contents, &signed) {
        Ok(checked) => {
            report.signer = checked.signer;
            if !checked.digest_matches {
                problems.push(Msg::new("tệp đã bị sửa sau khi ký (mã băm không khớp)", "the file was changed after signing (digest mismatch)"));
            }
            match &checked.signature {
                cms::SignatureCheck::Valid => {}
                cms::SignatureCheck::Invalid => {
                    problems.push(Msg::new("chữ ký không khớp với chứng thư số đi kèm", "the signature does not verify with its certificate"))
                }
                cms::SignatureCheck::Unsupported(alg) => {
                    problems.push(Msg::new(
                        format!("thuật toán chữ ký {alg} chưa được hỗ trợ để kiểm tra; hãy kiểm tra chữ ký này bằng phần mềm ký số của cơ quan"),
                        format!("the signature algorithm {alg} is not supported for checking; check this signature with the office's signing software"),
                    ));
                }
            }
            let rest = gap_ok && checked.digest_matches && report.revision.is_some() && stray == 0;
            report.valid = rest && checked.signature == cms::SignatureCheck::Valid;
            if let (true, cms::SignatureCheck::Unsupported(alg)) = (rest, &checked.signature) {
                report.unchecked = Some(alg.clone());
            }
        }
        Err(e) => problems.push(Msg::new(format!("không đọc được giá trị chữ ký ({e})"), e)),
    }
    report.problems = problems;
    report
}
