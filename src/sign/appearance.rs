//! What a signed field shows: the signer's name and the signing time at
//! +07:00 in the bundled Liberation Serif (embedded as a subset: Vietnamese
//! needs its own glyphs, which no standard PDF font has), and optionally the
//! signature's or seal's image (blue signature, red seal, transparent
//! background, as Phụ lục I §II.7–8 asks).
//!
//! The text is wrapped and shrunk until it fits its box, never cut. A seal's
//! image alone fills its field, which the layout made the seal's real size
//! (`seal_diameter` in layouts/profile.yaml); an image on a white background
//! (an office's seal scans are white-background JPEGs) has its near-white
//! pixels made transparent, so that the words under the seal stay readable.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::form::real;
use super::incremental::Update;
use crate::diag::Msg;

/// A decoded image: 8-bit RGB samples and an alpha channel, cropped to what
/// shows (the pixels that are not background).
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// RGB, 3 samples a pixel.
    pub samples: Vec<u8>,
    pub alpha: Vec<u8>,
    /// The image had no transparency: its near-white background was made
    /// transparent here.
    pub background_removed: bool,
}

/// How far from white (255 − the darkest channel) a pixel of an opaque image
/// is still paper, and from how far it is all ink; between the two it is
/// partly transparent (a JPEG's blurred edges).
const PAPER_UP_TO: u8 = 40;
const INK_FROM: u8 = 100;
/// An alpha below this is not drawn: it does not count in the image's extent.
const VISIBLE_FROM: u8 = 16;

/// The alpha of an opaque image's pixel: 0 on near-white paper, 255 on ink.
fn ink_alpha(rgb: &[u8]) -> u8 {
    let distance = 255 - rgb.iter().copied().min().unwrap_or(255);
    if distance <= PAPER_UP_TO {
        0
    } else if distance >= INK_FROM {
        255
    } else {
        ((distance - PAPER_UP_TO) as u32 * 255 / (INK_FROM - PAPER_UP_TO) as u32) as u8
    }
}

/// Decodes a PNG or JPEG. An image without transparency (a JPEG, a PNG with an
/// opaque background) gets it from its near-white pixels; then the image is
/// cropped to its visible pixels, so that a seal fills its real size.
pub fn decode(bytes: &[u8]) -> Result<Image, Msg> {
    let format = image::guess_format(bytes).ok().filter(|f| matches!(f, image::ImageFormat::Png | image::ImageFormat::Jpeg));
    let Some(format) = format else {
        return Err(Msg::new("không phải ảnh PNG hay JPEG; hãy lưu ảnh chữ ký hoặc con dấu thành .png (nền trong suốt) hoặc .jpg", "not a PNG or JPEG image; save the signature's or seal's image as .png (transparent background) or .jpg"));
    };
    let unreadable = |e: image::ImageError| Msg::new(format!("không đọc được ảnh ({e})"), format!("cannot read the image ({e})"));
    // The size from the header, before anything is decoded: a photo of
    // 12 000 × 12 000 px took 1.7 GB to decode.
    let (w, h) = image::ImageReader::with_format(std::io::Cursor::new(bytes), format).into_dimensions().map_err(unreadable)?;
    if w as u64 * h as u64 > MAX_PIXELS {
        let mp = (w as u64 * h as u64).div_ceil(1_000_000);
        return Err(Msg::new(
            format!("ảnh quá lớn ({w} × {h} điểm ảnh, khoảng {mp} triệu điểm); ảnh chữ ký hoặc con dấu chỉ cần khoảng {MAX_SIDE} điểm ảnh mỗi chiều: thu nhỏ ảnh rồi ký lại"),
            format!("the image is too large ({w} × {h} px, about {mp} megapixels); a signature's or seal's image needs about {MAX_SIDE} px a side: scale it down and sign again"),
        ));
    }
    let decoded = image::load_from_memory_with_format(bytes, format).map_err(unreadable)?;
    let has_alpha = decoded.color().has_alpha();
    let rgba = decoded.into_rgba8();
    let (w, h) = rgba.dimensions();
    // Transparency counts when some pixel is not (nearly) opaque.
    let transparent = has_alpha && rgba.pixels().any(|p| p[3] < 255 - VISIBLE_FROM);
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    let mut alpha_full = Vec::with_capacity((w * h) as usize);
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = if transparent { p[3] } else { ink_alpha(&p.0[..3]) };
        if a >= VISIBLE_FROM {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        alpha_full.push(a);
    }
    if x0 > x1 {
        return Err(Msg::new("ảnh trống (toàn màu trắng hoặc trong suốt)", "the image is blank (all white or transparent)"));
    }
    let (cw, ch) = (x1 - x0 + 1, y1 - y0 + 1);
    let mut samples = Vec::with_capacity((cw * ch * 3) as usize);
    let mut alpha = Vec::with_capacity((cw * ch) as usize);
    for y in y0..=y1 {
        for x in x0..=x1 {
            samples.extend_from_slice(&rgba.get_pixel(x, y).0[..3]);
            alpha.push(alpha_full[(y * w + x) as usize]);
        }
    }
    let image = Image { width: cw, height: ch, samples, alpha, background_removed: !transparent };
    Ok(shrunk(image))
}

