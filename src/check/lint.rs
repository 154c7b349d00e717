//! NĐ 30 lints: what an experienced văn thư would mark in red.
//!
//! They work on the model: nơi nhận punctuation, the Tiêu ngữ's dashes, the
//! Party forms "T/M", "K/T". What the raw text shows ("ƣ" for "ư", legacy
//! TCVN3/VNI text) is found as the file is read ([`crate::model::source_text`]).

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};
use super::markers::{self, Place};
use crate::model::source_text::top_level_key_position;
use crate::model::{At, Block, Location, Report, Run, StyledRun, Text};

/// Lints on the report model; `text` is the report's YAML (to point at a
/// value that has no position of its own, such as `trich_yeu: []`).
pub fn lint_report(file: &Path, text: &str, report: &Report, diags: &mut Vec<Diagnostic>) {
    let needs_summary = report.loai.value.model().summary == crate::model::Presence::Required;
    if needs_summary && report.trich_yeu.iter().all(|l| is_blank(&l.value)) {
        let (line, column) = report.trich_yeu.first().map_or_else(
            || top_level_key_position(text, "trich_yeu").unwrap_or((report.loai.referenced.line(), report.loai.referenced.column())),
            |l| (l.referenced.line(), l.referenced.column()),
        );
        let heading = report.loai.value.heading();
        let (vi, en) = if heading.is_empty() {
            (
                format!("thiếu trích yếu: {} ghi trích yếu \"V/v …\" dưới số, ký hiệu (ô 5b)", report.loai.value.name()),
                format!("the trích yếu is missing: a {} states its subject as \"V/v …\" under the number (ô 5b)", report.loai.value.name()),
            )
        } else {
            (
                format!("thiếu trích yếu: dưới tên loại \"{heading}\" phải có trích yếu nội dung (ô 5a)"),
                format!("the trích yếu is missing: a {heading} states its subject under the type name (ô 5a)"),
            )
        };
        diags.push(
            Diagnostic::at(
                Severity::Error,
                Kind::MissingField,
                file,
                line,
                column,
                Msg::new(vi, en),
            )
            .with_hint(Msg::new("ví dụ: trich_yeu: [\"Tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023\"]", "e.g. trich_yeu: [\"Tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023\"]")),
        );
    }
    lint_blank_values(file, report, diags);
    lint_incomplete_signers(file, text, report, diags);
    for (key, lines) in [("trich_yeu", &report.trich_yeu), ("kinh_gui", &report.kinh_gui), ("kinh_moi", &report.kinh_moi), ("co_quan.ten", &report.co_quan.ten)] {
        lint_blank_lines(file, key, lines, diags);
    }
    lint_recipients(file, &report.noi_nhan, diags);
    lint_issuer_name(file, report, diags);
    for blocks in report.bodies() {
        lint_body_markers(file, blocks, 0, diags);
    }
    for signer in report.nguoi_ky.all() {
        for (prefix, line) in signer.authority_lines() {
            if let Some(line) = line {
                typed_marker(file, &line.value, line.referenced, Place::Authority(prefix), diags);
            }
        }
    }
    for line in &report.kinh_gui {
        typed_marker(file, &line.value, line.referenced, Place::Addressee, diags);
    }
    for name in report.nguoi_ky.all().iter().filter_map(|s| s.ho_ten.as_ref()) {
        lint_academic_title(file, name, diags);
    }
    if report.ket_thuc {
        lint_closing(file, &report.noi_dung, diags);
    }
    for blocks in report.bodies() {
        lint_empty(file, blocks, diags);
    }
    if let Some(motto) = &report.tieu_ngu {
        if motto.value.contains(['–', '—']) {
            diags.push(
                Diagnostic::error(
                    Kind::Format,
                    file,
                    motto.referenced,
                    Msg::new("Tiêu ngữ dùng gạch ngang dài (–); NĐ 30 dùng gạch nối \"-\" có dấu cách", "the Tiêu ngữ uses an en dash (–); NĐ 30 uses a hyphen \"-\" with spaces"),
                )
                .with_hint(Msg::new("viết: Độc lập - Tự do - Hạnh phúc", "write: Độc lập - Tự do - Hạnh phúc")),
            );
        }
    }
    let lines = report.nguoi_ky.all().iter().flat_map(|s| [&s.tm, &s.kt, &s.q, &s.tl, &s.tuq, &s.chuc_vu]);
    for line in lines.flatten() {
        let upper = line.value.to_uppercase();
        // "P.CHỦ TỊCH", "P. CHỦ TỊCH": an abbreviation NĐ 30 has no place for.
        if let Some(rest) = upper.trim_start().strip_prefix("P.") {
            let fixed = format!("PHÓ {}", rest.trim_start());
            diags.push(
                Diagnostic::warning(Kind::Format, file, line.referenced, Msg::new(
                    "chức vụ người ký viết đầy đủ, không viết tắt \"P.\"",
                    "the signer's title is written in full, not abbreviated \"P.\"",
                ))
                .with_hint(Msg::new(format!("viết: {fixed}"), format!("write: {fixed}"))),
            );
        }
        if upper.contains("T/M") || upper.contains("K/T") {
            diags.push(
                Diagnostic::error(
                    Kind::Format,
                    file,
                    line.referenced,
                    Msg::new(
                        "\"T/M\", \"K/T\" là cách viết của văn bản Đảng; văn bản hành chính viết \"TM.\", \"KT.\"",
                        "\"T/M\", \"K/T\" are the Party forms; administrative documents write \"TM.\", \"KT.\"",
                    ),
                )
                .with_hint(Msg::new(
                    "ghi tm: ỦY BAN NHÂN DÂN (vanban tự thêm \"TM.\")",
                    "write tm: ỦY BAN NHÂN DÂN (vanban adds \"TM.\")",
                )),
            );
        }
    }
}

