//! Digital signatures (chữ ký số) the way NĐ 30/2020/NĐ-CP places them.
//!
//! - [`fields`]: which signature fields a document has and where the layout
//!   put them (read from typst's introspector, never from the PDF's text);
//! - [`form`]: those fields appended, empty, to typst's PDF
//!   (`render --signature-fields`), with the `<stem>.sig.json` sidecar;
//! - [`credential`]: the signer's PKCS#12 file (certificate and RSA key);
//! - [`cms`]: the PAdES baseline B-B signature (CMS SignedData, detached);
//! - [`appearance`]: what a signed field shows (name, time, optional image,
//!   its white background made transparent);
//! - [`signer`]: `vanban sign`, one field at a time, as an incremental update;
//! - [`verify`]: `vanban verify`, every field and whether its signature holds.
//!
//! Every change to a PDF is an incremental update ([`incremental`]): the bytes
//! before it stay as they were, so a signature made earlier stays valid.

pub mod appearance;
mod ber;
pub mod cms;
pub mod credential;
pub mod fields;
pub mod form;
pub mod incremental;
pub mod signer;
pub mod verify;

use crate::check::Lang;
use crate::diag::Msg;

/// Does the PDF at `path` hold a signature: a signature field with a value?
/// A PDF that vanban renders has none, not even with `--signature-fields`; a
/// missing, unreadable or broken file has none. (The bytes "/ByteRange" alone
/// prove nothing: a title may contain them.)
pub fn holds_signature(path: &std::path::Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else { return false };
    if !bytes.windows(b"/ByteRange".len()).any(|w| w == b"/ByteRange") {
        return false;
    }
    let Ok(doc) = lopdf::Document::load_mem(&bytes) else { return false };
    signer::signature_fields(&doc).iter().any(|f| f.value.is_some())
}

/// A name from a certificate (its common name), fit to print on a terminal
/// and in a signature's appearance: the certificate is the signer's, not
/// ours, and a control character or a bidirectional override in it
/// ("ESC[8m", U+202E) could hide or reverse what `verify` prints after it.
/// Each such character becomes U+FFFD; the rest is kept, in NFC.
pub fn printable_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let is_hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    };
    name.nfc().map(|c| if is_hidden(c) { '\u{FFFD}' } else { c }).collect::<String>().trim().to_owned()
}

