//! The FAQ page: the seed text about the Open Government Partnership (Kemitraan Pemerintah
//! Terbuka) in Bojonegoro, with a faithful English translation.
//!
//! The two long texts are content, not interface strings, so they are not Fluent messages:
//! they are embedded from `data/seed/faq.{id,en}.txt` with `include_str!`. The source is an
//! HTML list flattened to text, where each question and each answer got its own number
//! (`1.` question, `2.` its answer, …) and bullets became `•`. [`parse`] recovers the
//! structure: a numbered line ending in `?` opens a question; every other line is a
//! paragraph or a bullet of the current answer; lines before the first question are the
//! introduction. The artefact numbers are dropped.

use askama::Template;
use axum::response::Response;
use platform::AppResult;
use platform::i18n::Lang;
use platform::web::PageCtx;

/// The Indonesian seed text, verbatim.
pub const FAQ_ID: &str = include_str!("../../../data/seed/faq.id.txt");
/// Its English translation, line for line in the same structure.
pub const FAQ_EN: &str = include_str!("../../../data/seed/faq.en.txt");

/// A piece of running text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A short line without final punctuation, shown as a heading.
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub question: String,
    pub answer: Vec<Block>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faq {
    pub intro: Vec<Block>,
    pub questions: Vec<Question>,
}

/// `12. text` → `text`.
fn strip_number(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    line[digits..].strip_prefix('.').map(str::trim)
}

fn push_bullet(blocks: &mut Vec<Block>, item: String) {
    match blocks.last_mut() {
        Some(Block::List(items)) => items.push(item),
        _ => blocks.push(Block::List(vec![item])),
    }
}

/// Recover questions and answers from the flattened text (see the module header).
pub fn parse(text: &str) -> Faq {
    let mut faq = Faq::default();
    for raw in text.lines() {
        let line = raw.trim();
        // Blank lines and leftovers of the page layout (a lone `|`) carry no text.
        if !line.chars().any(char::is_alphanumeric) {
            continue;
        }
        let numbered = strip_number(line);
        if let Some(q) = numbered.filter(|q| q.ends_with('?')) {
            faq.questions.push(Question {
                question: q.to_string(),
                answer: Vec::new(),
            });
            continue;
        }
        let in_intro = faq.questions.is_empty();
        let blocks = match faq.questions.last_mut() {
            Some(q) => &mut q.answer,
            None => &mut faq.intro,
        };
        if let Some(item) = line.strip_prefix('•') {
            push_bullet(blocks, item.trim().to_string());
        } else {
            let text = numbered.unwrap_or(line).to_string();
            let is_heading = numbered.is_none()
                && in_intro
                && text.chars().count() < 60
                && !text.ends_with(['.', '?', '!', ':']);
            blocks.push(if is_heading {
                Block::Heading(text)
            } else {
                Block::Paragraph(text)
            });
        }
    }
    faq
}

/// The FAQ in `lang`.
pub fn faq(lang: Lang) -> Faq {
    parse(match lang {
        Lang::Id => FAQ_ID,
        Lang::En => FAQ_EN,
    })
}

#[derive(Template)]
#[template(path = "faq.html")]
struct FaqPage<'a> {
    t: &'a platform::i18n::Tr,
    faq: Faq,
}

pub async fn page(ctx: PageCtx) -> AppResult<Response> {
    let faq = faq(ctx.lang());
    ctx.page(&ctx.t.t("faq-title"), &FaqPage { t: &ctx.t, faq })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_text_has_eight_questions_and_keeps_every_paragraph() {
        let faq = parse(FAQ_ID);
        assert_eq!(faq.questions.len(), 8, "{:#?}", faq.questions);
        assert_eq!(faq.intro[0], Block::Heading("Pemerintah Terbuka".into()));
        assert!(
            matches!(&faq.intro[1], Block::Paragraph(p) if p.starts_with("Pemerintah Terbuka adalah Tools"))
        );
        assert_eq!(
            faq.questions[0].question,
            "Apa itu Kemitraan Pemerintah Terbuka ?"
        );
        assert_eq!(faq.questions[0].answer.len(), 4);
        assert!(matches!(&faq.questions[5].answer[0], Block::List(items) if items.len() == 5));
        assert!(
            matches!(&faq.questions[7].answer[3], Block::List(items) if items.len() == 5 && items[0].starts_with("Revolusi Data"))
        );
    }

    #[test]
    fn the_translation_has_the_same_shape() {
        fn shape(faq: &Faq) -> Vec<Vec<usize>> {
            let sizes = |blocks: &[Block]| {
                blocks
                    .iter()
                    .map(|b| match b {
                        Block::List(items) => items.len() + 100,
                        Block::Heading(_) => 1000,
                        Block::Paragraph(_) => 1,
                    })
                    .collect::<Vec<_>>()
            };
            std::iter::once(sizes(&faq.intro))
                .chain(faq.questions.iter().map(|q| sizes(&q.answer)))
                .collect()
        }
        assert_eq!(shape(&parse(FAQ_ID)), shape(&parse(FAQ_EN)));
    }

    #[test]
    fn numbers_and_bullets_are_artefacts() {
        assert_eq!(strip_number("12. Apa?"), Some("Apa?"));
        assert_eq!(strip_number("2016 adalah"), None);
        let faq = parse("Judul\n\n  1. Tanya?\n  2. Jawab.\n    • satu\n    • dua\n\n    Lagi.\n");
        assert_eq!(faq.intro, vec![Block::Heading("Judul".into())]);
        assert_eq!(
            faq.questions[0].answer,
            vec![
                Block::Paragraph("Jawab.".into()),
                Block::List(vec!["satu".into(), "dua".into()]),
                Block::Paragraph("Lagi.".into())
            ]
        );
    }
}
