//! Signing-ready PDFs (`render --signature-fields`), `vanban sign` and
//! `vanban verify` (issue 14; shared/spec/nd30-types.md §11).
//!
//! The certificates are throwaway ones made here: an RSA key, a self-signed
//! certificate, a .p12 written by p12-keystore (PBES2/AES, HMAC-SHA256), so the
//! tests need no tool. Tests that ask poppler (pdfsig, pdffonts, pdfinfo,
//! pdftotext) or LibreOffice are tool-gated; the PDF's words are read in Rust.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use der::{Decode, Encode};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use vanban::sign::signer::signature_fields;
use vanban::sign::verify::verify;

const MM: f64 = 72.0 / 25.4;
const MARGIN_LEFT: f64 = 30.0 * MM;
const PASSWORD: &str = "mật-khẩu thử";

// ---------------------------------------------------------------------------
// Throwaway certificates
// ---------------------------------------------------------------------------

/// A self-signed end-entity certificate, with no extension or with a key usage.
struct SelfSigned(x509_cert::name::Name, Option<x509_cert::ext::pkix::KeyUsage>);

impl x509_cert::builder::profile::BuilderProfile for SelfSigned {
    fn get_issuer(&self, subject: &x509_cert::name::Name) -> x509_cert::name::Name {
        subject.clone()
    }
    fn get_subject(&self) -> x509_cert::name::Name {
        self.0.clone()
    }
    fn build_extensions(
        &self,
        _: spki::SubjectPublicKeyInfoRef<'_>,
        _: spki::SubjectPublicKeyInfoRef<'_>,
        _: &x509_cert::TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<x509_cert::ext::Extension>> {
        use der::oid::AssociatedOid;
        Ok(self
            .1
            .iter()
            .map(|usage| x509_cert::ext::Extension {
                extn_id: x509_cert::ext::pkix::KeyUsage::OID,
                critical: true,
                extn_value: der::asn1::OctetString::new(usage.to_der().unwrap()).unwrap(),
            })
            .collect())
    }
}

fn key() -> &'static rsa::PrivateKey {
    static KEY: OnceLock<rsa::PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| <rsa::PrivateKey as rsa::Generate>::generate())
}

/// A certificate for `cn`, valid from `from` for `days`, DER.
fn certificate(cn: &str, from: SystemTime, days: u64) -> Vec<u8> {
    certificate_with(cn, from, days, None)
}

/// The same, with a key usage extension.
fn certificate_with(cn: &str, from: SystemTime, days: u64, usage: Option<x509_cert::ext::pkix::KeyUsage>) -> Vec<u8> {
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder};
    // RFC 4514: a comma inside a value is escaped (a body's long name has them).
    let cn = cn.replace(',', "\\,");
    let name = x509_cert::name::Name::from_str(&format!("CN={cn},O=UBND xã Thử nghiệm,C=VN")).expect("name");
    let validity = x509_cert::time::Validity::new(
        x509_cert::time::Time::try_from(from).unwrap(),
        x509_cert::time::Time::try_from(from + Duration::from_secs(days * 86_400)).unwrap(),
    );
    let spki_der = rsa::PublicKey::from(key()).to_public_key_der().unwrap();
    let spki = spki::SubjectPublicKeyInfoOwned::from_der(spki_der.as_bytes()).unwrap();
    let serial = x509_cert::serial_number::SerialNumber::from(42u32);
    let builder = CertificateBuilder::new(SelfSigned(name, usage), serial, validity, spki).expect("builder");
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key().clone());
    let cert = builder.build::<_, rsa::pkcs1v15::Signature>(&signer).expect("certificate");
    cert.to_der().unwrap()
}

/// A .p12 holding `cert` and, if `with_key`, its private key.
fn p12(cert: &[u8], with_key: bool) -> Vec<u8> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let mut store = KeyStore::new();
    let cert = Certificate::from_der(cert).expect("p12 certificate");
    if with_key {
        let key = PrivateKey::from_der(key().to_pkcs8_der().unwrap().as_bytes()).expect("p12 key");
        store.add_entry("signer", KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(vec![1u8, 2, 3, 4], key, [cert])));
    } else {
        store.add_entry("signer", KeyStoreEntry::Certificate(cert));
    }
    store.writer(PASSWORD).write().expect("write p12")
}

fn days_ago(n: u64) -> SystemTime {
    SystemTime::now() - Duration::from_secs(n * 86_400)
}

/// The usual throwaway credential: valid from yesterday for a year.
fn p12_file(dir: &Path, name: &str, cn: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, p12(&certificate(cn, days_ago(1), 365), true)).unwrap();
    path
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/// A report with a signer's name (the `new` template).
fn named_report() -> PathBuf {
    common::repo().join("content/mau/bao-cao.yaml")
}

const QUYET_DINH: &str = r#"
loai: quyet_dinh
co_quan:
  chu_quan: ["UBND HUYỆN HOẰNG HÓA"]
  ten: ["ỦY BAN NHÂN DÂN", "XÃ HOẰNG LỘC"]
  viet_tat: UBND
so: 12
dia_danh: Hoằng Lộc
ngay: { ngay: 9, thang: 3, nam: 2024 }
trich_yeu: ["Về việc thành lập Tổ công tác chuyển đổi số"]
tham_quyen: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"]
can_cu: ["Theo đề nghị của Văn phòng HĐND và UBND xã."]
dieu:
  - noi_dung: "Thành lập Tổ công tác chuyển đổi số của xã."
  - noi_dung: "Quyết định này có hiệu lực kể từ ngày ký."
  - noi_dung: "Văn phòng HĐND và UBND xã chịu trách nhiệm thi hành Quyết định này."
noi_nhan: ["Như Điều 3;", "Lưu: VT."]
nguoi_ky:
  tm: ủy ban nhân dân
  chuc_vu: CHỦ TỊCH
  ho_ten: Trần Thị Hòa
"#;

struct WithFields {
    /// Keeps the output folder alive.
    _dir: tempfile::TempDir,
    pdf: Vec<u8>,
    plain: Vec<u8>,
    sidecar: serde_json::Value,
}


/// Renders `yaml` with and without `--signature-fields`.
fn render_both(yaml: &Path) -> WithFields {
    let dir = tempfile::tempdir().unwrap();
    let run = |sub: &str, extra: &[&str]| {
        let out = dir.path().join(sub);
        let mut args: Vec<&OsStr> = vec![OsStr::new("render"), yaml.as_os_str(), OsStr::new("-o"), out.as_os_str(), OsStr::new("--format"), OsStr::new("pdf")];
        args.extend(extra.iter().map(OsStr::new));
        let o = common::vanban(&args);
        assert!(o.status.success(), "render failed: {}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let f = run("f", &["--signature-fields"]);
    let p = run("p", &[]);
    let stem = yaml.file_stem().unwrap().to_string_lossy().into_owned();
    let pdf = std::fs::read(f.join(format!("{stem}.pdf"))).unwrap();
    let plain = std::fs::read(p.join(format!("{stem}.pdf"))).unwrap();
    let sidecar = serde_json::from_slice(&std::fs::read(f.join(format!("{stem}.sig.json"))).expect("the .sig.json sidecar")).unwrap();
    assert!(!p.join(format!("{stem}.sig.json")).exists(), "no sidecar without --signature-fields");
    WithFields { _dir: dir, pdf, plain, sidecar }
}

fn render_yaml(text: &str, name: &str) -> (tempfile::TempDir, WithFields) {
    let src = tempfile::tempdir().unwrap();
    let yaml = src.path().join(name);
    std::fs::write(&yaml, text).unwrap();
    let w = render_both(&yaml);
    (src, w)
}

fn seed() -> &'static WithFields {
    static SEED: OnceLock<WithFields> = OnceLock::new();
    SEED.get_or_init(|| render_both(&common::seed_yaml()))
}

fn named() -> &'static WithFields {
    static NAMED: OnceLock<WithFields> = OnceLock::new();
    NAMED.get_or_init(|| render_both(&named_report()))
}

// ---------------------------------------------------------------------------
// Fields: names, dictionaries, rectangles
// ---------------------------------------------------------------------------

