//! Snippets: the fragment of a document's text that best shows why it matched, with the
//! matched words highlighted.
//!
//! A word of the text is a match when, analysed the way one of the index fields
//! analyses it, it gives a term that the query gave for that field: so `бюджете` in
//! the text is highlighted for the query `бюджета` (Russian stems meet), and `қала` for
//! `кала` (folded forms meet). The fragment is the window holding the most distinct
//! query words. Offsets come from the tokenizer, which keeps them on the original text.

use std::collections::HashSet;

use serde::Serialize;
use zan_analysis::normalize::{fold_turkic, fold_turkic_char};
use zan_analysis::{root, stem, Language, Words};

/// How many leading letters of a folded word are compared before stemming, to skip
/// words that cannot match cheaply.
const PREFIX_CHARS: usize = 3;

/// Largest part of a document scanned for matches, in bytes.
const MAX_SCAN_BYTES: usize = 512 * 1024;

/// The terms a query matches, per way of analysing a word.
#[derive(Debug, Clone, Default)]
pub struct HighlightTerms {
    stems: [HashSet<String>; 3],
    /// Root-field terms (word families), per stemmed language.
    roots: [HashSet<String>; 3],
    exact: HashSet<String>,
    folded: HashSet<String>,
    prefixes: HashSet<Prefix>,
}

const STEMMED: [Language; 3] = [Language::Ru, Language::Kk, Language::Ky];

/// The first letters of a word, folded, padded with spaces (never in a word).
type Prefix = [char; PREFIX_CHARS];

/// The folded prefix of a word, worked out without allocating: most words of a text
/// are refused on it.
fn prefix(word: &str) -> Prefix {
    let mut prefix = [' '; PREFIX_CHARS];
    for (slot, c) in prefix.iter_mut().zip(word.chars()) {
        *slot = fold_turkic_char(c);
    }
    prefix
}

impl HighlightTerms {
    /// Adds the words of a query clause.
    pub fn add_text(&mut self, text: &str) {
        for word in Words::new(text) {
            let mut folded = word.text.clone();
            fold_turkic(&mut folded);
            self.prefixes.insert(prefix(&word.text));
            for (slot, language) in STEMMED.into_iter().enumerate() {
                if !zan_analysis::is_stop_word(language, &word.text) {
                    self.stems[slot].insert(stem(language, &word.text));
                    self.roots[slot].insert(root(language, &word.text));
                }
            }
            self.exact.insert(word.text);
            self.folded.insert(folded);
        }
    }

    /// Returns true if no term was added.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// Returns an id for the query word a text word matches, if it matches.
    fn matches(&self, normalised: &str) -> Option<String> {
        if !self.prefixes.contains(&prefix(normalised)) {
            return None;
        }
        let mut folded = normalised.to_owned();
        fold_turkic(&mut folded);
        if self.exact.contains(normalised) || self.folded.contains(&folded) {
            return Some(folded);
        }
        for (slot, language) in STEMMED.into_iter().enumerate() {
            let stemmed = stem(language, normalised);
            if self.stems[slot].contains(&stemmed) {
                return Some(format!("{}:{stemmed}", language.code()));
            }
        }
        // A word of the same family (`бюджетный` for `бюджет`): the root fields matched it.
        for (slot, language) in STEMMED.into_iter().enumerate() {
            let rooted = root(language, normalised);
            if self.roots[slot].contains(&rooted) {
                return Some(format!("{}:root:{rooted}", language.code()));
            }
        }
        None
    }
}

/// A fragment of text with highlighted ranges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The fragment, whitespace collapsed.
    pub fragment: String,
    /// Byte ranges of `fragment` to highlight, sorted, not overlapping.
    pub highlights: Vec<(usize, usize)>,
    /// Byte offset in the text where the fragment starts.
    pub start: usize,
}

