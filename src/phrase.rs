//! Where a Vietnamese title reads well broken: the phrase boundaries.
//!
//! Vietnamese writes one syllable per space, and a word is often two syllables
//! ("thiên tai", "kinh tế", "xã hội"), so a space is not a word boundary. A
//! break such as "… phòng, chống thiên | tai năm 2024" splits a word and reads
//! as a mistake to any Vietnamese official; a typesetter breaks at a phrase
//! boundary instead: after a comma or semicolon, before a function word that
//! opens a phrase ("của", "và", "về", "năm", "trên địa bàn" …) or before a number
//! (a count such as "6 tháng"), and never right after a function word or
//! between a word such as "năm", "số" and the number it takes.
//!
//! The lists are short on purpose (no dictionary): the phrase openers of
//! administrative style (the trích yếu of NĐ 30/2020/NĐ-CP, Phụ lục III), and the
//! words titles use most (two syllables, a few names of more), so that a break
//! inside one costs more
//! than any other. Any other space between two syllables is an ordinary break:
//! allowed, but a phrase boundary is preferred ([`crate::measure::balanced_words`]).

use unicode_normalization::UnicodeNormalization;

/// How a line break before a word reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakBefore {
    /// At a phrase boundary: after "," ";" ":", before a phrase-opening word
    /// or a number.
    Phrase,
    /// Between two words of one phrase: allowed, not sought.
    Plain,
    /// Inside a word ("thiên | tai"), after a function word ("của | Ủy ban"),
    /// or between a number and what it belongs to ("năm | 2024", "6 | tháng").
    InsideWord,
}

/// Words (one or more syllables, lowercase) that open a phrase in an
/// administrative title: a line may well begin with them.
const PHRASE_OPENERS: &[&str] = &[
    "của", "và", "về", "cho", "trong", "trên", "tại", "theo", "đối với", "năm", "giai đoạn",
    "các", "những", "để", "với", "từ", "đến", "nhằm", "thuộc", "sau", "trước", "trên địa bàn",
    "hoặc", "nhưng", "do", "bằng", "qua", "giữa", "tới", "vào", "gắn với", "nhân dịp",
    "kèm theo", "tháng",
];

/// Function words that bind to what follows: a line never ends with one. With
/// them "tổ" and "ban", heads of names that follow them ("Tổ công tác", "Ban Chỉ
/// đạo", "Ủy ban nhân dân") or first syllables ("tổ chức", "ban hành").
const NOT_AT_LINE_END: &[&str] = &[
    "tổ", "ban",
    "của", "và", "về", "cho", "trong", "trên", "tại", "theo", "với", "để", "từ", "đến", "nhằm",
    "các", "những", "hoặc", "do", "bằng", "qua", "vào", "tới", "giữa", "là", "thuộc", "mà",
    "nhưng", "bị", "được", "đã", "sẽ", "đang",
];

/// Words that take a number after them ("năm 2024", "số 06/QĐ-TTg", "giai đoạn
/// 2022-2025", "kỳ họp thứ 6"): the number stays on their line.
const TAKES_A_NUMBER: &[&str] = &[
    "năm", "tháng", "ngày", "số", "quý", "đợt", "lần", "khóa", "khoá", "kỳ", "điều", "khoản",
    "chương", "mục", "phần", "đoạn", "thứ",
];

