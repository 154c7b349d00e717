//! The command line: parse arguments, call the library, print diagnostics, exit.
//!
//! Exit codes: 0 done (warnings allowed), 1 content errors, 2 usage errors,
//! 3 internal errors (fonts, template, layout profile, output folder, a bug).

use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

mod help_vi;
use rayon::prelude::*;

use vanban::check::{Diagnostic, Lang};
use vanban::layout::{Profile, ProfileError, SizeProfile};
use vanban::render::docx::DocxRenderer;
use vanban::fonts;
use vanban::render::pdf::Typesetter;
use vanban::render::typeset::{PdfRenderer, PngRenderer};
use vanban::render::Renderer;
use vanban::resolve::Document;

// typst allocates many small objects; jemalloc lays a report out measurably
// faster than the system allocator and keeps a batch's memory flat (see
// benches/RESULTS.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`: one arena for every thread instead
/// of four a CPU. A render's threads (the layout, the DOCX, the PDF's deflate,
/// the writers) each filled an arena of their own: a seed render touched 1 000
/// more pages (6 350 page faults against 5 300), and a batch's peak memory
/// varied with which documents the threads held (165–220 MiB; one arena:
/// 157–173 MiB), with no render slower (benches/RESULTS.md). The environment's
/// `_RJEM_MALLOC_CONF` still overrides it.
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8; 10] = b"narenas:1\0";

const EXIT_CONTENT: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_INTERNAL: u8 = 3;
/// `verify`: a signature vanban cannot check (its algorithm, e.g. ECDSA), none invalid.
const EXIT_UNCHECKED: u8 = 4;

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Typesets Vietnamese administrative reports (NĐ 30/2020/NĐ-CP) from YAML into PDF and DOCX",
    after_help = "Examples:\n  vanban render content/but-son-2023-6-thang.yaml\n  vanban check content/*.yaml\n  vanban new bao-cao-moi\n\nExit codes: 0 done, 1 content errors, 2 usage errors, 3 internal errors."
)]
struct Cli {
    /// Language of messages: vi (default) or en. Also chosen by an English locale (LANG=en_…).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Pdf,
    Docx,
    Png,
    /// The indicator tables as a workbook (one sheet a table).
    Xlsx,
}

#[derive(Subcommand)]
enum Command {
    /// Render reports to PDF and DOCX (and PNG previews).
    #[command(after_help = "Example:\n  vanban render content/but-son-2023-6-thang.yaml -o out\n  vanban render xa-*.yaml -o out --format pdf\n  vanban render bao-cao.yaml --format png --profile 13")]
    Render {
        /// Report YAML files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output folder (created if missing).
        #[arg(short, long, default_value = "out")]
        output: PathBuf,
        /// Formats, comma-separated: pdf, docx, png, xlsx.
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Pdf, Format::Docx])]
        format: Vec<Format>,
        /// Also write the typst source (main.typ, data.json) into this folder.
        #[arg(long, value_name = "DIR")]
        typst: Option<PathBuf>,
        /// Add fonts from this folder; a "Times New Roman" family there is preferred.
        #[arg(long, value_name = "DIR")]
        font_dir: Vec<PathBuf>,
        /// Use this font family (it must cover Vietnamese).
        #[arg(long, value_name = "FAMILY")]
        font: Option<String>,
        /// Size profile of NĐ 30: 14 (default) or 13.
        #[arg(long, default_value = "14", value_parser = ["13", "14"])]
        profile: String,
        /// Add empty digital-signature fields where NĐ 30 puts the signatures
        /// (NguoiKy, CoQuan) and write <stem>.sig.json with their places. The
        /// PDF then claims PDF/A-2b (not 2a/UA-1).
        #[arg(long)]
        signature_fields: bool,
    },
    /// Sign one signature field of a PDF with a PKCS#12 certificate (PAdES B-B).
    #[command(after_help = "The password is read from VANBAN_P12_PASSWORD, or asked on the terminal; never give it on the command line.\n\nExample:\n  vanban render bao-cao.yaml --signature-fields -o out\n  vanban sign out/bao-cao.pdf --p12 nguoi-ky.p12 --image chu-ky.png\n  vanban sign out/bao-cao.signed.pdf --p12 co-quan.p12 --field CoQuan --image dau.png --so 15 -o out/bao-cao.phat-hanh.pdf\n\nExit codes: 0 signed, 1 cannot sign (wrong password, expired certificate, unknown or signed field, an earlier signature that does not hold or cannot be checked…), 2 usage errors.")]
    Sign {
        /// The PDF (made with `render --signature-fields`).
        file: PathBuf,
        /// The signer's certificate and private key (.p12 or .pfx).
        #[arg(long, value_name = "CERT.p12")]
        p12: PathBuf,
        /// The field to sign (default: the first unsigned one: NguoiKy, then CoQuan).
        #[arg(long, value_name = "NAME")]
        field: Option<String>,
        /// The signature's or seal's image: PNG (transparent background) or JPEG
        /// (its white background is made transparent). A seal is drawn at its
        /// field's size, the seal's real size.
        #[arg(long, value_name = "PNG|JPEG")]
        image: Option<PathBuf>,
        /// Where to write the signed PDF (default: <stem>.signed.pdf beside the input).
        #[arg(short, long, value_name = "OUT.pdf")]
        output: Option<PathBuf>,
        /// The văn thư's number for a document left without one, written into
        /// its blank when signing CoQuan ("Số: 15/QĐ-UBND").
        #[arg(long, value_name = "N")]
        so: Option<String>,
        /// The issue date written into a blank day or month when signing
        /// CoQuan (day/month/year; default: the signing day, Vietnam time).
        #[arg(long, value_name = "DD/MM/YYYY")]
        ngay: Option<String>,
    },
    /// List a PDF's signature fields and check each signature.
    #[command(after_help = "Example:\n  vanban verify out/bao-cao.signed.pdf\n\nExit codes: 0 every signature valid, 1 a signature is invalid or the file cannot be read, 4 a signature cannot be checked (its algorithm, e.g. ECDSA, is not supported) and none is invalid.")]
    Verify {
        file: PathBuf,
    },
    /// Validate and lint without rendering.
    #[command(after_help = "Example:\n  vanban check content/but-son-2023-6-thang.yaml")]
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The font folders `render` would use: characters the font lacks are errors.
        #[arg(long, value_name = "DIR")]
        font_dir: Vec<PathBuf>,
        /// The font family `render` would use.
        #[arg(long, value_name = "FAMILY")]
        font: Option<String>,
    },
    /// Read a biểu (xlsx, xls, ods) into an indicator file (.chi-tieu.yaml).
    #[command(after_help = "Example:\n  vanban import bieu-6-thang.xlsx\n  vanban import bieu.xlsx --sheet \"Biểu 01\" -o bao-cao.chi-tieu.yaml --force")]
    Import {
        /// The workbook.
        file: PathBuf,
        /// The sheet to read (default: the first sheet with a biểu header).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// The indicator file to write (default: beside the workbook, <name>.chi-tieu.yaml).
        #[arg(short, long, value_name = "OUT.yaml")]
        output: Option<PathBuf>,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of the report YAML (for editors).
    #[command(after_help = "Example:\n  vanban schema > vanban.schema.json\n  vanban schema --table > vanban-chi-tieu.schema.json")]
    Schema {
        /// The schema of an indicator table file instead.
        #[arg(long)]
        table: bool,
    },
    /// Create a new document from a small, commented example of its type.
    #[command(after_help = "Example:\n  vanban new bao-cao-quy-3\n  vanban render bao-cao-quy-3/bao-cao.yaml\n  vanban new cv-kenh-muong --loai cong_van\n  vanban render cv-kenh-muong/cong-van.yaml")]
    New {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
        /// The document type: bao_cao (default), cong_van, quyet_dinh, to_trinh,
        /// ke_hoach, thong_bao, nghi_quyet, bien_ban, giay_moi, giay_gioi_thieu.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(EXAMPLES.iter().map(|e| e.0)))]
        loai: Option<String>,
    },
    /// Re-render whenever the report or its indicator file is saved.
    #[command(after_help = "Example:\n  vanban watch content/but-son-2023-6-thang.yaml -o out")]
    Watch {
        file: PathBuf,
        #[arg(short, long, default_value = "out")]
        output: PathBuf,
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Pdf, Format::Docx])]
        format: Vec<Format>,
        #[arg(long, value_name = "DIR")]
        font_dir: Vec<PathBuf>,
        #[arg(long, default_value = "14", value_parser = ["13", "14"])]
        profile: String,
    },
}

