//! The XML post-pass: turns the parts docx-rs builds into a schema-valid package.
//!
//! docx-rs writes several elements out of ECMA-376 order (`rPr` first in `pPr`,
//! `sz` before `rFonts`, `headerReference` after `pgSz`, `basedOn` last in a
//! style …), a non-schema `w:type` on `gridCol`, paragraph ids from a
//! thread-local counter, and it lacks repeated table headers, `w:lang`, core
//! properties beyond the dates, and a theme part. LibreOffice shrugs; Word offers
//! to "repair" the file. [`finish`] streams each part's quick-xml events from
//! reader to writer in one pass, holding back only what must be reordered (the
//! children of the elements listed in [`SEQUENCES`], put into schema order) or
//! seen ahead, adds what is missing and packs the package with fixed
//! timestamps, so identical input gives identical bytes. (It used to build an
//! element tree per part; streaming writes the same bytes for a fraction of
//! the cost, most of which was allocating and dropping the tree.)
//!
//! Element names are matched with the `w:` prefix docx-rs always writes.

use std::borrow::Cow;
use std::io::{Cursor, Write};
use std::ops::Range;

use docx_rs::XMLDocx;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// What the post-pass adds to docx-rs's parts.
pub(super) struct Package<'a> {
    /// dc:title.
    pub title: &'a str,
    /// dc:creator.
    pub creator: &'a str,
    /// "vi-VN": dc:language and `w:lang` of the document defaults.
    pub language: &'a str,
    /// The document date (year, month, day): dcterms:created / modified and the
    /// zip entries' timestamps. Never the clock.
    pub date: (u32, u32, u32),
    /// The theme's major and minor Latin font.
    pub font_family: &'a str,
    /// The tables of this table style (the grid tables of the body) get
    /// `w:tblHeader` on their heading rows (docx-rs cannot write it):
    /// `header_rows[k]` rows for the k-th such table in document order, and only
    /// those, never a body row.
    pub header_table_style: &'a str,
    pub header_rows: &'a [usize],
}

/// Brings docx-rs's parts into schema order, completes them and packs the DOCX.
pub(super) fn finish(parts: XMLDocx, package: &Package) -> Result<Vec<u8>, String> {
    let (year, month, day) = package.date;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(format!("invalid document date {year}-{month}-{day}"));
    }
    let mut fix = Fixer {
        package,
        next_para_id: 1,
        next_table: 0,
    };

    // (path in the package, content type, bytes); the order is the zip order.
    let mut entries: Vec<(String, &str, Vec<u8>)> = Vec::new();
    for (path, content_type, xml) in [
        ("word/document.xml", CT_DOCUMENT, &parts.document),
        ("word/styles.xml", CT_STYLES, &parts.styles),
        ("word/settings.xml", CT_SETTINGS, &parts.settings),
        ("word/fontTable.xml", CT_FONT_TABLE, &parts.font_table),
    ] {
        entries.push((path.into(), content_type, fix.part(xml, path)?));
    }
    let theme_xml = theme(package.font_family);
    entries.push(("word/theme/theme1.xml".into(), CT_THEME, theme_xml));
    for (i, header) in parts.headers.iter().enumerate() {
        let path = format!("word/header{}.xml", i + 1);
        let xml = fix.part(header, &path)?;
        entries.push((path, CT_HEADER, xml));
    }
    // Footers: a công văn's address block (ô 13) on page 1.
    for (i, footer) in parts.footers.iter().enumerate() {
        let path = format!("word/footer{}.xml", i + 1);
        let xml = fix.part(footer, &path)?;
        entries.push((path, CT_FOOTER, xml));
    }
    entries.push((
        "docProps/core.xml".into(),
        CT_CORE,
        core_properties(package)?,
    ));
    entries.push((
        "docProps/app.xml".into(),
        CT_APP,
        parts.doc_props.app.clone(),
    ));

    // docx-rs relates parts this package leaves out (comments, numbering …):
    // keep the relationships whose target is packed, and add the theme.
    let packed: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.0.strip_prefix("word/"))
        .collect();
    let document_rels = document_relationships(&parts.document_rels, &packed)?;

    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types(&entries)?),
        ("_rels/.rels".into(), PACKAGE_RELS.as_bytes().to_vec()),
        ("word/_rels/document.xml.rels".into(), document_rels),
    ];
    files.extend(entries.into_iter().map(|(path, _, xml)| (path, xml)));
    zip_files(&files, package.date)
}

