//! Writing laid-out pages as a PDF with printpdf: header and footer on every
//! page, subset fonts, the logo, and the metadata (title, author, language,
//! creation date).

use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem, WindingOrder, XObjectTransform,
};

use super::font::{self, Face, Metrics};
use super::layout::{
    self, BODY_WIDTH, Colour, Draw, GREY, INK, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, RULE,
};
use super::{Document, Pdf};
use crate::error::{Error, Result};
use crate::i18n::Texts;

/// The logo's height in the header, in points.
const LOGO_HEIGHT: f32 = 30.0;

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

/// Lays out and writes a document. The footer's words and date are in the
/// document's language, whatever language the person printing it speaks.
pub fn render(document: &Document) -> Result<Pdf> {
    let texts = &Texts::for_language(&document.language);
    let laid = layout::lay_out(&document.blocks);
    let mut pdf = PdfDocument::new(&document.title);
    let mut parse_warnings = Vec::new();
    let regular = ParsedFont::from_bytes(font::REGULAR, 0, &mut parse_warnings)
        .expect("the embedded regular font parses");
    let bold = ParsedFont::from_bytes(font::BOLD, 0, &mut parse_warnings)
        .expect("the embedded bold font parses");
    let regular = pdf.add_font(&regular);
    let bold = pdf.add_font(&bold);
    let handle = |face: Face| match face {
        Face::Regular => PdfFontHandle::External(regular.clone()),
        Face::Bold => PdfFontHandle::External(bold.clone()),
    };

    let mut warnings = Vec::new();
    let logo = document.logo.as_ref().map(|bytes| {
        // Decoded only when its header says it is of a sane size (a logo
        // stored by an older Klik was not checked so).
        super::image::fits(bytes)
            .then(|| RawImage::decode_from_bytes(bytes, &mut warnings).ok())
            .flatten()
            .map(|image| {
                (
                    image.width as f32,
                    image.height as f32,
                    pdf.add_image(&image),
                )
            })
    });
    let logo_left_out = matches!(logo, Some(None));

    let mut missing = laid.missing;
    let organisation = font::printable(&document.organisation, &mut missing);
    let title = font::printable(&document.title, &mut missing);
    let day = crate::date::short(document.created.date(), texts.language());
    let pages = laid.pages.len();

    let mut pdf_pages = Vec::with_capacity(pages);
    for (number, items) in laid.pages.into_iter().enumerate() {
        let mut page: Vec<Draw> = Vec::with_capacity(items.len() + 8);
        // Header: the organisation on the left, the logo on the right, a rule below.
        let header_baseline = PAGE_HEIGHT - 48.0;
        page.push(Draw::Text {
            x: MARGIN,
            y: header_baseline,
            face: Face::Bold,
            size: 9.0,
            colour: GREY,
            text: organisation.clone(),
        });
        page.push(Draw::Line {
            from: (MARGIN, PAGE_HEIGHT - 60.0),
            to: (PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 60.0),
            width: 0.6,
            colour: RULE,
        });
        // Footer: title and date on the left, "page x of y" on the right.
        let footer = format!("{title} · {day}");
        let footer = layout::wrap(&footer, Face::Regular, 8.0, BODY_WIDTH * 0.7)
            .into_iter()
            .next()
            .unwrap_or_default();
        page.push(Draw::Line {
            from: (MARGIN, 52.0),
            to: (PAGE_WIDTH - MARGIN, 52.0),
            width: 0.6,
            colour: RULE,
        });
        page.push(Draw::Text {
            x: MARGIN,
            y: 38.0,
            face: Face::Regular,
            size: 8.0,
            colour: GREY,
            text: footer,
        });
        let page_of = texts.format(
            "document.page_of",
            &[
                ("page", &(number + 1).to_string()),
                ("pages", &pages.to_string()),
            ],
        );
        let width = Metrics::of(Face::Regular).width(&page_of, 8.0);
        page.push(Draw::Text {
            x: PAGE_WIDTH - MARGIN - width,
            y: 38.0,
            face: Face::Regular,
            size: 8.0,
            colour: GREY,
            text: page_of,
        });
        page.extend(items);

        let mut ops = Vec::with_capacity(page.len() * 4);
        if let Some(Some((width, height, id))) = &logo {
            let scale = LOGO_HEIGHT / height;
            ops.push(Op::UseXobject {
                id: id.clone(),
                transform: XObjectTransform {
                    translate_x: Some(Pt(PAGE_WIDTH - MARGIN - width * scale)),
                    translate_y: Some(Pt(PAGE_HEIGHT - 56.0)),
                    scale_x: Some(scale),
                    scale_y: Some(scale),
                    dpi: Some(72.0),
                    ..XObjectTransform::default()
                },
            });
        }
        for item in page {
            match item {
                Draw::Text {
                    x,
                    y,
                    face,
                    size,
                    colour: c,
                    text,
                } => ops.extend([
                    Op::StartTextSection,
                    Op::SetFillColor { col: colour(c) },
                    Op::SetFont {
                        font: handle(face),
                        size: Pt(size),
                    },
                    Op::SetTextCursor { pos: point(x, y) },
                    Op::ShowText {
                        items: vec![TextItem::Text(text)],
                    },
                    Op::EndTextSection,
                ]),
                Draw::Line {
                    from,
                    to,
                    width,
                    colour: c,
                } => ops.extend([
                    Op::SetOutlineColor { col: colour(c) },
                    Op::SetOutlineThickness { pt: Pt(width) },
                    Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: point(from.0, from.1),
                                    bezier: false,
                                },
                                LinePoint {
                                    p: point(to.0, to.1),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    },
                ]),
                Draw::Fill {
                    x,
                    y,
                    width,
                    height,
                    colour: c,
                } => ops.extend([
                    Op::SetFillColor { col: colour(c) },
                    Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(x),
                            y: Pt(y),
                            width: Pt(width),
                            height: Pt(height),
                            mode: Some(PaintMode::Fill),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    },
                    Op::SetFillColor { col: colour(INK) },
                ]),
            }
        }
        pdf_pages.push(PdfPage::new(
            printpdf::Mm(PAGE_WIDTH * 25.4 / 72.0),
            printpdf::Mm(PAGE_HEIGHT * 25.4 / 72.0),
            ops,
        ));
    }
    pdf.with_pages(pdf_pages);

    let info = &mut pdf.metadata.info;
    info.document_title = title;
    info.author = organisation;
    info.creator = "Klik".to_string();
    info.producer = "Klik".to_string();
    let created = pdf_date(document.created);
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;

    let mut save_warnings = Vec::new();
    let mut lopdf = pdf.to_lopdf_document(&PdfSaveOptions::default(), &mut save_warnings);
    // printpdf does not write the document's language; screen readers and
    // hyphenation in viewers need it, so it is set on the catalogue here.
    if let Ok(catalog) = lopdf.catalog_mut() {
        catalog.set(
            "Lang",
            lopdf::Object::string_literal(document.language.as_str()),
        );
    }
    lopdf.compress();
    let mut bytes = Vec::new();
    lopdf.save_to(&mut bytes).map_err(|source| Error::Io {
        path: "(pdf)".into(),
        source,
    })?;
    Ok(Pdf {
        bytes,
        pages,
        missing,
        logo_left_out,
    })
}

fn pdf_date(moment: chrono::NaiveDateTime) -> printpdf::OffsetDateTime {
    use chrono::{Datelike, Timelike};
    printpdf::OffsetDateTime::new_in_offset(
        printpdf::Date {
            year: moment.year(),
            month: moment.month() as u8,
            day: moment.day() as u8,
        },
        printpdf::Time {
            hour: moment.hour() as u8,
            minute: moment.minute() as u8,
            second: moment.second() as u8,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}
