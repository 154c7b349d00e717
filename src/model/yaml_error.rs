//! serde-saphyr's errors in the user's terms: kind, place, and what to write.
//!
//! The error's variant is matched (not its text), so unknown keys get their
//! did-you-mean from the list of keys allowed there. Where the parser's position
//! is not the place to fix, it is moved to the offending value:
//! - an unclosed quote or bracket: the parser stops lines later, at whatever the
//!   runaway string or list swallowed; the scanner below finds the opening mark;
//! - a tab: the parser may stop at the end of the line before the tab;
//! - a missing field: the parser points at the last key of the mapping; the
//!   mapping itself starts at its first key (or at a mis-indented copy of the
//!   missing key just below it).

use std::path::Path;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::Error as YamlError;

use crate::diag::{Diagnostic, Kind, Msg, Severity};

/// The closest known name, if one is close enough to be a typo. Names are
/// compared as keys are written: lower case, no diacritics, words joined by
/// "_", so `người ký:`, `DIA_DANH:` and `loai: Báo cáo` find `nguoi_ky`,
/// `dia_danh` and `bao_cao`.
pub fn did_you_mean(unknown: &str, known: &[String]) -> Option<String> {
    let unknown = key_form(unknown);
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&unknown, k), k))
        .filter(|(dist, k)| *dist <= 2.max(k.chars().count() / 3))
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, k)| k.clone())
}

/// "Người ký" → "nguoi_ky": the header folding import uses (lower case, no
/// diacritics, đ → d), words joined by "_".
pub fn key_form(name: &str) -> String {
    crate::xlsx::columns::normalise(name).replace(' ', "_")
}

/// The parser's message without the " at line X, column Y …" it appends.
fn core_message(err: &YamlError) -> String {
    let raw = err.to_string();
    let first = raw.lines().next().unwrap_or("").trim();
    let cut = [" at line ", " (defined at line "].iter().filter_map(|m| first.find(m)).min().map_or(first, |i| &first[..i]);
    cut.trim().to_owned()
}

/// The text of the value the error points at, as written (first line, shortened).
fn value_text(text: &str, err: &YamlError) -> Option<String> {
    let span = err.location()?.span();
    let (offset, len) = (usize::try_from(span.offset()).ok()?, usize::try_from(span.len()).ok()?);
    if len == 0 || len > 100_000 {
        return None;
    }
    let value: String = text.chars().skip(offset).take(len.min(60)).take_while(|c| *c != '\n').collect();
    // The message puts its own quotes around it.
    let value = value.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then(|| value.to_owned())
}

fn syntax_hint(text: &str, line: u64) -> Msg {
    let source_line = text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");
    if source_line.trim_start_matches(' ').starts_with('\t') {
        Msg::new("YAML không cho phép thụt lề bằng phím Tab; dùng dấu cách", "YAML does not allow tab indentation; use spaces")
    } else {
        Msg::new(
            "kiểm tra thụt lề (các mục cùng cấp thẳng cột), dấu ngoặc kép và ngoặc vuông phải được đóng",
            "check indentation (siblings aligned), and that quotes and brackets are closed",
        )
    }
}

/// The parser's own words for the syntax errors authors make most (a key or a
/// list item out of line, text after a closing quote), in the user's terms,
/// with the indentation of the line and of the one above it where that is
/// the cause.
fn parser_words(text: &str, line: u64, column: u64, lower: &str) -> Option<(Kind, Msg, Option<Msg>)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line.saturating_sub(1) as usize;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    // The line above that the offending one is out of line with: the nearest
    // with content indented no deeper (a sibling, or the block's parent);
    // a deeper line is a child of something above, not a measure.
    let here_indent = lines.get(at).map_or(0, |l| indent(l));
    let above = (0..at).rev().find(|&i| lines.get(i).is_some_and(|l| !is_blank_or_comment(l) && indent(l) <= here_indent));
    // The nearest content line above, when it is deeper: a sibling the
    // line may have meant to stand in line with (`ho_ten` one space short
    // under `nguoi_ky:`), where the shallower line further up is the other
    // reading (a top-level key one space in).
    let sibling = (0..at).rev().find(|&i| lines.get(i).is_some_and(|l| !is_blank_or_comment(l))).filter(|&i| lines.get(i).is_some_and(|l| indent(l) > here_indent));
    let out_of_line = || -> Option<Msg> {
        let (here, up) = (lines.get(at)?, lines.get(above?)?);
        if let Some(s) = sibling.and_then(|s| Some((s, lines.get(s)?))).filter(|(_, l)| indent(l) - here_indent <= 2) {
            let (sl, si, ul, ui) = (s.0 + 1, indent(s.1), above.unwrap_or(0) + 1, indent(up));
            return Some(Msg::new(
                format!("dòng {line} thụt lề {} dấu cách: cho thẳng cột với dòng {sl} (thụt {si}) nếu nó thuộc cùng khối đó, hoặc với dòng {ul} (thụt {ui}) nếu nó thuộc khối ngoài", indent(here)),
                format!("line {line} is indented by {} spaces: line it up with line {sl} (indented {si}) if it belongs to that block, or with line {ul} (indented {ui}) if it belongs to the outer one", indent(here)),
            ));
        }
        (indent(here) != indent(up)).then(|| {
            Msg::new(
                format!("dòng {line} thụt lề {} dấu cách, dòng {} phía trên thụt {}: các khóa (và các mục \"- \") cùng một khối phải thẳng cột", indent(here), above.unwrap_or(0) + 1, indent(up)),
                format!("line {line} is indented by {} spaces, line {} above it by {}: the keys (and the \"- \" items) of one block are aligned", indent(here), above.unwrap_or(0) + 1, indent(up)),
            )
        })
    };
    if lower.contains("did not find expected key") {
        return Some((
            Kind::Syntax,
            Msg::new("lỗi cú pháp YAML: thụt lề của khóa ở dòng này không khớp với khối của nó", "YAML syntax error: the indentation of the key on this line does not match its block"),
            Some(out_of_line().unwrap_or_else(|| Msg::new(
                "kiểm tra thụt lề của dòng này và các dòng ngay trên nó, và một dấu ngoặc kép chưa đóng ở phía trên",
                "check the indentation of this line and the lines just above it, and for an unclosed quote above",
            ))),
        ));
    }
    if lower.contains("did not find expected '-' indicator") {
        return Some((
            Kind::Syntax,
            Msg::new(
                "lỗi cú pháp YAML: trong một danh sách, mỗi mục bắt đầu bằng \"- \" và các mục thẳng cột; dòng này lệch cột hoặc thiếu \"- \"",
                "YAML syntax error: in a list, each item starts with \"- \" and the items are aligned; this line's indentation does not match, or it lacks its \"- \"",
            ),
            Some(out_of_line().unwrap_or_else(|| syntax_hint(text, line))),
        ));
    }
    if lower.contains("expected end of mapping after enum variant value") {
        // "- muc:" then "noi_dung:" in the column of `muc`: outside the item.
        let key = key_on_line(text, line).unwrap_or_default();
        let variant = (0..at).rev().find_map(|i| {
            let l = lines.get(i)?;
            let rest = l.trim_start_matches(' ').strip_prefix("- ")?;
            let name = rest.split(':').next()?.trim();
            let column_of_name = l.len() - rest.len() + 1;
            (column_of_name as u64 == column && !name.is_empty()).then(|| (i + 1, name.to_owned()))
        });
        // The item's first key on a line of its own, under its name: not the
        // offending line itself (an item written on one line has none).
        let inner = variant.as_ref().and_then(|(l, _)| {
            let next = (*l..lines.len()).find(|&i| lines.get(i).is_some_and(|s| !is_blank_or_comment(s)))?;
            let s = lines.get(next).filter(|s| next != at && indent(s) + 1 > column as usize)?;
            Some((next + 1, indent(s) + 1, s.trim().split(':').next().unwrap_or("").to_owned()))
        });
        let (vi, en) = match (&variant, &inner) {
            (Some((vl, v)), Some((il, ic, k))) => (
                format!("thụt `{key}:` vào cột {ic}, thẳng với `{k}:` ở dòng {il}, để nó thuộc mục `{v}:` ở dòng {vl}"),
                format!("indent `{key}:` to column {ic}, in line with `{k}:` on line {il}, so that it belongs to the `{v}:` item on line {vl}"),
            ),
            (Some((vl, v)), None) => (
                format!("mục `{v}:` ở dòng {vl} không có khóa nào trên các dòng bên dưới nó, nên `{key}:` không thuộc nó: nếu `{key}:` là của mục này (chỉ một khối như muc:, phan: mới có), viết `{v}:` một mình trên dòng, các khóa của nó thụt vào bên dưới; nếu không, đưa `{key}:` về cột của khối chứa nó"),
                format!("the `{v}:` item on line {vl} has no keys on the lines under it, so `{key}:` is not part of it: if `{key}:` belongs to it (only a block such as muc:, phan: has keys), write `{v}:` alone on its line with its keys indented under it; if not, move `{key}:` to the column of its own block"),
            ),
            _ => ("thụt khóa này vào thẳng cột với các khóa bên trong mục phía trên".to_owned(), "indent this key in line with the keys inside the item above".to_owned()),
        };
        return Some((
            Kind::Syntax,
            Msg::new(
                format!("lỗi cú pháp YAML: `{key}:` đứng thẳng cột với tên mục phía trên nên nằm ngoài mục đó"),
                format!("YAML syntax error: `{key}:` stands in the column of the item's name above, so it is outside that item"),
            ),
            Some(Msg::new(vi, en)),
        ));
    }
    if lower.contains("invalid trailing content after double-quoted") || lower.contains("invalid trailing content after single-quoted") {
        return Some((
            Kind::Syntax,
            Msg::new("lỗi cú pháp YAML: sau dấu ngoặc kép đóng còn có chữ", "YAML syntax error: text after the closing quote"),
            Some(Msg::new(
                "đặt cả giá trị trong một cặp ngoặc kép; dấu ngoặc kép bên trong viết là \\\" hoặc dùng “ ”",
                "put the whole value in one pair of quotes; write a quote inside it as \\\" or use “ ”",
            )),
        ));
    }
    if lower.contains("comment intercepting the multiline text") {
        return Some((
            Kind::Syntax,
            Msg::new("lỗi cú pháp YAML: một dòng chú thích (#) chen giữa một giá trị viết trên nhiều dòng", "YAML syntax error: a comment line (#) inside a value written over several lines"),
            Some(Msg::new("xóa dòng chú thích, hoặc đặt cả giá trị trong ngoặc kép", "delete the comment line, or put the whole value in quotes")),
        ));
    }
    None
}

/// A space other than U+0020 right after the first colon of `line` (a
/// no-break space pasted from Word): YAML then reads no key there. The line
/// the parser names may be the next one; the one above is looked at too.
fn odd_space_after_colon(text: &str, line: u64) -> Option<char> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line.saturating_sub(1) as usize;
    [Some(at), at.checked_sub(1)].into_iter().flatten().find_map(|i| {
        let l = lines.get(i)?;
        let after = &l[l.find(':')? + 1..];
        after.chars().next().filter(|c| c.is_whitespace() && *c != ' ' && *c != '\t')
    })
}

