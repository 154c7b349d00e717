//! What calamine does not keep of an .ods sheet: which cells are percentages,
//! and which are merged.
//! An .ods stores 92,8 % as `office:value="0.928"` with
//! `office:value-type="percentage"`; calamine gives 0.928 and drops the type,
//! so a rate column would import a hundred times too small. A merged cell is
//! `table:number-columns-spanned`/`table:number-rows-spanned` on its first
//! cell; without them a header's spanning label ("Thực hiện năm 2023" over four
//! columns) and a name merged down over a row per unit are lost.

use std::collections::HashSet;
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};

/// More rows or columns than this from one repeat are blank padding
/// (LibreOffice repeats the last empty row to row 1 048 576).
const MAX_REPEAT: u32 = 4096;

/// What an .ods sheet says of its cells beyond their values.
#[derive(Debug, Default)]
pub struct OdsCells {
    /// The (row, column) of every percentage cell, 0-based as calamine counts them.
    pub percent: HashSet<(u32, u32)>,
    /// The merged regions.
    pub merges: Vec<Dimensions>,
}

/// The (row, column) of every percentage cell of `sheet` in the .ods at
/// `path`, 0-based as calamine counts them; empty when the file cannot be read.
pub fn percent_cells(path: &Path, sheet: &str) -> HashSet<(u32, u32)> {
    cells(path, sheet).percent
}

/// The percentage cells and merged regions of `sheet` in the .ods at `path`;
/// empty when the file cannot be read.
pub fn cells(path: &Path, sheet: &str) -> OdsCells {
    let mut out = OdsCells::default();
    let Some(xml) = content_xml(path) else { return out };
    let found = &mut out.percent;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut in_sheet, mut row, mut col, mut rows_repeated) = (false, 0u32, 0u32, 1u32);
    // Tables inside a cell of the sheet (calamine skips a cell's content):
    // how deep, their rows and cells not counted.
    let mut nested = 0u32;
    loop {
        let (start, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    b"table:table" if in_sheet && nested > 0 => nested -= 1,
                    b"table:table-row" if in_sheet && nested == 0 => row = row.saturating_add(rows_repeated),
                    b"table:table" if in_sheet => break,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        if in_sheet && nested > 0 {
            if start.name().as_ref() == b"table:table" && !empty {
                nested += 1;
            }
            continue;
        }
        match start.name().as_ref() {
            b"table:table" if in_sheet => nested += u32::from(!empty),
            b"table:table" => in_sheet = attribute(&start, "table:name").as_deref() == Some(sheet),
            b"table:table-row" if in_sheet => {
                col = 0;
                rows_repeated = repeat(&start, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(rows_repeated);
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" if in_sheet => {
                let columns = repeat(&start, "table:number-columns-repeated");
                let (across, down) = (repeat(&start, "table:number-columns-spanned"), repeat(&start, "table:number-rows-spanned"));
                if (across > 1 || down > 1) && across <= MAX_REPEAT && down <= MAX_REPEAT {
                    out.merges.push(Dimensions::new((row, col), (row.saturating_add(down - 1), col.saturating_add(across - 1))));
                }
                if attribute(&start, "office:value-type").as_deref() == Some("percentage") {
                    for r in row..row.saturating_add(rows_repeated.min(MAX_REPEAT)) {
                        for c in col..col.saturating_add(columns.min(MAX_REPEAT)) {
                            found.insert((r, c));
                        }
                    }
                }
                col = col.saturating_add(columns);
            }
            _ => {}
        }
    }
    out
}

fn content_xml(path: &Path) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    super::hidden::part_text(&mut zip, "content.xml")
}

pub(super) fn attribute(start: &BytesStart, name: &str) -> Option<String> {
    let a = start.try_get_attribute(name).ok()??;
    let raw = std::str::from_utf8(&a.value).ok()?;
    quick_xml::escape::unescape(raw).ok().map(|v| v.into_owned())
}

fn repeat(start: &BytesStart, name: &str) -> u32 {
    attribute(start, name).and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or(1)
}