fn approx(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Checks the fields of one rendered report; returns the signer's rectangle.
fn check_fields(w: &WithFields, what: &str) -> [f64; 4] {
    // The original PDF is an exact prefix: the fields are an incremental update.
    assert!(w.pdf.len() > w.plain.len() && w.pdf.starts_with(&w.plain), "{what}: the PDF with fields does not start with the plain PDF's bytes");

    let doc = lopdf::Document::load_mem(&w.pdf).expect("lopdf reads the PDF");
    let fields = signature_fields(&doc);
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["NguoiKy", "CoQuan"], "{what}: fields in signing order");
    let last_page = doc.get_pages().len();
    for f in &fields {
        assert_eq!(f.page, Some(last_page), "{what}: {} is on the signature page", f.name);
        assert!(f.value.is_none(), "{what}: {} is empty", f.name);
        let d = doc.get_dictionary(f.field_id).unwrap();
        assert_eq!(d.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
        assert_eq!(d.get(b"Subtype").unwrap().as_name().unwrap(), b"Widget");
        assert_eq!(d.get(b"F").unwrap().as_i64().unwrap(), 4, "{what}: {} printable (/F 4)", f.name);
        let ap = d.get(b"AP").unwrap().as_dict().unwrap().get(b"N").unwrap().as_reference().expect("an /AP /N stream");
        let ap = doc.get_object(ap).unwrap().as_stream().unwrap();
        assert_eq!(ap.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"Form");
        assert!(f.name.is_ascii());
    }
    assert_eq!(fields[0].label.as_deref(), Some("Chữ ký số của người có thẩm quyền"));
    assert_eq!(fields[1].label.as_deref(), Some("Chữ ký số của cơ quan, tổ chức (dấu)"));
    let form = doc.catalog().unwrap().get(b"AcroForm").unwrap().as_reference().unwrap();
    let form = doc.get_dictionary(form).unwrap();
    assert!(!form.has(b"NeedAppearances"), "PDF/A forbids /NeedAppearances");
    assert_eq!(form.get(b"SigFlags").unwrap().as_i64().unwrap(), 1);

    let (sig, seal) = (fields[0].rect, fields[1].rect);
    // Sizes from layouts/profile.yaml: 45 × 20 mm, Ø 35 mm.
    assert!(approx(sig[2] - sig[0], 45.0 * MM, 0.05) && approx(sig[3] - sig[1], 20.0 * MM, 0.05), "{what}: signature box {sig:?}");
    assert!(approx(seal[2] - seal[0], 35.0 * MM, 0.05) && approx(seal[3] - seal[1], 35.0 * MM, 0.05), "{what}: seal box {seal:?}");
    // The seal covers the left third of the signature, vertically centred on it.
    assert!(approx(seal[2], sig[0] + 15.0 * MM, 0.05), "{what}: seal's right edge {} vs a third into the signature {}", seal[2], sig[0] + 15.0 * MM);
    assert!(approx((seal[1] + seal[3]) / 2.0, (sig[1] + sig[3]) / 2.0, 0.05), "{what}: seal not centred on the signature");
    // Both inside the signer column (the right 95 mm of the 165 mm text width).
    let column = (MARGIN_LEFT + 70.0 * MM, MARGIN_LEFT + 165.0 * MM);
    for r in [sig, seal] {
        assert!(r[0] >= column.0 - 0.05 && r[2] <= column.1 + 0.05, "{what}: {r:?} outside the signer column {column:?}");
    }
    // The signature is centred in the column.
    assert!(approx((sig[0] + sig[2]) / 2.0, (column.0 + column.1) / 2.0, 0.05), "{what}: signature not centred in the column");

    // The sidecar says the same.
    let side = &w.sidecar;
    assert_eq!(side["signing_order"], serde_json::json!(["NguoiKy", "CoQuan"]));
    assert_eq!(side["origin"], "bottom-left");
    for (i, f) in fields.iter().enumerate() {
        let s = &side["fields"][i];
        assert_eq!(s["name"], f.name.as_str());
        assert_eq!(s["page"], last_page as u64);
        let rect: Vec<f64> = s["rect"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        for k in 0..4 {
            assert!(approx(rect[k], f.rect[k], 0.011), "{what}: sidecar rect {rect:?} vs PDF {:?}", f.rect);
        }
    }
    assert_eq!(side["fields"][0]["kind"], "signer");
    assert_eq!(side["fields"][1]["kind"], "seal");
    assert_eq!(side["fields"][0]["signer"]["title"], "CHỦ TỊCH");
    sig
}

#[test]
fn seed_fields_sit_in_the_signer_column() {
    let w = seed();
    check_fields(w, "seed");
    assert_eq!(w.sidecar["fields"][1]["signer"]["name"], "ỦY BAN NHÂN DÂN THỊ TRẤN BÚT SƠN");
}

#[test]
fn bao_cao_fields_name_the_signer() {
    let w = named();
    check_fields(w, "báo cáo");
    assert_eq!(w.sidecar["fields"][0]["signer"]["name"], "Nguyễn Văn A");
    assert_eq!(w.sidecar["fields"][0]["signer"]["authority"], serde_json::json!(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]));
}

#[test]
fn quyet_dinh_fields() {
    let (_src, w) = render_yaml(QUYET_DINH, "qd.yaml");
    check_fields(&w, "quyết định");
    assert_eq!(w.sidecar["fields"][0]["signer"]["name"], "Trần Thị Hòa");
}

#[test]
fn fields_are_byte_reproducible_and_claim_pdfa_2b() {
    let again = render_both(&common::seed_yaml());
    assert!(again.pdf == seed().pdf, "two renders with --signature-fields differ");
    let tail = String::from_utf8_lossy(&seed().pdf[seed().plain.len()..]).into_owned();
    assert!(tail.contains("<pdfaid:part>2</pdfaid:part>") && tail.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "the update's XMP claims PDF/A-2b");
    assert!(!tail.contains("pdfuaid:part>1"), "the update's XMP no longer claims PDF/UA-1");
    let head = String::from_utf8_lossy(&seed().plain);
    assert!(head.contains("<pdfaid:conformance>A</pdfaid:conformance>"), "the plain PDF keeps PDF/A-2a");
}

// ---------------------------------------------------------------------------
// The gap: the same in the PDF and the DOCX
// ---------------------------------------------------------------------------

#[test]
fn the_docx_leaves_the_profiles_gap_before_the_name() {
    let out = common::render(&named_report(), &["--format", "docx"]);
    let docx = std::fs::File::open(out.file("docx")).unwrap();
    let mut zip = zip::ZipArchive::new(docx).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let name_at = xml.find("Nguyễn Văn A").expect("the name in the DOCX");
    let para = &xml[xml[..name_at].rfind("<w:p>").or_else(|| xml[..name_at].rfind("<w:p ")).unwrap()..name_at];
    let style = para.split("w:pStyle w:val=\"").nth(1).and_then(|s| s.split('"').next()).expect("the name's style");
    // The style (or the paragraph) holds the space before: 28 mm = 1587 twips.
    let twips = (28.0_f64 * 1440.0 / 25.4).round() as i64;
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/styles.xml").unwrap(), &mut styles).unwrap();
    let style_xml = styles.split("<w:style ").find(|s| s.contains(&format!("w:styleId=\"{style}\""))).expect("the name's style definition");
    assert!(style_xml.contains(&format!("w:before=\"{twips}\"")), "the signer-name style does not leave {twips} twips before: {style_xml}");
}

// ---------------------------------------------------------------------------
// Signing and verifying (Rust only)
// ---------------------------------------------------------------------------

fn sign_cli(dir: &Path, pdf: &Path, p12: &Path, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&OsStr> = vec![OsStr::new("--lang"), OsStr::new("en"), OsStr::new("sign"), pdf.as_os_str(), OsStr::new("--p12"), p12.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(&args)
        .current_dir(dir)
        .env("VANBAN_P12_PASSWORD", PASSWORD)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// The seed with fields, signed by the signer then by the body.
struct Signed {
    dir: tempfile::TempDir,
    unsigned: Vec<u8>,
    once: Vec<u8>,
    twice: Vec<u8>,
}

fn signed() -> &'static Signed {
    static SIGNED: OnceLock<Signed> = OnceLock::new();
    SIGNED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("bao-cao.pdf");
        std::fs::write(&pdf, &seed().pdf).unwrap();
        let person = p12_file(dir.path(), "nguoi-ky.p12", "Nguyễn Văn A");
        let body = p12_file(dir.path(), "co-quan.p12", "Ủy ban nhân dân thị trấn Bút Sơn");
        let seal_png = common::repo().join("tests/fixtures/dau-thu.png");
        let o = sign_cli(dir.path(), &pdf, &person, &[]);
        assert!(o.status.success(), "sign 1: {}", String::from_utf8_lossy(&o.stderr));
        let once_path = dir.path().join("bao-cao.signed.pdf");
        let once = std::fs::read(&once_path).expect("default output <stem>.signed.pdf");
        let twice_path = dir.path().join("phat-hanh.pdf");
        let o = sign_cli(dir.path(), &once_path, &body, &["--image", seal_png.to_str().unwrap(), "-o", twice_path.to_str().unwrap()]);
        assert!(o.status.success(), "sign 2: {}", String::from_utf8_lossy(&o.stderr));
        let twice = std::fs::read(&twice_path).unwrap();
        Signed { unsigned: seed().pdf.clone(), once, twice, dir }
    })
}

#[test]
fn signing_appends_and_verifies() {
    let s = signed();
    assert!(s.once.starts_with(&s.unsigned), "the signed file does not keep the unsigned one as its prefix");
    assert!(s.twice.starts_with(&s.once), "the second signature does not keep the first signed file as its prefix");

    let once = verify("once", &s.once).unwrap();
    assert_eq!(once.len(), 2);
    let first = once[0].signature.as_ref().expect("NguoiKy signed first (signing order)");
    assert!(once[1].signature.is_none(), "CoQuan not yet signed");
    assert!(first.valid && first.problems.is_empty(), "{first:?}");
    assert!(first.covers_whole_file && first.revision == Some((3, 3)), "{first:?}");
    assert_eq!(first.signer, "Nguyễn Văn A");
    assert_eq!(first.sub_filter, "ETSI.CAdES.detached");
    assert!(first.time.as_deref().is_some_and(|t| t.ends_with("+07:00")), "{first:?}");

    let twice = verify("twice", &s.twice).unwrap();
    let (a, b) = (twice[0].signature.as_ref().unwrap(), twice[1].signature.as_ref().unwrap());
    assert!(a.valid && !a.covers_whole_file && a.revision == Some((3, 4)), "the first signature stays valid for its revision: {a:?}");
    assert!(b.valid && b.covers_whole_file && b.revision == Some((4, 4)), "{b:?}");
    assert_eq!(b.signer, "Ủy ban nhân dân thị trấn Bút Sơn");

    // The signature dictionary: PAdES B-B, /M at +07:00.
    let doc = lopdf::Document::load_mem(&s.twice).unwrap();
    let fields = signature_fields(&doc);
    for f in &fields {
        let sig = doc.get_dictionary(f.value.unwrap()).unwrap();
        assert_eq!(sig.get(b"Filter").unwrap().as_name().unwrap(), b"Adobe.PPKLite");
        let m = sig.get(b"M").unwrap().as_str().unwrap();
        assert!(m.starts_with(b"D:") && m.ends_with(b"+07'00'"), "{}", String::from_utf8_lossy(m));
        let widget = doc.get_dictionary(f.widget_id).unwrap();
        let ap = widget.get(b"AP").unwrap().as_dict().unwrap().get(b"N").unwrap().as_reference().unwrap();
        let ap = doc.get_object(ap).unwrap().as_stream().unwrap();
        let res = ap.dict.get(b"Resources").unwrap().as_dict().unwrap();
        assert_eq!(res.has(b"XObject"), f.name == "CoQuan", "only CoQuan was given an image");
        // The seal's image stands alone (the_seal_is_drawn_at_its_real_size).
        if f.name == "CoQuan" {
            continue;
        }
        let font = res.get(b"Font").unwrap().as_dict().unwrap().get(b"F1").unwrap().as_reference().unwrap();
        let font = doc.get_dictionary(font).unwrap();
        let cid = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0].as_reference().unwrap();
        let fd = doc.get_dictionary(cid).unwrap().get(b"FontDescriptor").unwrap().as_reference().unwrap();
        assert!(doc.get_dictionary(fd).unwrap().has(b"FontFile2"), "the appearance's font is embedded");
    }
    let form = doc.catalog().unwrap().get(b"AcroForm").unwrap().as_reference().unwrap();
    assert_eq!(doc.get_dictionary(form).unwrap().get(b"SigFlags").unwrap().as_i64().unwrap(), 3);
}

#[test]
fn a_changed_byte_breaks_the_signature() {
    let s = signed();
    let mut bytes = s.once.clone();
    // A byte of the first page's content, inside the signed range.
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    let r = verify("tampered", &bytes);
    let broken = match r {
        Ok(reports) => reports[0].signature.as_ref().map(|s| s.valid),
        Err(_) => Some(false),
    };
    assert_eq!(broken, Some(false), "a changed byte must make the signature invalid");
    // And through the CLI: exit 1.
    let path = s.dir.path().join("tampered.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let o = common::vanban(["verify", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    // Said in Vietnamese, not in the checker's English.
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("KHÔNG HỢP LỆ") && out.contains("tệp đã bị sửa sau khi ký (mã băm không khớp)"), "{out}");
    assert!(!out.contains("digest mismatch"), "{out}");
}

#[test]
fn verify_lists_fields_and_their_state() {
    let s = signed();
    let path = s.dir.path().join("phat-hanh.pdf");
    let o = common::vanban(["--lang", "en", "verify", path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("NguoiKy") && lines[0].contains("VALID") && lines[0].contains("up to revision 3 of 4"), "{out}");
    assert!(lines[1].starts_with("CoQuan") && lines[1].contains("VALID") && lines[1].contains("covers the whole file"), "{out}");
    let unsigned = s.dir.path().join("bao-cao.pdf");
    let o = common::vanban(["--lang", "en", "verify", unsigned.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).matches("not signed").count() == 2);
}

// ---------------------------------------------------------------------------
// Errors: exit 1, a clear message, nothing written
// ---------------------------------------------------------------------------

/// Runs `sign` expecting failure: exit 1, `needle` in stderr, no output file,
/// the input untouched.
fn refuses(p12_bytes: Vec<u8>, pdf: &[u8], extra: &[&str], env_password: Option<&str>, needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("in.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();
    let p12_path = dir.path().join("c.p12");
    std::fs::write(&p12_path, p12_bytes).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(["--lang", "en", "sign"]).arg(&pdf_path).arg("--p12").arg(&p12_path).args(extra).stdin(std::process::Stdio::null()).current_dir(dir.path());
    cmd.env_remove("VANBAN_P12_PASSWORD");
    if let Some(p) = env_password {
        cmd.env("VANBAN_P12_PASSWORD", p);
    }
    let o = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "exit code; stderr: {stderr}");
    assert!(stderr.contains(needle), "stderr does not say \"{needle}\":\n{stderr}");
    let files: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files.len(), 2, "something was written: {files:?}");
    assert_eq!(std::fs::read(&pdf_path).unwrap(), pdf, "the input changed");
}

/// A read-only file is not signed in place: a rename would replace it all
/// the same.
#[test]
fn a_read_only_input_is_not_signed_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("in.pdf");
    std::fs::write(&pdf, &seed().pdf).unwrap();
    let mut perms = std::fs::metadata(&pdf).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&pdf, perms).unwrap();
    let p12 = p12_file(dir.path(), "c.p12", "Nguyễn Văn A");
    let o = sign_cli(dir.path(), &pdf, &p12, &["-o", pdf.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("in.pdf: the file is read-only") && stderr.contains("-o OTHER.pdf"), "{stderr}");
    assert_eq!(std::fs::read(&pdf).unwrap(), seed().pdf, "the read-only input changed");
    // Written elsewhere, it is signed.
    let out = dir.path().join("out.pdf");
    let o = sign_cli(dir.path(), &pdf, &p12, &["-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Two signers at once writing the same default output: one signs, the other
/// is told the file exists. Neither signature is lost in a file that claims
/// both succeeded.
#[test]
fn signings_at_once_to_one_output_never_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bao-cao.pdf");
    std::fs::write(&pdf, &seed().pdf).unwrap();
    let p12 = p12_file(dir.path(), "c.p12", "Nguyễn Văn A");
    let runs: Vec<std::process::Output> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6).map(|_| scope.spawn(|| sign_cli(dir.path(), &pdf, &p12, &[]))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = runs.iter().filter(|o| o.status.success()).count();
    assert_eq!(ok, 1, "{ok} of 6 signings claim to have written bao-cao.signed.pdf");
    for o in runs.iter().filter(|o| !o.status.success()) {
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.code() == Some(1) && stderr.contains("the file exists"), "{stderr}");
    }
    let signed = std::fs::read(dir.path().join("bao-cao.signed.pdf")).unwrap();
    assert!(verify("signed", &signed).unwrap()[0].signature.as_ref().is_some_and(|s| s.valid));
    let left: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left.len(), 3, "temporary files left: {left:?}");
}