/// Larger than any photo of a seal needs; refused before decoding.
const MAX_PIXELS: u64 = 40_000_000;
/// The longest side kept: 1 200 px is 600 dpi over 50 mm, more than the
/// seal (35–40 mm) or a signature's box needs in print. A larger image is
/// scaled down, so the signed PDF does not carry megabytes of pixels.
const MAX_SIDE: u32 = 1200;

/// `image` scaled down by a whole factor to at most [`MAX_SIDE`] a side: each
/// output pixel the mean of a block, its colour weighted by alpha, so the
/// transparent pixels' colour does not darken a seal's edges.
fn shrunk(image: Image) -> Image {
    let k = image.width.max(image.height).div_ceil(MAX_SIDE);
    if k <= 1 {
        return image;
    }
    let (w, h) = (image.width.div_ceil(k), image.height.div_ceil(k));
    let mut samples = Vec::with_capacity((w * h * 3) as usize);
    let mut alpha = Vec::with_capacity((w * h) as usize);
    for by in 0..h {
        for bx in 0..w {
            let (mut rgb, mut a_sum, mut n) = ([0u64; 3], 0u64, 0u64);
            for y in by * k..((by + 1) * k).min(image.height) {
                for x in bx * k..((bx + 1) * k).min(image.width) {
                    let i = (y * image.width + x) as usize;
                    let a = image.alpha[i] as u64;
                    for c in 0..3 {
                        rgb[c] += image.samples[i * 3 + c] as u64 * a;
                    }
                    a_sum += a;
                    n += 1;
                }
            }
            for c in rgb {
                samples.push(if a_sum == 0 { 255 } else { (c / a_sum) as u8 });
            }
            alpha.push((a_sum / n) as u8);
        }
    }
    Image { width: w, height: h, samples, alpha, background_removed: image.background_removed }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Text set in one embedded font: the glyphs used and the
/// subset font program.
struct EmbeddedText {
    /// Per line, the CIDs (the subset's glyph ids) of its characters.
    lines: Vec<Vec<u16>>,
    font: ObjectId,
}

fn embed_font(update: &mut Update, lines: &[String]) -> Result<EmbeddedText, String> {
    embed_face(update, Style::Regular, lines)
}

/// The bundled face a stamped text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular,
    Italic,
}

impl Style {
    fn data(self) -> &'static [u8] {
        match self {
            Self::Regular => crate::measure::BUNDLED[0],
            Self::Italic => crate::measure::BUNDLED[2],
        }
    }
    fn base_name(self) -> &'static str {
        match self {
            Self::Regular => "LiberationSerif",
            Self::Italic => "LiberationSerif-Italic",
        }
    }
}

