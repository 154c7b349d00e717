//! Names of bodies and places written as running text, from the capitals of
//! the header ("ỦY BAN NHÂN DÂN XÃ AN BÌNH" → "Ủy ban nhân dân xã An Bình"),
//! by the capitalisation rules of NĐ 30, Phụ lục II:
//!
//! - §III.1.a: the generic word of an administrative unit in lower case, its
//!   proper name capitalised ("xã An Bình", "thành phố Điện Biên Phủ");
//! - §III.1.b: the generic word capitalised too when a number follows it
//!   ("Phường 15", "Quận 1");
//! - §III.1.c: "Thủ đô Hà Nội", "Thành phố Hồ Chí Minh";
//! - §IV.1: in the name of a body, capitals on the words for its kind and its
//!   function or field ("Ban Chỉ đạo", "Hội Liên hiệp Phụ nữ", "Phòng Tài
//!   chính - Kế hoạch"), not on "Ủy ban nhân dân".
//!
//! The words of a body's name are only known for the bodies a commune or a
//! district deals with every day (`BODIES`); other words are set in lower
//! case and reported, so that `check` can ask for `co_quan.ten_goi`.

use super::capitalised;

/// Abbreviations kept in capitals.
const ABBREVIATIONS: &[&str] = &["UBND", "HĐND", "MTTQ", "TTHC", "CHXHCN", "VP", "BCH", "BCĐ"];

/// Words that join the parts of a name, in lower case and never doubtful.
const JOINING: &[&str] = &["và", "-", "–", "của", "về"];

/// The generic words of administrative units (Luật Tổ chức chính quyền địa
/// phương; "đặc khu" since 2025). The words after them are a place name.
const UNITS: &[&[&str]] = &[
    &["thị", "trấn"],
    &["thành", "phố"],
    &["thị", "xã"],
    &["đặc", "khu"],
    &["xã"],
    &["phường"],
    &["huyện"],
    &["quận"],
    &["tỉnh"],
];

/// Names written with a capital generic word as a whole (PL II §III.1.c).
const SPECIAL_PLACES: &[&str] = &["Thủ đô Hà Nội", "Thành phố Hồ Chí Minh"];

/// Proper names inside a body's name ("Ủy ban MTTQ Việt Nam").
const PROPER: &[&str] = &["Việt Nam", "Hồ Chí Minh"];

/// Bodies and parts of their names, as PL II §IV.1 writes them (the
/// longest that matches wins, whatever the order).
const BODIES: &[&str] = &[
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Thường trực Hội đồng nhân dân",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Ủy ban",
    "Mặt trận Tổ quốc Việt Nam",
    "Văn phòng",
    "Đảng ủy",
    "Công an",
    "Ban Chỉ huy Quân sự",
    "Ban Chỉ huy",
    "Ban Chỉ đạo",
    "Ban Quản lý",
    "Ban Tiếp công dân",
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Hội Người cao tuổi",
    "Hội Chữ thập đỏ",
    "Hội đồng Nghĩa vụ quân sự",
    "Hội đồng Thi đua - Khen thưởng",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Trạm Y tế",
    "Trường Mầm non",
    "Trường",
    "Trường Tiểu học",
    "Trường Trung học cơ sở",
    "Trường Trung học phổ thông",
    "Trường Tiểu học và Trung học cơ sở",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Kinh tế",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Văn hóa - Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Trung tâm Phục vụ hành chính công",
    "Bộ phận Một cửa",
];

/// A name as running text, and the words of it whose capitals are not known.
#[derive(Debug, PartialEq, Eq)]
pub struct RunningName {
    pub text: String,
    /// Words of the body's name (before the place) not in `BODIES`, as typed.
    pub doubtful: Vec<String>,
}