/// Schema sequences (ECMA-376 Part 1, transitional): the order of the children
/// of each listed element. Children not listed keep their relative order after
/// the listed ones (e.g. the runs of a `w:p`, the rows of a `w:tbl`).
#[rustfmt::skip]
const SEQUENCES: &[(&str, &[&str])] = &[
    ("w:p", &["w:pPr"]),
    ("w:r", &["w:rPr"]),
    ("w:tbl", &["w:tblPr", "w:tblGrid"]),
    ("w:tr", &["w:tblPrEx", "w:trPr"]),
    ("w:tc", &["w:tcPr"]),
    // CT_PPr (CT_PPrBase + rPr, sectPr, pPrChange).
    ("w:pPr", &[
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    ]),
    // CT_RPr, and CT_ParaRPr (the paragraph mark) whose ins/del/move come first.
    ("w:rPr", &[
        "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rStyle", "w:rFonts", "w:b", "w:bCs",
        "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline",
        "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
        "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
        "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
        "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath", "w:rPrChange",
    ]),
    // pBdr, tblBorders, tcBorders, tblCellMar, tcMar share one order.
    ("w:pBdr", BORDER_SIDES),
    ("w:tblBorders", BORDER_SIDES),
    ("w:tcBorders", BORDER_SIDES),
    ("w:tblCellMar", BORDER_SIDES),
    ("w:tcMar", BORDER_SIDES),
    ("w:sectPr", &[
        // headerReference and footerReference are one choice group: same rank.
        "w:headerReference|w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
        "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
        "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
        "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
    ]),
    ("w:tblPr", &[
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    ]),
    ("w:trPr", &[
        "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
        "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
        "w:ins", "w:del", "w:trPrChange",
    ]),
    ("w:tcPr", &[
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
    ]),
    ("w:styles", &["w:docDefaults", "w:latentStyles", "w:style"]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    ("w:style", &[
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
        "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked",
        "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr",
        "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ]),
    ("w:settings", &[
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
        "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
        "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
        "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts",
        "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
        "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
        "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
        "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
        "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
        "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme",
        "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
        "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
        "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
        "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
        "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
        "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
        "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
        "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
        "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl",
        "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
        "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
        "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
        "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving",
        "w:saveThroughXslt", "w:showXMLTags", "w:alwaysMergeEmptyNamespace",
        "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
        "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
        "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
        "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
        "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
        "w:listSeparator",
    ]),
];

#[rustfmt::skip]
const BORDER_SIDES: &[&str] = &[
    "w:top", "w:left|w:start", "w:bottom", "w:right|w:end", "w:insideH", "w:insideV",
    "w:tl2br", "w:tr2bl", "w:between", "w:bar",
];

/// Elements whose `w:pPr` is a CT_PPrGeneral: no paragraph-mark `w:rPr` allowed.
const GENERAL_PPR_PARENTS: &[&str] = &["w:style", "w:pPrDefault", "w:lvl"];

/// The position of `child` (a qualified name) in a schema sequence; an element
/// the sequence does not list ranks last.
fn rank(sequence: &[&str], child: &[u8]) -> usize {
    sequence
        .iter()
        .position(|entry| {
            let entry = entry.as_bytes();
            // Most entries are one name; only a few list a choice ("a|b").
            entry == child
                || (entry.len() > child.len()
                    && entry.contains(&b'|')
                    && entry.split(|&b| b == b'|').any(|n| n == child))
        })
        .unwrap_or(usize::MAX)
}

// ---------------------------------------------------------------------------
// The rewrite: one pass over quick-xml events
// ---------------------------------------------------------------------------
//
// Events are copied from the reader to the output as they come. A start tag is
// written without its ">" until the element's first child arrives, so that an
// element left without children is written "<…/>" (as a tree would). The
// children of an element of [`SEQUENCES`] are written in input order, each a
// chunk of the output with its rank; at the element's end the chunks are put
// in rank order (stable) if they are not already. Everything that needs to see
// ahead (a missing `w:trPr`, `w:lang`, a later style of the same id, spaces in
// a `w:t`) is settled at the end of the element concerned.

struct Fixer<'a> {
    package: &'a Package<'a>,
    /// Paragraph ids (w14:paraId) numbered in package order, for determinism.
    next_para_id: u32,
    /// How many tables of the grid table style have been seen.
    next_table: usize,
}

/// What an open element is to the rewrite (from its name and its parent).
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Plain,
    /// `w:t`, `w:instrText` without `xml:space`: gets `xml:space="preserve"`
    /// if a text child begins or ends with a blank.
    Text { spaced: bool },
    /// The `w:pPr` of a style, `w:pPrDefault` or `w:lvl` (CT_PPrGeneral): its
    /// `w:rPr` children are dropped.
    GeneralParagraphProperties,
    /// `w:rPrDefault`: its first `w:rPr` gets `w:lang`; without one it gets a
    /// `w:rPr` holding `w:lang`.
    RunDefaults { has_properties: bool },
    /// That first `w:rPr`: its own `w:lang` gives way to the package's.
    DefaultRunProperties,
    /// `w:tbl`: `header_rows` of its rows still to mark as repeated headings,
    /// known once its first `w:tblPr` has been read (docx-rs writes it first).
    Table { read_properties: bool, header_rows: usize },
    /// The first `w:tblPr` of a table, read for the table style.
    TableProperties { read_style: bool, header_style: bool },
    /// A heading row of a header table, and whether it has a `w:trPr`.
    HeaderRow { has_properties: bool },
    /// The first `w:trPr` of a heading row, and whether it has a `w:tblHeader`.
    HeaderRowProperties { has_header: bool },
    /// `w:styles`: of the styles sharing an id, only the last is kept.
    Styles,
}

/// An element being rewritten.
struct Open<'x> {
    /// The start tag, attributes fixed (written without a trailing blank).
    start: BytesStart<'x>,
    role: Role,
    /// Where the start tag begins in the output (its chunk, in a sorting parent).
    tag_at: usize,
    /// Just past the ">" of the start tag, once the element has a child.
    content_at: Option<usize>,
    /// The schema order of the children, for the elements of [`SEQUENCES`].
    sequence: Option<&'static [&'static str]>,
    /// Where the chunks of the children begin on [`Rewrite::chunks`].
    chunks_from: usize,
    /// The element's rank among its parent's children.
    rank: usize,
    /// `w:styleId` of a `w:style` child of `w:styles`.
    style_id: Option<Vec<u8>>,
}

