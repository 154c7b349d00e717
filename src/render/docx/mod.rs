//! DOCX through docx-rs.
//!
//! Draws a display-ready [`Document`] as a Word-native DOCX that looks like the
//! PDF: the same measures (`layouts/profile.yaml`, converted to twips and
//! half-points), the same spacing as `layouts/vanban.typ`, formatting carried by
//! named styles (Normal, heading 1–4, one style per header-block element …) rather
//! than repeated on every run. docx-rs writes the parts; [`postpass`] brings them
//! into ECMA-376 order, adds what docx-rs lacks and packs them deterministically.
//!
//! One file a concern: this one builds the document in order ([`render`]);
//! `styles` (style ids, the named styles, the tables' style), `header` (the
//! first-page header table, the title block, Kính gửi), `flow` (the body as
//! drawn: text blocks, section breaks, the attached text), `table` (the grid
//! table), `signature` (Nơi nhận and the signature blocks), `runs` (runs,
//! paragraphs and borderless layout tables), `lines` (resolve's header and
//! title lines as runs and paragraphs), `units` (twips, half-points, Word's
//! line model, vertical spacing), `postpass` (the XML post-pass).

mod flow;
mod header;
mod lines;
mod postpass;
mod runs;
mod signature;
mod styles;
mod table;
mod units;

use docx_rs::{BorderType, Docx, Header, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts};

use crate::layout::Profile;
use crate::resolve::{Block, Document};
use flow::{closing_mark, flow, page_number, Flow, PageHeaders};
use header::Piece;
use runs::spaced;
use styles::{border_size, style, styles};
use units::{half_points, mm, unsigned};

/// The DOCX behind [`crate::render::Renderer`]: `<stem>.docx`.
pub struct DocxRenderer<'a> {
    /// The font family the document names (Word substitutes a font it lacks).
    pub font_family: &'a str,
}

impl crate::render::Renderer for DocxRenderer<'_> {
    fn name(&self) -> &str {
        "docx"
    }

    fn render(&self, doc: &Document, stem: &str) -> Result<crate::render::Rendered, crate::render::RenderError> {
        crate::trace::mark("DOCX begins");
        let bytes = render(doc, self.font_family).map_err(crate::render::RenderError::new)?;
        crate::trace::mark("DOCX ends");
        Ok(crate::render::Rendered { files: vec![(format!("{stem}.docx"), bytes)], warnings: Vec::new() })
    }
}

/// Builds the DOCX of a display-ready document. Deterministic: identical input →
/// identical bytes.
pub fn render(doc: &Document, font_family: &str) -> Result<Vec<u8>, String> {
    check_profile(&doc.profile)?;
    let docx = Builder::new(doc, font_family).build()?;
    // The heading rows of each table, in document order (the order of the
    // tables in the body: the flow moves titles, never tables).
    let header_rows: Vec<usize> = doc
        .body
        .iter()
        .chain(doc.appendices.iter().flat_map(|a| &a.body))
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.head.len()),
            _ => None,
        })
        .collect();
    let package = postpass::Package {
        title: &doc.meta.title,
        creator: &doc.meta.author,
        language: &doc.meta.language,
        date: (doc.meta.year, doc.meta.month, doc.meta.day),
        font_family,
        header_table_style: style::GRID_TABLE,
        header_rows: &header_rows,
    };
    postpass::finish(docx.build(), &package)
}

/// A section after the signature.
/// Ends the section of what is added so far with `section`, as Word does: on
/// the last paragraph's mark when the section ends with one. An empty
/// paragraph after it would need that paragraph's space after and a line of
/// its own, and at a page's foot LibreOffice and Word would give it a page
/// of its own, blank but for its number, which the PDF does not have. After a
/// table, on an empty paragraph that takes no room.
fn end_section(mut docx: Docx, section: docx_rs::SectionProperty) -> Docx {
    if let Some(docx_rs::DocumentChild::Paragraph(last)) = docx.document.children.last_mut() {
        if last.property.section_property.is_none() {
            last.property.section_property = Some(section);
            return docx;
        }
    }
    docx.add_paragraph(Builder::takes_no_room(Paragraph::new().style(style::SPACER)).section_property(section))
}