/// "ỦY BAN NHÂN DÂN XÃ AN BÌNH" → "Ủy ban nhân dân xã An Bình".
pub fn running_text(upper: &str) -> RunningName {
    let words: Vec<&str> = upper.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut doubtful = Vec::new();
    // After a unit's generic word: its proper name, every word capitalised,
    // up to the next unit ("xã An Bình huyện Hoằng Hóa").
    let mut in_place = false;
    let mut school = false;
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        if let Some((len, written)) = special_place(rest) {
            out.push(written.to_owned());
            (i, in_place) = (i + len, true);
            continue;
        }
        if let Some(len) = unit_at(rest, i.checked_sub(1).map(|p| words[p])) {
            // PL II §III.1.b: "Phường 15", "Quận 1".
            let numbered = rest.get(len).is_some_and(|w| {
                let w = w.trim_end_matches([',', ';']);
                !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
            });
            for (k, w) in rest[..len].iter().enumerate() {
                let lower = w.to_lowercase();
                out.push(if k == 0 && (numbered || out.is_empty()) { capitalised(&lower) } else { lower });
            }
            (i, in_place) = (i + len, true);
            continue;
        }
        if is_abbreviation(rest[0]) {
            // "Trường THCS …": the kind of school, abbreviated.
            school |= out.last().is_some_and(|w| w == "Trường");
            out.push(rest[0].to_owned());
            i += 1;
            continue;
        }
        // A school's kind is followed by its name, a person's or a place's:
        // "Trường THCS Nguyễn Du", "Trường Mầm non Hoa Sen".
        if school && !in_place && !JOINING.contains(&rest[0].to_lowercase().as_str()) {
            in_place = true;
            continue;
        }
        if in_place {
            let lower = rest[0].to_lowercase();
            out.push(if JOINING.contains(&lower.as_str()) { lower } else { capitalised(&lower) });
            i += 1;
            continue;
        }
        if let Some((len, written)) = body_at(rest) {
            out.extend(written.split(' ').map(str::to_owned));
            // The kind named ("Trường Mầm non"), not "Trường" alone: the
            // words after "Trường Phổ thông dân tộc nội trú" are not known.
            school = written.starts_with("Trường ");
            i += len;
            continue;
        }
        if let Some((len, written)) = proper_at(rest) {
            out.push(written.to_owned());
            i += len;
            continue;
        }
        let lower = rest[0].to_lowercase();
        // A number ("BAN CHỈ ĐẠO 389") has no capitals to get wrong.
        if !JOINING.contains(&lower.as_str()) && lower.chars().any(char::is_alphabetic) {
            doubtful.push(rest[0].to_owned());
        }
        out.push(if out.is_empty() { capitalised(&lower) } else { lower });
        i += 1;
    }
    RunningName { text: out.join(" "), doubtful }
}

/// An abbreviation, kept in capitals: a known one, or a word of capitals
/// with no vowel, which no Vietnamese syllable is ("THCS", "THPT", "PTDTBT").
fn is_abbreviation(w: &str) -> bool {
    const VOWELS: &str = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
    ABBREVIATIONS.contains(&w)
        || (w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase()) && !w.to_lowercase().chars().any(|c| VOWELS.contains(c)))
}

/// The words of a generic unit word at the start of `words` (`previous`:
/// the word before them).
fn unit_at(words: &[&str], previous: Option<&str>) -> Option<usize> {
    // "XÃ HỘI" after "-" or "VÀ" ("VĂN HÓA - XÃ HỘI", "THƯƠNG BINH VÀ XÃ
    // HỘI") is a field, not a commune; "XÃ HỘI AN" after the body's kind is
    // the commune Hội An.
    let joined = previous.is_some_and(|p| matches!(p.to_lowercase().as_str(), "-" | "–" | "và"));
    UNITS.iter().find_map(|unit| {
        let matches = unit.len() < words.len()
            && unit.iter().zip(words).all(|(u, w)| w.to_lowercase() == *u)
            && !(unit == &["xã"] && joined && words.get(1).is_some_and(|w| w.to_lowercase() == "hội"));
        matches.then_some(unit.len())
    })
}