/// Words common in administrative titles (lowercase, NFC), never split: mostly
/// two syllables, and a few names and terms of more ("Ủy ban nhân dân",
/// "chuyển đổi số"). "phòng, chống" is one term though written with a comma.
const WORDS: &[&str] = &[
    "thiên tai", "phát triển", "kinh tế", "xã hội", "dân cư", "ủy ban", "uỷ ban", "nhân dân",
    "công tác", "phòng chống", "thực hiện", "nhiệm vụ", "tình hình", "kế hoạch", "quốc phòng",
    "an ninh", "đầu năm", "cuối năm", "giữa năm", "hằng năm", "trọng tâm", "đối với", "giai đoạn",
    "địa bàn", "chuyển đổi", "tổ chức", "triển khai", "tổng kết", "sơ kết", "hội nghị",
    "hội đồng", "chủ tịch", "dự toán", "ngân sách", "phê duyệt", "đề nghị", "hỗ trợ", "kinh phí",
    "sửa chữa", "kênh mương", "nội đồng", "mưa lũ", "tìm kiếm", "cứu nạn", "ban hành", "quy chế",
    "quy định", "làm việc", "thành lập", "kết luận", "kết quả", "giao ban", "cuộc họp", "số liệu",
    "thống kê", "dân số", "lao động", "y tế", "giáo dục", "đào tạo", "văn hóa", "văn hoá",
    "chỉ đạo", "tăng cường", "quyết định", "báo cáo", "ứng dụng", "dữ liệu", "định danh",
    "xác thực", "điện tử", "quốc gia", "thương binh", "liệt sĩ", "kỷ niệm", "nông thôn",
    "nông nghiệp", "môi trường", "đầu tư", "xây dựng", "cải cách", "hành chính", "việc làm",
    "thị trấn", "đô thị", "chính phủ", "thủ tướng", "nghị quyết", "nghị định", "thông tư",
    "phục vụ", "hoạt động", "chức năng", "quyền hạn", "cơ cấu", "văn phòng", "đề án",
    "tầm nhìn", "cách mạng", "quốc khánh", "cộng hòa", "cộng hoà", "chủ nghĩa", "việt nam",
    "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "mặt trận tổ quốc",
    "xã hội chủ nghĩa", "chuyển đổi số",
    // Names of issuing bodies, split into the header's column.
    "nông trường", "lâm trường", "phòng ban", "biên phòng", "công an", "quân sự",
    // Found splitting real titles after the first list (review, 2026-12-03).
    "mục tiêu", "giải phóng", "phối hợp", "hành lang", "xuất huyết", "sốt xuất huyết", "trường học",
    "sạt lở", "bảo vệ", "an toàn", "giao thông", "đường bộ", "trật tự", "quản lý", "khoa học",
    "công nghệ", "đổi mới", "sáng tạo", "chính trị", "đột phá", "chương trình", "thống nhất",
    "đất nước", "hoàn toàn", "miền nam", "dự thảo", "góp ý", "cộng đồng", "tay chân miệng",
    "bộ chính trị", "mặt trận", "tổ quốc", "thanh niên", "phụ nữ", "nông dân", "cựu chiến binh",
    "học sinh", "sinh viên", "trẻ em", "người cao tuổi", "hộ nghèo", "cận nghèo", "bảo hiểm",
    "dịch bệnh", "phòng cháy", "chữa cháy", "thiên nhiên", "tài nguyên", "đất đai",
    "khoáng sản", "rừng phòng hộ", "thủy lợi", "nước sạch", "vệ sinh", "thực phẩm", "sản xuất",
    "kinh doanh", "thương mại", "dịch vụ", "du lịch", "doanh nghiệp", "hợp tác xã", "tín dụng",
    "tài chính", "tài sản", "công trình", "dự án", "hạ tầng", "nhà ở", "nhà văn hóa",
    "thể thao", "truyền thông", "thông tin", "tuyên truyền", "pháp luật", "tư pháp", "hộ tịch",
    "khiếu nại", "tố cáo", "tiếp công dân", "công dân", "cán bộ", "công chức", "viên chức",
    "bầu cử", "đại biểu", "kỳ họp", "thường trực", "thường xuyên", "đột xuất", "khẩn cấp",
    "bão lũ", "hạn hán", "ngập lụt", "khắc phục", "hậu quả", "tổng hợp", "đánh giá", "kiểm tra",
    "giám sát", "thanh tra", "rà soát", "bình xét", "xét duyệt", "phân bổ", "quyết toán",
    // Found splitting a công văn's V/v (review, 2026-12-04).
    "kiên cố", "kiên cố hóa", "kiên cố hoá", "hoàn cảnh", "khó khăn", "chính sách", "thiệt hại",
    "bổ sung", "giải quyết", "xem xét", "danh sách", "đề xuất", "tiếp nhận", "chi trả", "trợ cấp",
    "bảo trợ", "người có công", "gia đình", "thủ tục", "hồ sơ", "giấy chứng nhận", "quyền sử dụng",
    "sử dụng", "giải ngân", "vốn đầu tư", "đầu tư công", "nông thôn mới", "chỉ tiêu", "phê bình",
    "khen thưởng", "thi đua", "kỷ luật", "tai nạn", "thương tích", "cháy nổ", "an sinh", "xã hội hóa",
];

/// Numbers written in words that a word of [`TAKES_A_NUMBER`] may take
/// ("tháng Tám", "Phần thứ nhất", "tháng Giêng").
const NUMERALS: &[&str] = &[
    "một", "hai", "ba", "bốn", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "nhất",
    "giêng", "chạp",
];