/// What [`list_punctuation`] says of the last line and of the others.
pub(crate) struct ListWords {
    pub last: Msg,
    pub other: Msg,
}

/// Lines of a list (Nơi nhận, căn cứ) end with ";", the last one with "." (an
/// ellipsis ".." is not a full stop). A warning with the line as it should read.
pub(crate) fn list_punctuation(file: &Path, items: &[At<String>], words: ListWords, diags: &mut Vec<Diagnostic>) {
    // A blank line is said on its own (it should go); it has no punctuation.
    let items: Vec<&At<String>> = items.iter().filter(|i| !is_blank(&i.value)).collect();
    let last = items.len().saturating_sub(1);
    for (i, item) in items.into_iter().enumerate() {
        let text = item.value.trim_end();
        let want = if i == last { '.' } else { ';' };
        if text.ends_with(want) && !(i == last && text.ends_with("..")) {
            continue;
        }
        let fixed = format!("{}{want}", text.trim_end_matches([';', '.', ',', ':']));
        let message = if i == last { words.last.clone() } else { words.other.clone() };
        diags.push(
            Diagnostic::warning(Kind::Punctuation, file, item.referenced, message)
                .with_hint(Msg::new(format!("viết: \"{fixed}\""), format!("write: \"{fixed}\""))),
        );
    }
}

/// Each nơi nhận item ends with ";", the last one with ".".
fn lint_recipients(file: &Path, entries: &[crate::model::Entry], diags: &mut Vec<Diagnostic>) {
    use crate::model::Entry;
    // The lines that end ";" or "." in order: a group's lead ends ":" (vanban
    // adds it), its members are punctuated as the list's other items.
    let punctuated: Vec<At<String>> = entries
        .iter()
        .flat_map(|e| match e {
            Entry::Line(l) => vec![l.clone()],
            Entry::Group(g) => g.gom.clone(),
        })
        .collect();
    let items: Vec<At<String>> = crate::model::entry_lines(entries).into_iter().cloned().collect();
    list_punctuation(
        file,
        &punctuated,
        ListWords {
            last: Msg::new("mục cuối của nơi nhận phải kết thúc bằng dấu chấm \".\"", "the last nơi nhận item ends with \".\""),
            other: Msg::new("mỗi mục nơi nhận (trừ mục cuối) kết thúc bằng dấu chấm phẩy \";\"", "each nơi nhận item but the last ends with \";\""),
        },
        diags,
    );
    let last = items.len().saturating_sub(1);
    for (k, item) in items.iter().enumerate() {
        let text = item.value.trim_end();
        // "Lưu: VT, …" (PL I §II.9.b): the colon after "Lưu", the whole item
        // fixed in the hint (the last item's "." too).
        let bare = text.trim_start_matches(['-', ' ']);
        if let Some(rest) = bare.strip_prefix("Lưu ").or_else(|| bare.strip_prefix("lưu ")).filter(|r| !r.trim_start().starts_with(':')) {
            let mut fixed = format!("Lưu: {}", rest.trim_start());
            if k == last && !fixed.ends_with('.') {
                fixed = format!("{}.", fixed.trim_end_matches([';', ',']));
            }
            diags.push(
                Diagnostic::warning(
                    Kind::Punctuation,
                    file,
                    item.referenced,
                    Msg::new("mục lưu viết \"Lưu:\" (có dấu hai chấm), ví dụ \"Lưu: VT.\"", "the filing item is written \"Lưu:\" (with a colon), e.g. \"Lưu: VT.\""),
                )
                .with_hint(Msg::new(format!("viết: \"{fixed}\""), format!("write: \"{fixed}\""))),
            );
        }
        if text.starts_with('-') {
            diags.push(
                Diagnostic::warning(
                    Kind::Punctuation,
                    file,
                    item.referenced,
                    Msg::new("không cần gõ dấu \"-\" đầu mục: vanban tự thêm", "no need to type the leading \"-\": vanban adds it"),
                )
                .with_hint(Msg::new(
                    format!("viết: \"{}\"", text.trim_start_matches(['-', ' '])),
                    format!("write: \"{}\"", text.trim_start_matches(['-', ' '])),
                )),
            );
        }
    }
}