/// A child of a sorting element: its bytes in the output.
struct Chunk {
    rank: usize,
    bytes: Range<usize>,
    style_id: Option<Vec<u8>>,
}

/// Whether an element read is written.
enum Keep {
    Yes,
    /// Dropped with all it holds.
    No,
    /// Dropped if it has no child at all (docx-rs's empty `w:rPr`).
    UnlessEmpty,
}

/// The output of one part and the elements open in it.
struct Rewrite<'x> {
    out: Vec<u8>,
    open: Vec<Open<'x>>,
    /// The chunks of the children of the open sorting elements, innermost last.
    chunks: Vec<Chunk>,
    /// Room to reorder chunks in.
    scratch: Vec<u8>,
}

impl Fixer<'_> {
    fn part(&mut self, xml: &[u8], path: &str) -> Result<Vec<u8>, String> {
        self.rewrite(xml).map_err(|e| format!("{path}: {e}"))
    }

    fn rewrite(&mut self, xml: &[u8]) -> Result<Vec<u8>, String> {
        let mut reader = Reader::from_reader(xml);
        let xml_error =
            |reader: &Reader<&[u8]>, e| format!("XML error at byte {}: {e}", reader.buffer_position());
        let mut w = Rewrite {
            out: Vec::with_capacity(xml.len() + 1024),
            open: Vec::new(),
            chunks: Vec::new(),
            scratch: Vec::new(),
        };
        // An event read ahead (after a `w:rPr` start, to see whether it is empty).
        let mut ahead: Option<Event> = None;
        let mut first = true;
        loop {
            let event = match ahead.take() {
                Some(event) => event,
                None => reader.read_event().map_err(|e| xml_error(&reader, e))?,
            };
            if std::mem::take(&mut first) && !matches!(event, Event::Decl(_)) {
                w.other(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))));
            }
            match event {
                Event::Eof => break,
                Event::Start(start) => {
                    match self.keep(&w, &start) {
                        Keep::Yes => {}
                        Keep::No => {
                            reader
                                .read_to_end(start.name())
                                .map_err(|e| xml_error(&reader, e))?;
                            continue;
                        }
                        Keep::UnlessEmpty => {
                            let next = reader.read_event().map_err(|e| xml_error(&reader, e))?;
                            if matches!(next, Event::End(_)) {
                                continue;
                            }
                            ahead = Some(next);
                        }
                    }
                    self.start(&mut w, start);
                }
                Event::Empty(start) => {
                    if let Keep::Yes = self.keep(&w, &start) {
                        self.start(&mut w, start);
                        self.end(&mut w)?;
                    }
                }
                Event::End(_) => self.end(&mut w)?,
                Event::Text(text) => {
                    if let Some(Open { role: Role::Text { spaced }, .. }) = w.open.last_mut() {
                        let t: &[u8] = &text;
                        *spaced |= t.first().is_some_and(u8::is_ascii_whitespace)
                            || t.last().is_some_and(u8::is_ascii_whitespace);
                    }
                    let in_text = w.open.last().is_some_and(|o| o.start.name().as_ref() == b"w:t");
                    if in_text && find(&text, NON_BREAKING_HYPHEN_UTF8).is_some() {
                        w.text_with_non_breaking_hyphens(&text);
                    } else {
                        w.other(Event::Text(text));
                    }
                }
                other => w.other(other),
            }
        }
        if !w.open.is_empty() {
            return Err("unclosed XML element".into());
        }
        Ok(w.out)
    }

    /// Whether the element starting here is written at all.
    fn keep(&self, w: &Rewrite, start: &BytesStart) -> Keep {
        let Some(parent) = w.open.last() else {
            return Keep::Yes;
        };
        match (start.name().as_ref(), parent.role) {
            // A style's or a default's `w:pPr` may hold no `w:rPr` at all.
            (b"w:rPr", Role::GeneralParagraphProperties) => Keep::No,
            // docx-rs writes an empty `w:rPr` everywhere.
            (b"w:rPr", _) => Keep::UnlessEmpty,
            (b"w:lang", Role::DefaultRunProperties) => Keep::No,
            _ => Keep::Yes,
        }
    }

    /// Opens an element: fixes its start tag and writes it, without its ">".
    fn start<'x>(&mut self, w: &mut Rewrite<'x>, mut start: BytesStart<'x>) {
        let role = self.role(w, &start);
        let name = start.name();
        let name = name.as_ref();
        // Rebuilt only when an attribute changes (a few elements in each part).
        let is_grid_column = name == b"w:gridCol";
        if is_grid_column || attribute(&start, b"w14:paraId").is_some() {
            let next_para_id = &mut self.next_para_id;
            start = edit_attributes(&start, |key, value| match key {
                // A schema-less docx-rs extra.
                b"w:type" if is_grid_column => None,
                b"w14:paraId" => {
                    let id = format!("{:08X}", *next_para_id);
                    *next_para_id += 1;
                    Some(id.into_bytes())
                }
                _ => Some(value.to_vec()),
            });
        } else if start.last().is_some_and(u8::is_ascii_whitespace)
            && std::str::from_utf8(&start).is_err()
        {
            // Not UTF-8 (never from docx-rs): rebuilt from its attributes, as before.
            start = edit_attributes(&start, |_, value| Some(value.to_vec()));
        }
        let name = start.name();
        let name = name.as_ref();
        let sequence = SEQUENCES
            .iter()
            .find(|(element, _)| element.as_bytes() == name)
            .map(|(_, sequence)| *sequence);
        let (rank, style_id) = match w.open.last() {
            Some(parent) => (
                parent.sequence.map_or(usize::MAX, |s| rank(s, name)),
                match (parent.role, name) {
                    (Role::Styles, b"w:style") => {
                        attribute(&start, b"w:styleId").map(|id| id.into_owned())
                    }
                    _ => None,
                },
            ),
            None => (usize::MAX, None),
        };
        w.open_content();
        let tag_at = w.out.len();
        w.out.push(b'<');
        // Without the blank docx-rs writes before "/>".
        w.out.extend_from_slice(start.trim_ascii_end());
        w.open.push(Open {
            start,
            role,
            tag_at,
            content_at: None,
            sequence,
            chunks_from: w.chunks.len(),
            rank,
            style_id,
        });
    }

    /// The role of the element starting here; notes it in its parent's role.
    fn role(&mut self, w: &mut Rewrite, start: &BytesStart) -> Role {
        let name = start.name();
        let name = name.as_ref();
        // A root element has no parent: "" and a plain role stand in.
        let mut no_parent = Role::Plain;
        let (parent_name, parent_role) = match w.open.last_mut() {
            Some(parent) => (parent.start.name(), &mut parent.role),
            None => (QName(b""), &mut no_parent),
        };
        let parent_name = parent_name.as_ref();
        match (name, parent_role) {
            (b"w:t" | b"w:instrText", _) if attribute(start, b"xml:space").is_none() => {
                Role::Text { spaced: false }
            }
            (b"w:pPr", _)
                if GENERAL_PPR_PARENTS
                    .iter()
                    .any(|p| p.as_bytes() == parent_name) =>
            {
                Role::GeneralParagraphProperties
            }
            (b"w:rPrDefault", _) => Role::RunDefaults {
                has_properties: false,
            },
            (b"w:rPr", Role::RunDefaults { has_properties }) if !*has_properties => {
                *has_properties = true;
                Role::DefaultRunProperties
            }
            (b"w:tbl", _) => Role::Table {
                read_properties: false,
                header_rows: 0,
            },
            (b"w:tblPr", Role::Table { read_properties, .. }) if !*read_properties => {
                *read_properties = true;
                Role::TableProperties {
                    read_style: false,
                    header_style: false,
                }
            }
            (
                b"w:tblStyle",
                Role::TableProperties {
                    read_style,
                    header_style,
                },
            ) if !*read_style => {
                *read_style = true;
                *header_style = attribute(start, b"w:val").as_deref()
                    == Some(self.package.header_table_style.as_bytes());
                Role::Plain
            }
            (b"w:tr", Role::Table { header_rows, .. }) if *header_rows > 0 => {
                *header_rows -= 1;
                Role::HeaderRow {
                    has_properties: false,
                }
            }
            (b"w:trPr", Role::HeaderRow { has_properties }) if !*has_properties => {
                *has_properties = true;
                Role::HeaderRowProperties { has_header: false }
            }
            (b"w:tblHeader", Role::HeaderRowProperties { has_header }) => {
                *has_header = true;
                Role::Plain
            }
            (b"w:styles", _) => Role::Styles,
            _ => Role::Plain,
        }
    }

    /// Closes the innermost element: adds what it lacks, puts its children in
    /// schema order and writes its end.
    fn end(&mut self, w: &mut Rewrite) -> Result<(), String> {
        let mut element = w.open.pop().ok_or("unbalanced XML end tag")?;
        let mut reorder = false;
        match element.role {
            Role::RunDefaults {
                has_properties: false,
            } => {
                let lang = self.language();
                let mut rpr = b"<w:rPr>".to_vec();
                rpr.extend_from_slice(&lang);
                rpr.extend_from_slice(b"</w:rPr>");
                w.add_child(&mut element, b"w:rPr", &rpr);
            }
            // `<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>` in the
            // run defaults, for spelling and hyphenation.
            Role::DefaultRunProperties => w.add_child(&mut element, b"w:lang", &self.language()),
            Role::TableProperties { header_style, .. } => {
                if let Some(Open {
                    role: Role::Table { header_rows, .. },
                    ..
                }) = w.open.last_mut()
                {
                    if header_style {
                        *header_rows =
                            self.package.header_rows.get(self.next_table).copied().unwrap_or(0);
                        self.next_table += 1;
                    }
                }
            }
            // Repeats the first rows of the tables of the header table style on every page.
            Role::HeaderRow {
                has_properties: false,
            } => w.add_child(&mut element, b"w:trPr", b"<w:trPr><w:tblHeader/></w:trPr>"),
            Role::HeaderRowProperties { has_header: false } => {
                w.add_child(&mut element, b"w:tblHeader", b"<w:tblHeader/>")
            }
            // docx-rs always writes an empty "Normal" style before the
            // document's own: of styles sharing an id, keep the last one.
            Role::Styles => {
                let styles = &mut w.chunks[element.chunks_from..];
                for i in 0..styles.len() {
                    let id = &styles[i].style_id;
                    if id.is_some() && styles[i + 1..].iter().any(|later| later.style_id == *id) {
                        styles[i].bytes.end = styles[i].bytes.start;
                        reorder = true;
                    }
                }
            }
            // `xml:space="preserve"` on a text element whose text begins or
            // ends with a space (" PAGE "): without it a consumer may drop the spaces.
            Role::Text { spaced: true } => {
                let at = element.content_at.map_or(w.out.len(), |c| c - 1);
                let attribute = br#" xml:space="preserve""#;
                w.out.splice(at..at, attribute.iter().copied());
                element.content_at = element.content_at.map(|c| c + attribute.len());
            }
            _ => {}
        }
        if let (Some(content_at), Some(_)) = (element.content_at, element.sequence) {
            let children = &mut w.chunks[element.chunks_from..];
            // Most children are in order already (a table's rows, a row's
            // cells), and then nothing moves.
            if reorder || children.windows(2).any(|c| c[0].rank > c[1].rank) {
                // Stable: children of equal rank (runs, rows …) keep their order.
                children.sort_by_key(|c| c.rank);
                w.scratch.clear();
                w.scratch.extend_from_slice(&w.out[content_at..]);
                w.out.truncate(content_at);
                for child in children.iter() {
                    let bytes = child.bytes.start - content_at..child.bytes.end - content_at;
                    w.out.extend_from_slice(&w.scratch[bytes]);
                }
            }
        }
        w.chunks.truncate(element.chunks_from);
        if element.content_at.is_some() {
            w.out.extend_from_slice(b"</");
            w.out.extend_from_slice(element.start.name().as_ref());
            w.out.push(b'>');
        } else {
            w.out.extend_from_slice(b"/>");
        }
        if let Some(Open {
            sequence: Some(_), ..
        }) = w.open.last()
        {
            w.chunks.push(Chunk {
                rank: element.rank,
                bytes: element.tag_at..w.out.len(),
                style_id: element.style_id,
            });
        }
        Ok(())
    }

    fn language(&self) -> Vec<u8> {
        let lang = self.package.language;
        let mut start = BytesStart::new("w:lang");
        for attribute in [("w:val", lang), ("w:eastAsia", lang), ("w:bidi", "ar-SA")] {
            start.push_attribute(attribute);
        }
        let mut bytes = b"<".to_vec();
        bytes.extend_from_slice(&start);
        bytes.extend_from_slice(b"/>");
        bytes
    }
}