/// The document must end with a paragraph: after a table (the signature, a
/// phụ lục's last table), one that takes no room.
fn end_document(docx: Docx) -> Docx {
    match docx.document.children.last() {
        Some(docx_rs::DocumentChild::Paragraph(_)) => docx,
        _ => docx.add_paragraph(Builder::document_end()),
    }
}

enum Trailing<'d> {
    Attachment(&'d crate::resolve::Attachment),
    Appendix(&'d crate::resolve::Appendix),
}

/// Rejects a profile whose numbers cannot make a page (the profile file is part
/// of the build, so this guards against editing mistakes, reported clearly).
fn check_profile(p: &Profile) -> Result<(), String> {
    let lengths = [
        ("page.width", p.page.width),
        ("page.height", p.page.height),
        ("margin.top", p.margin.top),
        ("margin.bottom", p.margin.bottom),
        ("margin.left", p.margin.left),
        ("margin.right", p.margin.right),
        ("size_body", p.size_body),
        ("size_table", p.size_table),
        ("size_page_number", p.size_page_number),
        ("line_spacing", p.line_spacing),
    ];
    for (name, value) in lengths {
        if !value.is_finite() || value <= 0.0 {
            return Err(format!(
                "layout profile {}: {name} must be positive, is {value}",
                p.name
            ));
        }
    }
    let all_widths = p
        .header_columns
        .iter()
        .chain(&p.signature_columns)
        .chain(&p.table_columns);
    if all_widths
        .chain(&p.table_columns_landscape)
        .any(|w| !w.is_finite() || *w <= 0.0)
    {
        return Err(format!(
            "layout profile {}: column widths must be positive",
            p.name
        ));
    }
    if p.text_width() <= 0.0 {
        return Err(format!(
            "layout profile {}: the margins leave no text width",
            p.name
        ));
    }
    Ok(())
}

struct Builder<'a> {
    doc: &'a Document,
    font_family: &'a str,
    p: &'a Profile,
    /// Text width in twips (portrait).
    text_width: i32,
}