/// The key whose value should have been one word of a fixed set: the key
/// just before the error's column on its line (`- { ten: …, danh_gia:
/// [ty_le] }`), else the line's or its parents' keys (a block under
/// `danh_gia:` is reported at its own first key), the first of them that
/// takes such words.
fn enum_key(text: &str, line: u64, column: u64) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let before_column = lines.get(line.saturating_sub(1) as usize).map(|l| {
        let cut: String = l.chars().take(column.saturating_sub(1) as usize).collect();
        let cut = cut.trim_end().trim_end_matches(':');
        cut.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("").to_owned()
    });
    let mut candidates: Vec<String> = before_column.into_iter().filter(|k| !k.is_empty()).collect();
    let mut at = line;
    while at > 0 {
        let Some(key) = key_on_line(text, at) else { break };
        candidates.push(key);
        // The parent: the nearest line above indented less.
        let here = lines.get(at as usize - 1).map_or(0, |l| l.len() - l.trim_start().len());
        match (0..at as usize - 1).rev().find(|&i| lines.get(i).is_some_and(|p| !is_blank_or_comment(p) && p.len() - p.trim_start().len() < here)) {
            Some(i) => at = i as u64 + 1,
            None => break,
        }
    }
    candidates.iter().find(|k| enum_values(k).is_some()).or(candidates.first()).cloned()
}

/// The key written on `line` ("danh_gia" for `        danh_gia: [a, b]`);
/// for a list item with no key of its own ("- ty_le" under `danh_gia:`),
/// the key of the list.
fn key_on_line(text: &str, line: u64) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = line.saturating_sub(1) as usize;
    loop {
        let l = lines.get(at)?;
        let trimmed = l.trim_start();
        let item = trimmed.starts_with("- ") || trimmed == "-";
        let body = trimmed.trim_start_matches('-').trim_start();
        if let Some((key, _)) = body.split_once(':').filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')) {
            return Some(key.trim().to_owned());
        }
        if !item {
            return None;
        }
        // The list's key: the nearest line above indented less than the item.
        let indent = l.len() - trimmed.len();
        at = (0..at).rev().find(|&i| lines.get(i).is_some_and(|p| !is_blank_or_comment(p) && p.len() - p.trim_start().len() < indent))?;
    }
}

/// The words a key of a fixed set takes, read from vanban's own JSON schemas
/// (so the list cannot drift from the model): `danh_gia` → theo_ke_hoach,
/// ty_le, duy_tri, cuoi_nam.
fn enum_values(key: &str) -> Option<Vec<String>> {
    use std::collections::BTreeMap;
    use std::sync::OnceLock;
    static VALUES: OnceLock<BTreeMap<String, Vec<String>>> = OnceLock::new();
    let all = VALUES.get_or_init(|| {
        let mut out = BTreeMap::new();
        for schema in [crate::schema::report_schema(), crate::schema::table_schema()] {
            let Ok(schema) = serde_json::from_str::<serde_json::Value>(&schema) else { continue };
            let defs = schema.get("$defs").cloned().unwrap_or_default();
            // The words of a definition made only of string constants.
            let words_of = |def: &serde_json::Value| -> Option<Vec<String>> {
                let options = def.get("oneOf").or_else(|| def.get("anyOf"))?.as_array()?;
                let mut words = Vec::new();
                for o in options {
                    if let Some(c) = o.get("const").and_then(|c| c.as_str()) {
                        words.push(c.to_owned());
                    } else if let Some(e) = o.get("enum").and_then(|e| e.as_array()) {
                        words.extend(e.iter().filter_map(|w| w.as_str().map(str::to_owned)));
                    } else {
                        return None;
                    }
                }
                (!words.is_empty()).then_some(words)
            };
            let resolve = |prop: &serde_json::Value| -> Option<Vec<String>> {
                let reference = prop.get("$ref").or_else(|| prop.get("anyOf")?.as_array()?.iter().find_map(|a| a.get("$ref")))?.as_str()?;
                words_of(defs.get(reference.rsplit('/').next()?)?)
            };
            let mut objects: Vec<&serde_json::Value> = vec![&schema];
            if let Some(d) = defs.as_object() {
                objects.extend(d.values());
            }
            for object in objects {
                let Some(props) = object.get("properties").and_then(|p| p.as_object()) else { continue };
                for (name, prop) in props {
                    if let Some(words) = resolve(prop) {
                        out.entry(name.clone()).or_insert(words);
                    }
                }
            }
        }
        out
    });
    all.get(key).cloned()
}