impl Rewrite<'_> {
    /// Closes the start tag of the innermost element with ">", before its first child.
    fn open_content(&mut self) {
        if let Some(parent) = self.open.last_mut() {
            if parent.content_at.is_none() {
                self.out.push(b'>');
                parent.content_at = Some(self.out.len());
            }
        }
    }

    /// The text of a `w:t` whose non-breaking hyphens (the runs' stand-in
    /// character) become Word's `<w:noBreakHyphen/>` between two `w:t`s. The
    /// text is written as read (escaped); the `w:t` has no sequence to sort.
    fn text_with_non_breaking_hyphens(&mut self, text: &[u8]) {
        self.open_content();
        let mut rest = text;
        while let Some(at) = find(rest, NON_BREAKING_HYPHEN_UTF8) {
            self.out.extend_from_slice(&rest[..at]);
            self.out.extend_from_slice(br#"</w:t><w:noBreakHyphen/><w:t xml:space="preserve">"#);
            rest = &rest[at + NON_BREAKING_HYPHEN_UTF8.len()..];
        }
        self.out.extend_from_slice(rest);
    }

    /// Text, entity references, comments, the declaration …: written as read.
    fn other(&mut self, event: Event) {
        self.open_content();
        let at = self.out.len();
        // Writing to a Vec cannot fail.
        let _ = Writer::new(&mut self.out).write_event(event);
        if let Some(Open {
            sequence: Some(_), ..
        }) = self.open.last()
        {
            self.chunks.push(Chunk {
                rank: usize::MAX,
                bytes: at..self.out.len(),
                style_id: None,
            });
        }
    }

    /// Appends a child the rewrite makes (`xml`, named `name`) to `element`,
    /// already taken off the stack of open elements.
    fn add_child(&mut self, element: &mut Open, name: &[u8], xml: &[u8]) {
        if element.content_at.is_none() {
            self.out.push(b'>');
            element.content_at = Some(self.out.len());
        }
        let at = self.out.len();
        self.out.extend_from_slice(xml);
        if let Some(sequence) = element.sequence {
            self.chunks.push(Chunk {
                rank: rank(sequence, name),
                bytes: at..self.out.len(),
                style_id: None,
            });
        }
    }
}