fn lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if v.is_empty() {
                continue;
            }
            return if v.starts_with("en") { Lang::En } else { Lang::Vi };
        }
    }
    Lang::Vi
}

/// The language of messages before the command line is understood: `--lang`
/// if it is there, else the environment.
fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    for (i, a) in args.iter().enumerate() {
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        match value {
            Some("en") => return Lang::En,
            Some("vi") => return Lang::Vi,
            _ => {}
        }
    }
    lang_from_env()
}

/// A command line clap refused, said in Vietnamese (clap speaks English only):
/// what is wrong, clap's suggestion if it has one, the usage, and where help
/// is. `None`: print clap's own text (help, version, English, a rare kind).
fn usage_error(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    if lang == Lang::En || !e.use_stderr() {
        return None;
    }
    let get = |k: C| match e.get(k) {
        Some(V::String(s)) => Some(s.clone()),
        Some(V::Strings(v)) => Some(v.join(", ")),
        Some(V::StyledStr(s)) => Some(s.to_string()),
        Some(V::StyledStrs(v)) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        _ => None,
    };
    let what = match e.kind() {
        K::UnknownArgument => format!("không có tùy chọn \"{}\" ở đây", get(C::InvalidArg)?),
        K::InvalidSubcommand => format!(
            "không có lệnh \"{}\"; các lệnh: render, check, import, new, watch, sign, verify, schema",
            get(C::InvalidSubcommand)?
        ),
        K::MissingRequiredArgument => {
            let missing = get(C::InvalidArg)?;
            let said = missing
                .replace("<FILES>...", "tên tệp văn bản (.yaml)")
                .replace("<FILE>", "tên tệp")
                .replace("<DIR>", "tên thư mục");
            format!("thiếu {said}")
        }
        // An option with no value after it (`-o` last): the values it takes
        // only when it has a list of them (`--format`), not an empty one.
        K::InvalidValue if get(C::InvalidValue).is_none_or(|v| v.is_empty()) => match get(C::ValidValue).filter(|v| !v.trim().is_empty()) {
            Some(valid) => format!("{} cần một giá trị; các giá trị dùng được: {valid}", get(C::InvalidArg)?),
            None => format!("{} cần một giá trị", get(C::InvalidArg)?),
        },
        K::InvalidValue => match get(C::ValidValue) {
            Some(valid) => format!(
                "giá trị \"{}\" không dùng được cho {}; các giá trị dùng được: {valid}",
                get(C::InvalidValue)?,
                get(C::InvalidArg)?
            ),
            None => format!("{} cần một giá trị", get(C::InvalidArg)?),
        },
        K::MissingSubcommand => {
            "thiếu lệnh; các lệnh: render, check, import, new, watch, sign, verify, schema".to_owned()
        }
        K::ArgumentConflict => format!("không dùng {} cùng với {}", get(C::InvalidArg)?, get(C::PriorArg)?),
        K::TooManyValues | K::WrongNumberOfValues | K::TooFewValues => format!("số giá trị của {} không đúng", get(C::InvalidArg)?),
        _ => return None,
    };
    let mut text = format!("vanban: lỗi: {what}\n");
    // clap suggests values only by its own measure ("pfd" gets nothing): a
    // value one or two letters off a valid one is suggested here.
    let near_value = || {
        let (wrong, valid) = (get(C::InvalidValue)?, e.get(C::ValidValue)?);
        let V::Strings(valid) = valid else { return None };
        valid.iter().filter(|v| strsim::damerau_levenshtein(&wrong, v) <= 2.min(wrong.chars().count().saturating_sub(1))).min_by_key(|v| strsim::damerau_levenshtein(&wrong, v)).cloned()
    };
    let suggestion = get(C::SuggestedSubcommand).or_else(|| get(C::SuggestedArg)).or_else(|| get(C::SuggestedValue)).or_else(near_value);
    if let Some(s) = suggestion {
        text.push_str(&format!("  có phải là \"{s}\"?\n"));
    }
    if let Some(usage) = get(C::Usage) {
        let usage = usage.trim();
        text.push_str(&format!("\nCách dùng: {}\n", usage.strip_prefix("Usage:").unwrap_or(usage).trim()));
    }
    text.push_str("Xem thêm: vanban --help, hoặc vanban LỆNH --help\n");
    Some(text)
}

fn t(lang: Lang, vi: &str, en: &str) -> String {
    if lang == Lang::Vi { vi.to_owned() } else { en.to_owned() }
}