/// Why signing (or reading a PDF's fields) failed, in the user's terms.
#[derive(Debug, Clone, PartialEq)]
pub enum SignError {
    /// The file could not be read.
    Read { path: String, reason: String },
    /// Not a PDF lopdf can read.
    NotPdf { path: String, reason: String },
    /// Bytes after the file's last `%%EOF` that belong to no revision: the
    /// file was cut inside a later revision (a copy stopped half-way) or had
    /// bytes glued to its end. Read as it stands, it would look like an
    /// earlier, unsigned document.
    Truncated { path: String, stray: usize },
    /// The PDF is encrypted (its trailer has /Encrypt): an update appended to
    /// it would have to be encrypted too, and vanban's is not.
    Encrypted { path: String },
    /// An earlier revision is encrypted and a later one dropped /Encrypt: a
    /// tool appended to it without encrypting, the pages no longer read.
    EncryptionDropped { path: String, revision: usize },
    /// The PDF has no signature field at all.
    NoFields { path: String },
    /// `--field` names no field of the file.
    UnknownField { path: String, name: String, available: Vec<String> },
    /// The field already holds a signature.
    AlreadySigned { path: String, name: String },
    /// Every field is signed.
    AllSigned { path: String },
    /// The body's field (`CoQuan`) while a person's is unsigned: the văn thư
    /// signs only what the signer has signed (NĐ 30, Điều 32.2.c–d).
    SealBeforeSigners { path: String, waiting: Vec<String> },
    /// A person's field after the body's was signed: the order is broken.
    SignerAfterSeal { path: String, name: String },
    /// An earlier signature does not hold: signing over it would issue a
    /// changed document.
    EarlierInvalid { path: String, name: String, reasons: Vec<Msg> },
    /// An earlier signature is in an algorithm vanban cannot check (ECDSA):
    /// it may hold, but vanban cannot tell, so it does not sign over it.
    EarlierUnchecked { path: String, name: String, algorithm: String },
    /// Bytes after the newest signature's revision that no signature covers.
    ChangedAfterSigning { path: String, name: String },
    /// No password: `VANBAN_P12_PASSWORD` unset and no terminal to ask on.
    NoPassword,
    /// The PKCS#12 password is wrong (its MAC or decryption fails).
    WrongPassword { path: String },
    /// The PKCS#12 file is not one (or uses something unsupported).
    BadP12 { path: String, reason: Msg },
    /// The PKCS#12 file holds certificates but no private key.
    NoPrivateKey { path: String },
    /// The certificate's key usage allows neither digitalSignature nor
    /// nonRepudiation (e.g. an encryption-only certificate).
    NotForSigning { path: String, subject: String },
    /// The key is not RSA.
    UnsupportedKey { path: String, algorithm: String },
    /// The certificate's validity ended before the signing time.
    Expired { path: String, subject: String, not_after: String },
    /// The certificate's validity starts after the signing time.
    NotYetValid { path: String, subject: String, not_before: String },
    /// The image given with `--image` cannot be used.
    Image { path: String, reason: Msg },
    /// Writing the output failed.
    Write { path: String, reason: String },
    /// The output would replace the input without `-o` saying so.
    WouldOverwrite { path: String },
    /// The output exists and is not the input: it may be an earlier signed
    /// copy, which must not be lost.
    OutputExists { path: String, input: String },
    /// `-o` names a folder.
    OutputIsFolder { path: String },
    /// `-o` names the input, and the input is read-only.
    ReadOnly { path: String },
    /// The input was written by someone else while it was being signed.
    ChangedWhileSigning { path: String },
    /// `--so` or `--ngay` with a person's field: they are the văn thư's, who
    /// fills them when signing `CoQuan` (ký phát hành).
    IssueNotSeal { path: String, field: String },
    /// `--so` (`number: true`) or `--ngay` for a document that prints it
    /// already (or whose blank was filled): nowhere to write it.
    /// `filled`: the number's field was filled before (its value).
    NoBlank { path: String, number: bool, filled: Option<String> },
    /// `--ngay` is not a date.
    BadIssueDate { text: String },
    /// `--so` is not a number from 1 to 999 999.
    BadIssueNumber { text: String },
    /// `--ngay` after the signing day: the seal would be older than the date
    /// it issues.
    IssueDateFuture { date: String, today: String },
    /// The issue date disagrees with the year (or month) the date line prints.
    IssueDateMismatch { path: String, printed: String, date: String, given: bool },
    /// A defect of vanban itself.
    Internal(String),
}

