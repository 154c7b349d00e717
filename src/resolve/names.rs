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
const SPECIAL_PLACES: &[(&str, &str)] = &[("THỦ ĐÔ HÀ NỘI", "Thủ đô Hà Nội"), ("THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh")];

/// Bodies and parts of their names, as PL II §IV.1 writes them. Longest
/// first where one begins another.
const BODIES: &[&str] = &[
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Thường trực Hội đồng nhân dân",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
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
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Trạm Y tế",
    "Trường Mầm non",
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
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        if let Some((len, written)) = special_place(rest) {
            out.push(written.to_owned());
            (i, in_place) = (i + len, true);
            continue;
        }
        if let Some(len) = unit_at(rest) {
            // PL II §III.1.b: "Phường 15", "Quận 1".
            let numbered = rest.get(len).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
            for (k, w) in rest[..len].iter().enumerate() {
                let lower = w.to_lowercase();
                out.push(if k == 0 && (numbered || out.is_empty()) { capitalised(&lower) } else { lower });
            }
            (i, in_place) = (i + len, true);
            continue;
        }
        if is_abbreviation(rest[0]) {
            out.push(rest[0].to_owned());
            i += 1;
            continue;
        }
        if in_place {
            out.push(capitalised(&rest[0].to_lowercase()));
            i += 1;
            continue;
        }
        if let Some((len, written)) = body_at(rest) {
            out.extend(written.split(' ').map(str::to_owned));
            i += len;
            continue;
        }
        let lower = rest[0].to_lowercase();
        if !JOINING.contains(&lower.as_str()) {
            doubtful.push(rest[0].to_owned());
        }
        out.push(if out.is_empty() { capitalised(&lower) } else { lower });
        i += 1;
    }
    RunningName { text: out.join(" "), doubtful }
}

fn is_abbreviation(w: &str) -> bool {
    ABBREVIATIONS.contains(&w)
}

/// The words of a generic unit word at the start of `words`.
fn unit_at(words: &[&str]) -> Option<usize> {
    UNITS.iter().find_map(|unit| {
        let matches = unit.len() < words.len()
            && unit.iter().zip(words).all(|(u, w)| w.to_lowercase() == *u)
            // "XÃ HỘI" (in "VĂN HÓA - XÃ HỘI") is a field, not a commune.
            && !(unit == &["xã"] && words.get(1).is_some_and(|w| w.to_lowercase() == "hội"));
        matches.then_some(unit.len())
    })
}

fn special_place(words: &[&str]) -> Option<(usize, &'static str)> {
    SPECIAL_PLACES.iter().find_map(|(upper, written)| {
        let n = upper.split(' ').count();
        (words.len() >= n && words[..n].join(" ").to_uppercase() == *upper).then_some((n, *written))
    })
}

/// The longest body name of `BODIES` at the start of `words`.
fn body_at(words: &[&str]) -> Option<(usize, &'static str)> {
    BODIES
        .iter()
        .filter_map(|b| {
            let n = b.split(' ').count();
            (words.len() >= n && words[..n].join(" ").to_lowercase() == b.to_lowercase()).then_some((n, *b))
        })
        .max_by_key(|(n, _)| *n)
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
    fn words_not_known_are_set_in_lower_case_and_reported() {
        let name = running_text("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ PHÌNH GIÀNG");
        assert_eq!(name.text, "Ban Chỉ đạo chuyển đổi số xã Phình Giàng");
        assert_eq!(name.doubtful, ["CHUYỂN", "ĐỔI", "SỐ"]);
        let name = running_text("HỢP TÁC XÃ NÔNG NGHIỆP AN BÌNH");
        assert_eq!(name.doubtful, ["HỢP", "TÁC"]);
    }
}