fn good_p12() -> Vec<u8> {
    p12(&certificate("Nguyễn Văn A", days_ago(1), 365), true)
}

#[test]
fn wrong_password_is_refused() {
    refuses(good_p12(), &seed().pdf, &[], Some("not the password"), "wrong password");
}

#[test]
fn missing_password_is_refused() {
    refuses(good_p12(), &seed().pdf, &[], None, "VANBAN_P12_PASSWORD");
}

#[test]
fn a_p12_without_private_key_is_refused() {
    let cert_only = p12(&certificate("Nguyễn Văn A", days_ago(1), 365), false);
    refuses(cert_only, &seed().pdf, &[], Some(PASSWORD), "no private key");
}

#[test]
fn an_expired_certificate_is_refused() {
    let expired = p12(&certificate("Nguyễn Văn A", days_ago(400), 30), true);
    // The message names the .p12 (refuses() writes it as c.p12).
    refuses(expired, &seed().pdf, &[], Some(PASSWORD), "c.p12: the certificate of \"Nguyễn Văn A\" expired on");
}

#[test]
fn an_unknown_field_is_refused() {
    refuses(good_p12(), &seed().pdf, &["--field", "ChuToa"], Some(PASSWORD), "no signature field \"ChuToa\"; the file's fields: NguoiKy, CoQuan");
}

#[test]
fn a_signed_field_is_refused() {
    refuses(good_p12(), &signed().once, &["--field", "NguoiKy"], Some(PASSWORD), "already signed");
}

#[test]
fn a_pdf_without_fields_is_refused() {
    refuses(good_p12(), &seed().plain, &[], Some(PASSWORD), "--signature-fields");
}

// ---------------------------------------------------------------------------
// Guards: what must not be signed (review of the sign command)
// ---------------------------------------------------------------------------