/// The text of a [`Text`]'s first run (where a typed marker stands).
fn first_text(text: &Text) -> Option<&str> {
    match text {
        Text::Plain(s) => Some(&s.value),
        Text::Runs(r) => r.runs.iter().map(run_text).find(|t| !t.trim().is_empty()),
    }
}

/// The text of a [`Text`]'s last run (where the closing mark goes).
fn last_text(text: &Text) -> Option<&str> {
    match text {
        Text::Plain(s) => Some(&s.value),
        // A summary sentence at the end is the last text; it ends with the full
        // stop resolve gives it.
        Text::Runs(r) => r.runs.iter().rfind(|run| matches!(run, Run::Styled(StyledRun::TomTat(_))) || !run_text(run).trim().is_empty()).map(|run| match run {
            Run::Styled(StyledRun::TomTat(_)) => ".",
            run => run_text(run),
        }),
    }
}

pub(super) fn run_text(run: &Run) -> &str {
    match run {
        Run::Plain(s) | Run::Styled(StyledRun::Dam(s) | StyledRun::Nghieng(s) | StyledRun::DamNghieng(s)) => s,
        Run::Styled(StyledRun::TomTat(_)) => "",
    }
}

/// Section titles and items that start with the number or marker vanban prints
/// before them ("I. I. NHỮNG…"): a warning; `resolve` drops the typed one.
fn lint_body_markers(file: &Path, blocks: &[Block], depth: usize, diags: &mut Vec<Diagnostic>) {
    let check = |text: &Text, place: Place, diags: &mut Vec<Diagnostic>| {
        if let Some(t) = first_text(text) {
            typed_marker(file, t, text.at(), place, diags);
        }
    };
    for block in blocks {
        match block {
            // Sections restart at I. in every part.
            Block::Phan(p) => lint_body_markers(file, &p.noi_dung, 0, diags),
            Block::Muc(s) => {
                check(&s.tieu_de, Place::Section(depth + 1), diags);
                lint_body_markers(file, &s.noi_dung, depth + 1, diags);
            }
            Block::Gach(t) => check(t, Place::Dash, diags),
            Block::Cong(t) => check(t, Place::Plus, diags),
            Block::Diem(t) => check(t, Place::Point, diags),
            _ => {}
        }
    }
}

pub(crate) fn typed_marker(file: &Path, text: &str, at: Location, place: Place, diags: &mut Vec<Diagnostic>) {
    let Some(len) = markers::typed_marker(text, place) else { return };
    let typed = text[..len].trim();
    let rest = text[len..].trim();
    let generated = place.example();
    let (vi, en) = match place {
        Place::Section(_) => (
            format!("tiêu đề đã có số \"{typed}\" gõ tay; vanban tự đánh số mục (ở đây dạng \"{generated}\"), nên đã bỏ số gõ tay để không in hai lần"),
            format!("the title starts with a typed number \"{typed}\"; vanban numbers sections itself (\"{generated}\" here), so it dropped the typed one rather than print it twice"),
        ),
        Place::Authority(_) | Place::Addressee => (
            format!("không cần gõ \"{typed}\": vanban tự in \"{generated}\"; đã bỏ phần gõ tay để không in hai lần"),
            format!("no need to type \"{typed}\": vanban prints \"{generated}\" itself; it dropped the typed one rather than print it twice"),
        ),
        _ => (
            format!("không cần gõ \"{typed}\" đầu mục: vanban tự thêm dấu đầu dòng (\"{generated}\"); đã bỏ phần gõ tay để không in hai lần"),
            format!("no need to type the leading \"{typed}\": vanban adds the marker (\"{generated}\") itself; it dropped the typed one rather than print it twice"),
        ),
    };
    diags.push(
        Diagnostic::warning(Kind::Punctuation, file, at, Msg::new(vi, en))
            .with_hint(Msg::new(format!("viết: \"{rest}\""), format!("write: \"{rest}\""))),
    );
}

