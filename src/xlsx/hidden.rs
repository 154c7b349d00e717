//! What calamine does not keep of a sheet: which rows and columns are hidden
//! (Excel's Hide, a collapsed outline group, a filter; LibreOffice's Hide). A
//! hidden row is still imported, as its figures are part of the biểu; the
//! import names it, since the person who hid it may not want it in the report.
//! A hidden column gives way to a shown one of the same name. .xls keeps its
//! row and column flags in binary records: not read.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

use super::ods::attribute;

/// A sheet part larger than this is not read (a biểu is a few MB at most).
const MAX_PART: u64 = 512 * 1024 * 1024;
/// More rows than this from one repeat are blank padding (.ods).
const MAX_REPEAT: u32 = 4096;

/// Rows and columns a sheet hides, 0-based as calamine counts them.
#[derive(Debug, Clone, Default)]
pub struct Hidden {
    pub rows: BTreeSet<u32>,
    /// A hidden column is read only when no shown column has its name (an
    /// earlier plan hidden beside the adjusted one).
    pub cols: BTreeSet<u32>,
    /// .xlsx: the cells holding a formula without a saved result (`<f>` and no
    /// `<v>`), as (row, column). A saved empty result (`<v></v>`, what
    /// `=IF(…;"";…)` gives) is not among them; calamine reads both as empty.
    /// `None` when the sheet part was not read.
    pub unsaved_formulas: Option<BTreeSet<(u32, u32)>>,
}

/// "F9" → (8, 5).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = r[letters.len()..].parse().ok()?;
    let col = letters.chars().try_fold(0u32, |acc, c| acc.checked_mul(26)?.checked_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1))?;
    (row >= 1 && col >= 1).then(|| (row - 1, col - 1))
}

/// The hidden rows and columns of `sheet` in the .xlsx at `path`; empty when
/// the file cannot be read.
pub fn xlsx(path: &Path, sheet: &str) -> Hidden {
    let mut hidden = Hidden::default();
    let Some(mut zip) = std::fs::File::open(path).ok().and_then(|f| zip::ZipArchive::new(f).ok()) else { return hidden };
    let Some(part) = sheet_part(&mut zip, sheet) else { return hidden };
    let Some(xml) = part_text(&mut zip, &part) else { return hidden };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut unsaved = BTreeSet::new();
    // The cell being read: its place, whether its type is a string (`t="str"`),
    // whether it has a formula, and a value that says something: a number, or
    // a string result even empty. An empty `<v/>` of a number cell is what
    // openpyxl writes for a formula it did not calculate.
    let mut cell: Option<((u32, u32), bool, bool, bool)> = None;
    let mut in_value = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"c" => {
                let string = attribute(&e, "t").as_deref() == Some("str");
                cell = attribute(&e, "r").and_then(|r| cell_ref(&r)).map(|at| (at, string, false, false));
            }
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"f" => {
                if let Some(c) = &mut cell {
                    c.2 = true;
                }
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"v" => {
                in_value = true;
                if let Some(c) = &mut cell {
                    c.3 |= c.1;
                }
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"v" => {
                if let Some(c) = &mut cell {
                    c.3 |= c.1;
                }
            }
            Ok(Event::Text(t)) if in_value => {
                if let Some(c) = &mut cell {
                    c.3 |= !t.iter().all(u8::is_ascii_whitespace);
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"v" => in_value = false,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"c" => {
                if let Some((at, _, true, false)) = cell.take() {
                    unsaved.insert(at);
                }
            }
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"row" => {
                let is_hidden = matches!(attribute(&e, "hidden").as_deref(), Some("1" | "true"));
                if let (true, Some(r)) = (is_hidden, attribute(&e, "r").and_then(|r| r.parse::<u32>().ok())) {
                    hidden.rows.insert(r.saturating_sub(1));
                }
            }
            // <col min="4" max="5" hidden="1"/>: columns D–E, 1-based.
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"col" => {
                let is_hidden = matches!(attribute(&e, "hidden").as_deref(), Some("1" | "true"));
                let num = |k: &str| attribute(&e, k).and_then(|v| v.parse::<u32>().ok()).filter(|&v| (1..=16_384).contains(&v));
                if let (true, Some(min), Some(max)) = (is_hidden, num("min"), num("max")) {
                    hidden.cols.extend(min - 1..max.max(min));
                }
            }
            Ok(Event::Eof) => {
                hidden.unsaved_formulas = Some(unsaved);
                break;
            }
            Err(_) => break,
            Ok(_) => {}
        }
    }
    hidden
}

/// The hidden rows and columns of `sheet` in the .ods at `path` (rows of
/// tables nested in a cell not counted, as calamine does not count them).
pub fn ods(path: &Path, sheet: &str) -> Hidden {
    let mut hidden = Hidden::default();
    let Some(mut zip) = std::fs::File::open(path).ok().and_then(|f| zip::ZipArchive::new(f).ok()) else { return hidden };
    let Some(xml) = part_text(&mut zip, "content.xml") else { return hidden };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut in_sheet, mut row, mut col, mut nested) = (false, 0u32, 0u32, 0u32);
    loop {
        let (start, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    b"table:table" if in_sheet && nested > 0 => nested -= 1,
                    b"table:table" if in_sheet => break,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match start.name().as_ref() {
            b"table:table" if in_sheet => nested += u32::from(!empty),
            b"table:table" => in_sheet = attribute(&start, "table:name").as_deref() == Some(sheet),
            b"table:table-row" if in_sheet && nested == 0 => {
                let repeated = attribute(&start, "table:number-rows-repeated").and_then(|v| v.parse().ok()).filter(|&n: &u32| n > 0).unwrap_or(1);
                if matches!(attribute(&start, "table:visibility").as_deref(), Some("collapse" | "filter")) {
                    hidden.rows.extend(row..row.saturating_add(repeated.min(MAX_REPEAT)));
                }
                row = row.saturating_add(repeated);
            }
            b"table:table-column" if in_sheet && nested == 0 => {
                let repeated = attribute(&start, "table:number-columns-repeated").and_then(|v| v.parse().ok()).filter(|&n: &u32| n > 0).unwrap_or(1);
                if matches!(attribute(&start, "table:visibility").as_deref(), Some("collapse" | "filter")) {
                    hidden.cols.extend(col..col.saturating_add(repeated.min(MAX_REPEAT)));
                }
                col = col.saturating_add(repeated);
            }
            _ => {}
        }
    }
    hidden
}

/// The worksheet part of the sheet named `sheet`: workbook.xml gives its
/// relationship id, the workbook's relationships its target.
fn sheet_part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, sheet: &str) -> Option<String> {
    let workbook = part_text(zip, "xl/workbook.xml")?;
    let mut reader = quick_xml::Reader::from_str(&workbook);
    let id = loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sheet" && attribute(&e, "name").as_deref() == Some(sheet) => {
                break attribute(&e, "r:id")?;
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    };
    let rels = part_text(zip, "xl/_rels/workbook.xml.rels")?;
    let mut reader = quick_xml::Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" && attribute(&e, "Id").as_deref() == Some(id.as_str()) => {
                let target = attribute(&e, "Target")?;
                // Relative to xl/, or absolute from the package root.
                return Some(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => format!("xl/{target}"),
                });
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