fn embed_face(update: &mut Update, style: Style, lines: &[String]) -> Result<EmbeddedText, String> {
    let data = style.data();
    let face = ttf_parser::Face::parse(data, 0).map_err(|e| format!("font: {e}"))?;
    let upem = face.units_per_em() as f64;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut to_unicode: Vec<(u16, char)> = Vec::new();
    let mut cid_widths: Vec<(u16, f64)> = Vec::new();
    let mut cid_lines = Vec::new();
    for line in lines {
        let mut cids = Vec::new();
        for c in line.nfc().map(|c| drawable(&face, c)) {
            let gid = face.glyph_index(c).map(|g| g.0).unwrap_or(0);
            let cid = remapper.remap(gid);
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0) as f64 * 1000.0 / upem;
            if !to_unicode.iter().any(|(k, _)| *k == cid) && gid != 0 {
                to_unicode.push((cid, c));
                cid_widths.push((cid, advance));
            }
            cids.push(cid);
        }
        cid_lines.push(cids);
    }
    let subset = subsetter::subset(data, 0, &remapper).map_err(|e| format!("font subset: {e:?}"))?;
    to_unicode.sort();
    cid_widths.sort_by_key(|(c, _)| *c);

    // A subset's name starts with six capitals that name the subset.
    let mut h = Sha256::new();
    for (cid, c) in &to_unicode {
        h.update(cid.to_be_bytes());
        h.update((*c as u32).to_be_bytes());
    }
    let tag: String = h.finalize().iter().take(6).map(|b| (b'A' + b % 26) as char).collect();
    let base = format!("{tag}+{}", style.base_name());

    let file = update.alloc();
    let mut fd = Dictionary::new();
    fd.set("Length1", Object::Integer(subset.len() as i64));
    fd.set("Filter", name("FlateDecode"));
    update.put_stream(file, fd, &deflate(&subset));

    let scale = |v: i16| real(v as f64 * 1000.0 / upem);
    let bbox = face.global_bounding_box();
    let descriptor = update.alloc();
    let mut d = Dictionary::new();
    d.set("Type", name("FontDescriptor"));
    d.set("FontName", name(&base));
    // Symbolic (CID), serif; italic.
    d.set("Flags", Object::Integer(4 + 2 + if style == Style::Italic { 64 } else { 0 }));
    d.set("FontBBox", Object::Array(vec![scale(bbox.x_min), scale(bbox.y_min), scale(bbox.x_max), scale(bbox.y_max)]));
    d.set("ItalicAngle", real(face.italic_angle() as f64));
    d.set("Ascent", scale(face.ascender()));
    d.set("Descent", scale(face.descender()));
    d.set("CapHeight", scale(face.capital_height().unwrap_or(face.ascender())));
    d.set("StemV", Object::Integer(80));
    d.set("FontFile2", Object::Reference(file));
    update.put(descriptor, &Object::Dictionary(d));

    let cid_font = update.alloc();
    let mut c = Dictionary::new();
    c.set("Type", name("Font"));
    c.set("Subtype", name("CIDFontType2"));
    c.set("BaseFont", name(&base));
    let mut info = Dictionary::new();
    info.set("Registry", Object::string_literal("Adobe"));
    info.set("Ordering", Object::string_literal("Identity"));
    info.set("Supplement", Object::Integer(0));
    c.set("CIDSystemInfo", Object::Dictionary(info));
    c.set("FontDescriptor", Object::Reference(descriptor));
    c.set("DW", Object::Integer(0));
    let mut w = Vec::new();
    for (cid, width) in &cid_widths {
        w.push(Object::Integer(*cid as i64));
        w.push(Object::Array(vec![real(*width)]));
    }
    c.set("W", Object::Array(w));
    c.set("CIDToGIDMap", name("Identity"));
    update.put(cid_font, &Object::Dictionary(c));

    let cmap = update.alloc();
    update.put_stream(cmap, Dictionary::new(), to_unicode_cmap(&to_unicode).as_bytes());

    let font = update.alloc();
    let mut f = Dictionary::new();
    f.set("Type", name("Font"));
    f.set("Subtype", name("Type0"));
    f.set("BaseFont", name(&base));
    f.set("Encoding", name("Identity-H"));
    f.set("DescendantFonts", Object::Array(vec![Object::Reference(cid_font)]));
    f.set("ToUnicode", Object::Reference(cmap));
    update.put(font, &Object::Dictionary(f));
    Ok(EmbeddedText { lines: cid_lines, font })
}