/// The text the closing mark "./." is appended to: the last text of the body.
/// Mirrors `resolve`: the last block in reading order, if it holds text.
fn closing_text(blocks: &[Block]) -> Option<&Text> {
    match blocks.last()? {
        Block::Phan(p) if !p.noi_dung.is_empty() => closing_text(&p.noi_dung),
        Block::Muc(s) if !s.noi_dung.is_empty() => closing_text(&s.noi_dung),
        Block::Muc(s) => Some(s.chay_tiep.as_ref().unwrap_or(&s.tieu_de)),
        Block::Doan(t) | Block::Gach(t) | Block::Cong(t) | Block::Diem(t) => Some(t),
        _ => None,
    }
}

/// The last sentence ends with a typed "./." or with ";", ":", ",": vanban puts
/// the closing mark there itself, so it drops them (`resolve`) and says so.
fn lint_closing(file: &Path, blocks: &[Block], diags: &mut Vec<Diagnostic>) {
    let Some(text) = closing_text(blocks) else { return };
    let Some(last) = last_text(text) else { return };
    let t = last.trim_end();
    let (vi, en) = if t.ends_with("./.") {
        (
            "không cần gõ \"./.\" cuối văn bản: vanban tự thêm (ket_thuc); đã bỏ phần gõ tay để không in \"././.\"".to_owned(),
            "no need to type \"./.\" at the end: vanban adds it (ket_thuc); it dropped the typed one rather than print \"././.\"".to_owned(),
        )
    } else if let Some(p) = t.chars().last().filter(|c| matches!(c, ';' | ':' | ',')) {
        (
            format!("câu cuối của văn bản kết thúc bằng \"{p}\"; vanban đã thay bằng dấu kết thúc \"./.\""),
            format!("the last sentence ends with \"{p}\"; vanban replaced it with the closing mark \"./.\""),
        )
    } else {
        return;
    };
    let fixed = markers::before_closing_mark(t);
    diags.push(
        Diagnostic::warning(Kind::Punctuation, file, text.at(), Msg::new(vi, en))
            .with_hint(Msg::new(format!("kết thúc câu cuối: \"…{}\"", tail(fixed)), format!("end the last sentence: \"…{}\"", tail(fixed)))),
    );
}

/// The last few words of a sentence, for a hint.
fn tail(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words[words.len().saturating_sub(4)..].join(" ") + "."
}

/// The line and column of the value of the first `key:` at or after `from_line`.
pub fn key_position(text: &str, key: &str, from_line: u64) -> Option<(u64, u64)> {
    let pattern = format!("{key}:");
    text.lines().enumerate().skip(from_line.saturating_sub(1) as usize).find_map(|(i, line)| {
        let start = line.find(&pattern)?;
        let before = &line[..start];
        if !before.chars().all(|c| c == ' ' || c == '-' || c == '{' || c == ',') {
            return None;
        }
        let value = start + pattern.len();
        let value = value + line[value..].len() - line[value..].trim_start().len();
        Some((i as u64 + 1, line[..value].chars().count() as u64 + 1))
    })
}