impl Snippet {
    /// Returns the fragment as HTML: every character escaped, matches in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.fragment.len() + 16 * self.highlights.len());
        let mut position = 0;
        for &(from, to) in &self.highlights {
            escape_into(&self.fragment[position..from], &mut html);
            html.push_str("<mark>");
            escape_into(&self.fragment[from..to], &mut html);
            html.push_str("</mark>");
            position = to;
        }
        escape_into(&self.fragment[position..], &mut html);
        html
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

/// Returns text escaped for HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// Finds the matched words of the first [`MAX_SCAN_BYTES`] of a text (enough for a
/// snippet): byte ranges and the query word each matches.
pub fn find_matches(text: &str, terms: &HighlightTerms) -> Vec<(usize, usize, String)> {
    let mut scan_end = text.len().min(MAX_SCAN_BYTES);
    while !text.is_char_boundary(scan_end) {
        scan_end -= 1;
    }
    matches_in(&text[..scan_end], terms)
}

fn matches_in(text: &str, terms: &HighlightTerms) -> Vec<(usize, usize, String)> {
    if terms.is_empty() {
        return Vec::new();
    }
    Words::new(text)
        .filter_map(|word| terms.matches(&word.text).map(|id| (word.from, word.to, id)))
        .collect()
}

/// Returns the byte ranges of every matched word of a whole text, in order: what the
/// document page marks. Unlike a snippet, nothing is cut and the text is not touched.
pub fn match_ranges(text: &str, terms: &HighlightTerms) -> Vec<(usize, usize)> {
    matches_in(text, terms).into_iter().map(|(from, to, _)| (from, to)).collect()
}

/// Builds the snippet of a text for a query: about `max_chars` characters around the
/// densest group of matches, or the beginning of the text when nothing matches.
pub fn make_snippet(text: &str, terms: &HighlightTerms, max_chars: usize) -> Snippet {
    let max_chars = max_chars.clamp(40, 2000);
    let matches = find_matches(text, terms);
    let window_bytes = max_chars * 2; // Cyrillic letters take two bytes.
    let mut best = (0usize, 0usize); // (distinct words, index of first match)
    for start in 0..matches.len() {
        let end_limit = matches[start].0 + window_bytes;
        let distinct: HashSet<&str> = matches[start..]
            .iter()
            .take_while(|m| m.1 <= end_limit)
            .map(|m| m.2.as_str())
            .collect();
        if distinct.len() > best.0 {
            best = (distinct.len(), start);
        }
    }
    let anchor = matches.get(best.1).map_or(0, |m| m.0);
    // Start a little before the first match, at a word boundary.
    let mut from = anchor;
    let mut cut_inside_text = false;
    for (back_chars, (index, c)) in text[..anchor].char_indices().rev().enumerate() {
        if back_chars >= max_chars / 5 || c == '\n' {
            cut_inside_text = true;
            break;
        }
        from = index;
    }
    if cut_inside_text && from != anchor {
        if let Some(space) = text[from..anchor].find(char::is_whitespace) {
            from += space;
        }
    }
    let mut to = text.len();
    for (count, (index, _)) in text[from..].char_indices().enumerate() {
        if count >= max_chars {
            to = from + index;
            break;
        }
    }
    if to < text.len() {
        if let Some(space) =
            text[from..to].rfind(char::is_whitespace).filter(|&s| s > (to - from) / 2)
        {
            to = from + space;
        }
    }
    build_fragment(text, from, to, &matches)
}

fn build_fragment(
    text: &str,
    from: usize,
    to: usize,
    matches: &[(usize, usize, String)],
) -> Snippet {
    let mut fragment = String::with_capacity(to - from + 8);
    let mut highlights = Vec::new();
    if from > 0 {
        fragment.push_str("… ");
    }
    let mut position = from;
    let push_plain = |piece: &str, fragment: &mut String| {
        for c in piece.chars() {
            if c.is_whitespace() {
                if !fragment.ends_with(' ') && !fragment.is_empty() {
                    fragment.push(' ');
                }
            } else {
                fragment.push(c);
            }
        }
    };
    for &(match_from, match_to, _) in matches.iter().filter(|m| m.0 >= from && m.1 <= to) {
        push_plain(&text[position..match_from], &mut fragment);
        let start = fragment.len();
        push_plain(&text[match_from..match_to], &mut fragment);
        highlights.push((start, fragment.len()));
        position = match_to;
    }
    push_plain(&text[position..to], &mut fragment);
    let trimmed_length = fragment.trim_end().len();
    fragment.truncate(trimmed_length);
    if to < text.len() {
        fragment.push_str(" …");
    }
    Snippet { fragment, highlights, start: from }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(query: &str) -> HighlightTerms {
        let mut terms = HighlightTerms::default();
        terms.add_text(query);
        terms
    }

    #[test]
    fn test_highlights_other_inflection() {
        let snippet = make_snippet("Утвердить изменения в бюджете города.", &terms("бюджета"), 200);
        assert_eq!(snippet.to_html(), "Утвердить изменения в <mark>бюджете</mark> города.");
    }

    #[test]
    fn test_highlights_a_word_of_the_same_family() {
        // Matched through the root fields: Russian Snowball stems (a noun and its
        // participle, two lemmas), Kazakh stem prefixes.
        let snippet = make_snippet("Проект утвержденного плана.", &terms("утверждение"), 200);
        assert_eq!(snippet.to_html(), "Проект <mark>утвержденного</mark> плана.");
        let snippet = make_snippet("Мектептегі жөндеу басталды.", &terms("мектепте"), 200);
        assert!(snippet.to_html().contains("<mark>Мектептегі</mark>"), "{}", snippet.to_html());
    }

    #[test]
    fn test_escapes_everything_else() {
        let snippet =
            make_snippet("Код <script>alert('x')</script> и бюджет", &terms("бюджет"), 200);
        let html = snippet.to_html();
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "{html}");
        assert!(html.ends_with("<mark>бюджет</mark>"), "{html}");
    }

    #[test]
    fn test_folded_query_highlights_kazakh_letters() {
        let snippet = make_snippet("Қалалық мәслихат шешімі", &terms("маслихат"), 200);
        assert_eq!(snippet.to_html(), "Қалалық <mark>мәслихат</mark> шешімі");
    }

    #[test]
    fn test_window_goes_to_the_matches() {
        let text = format!(
            "{} Здесь речь о тарифах на отопление.",
            "Вводная фраза без совпадений. ".repeat(40)
        );
        let snippet = make_snippet(&text, &terms("тариф отопления"), 80);
        assert!(snippet.fragment.starts_with("… "), "{}", snippet.fragment);
        assert_eq!(snippet.highlights.len(), 2, "{}", snippet.fragment);
    }

    #[test]
    fn test_match_ranges_cover_the_whole_text() {
        let tail = "бюджет";
        let text = format!("{}{tail}", "слово ".repeat(MAX_SCAN_BYTES / 6));
        let ranges = match_ranges(&text, &terms("бюджета"));
        assert_eq!(ranges, [(text.len() - tail.len(), text.len())]);
        assert!(find_matches(&text, &terms("бюджета")).is_empty());
    }

    #[test]
    fn test_no_match_gives_the_beginning() {
        let snippet = make_snippet("Первые слова документа и дальше", &terms("отсутствует"), 60);
        assert!(snippet.fragment.starts_with("Первые слова"));
        assert!(snippet.highlights.is_empty());
    }
}
