//! The body as it is drawn: text blocks, tables in their place, the section
//! breaks around landscape tables, and the text a quyết định issues.

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, FooterReference, HeaderReference, InstrText, PageMargin, PageNumType,
    PageOrientationType, PageSize, Paragraph, Run, SectionProperty, SpecialIndentType,
};

use super::lines::{line_paragraph, line_runs, lines_runs};
use super::runs::{inline_run, line, rule, run, spaced, title_run};
use super::styles::style;
use super::units::{half_points, mm, pt, unsigned, SINGLE_LINE_EM};
use super::Builder;
use crate::resolve::Block;

/// The body in the order it is drawn: text, tables, and the section breaks
/// around landscape tables.
pub(super) enum Flow<'b> {
    Text(&'b Block),
    /// An indicator table or a plain table (the block itself).
    Table(&'b Block),
    /// The closing mark alone, when the body ends with a table or a part.
    Mark(&'b str),
    /// An empty paragraph ending a section: the portrait one before a landscape
    /// table, or the landscape one after it.
    SectionBreak {
        landscape: bool,
    },
}
/// Lays the blocks out as a flow. A landscape table gets a section of its own,
/// its lead (the titles resolve moved onto its first landscape page) at the
/// top of it.
pub(super) fn flow<'b>(blocks: &'b [Block], lone_mark: Option<&'b str>) -> Vec<Flow<'b>> {
    let mut out = Vec::new();
    let mut after_landscape = false;
    for b in blocks {
        let landscape = matches!(b, Block::Table(t) if t.landscape);
        match b {
            Block::Table(t) if t.landscape => {
                // A landscape table that follows another directly shares no
                // portrait page with it.
                if !after_landscape {
                    out.push(Flow::SectionBreak { landscape: false });
                }
                out.extend(t.lead.iter().map(Flow::Text));
                out.push(Flow::Table(b));
                out.push(Flow::SectionBreak { landscape: true });
            }
            Block::Table(_) => out.push(Flow::Table(b)),
            text => out.push(Flow::Text(text)),
        }
        after_landscape = landscape;
    }
    if let Some(mark) = lone_mark {
        out.push(Flow::Mark(mark));
    }
    out
}

/// The closing mark alone in a paragraph without first-line indent.
pub(super) fn closing_mark(item: &Flow) -> Paragraph {
    let mark = match item {
        Flow::Mark(mark) => mark,
        _ => "",
    };
    Paragraph::new()
        .style(style::NORMAL)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .add_run(Run::new().add_text(mark))
}

/// The page-number paragraph of the page header: a PAGE field in the
/// conventional form, one run per field part.
pub(super) fn page_number() -> Paragraph {
    Paragraph::new()
        .style(style::PAGE_HEADER)
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::Unsupported(" PAGE ".into())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("2"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

/// The page-header references of the document, for the sections that precede
/// the last one.
pub(super) struct PageHeaders {
    pub(super) default: Option<HeaderReference>,
    pub(super) first: Option<HeaderReference>,
    /// Page 1's footer (a công văn's address block), if any.
    pub(super) first_footer: Option<docx_rs::FooterReference>,
}

impl Builder<'_> {
    pub(super) fn page_margin(&self) -> PageMargin {
        let p = self.p;
        // The header's top edge, so that its line ends HEADER_ASCENT above the text.
        let number_line = p.size_page_number * SINGLE_LINE_EM * 25.4 / 72.0;
        let header = p.margin.top * (1.0 - p.header_ascent) - number_line;
        PageMargin::new()
            .top(mm(p.margin.top))
            .bottom(mm(p.margin.bottom))
            .left(mm(p.margin.left))
            .right(mm(p.margin.right))
            .header(mm(header.max(0.0)))
            // Only page 1 of a công văn has a footer: its address block (ô 13).
            .footer(mm(p.address_foot))
            .gutter(0)
    }

    /// The properties that end a section (the one before a landscape table, or
    /// the landscape one). Sections reference the document's page headers; only
    /// the first has a first page without a number.
    pub(super) fn section_break(&self, headers: &PageHeaders, landscape: bool, first: bool) -> SectionProperty {
        self.section_property(headers, landscape, first)
    }

    /// A4, portrait or landscape.
    fn page_size(&self, landscape: bool) -> PageSize {
        let (w, h) = (unsigned(mm(self.p.page.width)) as u32, unsigned(mm(self.p.page.height)) as u32);
        if landscape {
            PageSize::new().size(h, w).orient(PageOrientationType::Landscape)
        } else {
            PageSize::new().size(w, h)
        }
    }

    /// A section's page (portrait or landscape) and page headers.
    fn section_property(&self, headers: &PageHeaders, landscape: bool, first: bool) -> SectionProperty {
        let mut section = SectionProperty::new()
            .page_size(self.page_size(landscape))
            .page_margin(self.page_margin());
        section.header_reference = headers.default.clone();
        if first {
            section.first_header_reference = headers.first.clone();
            section.first_footer_reference = headers.first_footer.clone();
            section.title_pg = true;
        }
        section
    }

    /// The page of a section after the signature (the text a quyết định
    /// issues, a phụ lục): numbered from 1, its first page without a number
    /// and without page 1's footer (`blank_footer`: the id of an empty footer,
    /// when a công văn's address block would carry on into it otherwise).
    pub(super) fn trailing_section(&self, mut section: SectionProperty, headers: &PageHeaders, landscape: bool, blank_footer: Option<&str>) -> SectionProperty {
        section.page_size = self.page_size(landscape);
        section.page_num_type = Some(PageNumType::new().start(1));
        section.first_header_reference = headers.first.clone();
        section.first_footer_reference = blank_footer.map(|id| FooterReference::new("first", id));
        section.title_pg = true;
        section
    }

    /// The properties that end a section after the signature ([`Self::trailing_section`]).
    pub(super) fn trailing_section_break(&self, headers: &PageHeaders, landscape: bool, blank_footer: Option<&str>) -> SectionProperty {
        self.trailing_section(self.section_property(headers, landscape, false), headers, landscape, blank_footer)
    }
    /// The text a quyết định issues (Mẫu 1.3), after a section break: its own
    /// section, numbered from 1, its first page without a number.
    pub(super) fn attachment(&self, mut docx: Docx, a: &crate::resolve::Attachment) -> Docx {
        let p = self.p;
        docx = docx.add_table(self.header_table(false));
        docx = docx.add_paragraph(line(style::DOC_TYPE, &a.doc_type));
        for l in &a.summary {
            docx = docx.add_paragraph(line_paragraph(style::SUMMARY, l, true));
        }
        for l in &a.reference {
            docx = docx.add_paragraph(self.reference_line(l));
        }
        let below = self.em(p.title_block_below) + a.body.first().map_or(self.para_gap(), |b| self.space_above(b));
        docx = docx.add_paragraph(spaced(rule(pt(a.rule), self.text_width), None, Some(below)));
        for b in &a.body {
            docx = docx.add_paragraph(self.text_block(b));
        }
        docx
    }


    /// A phụ lục (after a section break): "Phụ lục I", its name, the "(Kèm
    /// theo …)" line, its blocks (text and tables as in the body).
    pub(super) fn appendix(&self, mut docx: Docx, a: &crate::resolve::Appendix) -> Result<Docx, String> {
        let p = self.p;
        docx = docx.add_paragraph(line(style::APPENDIX_LABEL, &a.label));
        for l in &a.title {
            docx = docx.add_paragraph(line_paragraph(style::SUMMARY, l, true));
        }
        // The space under the title lines (typst: title_block_below, then the
        // first block's own space above), after the last of them.
        let below = self.em(p.title_block_below) + a.body.first().map_or(self.para_gap(), |b| self.space_above(b));
        for (k, l) in a.reference.iter().enumerate() {
            let paragraph = self.reference_line(l);
            let last = k + 1 == a.reference.len();
            docx = docx.add_paragraph(if last { spaced(paragraph, None, Some(below)) } else { paragraph });
        }
        for (k, block) in a.body.iter().enumerate() {
            let previous = k.checked_sub(1).and_then(|k| a.body.get(k));
            let next = a.body.get(k + 1);
            match block {
                Block::Table(t) => {
                    docx = self.captioned_table(docx, t, 0)?;
                    // Word would run two tables into one: a spacer between them.
                    if matches!(next, Some(Block::Table(_))) {
                        docx = docx.add_paragraph(self.spacer(self.gap_below_table()));
                    }
                }
                text => {
                    // Space between a table and the text around it, as in the body.
                    let mut paragraph = self.text_block(text);
                    let before = matches!(previous, Some(Block::Table(_))).then(|| self.gap_below_table().max(self.space_above(text)));
                    let after = matches!(next, Some(Block::Table(_))).then(|| self.gap_above_table());
                    if before.is_some() || after.is_some() {
                        paragraph = spaced(paragraph, before, after);
                    }
                    docx = docx.add_paragraph(paragraph);
                }
            }
        }
        Ok(docx)
    }

    /// A line of "(Kèm theo … số … ngày … của …)" under an attached text's or
    /// a phụ lục's title: not bold (the style is), italic, body size.
    fn reference_line(&self, l: &crate::resolve::Line) -> Paragraph {
        let runs = line_runs(l, false).into_iter().map(|r| r.disable_bold().italic().size(half_points(self.p.size_body)));
        runs.fold(Paragraph::new().style(style::SUMMARY), Paragraph::add_run)
    }

    /// A table with its caption above it, if it has one; its last `keep_tail`
    /// rows kept with what follows.
    pub(super) fn captioned_table(&self, mut docx: Docx, t: &crate::resolve::GridTable, keep_tail: usize) -> Result<Docx, String> {
        if !t.caption.is_empty() {
            docx = docx.add_paragraph(spaced(line(style::TABLE_CAPTION, &t.caption), None, Some(self.em(self.p.caption_below))));
        }
        Ok(docx.add_table(self.grid_table(t, keep_tail)?))
    }

    /// The body and the closing mark that stands alone (resolve has already
    /// appended "./." to the last sentence when the body ends with text).
    pub(super) fn body_with_closing_mark(&self) -> (Vec<Block>, Option<String>) {
        let mark = self.doc.closing_mark.clone().filter(|m| !m.is_empty());
        (self.doc.body.clone(), mark)
    }

    /// A block of text as one paragraph (tables are drawn by [`Self::grid_table`]).
    pub(super) fn text_block(&self, block: &Block) -> Paragraph {
        match block {
            Block::Part { label, title } => {
                // The title in resolve's lines (balanced when it is wider than
                // the page), as typst sets them.
                let label = Run::new()
                    .add_text(label.as_str())
                    .add_break(BreakType::TextWrapping);
                lines_runs(title, true)
                    .into_iter()
                    .fold(
                        Paragraph::new().style(style::PART).add_run(label),
                        Paragraph::add_run,
                    )
            }
            Block::Heading {
                level,
                number,
                title,
                run_in,
                keep_with_next,
            } => {
                let index = (*level).clamp(1, 3) as usize - 1;
                let id = style::HEADINGS.get(index).copied().unwrap_or(style::NORMAL);
                // Number and title bold (from the style), the run-in text not.
                // Keep with next as resolve decided (a heading with run-in text is
                // a paragraph with content of its own, as in the PDF).
                let mut paragraph = Paragraph::new().style(id).keep_next(*keep_with_next);
                // A titled Điều carries its label in the title: no number run.
                if !number.is_empty() {
                    paragraph = paragraph.add_run(run(&format!("{number} "), None, false));
                }
                for i in title {
                    paragraph = paragraph.add_run(title_run(i, &i.text));
                }
                // One space between the title and its run-in text, unless the data has one.
                let title_text: String = title.iter().map(|i| i.text.as_str()).collect();
                let run_in_starts_spaced = run_in.first().is_some_and(|i| i.text.starts_with(' '));
                if !run_in.is_empty() && !title_text.ends_with(' ') && !run_in_starts_spaced {
                    paragraph = paragraph.add_run(run(" ", Some(false), false));
                }
                for i in run_in {
                    paragraph = paragraph.add_run(inline_run(i, true));
                }
                paragraph
            }
            Block::Paragraph { inlines } => inlines
                .iter()
                .fold(Paragraph::new().style(style::NORMAL), |p, i| {
                    p.add_run(inline_run(i, false))
                }),
            // Centred, no indent, kept with what follows; the space above as
            // typst's (its extra on top of the paragraph spacing).
            Block::Centered { inlines, extra_above } => {
                let paragraph = inlines.iter().fold(
                    Paragraph::new()
                        .style(style::NORMAL)
                        .align(AlignmentType::Center)
                        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), Some(0), None)
                        .keep_next(true),
                    |p, i| p.add_run(inline_run(i, false)),
                );
                if *extra_above > 0.0 {
                    spaced(paragraph, Some(pt(self.p.paragraph_spacing) + self.em(*extra_above)), None)
                } else {
                    paragraph
                }
            }
            Block::Item { marker, inlines } => inlines.iter().fold(
                Paragraph::new().style(style::NORMAL).add_run(run(
                    &format!("{marker} "),
                    None,
                    false,
                )),
                |p, i| p.add_run(inline_run(i, false)),
            ),
            // Not text: an empty paragraph if ever asked (the caller draws tables).
            Block::Table(_) => Paragraph::new().style(style::NORMAL),
        }
    }
}