fn main() -> ExitCode {
    vanban::trace::mark("main");
    let parsed = match lang_of_args() {
        Lang::Vi => help_vi::vietnamese(Cli::command())
            .try_get_matches_from(help_vi::help_subcommand_as_flag(std::env::args_os().collect()))
            .and_then(|m| Cli::from_arg_matches(&m)),
        Lang::En => Cli::try_parse(),
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            match usage_error(&e, lang_of_args()) {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Vi) => Lang::Vi,
        None => lang_from_env(),
    };
    // A bug must not print a backtrace at an official: say so plainly, exit 3.
    std::panic::set_hook(Box::new(|info| {
        let msg = info.payload().downcast_ref::<&str>().map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("vanban: internal error (lỗi nội bộ): {msg}");
    }));
    // Printing into a closed pipe (`vanban verify x.pdf | head -1`) ends the
    // process quietly, as any Unix tool does, instead of failing a print.
    #[cfg(unix)]
    // SAFETY: restores the default action of one signal before any thread
    // that could be writing exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Any panic (a bug, or stdout on a full disk) is exit 3 with the message
    // above, never the 101 of an unwinding main.
    let code = std::panic::catch_unwind(AssertUnwindSafe(|| run_command(cli, lang))).unwrap_or(EXIT_INTERNAL);
    ExitCode::from(code)
}

/// Runs the command given on the command line; its exit code.
fn run_command(cli: Cli, lang: Lang) -> u8 {
    match cli.command {
        Command::Render { files, output, format, typst, font_dir, font, profile, signature_fields } => {
            let options = RenderOptions { typst_dir: typst.as_deref(), profile: profile_of(&profile), signature_fields };
            render_command(lang, &files, &output, &format, &font_dir, font.as_deref(), options)
        }
        Command::Sign { file, p12, field, image, output, so, ngay } => {
            sign_command(lang, &file, &p12, field.as_deref(), image.as_deref(), output.as_deref(), so.as_deref(), ngay.as_deref())
        }
        Command::Verify { file } => verify_command(lang, &file),
        Command::Check { files, font_dir, font } => check_command(lang, &files, &font_dir, font.as_deref()),
        Command::Import { file, sheet, output, force } => import_command(lang, &file, sheet.as_deref(), output.as_deref(), force),
        Command::Schema { table } => {
            println!("{}", if table { vanban::schema::table_schema() } else { vanban::schema::report_schema() });
            0
        }
        Command::New { dir, loai } => new_command(lang, &dir, loai.as_deref()),
        Command::Watch { file, output, format, font_dir, profile } => {
            watch_command(lang, &file, &output, &format, &font_dir, profile_of(&profile))
        }
    }
}

fn profile_of(s: &str) -> SizeProfile {
    if s == "13" { SizeProfile::P13 } else { SizeProfile::P14 }
}

/// The layout profile, or exit 3: a profile that does not load is vanban's
/// defect, never an error in the report.
fn load_layout(lang: Lang, profile: SizeProfile) -> Result<Profile, u8> {
    profile.load().map_err(|e| {
        let (code, message) = layout_failure(lang, &e);
        eprintln!("{message}");
        code
    })
}

/// The exit code and message of a layout profile that does not load.
fn layout_failure(lang: Lang, e: &ProfileError) -> (u8, String) {
    (EXIT_INTERNAL, format!("vanban: {}: {e}", t(lang, "lỗi nội bộ", "internal error")))
}

fn print_diags(lang: Lang, diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{}", d.render(lang));
    }
}

fn check_command(lang: Lang, files: &[PathBuf], font_dirs: &[PathBuf], font: Option<&str>) -> u8 {
    let coverage = match fonts::discover(font_dirs, font) {
        Ok(f) => f.coverage(),
        Err(e) => {
            eprintln!("vanban: {}: {}", t(lang, "lỗi phông chữ", "font error"), e.get(lang));
            return EXIT_INTERNAL;
        }
    };
    let layout = match load_layout(lang, SizeProfile::P14) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut worst = 0;
    for file in files {
        match vanban::prepare_with(file, &layout, &coverage) {
            Ok((_, warnings)) => {
                print_diags(lang, &warnings);
                eprintln!("{}: {}", file.display(), t(lang, "hợp lệ", "ok"));
            }
            Err(diags) => {
                print_diags(lang, &diags);
                worst = EXIT_CONTENT;
            }
        }
    }
    worst
}

/// Why one file failed, for the batch summary.
enum Failure {
    Content,
    Internal(String),
}

struct Job<'a> {
    lang: Lang,
    out_dir: &'a Path,
    formats: &'a [Format],
    typst_dir: Option<&'a Path>,
    layout: Profile,
    /// The renderers of the chosen formats, in the order their files are written.
    renderers: Vec<Box<dyn Renderer + 'a>>,
    typesetter: &'a Typesetter,
}

/// The renderers of `formats`: PDF, DOCX, PNG, in this order whatever the
/// order asked (xlsx has none: see [`Job::run`]).
fn renderers<'a>(formats: &[Format], typesetter: &'a Typesetter, signature_fields: bool) -> Vec<Box<dyn Renderer + 'a>> {
    [Format::Pdf, Format::Docx, Format::Png, Format::Xlsx]
        .into_iter()
        .filter(|f| formats.contains(f))
        .filter_map(|f| -> Option<Box<dyn Renderer + 'a>> {
            match f {
                Format::Pdf => Some(Box::new(PdfRenderer { typesetter, signature_fields })),
                Format::Docx => Some(Box::new(DocxRenderer { font_family: fonts::PREFERRED_FAMILY })),
                Format::Png => Some(Box::new(PngRenderer { typesetter, pixel_per_pt: 2.0 })),
                Format::Xlsx => None,
            }
        })
        .collect()
}

/// The render options besides files, formats and fonts.
struct RenderOptions<'a> {
    typst_dir: Option<&'a Path>,
    profile: SizeProfile,
    signature_fields: bool,
}