/// Whether `key` takes true or false wherever vanban's JSON schemas name it
/// (`tong_cong`, `ngang`, …). serde sees such a key's value through vanban's
/// span wrapper and asks for text when it gets a list or a block.
fn boolean_key(key: &str) -> bool {
    use std::collections::BTreeMap;
    use std::sync::OnceLock;
    static KINDS: OnceLock<BTreeMap<String, bool>> = OnceLock::new();
    let all = KINDS.get_or_init(|| {
        // Each property name: whether every property of that name is a boolean.
        let mut out: BTreeMap<String, bool> = BTreeMap::new();
        fn walk(v: &serde_json::Value, out: &mut BTreeMap<String, bool>) {
            match v {
                serde_json::Value::Object(o) => {
                    if let Some(props) = o.get("properties").and_then(|p| p.as_object()) {
                        for (name, prop) in props {
                            let boolean = match prop.get("type") {
                                Some(serde_json::Value::String(t)) => t == "boolean",
                                Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "boolean") && ts.iter().all(|t| t == "boolean" || t == "null"),
                                _ => false,
                            };
                            *out.entry(name.clone()).or_insert(boolean) &= boolean;
                        }
                    }
                    o.values().for_each(|c| walk(c, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|c| walk(c, out)),
                _ => {}
            }
        }
        for schema in [crate::schema::report_schema(), crate::schema::table_schema()] {
            if let Ok(schema) = serde_json::from_str::<serde_json::Value>(&schema) {
                walk(&schema, &mut out);
            }
        }
        out
    });
    all.get(key).copied().unwrap_or(false)
}

/// What a value must be, in words, and what to write: the parser's
/// `expected` and the schema hint, unless the key on `line` takes true or false.
fn wanted_on_line(text: &str, line: u64, expected: &str) -> (String, String, Msg) {
    match key_on_line(text, line).filter(|k| boolean_key(k)) {
        Some(key) => (
            "true hoặc false (không phải danh sách [ … ] hay khối { … })".into(),
            "true or false (not a list [ … ] or a block { … })".into(),
            Msg::new(format!("viết `{key}: true` hoặc `{key}: false`"), format!("write `{key}: true` or `{key}: false`")),
        ),
        None => {
            let (vi, en) = expected_words(expected);
            (vi, en, schema_hint())
        }
    }
}

fn schema_hint() -> Msg {
    Msg::new(
        "xem mẫu trong README (mục \"Định dạng YAML\") hoặc chạy vanban schema",
        "see the README's YAML format section, or run vanban schema",
    )
}

/// The `expecting` texts of vanban's own types (src/model), in Vietnamese.
const EXPECTING_VI: [(&str, &str); 11] = [
    ("a whole number such as 7 or \"07\"", "một số nguyên như 7 hoặc \"07\""),
    ("a line of text, or a list of lines", "một dòng chữ, hoặc danh sách các dòng"),
    ("a block such as doan: \"…\"", "một khối như doan: \"…\""),
    ("text (\"…\") or a list of runs (- dam: \"…\")", "một đoạn chữ (\"…\") hoặc danh sách các đoạn (- dam: \"…\")"),
    ("text (in quotes if it looks like a number or yes/no)", "một đoạn chữ (trong ngoặc kép nếu trông như số hoặc có/không)"),
    ("text, or one of dam:, nghieng:, dam_nghieng:, tom_tat:", "một đoạn chữ, hoặc một trong dam:, nghieng:, dam_nghieng:, tom_tat:"),
    ("the indicator file's name, or the table itself (cot:, nhom:)", "tên tệp chỉ tiêu, hoặc chính bảng (cot:, nhom:)"),
    ("the signer (tm: …, chuc_vu: …, ho_ten: …), or a biên bản's signers as a list", "người ký (tm: …, chuc_vu: …, ho_ten: …), hoặc danh sách người ký của biên bản"),
    ("a line of text, or a group (nhom: …, gom: […])", "một dòng chữ, hoặc một nhóm (nhom: …, gom: […])"),
    ("the column labels (ke_hoach: …) or a list of columns (- ten: …)", "nhãn các cột (ke_hoach: …) hoặc danh sách các cột (- ten: …)"),
    ("a number such as 12 or \"4.150\", or \"-\"", "một số như 12 hoặc \"4.150\", hoặc \"-\""),
];

/// What serde says it found ("integer `2028`", "sequence"), in Vietnamese.
fn found_words(unexpected: &str) -> String {
    const WORDS: [(&str, &str); 9] = [
        ("integer", "số"),
        ("floating point", "số thập phân"),
        ("boolean", "giá trị có/không"),
        ("string", "chữ"),
        ("sequence", "một danh sách"),
        ("map", "một khối các khóa"),
        ("unit value", "giá trị rỗng"),
        ("null", "giá trị rỗng"),
        ("char", "ký tự"),
    ];
    WORDS
        .iter()
        .find_map(|(en, vi)| unexpected.strip_prefix(en).map(|rest| format!("{vi}{rest}")))
        .unwrap_or_else(|| unexpected.to_owned())
}

/// What a serde "expected …" means in the report's terms.
/// A value whose first character YAML reads as its own sign (`@`, `` ` ``,
/// `%`, `*`, `&`, `!`, `|`, `>`, `?`, a "- " or a lone "-", a "[…]" with text
/// after it), or a quoted value with quotes inside it (`"Phong trào "Toàn
/// dân đoàn kết" …"`): the syntax error said as what to write.
fn needs_quotes(text: &str, line: u64, lower: &str) -> Option<(Kind, Msg, Option<Msg>)> {
    let (key, value) = super::source_text::written_value(text.lines().nth(line.checked_sub(1)? as usize)?);
    key?;
    let value = super::source_text::without_comment(value);
    // `"An Bình" xã`: a quoted word, then more text; not quotes inside quotes.
    for q in ['"', '\''] {
        let after = if q == '"' { "after double-quoted" } else { "after single-quoted" };
        let Some((quoted, rest)) = value.strip_prefix(q).and_then(|v| v.split_once(q)) else { continue };
        if !lower.contains(after) || rest.contains(q) || quoted.contains(['"', '\'']) || !rest.starts_with(' ') {
            continue;
        }
        let joined = format!("\"{quoted}{rest}\"");
        let printed = match q {
            '"' => format!("'{value}'"),
            _ => format!("\"{}\"", value.replace('"', "\\\"")),
        };
        return Some((
            Kind::Syntax,
            Msg::new(
                format!("lỗi cú pháp YAML: sau dấu ngoặc đóng còn có chữ \"{}\": dấu ngoặc phải bao cả giá trị", rest.trim()),
                format!("YAML syntax error: text \"{}\" after the closing quote: the quotes must enclose the whole value", rest.trim()),
            ),
            Some(Msg::new(
                format!("đặt cả giá trị trong một cặp ngoặc kép: {joined}; nếu muốn in cả dấu ngoặc, viết: {printed}"),
                format!("put the whole value in one pair of quotes: {joined}; to print the quotes too, write: {printed}"),
            )),
        ));
    }
    if value.starts_with('"') && lower.contains("after double-quoted") {
        let single = format!("'{}'", value.trim_matches('"').replace('\'', "''"));
        return Some((
            Kind::Syntax,
            Msg::new("lỗi cú pháp YAML: dấu ngoặc kép bên trong một giá trị đã đặt trong ngoặc kép", "YAML syntax error: double quotes inside a value already in double quotes"),
            Some(Msg::new(
                format!("dùng ngoặc kép cong “…” bên trong, hoặc đặt cả giá trị trong ngoặc đơn: {single}"),
                format!("use curly quotes “…” inside, or put the whole value in single quotes: {single}"),
            )),
        ));
    }
    if value.starts_with('\'') && lower.contains("after single-quoted") {
        let double = format!("\"{}\"", value.trim_matches('\'').replace('"', "\\\""));
        return Some((
            Kind::Syntax,
            Msg::new("lỗi cú pháp YAML: dấu nháy đơn bên trong một giá trị đã đặt trong nháy đơn", "YAML syntax error: an apostrophe inside a value already in single quotes"),
            Some(Msg::new(format!("đặt cả giá trị trong ngoặc kép: {double}"), format!("put the whole value in double quotes: {double}"))),
        ));
    }
    let first = value.chars().next()?;
    // "[Dự thảo] Báo cáo …", not a list with a bracket too many (`["A", "B"]]`).
    let bracketed = first == '[' && value.split_once(']').is_some_and(|(inside, after)| !inside.contains(['"', '\'', ',']) && !after.trim().is_empty() && !after.trim_start().starts_with([',', '#', ']']));
    let dash = value == "-" || value.starts_with("- ");
    if !(matches!(first, '@' | '`' | '%' | '*' | '&' | '!' | '|' | '>' | '?') || bracketed || dash) {
        return None;
    }
    let quoted = format!("\"{}\"", value.replace('"', "\\\""));
    let shown = if dash { "-".to_owned() } else { first.to_string() };
    Some((
        Kind::Syntax,
        Msg::new(
            format!("lỗi cú pháp YAML: giá trị bắt đầu bằng \"{shown}\" phải đặt trong ngoặc kép (YAML dành dấu này cho việc khác)"),
            format!("YAML syntax error: a value starting with \"{shown}\" must be in quotes (YAML reserves that sign)"),
        ),
        Some(Msg::new(format!("viết: {quoted}"), format!("write: {quoted}"))),
    ))
}

/// A diagnostic's kind, message and hint.
type Said = (Kind, Msg, Option<Msg>);

/// `doan: "Lưu tại D:\\Ho so\\2024"`: in double quotes a backslash starts an
/// escape (`\\n`, `\\"`), and `\\H` is none; a Windows path or a "\\" typed
/// as a slash stops the parser at the opening quote. The message, and the
/// place of the first backslash YAML refuses, in the double-quoted value
/// opened at or after (`line`, `column`).
fn backslash_in_double_quotes(text: &str, line: u64, column: u64) -> Option<(Said, (u64, u64))> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.get(line.checked_sub(1)? as usize)?;
    let open = first.chars().enumerate().skip(column.saturating_sub(1) as usize).find(|&(_, c)| c == '"')?.0;
    // Walk the value (it may go on over lines) to its closing quote.
    let mut bad: Option<(u64, u64, String)> = None;
    let mut inner = String::new();
    let mut closed = false;
    'lines: for (n, l) in lines.iter().enumerate().skip(line as usize - 1) {
        let chars: Vec<char> = l.chars().collect();
        let mut j = if n + 1 == line as usize { open + 1 } else { 0 };
        while j < chars.len() {
            match chars[j] {
                '"' => {
                    closed = true;
                    break 'lines;
                }
                '\\' => {
                    let next = chars.get(j + 1).copied();
                    let hex = |k: usize| (1..=k).all(|d| chars.get(j + 1 + d).is_some_and(char::is_ascii_hexdigit));
                    let valid = match next {
                        None => true, // a line break escaped
                        Some('x') => hex(2),
                        Some('u') => hex(4),
                        Some('U') => hex(8),
                        Some(c) => "0abt\tnvfre \"/\\N_LP".contains(c),
                    };
                    if !valid && bad.is_none() {
                        bad = Some((n as u64 + 1, j as u64 + 1, format!("\\{}", next.unwrap_or(' '))));
                    }
                    inner.push('\\');
                    if let Some(c) = next {
                        inner.push(c);
                    }
                    j += 2;
                }
                c => {
                    inner.push(c);
                    j += 1;
                }
            }
        }
        inner.push('\n');
    }
    let (bad_line, bad_column, code) = bad?;
    // The value as meant, every backslash a backslash: doubled in double
    // quotes (but for those already written \\ or \"), as is in single ones.
    let one_line = closed && !inner.contains('\n');
    let (mut doubled, mut single) = (String::new(), String::new());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('\\', Some(next @ ('\\' | '"'))) => {
                chars.next();
                doubled.extend(['\\', next]);
                single.push(next);
            }
            ('\\', _) => {
                doubled.push_str("\\\\");
                single.push('\\');
            }
            ('\'', _) => {
                doubled.push(c);
                single.push_str("''");
            }
            _ => {
                doubled.push(c);
                single.push(c);
            }
        }
    }
    let hint = if one_line {
        Msg::new(
            format!("viết mỗi dấu \\ thành hai dấu \\\\: \"{doubled}\"; hoặc đặt cả giá trị trong ngoặc đơn, trong đó \\ là chữ thường: '{single}'"),
            format!("write each \\ as two, \\\\: \"{doubled}\"; or put the whole value in single quotes, where \\ is plain text: '{single}'"),
        )
    } else {
        Msg::new(
            "viết mỗi dấu \\ thành hai dấu \\\\; hoặc đặt cả giá trị trong ngoặc đơn ('…'), trong đó \\ là chữ thường",
            "write each \\ as two, \\\\; or put the whole value in single quotes ('…'), where \\ is plain text",
        )
    };
    Some((
        (
            Kind::Syntax,
            Msg::new(
                format!("lỗi cú pháp YAML: trong ngoặc kép \"…\", dấu gạch chéo ngược \\ mở đầu một mã đặc biệt (như \\n), và \"{code}\" không phải mã nào"),
                format!("YAML syntax error: inside double quotes \"…\" a backslash \\ starts a special code (such as \\n), and \"{code}\" is none"),
            ),
            Some(hint),
        ),
        (bad_line, bad_column),
    ))
}

/// A list item written without its "- " (`  "Lưu: VT."` among `  - …` items)
/// or with the dash glued to the text (`  -Lưu VT.`): the line at or just
/// above `line` whose indentation is that of the "- " items above it (or,
/// for a glued dash, the first item under its key). An indentless list
/// (`ky:` then `- …` in its column) is left alone: there a line without a
/// dash may be the next key. The message, and the item's place.
fn list_item_slip(text: &str, line: u64) -> Option<(Said, (u64, u64))> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let at = line.checked_sub(1)? as usize;
    [Some(at), at.checked_sub(1)].into_iter().flatten().find_map(|n| {
        let l = *lines.get(n)?;
        if is_blank_or_comment(l) {
            return None;
        }
        let (ind, body) = (indent(l), l.trim_start_matches(' '));
        // The lines above in this column: "- " items only, up to the key
        // the list belongs to.
        let mut sibling = false;
        let mut parent_key = false;
        for up in lines[..n].iter().rev().filter(|u| !is_blank_or_comment(u)) {
            let (ui, ub) = (indent(up), up.trim_start_matches(' '));
            if ui > ind {
                continue;
            }
            if ui == ind {
                if ub.starts_with("- ") || ub == "-" {
                    sibling = true;
                    continue;
                }
                return None;
            }
            parent_key = super::source_text::without_comment(ub).ends_with(':');
            break;
        }
        let glued = body.starts_with('-') && body[1..].chars().next().is_some_and(|c| !c.is_whitespace() && c != '-');
        let rest = super::source_text::without_comment(body);
        let (vi, en, fixed) = if glued && (sibling || parent_key) {
            (
                "lỗi cú pháp YAML: mỗi mục của danh sách bắt đầu bằng \"- \" (dấu trừ rồi một dấu cách); ở dòng này sau dấu trừ không có dấu cách",
                "YAML syntax error: each item of a list starts with \"- \" (a dash and a space); on this line the dash has no space after it",
                format!("- {}", &rest[1..]),
            )
        } else if sibling && !body.starts_with('-') {
            (
                "lỗi cú pháp YAML: mỗi mục của danh sách bắt đầu bằng \"- \" (dấu trừ rồi một dấu cách), như các mục phía trên; dòng này thiếu dấu trừ",
                "YAML syntax error: each item of a list starts with \"- \" (a dash and a space), like the items above; this line lacks the dash",
                format!("- {rest}"),
            )
        } else {
            return None;
        };
        Some(((Kind::Syntax, Msg::new(vi, en), Some(Msg::new(format!("viết: {fixed}"), format!("write: {fixed}")))), (n as u64 + 1, ind as u64 + 1)))
    })
}

/// `ngay: { thang: 6, nam: 2024 } năm`: text after a closed `{ … }` or
/// `[ … ]`, which the parser reports as a key out of place. The message, and
/// the place of the text.
fn text_after_flow(text: &str, line: u64, column: u64) -> Option<(Said, (u64, u64))> {
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    let before: String = l.chars().take(column.checked_sub(1)? as usize).collect();
    let close = before.trim_end().chars().last().filter(|c| matches!(c, '}' | ']'))?;
    let open = if close == '}' { '{' } else { '[' };
    // The brackets before the text are all closed.
    let (opened, closed) = (before.matches(['{', '[']).count(), before.matches(['}', ']']).count());
    let after = super::source_text::without_comment(&l[before.len()..]);
    if opened != closed || opened == 0 || after.is_empty() {
        return None;
    }
    let flow = before[before.find(open)?..].trim_end();
    let shown = if after.starts_with(['"', '\'']) { after.to_owned() } else { format!("\"{after}\"") };
    let hint = if close == ']' {
        // One more item, most likely: inside the brackets.
        let items = &flow[..flow.len() - 1];
        let pad = if items.ends_with(' ') { " " } else { "" };
        let inside = format!("{}, {after}{pad}]", items.trim_end());
        Msg::new(
            format!("nếu {shown} là một mục nữa của danh sách, đưa nó vào trong dấu ngoặc: {inside}; nếu không, xóa nó (một ghi chú thì viết sau dấu #)"),
            format!("if {shown} is one more item of the list, put it inside the brackets: {inside}; if not, delete it (a note goes after a #)"),
        )
    } else {
        Msg::new(
            format!("xóa {shown} (một ghi chú thì viết sau dấu #): {flow}"),
            format!("delete {shown} (a note goes after a #): {flow}"),
        )
    };
    Some((
        (
            Kind::Syntax,
            Msg::new(
                format!("lỗi cú pháp YAML: sau dấu đóng ngoặc {close} còn có chữ {shown}; giá trị {open} … {close} phải kết thúc ở đó"),
                format!("YAML syntax error: text {shown} after the closing {close}; a {open} … {close} value must end there"),
            ),
            Some(hint),
        ),
        (line, column),
    ))
}