impl SignError {
    /// The message in the user's language.
    pub fn render(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Self::Read { path, reason } => {
                if vi { format!("{path}: không đọc được tệp: {reason}") } else { format!("{path}: cannot read the file: {reason}") }
            }
            Self::NotPdf { path, reason } => {
                // The reader's reason ("couldn't parse input") is English and says
                // no more than this.
                if vi { format!("{path}: không phải tệp PDF, hoặc tệp PDF bị hỏng; chọn tệp .pdf do vanban render làm ra") } else { format!("{path}: not a readable PDF ({reason})") }
            }
            Self::Truncated { path, stray } => {
                if vi {
                    format!("{path}: tệp PDF bị hỏng: sau %%EOF cuối cùng có {stray} byte không thuộc lần sửa nào (tệp bị cắt khi chép, hoặc bị nối thêm); lấy lại bản đầy đủ của tệp")
                } else {
                    format!("{path}: damaged PDF: {stray} bytes after the last %%EOF belong to no revision (the file was cut while copying, or had bytes appended); get the whole file again")
                }
            }
            Self::NoFields { path } => {
                if vi {
                    format!("{path}: tệp không có ô chữ ký số nào; dựng lại với: vanban render … --signature-fields")
                } else {
                    format!("{path}: the file has no signature field; render it with: vanban render … --signature-fields")
                }
            }
            Self::Encrypted { path } => {
                if vi {
                    format!("{path}: tệp PDF được mã hóa (đặt mật khẩu hoặc giới hạn quyền); ký thêm vào sẽ làm hỏng tệp. Hãy xin bản PDF không đặt mật khẩu, hoặc dựng lại bằng: vanban render … --signature-fields")
                } else {
                    format!("{path}: the PDF is encrypted (a password or restricted permissions); signing it would damage it. Ask for the file without a password, or render it again with: vanban render … --signature-fields")
                }
            }
            Self::EncryptionDropped { path, revision } => {
                if vi {
                    format!("{path}: tệp gốc được mã hóa nhưng lần sửa {revision} bỏ mất phần mã hóa (/Encrypt): tệp đã hỏng, nội dung trang không đọc được; hãy lấy lại bản PDF gốc không đặt mật khẩu")
                } else {
                    format!("{path}: the original is encrypted but revision {revision} dropped the encryption (/Encrypt): the file is damaged, its pages no longer read; get the original PDF without a password back")
                }
            }
            Self::UnknownField { path, name, available } => {
                let list = available.join(", ");
                if vi {
                    format!("{path}: không có ô chữ ký \"{name}\"; các ô có trong tệp: {list}")
                } else {
                    format!("{path}: no signature field \"{name}\"; the file's fields: {list}")
                }
            }
            Self::AlreadySigned { path, name } => {
                if vi {
                    format!("{path}: ô chữ ký \"{name}\" đã được ký; chọn ô khác bằng --field")
                } else {
                    format!("{path}: the field \"{name}\" is already signed; choose another with --field")
                }
            }
            Self::AllSigned { path } => {
                if vi {
                    format!("{path}: mọi ô chữ ký trong tệp đều đã được ký; không còn gì để ký (xem bằng: vanban verify {path})")
                } else {
                    format!("{path}: every signature field of the file is already signed; nothing is left to sign (see: vanban verify {path})")
                }
            }
            Self::SealBeforeSigners { path, waiting } => {
                let (list, who_vi, who_en) = (waiting.join(", "), roles(waiting, true), roles(waiting, false));
                let first = waiting.first().map(String::as_str).unwrap_or_default();
                if vi {
                    format!(
                        "{path}: chưa ký được ô {seal} (chữ ký số của cơ quan): ô {list} chưa được ký. {who_vi} ký trước, văn thư ký sau (Điều 32 Nghị định 30/2020/NĐ-CP): vanban sign {path} --p12 <chứng thư của người ký> --field {first}",
                        seal = fields::SEAL_FIELD
                    )
                } else {
                    format!(
                        "{path}: the field {seal} (the body's signature) cannot be signed yet: {list} is not signed. The {who_en} must sign first, the văn thư after (Article 32, Decree 30/2020/NĐ-CP): vanban sign {path} --p12 <the signer's certificate> --field {first}",
                        seal = fields::SEAL_FIELD
                    )
                }
            }
            Self::SignerAfterSeal { path, name } => {
                let seal = fields::SEAL_FIELD;
                if vi {
                    format!("{path}: ô {seal} (chữ ký số của cơ quan) đã được ký trước ô {name}: sai thứ tự ký (Điều 32 Nghị định 30/2020/NĐ-CP); hãy ký lại từ bản chưa ký, người có thẩm quyền ký trước, văn thư ký sau")
                } else {
                    format!("{path}: the field {seal} (the body's signature) was signed before {name}: the signing order is wrong (Article 32, Decree 30/2020/NĐ-CP); sign again from the unsigned file, the signer first, the văn thư after")
                }
            }
            Self::EarlierInvalid { path, name, reasons } => {
                let why = reasons.iter().map(|m| m.get(lang)).collect::<Vec<_>>().join("; ");
                if vi {
                    format!("{path}: chữ ký ở ô {name} không còn hợp lệ ({why}): tệp đã bị thay đổi sau khi ký; không ký tiếp lên tệp này, hãy lấy lại bản đã ký gốc")
                } else {
                    format!("{path}: the signature in {name} no longer holds ({why}): the file was changed after signing; do not sign over it, get the original signed file back")
                }
            }
            Self::EarlierUnchecked { path, name, algorithm } => {
                if vi {
                    format!("{path}: không kiểm tra được chữ ký ở ô {name}: thuật toán chữ ký {algorithm} chưa được hỗ trợ để kiểm tra; vanban không ký tiếp lên chữ ký chưa kiểm tra được. Hãy ký ô này bằng phần mềm ký số của cơ quan")
                } else {
                    format!("{path}: cannot check the signature in {name}: the signature algorithm {algorithm} is not supported for checking; vanban does not sign over a signature it cannot check. Sign this field with the office's signing software")
                }
            }
            Self::ChangedAfterSigning { path, name } => {
                if vi {
                    format!("{path}: tệp đã bị thay đổi sau chữ ký ở ô {name} (có phần thêm vào sau đó mà không chữ ký nào phủ); không ký tiếp lên tệp này, hãy lấy lại bản đã ký gốc")
                } else {
                    format!("{path}: the file was changed after the signature in {name} (bytes were appended that no signature covers); do not sign over it, get the original signed file back")
                }
            }
            Self::NoPassword => t(
                vi,
                "cần mật khẩu của tệp .p12: đặt biến môi trường VANBAN_P12_PASSWORD, hoặc chạy trong cửa sổ lệnh để nhập",
                "the .p12 password is needed: set VANBAN_P12_PASSWORD, or run in a terminal to type it",
            ),
            Self::WrongPassword { path } => {
                if vi { format!("{path}: sai mật khẩu của tệp chứng thư số") } else { format!("{path}: wrong password for the certificate file") }
            }
            Self::BadP12 { path, reason } => {
                if vi {
                    format!("{path}: không phải tệp chứng thư số PKCS#12 (.p12/.pfx) dùng được: {}; chọn tệp .p12/.pfx có chứng thư và khóa bí mật của người ký", reason.vi)
                } else {
                    format!("{path}: not a usable PKCS#12 (.p12/.pfx) certificate file: {}; choose the .p12/.pfx holding the signer's certificate and private key", reason.en)
                }
            }
            Self::NotForSigning { path, subject } => {
                if vi {
                    format!("{path}: chứng thư số của \"{subject}\" không dùng để ký (thiếu mục đích digitalSignature/nonRepudiation trong Key Usage); dùng chứng thư ký số do nhà cung cấp cấp cho việc ký")
                } else {
                    format!("{path}: the certificate of \"{subject}\" is not for signing (its Key Usage has neither digitalSignature nor nonRepudiation); use a signing certificate")
                }
            }
            Self::NoPrivateKey { path } => {
                if vi {
                    format!("{path}: tệp chỉ có chứng thư, không có khóa bí mật để ký; xuất lại tệp .p12 kèm khóa bí mật")
                } else {
                    format!("{path}: the file holds certificates but no private key to sign with; export the .p12 again with its private key")
                }
            }
            Self::UnsupportedKey { path, algorithm } => {
                if vi {
                    format!("{path}: khóa bí mật loại {algorithm} chưa được hỗ trợ; vanban ký bằng khóa RSA")
                } else {
                    format!("{path}: a {algorithm} private key is not supported; vanban signs with RSA keys")
                }
            }
            Self::Expired { path, subject, not_after } => {
                if vi {
                    format!("{path}: chứng thư số của \"{subject}\" đã hết hạn ngày {not_after}; hãy gia hạn hoặc dùng chứng thư khác")
                } else {
                    format!("{path}: the certificate of \"{subject}\" expired on {not_after}; renew it or use another")
                }
            }
            Self::NotYetValid { path, subject, not_before } => {
                if vi {
                    format!("{path}: chứng thư số của \"{subject}\" chỉ có hiệu lực từ {not_before}")
                } else {
                    format!("{path}: the certificate of \"{subject}\" is valid only from {not_before}")
                }
            }
            Self::Image { path, reason } => {
                if vi { format!("{path}: không dùng được ảnh: {}", reason.vi) } else { format!("{path}: cannot use the image: {}", reason.en) }
            }
            Self::Write { path, reason } => {
                if vi { format!("{path}: không ghi được: {reason}") } else { format!("{path}: cannot write: {reason}") }
            }
            Self::WouldOverwrite { path } => {
                if vi {
                    format!("{path}: tệp ra trùng tệp vào; chỉ ghi đè khi chỉ rõ bằng -o")
                } else {
                    format!("{path}: the output is the input; it is only overwritten when -o says so")
                }
            }
            Self::OutputExists { path, input } => {
                if vi {
                    format!("{path}: tệp đã có (có thể là bản đã ký trước đó), vanban không ghi đè. Để ký tiếp bản đó: vanban sign {path} --p12 …; để ký lại {input}: ghi ra tên khác bằng -o TÊN-KHÁC.pdf, hoặc đổi tên/xóa tệp cũ nếu không cần")
                } else {
                    format!("{path}: the file exists (perhaps a copy signed earlier); vanban does not overwrite it. To sign that copy further: vanban sign {path} --p12 …; to sign {input} again: write elsewhere with -o OTHER.pdf, or rename/remove the old file if it is not needed")
                }
            }
            Self::OutputIsFolder { path } => {
                if vi {
                    format!("{path}: là một thư mục; -o cần tên tệp PDF, ví dụ -o {}", std::path::Path::new(path).join("ten-tep.pdf").display())
                } else {
                    format!("{path}: is a folder; -o takes a PDF file name, e.g. -o {}", std::path::Path::new(path).join("name.pdf").display())
                }
            }
            Self::ReadOnly { path } => {
                if vi {
                    format!("{path}: tệp chỉ đọc, vanban không ký đè lên nó; ghi bản đã ký ra tên khác bằng -o TÊN-KHÁC.pdf, hoặc bỏ thuộc tính chỉ đọc nếu muốn ký ngay vào tệp này")
                } else {
                    format!("{path}: the file is read-only, vanban does not sign over it; write the signed copy elsewhere with -o OTHER.pdf, or clear the read-only flag to sign this file in place")
                }
            }
            Self::ChangedWhileSigning { path } => {
                if vi {
                    format!("{path}: tệp bị một chương trình khác ghi trong lúc đang ký (có thể là một lần ký khác cùng lúc); vanban không ghi đè, hãy kiểm tra tệp bằng vanban verify rồi ký lại")
                } else {
                    format!("{path}: another program wrote the file while it was being signed (perhaps another signing at the same time); vanban did not overwrite it: check it with vanban verify and sign again")
                }
            }
            Self::IssueNotSeal { path, field } => {
                if vi {
                    format!("{path}: --so và --ngay là phần của văn thư khi ký phát hành (ô {seal}), không dùng khi ký ô {field}; bỏ chúng ra ở bước này", seal = fields::SEAL_FIELD)
                } else {
                    format!("{path}: --so and --ngay are the văn thư's, given when issuing (the field {seal}), not when signing {field}; leave them out at this step", seal = fields::SEAL_FIELD)
                }
            }
            Self::NoBlank { path, number: true, filled: Some(value) } => {
                if vi {
                    format!("{path}: số văn bản đã được ghi ({value}); không ghi lại được, bỏ --so")
                } else {
                    format!("{path}: the number was written already ({value}); it cannot be written again, leave --so out")
                }
            }
            Self::NoBlank { path, number: true, filled: None } => {
                if vi {
                    format!("{path}: tệp không có ô để ghi số: văn bản đã in số, hoặc tệp được dựng khi vanban chưa ghi được số; nếu số còn trống, dựng lại bằng vanban render … --signature-fields rồi ký lại, hoặc bỏ --so")
                } else {
                    format!("{path}: the file has no field for the number: the document prints its number, or the file was made before vanban could write it in; if the number is blank, render it again with vanban render … --signature-fields and sign again, or leave --so out")
                }
            }
            Self::NoBlank { path, number: false, .. } => {
                if vi {
                    format!("{path}: văn bản không có chỗ trống ngày tháng để ghi --ngay (đã in đủ ngày tháng, hoặc không in dòng địa danh, ngày tháng); bỏ --ngay")
                } else {
                    format!("{path}: the document has no blank day or month for --ngay (it prints its whole date, or prints no date line); leave --ngay out")
                }
            }
            Self::BadIssueDate { text } => {
                if vi {
                    format!("--ngay \"{text}\": không phải ngày có thật; viết ngày/tháng/năm, ví dụ --ngay 15/06/2024")
                } else {
                    format!("--ngay \"{text}\": not a real date; write day/month/year, e.g. --ngay 15/06/2024")
                }
            }
            Self::BadIssueNumber { text } => {
                if vi {
                    format!("--so \"{text}\": số văn bản là một số từ 1 đến 999999 (chỉ chữ số, ví dụ --so 15)")
                } else {
                    format!("--so \"{text}\": the number is a number from 1 to 999999 (digits only, e.g. --so 15)")
                }
            }
            Self::IssueDateFuture { date, today } => {
                if vi {
                    format!("--ngay {date} là ngày sau hôm nay ({today}): văn bản được ban hành khi văn thư ký, không ghi ngày ban hành về sau")
                } else {
                    format!("--ngay {date} is after today ({today}): a document is issued when the văn thư signs it, not at a later date")
                }
            }
            Self::IssueDateMismatch { path, printed, date, given } => {
                let (src_vi, src_en) = if *given { ("ngày ghi ở --ngay", "the date given with --ngay") } else { ("hôm nay", "today") };
                if vi {
                    format!("{path}: văn bản in sẵn \"{printed}\" nhưng {src_vi} là {date}; ghi ngày ban hành đúng với văn bản bằng --ngay ngày/tháng/năm, hoặc sửa ngày trong tệp YAML rồi dựng lại")
                } else {
                    format!("{path}: the document prints \"{printed}\" but {src_en} is {date}; give an issue date that agrees with it with --ngay day/month/year, or correct the date in the YAML and render again")
                }
            }
            Self::Internal(m) => if vi { format!("lỗi nội bộ: {m}") } else { format!("internal error: {m}") },
        }
    }
}