impl Job<'_> {
    /// An output the render may not replace: says so at `path` (an error,
    /// what to do) and fails as a content error, nothing written.
    fn refused(&self, path: &Path, vi: String, en: String) -> Failure {
        let (label, text) = if self.lang == Lang::Vi { ("lỗi", vi) } else { ("error", en) };
        eprintln!("{}: {label}: {text}", path.display());
        Failure::Content
    }

    /// Renders one report: everything in memory first, then atomic writes.
    fn run(&self, file: &Path) -> Result<Vec<PathBuf>, Failure> {
        let (doc, warnings) = match vanban::prepare_with(file, &self.layout, &self.typesetter.coverage) {
            Ok(ok) => ok,
            Err(diags) => {
                print_diags(self.lang, &diags);
                return Err(Failure::Content);
            }
        };
        vanban::trace::mark("prepared");
        print_diags(self.lang, &warnings);
        let stem = file.file_stem().map_or("report".into(), |s| s.to_string_lossy().into_owned());
        // What the render may not replace is known before anything is drawn.
        // A PDF signed in place (`sign x.pdf -o x.pdf`) is the issued
        // document: a new render would silently drop its signatures, or
        // (rendering only the DOCX or pages) put beside it a DOCX or pages
        // that no longer say what it says.
        let signed_pdf = self.out_dir.join(format!("{stem}.pdf"));
        if vanban::sign::holds_signature(&signed_pdf) {
            return Err(self.refused(
                &signed_pdf,
                format!("tệp PDF này đã được ký số; vanban không ghi đè nó, cũng không ghi các tệp đi cùng nó (chữ ký sẽ mất, hoặc DOCX không còn khớp với bản đã ký). Ghi vào thư mục khác: vanban render {} -o ra/, hoặc đổi tên tệp đã ký", file.display()),
                format!("this PDF has been signed; vanban does not overwrite it, nor write the files that go with it (its signatures would be lost, or the DOCX would no longer match the signed PDF). Write into another folder: vanban render {} -o out/, or rename the signed file", file.display()),
            ));
        }
        // The README invites editing the exported main.typ: a changed one is
        // the user's, not replaced.
        if let Some(main) = self.typst_dir.map(|d| d.join("main.typ")) {
            if std::fs::read(&main).is_ok_and(|old| old != vanban::render::pdf::TEMPLATE.as_bytes()) {
                return Err(self.refused(
                    &main,
                    "main.typ này khác mẫu của bản vanban này (đã sửa tay, hoặc xuất từ bản khác); vanban không ghi đè. Xuất vào thư mục khác: --typst THƯ_MỤC_MỚI, hoặc xóa main.typ cũ".into(),
                    "this main.typ differs from this vanban's template (edited by hand, or exported by another version); vanban does not overwrite it. Export into another folder: --typst NEW_FOLDER, or delete the old main.typ".into(),
                ));
            }
        }
        let renderers: Vec<&dyn Renderer> = self.renderers.iter().map(|r| r.as_ref()).collect();
        let rendered = vanban::render::render_all(&renderers, &doc, &stem).map_err(|e| Failure::Internal(e.to_string()))?;
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        for r in rendered {
            for w in &r.warnings {
                eprintln!("{}: {}: {}", file.display(), t(self.lang, "cảnh báo", "warning"), w.get(self.lang));
            }
            files.extend(r.files.into_iter().map(|(name, bytes)| (self.out_dir.join(name), bytes)));
        }
        // The workbook is not drawn from the display document but from the
        // checked indicator tables: no renderer.
        if self.formats.contains(&Format::Xlsx) {
            let tables = match vanban::indicator_tables(file, &self.typesetter.coverage) {
                Ok(t) => t,
                Err(diags) => {
                    print_diags(self.lang, &diags);
                    return Err(Failure::Content);
                }
            };
            if tables.is_empty() {
                eprintln!(
                    "{}: {}",
                    file.display(),
                    t(self.lang, "cảnh báo: báo cáo không có bảng chỉ tiêu; không ghi tệp .xlsx", "warning: the report has no indicator table; no .xlsx written")
                );
            } else {
                let path = self.out_dir.join(format!("{stem}.xlsx"));
                if !vanban::xlsx::export::may_replace(&path) {
                    return Err(self.refused(
                        &path,
                        format!("đã có bảng tính này và không phải tệp vanban xuất ra (có thể là biểu gốc đã nhập, hoặc đã sửa bằng tay); vanban không ghi đè. Ghi vào thư mục khác: vanban render {} -o ra/ --format xlsx, hoặc đổi tên tệp cũ", file.display()),
                        format!("this workbook exists and is not one vanban exported (maybe the biểu it was imported from, or edited by hand); vanban does not overwrite it. Write into another folder: vanban render {} -o out/ --format xlsx, or rename the old file", file.display()),
                    ));
                }
                files.push((path, vanban::xlsx::export::workbook(&tables).map_err(Failure::Internal)?));
            }
        }
        if let Some(dir) = self.typst_dir {
            files.extend(typst_export(dir, self.typesetter, &doc));
        }
        vanban::trace::mark("rendered");
        vanban::output::write_all_atomic(&files).map_err(|e| {
            Failure::Internal(format!(
                "{} {}: {}",
                t(self.lang, "không ghi được tệp kết quả", "cannot write the output file"),
                e.path.display(),
                vanban::diag::io_reason(&e.error).get(self.lang)
            ))
        })?;
        vanban::trace::mark("written");
        let written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
        let stale = vanban::output::stale_outputs(
            self.out_dir,
            &stem,
            &written,
            self.formats.contains(&Format::Pdf),
            self.formats.contains(&Format::Png),
        );
        for path in stale {
            if std::fs::remove_file(&path).is_ok() {
                eprintln!("{} {}", t(self.lang, "đã xóa tệp cũ", "removed the stale"), path.display());
            }
        }
        Ok(written)
    }
}

/// The typst project that reproduces the PDF with the typst CLI:
/// `typst compile --root DIR --font-path fonts DIR/main.typ`.
fn typst_export(dir: &Path, ts: &Typesetter, doc: &Document) -> Vec<(PathBuf, Vec<u8>)> {
    vec![
        (dir.join("main.typ"), vanban::render::pdf::TEMPLATE.as_bytes().to_vec()),
        (dir.join("data.json"), ts.data_json(doc)),
    ]
}

