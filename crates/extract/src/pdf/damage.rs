//! Telling a damaged PDF from a readable one by what its text layer gave.
//!
//! A damaged PDF does not always fail to load: lopdf rebuilds a lost cross-reference
//! table by scanning for objects, and a truncated file then still has its first pages,
//! but their fonts' character maps (usually written after the pages) are gone. What
//! comes out is punctuation and digits, the few codes a font maps without its map.
//! Such text must not be indexed as if it were the act (issue 10, item 6).
//!
//! The judgement uses only the text and the glyphs, never the file's name or size:
//!
//! - **Lost glyphs.** A glyph is lost when nothing maps its code to a character, or when
//!   the font it is drawn with is not in the file. When most glyphs (more than
//!   [`MOST`]) are lost, the text is a remnant whatever else is true.
//! - **Rebuilt and unreadable.** When the cross-reference table had to be rebuilt,
//!   objects may be missing, so the text is checked as prose: more than
//!   [`LOST_WHEN_REBUILT`] of glyphs lost, or fewer than [`MIN_LETTER_SHARE`] of the
//!   visible characters letters, means it did not survive. A rebuilt file whose text
//!   reads as prose (a file cut after its last page, say) is kept.
//!
//! Scanned pages have no glyphs, so they never count against a file; OCR text is not
//! judged here.

/// More than this share of lost glyphs is "most glyphs": the text is a remnant.
pub(crate) const MOST: f64 = 0.5;

/// In a file whose cross-reference table was rebuilt, more than this share of lost
/// glyphs means fonts did not survive. A readable PDF loses almost none (none of the
/// 393,503 glyphs of the 173-page civil code, none in the bundled corpus); a tenth is far
/// beyond a stray symbol glyph and far below the loss of a cut-off character map (92 to
/// 99 % for the civil code cut anywhere before its fonts).
pub(crate) const LOST_WHEN_REBUILT: f64 = 0.1;

/// Fewer letters than this share of the non-space characters is not prose in any
/// language zan reads. Letters are most of the visible characters of an act (the civil
/// code: 95 %; the bundled Russian, Kazakh and Kyrgyz budget decisions with their tables
/// of sums: 89 to 90 %); text left by missing character maps is digits and punctuation
/// (none of the 88 visible characters of the civil code cut at 40 KB is a letter).
pub(crate) const MIN_LETTER_SHARE: f64 = 0.5;

/// The glyphs a document's text layer showed, summed over its pages.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct GlyphTally {
    /// Glyphs shown with a font.
    pub(crate) glyphs: usize,
    /// Of those, glyphs nothing maps to a character.
    pub(crate) unmapped: usize,
    /// Bytes of strings shown with a font that is not in the file.
    pub(crate) fontless: usize,
}

impl GlyphTally {
    /// Glyphs shown, those of missing fonts counted by their bytes.
    fn total(&self) -> usize {
        self.glyphs + self.fontless
    }

    /// Glyphs whose character is lost.
    fn lost(&self) -> usize {
        self.unmapped + self.fontless
    }

    fn lost_share(&self) -> f64 {
        share(self.lost(), self.total())
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Letters among the characters that are not white space, and that count.
fn letter_count<'t>(texts: impl IntoIterator<Item = &'t str>) -> (usize, usize) {
    let mut letters = 0;
    let mut visible = 0;
    for c in texts.into_iter().flat_map(str::chars).filter(|c| !c.is_whitespace()) {
        visible += 1;
        letters += usize::from(c.is_alphabetic());
    }
    (letters, visible)
}

/// Says why the text of a PDF is not its text, or `None` when it reads. `rebuilt` is
/// whether the cross-reference table was rebuilt; `texts` is the text layer's text.
pub(crate) fn damage<'t>(
    rebuilt: bool,
    tally: GlyphTally,
    texts: impl IntoIterator<Item = &'t str>,
) -> Option<String> {
    let lost = tally.lost_share();
    let missing_fonts = tally.fontless > tally.unmapped;
    let lost_reason = || {
        let percent = (lost * 100.0).round();
        if missing_fonts {
            format!(
                "its fonts are missing ({} of {} glyphs are drawn with a font the file does not hold)",
                tally.fontless,
                tally.total()
            )
        } else {
            format!(
                "{percent}% of its glyphs ({} of {}) have no character mapping",
                tally.lost(),
                tally.total()
            )
        }
    };
    if lost > MOST {
        let rebuilt_note =
            if rebuilt { "; its cross-reference table had to be rebuilt" } else { "" };
        return Some(format!("{}{rebuilt_note}", lost_reason()));
    }
    if !rebuilt {
        return None;
    }
    let (letters, visible) = letter_count(texts);
    let rebuilt = "its cross-reference table had to be rebuilt (the file is truncated or damaged)";
    if visible == 0 {
        return Some(format!("{rebuilt} and no text could be read"));
    }
    if lost > LOST_WHEN_REBUILT {
        return Some(format!("{rebuilt} and {}", lost_reason()));
    }
    let letter_share = share(letters, visible);
    (letter_share < MIN_LETTER_SHARE).then(|| {
        format!(
            "{rebuilt} and its text is unreadable (only {:.0}% of its characters are letters)",
            letter_share * 100.0
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "Статья 1. Гражданское законодательство определяет правовое положение \
        участников гражданского оборота, основания возникновения и порядок осуществления \
        права собственности (в ред. от 12.03.2018 № 33).";

    fn tally(glyphs: usize, unmapped: usize, fontless: usize) -> GlyphTally {
        GlyphTally { glyphs, unmapped, fontless }
    }

    #[test]
    fn test_prose_is_readable_rebuilt_or_not() {
        assert_eq!(damage(false, tally(200, 0, 0), [PROSE]), None);
        assert_eq!(damage(true, tally(200, 1, 0), [PROSE]), None);
    }

    #[test]
    fn test_most_glyphs_unmapped_is_damage_even_with_a_sound_table() {
        let reason = damage(false, tally(100, 60, 0), [", , 131 , ,"]).unwrap();
        assert!(reason.contains("60 of 100"), "{reason}");
        assert!(reason.contains("no character mapping"), "{reason}");
    }

    #[test]
    fn test_missing_fonts_are_damage() {
        let reason = damage(false, tally(10, 0, 90), ["1"]).unwrap();
        assert!(reason.contains("fonts are missing"), "{reason}");
    }

    #[test]
    fn test_rebuilt_table_with_punctuation_is_damage() {
        // Every glyph mapped, but what they map to is not prose.
        let reason = damage(true, tally(40, 0, 0), [", , 222 ,", ", , 96 , 49 )"]).unwrap();
        assert!(reason.contains("unreadable"), "{reason}");
        assert!(reason.contains("rebuilt"), "{reason}");
        // The same text from a file read as written is left to the reader.
        assert_eq!(damage(false, tally(40, 0, 0), [", , 222 ,"]), None);
    }

    #[test]
    fn test_rebuilt_table_with_many_unmapped_glyphs_is_damage() {
        let reason = damage(true, tally(100, 20, 0), [PROSE]).unwrap();
        assert!(reason.contains("20 of 100"), "{reason}");
    }

    #[test]
    fn test_rebuilt_table_with_no_text_is_damage() {
        assert!(damage(true, GlyphTally::default(), []).unwrap().contains("no text"));
    }

    #[test]
    fn test_a_table_of_sums_is_still_prose() {
        let table = "Наименование расходов Сумма, тыс. сом Образование 12 450,5 \
            Здравоохранение 8 120,0 Культура 1 015,3 Итого 21 585,8";
        assert_eq!(damage(true, tally(100, 0, 0), [table]), None);
    }
}