/// The column of the value serde describes as `unexpected` ("integer `-1`",
/// "string \"sáu\"") on `line`, when the error stands inside a flow mapping
/// (at the key, `column`).
fn value_in_flow_map(text: &str, line: u64, column: u64, unexpected: &str) -> Option<u64> {
    let at = text.lines().nth(line.checked_sub(1)? as usize)?;
    let from = at.char_indices().nth(column.checked_sub(1)? as usize)?.0;
    if !at[..from].contains('{') {
        return None;
    }
    let value = unexpected.split(['`', '"']).nth(1).filter(|v| !v.is_empty())?;
    let offset = at[from..].find(value)?;
    // A quoted value is pointed at from its opening quote.
    let start = from + offset - usize::from(at[..from + offset].ends_with(['"', '\'']));
    Some(at[..start].chars().count() as u64 + 1)
}

/// `- Lưu: VT.` or `- doan: Thời gian: 08 giờ`: text with ": " outside quotes,
/// which YAML reads as a key and its value where text belongs. The line's
/// value written in quotes, as it should read.
fn colon_outside_quotes(text: &str, line: u64) -> Option<String> {
    let value = super::source_text::written_value(text.lines().nth(line.saturating_sub(1) as usize)?).1;
    let value = super::source_text::without_comment(value);
    // Curly quotes around the whole value (Word's autocorrect) were meant as
    // YAML's quotes, which they are not: the straight ones replace them.
    let value = curly_quoted(value).unwrap_or(value);
    (value.contains(": ") && !value.starts_with(['"', '\'', '{', '['])).then(|| format!("\"{}\"", value.replace('"', "\\\"")))
}

/// The inside of a value wrapped in curly quotes, “…” or ‘…’ (or „…“).
pub(crate) fn curly_quoted(value: &str) -> Option<&str> {
    let inner = value.strip_prefix(['“', '”', '„']).and_then(|v| v.strip_suffix(['”', '“']));
    inner.or_else(|| value.strip_prefix('‘').and_then(|v| v.strip_suffix('’'))).filter(|i| !i.is_empty())
}

/// The message for [`colon_outside_quotes`], with the value as it should read.
fn colon_in_text(text: &str, line: u64, quoted: String) -> (Kind, Msg, Option<Msg>) {
    let curly = text
        .lines()
        .nth(line.saturating_sub(1) as usize)
        .is_some_and(|l| curly_quoted(super::source_text::without_comment(super::source_text::written_value(l).1)).is_some());
    let hint = if curly {
        Msg::new(
            format!("ngoặc kép cong “ ” không phải dấu ngoặc của YAML: đặt giá trị trong ngoặc kép thẳng (phím \" trên bàn phím): {quoted}"),
            format!("curly quotes “ ” are not YAML's quotes: put the value in straight double quotes (the \" key): {quoted}"),
        )
    } else {
        Msg::new(format!("đặt cả giá trị trong ngoặc kép: {quoted}"), format!("put the whole value in quotes: {quoted}"))
    };
    (
        Kind::Syntax,
        Msg::new(
            "giá trị có dấu hai chấm và dấu cách (\": \") mà không nằm trong ngoặc kép: YAML đọc nó như một khóa mới",
            "a value with a colon and a space (\": \") outside quotes: YAML reads it as a new key",
        ),
        Some(hint),
    )
}

fn expected_words(expected: &str) -> (String, String) {
    if let Some((_, vi)) = EXPECTING_VI.iter().find(|(en, _)| *en == expected) {
        return ((*vi).to_owned(), expected.to_owned());
    }
    let e = expected.to_lowercase();
    if e.contains("seq") {
        ("một danh sách (các dòng bắt đầu bằng \"- \", hoặc [ … ])".into(), "a list (lines starting with \"- \", or [ … ])".into())
    } else if e.contains("mapping") || e.contains("struct") || e == "map" {
        ("một khối các khóa (khóa: giá trị)".into(), "a block of keys (key: value)".into())
    } else if e.contains("bool") {
        ("true hoặc false".into(), "true or false".into())
    } else if e.contains("string") {
        ("một đoạn chữ".into(), "text".into())
    } else {
        (expected.to_owned(), expected.to_owned())
    }
}

