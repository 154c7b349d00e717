//! What a signed field shows: the signer's name and the signing time at
//! +07:00 in the bundled Liberation Serif (embedded as a subset: Vietnamese
//! needs its own glyphs, which no standard PDF font has), and optionally the
//! signature's or seal's PNG image (blue signature, red seal, transparent
//! background, as Phụ lục I §II.7–8 asks) fitted into the field above the text.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use super::form::real;
use super::incremental::Update;

/// A decoded PNG: 8-bit gray or RGB samples, and its alpha channel if any.
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// 1 (gray) or 3 (RGB) samples a pixel.
    pub channels: u8,
    pub samples: Vec<u8>,
    pub alpha: Option<Vec<u8>>,
}

/// Decodes a PNG (any bit depth, palette, with or without alpha).
pub fn decode_png(bytes: &[u8]) -> Result<Image, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader.output_buffer_size().ok_or("the image is too large")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let (w, h) = (info.width, info.height);
    if w == 0 || h == 0 {
        return Err("the image is empty".into());
    }
    let n = (w * h) as usize;
    let split = |colour: usize| {
        let mut samples = Vec::with_capacity(n * colour);
        let mut alpha = Vec::with_capacity(n);
        for px in buf.chunks_exact(colour + 1) {
            samples.extend_from_slice(&px[..colour]);
            alpha.push(px[colour]);
        }
        (samples, Some(alpha))
    };
    let (channels, samples, alpha) = match info.color_type {
        png::ColorType::Grayscale => (1, buf, None),
        png::ColorType::Rgb => (3, buf, None),
        png::ColorType::GrayscaleAlpha => {
            let (s, a) = split(1);
            (1, s, a)
        }
        png::ColorType::Rgba => {
            let (s, a) = split(3);
            (3, s, a)
        }
        png::ColorType::Indexed => return Err("palette image not expanded".into()),
    };
    Ok(Image { width: w, height: h, channels, samples, alpha })
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Text set in one embedded font: the glyphs used, their widths, and the
/// subset font program.
struct EmbeddedText {
    /// Per line, the CIDs (the subset's glyph ids) of its characters.
    lines: Vec<Vec<u16>>,
    /// Per line, its width at 1 pt.
    widths: Vec<f64>,
    font: ObjectId,
}

fn embed_font(update: &mut Update, lines: &[String]) -> Result<EmbeddedText, String> {
    let data = crate::measure::BUNDLED[0];
    let face = ttf_parser::Face::parse(data, 0).map_err(|e| format!("font: {e}"))?;
    let upem = face.units_per_em() as f64;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut to_unicode: Vec<(u16, char)> = Vec::new();
    let mut cid_widths: Vec<(u16, f64)> = Vec::new();
    let mut cid_lines = Vec::new();
    let mut line_widths = Vec::new();
    for line in lines {
        let mut cids = Vec::new();
        let mut width = 0.0;
        for c in line.nfc() {
            let gid = face.glyph_index(c).map(|g| g.0).unwrap_or(0);
            let cid = remapper.remap(gid);
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0) as f64 * 1000.0 / upem;
            if !to_unicode.iter().any(|(k, _)| *k == cid) && gid != 0 {
                to_unicode.push((cid, c));
                cid_widths.push((cid, advance));
            }
            width += advance / 1000.0;
            cids.push(cid);
        }
        cid_lines.push(cids);
        line_widths.push(width);
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
    let base = format!("{tag}+LiberationSerif");

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
    d.set("Flags", Object::Integer(4 + 2)); // symbolic (CID), serif
    d.set("FontBBox", Object::Array(vec![scale(bbox.x_min), scale(bbox.y_min), scale(bbox.x_max), scale(bbox.y_max)]));
    d.set("ItalicAngle", Object::Integer(0));
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
    Ok(EmbeddedText { lines: cid_lines, widths: line_widths, font })
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
    let mask = image.alpha.as_ref().map(|alpha| {
        let id = update.alloc();
        update.put_stream(id, image_dict(image, "DeviceGray"), &deflate(alpha));
        id
    });
    let id = update.alloc();
    let mut d = image_dict(image, if image.channels == 1 { "DeviceGray" } else { "DeviceRGB" });
    if let Some(mask) = mask {
        d.set("SMask", Object::Reference(mask));
    }
    update.put_stream(id, d, &deflate(&image.samples));
    id
}

/// Writes the appearance of a signed field of `w` × `h` pt: `lines` of text at
/// the bottom (or centred without an image), the image fitted above them.
/// Returns the form XObject.
pub fn write(update: &mut Update, w: f64, h: f64, lines: &[String], image: Option<&Image>) -> Result<ObjectId, String> {
    let text = embed_font(update, lines)?;
    let pad = (w.min(h) * 0.04).clamp(1.0, 4.0);
    let widest = text.widths.iter().cloned().fold(0.0, f64::max).max(1.0);
    let size = ((w - 2.0 * pad) / widest).clamp(3.0, 8.0);
    let leading = size * 1.2;
    let text_h = leading * lines.len() as f64;

    let mut ops = String::from("q\n");
    let mut resources = Dictionary::new();
    if let Some(image) = image {
        let id = put_image(update, image);
        let mut xo = Dictionary::new();
        xo.set("Im1", Object::Reference(id));
        resources.set("XObject", Object::Dictionary(xo));
        // Fit into the area above the text, keeping the aspect ratio.
        let (aw, ah) = (w - 2.0 * pad, (h - text_h - 2.0 * pad).max(1.0));
        let scale = (aw / image.width as f64).min(ah / image.height as f64);
        let (iw, ih) = (image.width as f64 * scale, image.height as f64 * scale);
        let (ix, iy) = (pad + (aw - iw) / 2.0, text_h + pad + (ah - ih) / 2.0);
        ops.push_str(&format!("q {iw:.3} 0 0 {ih:.3} {ix:.3} {iy:.3} cm /Im1 Do Q\n"));
    }
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(text.font));
    resources.set("Font", Object::Dictionary(fonts));
    // First baseline: from the bottom with an image, else the block centred.
    let block_bottom = if image.is_some() { pad } else { (h - text_h) / 2.0 };
    ops.push_str(&format!("BT\n0 g\n/F1 {size:.2} Tf\n"));
    for (i, cids) in text.lines.iter().enumerate() {
        let baseline = block_bottom + text_h - leading * (i as f64 + 1.0) + leading - size * 0.95;
        let hex: String = cids.iter().map(|c| format!("{c:04X}")).collect();
        ops.push_str(&format!("1 0 0 1 {pad:.3} {baseline:.3} Tm <{hex}> Tj\n"));
    }
    ops.push_str("ET\nQ\n");

    let ap = update.alloc();
    let mut d = super::form::empty_form(w, h);
    d.set("Resources", Object::Dictionary(resources));
    update.put_stream(ap, d, ops.as_bytes());
    Ok(ap)
}