fn render_command(
    lang: Lang,
    files: &[PathBuf],
    out_dir: &Path,
    formats: &[Format],
    font_dirs: &[PathBuf],
    font: Option<&str>,
    options: RenderOptions,
) -> u8 {
    let RenderOptions { typst_dir, profile, signature_fields } = options;
    // The export is one main.typ and one data.json: of several reports, the
    // last to finish would be the one left there.
    if typst_dir.is_some() && files.len() > 1 {
        eprintln!(
            "vanban: {}",
            t(
                lang,
                "--typst xuất một báo cáo một lần (một main.typ, một data.json); chỉ đưa một tệp .yaml",
                "--typst exports one report at a time (one main.typ, one data.json); give a single .yaml file",
            )
        );
        return EXIT_USAGE;
    }
    // Outputs are named after the report's file name: two reports of one name
    // (a/bao-cao.yaml, b/bao-cao.yaml) would write the same files, the second
    // silently over the first.
    if let Some((a, b)) = same_stem(files) {
        eprintln!(
            "vanban: {}",
            t(
                lang,
                &format!("{} và {} cùng tên nên sẽ ghi cùng một tệp kết quả trong {}; dựng từng tệp với -o khác nhau, hoặc đổi tên một tệp", a.display(), b.display(), out_dir.display()),
                &format!("{} and {} have the same name and would write the same output files in {}; render them with different -o folders, or rename one", a.display(), b.display(), out_dir.display()),
            )
        );
        return EXIT_USAGE;
    }
    let layout = match load_layout(lang, profile) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let font_set = match fonts::discover(font_dirs, font) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("vanban: {}: {}", t(lang, "lỗi phông chữ", "font error"), e.get(lang));
            return EXIT_INTERNAL;
        }
    };
    for dir in std::iter::once(out_dir).chain(typst_dir) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("vanban: {} {}: {}", t(lang, "không tạo được thư mục", "cannot create folder"), dir.display(), vanban::diag::io_reason(&e).get(lang));
            eprintln!("  {}", t(lang, "cách sửa: chọn thư mục kết quả khác với -o THƯ_MỤC", "hint: choose another output folder with -o FOLDER"));
            return EXIT_INTERNAL;
        }
    }
    vanban::trace::mark("layout and fonts found");
    let typesetter = Typesetter::new(font_set);
    let job = Job { lang, out_dir, formats, typst_dir, layout, renderers: renderers(formats, &typesetter, signature_fields), typesetter: &typesetter };

    let progress = (files.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let results: Mutex<Vec<(PathBuf, Result<Vec<PathBuf>, Failure>)>> = Mutex::new(Vec::new());
    let run_one = |file: &PathBuf| {
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| job.run(file)))
            .unwrap_or_else(|_| Err(Failure::Internal("panic while rendering".into())));
        // Keep memory flat in a long batch: drop what typst cached for documents
        // more than a few renders ago, keep what every document shares (fonts,
        // the template's own layout of the fixed header strings).
        typst::comemo::evict(2);
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        if let Ok(mut r) = results.lock() {
            r.push((file.clone(), outcome));
        }
    };
    std::thread::scope(|scope| {
        // typst's library and the parsed template are made while the first
        // report is read and checked, instead of after it.
        if formats.iter().any(|f| matches!(f, Format::Pdf | Format::Png)) {
            scope.spawn(|| typesetter.warm_up());
        }
        // typst's PDF export recurses deeply: give workers a large stack.
        match rayon::ThreadPoolBuilder::new().stack_size(64 * 1024 * 1024).build() {
            Ok(pool) => pool.install(|| files.par_iter().for_each(run_one)),
            Err(_) => files.iter().for_each(run_one),
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut written, mut content_failed, mut internal_failed) = (0, 0, 0);
    for (file, outcome) in &results {
        match outcome {
            Ok(paths) => {
                written += 1;
                for p in paths {
                    eprintln!("{} {}", t(lang, "đã ghi", "wrote"), p.display());
                }
            }
            Err(Failure::Content) => content_failed += 1,
            Err(Failure::Internal(msg)) => {
                internal_failed += 1;
                eprintln!("{}: {}: {msg}", file.display(), t(lang, "lỗi khi dựng", "render error"));
            }
        }
    }
    if files.len() > 1 || content_failed + internal_failed > 0 {
        eprintln!(
            "{}",
            if lang == Lang::Vi {
                format!("Tổng: {} tệp; đã dựng {written}; lỗi nội dung {content_failed}; lỗi khi dựng {internal_failed}.", files.len())
            } else {
                format!("Total: {} files; rendered {written}; content errors {content_failed}; render errors {internal_failed}.", files.len())
            }
        );
    }
    if internal_failed > 0 {
        EXIT_INTERNAL
    } else if content_failed > 0 {
        EXIT_CONTENT
    } else {
        0
    }
}

/// The first two different files whose outputs would have the same names.
fn same_stem(files: &[PathBuf]) -> Option<(&PathBuf, &PathBuf)> {
    let mut seen: std::collections::HashMap<std::ffi::OsString, &PathBuf> = std::collections::HashMap::new();
    for f in files {
        let stem = f.file_stem().unwrap_or_default().to_owned();
        match seen.get(&stem) {
            // The same file named twice renders once alike: no clash.
            Some(first) if std::fs::canonicalize(first).ok() != std::fs::canonicalize(f).ok() => return Some((first, f)),
            Some(_) => {}
            None => {
                seen.insert(stem, f);
            }
        }
    }
    None
}

fn import_command(lang: Lang, file: &Path, sheet: Option<&str>, output: Option<&Path>, force: bool) -> u8 {
    let stem = file.file_stem().map_or("bieu".into(), |s| s.to_string_lossy().into_owned());
    let out = match output {
        // `-o thu-muc/`: the file goes into that folder under its usual name.
        Some(o) if o.is_dir() => o.join(format!("{stem}.chi-tieu.yaml")),
        Some(o) => o.to_path_buf(),
        None => file.with_file_name(format!("{stem}.chi-tieu.yaml")),
    };
    // Never over the workbook being read, nor over a file that is not an
    // indicator file (a report, a workbook), --force or not.
    let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
    let yaml_name = out.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if same(file, &out) || !yaml_name || (out.exists() && is_other_than_indicator_file(&out)) {
        let name = file.with_file_name(format!("{stem}.chi-tieu.yaml"));
        eprintln!(
            "vanban: {}",
            if lang == Lang::Vi {
                format!("không ghi tệp chỉ tiêu vào {}: đó {}; ghi ra một tệp .yaml khác, ví dụ -o {}", out.display(), if same(file, &out) { "là chính bảng tính đang nhập" } else if !yaml_name { "không phải tên tệp .yaml" } else { "không phải tệp chỉ tiêu (có thể là báo cáo)" }, name.display())
            } else {
                format!("not writing the indicator file to {}: it {}; write another .yaml file, e.g. -o {}", out.display(), if same(file, &out) { "is the workbook being imported" } else if !yaml_name { "is not a .yaml file name" } else { "is not an indicator file (a report, perhaps)" }, name.display())
            }
        );
        return EXIT_USAGE;
    }
    if out.exists() && !force {
        eprintln!(
            "vanban: {}",
            if lang == Lang::Vi {
                format!("đã có tệp {}; dùng --force để ghi đè, hoặc -o TỆP_KHÁC.yaml", out.display())
            } else {
                format!("{} already exists; use --force to overwrite it, or -o OTHER.yaml", out.display())
            }
        );
        return EXIT_USAGE;
    }
    let imported = match vanban::xlsx::import::import(file, sheet) {
        Ok(i) => i,
        Err(diags) => {
            print_diags(lang, &diags);
            return EXIT_CONTENT;
        }
    };
    eprintln!("{} \"{}\":", t(lang, "các cột của trang tính", "columns of sheet"), imported.sheet);
    for c in &imported.columns {
        let target = match &c.key {
            Some(k) => k.to_owned(),
            None => t(lang, "(bỏ qua)", "(ignored)"),
        };
        let how = if c.by_number { t(lang, " (theo hàng số thứ tự cột)", " (by the column-number row)") } else { String::new() };
        eprintln!("  {} \"{}\" → {target}{how}", c.column, c.header);
    }
    for note in &imported.notes {
        eprintln!("{}: {}", t(lang, "lưu ý", "note"), note.get(lang));
    }
    print_diags(lang, &imported.warnings);
    if let Err(e) = vanban::output::write_atomic(&out, imported.yaml.as_bytes()) {
        eprintln!("vanban: {} {}: {}", t(lang, "không ghi được", "cannot write"), out.display(), vanban::diag::io_reason(&e).get(lang));
        return EXIT_INTERNAL;
    }
    let (groups, rows) = (imported.table.groups.len(), imported.table.indicator_count());
    eprintln!(
        "{}",
        if lang == Lang::Vi {
            format!("đã ghi {} ({rows} chỉ tiêu trong {groups} nhóm)", out.display())
        } else {
            format!("wrote {} ({rows} indicators in {groups} groups)", out.display())
        }
    );
    0
}

/// Whether an existing file is something other than an indicator file, which
/// `--force` must not replace: not text (a workbook, a PDF), or a report (its
/// top-level keys a report's).
fn is_other_than_indicator_file(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else { return true };
    text.lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split(':').next())
        .any(|k| ["loai", "noi_dung", "co_quan", "nguoi_ky", "noi_nhan"].contains(&k.trim()))
}