/// A syllable as the lists spell it: NFC, lowercase, without the punctuation
/// around it ("tai," → "tai", "(Kèm" → "kèm").
fn bare(syllable: &str) -> String {
    syllable.nfc().collect::<String>().to_lowercase().trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
}

fn is_number(bare: &str) -> bool {
    bare.starts_with(|c: char| c.is_ascii_digit())
}

/// How a break before each of the `words` reads (the texts between the spaces
/// a line may break at; one may hold several syllables, such as an unbreakable
/// "binh - Liệt"). The first word has no break before it: [`BreakBefore::Plain`].
pub fn breaks_before<S: AsRef<str>>(words: &[S]) -> Vec<BreakBefore> {
    // Every syllable, and the index of the syllable each word starts at.
    let mut syllables: Vec<(String, &str)> = Vec::new();
    let mut starts = Vec::with_capacity(words.len());
    for w in words {
        starts.push(syllables.len());
        for s in w.as_ref().split(' ').filter(|s| !s.is_empty()) {
            syllables.push((bare(s), s));
        }
    }
    starts.iter().enumerate().map(|(i, &at)| if i == 0 { BreakBefore::Plain } else { before(&syllables, at) }).collect()
}

/// How a break before the syllable at `at` reads.
fn before(syllables: &[(String, &str)], at: usize) -> BreakBefore {
    // No syllable before or after (empty words): nothing to read.
    let (Some((next, next_raw)), Some((prev, prev_raw))) = (syllables.get(at), at.checked_sub(1).and_then(|p| syllables.get(p))) else {
        return BreakBefore::Plain;
    };
    let ends_clause = prev_raw.ends_with([',', ';', ':']);
    if inside_a_word(syllables, at) || prev.is_empty() || next.is_empty() {
        // Inside a word, or next to a lone dash or symbol.
        return BreakBefore::InsideWord;
    }
    if !ends_clause && NOT_AT_LINE_END.contains(&prev.as_str()) {
        return BreakBefore::InsideWord;
    }
    if (is_number(next) || NUMERALS.contains(&next.as_str())) && TAKES_A_NUMBER.contains(&prev.as_str()) {
        return BreakBefore::InsideWord;
    }
    // A date stays whole: "ngày 22 | tháng 12", "tháng 12 | năm 2024".
    if is_number(prev) && !ends_clause && at >= 2 && matches!(next.as_str(), "tháng" | "năm") && matches!(syllables[at - 2].0.as_str(), "ngày" | "tháng") {
        return BreakBefore::InsideWord;
    }
    // A count binds to what it counts ("6 tháng", "03 chỉ tiêu"); a number after
    // a word that takes one ("năm 2023") ends its phrase.
    if is_number(prev) && !ends_clause {
        let counted = at < 2 || !TAKES_A_NUMBER.contains(&syllables[at - 2].0.as_str());
        if counted {
            return BreakBefore::InsideWord;
        }
    }
    if ends_clause || is_number(next) || next_raw.starts_with(['(', '“', '"']) {
        return BreakBefore::Phrase;
    }
    let opens = PHRASE_OPENERS.iter().any(|opener| {
        opener.split(' ').enumerate().all(|(k, s)| syllables.get(at + k).is_some_and(|(b, _)| b == s))
    });
    if opens {
        BreakBefore::Phrase
    } else {
        BreakBefore::Plain
    }
}