/// Titles left empty and sections with nothing in them: printed as a bare
/// number ("II.") or not at all, which is never what was meant.
fn lint_empty(file: &Path, blocks: &[Block], diags: &mut Vec<Diagnostic>) {
    for block in blocks {
        let (title, content, run_in, what) = match block {
            Block::Phan(p) => (&p.tieu_de, &p.noi_dung, None, ("phần", "part")),
            Block::Muc(s) => (&s.tieu_de, &s.noi_dung, s.chay_tiep.as_ref(), ("mục", "section")),
            _ => continue,
        };
        let blank = text_is_blank;
        if blank(title) {
            diags.push(
                Diagnostic::warning(
                    Kind::Empty,
                    file,
                    title.at(),
                    Msg::new(format!("tiêu đề {} để trống: chỉ in ra số", what.0), format!("the {} title is empty: only its number prints", what.1)),
                )
                .with_hint(Msg::new("ghi tiêu đề, ví dụ: tieu_de: \"KẾT QUẢ THỰC HIỆN\"", "write the title, e.g. tieu_de: \"KẾT QUẢ THỰC HIỆN\"")),
            );
        }
        if content.is_empty() && run_in.is_none_or(blank) {
            diags.push(
                Diagnostic::warning(
                    Kind::Empty,
                    file,
                    title.at(),
                    Msg::new(format!("{} này không có nội dung (noi_dung trống)", what.0), format!("this {} has no content (noi_dung is empty)", what.1)),
                )
                .with_hint(Msg::new(
                    "thêm nội dung (noi_dung: [- doan: \"…\"]), ghi nội dung ngay sau tiêu đề (chay_tiep: \"…\"), hoặc xóa mục này",
                    "add content (noi_dung: [- doan: \"…\"]), write it after the title (chay_tiep: \"…\"), or delete it",
                )),
            );
        }
        // "1. Công an xã" + chay_tiep "Là cơ quan…" prints "1. Công an xã Là
        // cơ quan…": the title needs its colon or full stop.
        let text_of = |t: &Text| match t {
            Text::Plain(s) => s.value.trim().to_owned(),
            Text::Runs(r) => r.runs.iter().map(run_text).collect::<String>().trim().to_owned(),
        };
        if let Some(run_in) = run_in.filter(|r| !blank(r) && !blank(title)) {
            let (head, tail) = (text_of(title), text_of(run_in));
            let separated = head.ends_with([':', '.', ';', ',', '?', '!', ')', '-', '–']) || tail.starts_with([':', '.', ';', ',', '-', '–', '(']);
            if !separated {
                diags.push(
                    Diagnostic::warning(
                        Kind::Punctuation,
                        file,
                        run_in.at(),
                        Msg::new(
                            format!("nội dung chạy tiếp in liền sau tiêu đề mà không có dấu ngăn: \"{head} {}…\"", tail.chars().take(20).collect::<String>()),
                            format!("the run-in text prints right after the title with nothing between: \"{head} {}…\"", tail.chars().take(20).collect::<String>()),
                        ),
                    )
                    .with_hint(Msg::new(
                        format!("kết thúc tiêu đề bằng dấu hai chấm hoặc dấu chấm: tieu_de: \"{head}:\""),
                        format!("end the title with a colon or a full stop: tieu_de: \"{head}:\""),
                    )),
                );
            }
        }
        lint_empty(file, content, diags);
    }
}

/// The first block of the body that prints more than a title, in reading order.
fn first_content(blocks: &[Block]) -> Option<&Block> {
    for block in blocks {
        match block {
            Block::Phan(p) => match first_content(&p.noi_dung) {
                Some(b) => return Some(b),
                None => continue,
            },
            Block::Muc(s) if s.chay_tiep.is_none() => match first_content(&s.noi_dung) {
                Some(b) => return Some(b),
                None => continue,
            },
            b => return Some(b),
        }
    }
    None
}

/// A landscape table as the first content: `resolve` prints it portrait, since
/// page 1 (portrait, with the header) would be left empty under the title.
/// Academic titles and degrees before the signer's name: NĐ 30 (ô 7b) prints
/// the name alone ("không ghi học hàm, học vị và các danh hiệu danh dự khác").
/// Abbreviations of a body's kind and their full form.
const BODY_ABBREVIATIONS: &[(&str, &str)] =
    &[("UBND", "ỦY BAN NHÂN DÂN"), ("HĐND", "HỘI ĐỒNG NHÂN DÂN"), ("MTTQ", "MẶT TRẬN TỔ QUỐC"), ("BCH", "BAN CHỈ HUY"), ("BCĐ", "BAN CHỈ ĐẠO")];

