//! Finding the font, and refusing one that cannot write Vietnamese: shared by
//! `check` (what the family can draw), the PDF renderer (the faces typst gets)
//! and the DOCX renderer (the family its styles name).
//!
//! The bundled Liberation Serif 2.x (Times New Roman metrics, full Vietnamese
//! coverage) is compiled into the binary. `--font-dir` adds folders, read with
//! fontdb in sorted order; a "Times New Roman" family found there is preferred,
//! so an office that owns the real font gets it.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Coverage, Font, FontBook};
use unicode_normalization::UnicodeNormalization;

/// What a font family can draw: a character counts only when every face of the
/// family (regular, bold, italic, bold italic) has it, since any of them may be
/// asked for it.
#[derive(Debug, Clone)]
pub struct FontCoverage {
    pub family: String,
    faces: Vec<Coverage>,
    /// The Basic Multilingual Plane, one bit a code point: drawn by every face.
    /// typst's `Coverage::contains` walks the face's runs from the start, and
    /// `check` asks for every character of a report.
    bmp: Vec<u64>,
}

impl FontCoverage {
    pub fn new(family: impl Into<String>, faces: Vec<Coverage>) -> Self {
        let mut count = vec![0_u8; 0x1_0000];
        for face in &faces {
            for c in face.iter().take_while(|&c| c < 0x1_0000) {
                count[c as usize] = count[c as usize].saturating_add(1);
            }
        }
        let mut bmp = vec![0_u64; 0x1_0000 / 64];
        for (c, &n) in count.iter().enumerate() {
            if !faces.is_empty() && usize::from(n) == faces.len() {
                bmp[c / 64] |= 1 << (c % 64);
            }
        }
        Self { family: family.into(), faces, bmp }
    }

    pub fn covers(&self, c: char) -> bool {
        // Layout characters need no glyph: line breaks, tabs, zero-width marks,
        // variation selectors.
        if c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}') {
            return true;
        }
        let code = c as usize;
        if code < 0x1_0000 {
            return self.bmp[code / 64] & (1 << (code % 64)) != 0;
        }
        !self.faces.is_empty() && self.faces.iter().all(|f| f.contains(c as u32))
    }
}

pub const BUNDLED_FAMILY: &str = "Liberation Serif";
pub const PREFERRED_FAMILY: &str = "Times New Roman";

use crate::diag::Msg;
use crate::measure::BUNDLED;

/// The fonts typst gets: one family, all its faces.
pub struct FontSet {
    pub family: String,
    pub fonts: Vec<Font>,
    pub book: FontBook,
}

impl FontSet {
    /// What the family can draw, for `check`.
    pub fn coverage(&self) -> FontCoverage {
        FontCoverage::new(self.family.clone(), self.fonts.iter().map(|f| f.info().coverage.clone()).collect())
    }
}

/// What the bundled family can draw, without loading it into a [`FontSet`].
pub fn bundled_coverage() -> FontCoverage {
    let faces = BUNDLED
        .iter()
        .filter_map(|data| Font::new(Bytes::new(*data), 0))
        .map(|f| f.info().coverage.clone())
        .collect();
    FontCoverage::new(BUNDLED_FAMILY, faces)
}

/// The 134 precomposed Vietnamese letters (67 lower, 67 upper case).
pub fn vietnamese_letters() -> Vec<char> {
    const VOWELS: [&str; 12] = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
    let mut lower: Vec<char> = "ăâêôơưđ".chars().collect();
    for v in VOWELS {
        for tone in TONES {
            let composed: String = format!("{v}{tone}").nfc().collect();
            lower.extend(composed.chars());
        }
    }
    let upper: Vec<char> = lower.iter().flat_map(|c| c.to_uppercase()).collect();
    lower.into_iter().chain(upper).collect()
}

fn font_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            font_files(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Whether a font collection (.ttc/.otc, "ttcf") has room in its file for the
/// offsets of the fonts its header counts: a damaged header may count four
/// billion, and fontdb tries each in turn (minutes, with no word). Any other
/// file is left to fontdb.
fn collection_is_plausible(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0_u8; 12];
    let Ok(mut file) = std::fs::File::open(path) else { return true };
    if file.read_exact(&mut head).is_err() || &head[..4] != b"ttcf" {
        return true;
    }
    let count = u64::from(u32::from_be_bytes([head[8], head[9], head[10], head[11]]));
    let len = file.metadata().map_or(0, |m| m.len());
    12 + 4 * count <= len
}

