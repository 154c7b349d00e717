//! The command line's help in Vietnamese. clap writes its help in English
//! only; an official who types `vanban --help` reads this instead (`--lang en`
//! or an English locale gives clap's own text). The commands, options and
//! values stay the same: only the words a reader sees change.

use clap::{Arg, ArgAction, Command};

/// (subcommand, what it does, its examples and exit codes, (argument id, help)).
type Sub = (&'static str, &'static str, &'static str, &'static [(&'static str, &'static str)]);

const RENDER_ARGS: &[(&str, &str)] = &[
    ("files", "Các tệp văn bản YAML."),
    ("output", "Thư mục ghi kết quả (tạo nếu chưa có; mặc định: out)."),
    ("format", "Định dạng, cách nhau bằng dấu phẩy: pdf, docx, png (ảnh xem trước từng trang), xlsx (các bảng chỉ tiêu thành một bảng tính, mỗi bảng một trang tính). Mặc định: pdf,docx."),
    ("typst", "Ghi thêm mã nguồn typst (main.typ, data.json) vào thư mục này."),
    ("font_dir", "Thêm phông chữ từ thư mục này; có họ phông \"Times New Roman\" thì dùng họ đó."),
    ("font", "Dùng họ phông này (phải có đủ chữ tiếng Việt)."),
    ("profile", "Cỡ chữ theo NĐ 30: 14 (mặc định) hoặc 13."),
    (
        "signature_fields",
        "Thêm các ô chữ ký số còn trống ở chỗ NĐ 30 đặt chữ ký (NguoiKy, CoQuan) và ghi <tên>.sig.json nêu vị trí của chúng. Khi đó PDF đạt PDF/A-2b (không còn 2a/UA-1).",
    ),
];

const SUBCOMMANDS: &[Sub] = &[
    (
        "render",
        "Dựng văn bản ra PDF và DOCX (và ảnh PNG xem trước).",
        "Ví dụ:\n  vanban render content/but-son-2023-6-thang.yaml -o out\n  vanban render xa-*.yaml -o out --format pdf\n  vanban render bao-cao.yaml --format png --profile 13",
        RENDER_ARGS,
    ),
    (
        "sign",
        "Ký số một ô chữ ký của tệp PDF bằng chứng thư số PKCS#12 (PAdES B-B).",
        "Mật khẩu được đọc từ biến môi trường VANBAN_P12_PASSWORD, hoặc hỏi trên màn hình; đừng bao giờ gõ mật khẩu trên dòng lệnh.\n\nVí dụ:\n  vanban render bao-cao.yaml --signature-fields -o out\n  vanban sign out/bao-cao.pdf --p12 nguoi-ky.p12 --image chu-ky.png\n  vanban sign out/bao-cao.signed.pdf --p12 co-quan.p12 --field CoQuan --image dau.png --so 15 -o out/bao-cao.phat-hanh.pdf\n\nMã thoát: 0 đã ký; 1 không ký được (sai mật khẩu, chứng thư hết hạn, ô không có hoặc đã ký, một chữ ký trước không còn đúng hoặc không kiểm tra được…); 2 lỗi dòng lệnh.",
        &[
            ("file", "Tệp PDF (dựng bằng render --signature-fields)."),
            ("p12", "Chứng thư số và khóa bí mật của người ký (.p12 hoặc .pfx)."),
            ("field", "Ô cần ký (mặc định: ô đầu tiên chưa ký: NguoiKy, rồi CoQuan)."),
            ("image", "Ảnh chữ ký hoặc con dấu: PNG (nền trong suốt) hoặc JPEG (nền trắng được làm trong suốt). Con dấu được vẽ bằng cỡ ô của nó, đúng cỡ thật của dấu."),
            ("output", "Nơi ghi tệp PDF đã ký (mặc định: <tên>.signed.pdf cạnh tệp gốc)."),
            ("so", "Số văn bản do văn thư cấp, ghi vào chỗ trống \"Số:      /…\" khi ký ô CoQuan (in thành \"Số: 15/QĐ-UBND\")."),
            ("ngay", "Ngày ban hành ghi vào chỗ trống ngày, tháng khi ký ô CoQuan (ngày/tháng/năm; mặc định: ngày ký, giờ Việt Nam)."),
        ],
    ),
    (
        "verify",
        "Liệt kê các ô chữ ký của tệp PDF và kiểm tra từng chữ ký.",
        "Ví dụ:\n  vanban verify out/bao-cao.signed.pdf\n\nMã thoát: 0 mọi chữ ký đều hợp lệ; 1 có chữ ký không hợp lệ hoặc không đọc được tệp; 4 có chữ ký không kiểm tra được (thuật toán chưa hỗ trợ, ví dụ ECDSA) và không chữ ký nào sai.",
        &[("file", "Tệp PDF.")],
    ),
    (
        "check",
        "Kiểm tra văn bản mà không dựng.",
        "Ví dụ:\n  vanban check content/but-son-2023-6-thang.yaml",
        &[
            ("files", "Các tệp văn bản YAML."),
            ("font_dir", "Thư mục phông chữ mà render sẽ dùng: chữ nào phông không có là lỗi."),
            ("font", "Họ phông mà render sẽ dùng."),
        ],
    ),
    (
        "import",
        "Đọc một biểu (xlsx, xls, ods) thành tệp chỉ tiêu (.chi-tieu.yaml).",
        "Ví dụ:\n  vanban import bieu-6-thang.xlsx\n  vanban import bieu.xlsx --sheet \"Biểu 01\" -o bao-cao.chi-tieu.yaml --force",
        &[
            ("file", "Tệp bảng tính."),
            ("sheet", "Trang tính cần đọc (mặc định: trang đầu tiên có đầu biểu)."),
            ("output", "Tệp chỉ tiêu cần ghi (mặc định: cạnh bảng tính, <tên>.chi-tieu.yaml)."),
            ("force", "Ghi đè tệp kết quả nếu đã có."),
        ],
    ),
    (
        "schema",
        "In JSON Schema của tệp văn bản YAML (cho trình soạn thảo).",
        "Ví dụ:\n  vanban schema > vanban.schema.json\n  vanban schema --table > vanban-chi-tieu.schema.json",
        &[("table", "In schema của tệp bảng chỉ tiêu.")],
    ),
    (
        "new",
        "Tạo văn bản mới từ một mẫu ngắn, có chú thích, của loại văn bản cần soạn.",
        "Ví dụ:\n  vanban new bao-cao-quy-3\n  vanban render bao-cao-quy-3/bao-cao.yaml\n  vanban new cv-kenh-muong --loai cong_van\n  vanban render cv-kenh-muong/cong-van.yaml",
        &[
            ("dir", "Thư mục cần tạo (chưa có, hoặc còn trống)."),
            ("loai", "Loại văn bản: bao_cao (mặc định), cong_van, quyet_dinh, to_trinh, ke_hoach, thong_bao, nghi_quyet, bien_ban, giay_moi, giay_gioi_thieu."),
        ],
    ),
    (
        "watch",
        "Dựng lại mỗi khi văn bản hoặc tệp chỉ tiêu của nó được lưu.",
        "Ví dụ:\n  vanban watch content/but-son-2023-6-thang.yaml -o out",
        &[
            ("file", "Tệp văn bản YAML."),
            ("output", "Thư mục ghi kết quả (tạo nếu chưa có; mặc định: out)."),
            ("format", "Định dạng, cách nhau bằng dấu phẩy: pdf, docx, png, xlsx. Mặc định: pdf,docx."),
            ("font_dir", "Thêm phông chữ từ thư mục này."),
            ("profile", "Cỡ chữ theo NĐ 30: 14 (mặc định) hoặc 13."),
        ],
    ),
];