pub fn to_diagnostic(file: &Path, text: &str, err: &YamlError) -> Diagnostic {
    // An error met while replaying an alias wraps the error itself.
    let mut inner = err.without_snippet();
    while let YamlError::AliasError { error, .. } | YamlError::WithSnippet { error, .. } = inner {
        inner = error;
    }
    let msg = core_message(inner);
    let (mut line, mut column) = err
        .location()
        .map(|l| (l.line(), l.column()))
        .filter(|(l, _)| *l > 0)
        .unwrap_or((1, 1));

    // A line indented with a no-break space (copied from Word or a web page)
    // looks indented but is not to YAML: the parser then complains lines later
    // about the kind of a value.
    if let Some((at_line, at_column, ch)) = odd_space_indent(text, line) {
        return Diagnostic::at(
            Severity::Error,
            Kind::Syntax,
            file,
            at_line,
            at_column,
            Msg::new(
                format!("dòng này thụt lề bằng một khoảng trắng đặc biệt (U+{:04X}{}), thường có khi chép từ Word hay trang web; YAML chỉ nhận dấu cách thường", ch as u32, if ch == '\u{a0}' { ", dấu cách không ngắt" } else { "" }),
                format!("this line is indented with a special space (U+{:04X}{}), as text copied from Word or a web page often is; YAML only takes plain spaces", ch as u32, if ch == '\u{a0}' { ", a no-break space" } else { "" }),
            ),
        )
        .with_hint(Msg::new(
            "xóa khoảng trắng ở đầu dòng rồi thụt lề lại bằng phím cách",
            "delete the blank at the start of the line and indent it again with the space bar",
        ));
    }

    // "– doan: …" or "• …": a list item opened with a dash or bullet that is
    // not YAML's "-" (Word's autocorrect turns "- " into "– ").
    if let Some((at_line, at_column, ch)) = wrong_list_marker(text, line) {
        let name = match ch {
            '–' | '—' | '‐' | '‑' | '−' => ("gạch ngang dài", "a long dash"),
            '*' | '+' => ("dấu của Markdown", "a Markdown marker"),
            _ => ("dấu chấm tròn", "a bullet"),
        };
        return Diagnostic::at(
            Severity::Error,
            Kind::Syntax,
            file,
            at_line,
            at_column,
            Msg::new(
                format!("dòng này mở một mục danh sách bằng \"{ch}\" ({}); YAML chỉ nhận dấu trừ \"-\" trên bàn phím", name.0),
                format!("this line opens a list item with \"{ch}\" ({}); YAML only takes the keyboard's minus \"-\"", name.1),
            ),
        )
        .with_hint(Msg::new(format!("thay \"{ch} \" bằng \"- \""), format!("replace \"{ch} \" with \"- \"")));
    }

    // A runaway quote or bracket before the reported place is the real cause,
    // whatever the parser made of the lines it swallowed.
    if let Some(open) = find_unclosed(text) {
        let starts_before = (open.line, open.column) <= (line, column);
        let reaches = open.closed_line.is_none_or(|closed| line <= closed);
        if starts_before && reaches {
            let (vi, en) = match open.mark {
                '"' => ("dấu ngoặc kép \" mở ở đây không được đóng", "the double quote \" opened here is not closed"),
                '\'' => ("dấu nháy đơn ' mở ở đây không được đóng", "the single quote ' opened here is not closed"),
                '[' => ("dấu ngoặc vuông [ mở ở đây không được đóng", "the bracket [ opened here is not closed"),
                _ => ("dấu ngoặc nhọn { mở ở đây không được đóng", "the brace { opened here is not closed"),
            };
            let close = match open.mark {
                '[' => "]",
                '{' => "}",
                '\'' => "'",
                _ => "\"",
            };
            return Diagnostic::at(
                Severity::Error,
                Kind::Syntax,
                file,
                open.line,
                open.column,
                Msg::new(format!("lỗi cú pháp YAML: {vi}"), format!("YAML syntax error: {en}")),
            )
            .with_hint(Msg::new(
                format!("thêm {close} vào cuối giá trị trên cùng dòng (trình đọc YAML báo lỗi ở dòng {line}, cột {column})"),
                format!("add the closing {close} at the end of the value on the same line (the YAML reader stopped at line {line}, column {column})"),
            ));
        }
    }

    let (kind, message, hint) = match inner {
        // `{ngay:5,thang:6}`: without a space after the colon, YAML reads
        // "ngay:5" as one word, a key without a value.
        YamlError::SerdeUnknownField { field, expected, .. }
            if field.split_once(':').is_some_and(|(k, v)| !v.is_empty() && !v.starts_with(' ') && expected.contains(&k)) =>
        {
            let key = field.split_once(':').map_or("", |(k, _)| k);
            let flow = text
                .lines()
                .nth(line.saturating_sub(1) as usize)
                .and_then(|l| Some(&l[l.find('{')?..=l.rfind('}')?]))
                .map(spaced_flow)
                .unwrap_or_else(|| field.replacen(':', ": ", 1));
            (
                Kind::Syntax,
                Msg::new(
                    format!("lỗi cú pháp YAML: sau dấu hai chấm của `{key}` không có dấu cách, nên YAML đọc \"{field}\" thành một chữ"),
                    format!("YAML syntax error: no space after the colon of `{key}`, so YAML reads \"{field}\" as one word"),
                ),
                Some(Msg::new(format!("đặt một dấu cách sau mỗi dấu hai chấm: {flow}"), format!("put a space after each colon: {flow}"))),
            )
        }
        YamlError::SerdeUnknownField { field, expected, .. } => {
            let known: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
            let hint = match did_you_mean(field, &known) {
                Some(close) => Msg::new(format!("có phải ý bạn là `{close}`?"), format!("did you mean `{close}`?")),
                None if known.is_empty() => Msg::new("xóa khóa này", "remove this key"),
                None => Msg::new(
                    format!("các khóa hợp lệ ở đây: {}", known.join(", ")),
                    format!("the keys allowed here: {}", known.join(", ")),
                ),
            };
            // Named by the document's type ("không có trong mẫu quyết định"),
            // when its `loai:` line says one.
            let vi = match written_type(text) {
                Some(t) => format!("khóa `{field}` không có trong mẫu {}", t.name()),
                None => format!("khóa `{field}` không dùng được ở chỗ này"),
            };
            (Kind::UnknownKey, Msg::new(vi, format!("unknown key `{field}`")), Some(hint))
        }
        YamlError::SerdeUnknownVariant { variant, expected, .. } => {
            let known: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
            let hint = match did_you_mean(variant, &known) {
                Some(close) => Msg::new(format!("có phải ý bạn là `{close}`?"), format!("did you mean `{close}`?")),
                None => Msg::new(
                    format!("các giá trị hợp lệ: {}", known.join(", ")),
                    format!("the values allowed: {}", known.join(", ")),
                ),
            };
            (
                Kind::UnknownKey,
                Msg::new(format!("giá trị `{variant}` không hợp lệ ở đây"), format!("`{variant}` is not allowed here")),
                Some(hint),
            )
        }
        YamlError::SerdeMissingField { field, .. } => {
            let (start_line, start_column) = mapping_start(text, line, column);
            let misplaced = misplaced_key(text, line, start_column, field);
            match misplaced {
                Some((l, c)) => {
                    (line, column) = (l, c);
                    (
                        Kind::MissingField,
                        Msg::new(
                            format!("thiếu mục bắt buộc `{field}`: khóa `{field}` ở dòng {l} thụt lề sai nên không thuộc khối bắt đầu ở dòng {start_line}"),
                            format!("missing required field `{field}`: the `{field}` on line {l} is indented wrongly, so it is not part of the block that starts on line {start_line}"),
                        ),
                        Some(Msg::new(
                            format!("thụt lề `{field}` thẳng cột {start_column} như các khóa khác của khối"),
                            format!("indent `{field}` to column {start_column}, like the other keys of the block"),
                        )),
                    )
                }
                None => {
                    (line, column) = (start_line, start_column);
                    // (Not in an indicator file, whose keys are its own.)
                    let indicator_file = file.to_string_lossy().ends_with(".chi-tieu.yaml");
                    let example = example_of(field).filter(|_| !indicator_file && (start_column == 1 || !TOP_LEVEL_ONLY.contains(&&**field)));
                    (
                        Kind::MissingField,
                        Msg::new(format!("thiếu mục bắt buộc `{field}`"), format!("missing required field `{field}`")),
                        Some(match example {
                            // The types a `loai` may name, each language its own "or".
                            Some(e) if &**field == "loai" => {
                                let others: Vec<&str> = super::doc_type::DocumentType::ALL.into_iter().map(|t| t.model().key).filter(|k| *k != "bao_cao").collect();
                                let others = others.join(", ");
                                Msg::new(format!("thêm vào khối này, ví dụ: {e} (hoặc {others})"), format!("add it to this block, e.g. {e} (or {others})"))
                            }
                            Some(e) => Msg::new(format!("thêm vào khối này, ví dụ: {e}"), format!("add it to this block, e.g. {e}")),
                            None => Msg::new(format!("thêm `{field}: …` vào khối này"), format!("add `{field}: …` to this block")),
                        }),
                    )
                }
            }
        }
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_else(|| value_text(text, err).unwrap_or_default());
            let first = first_occurrence(text, line, column, &key);
            let (vi_first, en_first) = match first {
                Some(l) => (format!(" (đã ghi ở dòng {l})"), format!(" (already written on line {l})")),
                None => (String::new(), String::new()),
            };
            (
                Kind::DuplicateKey,
                Msg::new(format!("khóa `{key}` bị lặp lại{vi_first}"), format!("duplicate key `{key}`{en_first}")),
                Some(Msg::new("mỗi khóa chỉ được ghi một lần; xóa hoặc gộp bản lặp", "write each key once; remove or merge the repeat")),
            )
        }
        YamlError::Budget { breach, .. } => {
            let (vi, en) = match breach {
                BudgetBreach::Depth { .. } => ("lồng nhau quá sâu".to_owned(), "nested too deep".to_owned()),
                BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                    ("dùng quá nhiều anchor/alias".to_owned(), "too many anchors/aliases".to_owned())
                }
                other => (format!("vượt giới hạn ({other:?})"), format!("over a limit ({other:?})")),
            };
            too_complex(&vi, &en)
        }
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => {
            too_complex("alias được mở rộng quá nhiều lần", "aliases expand too many times")
        }
        YamlError::UnknownAnchor { .. } => (
            Kind::Syntax,
            Msg::new("alias (*tên) trỏ tới một anchor (&tên) chưa được định nghĩa", "the alias (*name) refers to an anchor (&name) that is not defined"),
            Some(Msg::new("định nghĩa &tên trước khi dùng *tên, hoặc viết thẳng giá trị", "define &name before using *name, or write the value out")),
        ),
        YamlError::MultipleDocuments { .. } => (
            Kind::Syntax,
            Msg::new("tệp chứa nhiều văn bản YAML (dòng \"---\")", "the file holds several YAML documents (a \"---\" line)"),
            Some(Msg::new("mỗi tệp một báo cáo: xóa dòng \"---\" và phần sau nó, hoặc tách thành tệp riêng", "one report per file: remove the \"---\" line and what follows, or split the file")),
        ),
        YamlError::NonFiniteFloat { value, .. } => (
            Kind::BadNumber,
            Msg::new(format!("`{value}` không phải một con số"), format!("`{value}` is not a number")),
            Some(Msg::new("ghi số theo cách Việt Nam trong ngoặc kép (\"4.150\", \"5,5\"), hoặc \"-\" nếu không có số liệu", "write a number in Vietnamese notation in quotes (\"4.150\", \"5,5\"), or \"-\" for no data")),
        ),
        YamlError::InvalidScalar { ty, .. } => {
            let written = value_text(text, err).unwrap_or_default();
            let (vi_want, en_want) = if ty.starts_with('u') || ty.starts_with('i') {
                ("một số nguyên không âm (1, 2, 2024, …)", "a whole number (1, 2, 2024, …)")
            } else if ty.contains("bool") {
                ("true hoặc false (viết đúng một trong hai từ tiếng Anh này)", "true or false")
            } else {
                ("một giá trị khác", "another kind of value")
            };
            (
                Kind::WrongType,
                Msg::new(format!("sai kiểu giá trị: \"{written}\" ở đây phải là {vi_want}"), format!("wrong kind of value: \"{written}\" must be {en_want} here")),
                Some(schema_hint()),
            )
        }
        YamlError::Unexpected { expected, .. } if expected_words(expected).1 == "text" && colon_outside_quotes(text, line).is_some() => {
            colon_in_text(text, line, colon_outside_quotes(text, line).unwrap_or_default())
        }
        YamlError::Unexpected { expected, .. } => {
            let (vi, en, hint) = wanted_on_line(text, line, expected);
            (
                Kind::WrongType,
                Msg::new(format!("sai kiểu giá trị: ở đây cần {vi}"), format!("wrong kind of value: {en} is expected here")),
                Some(hint),
            )
        }
        // "- Lưu: VT." where a line or a group may stand (`noi_nhan`, `thanh_phan`).
        YamlError::SerdeInvalidType { unexpected, .. } if unexpected.starts_with("map") && colon_outside_quotes(text, line).is_some() => {
            colon_in_text(text, line, colon_outside_quotes(text, line).unwrap_or_default())
        }
        YamlError::SerdeInvalidType { unexpected, expected, .. } | YamlError::SerdeInvalidValue { unexpected, expected, .. } => {
            let (vi, en, wanted_hint) = wanted_on_line(text, line, expected);
            // An unquoted 2023 or yes where text belongs: quotes make it text.
            let scalar = ["integer", "boolean", "floating"].iter().any(|w| unexpected.starts_with(w));
            let empty = ["unit", "null"].iter().any(|w| unexpected.starts_with(w));
            let hint = if empty {
                Msg::new("khóa này chưa có giá trị: ghi giá trị sau dấu hai chấm, hoặc xóa dòng này nếu không cần", "this key has no value: write it after the colon, or delete the line if it is not needed")
            } else if scalar && en.contains("text") {
                Msg::new("YAML đọc giá trị không có ngoặc kép thành số hoặc có/không: đặt nó trong ngoặc kép", "YAML reads an unquoted value as a number or yes/no: put it in quotes")
            } else {
                wanted_hint
            };
            // A whole number too long for any integer (30 digits) reaches serde as
            // a float ("123456789012345680000000000000.0"): say it as written.
            // The parser points at the key; the number is after it.
            let value_column = value_after_key(text, line, column).unwrap_or(column);
            let written: String = {
                let at = text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");
                at.chars().skip(value_column.saturating_sub(1) as usize).take_while(|c| !c.is_whitespace() && *c != ',' && *c != '}' && *c != ']').collect()
            };
            // `so: -5`, `ngay: { ngay: -1, … }`: a minus before a number that counts from 1.
            if let Some(n) = unexpected.strip_prefix("integer `-").and_then(|r| r.strip_suffix('`')).filter(|_| expected == "a whole number such as 7 or \"07\"") {
                let value_column = value_in_flow_map(text, line, column, unexpected).unwrap_or(value_column);
                // The key written just before the value (`thang` in `{ ngay: 5, thang: -6 }`).
                let before: String = text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("").chars().take(value_column.saturating_sub(1) as usize).collect();
                let key = before.trim_end().trim_end_matches(':').rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("").to_owned();
                return Diagnostic::at(
                    Severity::Error,
                    Kind::WrongType,
                    file,
                    line,
                    value_column,
                    Msg::new(format!("`-{n}` là số âm; ở đây cần một số đếm từ 1 như 7 hoặc \"07\""), format!("`-{n}` is negative; a number counted from 1, such as 7 or \"07\", is expected here")),
                )
                .with_hint(Msg::new(format!("bỏ dấu trừ: {key}: {n}"), format!("drop the minus: {key}: {n}")));
            }
            if unexpected.starts_with("floating") && written.len() > 18 && written.chars().all(|c| c.is_ascii_digit()) {
                return Diagnostic::at(
                    Severity::Error,
                    Kind::WrongType,
                    file,
                    line,
                    value_column,
                    Msg::new(format!("số `{written}` quá lớn ({} chữ số), cần {vi}", written.len()), format!("the number `{written}` is too large ({} digits), expected {en}", written.len())),
                )
                .with_hint(Msg::new("kiểm tra lại số đã gõ; một số dài như mã số thì đặt trong ngoặc kép", "check the number typed; a long number such as a code goes in quotes"));
            }
            (
                Kind::WrongType,
                Msg::new(format!("sai kiểu giá trị: gặp {}, cần {vi}", found_words(unexpected)), format!("wrong kind of value: found {unexpected}, expected {en}")),
                Some(hint),
            )
        }
        YamlError::NullIntoString { .. } => (
            Kind::WrongType,
            Msg::new("sai kiểu giá trị: một khóa hoặc giá trị để trống (~ hoặc null) ở chỗ cần chữ", "wrong kind of value: an empty key or value (~ or null) where text is needed"),
            Some(Msg::new("ghi chữ vào đó, hoặc xóa dòng này", "write text there, or delete the line")),
        ),
        // `nguoi_ky: []`: a list of no signer.
        YamlError::SerdeInvalidLength { len: 0, expected, .. } if expected.contains("signer") => {
            if let Some(c) = value_after_key(text, line, column) {
                column = c;
            }
            (
                Kind::MissingField,
                Msg::new(
                    "danh sách người ký để trống: văn bản cần một người ký (biên bản: từ hai đến bốn người)",
                    "the list of signers is empty: a document needs one signer (a biên bản two to four)",
                ),
                Some(match written_type(text).is_some_and(|t| t.model().key == "bien_ban") {
                    // A biên bản's secretary (left) and chair (right).
                    true => Msg::new(
                        "viết: nguoi_ky: [{ chuc_vu: THƯ KÝ, ho_ten: Nguyễn Thị B }, { chuc_vu: CHỦ TỌA, ho_ten: Nguyễn Văn A }]",
                        "write: nguoi_ky: [{ chuc_vu: THƯ KÝ, ho_ten: Nguyễn Thị B }, { chuc_vu: CHỦ TỌA, ho_ten: Nguyễn Văn A }]",
                    ),
                    false => Msg::new(
                        "viết: nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A }",
                        "write: nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A }",
                    ),
                }),
            )
        }
        YamlError::SerdeInvalidLength { len, expected, .. } => {
            let (vi, en) = expected_words(expected);
            (
                Kind::WrongType,
                Msg::new(format!("sai số mục: danh sách có {len} mục, cần {vi}"), format!("wrong number of items: the list has {len}, expected {en}")),
                Some(schema_hint()),
            )
        }
        // A list or a block where one word of a fixed set belongs (`danh_gia:
        // [a, b]`, `loai: {}`): serde says only "externally tagged enum".
        _ if msg.contains("externally tagged enum") || msg.contains("unit enum variant") => {
            let key = enum_key(text, line, column);
            let values = key.as_deref().and_then(enum_values);
            let name = key.as_deref().map_or(String::new(), |k| format!("`{k}` "));
            (
                Kind::WrongType,
                Msg::new(
                    format!("sai kiểu giá trị: {name}nhận một từ trong danh sách cho sẵn, không phải danh sách [ … ] hay khối {{ … }}"),
                    format!("wrong kind of value: {name}takes one word of a fixed set, not a list [ … ] or a block {{ … }}"),
                ),
                Some(match values {
                    Some(v) => Msg::new(format!("các giá trị hợp lệ: {}", v.join(", ")), format!("the values allowed: {}", v.join(", "))),
                    None => schema_hint(),
                }),
            )
        }
        _ if msg.contains("untagged enum") => {
            // serde's untagged enums say only that nothing matched: say what would.
            let (vi, en) = if msg.contains("TableSource") {
                (
                    "tên tệp chỉ tiêu (bang_chi_tieu: bao-cao.chi-tieu.yaml) hoặc chính bảng (cot:, nhom:)",
                    "the indicator file's name (bang_chi_tieu: report.chi-tieu.yaml) or the table itself (cot:, nhom:)",
                )
            } else if msg.contains("Run") {
                ("một đoạn chữ hoặc một trong dam:, nghieng:, dam_nghieng:, tom_tat:", "text, or one of dam:, nghieng:, dam_nghieng:, tom_tat:")
            } else {
                ("một đoạn chữ (\"…\") hoặc danh sách các đoạn (- dam: \"…\")", "text (\"…\") or a list of runs (- dam: \"…\")")
            };
            (
                Kind::WrongType,
                Msg::new(format!("sai kiểu giá trị: ở đây cần {vi}"), format!("wrong kind of value: expected {en}")),
                Some(schema_hint()),
            )
        }
        _ => {
            let lower = msg.to_lowercase();
            if lower.contains("recursion limit") || lower.contains("depth") {
                too_complex("lồng nhau quá sâu", "nested too deep")
            } else if lower.contains("alias") && (lower.contains("limit") || lower.contains("exceeded")) {
                too_complex("alias được mở rộng quá nhiều lần", "aliases expand too many times")
            } else if lower.contains("invalid type") || lower.contains("invalid value") {
                (
                    Kind::WrongType,
                    Msg::new(format!("sai kiểu giá trị: {msg}"), format!("wrong kind of value: {msg}")),
                    Some(schema_hint()),
                )
            } else if let Some((m, at)) = (lower.contains("simple key expected") || lower.contains("expected '-' indicator") || lower.contains("did not find expected key") || lower.contains("could not find expected ':'"))
                .then(|| list_item_slip(text, line))
                .flatten()
            {
                (line, column) = at;
                m
            } else if let Some((m, at)) = (lower.contains("unknown escape character") || lower.contains("expected hexadecimal number")).then(|| backslash_in_double_quotes(text, line, column)).flatten() {
                (line, column) = at;
                m
            } else if let Some(m) = needs_quotes(text, line, &lower) {
                m
            } else if let Some((m, at)) = lower.contains("did not find expected key").then(|| text_after_flow(text, line, column)).flatten() {
                (line, column) = at;
                m
            } else if lower.starts_with("unexpected character") {
                // A raw control character (Word's line break U+000B, a bell
                // pasted from elsewhere): YAML allows none in a file.
                let found = text.lines().nth(line.saturating_sub(1) as usize).and_then(|l| l.chars().nth(column.saturating_sub(1) as usize));
                let code = found.map_or(String::new(), |c| format!(" U+{:04X}", c as u32));
                (
                    Kind::Syntax,
                    Msg::new(format!("lỗi cú pháp YAML: ký tự điều khiển{code} không được có trong tệp"), format!("YAML syntax error: the control character{code} may not be in the file")),
                    Some(Msg::new(
                        "xóa ký tự này (thường đi theo khi chép từ Word: dấu ngắt dòng Shift+Enter); một đoạn mới là một mục - doan: mới",
                        "delete it (it often comes along when pasting from Word: a Shift+Enter line break); a new paragraph is a new - doan: item",
                    )),
                )
            } else if let Some(space) = odd_space_after_colon(text, line).filter(|_| lower.contains("simple key expected")) {
                (
                    Kind::Syntax,
                    Msg::new(
                        format!("lỗi cú pháp YAML: sau dấu hai chấm là khoảng trắng đặc biệt U+{:04X} (thường có khi chép từ Word hay trang web), YAML không nhận ra khóa", space as u32),
                        format!("YAML syntax error: the colon is followed by the special space U+{:04X} (it often comes along when pasting from Word or a web page), so YAML does not see a key", space as u32),
                    ),
                    Some(Msg::new("xóa khoảng trắng sau dấu hai chấm và gõ lại một dấu cách thường", "delete the space after the colon and type an ordinary space")),
                )
            } else if lower.contains("simple key expected") {
                let full_width = text.lines().nth(line.saturating_sub(1) as usize).is_some_and(|l| l.contains('\u{FF1A}'));
                (
                    Kind::Syntax,
                    Msg::new("lỗi cú pháp YAML: thiếu dấu hai chấm \":\" sau tên khóa", "YAML syntax error: a key lacks its colon \":\""),
                    Some(if full_width {
                        Msg::new("dòng này dùng dấu hai chấm toàn khổ \"：\" (bộ gõ tiếng Trung/Nhật); gõ lại bằng dấu \":\" thường", "this line has a full-width colon \"：\"; type an ordinary \":\" instead")
                    } else {
                        Msg::new("viết khóa: giá trị, có dấu cách sau dấu hai chấm", "write key: value, with a space after the colon")
                    }),
                )
            } else if lower.contains("surrogate") {
                (
                    Kind::Syntax,
                    Msg::new("lỗi cú pháp YAML: chuỗi thoát \\u… viết một nửa ký tự (surrogate) không hợp lệ", "YAML syntax error: a \\u… escape writes half a character (a lone surrogate)"),
                    Some(Msg::new("viết thẳng ký tự đó, hoặc dùng \\U với 8 chữ số hex cho ký tự ngoài BMP", "write the character itself, or \\U with 8 hex digits for a character beyond the BMP")),
                )
            } else if let Some(quoted) = colon_outside_quotes(text, line).filter(|_| lower.contains("mapping values are not allowed")) {
                colon_in_text(text, line, quoted)
            } else if let Some((m, at)) = lower.contains("mapping values are not allowed").then(|| list_item_slip(text, line)).flatten() {
                // `-UBND huyện;` above `- "Lưu: VT."`: the glued item and
                // the next run on as one text, whose ": " YAML refuses.
                (line, column) = at;
                m
            } else if lower.contains("mapping values are not allowed") {
                (
                    Kind::Syntax,
                    Msg::new(
                        "giá trị có dấu hai chấm và dấu cách (\": \") mà không nằm trong ngoặc kép: YAML đọc nó như một khóa mới",
                        "a value with a colon and a space (\": \") outside quotes: YAML reads it as a new key",
                    ),
                    Some(Msg::new(
                        "đặt cả giá trị trong ngoặc kép, ví dụ: doan: \"Thời gian: 08 giờ\"",
                        "put the whole value in quotes, e.g. doan: \"Thời gian: 08 giờ\"",
                    )),
                )
            } else if let Some(m) = parser_words(text, line, column, &lower) {
                m
            } else if let Some((l, c)) = lower.contains("tab").then(|| first_tab_indent(text, line, column)).flatten() {
                (line, column) = (l, c);
                (
                    Kind::Syntax,
                    Msg::new(
                        "lỗi cú pháp YAML: dòng này thụt lề bằng phím Tab; YAML chỉ nhận dấu cách",
                        "YAML syntax error: this line is indented with a tab; YAML only takes spaces",
                    ),
                    Some(Msg::new(
                        "dùng dấu cách, không dùng Tab: xóa Tab ở đầu dòng rồi thụt lề lại bằng phím cách, thẳng cột với các khóa cùng khối (có thể đặt trình soạn thảo tự đổi Tab thành dấu cách)",
                        "use spaces, not Tab: delete the tab at the start of the line and indent it again with the space bar, in line with the keys of its block (an editor can be set to turn Tab into spaces)",
                    )),
                )
            } else {
                (
                    Kind::Syntax,
                    Msg::new(format!("lỗi cú pháp YAML: {msg}"), format!("YAML syntax error: {msg}")),
                    Some(syntax_hint(text, line)),
                )
            }
        }
    };
    // A list or scalar where a map or text belongs may be reported at its key
    // ("bang_chi_tieu: [x]" at bang_chi_tieu): point at the value. (A wrong map
    // is reported at its own first key, which is right.)
    let at_key = matches!(inner, YamlError::SerdeInvalidType { unexpected, .. } if !unexpected.contains("map"));
    if at_key {
        if let Some(c) = value_after_key(text, line, column) {
            column = c;
        }
    }
    let (message, hint) = match issue_date_written_as_text(text, line) {
        Some((form, None)) if kind == Kind::WrongType => (
            Msg::new("ngày ban hành ghi thành ba khóa ngày, tháng, năm", "the date of issue is written as three keys: day, month, year"),
            Some(Msg::new(format!("viết: {form}"), format!("write: {form}"))),
        ),
        // Not a day of the calendar (31/02, month 13): the form, not that date.
        Some((_, Some((d, m, y)))) if kind == Kind::WrongType => (
            Msg::new(
                format!("ngày ban hành ghi thành ba khóa ngày, tháng, năm; và ngày {d} tháng {m} năm {y} không có trên lịch"),
                format!("the date of issue is written as three keys: day, month, year; and day {d} of month {m} of {y} is not on the calendar"),
            ),
            Some(Msg::new("viết ngày có thật, ví dụ: ngay: { ngay: 15, thang: 6, nam: 2026 }", "write a real date, e.g.: ngay: { ngay: 15, thang: 6, nam: 2026 }")),
        ),
        _ => (message, hint),
    };
    // `so: 112/QĐ-UBND`: the number alone; the ký hiệu is vanban's to write.
    let (message, hint) = match number_written_with_symbol(text, line) {
        Some((number, symbol, at)) if kind == Kind::WrongType => {
            column = at;
            (
                Msg::new(
                    format!("`so` chỉ ghi con số; ký hiệu \"{symbol}\" vanban tự ghi theo loại văn bản và `co_quan.viet_tat`"),
                    format!("`so` is the number alone; vanban writes the ký hiệu \"{symbol}\" from the document type and `co_quan.viet_tat`"),
                ),
                Some(Msg::new(format!("viết: so: {number}"), format!("write: so: {number}"))),
            )
        }
        _ => (message, hint),
    };
    // A value refused inside a flow mapping (`ngay: { ngay: -1, … }`) is
    // reported at its key: point at the value itself.
    if let YamlError::SerdeInvalidType { unexpected, .. } | YamlError::SerdeInvalidValue { unexpected, .. } = inner {
        column = value_in_flow_map(text, line, column, unexpected).unwrap_or(column);
    }
    let mut d = Diagnostic::at(Severity::Error, kind, file, line, column, message);
    d.hint = hint;
    d
}