impl<'a> Builder<'a> {
    fn new(doc: &'a Document, font_family: &'a str) -> Self {
        let p = &doc.profile;
        Builder {
            doc,
            font_family,
            p,
            text_width: mm(p.text_width()),
        }
    }
    fn build(&self) -> Result<Docx, String> {
        let p = self.p;
        let font = self.font_family;
        let mut docx = Docx::new()
            .default_fonts(
                RunFonts::new()
                    .ascii(font)
                    .hi_ansi(font)
                    .cs(font)
                    .east_asia(font),
            )
            .default_size(half_points(p.size_body))
            .page_size(
                unsigned(mm(p.page.width)) as u32,
                unsigned(mm(p.page.height)) as u32,
            )
            .page_margin(self.page_margin())
            // Page number centred in the top margin from page 2; page 1 has a blank
            // first-page header (titlePg).
            .header(Header::new().add_paragraph(page_number()))
            .first_header(Header::new().add_paragraph(Paragraph::new().style(style::PAGE_HEADER)));
        // A công văn's address block (ô 13): page 1's footer, under a rule.
        if !self.doc.header.address.is_empty() {
            let top = ParagraphBorder::new(ParagraphBorderPosition::Top)
                .val(BorderType::Single)
                .size(border_size(p))
                // The gap between the rule and the text, in points (typst: rule_gap).
                .space(p.rule_gap.round() as usize)
                .color("000000");
            let address = Paragraph::new()
                .style(style::ADDRESS)
                .set_borders(ParagraphBorders::with_empty().set(top))
                .add_run(Run::new().add_text(self.doc.header.address.as_str()));
            docx = docx.first_footer(docx_rs::Footer::new().add_paragraph(address));
        }
        for s in styles(p, font) {
            docx = docx.add_style(s);
        }
        let page_headers = PageHeaders {
            first_footer: docx.document.section_property.first_footer_reference.clone(),
            default: docx.document.section_property.header_reference.clone(),
            first: docx
                .document
                .section_property
                .first_header_reference
                .clone(),
        };

        let (blocks, lone_mark) = self.body_with_closing_mark();
        let flow = flow(&blocks, lone_mark.as_deref());

        docx = docx.add_table(self.header_block());
        for piece in self.title_block(flow.first()) {
            docx = match piece {
                Piece::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
                Piece::Table(table) => docx.add_table(*table),
            };
        }

        let mut sections_closed = 0;
        for (k, item) in flow.iter().enumerate() {
            let previous = k.checked_sub(1).and_then(|k| flow.get(k));
            let next = flow.get(k + 1);
            match item {
                Flow::Text(_) | Flow::Mark(_) => {
                    let (mut paragraph, above) = match item {
                        Flow::Text(block) => (self.text_block(block), self.space_above(block)),
                        _ => (closing_mark(item), self.para_gap()),
                    };
                    // Space between a table and the text around it (typst: the
                    // table's block spacing), as direct formatting.
                    let before = matches!(previous, Some(Flow::Table(_)))
                        .then(|| self.gap_below_table().max(above));
                    let after = matches!(next, Some(Flow::Table(_)))
                        .then(|| self.gap_above_table());
                    if before.is_some() || after.is_some() {
                        paragraph = spaced(paragraph, before, after);
                    }
                    // The last paragraph stays with Nơi nhận and the signature
                    // when resolve says so (not when that block flows on).
                    if next.is_none() && self.doc.keep_with_signature {
                        paragraph = paragraph.keep_next(true);
                    }
                    docx = docx.add_paragraph(paragraph);
                }
                Flow::Table(block) => {
                    let Block::Table(t) = block else {
                        return Err("a text block in a table's place".into());
                    };
                    // A table that ends the body: its last rows keep with "./."
                    // (kept with Nơi nhận and the signature), as resolve marked.
                    let keep_tail = t.signature_rows.unwrap_or(0);
                    docx = self.captioned_table(docx, t, keep_tail)?;
                    match next {
                        // Word would run two tables into one: a spacer between them,
                        // as high as the space typst leaves below the table.
                        Some(Flow::Table(_)) => {
                            let gap = self.gap_below_table();
                            docx = docx.add_paragraph(self.spacer(gap));
                        }
                        // The signature block's cells add their own space above
                        // (size_body) to the spacer's: together typst's gap.
                        None => {
                            let gap = self.gap_below_table()
                                .max(self.signature_above() + self.para_gap());
                            docx = docx.add_paragraph(self.spacer(gap - self.signature_above()));
                        }
                        _ => {}
                    }
                }
                Flow::SectionBreak { landscape } => {
                    let first = sections_closed == 0;
                    docx = end_section(docx, self.section_break(&page_headers, *landscape, first));
                    sections_closed += 1;
                }
            }
        }

        docx = docx.add_table(self.signature_block());
        // The text a quyết định issues and the phụ lục: sections of their own
        // after the main text's, each from a new page numbered from 1, its
        // first page without a number (typst: the same).
        let trailing: Vec<Trailing> = self
            .doc
            .attachment
            .iter()
            .map(Trailing::Attachment)
            .chain(self.doc.appendices.iter().map(Trailing::Appendix))
            .collect();
        if !trailing.is_empty() {
            // A section with a first page of its own would carry page 1's
            // footer (a công văn's address block) on: they name an empty one.
            let blank_footer = if page_headers.first_footer.is_some() {
                docx = docx.footer(docx_rs::Footer::new());
                docx.document.section_property.footer_reference.as_ref().map(|f| f.id.clone())
            } else {
                None
            };
            // The main text's last section ends here.
            docx = end_section(docx, self.section_break(&page_headers, false, sections_closed == 0));
            for (k, part) in trailing.iter().enumerate() {
                let landscape = match part {
                    Trailing::Attachment(a) => {
                        docx = self.attachment(docx, a);
                        false
                    }
                    Trailing::Appendix(a) => {
                        docx = self.appendix(docx, a)?;
                        a.landscape
                    }
                };
                if k + 1 < trailing.len() {
                    docx = end_section(docx, self.trailing_section_break(&page_headers, landscape, blank_footer.as_deref()));
                } else {
                    // The last section's properties are the document's own.
                    let last = docx.document.section_property.clone();
                    docx.document.section_property = self.trailing_section(last, &page_headers, landscape, blank_footer.as_deref());
                    docx = end_document(docx);
                }
            }
            return Ok(docx);
        }
        // The body ends with the signature table: a paragraph after it.
        docx = end_document(docx);
        if sections_closed > 0 {
            // Only the first section has a first page without a number.
            docx.document.section_property.title_pg = false;
        }
        Ok(docx)
    }}
