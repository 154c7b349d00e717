//! Every layout measure lives in `layouts/profile.yaml`: the typst template and
//! the DOCX renderer read it and write no spacing, size or width of their own
//! (a constant written in both would let the PDF and the DOCX drift apart).

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The template's code (comments removed) holds no length literal but units
/// (1em, 1pt, 1mm, 0pt, 100%) and the font's line metrics (ascender 0.891 em,
/// descender 0.216 em), which are facts of Times New Roman, not layout choices.
#[test]
fn the_template_reads_its_measures_from_the_profile() {
    const ALLOWED: [&str; 7] = ["1em", "1pt", "1mm", "0pt", "100%", "0.891em", "0.216em"];
    let template = read("layouts/vanban.typ");
    let mut found = Vec::new();
    for (n, line) in template.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts_number = chars[i].is_ascii_digit() && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == '.'));
            if !starts_number {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let unit_end = (i..chars.len()).find(|&k| !(chars[k].is_ascii_alphabetic() || chars[k] == '%')).unwrap_or(chars.len());
            let literal: String = chars[start..unit_end].iter().collect();
            let unit: String = chars[i..unit_end].iter().collect();
            if ["pt", "mm", "cm", "em", "in", "%"].contains(&unit.as_str()) && !ALLOWED.contains(&literal.as_str()) {
                found.push(format!("line {}: {literal}", n + 1));
            }
            i = unit_end;
        }
    }
    assert!(found.is_empty(), "lengths written in layouts/vanban.typ instead of layouts/profile.yaml:\n{}", found.join("\n"));
}

/// The DOCX renderer's numeric constants are the font's metrics and the units of
/// its own drawing, none of them a measure of the page.
#[test]
fn the_docx_renderer_reads_its_measures_from_the_profile() {
    const ALLOWED: [&str; 5] = ["SINGLE_LINE_EM", "ASCENT_EM", "LINE_BOX_EM", "BALANCE_SLACK", "RULE_LINE_PT"];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/docx");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let line = line.trim_start();
            // The renderer is split into files: a constant may be shared (`pub(super) const`).
            let declaration = ["const ", "pub const ", "pub(super) const ", "pub(crate) const "].iter().find_map(|p| line.strip_prefix(p));
            let Some(rest) = declaration else { continue };
            let Some((name, ty)) = rest.split_once(':') else { continue };
            let numeric = ["f32", "f64", "i32", "usize", "u32"].iter().any(|t| ty.trim_start().starts_with(t));
            if numeric && !ALLOWED.contains(&name.trim()) {
                found.push(format!("{}: {line}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "measures written in the DOCX renderer instead of layouts/profile.yaml:\n{}", found.join("\n"));
}