/// Who signs the person fields vanban makes, for a message.
fn roles(fields: &[String], vi: bool) -> String {
    let role = |f: &str| match (f, vi) {
        ("NguoiKy", true) => "Người có thẩm quyền",
        ("NguoiKy", false) => "competent signer",
        ("ThuKy", true) => "Thư ký",
        ("ThuKy", false) => "secretary (thư ký)",
        ("ChuToa", true) => "Chủ tọa",
        ("ChuToa", false) => "chair (chủ tọa)",
        (_, true) => "Người ký",
        (_, false) => "signer",
    };
    let mut names: Vec<&str> = fields.iter().map(|f| role(f)).collect();
    names.dedup();
    names.join(if vi { ", " } else { " and " })
}

fn t(vi: bool, a: &str, b: &str) -> String {
    if vi { a.to_owned() } else { b.to_owned() }
}

/// A moment as Vietnam writes it: seconds since 1970 (UTC) shown at +07:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VnTime {
    pub unix: i64,
}

impl VnTime {
    pub const OFFSET_SECS: i64 = 7 * 3600;

    pub fn now() -> Self {
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        VnTime { unix }
    }

    /// (year, month, day, hour, minute, second) at +07:00.
    pub fn civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let local = self.unix + Self::OFFSET_SECS;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, (secs / 3600) as u32, (secs % 3600 / 60) as u32, (secs % 60) as u32)
    }

    /// A PDF date: `D:20261202213015+07'00'`.
    pub fn pdf_date(self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}+07'00'")
    }

    /// As shown to a reader: `02/12/2026 21:30:15 +07:00` (ngày/tháng/năm; giờ:phút:giây).
    pub fn display(self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        format!("{d:02}/{mo:02}/{y:04} {h:02}:{mi:02}:{s:02} +07:00")
    }

    /// Parses a PDF date (`D:YYYYMMDDHHmmSS` with an optional `+HH'mm'`, `-…`
    /// or `Z`), as written in a signature's /M.
    pub fn from_pdf_date(s: &str) -> Option<Self> {
        let s = s.strip_prefix("D:").unwrap_or(s);
        let digits = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<i64>().ok());
        let (y, mo, d) = (digits(0..4)?, digits(4..6).unwrap_or(1), digits(6..8).unwrap_or(1));
        let (h, mi, sec) = (digits(8..10).unwrap_or(0), digits(10..12).unwrap_or(0), digits(12..14).unwrap_or(0));
        let mut offset = 0;
        if let Some(sign) = s.get(14..15) {
            if sign == "+" || sign == "-" {
                let oh = digits(15..17).unwrap_or(0);
                let om = s.get(18..20).and_then(|x| x.parse::<i64>().ok()).unwrap_or(0);
                offset = (oh * 3600 + om * 60) * if sign == "-" { -1 } else { 1 };
            }
        }
        let days = days_from_civil(y, mo as u32, d as u32);
        Some(VnTime { unix: days * 86_400 + h * 3600 + mi * 60 + sec - offset })
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnam_time() {
        // 2026-12-02T14:30:15Z is 21:30:15 in Hà Nội.
        let t = VnTime { unix: 1_796_221_815 };
        assert_eq!(t.pdf_date(), "D:20261202213015+07'00'");
        assert_eq!(t.display(), "02/12/2026 21:30:15 +07:00");
        assert_eq!(VnTime::from_pdf_date(&t.pdf_date()), Some(t));
        assert_eq!(VnTime::from_pdf_date("D:20261202143015Z"), Some(t));
        // Past midnight UTC+7 on New Year's Eve UTC.
        let ny = VnTime { unix: 1_798_736_400 }; // 2026-12-31T17:00:00Z
        assert_eq!(ny.display(), "01/01/2027 00:00:00 +07:00");
    }
}