fn to_unicode_cmap(map: &[(u16, char)]) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in map.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (cid, c) in chunk {
            let mut units = [0u16; 2];
            let hex: String = c.encode_utf16(&mut units).iter().map(|u| format!("{u:04X}")).collect();
            s.push_str(&format!("<{cid:04X}> <{hex}>\n"));
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// An 8-bit image XObject's dictionary, its samples deflated.
fn image_dict(image: &Image, color_space: &str) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", name("XObject"));
    d.set("Subtype", name("Image"));
    d.set("Width", Object::Integer(image.width as i64));
    d.set("Height", Object::Integer(image.height as i64));
    d.set("ColorSpace", name(color_space));
    d.set("BitsPerComponent", Object::Integer(8));
    d.set("Filter", name("FlateDecode"));
    d
}

fn put_image(update: &mut Update, image: &Image) -> ObjectId {
    // The transparency (NĐ 30: a PNG on a transparent background) as a soft mask.
    let mask = update.alloc();
    update.put_stream(mask, image_dict(image, "DeviceGray"), &deflate(&image.alpha));
    let id = update.alloc();
    let mut d = image_dict(image, "DeviceRGB");
    d.set("SMask", Object::Reference(mask));
    update.put_stream(id, d, &deflate(&image.samples));
    id
}

/// The largest text size, pt; smaller when the text would not fit.
const MAX_SIZE: f64 = 8.0;
/// Line height over text size.
const LEADING: f64 = 1.2;
/// Shrinking steps, pt; below the floor the text is no longer readable, and
/// the box is smaller than any vanban makes.
const SIZE_STEP: f64 = 0.25;
const SIZE_FLOOR: f64 = 1.0;
/// Lines are shrunk down to this size before they are wrapped instead.
const UNWRAPPED_FLOOR: f64 = 6.0;
/// With an image, the share of the field's height the text may take.
const TEXT_SHARE: f64 = 0.45;

/// `c`, or "?" where the font has no glyph for it (a name in Chinese
/// characters, the U+FFFD that stands for a control character): glyph 0
/// (.notdef) draws nothing a reader sees, and PDF/A forbids it.
fn drawable(face: &ttf_parser::Face, c: char) -> char {
    if face.glyph_index(c).is_some() { c } else { '?' }
}

/// A line's width at 1 pt.
fn text_width(face: &ttf_parser::Face, text: &str) -> f64 {
    let upem = face.units_per_em() as f64;
    text.nfc().map(|c| drawable(face, c)).map(|c| face.glyph_hor_advance(face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0))).unwrap_or(0) as f64 / upem).sum()
}