/// `{ngay:5,thang:6}` → `{ ngay: 5, thang: 6 }`: a space after each colon
/// and comma, inside the braces, outside quotes.
fn spaced_flow(flow: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut chars = flow.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ':' | ',' | '{') if chars.peek().is_some_and(|n| !n.is_whitespace() && *n != '}') => out.push(' '),
            (None, _) if chars.peek() == Some(&'}') && !c.is_whitespace() => out.push(' '),
            _ => {}
        }
    }
    out
}

/// `ngay: "31/02/2027"` or `ngay: 2027-02-31` on `line`, the top-level date
/// written as one value: the form to write instead,
/// `ngay: { ngay: 31, thang: 2, nam: 2027 }` (its day and month as given; a
/// day the month lacks is said once the form is right).
/// Fields whose example holds only at the top of a document (`ngay` is also
/// the day inside the date, `loai` an attached text's kind, `noi_dung` a
/// khoản's text).
const TOP_LEVEL_ONLY: [&str; 3] = ["ngay", "loai", "noi_dung"];

/// What a required field looks like written, for the hint of a missing one.
fn example_of(field: &str) -> Option<&'static str> {
    Some(match field {
        "loai" => "loai: bao_cao",
        "co_quan" => "co_quan: { ten: [\"ỦY BAN NHÂN DÂN\", \"XÃ HOẰNG LỘC\"], viet_tat: UBND }",
        "viet_tat" => "viet_tat: UBND",
        "dia_danh" => "dia_danh: Hoằng Lộc",
        "ngay" => "ngay: { ngay: 15, thang: 6, nam: 2026 }",
        "trich_yeu" => "trich_yeu: \"Về việc …\"",
        "nguoi_ky" => "nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A }",
        "ho_ten" => "ho_ten: Nguyễn Văn A",
        "chuc_vu" => "chuc_vu: CHỦ TỊCH",
        "noi_nhan" => "noi_nhan: [\"Như trên;\", \"Lưu: VT.\"]",
        "noi_dung" => "noi_dung: [{ doan: \"…\" }]",
        _ => return None,
    })
}