/// Whether one of [`WORDS`] spans the space before the syllable at `at`.
fn inside_a_word(syllables: &[(String, &str)], at: usize) -> bool {
    // Every word of `WORDS` by each of its syllables but the first: a break
    // before `at` splits a word if the syllable at `at` is its k-th (k ≥ 1) and
    // the word's syllables stand around it. Looked up, not scanned: titles and
    // Nơi nhận ask this at every space.
    static BY_LATER_SYLLABLE: std::sync::LazyLock<std::collections::HashMap<&str, Vec<(Vec<&str>, usize)>>> =
        std::sync::LazyLock::new(|| {
            let mut map: std::collections::HashMap<&str, Vec<(Vec<&str>, usize)>> = std::collections::HashMap::new();
            for word in WORDS {
                let parts: Vec<&str> = word.split(' ').collect();
                for (k, part) in parts.iter().enumerate().skip(1) {
                    map.entry(*part).or_default().push((parts.clone(), k));
                }
            }
            map
        });
    let Some((syllable, _)) = syllables.get(at) else { return false };
    BY_LATER_SYLLABLE.get(syllable.as_str()).is_some_and(|words| {
        words.iter().any(|(parts, k)| {
            at.checked_sub(*k).is_some_and(|first| {
                parts.iter().enumerate().all(|(j, part)| syllables.get(first + j).is_some_and(|(b, _)| b == part))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use BreakBefore::*;

    fn reads(text: &str) -> Vec<(String, BreakBefore)> {
        let words: Vec<&str> = text.split(' ').collect();
        words.iter().map(|w| w.to_string()).zip(breaks_before(&words)).skip(1).collect()
    }

    fn at(text: &str, word: &str) -> BreakBefore {
        reads(text).into_iter().find(|(w, _)| w == word).map(|(_, b)| b).unwrap()
    }

    #[test]
    fn words_are_not_split_and_phrases_open_before_function_words() {
        let t = "Về việc tăng cường công tác phòng, chống thiên tai năm 2024";
        assert_eq!(at(t, "tai"), InsideWord);
        assert_eq!(at(t, "chống"), InsideWord, "phòng, chống is one term");
        assert_eq!(at(t, "năm"), Phrase);
        assert_eq!(at(t, "2024"), InsideWord);
        assert_eq!(at(t, "công"), Plain);
        let k = "Kế hoạch phát triển kinh tế - xã hội năm 2025";
        assert_eq!(at(k, "tế"), InsideWord);
        assert_eq!(at(k, "hội"), InsideWord);
        assert_eq!(at(k, "-"), InsideWord);
        assert_eq!(at(k, "năm"), Phrase);
    }

    #[test]
    fn counts_keep_what_they_count_and_function_words_their_phrase() {
        let t = "Tình hình thực hiện nhiệm vụ phát triển KT-XH, QP-AN 6 tháng đầu năm 2023 và nhiệm vụ";
        assert_eq!(at(t, "QP-AN"), Phrase, "after a comma");
        assert_eq!(at(t, "6"), Phrase, "before a count");
        assert_eq!(at(t, "tháng"), InsideWord, "6 | tháng");
        assert_eq!(at(t, "năm"), InsideWord, "đầu | năm");
        assert_eq!(at(t, "và"), Phrase, "after the year, before và");
        assert_eq!(at("Kết luận của Chủ tịch", "Chủ"), InsideWord, "của ends no line");
        assert_eq!(at("Kết luận của Chủ tịch", "của"), Phrase);
        // Uppercase and decomposed text read the same.
        assert_eq!(at("XÃ HỘI", "HỘI"), InsideWord);
        let nfd: String = "thiên tai".nfd().collect();
        assert_eq!(breaks_before(&nfd.split(' ').collect::<Vec<_>>())[1], InsideWord);
        // Multi-syllable openers, and a word holding several syllables.
        assert_eq!(at("an ninh trật tự trên địa bàn xã", "trên"), Phrase);
        assert_eq!(breaks_before(&["Kỷ niệm", "ngày Thương", "binh - Liệt", "sĩ"])[2], InsideWord);
        // Names and terms of three syllables and more, numerals in words.
        let n = "Hội đồng nhân dân và Ủy ban nhân dân xã";
        assert_eq!(at(n, "nhân"), InsideWord);
        assert_eq!(at(n, "và"), Phrase);
        assert_eq!(at(n, "Ủy"), InsideWord, "và ends no line");
        assert_eq!(at("phục vụ chuyển đổi số quốc gia", "số"), InsideWord);
        assert_eq!(at("Cách mạng tháng Tám thành công", "Tám"), InsideWord);
        assert_eq!(at("Phần thứ nhất", "nhất"), InsideWord);
        // A date stays whole; a line never ends with "bị", "được".
        let d = "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị";
        assert_eq!(at(d, "tháng"), InsideWord, "ngày 22 | tháng");
        assert_eq!(at(d, "năm"), InsideWord, "tháng 12 | năm");
        assert_eq!(at(d, "của"), Phrase);
        assert_eq!(at("kênh mương nội đồng bị sạt lở sau mưa lũ", "sạt"), InsideWord);
        assert_eq!(at("kênh mương nội đồng bị sạt lở sau mưa lũ", "lở"), InsideWord);
        assert_eq!(at("Chương trình mục tiêu quốc gia", "tiêu"), InsideWord);
        // Empty words (stray spaces) read as nothing, without a panic.
        assert_eq!(breaks_before(&["", "", "tai", ""]), [Plain, Plain, Plain, Plain]);
    }
}