const NEW_TABLE: &str = include_str!("../content/mau/bao-cao.chi-tieu.yaml");

/// The example of each type `vanban new --loai` starts from: `loai`, file name, text.
const EXAMPLES: [(&str, &str, &str); 10] = [
    ("bao_cao", "bao-cao.yaml", include_str!("../content/mau/bao-cao.yaml")),
    ("cong_van", "cong-van.yaml", include_str!("../content/mau/cong-van.yaml")),
    ("quyet_dinh", "quyet-dinh.yaml", include_str!("../content/mau/quyet-dinh.yaml")),
    ("to_trinh", "to-trinh.yaml", include_str!("../content/mau/to-trinh.yaml")),
    ("ke_hoach", "ke-hoach.yaml", include_str!("../content/mau/ke-hoach.yaml")),
    ("thong_bao", "thong-bao.yaml", include_str!("../content/mau/thong-bao.yaml")),
    ("nghi_quyet", "nghi-quyet.yaml", include_str!("../content/mau/nghi-quyet.yaml")),
    ("bien_ban", "bien-ban.yaml", include_str!("../content/mau/bien-ban.yaml")),
    ("giay_moi", "giay-moi.yaml", include_str!("../content/mau/giay-moi.yaml")),
    ("giay_gioi_thieu", "giay-gioi-thieu.yaml", include_str!("../content/mau/giay-gioi-thieu.yaml")),
];

fn new_command(lang: Lang, dir: &Path, loai: Option<&str>) -> u8 {
    // `vanban new quyet_dinh`: the type given where the folder goes would make
    // a báo cáo in a folder named after another type.
    let named = dir.file_name().and_then(|n| n.to_str()).map(|n| n.replace('-', "_"));
    if let (None, Some(name)) = (loai, named.as_deref()) {
        if name != "bao_cao" && EXAMPLES.iter().any(|e| e.0 == name) {
            eprintln!(
                "vanban: {}",
                t(
                    lang,
                    &format!("\"{}\" là tên một loại văn bản; loại đi sau --loai: vanban new THƯ_MỤC --loai {name}", dir.display()),
                    &format!("\"{}\" is a document type; the type goes after --loai: vanban new FOLDER --loai {name}", dir.display()),
                )
            );
            return EXIT_USAGE;
        }
    }
    // `vanban new bao-cao.yaml`: a file name where the folder goes would make a
    // folder named like a file.
    if dir.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")) {
        let folder = dir.with_extension("");
        eprintln!(
            "vanban: {}",
            t(
                lang,
                &format!("vanban new tạo một thư mục, không phải một tệp; bỏ đuôi .yaml: vanban new {} (tạo {}/…yaml)", folder.display(), folder.display()),
                &format!("vanban new makes a folder, not a file; drop the .yaml: vanban new {} (makes {}/….yaml)", folder.display(), folder.display()),
            )
        );
        return EXIT_USAGE;
    }
    if dir.is_file() {
        eprintln!("vanban: {} {}", dir.display(), t(lang, "là một tệp có sẵn; vanban new cần tên một thư mục mới", "is an existing file; vanban new needs the name of a new folder"));
        return EXIT_USAGE;
    }
    let loai = loai.unwrap_or("bao_cao");
    // clap has checked the value against EXAMPLES.
    let Some(&(_, file_name, example)) = EXAMPLES.iter().find(|e| e.0 == loai) else { return EXIT_USAGE };
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        eprintln!("vanban: {} {}", dir.display(), t(lang, "đã tồn tại và không trống; chọn thư mục khác", "exists and is not empty; choose another folder"));
        return EXIT_USAGE;
    }
    // The template points editors at the schema one folder up (content/); a new
    // report gets its own copy beside it.
    let here = |text: &str| text.replacen("$schema=../", "$schema=", 1).into_bytes();
    let mut files = vec![
        (dir.join(file_name), here(example)),
        (dir.join("vanban.schema.json"), vanban::schema::report_schema().into_bytes()),
    ];
    // The báo cáo's indicator table is a file of its own (the other examples
    // carry theirs inline, if any).
    if loai == "bao_cao" {
        files.push((dir.join("bao-cao.chi-tieu.yaml"), here(NEW_TABLE)));
        files.push((dir.join("vanban-chi-tieu.schema.json"), vanban::schema::table_schema().into_bytes()));
    }
    let written = std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e)).and_then(|_| vanban::output::write_all_atomic(&files).map_err(|e| (e.path, e.error)));
    if let Err((path, e)) = written {
        eprintln!("vanban: {} {}: {}", t(lang, "không tạo được văn bản mới", "cannot create the new document"), path.display(), vanban::diag::io_reason(&e).get(lang));
        return EXIT_INTERNAL;
    }
    eprintln!(
        "{} {}\n  vanban render {}",
        t(lang, "đã tạo", "created"),
        dir.join(file_name).display(),
        dir.join(file_name).display()
    );
    0
}