/// The issuing body's name (ô 2): written in full, only the cơ quan chủ quản
/// may be abbreviated (PL I §II.2.a); and, where the text speaks it as a
/// running sentence ("Ủy ban nhân dân xã … trân trọng kính mời"), words whose
/// capitals vanban does not know (PL II §IV.1) are left to `ten_goi`.
fn lint_issuer_name(file: &Path, report: &Report, diags: &mut Vec<Diagnostic>) {
    for line in &report.co_quan.ten {
        let Some((short, _)) = line.value.split_whitespace().find_map(|w| BODY_ABBREVIATIONS.iter().find(|(a, _)| *a == w)) else {
            continue;
        };
        let full_of = |w: &str| BODY_ABBREVIATIONS.iter().find(|(a, _)| *a == w).map(|(_, f)| (*f).to_owned());
        let written = line.value.split_whitespace().map(|w| full_of(w).unwrap_or_else(|| w.to_owned())).collect::<Vec<_>>().join(" ");
        diags.push(
            Diagnostic::warning(Kind::Format, file, line.referenced, Msg::new(
                format!("tên cơ quan ban hành viết đầy đủ, không viết tắt \"{short}\" (NĐ 30, Phụ lục I, mục II.2; chỉ tên cơ quan chủ quản, chu_quan, được viết tắt)"),
                format!("the issuing body's name is written in full, not as \"{short}\" (NĐ 30, Phụ lục I, II.2; only the parent body, chu_quan, may be abbreviated)"),
            ))
            .with_hint(Msg::new(format!("viết: \"{written}\""), format!("write: \"{written}\""))),
        );
    }
    if report.co_quan.ten_goi.is_some() || !crate::resolve::type_parts::speaks_issuer_name(report) {
        return;
    }
    let Some(first) = report.co_quan.ten.first() else { return };
    let name = crate::resolve::names::running_text(&crate::resolve::type_parts::issuer_upper(report));
    if name.doubtful.is_empty() {
        return;
    }
    let words = name.doubtful.join(" ");
    diags.push(
        Diagnostic::warning(Kind::Format, file, first.referenced, Msg::new(
            format!("câu mở đầu viết tên cơ quan là \"{}\": vanban không biết cách viết hoa \"{words}\" (Phụ lục II, mục IV: viết hoa chữ đầu của từ chỉ loại hình, chức năng, lĩnh vực của cơ quan)", name.text),
            format!("the opening sentence names the body \"{}\": vanban does not know the capitals of \"{words}\" (Phụ lục II, IV: capitals on the words for the body's kind, function and field)", name.text),
        ))
        .with_hint(Msg::new(
            format!("ghi tên như trong câu văn, ví dụ: co_quan: {{ …, ten_goi: \"{}\" }}", name.text),
            format!("write the name as running text, e.g. co_quan: {{ …, ten_goi: \"{}\" }}", name.text),
        )),
    );
}

const ACADEMIC_TITLES: &[&str] = &["GS.TS.", "PGS.TS.", "GS.", "PGS.", "TS.", "ThS.", "Ths.", "CN.", "KS.", "BS.", "DS.", "NCS.", "TSKH."];

fn lint_academic_title(file: &Path, name: &At<String>, diags: &mut Vec<Diagnostic>) {
    let text = name.value.trim_start();
    let Some(title) = ACADEMIC_TITLES.iter().find(|t| text.starts_with(*t)) else { return };
    let rest = text[title.len()..].trim_start();
    if rest.is_empty() {
        return;
    }
    diags.push(
        Diagnostic::warning(Kind::Format, file, name.referenced, Msg::new(
            format!("không ghi học hàm, học vị (\"{title}\") trước họ tên người ký (NĐ 30, ô 7b)"),
            format!("no academic title or degree (\"{title}\") before the signer's name (NĐ 30, ô 7b)"),
        ))
        .with_hint(Msg::new(format!("viết: ho_ten: {rest}"), format!("write: ho_ten: {rest}"))),
    );
}

