//! load → check → resolve (`vanban::prepare_str`) and the DOCX renderer on
//! whatever bytes libFuzzer makes up. Non-UTF-8 input goes through the decoder
//! (`model::load::decode`: binary, UTF-16, legacy encodings) instead.
//!
//! The input is taken as the file `content/fuzz-input.yaml`, so that
//! `bang_chi_tieu: but-son-2023-6-thang.chi-tieu.yaml` or
//! `bang_chi_tieu: mau/bao-cao.chi-tieu.yaml` load real indicator files.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vanban::layout::SizeProfile;

fn report_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../content/fuzz-input.yaml")))
}

fuzz_target!(|data: &[u8]| {
    let path = report_path();
    let Ok(text) = std::str::from_utf8(data) else {
        let mut diags = Vec::new();
        let _ = vanban::model::load::decode(path, data, &mut diags);
        return;
    };
    match vanban::prepare_str(path, text, SizeProfile::P14) {
        Ok((doc, warnings)) => {
            assert!(warnings.iter().all(|d| !d.is_error()), "an error among the warnings: {warnings:?}");
            assert!(warnings.iter().all(|d| d.line > 0 && d.column > 0), "a warning without a place: {warnings:?}");
            let _ = vanban::plain_text(&doc);
            vanban::render::docx::render(&doc, "Times New Roman").expect("DOCX render of a checked document");
        }
        Err(diags) => {
            assert!(diags.iter().any(|d| d.is_error()), "prepare failed without an error: {diags:?}");
            for d in &diags {
                // Every diagnostic renders and names a place (whole-file ones say 1:1).
                let _ = d.render(vanban::check::Lang::En);
                assert!(d.line > 0 && d.column > 0, "a diagnostic without a place: {d:?}");
            }
        }
    }
});