fn watch_command(lang: Lang, file: &Path, out_dir: &Path, formats: &[Format], font_dirs: &[PathBuf], profile: SizeProfile) -> u8 {
    use notify::{RecursiveMode, Watcher};
    let layout = match load_layout(lang, profile) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let font_set = match fonts::discover(font_dirs, None) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("vanban: {}: {}", t(lang, "lỗi phông chữ", "font error"), e.get(lang));
            return EXIT_INTERNAL;
        }
    };
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        eprintln!("vanban: {} {}: {}", t(lang, "không tạo được thư mục", "cannot create folder"), out_dir.display(), vanban::diag::io_reason(&e).get(lang));
        return EXIT_INTERNAL;
    }
    let typesetter = Typesetter::new(font_set);
    let job = Job { lang, out_dir, formats, typst_dir: None, layout, renderers: renderers(formats, &typesetter, false), typesetter: &typesetter };
    let render = |job: &Job| match job.run(file) {
        Ok(paths) => eprintln!("{} {}", t(lang, "đã dựng lại", "re-rendered"), paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")),
        Err(Failure::Internal(m)) => eprintln!("{m}"),
        Err(Failure::Content) => {}
    };
    // A misspelt name: said once, as render says it, and nothing to watch
    // (watching the folder re-rendered the missing file at every save there).
    if !file.is_file() {
        render(&job);
        return EXIT_CONTENT;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("vanban: {e}");
            return EXIT_INTERNAL;
        }
    };
    // Watch the folder: editors save by renaming, which a file watch would lose.
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
        eprintln!("vanban: {e}");
        return EXIT_INTERNAL;
    }
    // The first render only once the folder is watched: a save made as soon as
    // its output appears is then never missed.
    render(&job);
    eprintln!("{} {}", t(lang, "đang theo dõi", "watching"), folder.display());
    while let Ok(event) = rx.recv() {
        let Ok(event) = event else { continue };
        let relevant = event.paths.iter().any(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"));
        if !relevant || matches!(event.kind, notify::EventKind::Access(_)) {
            continue;
        }
        // Let the editor finish writing, and fold a burst of events into one render.
        std::thread::sleep(Duration::from_millis(100));
        while rx.try_recv().is_ok() {}
        render(&job);
        // Keep the cache warm between renders: evict only what has aged.
        typst::comemo::evict(30);
    }
    0
}

/// `vanban sign`: reads everything, checks the field before asking for the
/// password, signs in memory, then writes atomically. Any failure: exit 1 and
/// nothing written.
#[allow(clippy::too_many_arguments)]
fn sign_command(lang: Lang, file: &Path, p12: &Path, field: Option<&str>, image: Option<&Path>, output: Option<&Path>, so: Option<&str>, ngay: Option<&str>) -> u8 {
    use vanban::sign::{appearance, credential, signer, SignError, VnTime};
    let show = |p: &Path| p.display().to_string();
    // A PDF up to 2 GB (its /ByteRange numbers have ten digits); a .p12 or
    // a picture far less.
    let read_at_most = |p: &Path, limit: u64| vanban::diag::read_regular_file(p, limit).map_err(|reason| SignError::Read { path: show(p), reason: reason.get(lang).to_owned() });
    let read = |p: &Path| read_at_most(p, 64 << 20);
    let run = || -> Result<PathBuf, SignError> {
        let pdf = read_at_most(file, 2 << 30)?;
        let doc = signer::load(&show(file), &pdf)?;
        let fields = signer::signature_fields(&doc);
        signer::check_earlier(&show(file), &doc, &fields, &pdf)?;
        let chosen = signer::choose(&show(file), &fields, field)?.name.clone();
        // The văn thư's number and date: checked before the password is asked.
        let date = match ngay {
            Some(text) => {
                let bad = || SignError::BadIssueDate { text: text.to_owned() };
                let (d, m, y) = vanban::model::date::written_date(text).ok_or_else(bad)?;
                vanban::model::date::DocDate::new(Some(d), Some(m), y).map_err(|_| bad())?;
                Some((d, m, y))
            }
            None => None,
        };
        let number = match so {
            Some(text) => {
                // Digits only ("+5" would parse as 5, but the văn thư typed a sign).
                let digits = text.trim();
                let n = digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse::<u32>().ok()).flatten().filter(|n| (1..=999_999).contains(n));
                Some(n.ok_or_else(|| SignError::BadIssueNumber { text: text.to_owned() })?)
            }
            None => None,
        };
        let issue = signer::Issue { number, date };
        let (fills, left_blank) = signer::plan_issue(&show(file), &signer::blank_fields(&doc), &chosen, issue, VnTime::now())?;
        let out = match output {
            Some(o) => o.to_path_buf(),
            None => {
                let stem = file.file_stem().map_or("signed".into(), |s| s.to_string_lossy().into_owned());
                let out = file.with_file_name(format!("{stem}.signed.pdf"));
                if out == file {
                    return Err(SignError::WouldOverwrite { path: show(file) });
                }
                out
            }
        };
        if out.is_dir() || out.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR) {
            return Err(SignError::OutputIsFolder { path: show(&out) });
        }
        // An existing output may be the copy signed a step earlier (the signer's,
        // before the văn thư's): never replaced. Only the input itself may be,
        // when -o names it.
        let same_file = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
        let in_place = same_file(&out, file);
        if out.exists() && !in_place {
            return Err(SignError::OutputExists { path: show(&out), input: show(file) });
        }
        // A rename replaces a read-only file as readily as any other.
        if in_place && std::fs::metadata(file).is_ok_and(|m| m.permissions().readonly()) {
            return Err(SignError::ReadOnly { path: show(file) });
        }
        let image = match image {
            Some(p) => {
                let image = appearance::decode(&read(p)?).map_err(|reason| SignError::Image { path: show(p), reason })?;
                // Said, not refused: an office's seal scans are white-background JPEGs.
                if image.background_removed {
                    let note = t(
                        lang,
                        "ảnh không có nền trong suốt; vanban đã làm nền trắng thành trong suốt để ảnh không che chữ bên dưới",
                        "the image has no transparent background; vanban made its white background transparent so that it does not hide the words under it",
                    );
                    eprintln!("vanban: {}: {note}", show(p));
                }
                Some(image)
            }
            None => None,
        };
        let p12_bytes = read(p12)?;
        let password = match std::env::var("VANBAN_P12_PASSWORD") {
            Ok(p) => p,
            Err(_) if std::io::stdin().is_terminal() => {
                let prompt = t(lang, "Mật khẩu tệp chứng thư số: ", "Certificate file password: ");
                rpassword::prompt_password(prompt).map_err(|_| SignError::NoPassword)?
            }
            Err(_) => return Err(SignError::NoPassword),
        };
        let time = VnTime::now();
        let cred = credential::load(&show(p12), &p12_bytes, &password, time)?;
        let options = signer::Options { field: Some(&chosen), image: image.as_ref(), time, issue };
        let signed = signer::sign(&show(file), &pdf, &cred, &options)?;
        let write_error = |e: std::io::Error| SignError::Write { path: show(&out), reason: vanban::diag::io_reason(&e).get(lang).to_owned() };
        if in_place {
            // Signed in place, the file must still be the one read: another
            // signing at the same time would otherwise lose one signature.
            if std::fs::read(file).ok().as_deref() != Some(pdf.as_slice()) {
                return Err(SignError::ChangedWhileSigning { path: show(file) });
            }
            vanban::output::write_atomic(&out, &signed).map_err(write_error)?;
        } else {
            // Never over a file another process wrote since the check above.
            vanban::output::write_new(&out, &signed).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => SignError::OutputExists { path: show(&out), input: show(file) },
                _ => write_error(e),
            })?;
        }
        eprintln!("{} {} ({} {chosen}, {})", t(lang, "đã ký", "signed"), out.display(), t(lang, "ô", "field"), cred.common_name);
        if !fills.is_empty() {
            let written: Vec<String> = fills
                .iter()
                .map(|(b, text)| {
                    let what = match b.kind {
                        vanban::sign::fields::BlankKind::Number => t(lang, "số", "number"),
                        vanban::sign::fields::BlankKind::Day => t(lang, "ngày", "day"),
                        vanban::sign::fields::BlankKind::Month => t(lang, "tháng", "month"),
                    };
                    format!("{what} {text}")
                })
                .collect();
            eprintln!("{} {}", t(lang, "văn thư ghi vào chỗ trống:", "written into the blanks:"), written.join(", "));
        }
        for warning in &left_blank {
            eprintln!("vanban: {}: {}", t(lang, "cảnh báo", "warning"), warning.get(lang));
        }
        Ok(out)
    };
    match run() {
        Ok(_) => 0,
        Err(e) => {
            eprintln!("vanban: {}", e.render(lang));
            // A value the command line cannot mean is a usage error.
            if matches!(e, SignError::BadIssueNumber { .. } | SignError::BadIssueDate { .. }) { EXIT_USAGE } else { EXIT_CONTENT }
        }
    }
}