/// `so: 112/QĐ-UBND` on `line`: the number, what follows it, and the value's
/// column.
fn number_written_with_symbol(text: &str, line: u64) -> Option<(String, String, u64)> {
    let at = text.lines().nth(line.checked_sub(1)? as usize)?;
    let value = at.strip_prefix("so:")?;
    let lead = value.len() - value.trim_start().len();
    let v = super::source_text::without_comment(value.trim_start()).trim_matches(['"', '\'']);
    let number: String = v.chars().take_while(char::is_ascii_digit).collect();
    let symbol = v[number.len()..].trim();
    (!number.is_empty() && symbol.starts_with('/')).then(|| (number, symbol.to_owned(), ("so:".len() + lead) as u64 + 1))
}

/// The document type a top-level `loai:` line names, if any.
fn written_type(text: &str) -> Option<super::doc_type::DocumentType> {
    let value = text.lines().find_map(|l| l.strip_prefix("loai:"))?;
    let value = value.split(" #").next().unwrap_or(value).trim().trim_matches(['"', '\'']);
    super::doc_type::DocumentType::ALL.into_iter().find(|t| t.model().key == value)
}

/// A date of issue typed as one value ("15/6/2026"): its three keys, and the
/// date read when it is no day of the calendar ("31/02/2023").
fn issue_date_written_as_text(text: &str, line: u64) -> Option<(String, Option<(u32, u32, u32)>)> {
    let source = text.lines().nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let value = source.strip_prefix("ngay:")?.split('#').next()?.trim();
    if value.starts_with('{') {
        // The three keys already: an error inside them is theirs.
        return None;
    }
    // `[5, 6, 2024]` (or `[2024, 6, 5]`): the three numbers as a list.
    let listed = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')).and_then(|v| {
        let n: Vec<u32> = v.split(',').map(|p| p.trim().trim_matches(['"', '\'']).parse().ok()).collect::<Option<_>>()?;
        match n[..] {
            [y, m, d] if y > 31 => Some((d, m, y)),
            [d, m, y] => Some((d, m, y)),
            _ => None,
        }
    });
    let (day, month, year) = match listed {
        Some(date) => date,
        None => super::date::written_date(value)?,
    };
    let on_the_calendar = (1..=12).contains(&month) && day >= 1 && day <= super::date::days_in_month(month, year);
    Some((format!("ngay: {{ ngay: {day}, thang: {month}, nam: {year} }}"), (!on_the_calendar).then_some((day, month, year))))
}

fn too_complex(vi: &str, en: &str) -> (Kind, Msg, Option<Msg>) {
    (
        Kind::TooComplex,
        Msg::new(format!("tệp YAML quá phức tạp: {vi}"), format!("the YAML is too complex: {en}")),
        Some(Msg::new("viết nội dung trực tiếp, không dùng anchor/alias lồng nhau", "write the content out plainly, without nested anchors/aliases")),
    )
}

/// When (`line`, `column`) is a plain key with its value on the same line, the
/// value's column.
fn value_after_key(text: &str, line: u64, column: u64) -> Option<u64> {
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    let rest: Vec<char> = l.chars().skip(column.checked_sub(1)? as usize).collect();
    let key_len = rest.iter().take_while(|c| c.is_alphanumeric() || **c == '_').count();
    if key_len == 0 || rest.get(key_len) != Some(&':') {
        return None;
    }
    let spaces = rest[key_len + 1..].iter().take_while(|c| **c == ' ').count();
    if spaces == 0 {
        return None;
    }
    let at = key_len + 1 + spaces;
    rest.get(at).filter(|c| **c != '#').map(|_| column + at as u64)
}

/// Leading spaces of a line, and the 1-based column of its key (after any "- ").
fn indents(line: &str) -> (usize, usize) {
    let lead = line.chars().take_while(|c| *c == ' ').count();
    let mut rest: &str = &line[lead..];
    let mut key = lead;
    while let Some(r) = rest.strip_prefix("- ").or_else(|| (rest == "-").then_some("")) {
        let spaces = r.chars().take_while(|c| *c == ' ').count();
        key += 2.min(rest.len()) + spaces;
        rest = &r[spaces..];
    }
    (lead, key + 1)
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// The start of the mapping one of whose keys is at (`line`, `column`): an
/// unmatched "{" before it on the line, or its first key in block style.
fn mapping_start(text: &str, line: u64, column: u64) -> (u64, u64) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(this) = lines.get(line.saturating_sub(1) as usize) else { return (line, column) };
    // Flow mapping on this line: the nearest unmatched "{" to the left.
    let before: Vec<char> = this.chars().take(column.saturating_sub(1) as usize).collect();
    let mut depth = 0usize;
    for (i, c) in before.iter().enumerate().rev() {
        match c {
            '}' => depth += 1,
            '{' if depth == 0 => return (line, i as u64 + 1),
            '{' => depth -= 1,
            _ => {}
        }
    }
    let col = column as usize;
    let mut start = (line, column);
    for idx in (0..line.saturating_sub(1) as usize).rev() {
        let l = lines[idx];
        if is_blank_or_comment(l) {
            continue;
        }
        let (lead, key) = indents(l);
        if lead + 1 == col {
            start = (idx as u64 + 1, column);
        } else if lead + 1 < col {
            if key == col {
                start = (idx as u64 + 1, column);
            }
            break;
        }
    }
    start
}

/// `field:` written just below the block whose keys are at `block_column`, at
/// another indentation: YAML then reads it as a key of an outer block.
fn misplaced_key(text: &str, last_key_line: u64, block_column: u64, field: &str) -> Option<(u64, u64)> {
    let lines: Vec<&str> = text.lines().collect();
    let col = block_column as usize;
    for (idx, l) in lines.iter().enumerate().skip(last_key_line as usize) {
        if is_blank_or_comment(l) {
            continue;
        }
        let (lead, key) = indents(l);
        if lead + 1 >= col {
            continue; // still inside the block, or a nested value
        }
        let rest: String = l.chars().skip(key.saturating_sub(1)).collect();
        let name = rest.split(':').next().unwrap_or("").trim().trim_matches(['"', '\'']);
        return (name == field && key != col).then_some((idx as u64 + 1, key as u64));
    }
    None
}

/// The line of an earlier `key:` among the siblings of the key at (`line`, `column`).
fn first_occurrence(text: &str, line: u64, column: u64, key: &str) -> Option<u64> {
    let lines: Vec<&str> = text.lines().collect();
    let col = column as usize;
    let mut found = None;
    for idx in (0..line.saturating_sub(1) as usize).rev() {
        let l = lines.get(idx)?;
        if is_blank_or_comment(l) {
            continue;
        }
        let (lead, k) = indents(l);
        if lead + 1 < col && k != col {
            break;
        }
        if k == col {
            let rest: String = l.chars().skip(col.saturating_sub(1)).collect();
            if rest.split(':').next().unwrap_or("").trim().trim_matches(['"', '\'']) == key {
                found = Some(idx as u64 + 1);
            }
            if lead + 1 < col {
                break;
            }
        }
    }
    found
}

/// The first line up to just after `line` (the parser may stop at the key
/// whose value the odd line was meant to be) whose indentation holds a space
/// other than the plain one (no-break, em, ideographic, zero-width …): line,
/// column, the char.
fn odd_space_indent(text: &str, line: u64) -> Option<(u64, u64, char)> {
    for (idx, l) in text.lines().enumerate().take(line as usize + 2) {
        for (col, c) in l.chars().enumerate() {
            if c == ' ' || c == '\t' {
                continue;
            }
            if (c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}') && c != '\r' {
                return Some((idx as u64 + 1, col as u64 + 1, c));
            }
            break;
        }
    }
    None
}