/// `text` broken at spaces into lines at most `max` wide (at 1 pt); a word
/// wider than a line is broken between its characters.
fn wrap(face: &ttf_parser::Face, text: &str, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let joined = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        if text_width(face, &joined) <= max {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        for c in word.nfc() {
            let mut longer = current.clone();
            longer.push(c);
            if !current.is_empty() && text_width(face, &longer) > max {
                lines.push(std::mem::replace(&mut current, c.to_string()));
            } else {
                current = longer;
            }
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// The text size and lines that fit `lines` into `w` × `h` pt: the largest
/// size down to [`UNWRAPPED_FLOOR`] at which they fit as they are, else the
/// largest (up to [`MAX_SIZE`]) at which they fit wrapped.
fn fit(face: &ttf_parser::Face, lines: &[String], w: f64, h: f64) -> (f64, Vec<String>) {
    let widest = lines.iter().map(|l| text_width(face, l)).fold(0.0, f64::max);
    let unwrapped = (w / widest.max(f64::EPSILON)).min(h / (lines.len() as f64 * LEADING)).min(MAX_SIZE);
    if unwrapped >= UNWRAPPED_FLOOR {
        return (unwrapped, lines.to_vec());
    }
    let mut size = MAX_SIZE;
    loop {
        let wrapped: Vec<String> = lines.iter().flat_map(|l| wrap(face, l, w / size)).collect();
        let fits = wrapped.len() as f64 * size * LEADING <= h && wrapped.iter().all(|l| text_width(face, l) * size <= w);
        if fits || size <= SIZE_FLOOR {
            return (size, wrapped);
        }
        size -= SIZE_STEP;
    }
}

/// Writes the appearance of a signed field of `w` × `h` pt and returns the
/// form XObject. With an image and no text (a seal), the image alone fills
/// the field; with both, `lines` sit at the bottom of the text area and the
/// image above them; text alone is centred in it. The text area
/// `[x0, y0, x1, y1]` (pt, from the field's bottom-left corner) is the part of
/// the field clear of the other fields.
pub fn write(update: &mut Update, w: f64, h: f64, lines: &[String], image: Option<&Image>, text_area: [f64; 4]) -> Result<ObjectId, String> {
    let face = ttf_parser::Face::parse(crate::measure::BUNDLED[0], 0).map_err(|e| format!("font: {e}"))?;
    let pad = (w.min(h) * 0.04).clamp(1.0, 4.0);
    let [ax0, ay0, ax1, ay1] = [text_area[0].max(0.0), text_area[1].max(0.0), text_area[2].min(w), text_area[3].min(h)];
    let (span_x, span_w) = (ax0 + pad, (ax1 - ax0 - 2.0 * pad).max(1.0));
    let area_h = (ay1 - ay0 - 2.0 * pad).max(1.0);
    let text_room = if image.is_some() { area_h.min(h * TEXT_SHARE) } else { area_h };
    let (size, lines) = if lines.is_empty() { (MAX_SIZE, Vec::new()) } else { fit(&face, lines, span_w, text_room) };
    let leading = size * LEADING;
    let text_h = leading * lines.len() as f64;

    let mut ops = String::from("q\n");
    let mut resources = Dictionary::new();
    if let Some(image) = image {
        let id = put_image(update, image);
        let mut xo = Dictionary::new();
        xo.set("Im1", Object::Reference(id));
        resources.set("XObject", Object::Dictionary(xo));
        // Fit into the field (a seal: its real size), or the area above the
        // text, keeping the aspect ratio.
        let above = ay0 + pad + text_h;
        let (ax, ay, aw, ah) = if lines.is_empty() { (0.0, 0.0, w, h) } else { (pad, above + pad, w - 2.0 * pad, (h - above - 2.0 * pad).max(1.0)) };
        let scale = (aw / image.width as f64).min(ah / image.height as f64);
        let (iw, ih) = (image.width as f64 * scale, image.height as f64 * scale);
        let (ix, iy) = (ax + (aw - iw) / 2.0, ay + (ah - ih) / 2.0);
        ops.push_str(&format!("q {iw:.3} 0 0 {ih:.3} {ix:.3} {iy:.3} cm /Im1 Do Q\n"));
    }
    if !lines.is_empty() {
        let text = embed_font(update, &lines)?;
        let mut fonts = Dictionary::new();
        fonts.set("F1", Object::Reference(text.font));
        resources.set("Font", Object::Dictionary(fonts));
        // First baseline: from the bottom with an image, else the block centred.
        let block_bottom = if image.is_some() { ay0 + pad } else { (ay0 + ay1 - text_h) / 2.0 };
        ops.push_str(&format!("BT\n0 g\n/F1 {size:.2} Tf\n"));
        for (i, cids) in text.lines.iter().enumerate() {
            let baseline = block_bottom + text_h - leading * i as f64 - size * 0.95;
            let hex: String = cids.iter().map(|c| format!("{c:04X}")).collect();
            ops.push_str(&format!("1 0 0 1 {span_x:.3} {baseline:.3} Tm <{hex}> Tj\n"));
        }
        ops.push_str("ET\n");
    }
    ops.push_str("Q\n");

    let ap = update.alloc();
    let mut d = super::form::empty_form(w, h);
    d.set("Resources", Object::Dictionary(resources));
    update.put_stream(ap, d, ops.as_bytes());
    Ok(ap)
}

/// A font for a form's default resources (/DR): the bundled face, subset to
/// the characters a number or a date is written with, so that a tool that
/// fills the field itself finds its glyphs embedded (PDF/A).
pub fn form_font(update: &mut Update, style: Style) -> Result<ObjectId, String> {
    Ok(embed_face(update, style, &["0123456789/".to_owned()])?.font)
}

/// The appearance of a filled blank: `text` in one line at `size` pt (less
/// when it would not fit the blank's width), on the blank's baseline (the
/// rect runs from 0.216 em under it to 0.891 em over it, as the template's
/// lines), right-aligned against what follows (a number, before
/// "/QĐ-UBND") or centred (a day, a month).
///
/// `after`: the word printed after the blank ("/QĐ-UBND") and where it ends,
/// pt from the field's left edge. Then the text is written from the blank's
/// start as " 123/QĐ-UBND", over a white ground that hides the blank and the
/// old word: a number wider than its blank keeps its space and its size.
pub fn stamp(update: &mut Update, w: f64, h: f64, text: &str, size: f64, style: Style, right: bool, after: Option<(&str, f64)>) -> Result<ObjectId, String> {
    let face = ttf_parser::Face::parse(style.data(), 0).map_err(|e| format!("font: {e}"))?;
    let text = match after {
        Some((word, _)) => format!(" {text}{word}"),
        None => text.to_owned(),
    };
    let natural = text_width(&face, &text) * size;
    let size = if natural > w && natural > 0.0 { size * w / natural } else { size };
    let width = text_width(&face, &text) * size;
    let x = match after {
        Some(_) => 0.0,
        None if right => (w - width).max(0.0),
        None => ((w - width) / 2.0).max(0.0),
    };
    // The rect is 1.107 em of the printed size high, its baseline 0.216 em up.
    let baseline = h * 0.216 / 1.107;
    let embedded = embed_face(update, style, std::slice::from_ref(&text))?;
    let hex: String = embedded.lines.first().map(|cids| cids.iter().map(|c| format!("{c:04X}")).collect()).unwrap_or_default();
    // White under the new text and the old word (an italic glyph reaches a
    // little past its advance).
    let ground = match after {
        Some((_, old_end)) => format!("q\n1 g\n0 0 {:.3} {h:.3} re f\nQ\n", (old_end.max(width) + 0.1 * size).min(w)),
        None => String::new(),
    };
    let ops = format!("/Tx BMC\n{ground}q\nBT\n0 g\n/F1 {size:.2} Tf\n1 0 0 1 {x:.3} {baseline:.3} Tm <{hex}> Tj\nET\nQ\nEMC\n");
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(embedded.font));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let ap = update.alloc();
    let mut d = super::form::empty_form(w, h);
    d.set("Resources", Object::Dictionary(resources));
    update.put_stream(ap, d, ops.as_bytes());
    Ok(ap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face() -> ttf_parser::Face<'static> {
        ttf_parser::Face::parse(crate::measure::BUNDLED[0], 0).unwrap()
    }

    const TIME: &str = "Thời gian ký: 02/12/2026 21:30:15 +07:00";

    #[test]
    fn a_long_name_is_wrapped_to_fit_and_keeps_every_word() {
        let face = face();
        let lines = vec!["Ký bởi: ỦY BAN NHÂN DÂN XÃ AN BÌNH, HUYỆN PHÚ GIÁO, TỈNH BÌNH DƯƠNG".to_owned(), TIME.to_owned()];
        let (w, h) = (85.0, 56.0);
        let (size, wrapped) = fit(&face, &lines, w, h);
        assert!(wrapped.len() > 2, "{wrapped:?}");
        assert!(wrapped.iter().all(|l| text_width(&face, l) * size <= w), "a line is wider than {w} pt at {size} pt: {wrapped:?}");
        assert!(wrapped.len() as f64 * size * LEADING <= h, "{} lines at {size} pt are taller than {h} pt", wrapped.len());
        assert_eq!(wrapped.join(" "), lines.join(" "));
    }

    #[test]
    fn short_lines_shrink_a_little_rather_than_wrap() {
        let face = face();
        let lines = vec!["Ký bởi: Nguyễn Văn A".to_owned(), TIME.to_owned()];
        // 120 pt holds the time line at about 6.9 pt.
        let (size, out) = fit(&face, &lines, 120.0, 40.0);
        assert_eq!(out, lines);
        assert!((UNWRAPPED_FLOOR..MAX_SIZE).contains(&size) && text_width(&face, TIME) * size <= 120.0, "{size}");
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_not_cut() {
        let face = face();
        let word = "HOẰNGHÓATHANHHÓA";
        let lines = wrap(&face, word, 2.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| text_width(&face, l) <= 2.0), "{lines:?}");
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn paper_is_transparent_and_ink_opaque() {
        assert_eq!(ink_alpha(&[252, 251, 247]), 0);
        assert_eq!(ink_alpha(&[230, 230, 225]), 0);
        assert_eq!(ink_alpha(&[205, 28, 36]), 255);
        assert_eq!(ink_alpha(&[20, 40, 160]), 255);
        let edge = ink_alpha(&[240, 180, 180]);
        assert!(0 < edge && edge < 255, "{edge}");
    }

    fn png(w: u32, h: u32, pixel: impl Fn(u32, u32) -> [u8; 4]) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| image::Rgba(pixel(x, y)));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_image_is_scaled_down_and_its_edges_keep_their_colour() {
        // 3 000 px, a red disc on transparent black: the mean of an edge
        // block must stay red, not darken towards the black under alpha 0.
        let n = 3000;
        let bytes = png(n, n, |x, y| {
            let (dx, dy) = (x as i64 - 1500, y as i64 - 1500);
            if dx * dx + dy * dy <= 1400 * 1400 { [200, 20, 30, 255] } else { [0, 0, 0, 0] }
        });
        let img = decode(&bytes).unwrap();
        assert!(img.width <= MAX_SIDE && img.height <= MAX_SIDE && img.width >= MAX_SIDE / 2, "{} × {}", img.width, img.height);
        assert_eq!(img.samples.len(), (img.width * img.height * 3) as usize);
        assert_eq!(img.alpha.len(), (img.width * img.height) as usize);
        let partial: Vec<usize> = (0..img.alpha.len()).filter(|&i| (1..255).contains(&img.alpha[i])).collect();
        assert!(!partial.is_empty(), "the disc's edge has partly covered pixels");
        for i in partial {
            assert_eq!(img.samples[i * 3..i * 3 + 3], [200, 20, 30], "pixel {i} darkened");
        }
        // A small image is kept as it is.
        let small = decode(&png(400, 300, |_, _| [10, 20, 200, 255])).unwrap();
        assert_eq!((small.width, small.height), (400, 300));
    }

    #[test]
    fn an_image_of_too_many_pixels_is_refused_before_decoding() {
        // 8 000 × 8 000 of one colour compresses to a few hundred KB; decoding
        // it would take 256 MB.
        let bytes = png(8000, 8000, |_, _| [200, 20, 30, 255]);
        let Err(msg) = decode(&bytes) else { panic!("decoded") };
        assert!(msg.en.contains("too large (8000 × 8000 px") && msg.en.contains("scale it down"), "{}", msg.en);
    }
}