/// A signer written without a title or without a name. NĐ 30 (Phụ lục I,
/// mục II.8) prints the signer's authority and title above the signature and
/// the name below it; `nguoi_ky: {}` printed no block at all, and a forgotten
/// `chuc_vu` left the signature under a bare "TM. ỦY BAN NHÂN DÂN". "Q. CHỦ
/// TỊCH" is a whole title. A missing `ho_ten` is a warning: the name may be
/// written by hand, but then `ho_ten: ""` says so.
fn lint_incomplete_signers(file: &Path, text: &str, report: &Report, diags: &mut Vec<Diagnostic>) {
    let signers = report.nguoi_ky.all();
    let block = top_level_key_position(text, "nguoi_ky").unwrap_or((report.loai.referenced.line(), report.loai.referenced.column()));
    for (i, s) in signers.iter().enumerate() {
        let which = match signers.len() {
            1 => (String::from("người ký"), String::from("the signer")),
            _ => (format!("người ký thứ {}", i + 1), format!("signer {}", i + 1)),
        };
        // Where the signer is written: its first key, else `nguoi_ky:`.
        let first = [&s.tm, &s.kt, &s.q, &s.tl, &s.tuq, &s.chuc_vu, &s.ho_ten]
            .into_iter()
            .flatten()
            .map(|l| (l.referenced.line(), l.referenced.column()))
            .min()
            .unwrap_or(block);
        if s.chuc_vu.is_none() && s.q.is_none() {
            let (vi, en) = if s.ho_ten.is_none() && s.authority_lines().iter().all(|(_, l)| l.is_none()) {
                (format!("{} chưa có chức vụ và họ tên: trang sẽ không có khối chữ ký", which.0), format!("{} has no title and no name: the page would have no signature block", which.1))
            } else {
                (format!("{} thiếu chức vụ (`chuc_vu`): trên chữ ký chỉ có quyền hạn, không có chức vụ", which.0), format!("{} has no title (`chuc_vu`): the signature would stand under no title", which.1))
            };
            diags.push(
                Diagnostic::at(Severity::Error, Kind::MissingField, file, first.0, first.1, Msg::new(vi, en))
                    .with_hint(Msg::new("ví dụ: nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A }", "e.g. nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A }")),
            );
        } else if s.ho_ten.is_none() {
            diags.push(
                Diagnostic::at(Severity::Warning, Kind::MissingField, file, first.0, first.1, Msg::new(
                    format!("{} thiếu họ tên (`ho_ten`): dưới chữ ký để trống", which.0),
                    format!("{} has no name (`ho_ten`): the line under the signature is left empty", which.1),
                ))
                .with_hint(Msg::new("ghi ho_ten: Nguyễn Văn A; nếu tên sẽ viết tay sau khi ký, ghi ho_ten: \"\"", "write ho_ten: Nguyễn Văn A; if the name is written by hand after signing, write ho_ten: \"\"")),
            );
        }
    }
}

/// Whether a value prints nothing: spaces of any kind (the no-break space too)
/// and invisible characters (zero-width space, word joiner, BOM, soft hyphen).
pub fn is_blank(s: &str) -> bool {
    // The invisible characters are the ones loading removes (one list).
    s.chars().all(|c| c.is_whitespace() || crate::model::source_text::is_invisible(c))
}

/// Values written but blank where the page needs them: `dia_danh: ""` prints
/// ", ngày … tháng …", `viet_tat: " "` prints "Số: /BC-", `tm: " "` a bare
/// "TM.". These are errors, as a missing key is. (A blank `ho_ten` is allowed:
/// the name is written by hand after signing.) A blank paragraph or list item
/// in the body prints an empty line: a warning.
fn lint_blank_values(file: &Path, report: &Report, diags: &mut Vec<Diagnostic>) {
    let error = |key: &str, at: &At<String>, hint: Msg| {
        Diagnostic::error(Kind::Empty, file, at.referenced, Msg::new(format!("`{key}` để trống: trên trang sẽ thiếu chữ ở chỗ này"), format!("`{key}` is blank: the page would miss its text here")))
            .with_hint(hint)
    };
    if is_blank(&report.dia_danh.value) {
        diags.push(error("dia_danh", &report.dia_danh, Msg::new("viết địa danh nơi ban hành, ví dụ: dia_danh: An Bình", "write the place of issue, e.g. dia_danh: An Bình")));
    }
    if is_blank(&report.co_quan.viet_tat.value) {
        diags.push(error("co_quan.viet_tat", &report.co_quan.viet_tat, Msg::new("viết chữ viết tắt tên cơ quan, ví dụ: viet_tat: UBND", "write the body's abbreviation, e.g. viet_tat: UBND")));
    }
    if !report.co_quan.ten.is_empty() && report.co_quan.ten.iter().all(|l| is_blank(&l.value)) {
        diags.push(error("co_quan.ten", &report.co_quan.ten[0], Msg::new("viết tên cơ quan, ví dụ: ten: [\"ỦY BAN NHÂN DÂN\", \"XÃ AN BÌNH\"]", "write the body's name, e.g. ten: [\"ỦY BAN NHÂN DÂN\", \"XÃ AN BÌNH\"]")));
    }
    for signer in report.nguoi_ky.all() {
        for (prefix, line) in signer.authority_lines() {
            if let Some(line) = line.filter(|l| is_blank(&l.value)) {
                let key = prefix.trim_end_matches('.').to_lowercase();
                diags.push(error(&format!("nguoi_ky.{key}"), line, Msg::new(
                    format!("viết tên tập thể hoặc chức vụ sau \"{prefix}\" (ví dụ: {key}: CHỦ TỊCH), hoặc bỏ khóa `{key}`"),
                    format!("write the body or title after \"{prefix}\" (e.g. {key}: CHỦ TỊCH), or leave the key `{key}` out"),
                )));
            }
        }
        if let Some(line) = signer.chuc_vu.as_ref().filter(|l| is_blank(&l.value)) {
            diags.push(error("nguoi_ky.chuc_vu", line, Msg::new("viết chức vụ người ký, ví dụ: chuc_vu: CHỦ TỊCH", "write the signer's title, e.g. chuc_vu: CHỦ TỊCH")));
        }
    }
    for item in crate::model::entry_lines(&report.noi_nhan).into_iter().filter(|i| is_blank(&i.value)) {
        diags.push(
            Diagnostic::warning(Kind::Empty, file, item.referenced, Msg::new("mục nơi nhận trống: in ra một dấu \"-\" không có chữ", "a blank nơi nhận item: a bare \"-\" is printed"))
                .with_hint(Msg::new("xóa dòng này, hoặc ghi nơi nhận vào", "delete the line, or write the recipient")),
        );
    }
    let mut stack: Vec<&[Block]> = report.bodies().collect();
    while let Some(blocks) = stack.pop() {
        for block in blocks {
            match block {
                Block::Phan(p) => stack.push(&p.noi_dung),
                Block::Muc(m) => stack.push(&m.noi_dung),
                Block::Doan(t) | Block::Gach(t) | Block::Diem(t) if text_is_blank(t) => diags.push(
                    Diagnostic::warning(Kind::Empty, file, t.at(), Msg::new("đoạn văn trống: in ra một dòng trống", "a blank paragraph: an empty line is printed"))
                        .with_hint(Msg::new("xóa mục này, hoặc ghi nội dung vào", "delete the item, or write its text")),
                ),
                _ => {}
            }
        }
    }
}