/// The runs' non-breaking hyphen ([`super::runs::NON_BREAKING_HYPHEN`]) in UTF-8.
const NON_BREAKING_HYPHEN_UTF8: &[u8] = "\u{2011}".as_bytes();

/// Where `needle` first occurs in `bytes`.
fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

/// The raw value of an attribute of a start tag. (Without quick-xml's check
/// for duplicate attributes, which allocates: this is asked of every element.)
fn attribute<'s>(start: &'s BytesStart, name: &[u8]) -> Option<Cow<'s, [u8]>> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value)
}

/// The start tag with its attributes rewritten: `edit` gets each (name, raw
/// value) and returns the raw value to keep, or None to drop the attribute.
fn edit_attributes(
    start: &BytesStart,
    mut edit: impl FnMut(&[u8], &[u8]) -> Option<Vec<u8>>,
) -> BytesStart<'static> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut edited = BytesStart::new(name);
    for attribute in start.attributes().flatten() {
        if let Some(value) = edit(attribute.key.as_ref(), &attribute.value) {
            edited.push_attribute((attribute.key.as_ref(), value.as_slice()));
        }
    }
    edited
}

// ---------------------------------------------------------------------------
// A small element tree for the package's own parts
// ---------------------------------------------------------------------------

enum Node {
    Element(Element),
    /// Text, entity references, comments, the declaration …: written back as read.
    Other(Event<'static>),
}

struct Element {
    start: BytesStart<'static>,
    children: Vec<Node>,
}

impl Element {
    fn new(name: &str, attributes: &[(&str, &str)]) -> Self {
        let mut start = BytesStart::new(name.to_owned());
        for attribute in attributes {
            start.push_attribute(*attribute);
        }
        Element {
            start,
            children: Vec::new(),
        }
    }