fn help_flag() -> Arg {
    Arg::new("help").short('h').long("help").action(ArgAction::Help).help("In trợ giúp này.")
}

/// clap's own headings ("Usage:", "Options:") written in the template.
fn template(has_commands: bool, has_positionals: bool) -> String {
    let mut t = String::from("{about-with-newline}\nCách dùng: {usage}\n");
    if has_commands {
        t.push_str("\nCác lệnh:\n{subcommands}\n");
    }
    if has_positionals {
        t.push_str("\nTham số:\n{positionals}\n");
    }
    t.push_str("\nTùy chọn:\n{options}{after-help}");
    t
}

/// `command` (clap's, built from the `Cli` type) with every text a reader
/// sees in Vietnamese.
pub fn vietnamese(command: Command) -> Command {
    let mut command = command
        .about("Dàn trang văn bản hành chính theo Nghị định 30/2020/NĐ-CP, từ tệp YAML ra PDF và DOCX.")
        .after_help(
            "Ví dụ:\n  vanban render content/but-son-2023-6-thang.yaml\n  vanban check content/*.yaml\n  vanban new bao-cao-moi\n  vanban render --help   (trợ giúp của một lệnh)\n\nMã thoát: 0 xong; 1 lỗi nội dung; 2 lỗi dòng lệnh; 3 lỗi nội bộ.",
        )
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(help_flag())
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("In số phiên bản."))
        .mut_arg("lang", |a| {
            a.help("Ngôn ngữ của thông báo: vi (mặc định) hoặc en. Môi trường tiếng Anh (LANG=en_…) cũng chọn en.").hide_possible_values(true)
        })
        .help_template(template(true, false));
    for &(name, about, after, args) in SUBCOMMANDS {
        command = command.mut_subcommand(name, |mut sub| {
            let has_positionals = sub.get_positionals().next().is_some();
            sub = sub.about(about).after_help(after).disable_help_flag(true).arg(help_flag()).help_template(template(false, has_positionals));
            for &(id, help) in args {
                // Only the short help: the long one (`--help`) would be clap's English doc comment.
                sub = sub.mut_arg(id, |a| a.help(help).long_help(None::<&str>).hide_possible_values(true).hide_default_value(true));
            }
            sub
        });
    }
    command
}

/// `vanban help [COMMAND]` (clap's help subcommand, turned off above) as
/// `vanban [COMMAND] --help`.
pub fn help_subcommand_as_flag(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    // The first word that is neither an option nor the value of `--lang`.
    let first_word = (1..args.len()).find(|&i| !args[i].to_string_lossy().starts_with('-') && args[i - 1] != "--lang");
    if let Some(i) = first_word {
        if args[i] == "help" {
            args.remove(i);
            args.push("--help".into());
        }
    }
    args
}