/// A word in lower case with the tone of an open "oa", "oe", "uy" on its
/// last vowel as modern spelling puts it ("uỷ" → "ủy", "hoá" → "hóa"), so
/// that either spelling of a name matches `BODIES`.
fn modern_tones(word: &str) -> String {
    const OLD_NEW: &[(&str, &str)] = &[
        ("uý", "úy"), ("uỳ", "ùy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
        ("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
        ("oé", "óe"), ("oè", "òe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ];
    let lower = word.to_lowercase();
    for (old, new) in OLD_NEW {
        if let Some(stem) = lower.strip_suffix(old) {
            return format!("{stem}{new}");
        }
    }
    lower
}

/// The longest of `phrases` (as written) that `words` start with, compared
/// in lower case with modern tone marks; its length in words.
fn phrase_at(words: &[&str], phrases: impl IntoIterator<Item = &'static str>) -> Option<(usize, &'static str)> {
    phrases
        .into_iter()
        .filter_map(|phrase| {
            let n = phrase.split(' ').count();
            let typed: Vec<String> = words.iter().take(n).map(|w| modern_tones(w)).collect();
            (words.len() >= n && typed.join(" ") == phrase.to_lowercase()).then_some((n, phrase))
        })
        .max_by_key(|(n, _)| *n)
}

fn special_place(words: &[&str]) -> Option<(usize, &'static str)> {
    phrase_at(words, SPECIAL_PLACES.iter().copied())
}

fn proper_at(words: &[&str]) -> Option<(usize, &'static str)> {
    phrase_at(words, PROPER.iter().copied())
}

fn body_at(words: &[&str]) -> Option<(usize, &'static str)> {
    phrase_at(words, BODIES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(upper: &str) -> String {
        running_text(upper).text
    }

    #[test]
    fn names_in_running_text() {
        assert_eq!(text("ỦY BAN NHÂN DÂN XÃ AN BÌNH"), "Ủy ban nhân dân xã An Bình");
        assert_eq!(text("ỦY BAN NHÂN DÂN THỊ TRẤN BÚT SƠN"), "Ủy ban nhân dân thị trấn Bút Sơn");
        assert_eq!(text("HỘI ĐỒNG NHÂN DÂN XÃ CẨM HÀ"), "Hội đồng nhân dân xã Cẩm Hà");
        assert_eq!(text("VĂN PHÒNG HĐND VÀ UBND HUYỆN HOẰNG HÓA"), "Văn phòng HĐND và UBND huyện Hoằng Hóa");
        assert_eq!(text("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐIỆN BIÊN PHỦ"), "Ủy ban nhân dân thành phố Điện Biên Phủ");
        assert_eq!(text("ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC"), "Ủy ban nhân dân đặc khu Phú Quốc");
    }

    #[test]
    fn a_unit_named_by_a_number_and_the_two_special_cities_are_capitalised() {
        assert_eq!(text("ỦY BAN NHÂN DÂN PHƯỜNG 15"), "Ủy ban nhân dân Phường 15");
        assert_eq!(text("ỦY BAN NHÂN DÂN QUẬN 1 THÀNH PHỐ HỒ CHÍ MINH"), "Ủy ban nhân dân Quận 1 Thành phố Hồ Chí Minh");
        assert_eq!(text("ỦY BAN NHÂN DÂN XÃ AN BÌNH HUYỆN HOẰNG HÓA"), "Ủy ban nhân dân xã An Bình huyện Hoằng Hóa");
        assert_eq!(text("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"), "Ủy ban nhân dân Thành phố Hồ Chí Minh");
        assert_eq!(text("HỘI ĐỒNG NHÂN DÂN THỦ ĐÔ HÀ NỘI"), "Hội đồng nhân dân Thủ đô Hà Nội");
    }

    #[test]
    fn kinds_and_fields_of_bodies_are_capitalised() {
        assert_eq!(text("BAN CHỈ HUY QUÂN SỰ XÃ PHÌNH GIÀNG"), "Ban Chỉ huy Quân sự xã Phình Giàng");
        assert_eq!(text("PHÒNG VĂN HÓA - XÃ HỘI HUYỆN ĐIỆN BIÊN ĐÔNG"), "Phòng Văn hóa - Xã hội huyện Điện Biên Đông");
        assert_eq!(text("HỘI LIÊN HIỆP PHỤ NỮ XÃ AN BÌNH"), "Hội Liên hiệp Phụ nữ xã An Bình");
        assert_eq!(running_text("ỦY BAN NHÂN DÂN XÃ AN BÌNH").doubtful, Vec::<String>::new());
    }

    #[test]
    fn the_reviews_names() {
        // The commune Hội An is no field; "Xã hội" after "-" is.
        assert_eq!(text("ỦY BAN NHÂN DÂN XÃ HỘI AN"), "Ủy ban nhân dân xã Hội An");
        // Old tone marks name the same bodies.
        assert_eq!(running_text("UỶ BAN NHÂN DÂN XÃ AN BÌNH"), RunningName { text: "Ủy ban nhân dân xã An Bình".into(), doubtful: vec![] });
        assert_eq!(running_text("PHÒNG VĂN HOÁ - XÃ HỘI HUYỆN MƯỜNG ẢNG").text, "Phòng Văn hóa - Xã hội huyện Mường Ảng");
        assert_eq!(running_text("ĐẢNG UỶ XÃ AN BÌNH").doubtful, Vec::<String>::new());
        // A number after a comma, a number in a body's name, Việt Nam.
        assert_eq!(text("ỦY BAN NHÂN DÂN PHƯỜNG 15, QUẬN 8"), "Ủy ban nhân dân Phường 15, Quận 8");
        assert_eq!(running_text("BAN CHỈ ĐẠO 389 XÃ AN BÌNH").doubtful, Vec::<String>::new());
        assert_eq!(text("ỦY BAN MTTQ VIỆT NAM XÃ AN BÌNH"), "Ủy ban MTTQ Việt Nam xã An Bình");
        // Schools are named after people; their kind may be abbreviated.
        assert_eq!(running_text("TRƯỜNG THCS NGUYỄN DU"), RunningName { text: "Trường THCS Nguyễn Du".into(), doubtful: vec![] });
        assert_eq!(text("TRƯỜNG TRUNG HỌC CƠ SỞ NGUYỄN DU XÃ AN BÌNH"), "Trường Trung học cơ sở Nguyễn Du xã An Bình");
        assert_eq!(running_text("HỘI ĐỒNG NGHĨA VỤ QUÂN SỰ XÃ AN BÌNH").doubtful, Vec::<String>::new());
        // A kind of school not known: its words are doubtful, not capitalised.
        let boarding = running_text("TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ HUYỆN MƯỜNG ẢNG");
        assert_eq!(boarding.text, "Trường phổ thông dân tộc nội trú huyện Mường Ảng");
        assert!(!boarding.doubtful.is_empty());
        assert_eq!(text("TRƯỜNG TIỂU HỌC VÀ THCS AN BÌNH"), "Trường Tiểu học và THCS An Bình");
        assert_eq!(text("TRƯỜNG MẦM NON HOA SEN"), "Trường Mầm non Hoa Sen");
    }

    #[test]
    fn words_not_known_are_set_in_lower_case_and_reported() {
        let name = running_text("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ PHÌNH GIÀNG");
        assert_eq!(name.text, "Ban Chỉ đạo chuyển đổi số xã Phình Giàng");
        assert_eq!(name.doubtful, ["CHUYỂN", "ĐỔI", "SỐ"]);
        let name = running_text("HỢP TÁC XÃ NÔNG NGHIỆP AN BÌNH");
        assert_eq!(name.doubtful, ["HỢP", "TÁC"]);
    }
}
