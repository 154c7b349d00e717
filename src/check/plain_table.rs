//! Checks of plain tables (`bang`): one cell per column, no bare floats.

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg};
use crate::model::{Block, CellInput, PlainTable};

/// Walks the body and checks every plain table.
pub fn check_blocks(file: &Path, blocks: &[Block], diags: &mut Vec<Diagnostic>) {
    for block in blocks {
        match block {
            Block::Phan(p) => check_blocks(file, &p.noi_dung, diags),
            Block::Muc(s) => check_blocks(file, &s.noi_dung, diags),
            Block::Bang(t) => check_table(file, t, diags),
            _ => {}
        }
    }
}

fn check_table(file: &Path, table: &PlainTable, diags: &mut Vec<Diagnostic>) {
    let columns = table.cot.len();
    if columns == 0 {
        if let Some(first) = table.dong.first() {
            diags.push(Diagnostic::error(
                Kind::MissingField,
                file,
                first.referenced,
                Msg::new("bảng không có cột nào (`cot`)", "the table has no columns (`cot`)"),
            ).with_hint(Msg::new("thêm cot: [{ ten: \"TT\" }, { ten: \"Nội dung\" }]", "add cot: [{ ten: \"TT\" }, { ten: \"Nội dung\" }]")));
        }
        return;
    }
    for column in &table.cot {
        if let Some(w) = &column.rong {
            if w.value == 0 {
                diags.push(Diagnostic::error(
                    Kind::WrongType,
                    file,
                    w.referenced,
                    Msg::new("độ rộng cột phải lớn hơn 0", "a column width must be above 0"),
                ).with_hint(Msg::new("ví dụ: rong: 2", "e.g. rong: 2")));
            }
        }
    }
    for row in &table.dong {
        if row.value.len() != columns {
            diags.push(
                Diagnostic::error(
                    Kind::WrongType,
                    file,
                    row.referenced,
                    Msg::new(
                        format!("dòng có {} ô nhưng bảng có {columns} cột", row.value.len()),
                        format!("the row has {} cells but the table has {columns} columns", row.value.len()),
                    ),
                )
                .with_hint(Msg::new("mỗi dòng ghi đúng một ô cho mỗi cột; ô trống ghi \"\"", "write one cell per column; an empty cell is \"\"")),
            );
        }
        for cell in &row.value {
            match &cell.value {
                CellInput::BareFloat => diags.push(
                    Diagnostic::error(
                        Kind::BareFloat,
                        file,
                        cell.referenced,
                        Msg::new(
                            "số thập phân không có ngoặc kép: YAML đọc nó theo kiểu Anh (dấu chấm là dấu thập phân)",
                            "unquoted decimal: YAML reads it in English notation (the dot as decimal point)",
                        ),
                    )
                    .with_hint(Msg::new("đặt trong ngoặc kép, như muốn in ra: \"4.150\", \"5,5\"", "quote it as it should print: \"4.150\", \"5,5\"")),
                ),
                CellInput::Other => diags.push(Diagnostic::error(
                    Kind::WrongType,
                    file,
                    cell.referenced,
                    Msg::new("ô bảng phải là chữ hoặc số", "a table cell must be text or a number"),
                ).with_hint(Msg::new("đặt trong ngoặc kép: \"có\"", "quote it: \"có\""))),
                _ => {}
            }
        }
    }
}
