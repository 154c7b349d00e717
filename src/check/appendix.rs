//! Checks of the phụ lục (NĐ 30, Phụ lục I §III.1): each has content, and the
//! text they belong to points at them ("Trường hợp văn bản có Phụ lục kèm theo
//! thì trong văn bản phải có chỉ dẫn về Phụ lục đó").

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};
use crate::model::{Block, Report, Text};

pub fn check_appendices(file: &Path, text: &str, report: &Report, diags: &mut Vec<Diagnostic>) {
    if report.phu_luc.is_empty() {
        return;
    }
    let key = crate::model::source_text::top_level_key_position(text, "phu_luc").unwrap_or((report.loai.referenced.line(), report.loai.referenced.column()));
    let count = report.phu_luc.len();
    for (i, appendix) in report.phu_luc.iter().enumerate() {
        let label = crate::resolve::appendix_label(i, count);
        let at = appendix.tieu_de.first().map_or(key, |t| (t.referenced.line(), t.referenced.column()));
        if appendix.noi_dung.is_empty() {
            diags.push(
                Diagnostic::at(
                    Severity::Error,
                    Kind::Empty,
                    file,
                    at.0,
                    at.1,
                    Msg::new(format!("{label} không có nội dung (noi_dung trống)"), format!("{label} has no content (noi_dung is empty)")),
                )
                .with_hint(Msg::new(
                    "ghi nội dung phụ lục dưới noi_dung:, ví dụ: noi_dung: [- bang: {cot: […], dong: […]}], hoặc bỏ phụ lục này",
                    "write the appendix's content under noi_dung:, e.g. noi_dung: [- bang: {cot: […], dong: […]}], or remove this appendix",
                )),
            );
        }
        for line in &appendix.tieu_de {
            if line.value.trim().is_empty() {
                diags.push(
                    Diagnostic::at(
                        Severity::Warning,
                        Kind::Empty,
                        file,
                        line.referenced.line(),
                        line.referenced.column(),
                        Msg::new(format!("một dòng tên của {label} để trống"), format!("a line of the name of {label} is empty")),
                    )
                    .with_hint(Msg::new("bỏ dòng trống, hoặc ghi tên phụ lục", "remove the empty line, or write the appendix's name")),
                );
            }
        }
    }
    if !mentions_appendix(report) {
        let vi_example = if count > 1 { "\"(chi tiết tại Phụ lục I kèm theo)\"" } else { "\"(chi tiết tại Phụ lục kèm theo)\"" };
        diags.push(
            Diagnostic::at(
                Severity::Warning,
                Kind::Format,
                file,
                key.0,
                key.1,
                Msg::new(
                    "văn bản có phụ lục nhưng nội dung không nhắc đến phụ lục nào (NĐ 30, Phụ lục I, mục III.1: văn bản phải có chỉ dẫn về phụ lục)",
                    "the document has an appendix (phụ lục) but its text never refers to it (NĐ 30, Appendix I, III.1: the text must point to each appendix)",
                ),
            )
            .with_hint(Msg::new(
                format!("ghi ở chỗ nội dung dẫn tới phụ lục, ví dụ: {vi_example}"),
                format!("say where the text relies on it, e.g. {vi_example}"),
            )),
        );
    }
}

/// Whether the body, an article or the căn cứ says "phụ lục" anywhere.
fn mentions_appendix(r: &Report) -> bool {
    let says = |s: &str| s.to_lowercase().contains("phụ lục");
    let text_says = |t: &Text| match t {
        Text::Plain(s) => says(&s.value),
        Text::Runs(runs) => runs.runs.iter().any(|run| says(super::lint::run_text(run))),
    };
    let body = crate::model::walk(&r.noi_dung).any(|b| match b {
        Block::Phan(p) => text_says(&p.tieu_de),
        Block::Muc(s) => text_says(&s.tieu_de) || s.chay_tiep.as_ref().is_some_and(text_says),
        Block::Doan(t) | Block::Gach(t) | Block::Cong(t) | Block::Diem(t) => text_says(t),
        Block::Bang(t) => t.tieu_de.as_ref().is_some_and(|c| says(&c.value)),
        Block::BangChiTieu(_) => false,
    });
    body || r.dieu.iter().any(|a| says(&a.all_text())) || r.can_cu.iter().any(|c| says(&c.value))
}