pub(super) fn part_text<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    let mut text = String::new();
    entry.take(MAX_PART).read_to_string(&mut text).ok()?;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    /// A formula's result as the sheet part saves it: none (a script appended
    /// it), an empty number (openpyxl), an empty string (`=IF(…;"";…)` as
    /// Excel and LibreOffice save it), a number.
    #[test]
    fn formulas_without_a_saved_result_are_told_from_empty_results() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.xlsx");
        let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let o = zip::write::SimpleFileOptions::default();
        let parts = [
            ("xl/workbook.xml", r#"<workbook><sheets><sheet name="Biểu 01" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
            (
                "xl/worksheets/sheet1.xml",
                r#"<worksheet><cols><col min="4" max="5" hidden="1"/></cols><sheetData><row r="9" hidden="1">
<c r="F9"><f>50.1+5</f></c><c r="G9"><f>1+1</f><v></v></c><c r="H9" t="str"><f>IF(C9="%","",1)</f><v></v></c>
<c r="I9"><f>2</f><v>2</v></c><c r="AA9"><f>3</f></c></row></sheetData></worksheet>"#,
            ),
        ];
        for (name, text) in parts {
            z.start_file(name, o).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap();
        let h = xlsx(&path, "Biểu 01");
        let unsaved: Vec<(u32, u32)> = h.unsaved_formulas.expect("the part was read").into_iter().collect();
        assert_eq!(unsaved, [(8, 5), (8, 6), (8, 26)], "F9, G9 and AA9; not H9 (an empty string result) nor I9");
        assert_eq!(h.rows.into_iter().collect::<Vec<_>>(), [8]);
        assert_eq!(h.cols.into_iter().collect::<Vec<_>>(), [3, 4]);
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
    }
}