/// Finds the family to typeset with and checks it covers Vietnamese.
///
/// `family`: a family the user asked for by name; otherwise "Times New Roman"
/// when a font folder has it, else the bundled Liberation Serif.
pub fn discover(font_dirs: &[PathBuf], family: Option<&str>) -> Result<FontSet, Msg> {
    let mut db = fontdb::Database::new();
    // The bundled faces are read where they lie in the binary, not copied.
    for data in BUNDLED {
        db.load_font_source(fontdb::Source::Binary(std::sync::Arc::new(data)));
    }
    for dir in font_dirs {
        let mut files = Vec::new();
        font_files(dir, &mut files).map_err(|e| {
            let reason = crate::diag::io_reason(&e);
            Msg::new(
                format!("không đọc được thư mục phông chữ {}: {}", dir.display(), reason.get(crate::check::Lang::Vi)),
                format!("cannot read the font folder {}: {}", dir.display(), reason.get(crate::check::Lang::En)),
            )
        })?;
        for file in files {
            // A broken file among many should not stop the others: fontdb skips it.
            if collection_is_plausible(&file) {
                let _ = db.load_font_file(&file);
            }
        }
    }
    let has = |name: &str| db.faces().any(|f| f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)));
    let chosen = match family {
        Some(name) if has(name) => name.to_owned(),
        Some(name) => {
            return Err(Msg::new(
                format!("không có phông chữ \"{name}\" trong các phông đi kèm hay trong --font-dir; ghi đúng tên họ phông (ví dụ \"Times New Roman\") và chỉ thư mục chứa tệp .ttf bằng --font-dir"),
                format!("font family \"{name}\" not found in the bundled fonts or --font-dir; write the family's name (e.g. \"Times New Roman\") and give the folder of its .ttf files with --font-dir"),
            ))
        }
        None if has(PREFERRED_FAMILY) => PREFERRED_FAMILY.to_owned(),
        None => BUNDLED_FAMILY.to_owned(),
    };

    // Faces of the chosen family, in a stable order (style, weight, source order).
    let mut faces: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|f| f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(&chosen)))
        .collect();
    faces.sort_by_key(|f| (f.style != fontdb::Style::Normal, f.weight.0));
    let mut fonts = Vec::new();
    for face in faces {
        let loaded = db.with_face_data(face.id, |data, index| {
            let bundled = BUNDLED.iter().find(|b| std::ptr::eq(b.as_ptr(), data.as_ptr()) && b.len() == data.len());
            Font::new(bundled.map_or_else(|| Bytes::new(data.to_vec()), |b| Bytes::new(*b)), index)
        });
        if let Some(Some(font)) = loaded {
            fonts.push(font);
        }
    }
    if fonts.is_empty() {
        return Err(Msg::new(format!("không nạp được phông chữ \"{chosen}\""), format!("font family \"{chosen}\" could not be loaded")));
    }

    let letters = vietnamese_letters();
    for font in &fonts {
        let missing: String = letters.iter().filter(|c| !font.info().coverage.contains(**c as u32)).collect();
        if !missing.is_empty() {
            let count = missing.chars().count();
            let sample: String = missing.chars().take(24).collect();
            let face = format!("{:?} {:?}", font.info().variant.style, font.info().variant.weight);
            let more = if count > 24 { " …" } else { "" };
            return Err(Msg::new(
                format!("phông \"{chosen}\" ({face}) thiếu {count} trong 134 chữ cái tiếng Việt: {sample}{more}; dùng phông đủ tiếng Việt (Times New Roman, Liberation Serif 2.x, Tinos)"),
                format!("font \"{chosen}\" ({face}) lacks {count} of the 134 Vietnamese letters: {sample}{more}; use a font with full Vietnamese coverage (Times New Roman, Liberation Serif 2.x, Tinos)"),
            ));
        }
    }
    let book = FontBook::from_fonts(&fonts);
    Ok(FontSet { family: chosen, fonts, book })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A collection whose header counts more fonts than its file can list is
    /// skipped (fontdb would try four billion faces); the bundled family is
    /// still found beside it.
    #[test]
    fn a_font_collection_with_a_damaged_count_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("hong.ttc");
        let mut bytes = b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff".to_vec();
        bytes.extend([0_u8; 64]);
        std::fs::write(&bad, &bytes).unwrap();
        assert!(!collection_is_plausible(&bad));
        let good = dir.path().join("hai.ttc");
        let mut two = b"ttcf\x00\x01\x00\x00\x00\x00\x00\x02".to_vec();
        two.extend([0_u8; 8]);
        std::fs::write(&good, &two).unwrap();
        assert!(collection_is_plausible(&good));
        let set = discover(&[dir.path().to_path_buf()], None).expect("the bundled family");
        assert_eq!(set.family, BUNDLED_FAMILY);
    }

    #[test]
    fn there_are_134_vietnamese_letters() {
        let letters = vietnamese_letters();
        assert_eq!(letters.len(), 134);
        let mut unique = letters.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 134);
        assert!(letters.contains(&'ự') && letters.contains(&'Ỵ') && letters.contains(&'Đ'));
    }

    #[test]
    fn the_bundled_font_covers_vietnamese() {
        let set = discover(&[], None).unwrap();
        assert_eq!(set.family, BUNDLED_FAMILY);
        assert_eq!(set.fonts.len(), 4);
    }

    #[test]
    fn coverage_answers_as_every_face_does() {
        let faces: Vec<Coverage> = BUNDLED.iter().filter_map(|d| Font::new(Bytes::new(*d), 0)).map(|f| f.info().coverage.clone()).collect();
        let coverage = FontCoverage::new(BUNDLED_FAMILY, faces.clone());
        let mut drawn = 0;
        for c in (0..0x1_0000).chain([0x1_F600, 0x2_0000]).filter_map(char::from_u32) {
            if c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}') {
                continue;
            }
            let every = faces.iter().all(|f| f.contains(c as u32));
            assert_eq!(coverage.covers(c), every, "U+{:04X}", c as u32);
            drawn += usize::from(every);
        }
        assert!(drawn > 1000 && coverage.covers('ự') && !coverage.covers('\u{4E00}'), "{drawn}");
        // No face: nothing is drawn.
        assert!(!FontCoverage::new("x", Vec::new()).covers('a'));
    }
}