/// `vanban verify`: one line a field; exit 1 when a signature is invalid, 4
/// when one cannot be checked (and none is invalid).
fn verify_command(lang: Lang, file: &Path) -> u8 {
    let path = file.display().to_string();
    let bytes = match vanban::diag::read_regular_file(file, 2 << 30) {
        Ok(b) => b,
        Err(reason) => {
            eprintln!("vanban: {}", vanban::sign::SignError::Read { path, reason: reason.get(lang).to_owned() }.render(lang));
            return EXIT_CONTENT;
        }
    };
    let reports = match vanban::sign::verify::verify(&path, &bytes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vanban: {}", e.render(lang));
            return EXIT_CONTENT;
        }
    };
    let vi = lang == Lang::Vi;
    let (mut invalid, mut unchecked) = (false, false);
    for f in &reports {
        let page = f.page.map(|p| if vi { format!(", trang {p}") } else { format!(", page {p}") }).unwrap_or_default();
        let label = f.label.as_ref().map(|l| format!(" ({l})")).unwrap_or_default();
        let state = match &f.signature {
            None => t(lang, "chưa ký", "not signed"),
            Some(s) => {
                let verdict = if s.valid {
                    t(lang, "HỢP LỆ", "VALID")
                } else if s.unchecked.is_some() {
                    unchecked = true;
                    t(lang, "CHƯA KIỂM TRA ĐƯỢC", "NOT CHECKED")
                } else {
                    invalid = true;
                    t(lang, "KHÔNG HỢP LỆ", "INVALID")
                };
                let who = if vi { format!("ký bởi {}", s.signer) } else { format!("signed by {}", s.signer) };
                let when = s.time.as_ref().map(|t| if vi { format!(" lúc {t}") } else { format!(" at {t}") }).unwrap_or_default();
                let cover = match (s.revision, s.covers_whole_file) {
                    (Some(_), true) => t(lang, "phủ toàn bộ tệp", "covers the whole file"),
                    // Bytes glued after the last revision: said, not counted as "0 more revisions".
                    (Some((k, n)), false) if s.stray_bytes > 0 => {
                        let x = s.stray_bytes;
                        let later = if k == n { String::new() } else if vi { format!("{} lần sửa thêm và ", n - k) } else { format!("{} later revision(s) and ", n - k) };
                        if vi {
                            format!("phủ tệp đến hết lần sửa {k}/{n}; sau đó có {later}{x} byte không thuộc lần sửa nào")
                        } else {
                            format!("covers the file up to revision {k} of {n}; then {later}{x} bytes that belong to no revision")
                        }
                    }
                    (Some((k, n)), false) => {
                        if vi { format!("phủ tệp đến hết lần sửa {k}/{n}; sau đó có {} lần sửa thêm", n - k) } else { format!("covers the file up to revision {k} of {n}; {} later revision(s)", n - k) }
                    }
                    (None, _) => t(lang, "không phủ trọn một lần sửa", "does not cover a whole revision"),
                };
                let problems = if s.problems.is_empty() { String::new() } else { format!(" [{}]", s.problems.iter().map(|m| m.get(lang)).collect::<Vec<_>>().join("; ")) };
                format!("{who}{when} — {verdict}; {cover}; {}{problems}", s.sub_filter)
            }
        };
        println!("{}{label}{page}: {state}", f.name);
    }
    // Each signature may hold for its own revision while a later revision
    // that no signature covers changes what the pages show (an incremental
    // update redrawing a page): the file as a whole is not what was signed.
    let newest = reports.iter().filter_map(|f| f.signature.as_ref()).filter(|s| s.revision.is_some()).max_by_key(|s| s.revision);
    if let Some(s) = newest.filter(|s| !s.covers_whole_file && s.stray_bytes == 0) {
        let (k, n) = s.revision.unwrap_or_default();
        println!(
            "{}",
            if vi {
                format!("TỆP ĐÃ BỊ SỬA SAU CHỮ KÝ CUỐI: {} lần sửa sau lần sửa {k}/{n} không có chữ ký nào phủ; nội dung in ra có thể khác nội dung đã ký — lấy lại bản gốc đã ký", n - k)
            } else {
                format!("CHANGED AFTER THE LAST SIGNATURE: {} revision(s) after revision {k} of {n} that no signature covers; what the pages show may differ from what was signed — get the signed original back", n - k)
            }
        );
        invalid = true;
    }
    if invalid {
        EXIT_CONTENT
    } else if unchecked {
        EXIT_UNCHECKED
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_layout_profile_is_an_internal_error_naming_the_file() {
        let e = ProfileError { reason: "no profile \"13\"".into() };
        let (code, message) = layout_failure(Lang::En, &e);
        assert_eq!(code, EXIT_INTERNAL);
        assert_eq!(message, "vanban: internal error: layouts/profile.yaml: no profile \"13\"");
        let (code, message) = layout_failure(Lang::Vi, &e);
        assert_eq!(code, EXIT_INTERNAL);
        assert!(message.starts_with("vanban: lỗi nội bộ: layouts/profile.yaml: "), "{message}");
    }
}
