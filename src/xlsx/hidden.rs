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
}

/// The hidden rows and columns of `sheet` in the .xlsx at `path`; empty when
/// the file cannot be read.
pub fn xlsx(path: &Path, sheet: &str) -> Hidden {
    let mut hidden = Hidden::default();
    let Some(mut zip) = std::fs::File::open(path).ok().and_then(|f| zip::ZipArchive::new(f).ok()) else { return hidden };
    let Some(part) = sheet_part(&mut zip, sheet) else { return hidden };
    let Some(xml) = part_text(&mut zip, &part) else { return hidden };
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
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
            Ok(Event::Eof) | Err(_) => break,
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