/// `pdf` encrypted by lopdf with an owner password and an empty user password
/// (opens without asking, as the reviewer's pikepdf file did).
fn encrypted(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let version = lopdf::EncryptionVersion::V2 { document: &doc, owner_password: "chu", user_password: "", key_length: 128, permissions: lopdf::Permissions::all() };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// An incremental update with no new object: a revision written the way a
/// tool that ignores /Encrypt would write it (its trailer has no /Encrypt).
fn empty_revision(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let update = vanban::sign::incremental::Update::new(&doc, pdf).unwrap();
    update.append_to(pdf).bytes
}

#[test]
fn an_encrypted_pdf_is_refused() {
    let enc = encrypted(&seed().pdf);
    assert!(String::from_utf8_lossy(&enc).contains("/Encrypt"), "the fixture is encrypted");
    // lopdf opens it (empty user password), which is how it slipped through.
    assert!(lopdf::Document::load_mem(&enc).is_ok());
    refuses(good_p12(), &enc, &[], Some(PASSWORD), "in.pdf: the PDF is encrypted");

    // A revision appended without /Encrypt (what signing it used to make):
    // verify says the file is damaged, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("e.pdf");
    std::fs::write(&broken, empty_revision(&enc)).unwrap();
    let o = common::vanban(["--lang", "en", "verify", broken.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("revision 2 dropped the encryption (/Encrypt)"), "{err}");
}

fn field(name: &str, signed: bool) -> vanban::sign::signer::PdfField {
    vanban::sign::signer::PdfField {
        name: name.into(),
        label: None,
        field_id: (1, 0),
        widget_id: (1, 0),
        rect: [0.0; 4],
        page: Some(1),
        value: signed.then_some((2, 0)),
    }
}

#[test]
fn the_body_signs_after_every_person() {
    use vanban::sign::signer::choose;
    use vanban::sign::SignError;
    // The văn thư's field waits for the signer (NĐ 30, Điều 32.2.c–d).
    refuses(good_p12(), &seed().pdf, &["--field", "CoQuan"], Some(PASSWORD), "in.pdf: the field CoQuan (the body's signature) cannot be signed yet: NguoiKy is not signed");
    // A biên bản: both the thư ký and the chủ tọa before the body.
    let bien_ban = [field("ThuKy", true), field("ChuToa", false), field("CoQuan", false)];
    let e = choose("bb.pdf", &bien_ban, Some("CoQuan")).unwrap_err();
    assert_eq!(e, SignError::SealBeforeSigners { path: "bb.pdf".into(), waiting: vec!["ChuToa".into()] });
    assert!(e.render(vanban::check::Lang::Vi).contains("Chủ tọa ký trước, văn thư ký sau"), "{}", e.render(vanban::check::Lang::Vi));
    // Without --field: the next person, even when the form lists CoQuan first.
    let listed_seal_first = [field("CoQuan", false), field("ThuKy", true), field("ChuToa", false)];
    assert_eq!(choose("bb.pdf", &listed_seal_first, None).unwrap().name, "ChuToa");
    // A person never signs after the body.
    let seal_first = [field("NguoiKy", false), field("CoQuan", true)];
    assert_eq!(choose("x.pdf", &seal_first, None).unwrap_err(), SignError::SignerAfterSeal { path: "x.pdf".into(), name: "NguoiKy".into() });
    // verify says so of a file signed the other way round (the names swapped
    // on the fields of a file whose first field is signed).
    let once = &signed().once;
    let doc = lopdf::Document::load_mem(once).unwrap();
    let mut swapped = signature_fields(&doc);
    swapped[0].name = "CoQuan".into();
    swapped[1].name = "NguoiKy".into();
    let r = vanban::sign::verify::reports(&doc, swapped, once);
    let seal = r[0].signature.as_ref().unwrap();
    assert!(seal.problems.iter().any(|m| m.en.starts_with("signed before NguoiKy: wrong signing order")), "{seal:?}");
}

#[test]
fn a_signature_that_no_longer_holds_is_not_signed_over() {
    let once = &signed().once;
    // One byte of the signed range changed (the header's binary comment, so
    // the file still reads).
    let mut tampered = once.clone();
    assert_eq!(&tampered[9..11], b"%\x80");
    tampered[10] ^= 0x01;
    refuses(good_p12(), &tampered, &[], Some(PASSWORD), "in.pdf: the signature in NguoiKy no longer holds");
    // Saved again whole by another tool: the offsets the signature names moved.
    let mut doc = lopdf::Document::load_mem(once).unwrap();
    let mut resaved = Vec::new();
    doc.save_to(&mut resaved).unwrap();
    refuses(good_p12(), &resaved, &[], Some(PASSWORD), "in.pdf: the signature in NguoiKy no longer holds");
    // A revision appended after the signature, signed by no one.
    refuses(good_p12(), &empty_revision(once), &[], Some(PASSWORD), "in.pdf: the file was changed after the signature in NguoiKy");
    // Bytes glued after the last %%EOF.
    let mut junk = once.clone();
    junk.extend_from_slice(b"rac rac rac\n");
    refuses(good_p12(), &junk, &[], Some(PASSWORD), "in.pdf: the signature in NguoiKy no longer holds");
    // And verify calls them a change, not "0 later revisions".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.pdf");
    std::fs::write(&path, &junk).unwrap();
    let o = common::vanban(["--lang", "en", "verify", path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("INVALID") && out.contains("up to revision 3 of 3; then 11 bytes that belong to no revision") && !out.contains("0 later revision"), "{out}");
    // A revision no signature covers (here empty; it could redraw a page):
    // each signature holds for its own revision, the file does not; exit 1.
    let path = dir.path().join("updated.pdf");
    std::fs::write(&path, empty_revision(&signed().twice)).unwrap();
    let o = common::vanban(["--lang", "en", "verify", path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("CoQuan") && out.contains("VALID; covers the file up to revision 4 of 5; 1 later revision(s)"), "{out}");
    assert!(out.contains("CHANGED AFTER THE LAST SIGNATURE: 1 revision(s) after revision 4 of 5 that no signature covers"), "{out}");
    let path = dir.path().join("twice.pdf");
    std::fs::write(&path, &signed().twice).unwrap();
    let o = common::vanban(["--lang", "en", "verify", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(!String::from_utf8_lossy(&o.stdout).contains("CHANGED"));
    // Trailing blanks are no change.
    let mut blank = once.clone();
    blank.extend_from_slice(b"\n\n");
    let r = verify("blank", &blank).unwrap();
    assert!(r[0].signature.as_ref().is_some_and(|s| s.valid && s.covers_whole_file), "{r:?}");
}

#[test]
fn an_existing_output_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bao-cao.pdf");
    std::fs::write(&pdf, &seed().pdf).unwrap();
    let person = p12_file(dir.path(), "nguoi-ky.p12", "Nguyễn Văn A");
    let body = p12_file(dir.path(), "co-quan.p12", "Ủy ban nhân dân thị trấn Bút Sơn");
    let o = sign_cli(dir.path(), &pdf, &person, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let signed_path = dir.path().join("bao-cao.signed.pdf");
    let leader = std::fs::read(&signed_path).unwrap();
    // The văn thư signs the unsigned file by mistake: the leader's copy stays.
    let o = sign_cli(dir.path(), &pdf, &body, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let shown = signed_path.display().to_string();
    assert!(err.contains(&format!("{shown}: the file exists")) && err.contains(&format!("vanban sign {shown} --p12")), "{err}");
    assert_eq!(std::fs::read(&signed_path).unwrap(), leader, "the signed copy was replaced");
    // -o naming another existing file: refused too.
    let other = dir.path().join("other.pdf");
    std::fs::write(&other, b"keep").unwrap();
    let o = sign_cli(dir.path(), &pdf, &body, &["-o", other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&other).unwrap(), b"keep");
    // The flow of the README: the signed copy signed on, to a new name.
    let issued = dir.path().join("bao-cao.phat-hanh.pdf");
    let o = sign_cli(dir.path(), &signed_path, &body, &["-o", issued.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // And in place, when -o names the input.
    let copy = dir.path().join("copy.pdf");
    std::fs::write(&copy, &leader).unwrap();
    let o = sign_cli(dir.path(), &copy, &body, &["-o", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&copy).unwrap().starts_with(&leader));
}

#[test]
fn a_certificate_not_for_signing_is_refused() {
    use x509_cert::ext::pkix::{KeyUsage, KeyUsages};
    let encipher_only = p12(&certificate_with("Nguyễn Văn A", days_ago(1), 365, Some(KeyUsage(KeyUsages::KeyEncipherment.into()))), true);
    refuses(encipher_only, &seed().pdf, &[], Some(PASSWORD), "c.p12: the certificate of \"Nguyễn Văn A\" is not for signing");
    // nonRepudiation alone is a signing certificate.
    let non_repudiation = p12(&certificate_with("Nguyễn Văn A", days_ago(1), 365, Some(KeyUsage(KeyUsages::NonRepudiation.into()))), true);
    let dir = tempfile::tempdir().unwrap();
    let (pdf, cert) = (dir.path().join("a.pdf"), dir.path().join("nr.p12"));
    std::fs::write(&pdf, &seed().pdf).unwrap();
    std::fs::write(&cert, non_repudiation).unwrap();
    let o = sign_cli(dir.path(), &pdf, &cert, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn messages_name_the_file() {
    refuses(good_p12(), &signed().twice, &[], Some(PASSWORD), "in.pdf: every signature field of the file is already signed");
    refuses(good_p12(), &signed().once, &["--field", "NguoiKy"], Some(PASSWORD), "in.pdf: the field \"NguoiKy\" is already signed");
    refuses(good_p12(), &seed().pdf, &["--field", "X"], Some(PASSWORD), "in.pdf: no signature field \"X\"");
    refuses(good_p12(), &seed().pdf, &["-o", "."], Some(PASSWORD), ".: is a folder; -o takes a PDF file name");
    // Not a .p12: said in Vietnamese only, no ASN.1 detail in English.
    let dir = tempfile::tempdir().unwrap();
    let (pdf, fake) = (dir.path().join("a.pdf"), dir.path().join("fake.p12"));
    std::fs::write(&pdf, &seed().pdf).unwrap();
    std::fs::write(&fake, b"this is not a certificate").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["--lang", "vi", "sign"])
        .arg(&pdf)
        .arg("--p12")
        .arg(&fake)
        .env("VANBAN_P12_PASSWORD", PASSWORD)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim(),
        format!("vanban: {}: không phải tệp chứng thư số PKCS#12 (.p12/.pfx) dùng được: nội dung tệp không đúng định dạng PKCS#12; chọn tệp .p12/.pfx có chứng thư và khóa bí mật của người ký", fake.display())
    );
}

// ---------------------------------------------------------------------------
// Tool-gated: poppler and pdfplumber
// ---------------------------------------------------------------------------

#[test]
#[ignore = "needs poppler-utils (pdfsig); .ci/run runs it"]
fn pdfsig_reports_both_signatures_valid() {
    let s = signed();
    let pdfsig = common::require_tool("pdfsig");
    let path = s.dir.path().join("phat-hanh.pdf");
    let o = std::process::Command::new(&pdfsig).arg(&path).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(out.matches("Signature is Valid").count(), 2, "pdfsig:\n{out}");
    assert!(out.contains("ETSI.CAdES.detached"), "pdfsig:\n{out}");
    assert!(out.contains("Nguyễn Văn A") && out.contains("Ủy ban nhân dân thị trấn Bút Sơn"), "pdfsig:\n{out}");
    // The first covers its revision only; the last the whole file.
    assert!(out.contains("Total document signed"), "pdfsig:\n{out}");
    assert!(out.contains("Not total document signed"), "pdfsig:\n{out}");
}

#[test]
#[ignore = "needs poppler-utils (pdffonts, pdfinfo, pdftotext); .ci/run runs it"]
fn the_pdf_with_fields_passes_the_pdf_checks() {
    let w = seed();
    let dir = tempfile::tempdir().unwrap();
    let (fields, plain) = (dir.path().join("f.pdf"), dir.path().join("p.pdf"));
    std::fs::write(&fields, &w.pdf).unwrap();
    std::fs::write(&plain, &w.plain).unwrap();
    let fonts = common::run_ok(&common::require_tool("pdffonts"), [&fields]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.contains("LiberationSerif") && r.split_whitespace().rev().nth(4) == Some("yes")), "fonts:\n{fonts}");
    let text = |p: &Path| common::run_ok(&common::require_tool("pdftotext"), [p.as_os_str(), OsStr::new("-")]);
    assert_eq!(text(&fields), text(&plain), "the fields change the text");
    let xmp = common::run_ok(&common::require_tool("pdfinfo"), [OsStr::new("-meta"), fields.as_os_str()]);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{xmp}");
    assert!(!xmp.contains("<pdfuaid:part>"), "{xmp}");
    let info = common::run_ok(&common::require_tool("pdfinfo"), [&fields]);
    assert!(info.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Form:", "AcroForm"]), "{info}");
}

/// Words of the last page with their boxes (top-left origin), read in Rust
/// (tests/common/pdf_read.rs).
fn last_page_words(pdf: &[u8]) -> (f64, Vec<(String, f64, f64, f64, f64)>) {
    let pages = common::pdf_read::read(pdf);
    let page = pages.last().expect("a page");
    (page.height, page.words().into_iter().map(|w| (w.text, w.x0, w.x1, w.top, w.bottom)).collect())
}

#[test]
fn the_signer_field_lies_between_the_title_and_the_name() {
    for (what, w) in [("báo cáo", named()), ("seed", seed())] {
        let (h, words) = last_page_words(&w.pdf);
        let title = words.iter().find(|w| w.0 == "TỊCH").expect("CHỦ TỊCH on the last page");
        let sig = w.sidecar["fields"][0]["rect"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect::<Vec<_>>();
        let (sig_top, sig_bottom) = (h - sig[3], h - sig[1]);
        assert!(sig_top > title.4, "{what}: the signature field ({sig_top:.1}) starts above the title's bottom ({:.1})", title.4);
        if what == "báo cáo" {
            let name = words.iter().find(|w| w.0 == "Nguyễn").expect("the name");
            assert!(sig_bottom < name.3, "{what}: the signature field ({sig_bottom:.1}) reaches the name's top ({:.1})", name.3);
            // The gap, title's bottom to name's top: the profile's 28 mm, give or take
            // the line boxes' difference from the glyphs' (≤ 4 pt).
            let gap = name.3 - title.4;
            assert!((gap - 28.0 * MM).abs() < 4.0, "{what}: gap {gap:.1} pt vs 28 mm = {:.1} pt", 28.0 * MM);
            // And centred in it.
            assert!(((sig_top + sig_bottom) / 2.0 - (title.4 + name.3) / 2.0).abs() < 2.0, "{what}: the signature is not centred in the gap");
        }
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn the_gap_is_the_same_in_the_pdf_and_the_docx() {
    let soffice = common::require_tool("soffice");
    let out = common::render(&named_report(), &["--format", "pdf,docx"]);
    let lo = tempfile::tempdir().unwrap();
    common::run_ok(&soffice, [OsStr::new("--headless"), OsStr::new("--convert-to"), OsStr::new("pdf"), OsStr::new("--outdir"), lo.path().as_os_str(), out.file("docx").as_os_str()]);
    let lo_pdf = std::fs::read(lo.path().join("bao-cao.pdf")).unwrap();
    let gap = |pdf: &[u8]| {
        let (_, words) = last_page_words(pdf);
        let title = words.iter().find(|w| w.0 == "TỊCH").expect("CHỦ TỊCH").4;
        let name = words.iter().find(|w| w.0 == "Nguyễn").expect("the name").3;
        name - title
    };
    let (typst, office) = (gap(&std::fs::read(out.pdf()).unwrap()), gap(&lo_pdf));
    assert!((typst - office).abs() < 2.0, "the gap differs: PDF {typst:.1} pt, DOCX in LibreOffice {office:.1} pt");
}

// ---------------------------------------------------------------------------
// What a signed field shows: the seal's size, its background, the text's room
// ---------------------------------------------------------------------------

/// One line of a signed field's appearance, in page coordinates (pt, origin
/// bottom-left): its text (read back through the font's ToUnicode) and the box
/// its glyphs take (advance widths from /W; descent to cap height by size).
#[derive(Debug)]
struct ApLine {
    text: String,
    size: f64,
    x0: f64,
    x1: f64,
    bottom: f64,
    top: f64,
}

/// A signed field's appearance: its /BBox, content and resources.
struct Appearance {
    bbox: [f64; 4],
    ops: String,
    resources: lopdf::Dictionary,
}

fn num(o: &lopdf::Object) -> f64 {
    match o {
        lopdf::Object::Integer(i) => *i as f64,
        lopdf::Object::Real(r) => *r as f64,
        _ => panic!("not a number: {o:?}"),
    }
}

fn stream_bytes(s: &lopdf::Stream) -> Vec<u8> {
    s.decompressed_content().unwrap_or_else(|_| s.content.clone())
}

fn appearance(doc: &lopdf::Document, f: &vanban::sign::signer::PdfField) -> Appearance {
    widget_appearance(doc, f.widget_id)
}

fn widget_appearance(doc: &lopdf::Document, widget_id: lopdf::ObjectId) -> Appearance {
    let widget = doc.get_dictionary(widget_id).unwrap();
    let ap = widget.get(b"AP").unwrap().as_dict().unwrap().get(b"N").unwrap().as_reference().unwrap();
    let ap = doc.get_object(ap).unwrap().as_stream().unwrap();
    let b: Vec<f64> = ap.dict.get(b"BBox").unwrap().as_array().unwrap().iter().map(num).collect();
    let resources = ap.dict.get(b"Resources").map(|r| r.as_dict().unwrap().clone()).unwrap_or_default();
    Appearance { bbox: [b[0], b[1], b[2], b[3]], ops: String::from_utf8(stream_bytes(ap)).unwrap(), resources }
}

/// The matrix `a 0 0 d e f cm` the image is drawn with: (width, height, x, y).
fn image_matrix(ops: &str) -> (f64, f64, f64, f64) {
    let line = ops.lines().find(|l| l.contains("/Im1 Do")).expect("the image drawn");
    let n: Vec<f64> = line.split_whitespace().filter_map(|t| t.parse().ok()).collect();
    (n[0], n[3], n[4], n[5])
}

/// The text lines of a field's appearance, placed on the page.
fn appearance_lines(doc: &lopdf::Document, f: &vanban::sign::signer::PdfField) -> Vec<ApLine> {
    widget_lines(doc, f.widget_id, f.rect)
}

/// The text lines a widget's appearance draws, placed on the page.
fn widget_lines(doc: &lopdf::Document, widget_id: lopdf::ObjectId, rect: [f64; 4]) -> Vec<ApLine> {
    let ap = widget_appearance(doc, widget_id);
    if !ap.ops.contains("BT") {
        return Vec::new();
    }
    let font = ap.resources.get(b"Font").unwrap().as_dict().unwrap().get(b"F1").unwrap().as_reference().unwrap();
    let font = doc.get_dictionary(font).unwrap();
    let cid_font = doc.get_dictionary(font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0].as_reference().unwrap()).unwrap();
    let w = cid_font.get(b"W").unwrap().as_array().unwrap();
    let widths: std::collections::HashMap<u16, f64> = w.chunks(2).map(|p| (num(&p[0]) as u16, num(&p[1].as_array().unwrap()[0]))).collect();
    let cmap = doc.get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    let cmap = String::from_utf8(stream_bytes(cmap)).unwrap();
    let chars: std::collections::HashMap<u16, char> = cmap
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            let hex = |s: &str| s.strip_prefix('<')?.strip_suffix('>').and_then(|h| u32::from_str_radix(h, 16).ok());
            match parts[..] {
                [a, b] => Some((hex(a)? as u16, char::from_u32(hex(b)?)?)),
                _ => None,
            }
        })
        .collect();
    let size: f64 = ap.ops.lines().find_map(|l| l.strip_suffix(" Tf")).and_then(|l| l.split_whitespace().nth(1)).unwrap().parse().unwrap();
    let [fx, fy, ..] = rect;
    ap.ops
        .lines()
        .filter(|l| l.ends_with(" Tj"))
        .map(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            let (x, y): (f64, f64) = (t[4].parse().unwrap(), t[5].parse().unwrap());
            let hex = t[7].trim_start_matches('<').trim_end_matches('>');
            let cids: Vec<u16> = (0..hex.len()).step_by(4).map(|i| u16::from_str_radix(&hex[i..i + 4], 16).unwrap()).collect();
            let width: f64 = cids.iter().map(|c| widths.get(c).copied().unwrap_or(0.0)).sum::<f64>() / 1000.0 * size;
            let text: String = cids.iter().map(|c| chars.get(c).copied().unwrap_or('\u{fffd}')).collect();
            ApLine { text, size, x0: fx + x, x1: fx + x + width, bottom: fy + y - 0.25 * size, top: fy + y + 0.75 * size }
        })
        .collect()
}

/// Signs every field of `pdf` in order with a throwaway certificate; the body's
/// (`CoQuan`) as `body_cn` with `seal` as its image. Returns the signed file and
/// the stderr of each step.
fn sign_every_field(pdf: &[u8], person_cn: &str, body_cn: &str, seal: Option<&Path>) -> (Vec<u8>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let person = p12_file(dir.path(), "nguoi.p12", person_cn);
    let body = p12_file(dir.path(), "co-quan.p12", body_cn);
    let mut current = dir.path().join("0.pdf");
    std::fs::write(&current, pdf).unwrap();
    let names: Vec<String> = signature_fields(&lopdf::Document::load_mem(pdf).unwrap()).into_iter().map(|f| f.name).collect();
    let mut stderr = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let next = dir.path().join(format!("{}.pdf", i + 1));
        let mut extra = vec!["--field", name.as_str(), "-o", next.to_str().unwrap()];
        let p12 = if name == "CoQuan" {
            if let Some(seal) = seal {
                extra.extend(["--image", seal.to_str().unwrap()]);
            }
            &body
        } else {
            &person
        };
        let o = sign_cli(dir.path(), &current, p12, &extra);
        assert!(o.status.success(), "signing {name}: {}", String::from_utf8_lossy(&o.stderr));
        stderr.push(String::from_utf8_lossy(&o.stderr).into_owned());
        current = next;
    }
    (std::fs::read(&current).unwrap(), stderr)
}

fn seal_mm() -> f64 {
    vanban::layout::SizeProfile::P14.load().unwrap().seal_diameter as f64
}

#[test]
fn the_seal_is_drawn_at_its_real_size() {
    let doc = lopdf::Document::load_mem(&signed().twice).unwrap();
    let fields = signature_fields(&doc);
    let seal = fields.iter().find(|f| f.name == "CoQuan").unwrap();
    let ap = appearance(&doc, seal);
    let d = seal_mm() * MM;
    assert!(approx(ap.bbox[2] - ap.bbox[0], d, 0.05) && approx(ap.bbox[3] - ap.bbox[1], d, 0.05), "the seal's /BBox {:?} vs Ø {d:.2} pt", ap.bbox);
    // The seal's ink (the PNG's visible pixels) spans the whole diameter.
    let (w, h, x, y) = image_matrix(&ap.ops);
    assert!(approx(w, d, 0.05) && approx(h, d, 0.05), "the seal is drawn {:.1} × {:.1} mm, not Ø {} mm", w / MM, h / MM, seal_mm());
    assert!(approx(x, 0.0, 0.05) && approx(y, 0.0, 0.05), "the seal is not at its field's corner: {x}, {y}");
    // NĐ 30 prints no text beside the seal (and text at its foot ran into the name).
    assert!(!ap.ops.contains("BT") && !ap.resources.has(b"Font"), "text in the seal's appearance:\n{}", ap.ops);
}

#[test]
fn a_white_background_seal_is_made_transparent() {
    let jpeg = common::repo().join("tests/fixtures/dau-nen-trang.jpg");
    let (pdf, stderr) = sign_every_field(&seed().pdf, "Nguyễn Văn A", "Ủy ban nhân dân thị trấn Bút Sơn", Some(&jpeg));
    assert!(stderr.last().unwrap().contains("dau-nen-trang.jpg: the image has no transparent background; vanban made its white background transparent"), "{stderr:?}");
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let seal = signature_fields(&doc).into_iter().find(|f| f.name == "CoQuan").unwrap();
    let ap = appearance(&doc, &seal);
    let (w, h, ..) = image_matrix(&ap.ops);
    assert!(approx(w, seal_mm() * MM, 0.05) && approx(h, seal_mm() * MM, 0.05), "the JPEG seal is drawn {:.1} × {:.1} mm", w / MM, h / MM);
    let im = ap.resources.get(b"XObject").unwrap().as_dict().unwrap().get(b"Im1").unwrap().as_reference().unwrap();
    let im = doc.get_object(im).unwrap().as_stream().unwrap();
    let (iw, ih) = (num(im.dict.get(b"Width").unwrap()) as usize, num(im.dict.get(b"Height").unwrap()) as usize);
    let mask = doc.get_object(im.dict.get(b"SMask").expect("a soft mask").as_reference().unwrap()).unwrap().as_stream().unwrap();
    let alpha = stream_bytes(mask);
    let rgb = stream_bytes(im);
    assert_eq!(alpha.len(), iw * ih);
    // The corner (paper outside the ring) is transparent; the star at the
    // centre is opaque and red.
    let centre = ih / 2 * iw + iw / 2;
    assert_eq!(alpha[0], 0, "the paper in the corner still covers the text under it");
    assert_eq!(alpha[centre], 255, "the ink at the centre is not opaque");
    assert!(rgb[3 * centre] > 150 && rgb[3 * centre + 1] < 90, "the centre is not red: {:?}", &rgb[3 * centre..3 * centre + 3]);
    // Most of the square is paper, now see-through.
    let clear = alpha.iter().filter(|&&a| a == 0).count();
    assert!(clear * 2 > alpha.len(), "only {clear} of {} pixels transparent", alpha.len());
    // A PNG with its own transparency is taken as it is: no note.
    assert!(!signed_stderr_mentions_background(), "a transparent PNG got the note");
}

/// Whether signing with the transparent fixture PNG printed the background note.
fn signed_stderr_mentions_background() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("once.pdf");
    std::fs::write(&pdf, &signed().once).unwrap();
    let body = p12_file(dir.path(), "co-quan.p12", "Ủy ban nhân dân thị trấn Bút Sơn");
    let png = common::repo().join("tests/fixtures/dau-thu.png");
    let o = sign_cli(dir.path(), &pdf, &body, &["--image", png.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).contains("background")
}

/// The words of `plain`'s pages and every signed field's text lines, with
/// the field's rectangle: no line may leave its field or touch a word of its
/// page.
fn assert_text_clear(what: &str, plain: &[u8], signed: &[u8]) {
    let pages = common::pdf_read::read(plain);
    let doc = lopdf::Document::load_mem(signed).unwrap();
    for f in signature_fields(&doc) {
        let page = &pages[f.page.expect("the field's page") - 1];
        let h = page.height;
        let words: Vec<(String, f64, f64, f64, f64)> = page.words().into_iter().map(|w| (w.text, w.x0, w.x1, w.top, w.bottom)).collect();
        assert!(words.iter().any(|w| w.0 == "Nguyễn"), "{what}: {} is not on the page with the signer's name", f.name);
        let lines = appearance_lines(&doc, &f);
        for l in &lines {
            let [x0, y0, x1, y1] = f.rect;
            assert!(l.x0 >= x0 - 0.01 && l.x1 <= x1 + 0.01 && l.bottom >= y0 - 0.01 && l.top <= y1 + 0.01, "{what}: {}: \"{}\" leaves the field {:?}: {l:?}", f.name, l.text, f.rect);
            let (top, bottom) = (h - l.top, h - l.bottom);
            for w in &words {
                let apart = w.2 <= l.x0 || w.1 >= l.x1 || w.4 <= top || w.3 >= bottom;
                assert!(apart, "{what}: {}'s \"{}\" ({:.1}–{:.1}, {top:.1}–{bottom:.1}) overlaps the document's \"{}\" {:?}", f.name, l.text, l.x0, l.x1, w.0, (w.1, w.2, w.3, w.4));
            }
        }
    }
}

#[test]
fn the_signatures_text_keeps_clear_of_the_signature_blocks_text() {
    let seal = common::repo().join("tests/fixtures/dau-thu.png");
    for sample in ["ke-hoach", "bien-ban"] {
        let w = render_both(&common::repo().join(format!("content/mau/{sample}.yaml")));
        for image in [Some(seal.as_path()), None] {
            let what = format!("{sample}, seal {}", if image.is_some() { "image" } else { "text" });
            let (signed, _) = sign_every_field(&w.pdf, "Nguyễn Văn A", "Ủy ban nhân dân xã Thử nghiệm", image);
            assert_text_clear(&what, &w.plain, &signed);
            // Something was drawn: every person's field has its two lines.
            let doc = lopdf::Document::load_mem(&signed).unwrap();
            for f in signature_fields(&doc).iter().filter(|f| f.name != "CoQuan" || image.is_none()) {
                let text: Vec<String> = appearance_lines(&doc, f).into_iter().map(|l| l.text).collect();
                let text = text.join(" ");
                assert!(text.contains("Ký bởi:") && text.contains("Thời gian ký:"), "{what}: {}: {text}", f.name);
            }
        }
    }
}

#[test]
fn a_long_certificate_name_wraps_and_is_never_cut() {
    let long = "ỦY BAN NHÂN DÂN XÃ AN BÌNH, HUYỆN PHÚ GIÁO, TỈNH BÌNH DƯƠNG, CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    let (signed, _) = sign_every_field(&named().pdf, long, long, None);
    assert_text_clear("long name", &named().plain, &signed);
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    for f in signature_fields(&doc) {
        let lines = appearance_lines(&doc, &f);
        let text = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&format!("Ký bởi: {long}")), "{}: the name is cut: {text}", f.name);
        assert!(lines.len() >= 3, "{}: a name this long takes more than one line: {lines:?}", f.name);
        // Still readable.
        assert!(lines[0].size >= 4.0, "{}: shrunk to {} pt", f.name, lines[0].size);
    }
}

// ---------------------------------------------------------------------------
// A signature vanban cannot check (ECDSA)
// ---------------------------------------------------------------------------

/// tests/fixtures/ky-ecdsa.pdf: giay-moi.yaml with fields, its NguoiKy holding
/// a valid ECDSA P-256 / SHA-256 signature (made by tests/fixtures/ky-ecdsa.sh
/// with openssl).
fn ecdsa_pdf() -> PathBuf {
    common::repo().join("tests/fixtures/ky-ecdsa.pdf")
}

#[test]
fn an_ecdsa_signature_is_not_checked_rather_than_called_tampered() {
    let bytes = std::fs::read(ecdsa_pdf()).unwrap();
    let reports = verify("ecdsa", &bytes).unwrap();
    let s = reports[0].signature.as_ref().expect("NguoiKy signed");
    assert!(!s.valid && s.unchecked.as_deref() == Some("ECDSA"), "{s:?}");
    assert!(s.problems.iter().all(|m| !m.en.contains("changed after signing")), "{s:?}");

    let o = common::vanban(["verify", ecdsa_pdf().to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(4), "a signature that cannot be checked has its own exit code: {out}");
    assert!(out.contains("CHƯA KIỂM TRA ĐƯỢC") && out.contains("thuật toán chữ ký ECDSA chưa được hỗ trợ để kiểm tra"), "{out}");
    assert!(!out.contains("KHÔNG HỢP LỆ") && !out.contains("đã bị sửa"), "{out}");
    let o = common::vanban(["--lang", "en", "verify", ecdsa_pdf().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("NOT CHECKED"), "{}", String::from_utf8_lossy(&o.stdout));

    // Changed after signing, it is tampered: the digest still tells.
    let mut tampered = bytes.clone();
    assert_eq!(&tampered[9..11], b"%\x80");
    tampered[10] ^= 0x01;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tampered.pdf");
    std::fs::write(&path, &tampered).unwrap();
    let o = common::vanban(["verify", path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("KHÔNG HỢP LỆ") && out.contains("mã băm không khớp"), "{out}");

    // Not signed over: vanban cannot tell whether it holds.
    refuses(good_p12(), &bytes, &[], Some(PASSWORD), "in.pdf: cannot check the signature in NguoiKy: the signature algorithm ECDSA is not supported for checking");
}

#[test]
#[ignore = "needs poppler-utils (pdfsig); .ci/run runs it"]
fn pdfsig_finds_the_ecdsa_fixture_valid() {
    let pdfsig = common::require_tool("pdfsig");
    let o = std::process::Command::new(&pdfsig).arg(ecdsa_pdf()).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    // poppler checks ECDSA: the signature vanban leaves unchecked does hold.
    assert_eq!(out.matches("Signature is Valid").count(), 1, "pdfsig:\n{out}");
    assert!(out.contains("Nguyễn Văn Thử ECDSA") && out.contains("Total document signed"), "pdfsig:\n{out}");
}

// ---------------------------------------------------------------------------
// A signature in BER, as NSS writes it (pdfsig -sign, LibreOffice on Linux)
// ---------------------------------------------------------------------------

/// tests/fixtures/ky-nss-ber.pdf: giay-moi.yaml with fields, its NguoiKy
/// signed by `pdfsig -sign` (RSA, SHA-256); the CMS is BER with indefinite
/// lengths (made by tests/fixtures/ky-nss-ber.sh).
fn nss_pdf() -> PathBuf {
    common::repo().join("tests/fixtures/ky-nss-ber.pdf")
}

/// The NSS signature's CoQuan field signed by vanban after it.
fn nss_then_vanban() -> &'static (tempfile::TempDir, PathBuf) {
    static BOTH: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    BOTH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let body = p12_file(dir.path(), "co-quan.p12", "Ủy ban nhân dân thị trấn Bút Sơn");
        let out = dir.path().join("phat-hanh.pdf");
        let o = sign_cli(dir.path(), &nss_pdf(), &body, &["--field", "CoQuan", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "signing after an NSS signature: {}", String::from_utf8_lossy(&o.stderr));
        (dir, out)
    })
}

#[test]
fn a_ber_signature_from_nss_is_read_and_signed_after() {
    let bytes = std::fs::read(nss_pdf()).unwrap();
    let fields = signature_fields(&lopdf::Document::load_mem(&bytes).unwrap());
    assert_eq!(fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["NguoiKy", "CoQuan"]);
    // The fixture must really hold BER, or this test proves nothing.
    let hex_at = bytes.windows(11).position(|w| w == b"/Contents <").expect("a signature's /Contents");
    assert_eq!(bytes[hex_at + 11..hex_at + 15].to_ascii_lowercase(), b"3080", "the fixture's CMS is not BER with an indefinite length");

    let reports = verify("nss", &bytes).unwrap();
    let s = reports[0].signature.as_ref().expect("NguoiKy signed");
    assert!(s.valid && s.covers_whole_file, "{s:?}");
    assert_eq!(s.signer, "Nguyễn Văn Thử NSS");
    assert!(reports[1].signature.is_none());

    // Tampered, the digest still tells: BER is read, not trusted.
    let mut tampered = bytes.clone();
    assert_eq!(&tampered[9..11], b"%\x80");
    tampered[10] ^= 0x01;
    let s = verify("nss", &tampered).unwrap().remove(0).signature.unwrap();
    assert!(!s.valid && s.problems.iter().any(|m| m.en.contains("digest mismatch")), "{s:?}");

    // vanban signs the seal field after it, and both hold.
    let (_, out) = nss_then_vanban();
    let reports = verify("both", &std::fs::read(out).unwrap()).unwrap();
    let (first, second) = (reports[0].signature.as_ref().unwrap(), reports[1].signature.as_ref().unwrap());
    assert!(first.valid && !first.covers_whole_file && first.revision.is_some_and(|(i, n)| i + 1 == n), "{first:?}");
    assert!(second.valid && second.covers_whole_file, "{second:?}");
    assert_eq!(second.signer, "Ủy ban nhân dân thị trấn Bút Sơn");
}

#[test]
#[ignore = "needs poppler-utils (pdfsig); .ci/run runs it"]
fn pdfsig_finds_the_nss_signature_and_vanbans_after_it_valid() {
    let pdfsig = common::require_tool("pdfsig");
    let (_, out) = nss_then_vanban();
    let o = std::process::Command::new(&pdfsig).arg(out).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(text.matches("Signature is Valid").count(), 2, "pdfsig:\n{text}");
    assert!(text.contains("Nguyễn Văn Thử NSS") && text.contains("Ủy ban nhân dân thị trấn Bút Sơn"), "pdfsig:\n{text}");
}

/// A biên bản bàn giao signed by three people side by side (bên giao, bên
/// nhận, người chứng kiến): one field each, NguoiKy1–3 in the order the
/// signers are written, each centred in its 55 mm column over its signer's
/// name, then CoQuan; signed one after another, every signature holds.
#[test]
fn three_signers_each_get_a_field_in_their_column_and_sign_in_turn() {
    let w = render_both(&common::repo().join("content/mau/bien-ban-ban-giao.yaml"));
    let doc = lopdf::Document::load_mem(&w.pdf).unwrap();
    let fields = signature_fields(&doc);
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["NguoiKy1", "NguoiKy2", "NguoiKy3", "CoQuan"]);
    let last_page = doc.get_pages().len();
    let first = fields[0].rect;
    for (i, f) in fields[..3].iter().enumerate() {
        assert_eq!(f.page, Some(last_page), "{} on the signature page", f.name);
        let r = f.rect;
        assert!(approx(r[2] - r[0], first[2] - first[0], 0.01) && approx(r[1], first[1], 0.01), "{}: {r:?} not level with {first:?}", f.name);
        // layouts/profile.yaml three_signer_columns: 55 mm each from the left margin.
        let centre = MARGIN_LEFT + (i as f64 + 0.5) * 55.0 * MM;
        assert!(approx((r[0] + r[2]) / 2.0, centre, 0.5), "{}: centre {} vs its column's {centre}", f.name, (r[0] + r[2]) / 2.0);
    }
    // The seal (35 mm) over the left of the last signature, but inside its
    // 55 mm column: not over the neighbour's signature.
    let seal = fields[3].rect;
    let column_left = MARGIN_LEFT + 2.0 * 55.0 * MM;
    assert!(approx(seal[2] - seal[0], 35.0 * MM, 0.5), "seal {seal:?}");
    assert!(seal[0] >= column_left - 0.5 && seal[0] >= fields[1].rect[2], "the seal {seal:?} reaches into the middle column (from {column_left}) over {:?}", fields[1].rect);
    assert!(seal[0] < fields[2].rect[0] && seal[2] > fields[2].rect[0], "the seal {seal:?} does not cover the left of {:?}", fields[2].rect);
    let signers: Vec<&str> = (0..3).map(|i| w.sidecar["fields"][i]["signer"]["name"].as_str().unwrap()).collect();
    assert_eq!(signers, ["Trần Văn Minh", "Phạm Thị Lan", "Lê Văn Thành"]);

    let (_, pdf) = three_signed();
    let states = verify("bien-ban", &std::fs::read(pdf).unwrap()).unwrap();
    for (i, cn) in signers.iter().enumerate() {
        let s = states[i].signature.as_ref().unwrap_or_else(|| panic!("NguoiKy{} unsigned", i + 1));
        assert!(s.valid && s.problems.is_empty(), "{s:?}");
        assert_eq!(s.signer, *cn, "NguoiKy{} signed by its signer, in turn", i + 1);
    }
    assert!(states[3].signature.is_none(), "CoQuan left for the seal");
}

/// The hand-over biên bản signed in turn by its three signers (fields
/// NguoiKy1–3, the default field each time: the first unsigned one).
fn three_signed() -> &'static (tempfile::TempDir, PathBuf) {
    static THREE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    THREE.get_or_init(|| {
        let w = render_both(&common::repo().join("content/mau/bien-ban-ban-giao.yaml"));
        let dir = tempfile::tempdir().unwrap();
        let mut pdf = dir.path().join("bien-ban.pdf");
        std::fs::write(&pdf, &w.pdf).unwrap();
        for (i, cn) in ["Trần Văn Minh", "Phạm Thị Lan", "Lê Văn Thành"].iter().enumerate() {
            let p12 = p12_file(dir.path(), &format!("ky-{i}.p12"), cn);
            let out = dir.path().join(format!("bien-ban-{}.pdf", i + 1));
            let o = sign_cli(dir.path(), &pdf, &p12, &["-o", out.to_str().unwrap()]);
            assert!(o.status.success(), "signature {}: {}", i + 1, String::from_utf8_lossy(&o.stderr));
            pdf = out;
        }
        (dir, pdf)
    })
}

#[test]
#[ignore = "needs poppler-utils (pdfsig); .ci/run runs it"]
fn pdfsig_reports_three_signers_valid() {
    let (_, pdf) = three_signed();
    let o = std::process::Command::new(common::require_tool("pdfsig")).arg(pdf).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(out.matches("Signature is Valid").count(), 3, "pdfsig:\n{out}");
    for name in ["NguoiKy1", "NguoiKy2", "NguoiKy3", "Trần Văn Minh", "Phạm Thị Lan", "Lê Văn Thành"] {
        assert!(out.contains(name), "{name} not in pdfsig:\n{out}");
    }
    assert_eq!(out.matches("The signature form field is not signed").count(), 1, "CoQuan only, pdfsig:\n{out}");
}

// ---------------------------------------------------------------------------
// Issuing: the văn thư writes the number and the date into the blanks
// ---------------------------------------------------------------------------

/// The decision of `content/mau/quyet-dinh-ban-hanh.yaml` as a draft: no
/// number, the day and month blank. Its attached quy chế repeats both in its
/// "(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2026 …)" line.
fn draft_decision() -> String {
    let text = std::fs::read_to_string(common::repo().join("content/mau/quyet-dinh-ban-hanh.yaml")).unwrap();
    let draft = text.replace("so: 351\n", "").replace("ngay: { ngay: 9, thang: 10, nam: 2026 }", "ngay: { nam: 2026 }");
    assert!(!draft.contains("so: 351") && draft.contains("ngay: { nam: 2026 }"), "the sample changed: update draft_decision");
    draft
}

struct Issued {
    _src: tempfile::TempDir,
    dir: tempfile::TempDir,
    draft: WithFields,
    once: Vec<u8>,
    issued: Vec<u8>,
    stderr: String,
}

/// The draft decision rendered with fields, signed by the chairman, then
/// issued by the văn thư with number 123 (three digits: wider than its blank)
/// and the date 15/02/2026.
fn issued() -> &'static Issued {
    static ISSUED: OnceLock<Issued> = OnceLock::new();
    ISSUED.get_or_init(|| {
        let (src, draft) = render_yaml(&draft_decision(), "quyet-dinh.yaml");
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("quyet-dinh.pdf");
        std::fs::write(&pdf, &draft.pdf).unwrap();
        let person = p12_file(dir.path(), "chu-tich.p12", "Nguyễn Văn Hùng");
        let body = p12_file(dir.path(), "co-quan.p12", "Ủy ban nhân dân xã An Bình");
        let o = sign_cli(dir.path(), &pdf, &person, &[]);
        assert!(o.status.success(), "sign 1: {}", String::from_utf8_lossy(&o.stderr));
        let once_path = dir.path().join("quyet-dinh.signed.pdf");
        let out = dir.path().join("phat-hanh.pdf");
        let seal = common::repo().join("tests/fixtures/dau-thu.png");
        let o = sign_cli(dir.path(), &once_path, &body, &["--image", seal.to_str().unwrap(), "--so", "123", "--ngay", "15/02/2026", "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "sign 2: {}", String::from_utf8_lossy(&o.stderr));
        Issued {
            once: std::fs::read(&once_path).unwrap(),
            issued: std::fs::read(&out).unwrap(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            draft,
            dir,
            _src: src,
        }
    })
}

/// The words of page `n` (from 1) and the page's height.
fn page_words(pdf: &[u8], n: usize) -> (f64, Vec<common::pdf_read::Word>) {
    let pages = common::pdf_read::read(pdf);
    let page = &pages[n - 1];
    (page.height, page.words())
}

#[test]
fn the_blanks_get_text_fields_where_they_are_printed() {
    let w = &issued().draft;
    let blanks = w.sidecar["blanks"].as_array().expect("the sidecar lists the blanks");
    let of = |field: &str| blanks.iter().filter(|b| b["field"] == field).collect::<Vec<_>>();
    // The header and the attached quy chế's "(Kèm theo …)" line: each twice.
    for (field, kind) in [("SoVanBan", "number"), ("NgayBanHanh", "day"), ("ThangBanHanh", "month")] {
        let found = of(field);
        assert_eq!(found.len(), 2, "{field}: {blanks:?}");
        assert!(found.iter().all(|b| b["kind"] == kind), "{field}: {found:?}");
    }
    // The header's number is upright at the number's size; the date line and
    // the "(Kèm theo …)" line are italic.
    let header_number = of("SoVanBan")[0];
    assert_eq!(header_number["page"], 1);
    assert_eq!(header_number["italic"], false);
    assert_eq!(header_number["size"].as_f64(), Some(13.0), "{header_number}");
    assert!(of("NgayBanHanh").iter().chain(of("ThangBanHanh").iter()).all(|b| b["italic"] == true), "{blanks:?}");
    assert!(of("SoVanBan")[1]["italic"] == true && of("SoVanBan")[1]["page"].as_u64() > Some(1), "{blanks:?}");

    // Each blank lies between the words printed around it, on their baseline.
    let rect = |b: &serde_json::Value| -> [f64; 4] {
        let r: Vec<f64> = b["rect"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        [r[0], r[1], r[2], r[3]]
    };
    for (field, before, after) in [("SoVanBan", "ố", "/QĐ-UBND"), ("NgayBanHanh", "ngày", "tháng"), ("ThangBanHanh", "tháng", "năm")] {
        for b in of(field) {
            let page = b["page"].as_u64().unwrap() as usize;
            let (height, words) = page_words(&w.pdf, page);
            let [x0, y0, x1, y1] = rect(b);
            let (top, bottom) = (height - y1, height - y0);
            let on_line: Vec<_> = words.iter().filter(|w| w.base > top && w.base < bottom).collect();
            let left = on_line.iter().filter(|w| w.x1 <= x0 + 0.5).max_by(|a, b| a.x1.total_cmp(&b.x1)).unwrap_or_else(|| panic!("{field}: no word before {b} on {on_line:?}"));
            let right = on_line.iter().filter(|w| w.x0 >= x1 - 0.5).min_by(|a, b| a.x0.total_cmp(&b.x0)).unwrap_or_else(|| panic!("{field}: no word after {b}"));
            assert!(left.text.ends_with(before) || left.text.ends_with(&format!("{before}:")), "{field}: before the blank {:?}", left.text);
            assert!(right.text.starts_with(after), "{field}: after the blank {:?}", right.text);
            // Nothing printed inside the blank; its width is the six spaces' (1.5 em).
            assert!(!on_line.iter().any(|w| w.x0 < x1 - 0.5 && w.x1 > x0 + 0.5), "{field}: a word inside the blank");
            let size = b["size"].as_f64().unwrap();
            assert!(approx(x1 - x0, 1.5 * size, 0.1), "{field}: width {} at {size} pt", x1 - x0);
        }
    }
}

#[test]
fn issuing_fills_every_blank_in_the_signed_revision() {
    use vanban::sign::signer::blank_fields;
    let i = issued();
    // The signer's revision leaves them empty; the văn thư's fills them.
    let once = lopdf::Document::load_mem(&i.once).unwrap();
    assert!(blank_fields(&once).iter().all(|b| b.value.is_none()), "filled before the văn thư signed");
    let doc = lopdf::Document::load_mem(&i.issued).unwrap();
    let blanks = blank_fields(&doc);
    assert_eq!(blanks.len(), 3);
    for b in &blanks {
        let want = match b.kind.field() {
            "SoVanBan" => "123",
            "NgayBanHanh" => "15",
            _ => "02",
        };
        assert_eq!(b.value.as_deref(), Some(want), "{:?}", b.kind);
        let flags = doc.get_dictionary(b.field_id).unwrap().get(b"Ff").unwrap().as_i64().unwrap();
        assert_eq!(flags & 1, 1, "{:?} is not read-only once issued", b.kind);
        assert_eq!(b.widgets.len(), 2);
        for widget in &b.widgets {
            let (rect, size, italic) = (&widget.rect, &widget.size, &widget.italic);
            let lines = widget_lines(&doc, widget.id, *rect);
            assert_eq!(lines.len(), 1, "{:?}", b.kind);
            let l = &lines[0];
            // At the printed size, not shrunk: three digits keep it too.
            assert!(approx(l.size, *size, 0.01), "{:?}: drawn at {} pt, printed at {size}", b.kind, l.size);
            assert!(l.x0 >= rect[0] - 0.01 && l.x1 <= rect[2] + 0.01, "{:?}: {:?} outside {rect:?}", b.kind, (l.x0, l.x1));
            if b.kind.field() == "SoVanBan" {
                // " 123/QĐ-UBND" from the blank's start: the space after
                // "Số:" kept, the symbol moved along, over a white ground.
                let (word, old_end) = widget.after.clone().expect("the word after the number's blank");
                assert_eq!(word, "/QĐ-UBND");
                assert_eq!(l.text, format!(" {want}{word}"));
                assert!(approx(l.x0, rect[0], 0.01), "not from the blank's start");
                let ap = widget_appearance(&doc, widget.id);
                let ground: Vec<f64> = ap.ops.lines().find(|l| l.ends_with(" re f")).expect("a white ground").split_whitespace().take(4).map(|v| v.parse().unwrap()).collect();
                assert!(ap.ops.contains("1 g"), "{}", ap.ops);
                assert!(ground[2] >= old_end.max(l.x1 - l.x0) - 0.01, "the ground {ground:?} leaves the old symbol or the new text uncovered");
            } else {
                assert_eq!(l.text, want);
                // In the blank, centred.
                assert!(approx(l.x0 - rect[0], rect[2] - l.x1, 0.05), "{:?} not centred", b.kind);
            }
            // On the printed line's baseline (the rect is 0.216 em below it to 0.891 em above).
            let baseline = l.bottom + 0.25 * l.size;
            assert!(approx(baseline, rect[1] + 0.216 * size, 0.05), "{:?}: baseline {baseline} in {rect:?}", b.kind);
            let ap = widget_appearance(&doc, widget.id);
            let font = ap.resources.get(b"Font").unwrap().as_dict().unwrap().get(b"F1").unwrap().as_reference().unwrap();
            let base_font = String::from_utf8(doc.get_dictionary(font).unwrap().get(b"BaseFont").unwrap().as_name().unwrap().to_vec()).unwrap();
            assert_eq!(base_font.ends_with("+LiberationSerif-Italic"), *italic, "{base_font}");
        }
    }
    // The header's number widget stays in the header's left column, whose
    // neighbour is the date line (review: a long ký hiệu and a six-digit
    // number wiped out the date's first letter).
    let (doc_model, _) = vanban::prepare_str(Path::new("quyet-dinh.yaml"), &draft_decision(), vanban::layout::SizeProfile::P14).unwrap();
    let p = &doc_model.profile;
    let column_end = (p.margin.left + p.header_columns[0]) as f64 * 72.0 / 25.4;
    let number = blanks.iter().find(|b| b.kind.field() == "SoVanBan").unwrap();
    let header = number.widgets.iter().find(|w| !w.italic).expect("the header's number");
    assert!(header.rect[2] <= column_end + 0.01, "{:?} reaches past the left column's end {column_end}", header.rect);
    // Both signatures hold; the văn thư's covers the whole file, fills included.
    let reports = verify("phat-hanh.pdf", &i.issued).unwrap();
    assert!(reports.iter().all(|f| f.signature.as_ref().is_some_and(|s| s.valid)), "{reports:?}");
    assert!(reports.iter().find(|f| f.name == "CoQuan").unwrap().signature.as_ref().unwrap().covers_whole_file);
    assert!(!i.stderr.contains("warning"), "{}", i.stderr);
}

/// A công văn whose long ký hiệu ends near the header's left column: the
/// number's widget (which takes in the symbol the number moves) stops at the
/// column's end, short of the date line's first word (review: a six-digit
/// number wiped out the "P" of "Phường").
#[test]
fn the_numbers_widget_stays_in_the_headers_left_column() {
    let text = std::fs::read_to_string(common::repo().join("content/mau/cong-van.yaml")).unwrap();
    let draft = regex_free_replace(&text, "don_vi_soan_thao:", "don_vi_soan_thao: VPĐKĐĐ-QLĐĐ\n#");
    let draft = regex_free_replace(&draft, "dia_danh:", "dia_danh: \"Phường Quảng Phú thuộc thành phố Quảng Ngãi\"\n#");
    let draft = regex_free_replace(&draft, "so:", "#");
    let draft = regex_free_replace(&draft, "ngay:", "ngay: { nam: 2026 }\n#");
    let (_src, w) = render_yaml(&draft, "cv.yaml");
    let (doc_model, _) = vanban::prepare_str(Path::new("cv.yaml"), &draft, vanban::layout::SizeProfile::P14).unwrap();
    let p = &doc_model.profile;
    let column_end = (p.margin.left + p.header_columns[0]) as f64 * 72.0 / 25.4;
    let doc = lopdf::Document::load_mem(&w.pdf).unwrap();
    let blanks = vanban::sign::signer::blank_fields(&doc);
    let number = blanks.iter().find(|b| b.kind.field() == "SoVanBan").expect("the number's field");
    let widget = &number.widgets[0];
    let (word, end) = widget.after.clone().expect("the symbol after the blank");
    assert_eq!(word, "/UBND-VPĐKĐĐ-QLĐĐ");
    assert!(widget.rect[0] + end > column_end - 40.0, "the symbol ends {} pt from the column's end: the case is not tested", column_end - widget.rect[0] - end);
    assert!(widget.rect[2] <= column_end + 0.01, "{:?} reaches past the left column's end {column_end}", widget.rect);
}

/// `text` with the first line that starts with `key` replaced by `with`.
fn regex_free_replace(text: &str, key: &str, with: &str) -> String {
    let mut done = false;
    text.lines()
        .map(|l| if !done && l.starts_with(key) { done = true; format!("{with}{}", &l[key.len()..]) } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn issuing_refuses_what_it_cannot_write_and_says_what_it_left() {
    let i = issued();
    let draft = i.dir.path().join("quyet-dinh.pdf");
    let once = i.dir.path().join("quyet-dinh.signed.pdf");
    let p12 = p12_file(i.dir.path(), "k.p12", "Ủy ban nhân dân xã An Bình");
    let fails = |pdf: &Path, extra: &[&str], code: i32, needle: &str| {
        let out = i.dir.path().join("x.pdf");
        let mut args = extra.to_vec();
        args.extend(["-o", out.to_str().unwrap()]);
        let o = sign_cli(i.dir.path(), pdf, &p12, &args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{extra:?}: {err}");
        assert!(err.contains(needle), "{extra:?}: {err}");
        assert!(!out.exists(), "{extra:?}: wrote an output");
    };
    // The number and date are the văn thư's, at CoQuan.
    fails(&draft, &["--so", "7"], 1, "--so and --ngay are the văn thư's");
    // A date the printed year does not allow, one after today, one that does
    // not exist; a number that is none.
    fails(&once, &["--so", "7", "--ngay", "15/03/2025"], 1, "prints \"năm 2026\"");
    fails(&once, &["--so", "7", "--ngay", "15/02/2099"], 1, "is after today");
    fails(&once, &["--so", "7", "--ngay", "30/02/2026"], 2, "not a real date");
    fails(&once, &["--so", "0"], 2, "from 1 to 999999");
    fails(&once, &["--so", "12a"], 2, "from 1 to 999999");
    fails(&once, &["--so", "+5"], 2, "from 1 to 999999");
    // A document that has its number and date.
    let dir = tempfile::tempdir().unwrap();
    let numbered = dir.path().join("qd.pdf");
    std::fs::write(&numbered, &render_yaml(QUYET_DINH, "qd.yaml").1.pdf).unwrap();
    let person = p12_file(dir.path(), "p.p12", "Trần Thị Hòa");
    assert!(sign_cli(dir.path(), &numbered, &person, &[]).status.success());
    fails(&dir.path().join("qd.signed.pdf"), &["--so", "7"], 1, "has no field for the number");
    fails(&dir.path().join("qd.signed.pdf"), &["--ngay", "09/03/2024"], 1, "has no blank day or month");
    // An issued PDF: its number written already.
    let issued_path = i.dir.path().join("phat-hanh.pdf");
    let again = i.dir.path().join("lai.pdf");
    std::fs::copy(&issued_path, &again).unwrap();
    fails(&again, &["--so", "8", "--field", "CoQuan"], 1, "already signed");

    // Without --so the văn thư's signature is still made (as before --so
    // existed); the number stays blank, and the message says so.
    let out = i.dir.path().join("khong-so.pdf");
    let o = sign_cli(i.dir.path(), &once, &p12, &["--ngay", "15/02/2026", "-o", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("warning") && err.contains("number is left blank") && err.contains("--so"), "{err}");
    let doc = lopdf::Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    let blanks = vanban::sign::signer::blank_fields(&doc);
    assert!(blanks.iter().any(|b| b.kind.field() == "SoVanBan" && b.value.is_none()), "{blanks:?}");
    assert!(blanks.iter().any(|b| b.kind.field() == "NgayBanHanh" && b.value.as_deref() == Some("15")), "{blanks:?}");
}

#[test]
fn the_issue_date_is_the_signing_day_when_it_agrees_with_the_page() {
    use vanban::sign::fields::BlankKind;
    use vanban::sign::signer::{plan_issue, BlankField, Issue};
    use vanban::sign::VnTime;
    let blank = |kind: BlankKind, month: Option<u32>| BlankField {
        kind,
        field_id: (1, 0),
        value: None,
        widgets: vec![vanban::sign::signer::BlankWidget { id: (2, 0), rect: [0.0, 0.0, 20.0, 14.0], size: 13.0, italic: true, after: None }],
        year: Some(2026),
        month,
    };
    // 2026-02-05 23:30 +07:00 (16:30 UTC): still the 5th in Vietnam.
    let feb_5 = VnTime { unix: 1_770_309_000 };
    assert_eq!(feb_5.civil().2, 5);
    let (plan, warnings) = plan_issue("x.pdf", &[blank(BlankKind::Day, None), blank(BlankKind::Month, None)], "CoQuan", Issue::default(), feb_5).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(plan.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["05", "02"]);
    // The month printed (tháng 6): signed in February, the day stays blank, with a warning.
    let (plan, warnings) = plan_issue("x.pdf", &[blank(BlankKind::Day, Some(6))], "CoQuan", Issue::default(), feb_5).unwrap();
    assert!(plan.is_empty(), "{plan:?}");
    assert!(warnings.len() == 1 && warnings[0].en.contains("tháng 6 năm 2026"), "{warnings:?}");
    // Signed on 20/06 with --ngay 09/06: filled, the month not written (it
    // is printed). A number with no blank for it is refused; so is a date
    // after the signing day.
    let june_20 = VnTime { unix: 1_781_924_400 };
    let day_in_june = [blank(BlankKind::Day, Some(6))];
    assert!(plan_issue("x.pdf", &day_in_june, "CoQuan", Issue { number: Some(123), date: Some((9, 6, 2026)) }, june_20).is_err());
    let (plan, _) = plan_issue("x.pdf", &day_in_june, "CoQuan", Issue { number: None, date: Some((9, 6, 2026)) }, june_20).unwrap();
    assert_eq!(plan.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["09"]);
    assert!(plan_issue("x.pdf", &day_in_june, "CoQuan", Issue { number: None, date: Some((9, 6, 2026)) }, feb_5).is_err());
    // A number below 10 is written with a 0 (Điều 15), on 05/02 itself.
    let (plan, _) = plan_issue("x.pdf", &[blank(BlankKind::Number, None)], "CoQuan", Issue { number: Some(7), date: None }, feb_5).unwrap();
    assert_eq!(plan.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["07"]);
    // A person's field fills nothing.
    let (plan, warnings) = plan_issue("x.pdf", &[blank(BlankKind::Number, None)], "NguoiKy", Issue::default(), feb_5).unwrap();
    assert!(plan.is_empty() && warnings.is_empty());
}

#[test]
#[ignore = "needs poppler-utils (pdfsig, pdftoppm); .ci/run runs it"]
fn an_issued_decision_shows_its_number_and_pdfsig_finds_it_valid() {
    let i = issued();
    let pdfsig = common::require_tool("pdfsig");
    let path = i.dir.path().join("phat-hanh.pdf");
    let o = std::process::Command::new(&pdfsig).arg(&path).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(out.matches("Signature is Valid").count(), 2, "pdfsig:\n{out}");
    assert!(out.contains("Total document signed"), "pdfsig:\n{out}");

    // Page 1 as a reader sees it: ink in the number's and the date's blanks
    // after issuing, none before; the rest of the header unchanged.
    let pdftoppm = common::require_tool("pdftoppm");
    let gray = |pdf: &[u8], name: &str| -> (usize, usize, Vec<u8>) {
        let file = i.dir.path().join(format!("{name}.pdf"));
        std::fs::write(&file, pdf).unwrap();
        let prefix = i.dir.path().join(name);
        common::run_ok(&pdftoppm, [OsStr::new("-gray"), OsStr::new("-r"), OsStr::new("144"), OsStr::new("-f"), OsStr::new("1"), OsStr::new("-l"), OsStr::new("1"), OsStr::new("-singlefile"), file.as_os_str(), prefix.as_os_str()]);
        let pgm = std::fs::read(prefix.with_extension("pgm")).unwrap();
        // P5\n<w> <h>\n255\n<pixels>
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while pgm[at].is_ascii_whitespace() { at += 1; }
            let start = at;
            while !pgm[at].is_ascii_whitespace() { at += 1; }
            fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
        }
        let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        (w, h, pgm[at + 1..].to_vec())
    };
    let (w, h, before) = gray(&i.draft.pdf, "truoc");
    let (_, _, after) = gray(&i.issued, "sau");
    let (page_h, _) = page_words(&i.draft.pdf, 1);
    let scale = 2.0; // 144 dpi
    let blanks: Vec<[f64; 4]> = i.draft.sidecar["blanks"].as_array().unwrap().iter().filter(|b| b["page"] == 1).map(|b| {
        let r: Vec<f64> = b["rect"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        [r[0], r[1], r[2], r[3]]
    }).collect();
    assert_eq!(blanks.len(), 3, "number, day, month on page 1");
    let inside = |x: usize, y: usize, r: &[f64; 4]| {
        let (px, py) = (x as f64 / scale, page_h - y as f64 / scale);
        px >= r[0] && px <= r[2] && py >= r[1] && py <= r[3]
    };
    for r in &blanks {
        let ink = |img: &[u8]| (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).filter(|&(x, y)| inside(x, y, r) && img[y * w + x] < 128).count();
        assert_eq!(ink(&before), 0, "ink in the blank {r:?} before issuing");
        assert!(ink(&after) > 20, "no ink in the blank {r:?} after issuing");
    }
    // The header (the top third of the page) is otherwise pixel for pixel the
    // same, outside the widgets (the number's takes in the symbol it moves).
    let doc = lopdf::Document::load_mem(&i.issued).unwrap();
    let widgets: Vec<[f64; 4]> = vanban::sign::signer::blank_fields(&doc).iter().flat_map(|b| b.widgets.iter().map(|w| w.rect)).collect();
    let changed = (0..h / 3).flat_map(|y| (0..w).map(move |x| (x, y))).filter(|&(x, y)| !widgets.iter().any(|r| inside(x, y, r)) && before[y * w + x].abs_diff(after[y * w + x]) > 8).count();
    assert_eq!(changed, 0, "the header changed outside the blanks");
}

/// The certificate is the signer's, not ours: a common name ending in
/// "ESC[8m" hid on a terminal the "INVALID" `verify` prints after it (the
/// probe's tampered file read "— VALID"), and U+202E reverses what follows.
/// Such characters print as U+FFFD, in `verify` and in the signature's
/// appearance; the verdict stays readable.
#[test]
fn a_common_name_with_control_characters_prints_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("bao-cao.pdf");
    std::fs::write(&pdf, &seed().pdf).unwrap();
    let person = p12_file(dir.path(), "nguoi-ky.p12", "Nguyễn Văn A\u{1b}[8m\u{202e}");
    let o = sign_cli(dir.path(), &pdf, &person, &[]);
    assert!(o.status.success(), "sign: {}", String::from_utf8_lossy(&o.stderr));
    let signed = dir.path().join("bao-cao.signed.pdf");
    let o = common::vanban(["--lang", "en", "verify", signed.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'), "{out:?}");
    assert!(out.contains("Nguyễn Văn A\u{fffd}[8m\u{fffd}"), "{out}");
    let report = verify("escaped", &std::fs::read(&signed).unwrap()).unwrap();
    assert_eq!(report[0].signature.as_ref().unwrap().signer, "Nguyễn Văn A\u{fffd}[8m\u{fffd}");
    // In the appearance, a "?" the reader sees: the font has no U+FFFD, and
    // its .notdef drew nothing (and PDF/A forbids it).
    let bytes = std::fs::read(&signed).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let field = vanban::sign::signer::signature_fields(&doc).into_iter().find(|f| f.value.is_some()).unwrap();
    let lines: Vec<String> = appearance_lines(&doc, &field).into_iter().map(|l| l.text).collect();
    assert!(lines.join(" ").contains("Nguyễn Văn A?[8m?"), "{lines:?}");
}

/// The README lets a PDF be signed in place (`sign x.pdf -o x.pdf`); a render
/// into the same folder afterwards replaced it with exit 0, and the issued
/// document lost its signatures. It is refused, naming the file, and the
/// signed PDF and the DOCX beside it are left as they were.
#[test]
fn render_never_overwrites_a_signed_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("bao-cao.yaml");
    std::fs::copy(named_report(), &report).unwrap();
    std::fs::copy(named_report().with_file_name("bao-cao.chi-tieu.yaml"), dir.path().join("bao-cao.chi-tieu.yaml")).unwrap();
    let out = dir.path().join("ra");
    let o = common::vanban(["render", report.to_str().unwrap(), "-o", out.to_str().unwrap(), "--signature-fields"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.join("bao-cao.pdf");
    // An unsigned PDF with empty fields is vanban's own: rendered over freely.
    let o = common::vanban(["render", report.to_str().unwrap(), "-o", out.to_str().unwrap(), "--signature-fields"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let person = p12_file(dir.path(), "nguoi-ky.p12", "Nguyễn Văn A");
    let o = sign_cli(dir.path(), &pdf, &person, &["-o", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "sign in place: {}", String::from_utf8_lossy(&o.stderr));
    let (signed, docx) = (std::fs::read(&pdf).unwrap(), std::fs::read(out.join("bao-cao.docx")).unwrap());

    let o = common::vanban(["--lang", "en", "render", report.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bao-cao.pdf") && stderr.contains("has been signed"), "{stderr}");
    assert_eq!(std::fs::read(&pdf).unwrap(), signed, "the signed PDF changed");
    assert_eq!(std::fs::read(out.join("bao-cao.docx")).unwrap(), docx, "the DOCX beside it changed");
    // Nor a DOCX alone, which would no longer say what the signed PDF says.
    let o = common::vanban(["--lang", "en", "render", report.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "docx"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(out.join("bao-cao.docx")).unwrap(), docx, "the DOCX beside the signed PDF changed");
    // The bytes "/ByteRange" in a title (written into the PDF's metadata)
    // sign nothing: rendered over freely.
    let titled = dir.path().join("tieu-de.yaml");
    let text = std::fs::read_to_string(&report).unwrap().replacen("và nhiệm vụ trọng tâm", "và /ByteRange [0 1 2 3] trọng tâm", 1);
    assert!(text.contains("/ByteRange"));
    std::fs::write(&titled, text).unwrap();
    for _ in 0..2 {
        let o = common::vanban(["render", titled.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "pdf"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert!(std::fs::read(out.join("tieu-de.pdf")).unwrap().windows(10).any(|w| w == b"/ByteRange"), "the title's bytes are not in the PDF: the case proves nothing");
}

/// A signed file cut inside its last revision (a copy stopped half-way) is
/// its earlier self plus stray bytes: `verify` said "not signed" with exit 0,
/// and `sign` signed it, the stray bytes included. Both call it damaged now.
#[test]
fn a_signed_file_cut_short_is_damaged_not_unsigned() {
    let s = signed();
    // Cut a little way into the signer's revision: read as it stands, the
    // file is the unsigned one with 200 bytes glued on.
    let cut = &s.once[..s.unsigned.len() + 200];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.pdf");
    std::fs::write(&path, cut).unwrap();
    let o = common::vanban(["--lang", "en", "verify", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}{}", String::from_utf8_lossy(&o.stdout));
    assert!(stderr.contains("damaged PDF") && stderr.contains("after the last %%EOF"), "{stderr}{}", String::from_utf8_lossy(&o.stdout));
    let person = p12_file(dir.path(), "nguoi-ky.p12", "Nguyễn Văn A");
    let o = sign_cli(dir.path(), &path, &person, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("damaged PDF"));
    assert!(!dir.path().join("cut.signed.pdf").exists());
    // The whole file still verifies; an old tool's Ctrl-Z after %%EOF is no
    // cut revision.
    assert!(verify("once", &s.once).is_ok());
    let mut ctrl_z = s.unsigned.clone();
    ctrl_z.push(0x1a);
    assert!(verify("ctrl-z", &ctrl_z).is_ok_and(|r| r.iter().all(|f| f.signature.is_none())));
}

/// `verify /dev/zero` and `--p12 /dev/zero` read until memory ran out; a
/// folder in a file's place gave an OS error. Anything but a regular file is
/// refused at once, naming it.
#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = vec![dir.path().to_path_buf()];
    if Path::new("/dev/zero").exists() {
        inputs.push("/dev/zero".into());
    }
    for input in inputs {
        let o = common::vanban(["--lang", "en", "verify", input.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&format!("{}: cannot read the file: not a regular file", input.display())), "{stderr}");
    }
    let pdf = dir.path().join("bao-cao.pdf");
    std::fs::write(&pdf, &seed().pdf).unwrap();
    let o = sign_cli(dir.path(), &pdf, dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"), "{}", String::from_utf8_lossy(&o.stderr));
}
