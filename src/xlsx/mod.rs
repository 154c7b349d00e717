//! The indicator table to and from spreadsheets (the district's biểu).
//!
//! - [`import`]: a filled-in biểu (xlsx, xls, ods) → an indicator file
//!   (`.chi-tieu.yaml`), read with calamine;
//! - [`export`]: the report's indicator tables → an xlsx workbook laid out like
//!   the biểu, written with rust_xlsxwriter, derived columns as formulas;
//! - [`numfmt`]: what a cell shows, from its stored value and number format;
//! - [`columns`]: the column set as data (header words, column numbers, formulas);
//! - [`ods`]: the percentage cells of an .ods, which calamine does not keep;
//! - [`hidden`]: the hidden rows of a sheet, which calamine does not keep.

pub mod columns;
pub mod export;
pub mod hidden;
pub mod import;
pub mod numfmt;
pub mod ods;

/// The column letters of a 0-based column index: 0 → "A", 26 → "AA".
pub fn column_name(mut c: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (c % 26) as u8) as char);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// The A1 name of a 0-based (row, column): (11, 3) → "D12".
pub fn cell_name(r: u32, c: u32) -> String {
    format!("{}{}", column_name(c), r + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 3), "D12");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