/// A [`Text`] that prints nothing (a `tom_tat` run prints vanban's sentence).
fn text_is_blank(t: &Text) -> bool {
    match t {
        Text::Plain(s) => is_blank(&s.value),
        Text::Runs(r) => r.runs.iter().all(|run| is_blank(run_text(run)) && !matches!(run, Run::Styled(StyledRun::TomTat(_)))),
    }
}

/// A blank line among written ones (`kinh_gui: ["UBND huyện", ""]`) prints
/// nothing: said, at the blank line, rather than dropped without a word. (A
/// key whose lines are all blank is a missing value, said where it is required.)
fn lint_blank_lines(file: &Path, key: &str, lines: &[crate::model::At<String>], diags: &mut Vec<Diagnostic>) {
    if lines.iter().all(|l| is_blank(&l.value)) {
        return;
    }
    for line in lines.iter().filter(|l| is_blank(&l.value)) {
        diags.push(
            Diagnostic::warning(
                Kind::Empty,
                file,
                line.referenced,
                Msg::new(format!("dòng trống trong `{key}`: không in ra"), format!("a blank line in `{key}`: nothing is printed for it")),
            )
            .with_hint(Msg::new("xóa dòng này, hoặc ghi nội dung vào", "delete the line, or write its text")),
        );
    }
}

pub fn lint_first_landscape(loaded: &crate::model::load::LoadedReport, diags: &mut Vec<Diagnostic>) {
    use crate::model::TableSource;
    let file = loaded.file.as_path();
    let (table_file, ngang) = match first_content(&loaded.report.noi_dung) {
        Some(Block::Bang(t)) => (file, &t.ngang),
        Some(Block::BangChiTieu(b)) => match (&b.source, loaded.table_file(b.id)) {
            (TableSource::Inline(t), _) => (file, &t.ngang),
            (TableSource::File(_), Some(t)) => (t.file.as_path(), &t.table.ngang),
            (TableSource::File(_), None) => return,
        },
        _ => return,
    };
    let Some(ngang) = ngang.as_ref().filter(|n| n.value) else { return };
    diags.push(
        Diagnostic::warning(
            Kind::Format,
            table_file,
            ngang.referenced,
            Msg::new(
                "bảng ngang đứng đầu nội dung sẽ để trống trang 1 dưới tiêu đề (trang 1 là trang dọc có phần đầu văn bản); vanban in bảng này theo khổ dọc",
                "a landscape table as the first content would leave page 1 (the portrait page with the header) empty under the title; vanban prints it portrait",
            ),
        )
        .with_hint(Msg::new(
            "để in ngang, đặt một đoạn văn trước bảng; nếu không, bỏ `ngang: true`",
            "to print it landscape, put a paragraph before it; otherwise drop `ngang: true`",
        )),
    );
}