    fn is(&self, name: &str) -> bool {
        self.start.name().as_ref() == name.as_bytes()
    }
}

fn parse(xml: &[u8]) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?
            .into_owned();
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                stack.push(Element {
                    start,
                    children: Vec::new(),
                });
                continue;
            }
            Event::End(_) => match stack.pop() {
                Some(element) => Node::Element(element),
                None => return Err("unbalanced XML end tag".into()),
            },
            Event::Empty(start) => Node::Element(Element {
                start,
                children: Vec::new(),
            }),
            other => Node::Other(other),
        };
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }
    if !stack.is_empty() {
        return Err("unclosed XML element".into());
    }
    Ok(top)
}

fn serialize(nodes: &[Node]) -> Result<Vec<u8>, String> {
    fn write_node(writer: &mut Writer<Vec<u8>>, node: &Node) -> std::io::Result<()> {
        match node {
            Node::Other(event) => writer.write_event(event.borrow()),
            Node::Element(element) if element.children.is_empty() => {
                writer.write_event(Event::Empty(element.start.borrow()))
            }
            Node::Element(element) => {
                writer.write_event(Event::Start(element.start.borrow()))?;
                for child in &element.children {
                    write_node(writer, child)?;
                }
                writer.write_event(Event::End(element.start.to_end()))
            }
        }
    }
    let mut writer = Writer::new(Vec::new());
    if !matches!(nodes.first(), Some(Node::Other(Event::Decl(_)))) {
        writer
            .write_event(Event::Decl(BytesDecl::new(
                "1.0",
                Some("UTF-8"),
                Some("yes"),
            )))
            .map_err(|e| e.to_string())?;
    }
    for node in nodes {
        write_node(&mut writer, node).map_err(|e| e.to_string())?;
    }
    Ok(writer.into_inner())
}

// ---------------------------------------------------------------------------
// Package parts docx-rs does not write (or writes without what we need)
// ---------------------------------------------------------------------------

const CT_DOCUMENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const CT_STYLES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
const CT_SETTINGS: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
const CT_FONT_TABLE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
const CT_HEADER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const CT_FOOTER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
const CT_THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
const CT_CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
const CT_APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
const REL_THEME: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";

const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    r#"</Relationships>"#,
);