/// The line, at or up to two lines before `line`, that begins with a dash or
/// bullet other than "-" and a space, and its column.
fn wrong_list_marker(text: &str, line: u64) -> Option<(u64, u64, char)> {
    let lines: Vec<&str> = text.lines().collect();
    let last = (line as usize).min(lines.len());
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    // Inside a `|` or `>` block any line is text: the first line above that
    // is indented less is the block's key.
    let in_block_scalar = |n: usize| {
        let own = indent(lines[n - 1]);
        lines[..n - 1].iter().rev().filter(|l| !l.trim().is_empty()).find(|l| indent(l) < own).is_some_and(|key| {
            let key = key.split(" #").next().unwrap_or(key).trim_end();
            ["|", ">", "|-", ">-", "|+", ">+"].iter().any(|b| key.ends_with(&format!(": {b}")) || key.ends_with(&format!("- {b}")) || key == *b)
        })
    };
    (last.saturating_sub(2).max(1)..=last).rev().filter(|&n| !in_block_scalar(n)).find_map(|n| {
        let l = lines[n - 1];
        let body = l.trim_start_matches(' ');
        let mut chars = body.chars();
        let ch = chars.next().filter(|c| matches!(c, '–' | '—' | '‐' | '‑' | '−' | '•' | '·' | '●' | '○' | '▪' | '◦' | '*' | '+'))?;
        (chars.next() == Some(' ') && chars.next().is_some_and(|c| !c.is_whitespace())).then(|| (n as u64, (l.len() - body.len()) as u64 + 1, ch))
    })
}

/// The first tab in the indentation of a line, from `line` on (or on `line` itself
/// after `column`): where a "tab" error really is.
fn first_tab_indent(text: &str, line: u64, column: u64) -> Option<(u64, u64)> {
    for (idx, l) in text.lines().enumerate().skip(line.saturating_sub(1) as usize) {
        let lead: Vec<char> = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        if let Some(pos) = lead.iter().position(|c| *c == '\t') {
            return Some((idx as u64 + 1, pos as u64 + 1));
        }
        if idx as u64 + 1 == line {
            if let Some(pos) = l.chars().skip(column.saturating_sub(1) as usize).position(|c| c == '\t') {
                return Some((line, column + pos as u64));
            }
        }
    }
    None
}

/// An opening quote or bracket that YAML never saw closed where it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    pub mark: char,
    pub line: u64,
    pub column: u64,
    /// Where the scanner saw it closed at last (a later quote or bracket), if ever.
    pub closed_line: Option<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    mark: char,
    line: u64,
    column: u64,
    /// Indentation of the line it was opened on.
    indent: usize,
}

/// A small YAML lexer (quotes, flow brackets, comments, block scalars) that finds
/// a quote or bracket still open on a later line indented no deeper than the line
/// it was opened on: there the block structure resumes, so it cannot be a
/// multi-line string or list, it was left unclosed. Also one still open at the end.
pub fn find_unclosed(text: &str) -> Option<Unclosed> {
    let mut stack: Vec<Open> = Vec::new();
    let mut suspect: Option<(Open, usize)> = None;
    let mut block_scalar_parent: Option<usize> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx as u64 + 1;
        let chars: Vec<char> = raw.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = chars[indent..].iter().all(|c| c.is_whitespace());
        if let Some(parent) = block_scalar_parent {
            if blank || indent > parent {
                continue;
            }
            block_scalar_parent = None;
        }
        if suspect.is_none() && !blank {
            if let Some(top) = stack.last() {
                let first = chars[indent];
                let quoted = matches!(top.mark, '"' | '\'');
                let comment = !quoted && first == '#';
                if !comment && indent <= top.indent && (quoted || !matches!(first, ']' | '}')) {
                    suspect = Some((*top, stack.len() - 1));
                }
            }
        }
        let mut j = indent;
        let mut at_start = true;
        let mut in_plain = false;
        while j < chars.len() {
            let c = chars[j];
            let next = chars.get(j + 1).copied();
            match stack.last().map(|o| o.mark) {
                Some('"') => {
                    if c == '\\' {
                        j += 2;
                        continue;
                    }
                    if c == '"' {
                        stack.pop();
                        if let Some(done) = closes_suspect(&suspect, &stack, line_no) {
                            return Some(done);
                        }
                        at_start = false;
                    }
                    j += 1;
                    continue;
                }
                Some('\'') => {
                    if c == '\'' {
                        if next == Some('\'') {
                            j += 2;
                            continue;
                        }
                        stack.pop();
                        if let Some(done) = closes_suspect(&suspect, &stack, line_no) {
                            return Some(done);
                        }
                        at_start = false;
                    }
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let flow = !stack.is_empty();
            let space_after = next.is_none_or(char::is_whitespace);
            if c == '#' && (j == 0 || chars[j - 1].is_whitespace()) {
                break;
            }
            if c.is_whitespace() {
                j += 1;
                continue;
            }
            if in_plain {
                let ends_key = c == ':' && (space_after || flow && matches!(next, Some(',' | ']' | '}')));
                if ends_key {
                    in_plain = false;
                    at_start = true;
                    j += 1;
                    continue;
                }
                if !(flow && matches!(c, ',' | ']' | '}')) {
                    j += 1;
                    continue;
                }
                in_plain = false;
            }
            match c {
                '"' | '\'' | '[' | '{' if at_start => {
                    stack.push(Open { mark: c, line: line_no, column: j as u64 + 1, indent });
                    at_start = true;
                }
                ']' | '}' if flow => {
                    let want = if c == ']' { '[' } else { '{' };
                    if stack.last().is_some_and(|o| o.mark == want) {
                        stack.pop();
                        if let Some(done) = closes_suspect(&suspect, &stack, line_no) {
                            return Some(done);
                        }
                    }
                    at_start = false;
                }
                ',' if flow => at_start = true,
                ':' if space_after || flow => at_start = true,
                '-' | '?' if at_start && space_after => at_start = true,
                '|' | '>' if at_start && !flow => {
                    block_scalar_parent = Some(indent);
                    break;
                }
                '&' | '!' | '*' if at_start => {
                    while j + 1 < chars.len() && !chars[j + 1].is_whitespace() && !(flow && matches!(chars[j + 1], ',' | ']' | '}')) {
                        j += 1;
                    }
                    at_start = c != '*';
                }
                _ => {
                    if at_start {
                        in_plain = true;
                        at_start = false;
                    }
                }
            }
            j += 1;
        }
    }
    if let Some((open, _)) = suspect {
        return Some(Unclosed { mark: open.mark, line: open.line, column: open.column, closed_line: None });
    }
    stack.last().map(|open| Unclosed { mark: open.mark, line: open.line, column: open.column, closed_line: None })
}

/// The suspect, once the scanner pops it off the stack.
fn closes_suspect(suspect: &Option<(Open, usize)>, stack: &[Open], line: u64) -> Option<Unclosed> {
    let (open, depth) = suspect.as_ref()?;
    (stack.len() == *depth).then_some(Unclosed { mark: open.mark, line: open.line, column: open.column, closed_line: Some(line) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `expecting` text of the model's own deserializers has its
    /// Vietnamese: a message never says "cần a number such as …".
    #[test]
    fn every_expecting_text_has_its_vietnamese() {
        let mut seen = 0;
        for source in [include_str!("load.rs"), include_str!("mod.rs")] {
            for line in source.lines().filter(|l| l.trim_start().starts_with("f.write_str(\"")) {
                let Some(literal) = line.trim().strip_prefix("f.write_str(\"").and_then(|l| l.strip_suffix("\")")) else { continue };
                let text = literal.replace("\\\"", "\"");
                assert!(EXPECTING_VI.iter().any(|(en, _)| *en == text), "no Vietnamese for {text:?}");
                seen += 1;
            }
        }
        assert!(seen >= EXPECTING_VI.len(), "found {seen} expecting texts");
        assert_eq!(found_words("integer `2028`"), "số `2028`");
        assert_eq!(found_words("sequence"), "một danh sách");
    }

    #[test]
    fn finds_runaway_quotes_and_brackets() {
        let q = "a: \"abc\nb: x\nc: \"d\"\n";
        assert_eq!(find_unclosed(q).map(|u| (u.mark, u.line, u.column)), Some(('"', 1, 4)));
        let b = "a:\n  ten: [\"A\", \"B\"\n  viet_tat: X\n";
        assert_eq!(find_unclosed(b).map(|u| (u.mark, u.line, u.column)), Some(('[', 2, 8)));
        let eof = "a: x\nb: 'abc\n";
        assert_eq!(find_unclosed(eof).map(|u| (u.mark, u.line, u.column)), Some(('\'', 2, 4)));
    }

    #[test]
    fn leaves_valid_yaml_alone() {
        let ok = "a: \"x\" # \"comment\nb: it's [plain] {text}\nc: [\n    1, \"2\",\n  ]\nd: |\n  \"quoted\n  [open\ne: 'it''s'\nf: { g: \"}\" }\n";
        assert_eq!(find_unclosed(ok), None);
    }

    #[test]
    fn finds_nothing_in_the_project_content() {
        for text in [
            include_str!("../../content/but-son-2023-6-thang.yaml"),
            include_str!("../../content/but-son-2023-6-thang.chi-tieu.yaml"),
            include_str!("../../content/mau/bao-cao.yaml"),
            include_str!("../../content/mau/bao-cao.chi-tieu.yaml"),
        ] {
            assert_eq!(find_unclosed(text), None);
        }
    }

    #[test]
    fn a_backslash_in_double_quotes_is_found_and_said_in_vietnamese() {
        let text = "a: 1\nb: \"D:\\Ho so\\n \\\\x\"\n";
        let ((kind, msg, hint), at) = backslash_in_double_quotes(text, 2, 4).expect("found");
        assert_eq!((kind, at), (Kind::Syntax, (2, 7)));
        assert!(msg.vi.contains("dấu gạch chéo ngược") && msg.vi.contains("\"\\H\""), "{}", msg.vi);
        let hint = hint.expect("hint");
        assert!(hint.vi.contains("\"D:\\\\Ho so\\\\n \\\\x\"") && hint.vi.contains("'D:\\Ho so\\n \\x'"), "{}", hint.vi);
        // Valid escapes only: nothing to say.
        assert!(backslash_in_double_quotes("b: \"a\\n\\\"\\x41\"\n", 1, 4).is_none());
    }

    #[test]
    fn mapping_start_of_block_and_flow() {
        let text = "a: 1\nd:\n  thang: 2\n  ngay: 3\nl: [a]\n";
        assert_eq!(mapping_start(text, 4, 3), (3, 3));
        assert_eq!(mapping_start(text, 5, 1), (1, 1));
        assert_eq!(mapping_start("d: { thang: 6 }\n", 1, 6), (1, 4));
        let items = "nhom:\n  - ten: x\n    chi_tieu: []\n";
        assert_eq!(mapping_start(items, 3, 5), (2, 5));
    }
}