fn content_types(entries: &[(String, &str, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut types = Element::new(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    for (extension, content_type) in [
        (
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        ),
        ("xml", "application/xml"),
    ] {
        types.children.push(Node::Element(Element::new(
            "Default",
            &[("Extension", extension), ("ContentType", content_type)],
        )));
    }
    for (path, content_type, _) in entries {
        let part_name = format!("/{path}");
        types.children.push(Node::Element(Element::new(
            "Override",
            &[("PartName", &part_name), ("ContentType", content_type)],
        )));
    }
    serialize(&[Node::Element(types)])
}

/// docx-rs's document relationships, keeping those whose target is packed, plus the theme.
fn document_relationships(xml: &[u8], packed: &[&str]) -> Result<Vec<u8>, String> {
    let mut nodes = parse(xml).map_err(|e| format!("word/_rels/document.xml.rels: {e}"))?;
    let root = nodes
        .iter_mut()
        .find_map(|n| match n {
            Node::Element(e) if e.is("Relationships") => Some(e),
            _ => None,
        })
        .ok_or("word/_rels/document.xml.rels has no Relationships element")?;
    root.children.retain(|n| match n {
        Node::Element(r) => attribute(&r.start, b"Target")
            .is_some_and(|t| packed.iter().any(|p| p.as_bytes() == &*t)),
        Node::Other(_) => false,
    });
    root.children.push(Node::Element(Element::new(
        "Relationship",
        &[
            ("Id", "rIdTheme1"),
            ("Type", REL_THEME),
            ("Target", "theme/theme1.xml"),
        ],
    )));
    serialize(&nodes)
}

fn core_properties(package: &Package) -> Result<Vec<u8>, String> {
    let (year, month, day) = package.date;
    let date = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
    let mut root = Element::new(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    let mut text = |name: &str, attributes: &[(&str, &str)], value: &str| {
        let mut element = Element::new(name, attributes);
        element
            .children
            .push(Node::Other(Event::Text(BytesText::new(value).into_owned())));
        root.children.push(Node::Element(element));
    };
    let w3cdtf = [("xsi:type", "dcterms:W3CDTF")];
    text("dc:title", &[], package.title);
    text("dc:creator", &[], package.creator);
    text("dc:language", &[], package.language);
    text("cp:lastModifiedBy", &[], package.creator);
    text("cp:revision", &[], "1");
    text("dcterms:created", &w3cdtf, &date);
    text("dcterms:modified", &w3cdtf, &date);
    serialize(&[Node::Element(root)])
}

/// A minimal Office theme (Word wants one) whose fonts are the document's.
fn theme(font_family: &str) -> Vec<u8> {
    let font = quick_xml::escape::escape(font_family);
    let colour = |name: &str, rgb: &str| format!("<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>");
    let colours: String = [
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ]
    .iter()
    .map(|(name, rgb)| colour(name, rgb))
    .collect();
    let fonts = format!(r#"<a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface=""/>"#);
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = format!(r#"<a:ln w="6350">{fill}</a:ln>"#);
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">"#,
            r#"<a:themeElements><a:clrScheme name="Office">"#,
            r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#,
            r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>{colours}</a:clrScheme>"#,
            r#"<a:fontScheme name="Office"><a:majorFont>{fonts}</a:majorFont>"#,
            r#"<a:minorFont>{fonts}</a:minorFont></a:fontScheme>"#,
            r#"<a:fmtScheme name="Office">"#,
            r#"<a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>"#,
            r#"<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>"#,
            r#"<a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>"#,
            r#"<a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst>"#,
            r#"</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
        ),
        colours = colours,
        fonts = fonts,
        fill = fill,
        line = line,
        effect = effect,
    )
    .into_bytes()
}

/// Whether a part is deflated or stored: parts under 2 KB are stored, since
/// setting up a deflate state for a part costs about 0.5 M instructions, more
/// than the kilobyte or so it would save is worth (seed report: 2 KB stores
/// 10 of 12 parts, zip 15.8 M -> 9.4 M instructions, the DOCX 24 KB -> 31 KB;
/// 1 KB stores 6, 12.1 M, 27 KB).
fn compression(part: &[u8]) -> CompressionMethod {
    if part.len() < 2048 {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    }
}

/// Zips the files in the given order, every entry dated with the document date
/// (or 1980-01-01, the zip epoch, for a date zip cannot hold).
fn zip_files(
    files: &[(String, Vec<u8>)],
    (year, month, day): (u32, u32, u32),
) -> Result<Vec<u8>, String> {
    let date = match (u16::try_from(year), u8::try_from(month), u8::try_from(day)) {
        (Ok(y), Ok(m), Ok(d)) => DateTime::from_date_and_time(y, m, d, 0, 0, 0).unwrap_or_default(),
        _ => DateTime::default(),
    };
    let options = SimpleFileOptions::default()
        .last_modified_time(date)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in files {
        zip.start_file(path.as_str(), options.compression_method(compression(bytes)))
            .map_err(|e| format!("zip {path}: {e}"))?;
        zip.write_all(bytes)
            .map_err(|e| format!("zip {path}: {e}"))?;
    }
    let cursor = zip.finish().map_err(|e| format!("zip: {e}"))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKAGE: Package = Package {
        title: "BÁO CÁO",
        creator: "UBND",
        language: "vi-VN",
        date: (2023, 6, 1),
        font_family: "Times New Roman",
        header_table_style: "GridTable",
        header_rows: &[2, 1],
    };

    /// Runs the element rewrite over a snippet and returns it without the declaration.
    fn fix(xml: &str) -> String {
        let mut fixer = Fixer {
            package: &PACKAGE,
            next_para_id: 1,
            next_table: 0,
        };
        let out = fixer.part(xml.as_bytes(), "test").expect("rewrite");
        let out = String::from_utf8(out).expect("utf-8");
        out.split_once("?>")
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or(out)
    }

    #[test]
    fn paragraph_properties_follow_the_schema_sequence() {
        let xml = r#"<w:pPr><w:rPr><w:b/></w:rPr><w:pStyle w:val="Normal"/><w:jc w:val="center"/><w:ind w:left="0"/><w:pBdr><w:bottom w:val="single"/></w:pBdr><w:keepNext/></w:pPr>"#;
        assert_eq!(
            fix(xml),
            r#"<w:pPr><w:pStyle w:val="Normal"/><w:keepNext/><w:pBdr><w:bottom w:val="single"/></w:pBdr><w:ind w:left="0"/><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr>"#
        );
    }

    #[test]
    fn run_properties_put_fonts_before_bold_and_size() {
        let xml = r#"<w:r><w:t>x</w:t><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/><w:b/><w:i/><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:r>"#;
        assert_eq!(
            fix(xml),
            r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:i/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>x</w:t></w:r>"#
        );
    }

    #[test]
    fn section_properties_put_references_first_and_title_page_after_columns() {
        let xml = r#"<w:sectPr><w:pgSz w:w="11906"/><w:pgMar w:top="1134"/><w:cols w:num="1"/><w:headerReference w:type="default" r:id="a"/><w:headerReference w:type="first" r:id="b"/><w:titlePg/></w:sectPr>"#;
        assert_eq!(
            fix(xml),
            r#"<w:sectPr><w:headerReference w:type="default" r:id="a"/><w:headerReference w:type="first" r:id="b"/><w:pgSz w:w="11906"/><w:pgMar w:top="1134"/><w:cols w:num="1"/><w:titlePg/></w:sectPr>"#
        );
    }

    #[test]
    fn borders_and_cell_properties_are_ordered() {
        let xml = r#"<w:tcPr><w:vAlign w:val="center"/><w:tcBorders><w:bottom/><w:right/><w:top/><w:left/></w:tcBorders><w:vMerge w:val="restart"/><w:gridSpan w:val="2"/><w:tcW w:w="10"/></w:tcPr>"#;
        assert_eq!(
            fix(xml),
            r#"<w:tcPr><w:tcW w:w="10"/><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/><w:tcBorders><w:top/><w:left/><w:bottom/><w:right/></w:tcBorders><w:vAlign w:val="center"/></w:tcPr>"#
        );
    }

    #[test]
    fn styles_drop_the_paragraph_mark_and_order_based_on() {
        let xml = r#"<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1"/><w:rPr><w:b/></w:rPr><w:pPr><w:rPr/><w:outlineLvl w:val="0"/><w:keepNext/></w:pPr><w:qFormat/><w:basedOn w:val="Normal"/></w:style>"#;
        assert_eq!(
            fix(xml),
            r#"<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"#
        );
    }

    #[test]
    fn a_later_style_replaces_an_earlier_one_with_the_same_id() {
        let xml = r#"<w:styles><w:docDefaults/><w:style w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>"#;
        assert_eq!(
            fix(xml),
            r#"<w:styles><w:docDefaults/><w:style w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>"#
        );
    }

    #[test]
    fn grid_columns_lose_their_type_and_run_defaults_get_a_language() {
        let xml = r#"<w:root><w:tblGrid><w:gridCol w:w="100" w:type="dxa"/></w:tblGrid><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:root>"#;
        assert_eq!(
            fix(xml),
            r#"<w:root><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:rPrDefault><w:rPr><w:sz w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:root>"#
        );
    }

    #[test]
    fn header_rows_of_the_styled_tables_repeat_each_its_own_count() {
        let row = "<w:tr><w:tc/></w:tr>";
        let tbl = |rows: usize| {
            format!(
                r#"<w:tbl><w:tblPr><w:tblStyle w:val="GridTable"/></w:tblPr>{}</w:tbl>"#,
                row.repeat(rows)
            )
        };
        let head = r#"<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr>"#;
        // The first table repeats two rows, the second only its one heading row.
        let xml = format!("<w:body>{}{}</w:body>", tbl(3), tbl(3));
        let out = fix(&xml);
        let tables: Vec<&str> = out.split("</w:tbl>").collect();
        assert_eq!(tables[0].matches(head).count(), 2, "{out}");
        assert_eq!(tables[1].matches(head).count(), 1, "{out}");
        assert_eq!(tables[1].matches(row).count(), 2, "{out}");
        // Other tables are left alone.
        let plain = r#"<w:tbl><w:tblPr/><w:tr><w:tc/></w:tr></w:tbl>"#;
        assert_eq!(fix(plain), plain);
    }

    #[test]
    fn paragraph_ids_are_renumbered_in_order() {
        let xml = r#"<w:body><w:p w14:paraId="0000002A"/><w:p w14:paraId="0000002A"/></w:body>"#;
        assert_eq!(
            fix(xml),
            r#"<w:body><w:p w14:paraId="00000001"/><w:p w14:paraId="00000002"/></w:body>"#
        );
    }

    #[test]
    fn field_instructions_keep_their_spaces() {
        assert_eq!(
            fix(r#"<w:instrText> PAGE </w:instrText>"#),
            r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#
        );
        assert_eq!(
            fix(r#"<w:instrText>PAGE</w:instrText>"#),
            r#"<w:instrText>PAGE</w:instrText>"#
        );
    }

    /// docx-rs writes a blank before "/>"; every start tag is written back
    /// without it, whether its attributes were rewritten or not.
    #[test]
    fn start_tags_lose_the_blank_before_the_end_and_keep_their_attributes() {
        assert_eq!(
            fix(
                r#"<w:p w14:paraId="0000002A" ><w:pPr><w:jc w:val="left" /><w:keepNext /></w:pPr></w:p>"#
            ),
            r#"<w:p w14:paraId="00000001"><w:pPr><w:keepNext/><w:jc w:val="left"/></w:pPr></w:p>"#
        );
    }

    #[test]
    fn text_and_entities_survive() {
        let xml = r#"<w:t xml:space="preserve">A &amp; B &lt; Độc lập</w:t>"#;
        assert_eq!(fix(xml), xml);
    }

    #[test]
    fn non_breaking_hyphens_become_word_s_element() {
        let xml = "<w:r><w:t xml:space=\"preserve\">KT\u{2011}XH &amp; 06/QĐ\u{2011}TTg</w:t></w:r>";
        assert_eq!(
            fix(xml),
            r#"<w:r><w:t xml:space="preserve">KT</w:t><w:noBreakHyphen/><w:t xml:space="preserve">XH &amp; 06/QĐ</w:t><w:noBreakHyphen/><w:t xml:space="preserve">TTg</w:t></w:r>"#
        );
        // Elsewhere (a field instruction) the character is left as it is.
        let field = "<w:instrText xml:space=\"preserve\">A\u{2011}B</w:instrText>";
        assert_eq!(fix(field), field);
    }

    #[test]
    fn relationships_keep_packed_targets_and_add_the_theme() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId1" Type="s" Target="styles.xml"/><Relationship Id="rId5" Type="c" Target="commentsExtended.xml"/></Relationships>"#;
        let out = String::from_utf8(document_relationships(rels, &["styles.xml"]).expect("rels"))
            .expect("utf-8");
        assert!(out.contains(r#"Target="styles.xml""#));
        assert!(!out.contains("commentsExtended"));
        assert!(out.contains(r#"Target="theme/theme1.xml""#));
    }

    #[test]
    fn core_properties_carry_title_creator_language_and_the_document_date() {
        let out = String::from_utf8(core_properties(&PACKAGE).expect("core")).expect("utf-8");
        assert!(out.contains("<dc:title>BÁO CÁO</dc:title>"));
        assert!(out.contains("<dc:language>vi-VN</dc:language>"));
        assert!(out.contains(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">2023-06-01T00:00:00Z</dcterms:created>"#
        ));
    }
}
