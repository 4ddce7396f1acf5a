//! Markdown marks left in text converted from other formats: keep the words, drop the
//! marks (issue 10, item 13: a seed's title showed as `**ВЗАИМОСВЯЗЬ БИБЛИОТЕК …**`).
//!
//! Converters write emphasis as `**bold**`, `__bold__`, `*italic*` or `***both***`, and a
//! heading as a line opening with `#` to `######` and a space. Real text has stars and
//! hashes of its own ("2*3", a footnote star "статья 5*", "* * *", "C#", "#5"), so a mark
//! is dropped only where Markdown itself would read it as one, after CommonMark's
//! flanking rules made stricter:
//!
//! - an opening run has no letter or digit before it and no space after it, a closing
//!   run has no space before it and no letter or digit after it (so "2*3", "a*b" and a
//!   star after a word are never marks);
//! - a closing run drops only together with an opening run of the same character and
//!   length before it in the same paragraph, with a letter or digit between them (a
//!   lone footnote star stays, and so does the blank of a date `__.__.2024`);
//! - `_` counts only doubled or tripled (a single `_` is in names and fill-in blanks),
//!   and runs of four or more of either character are rules or blanks, not marks;
//! - a `#` drops only at the start of a line, one to six of them, followed by a space
//!   or the end of the line (and the closing `#`s of such a heading go too).

/// Returns the text of one paragraph without Markdown heading and emphasis marks. A
/// text with no mark (nearly every paragraph) is given back as it is, not copied.
pub fn strip_markdown(text: String) -> String {
    if !has_marks(&text) {
        return text;
    }
    let lines: Vec<&str> = text.split('\n').map(heading_text).collect();
    strip_emphasis(&lines.join("\n"))
}

/// True if a text has a character that may be part of a mark. A byte scan: the marks are
/// ASCII, and a search for any of three characters decoded each character of the text.
fn has_marks(text: &str) -> bool {
    text.bytes().any(|byte| matches!(byte, b'*' | b'_' | b'#'))
}

/// Returns true if a line is a Markdown heading: up to three spaces, one to six `#`,
/// then a space or the end of the line.
pub(crate) fn is_heading(line: &str) -> bool {
    heading_text(line).len() != line.len()
}

/// The text of a heading line without its marks, or the line itself.
fn heading_text(line: &str) -> &str {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return line;
    }
    let after_indent = &line[indent..];
    let rest = after_indent.trim_start_matches('#');
    let hashes = after_indent.len() - rest.len();
    if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return line;
    }
    let content = rest.trim();
    // A closing sequence: `#`s after a space at the end (`## Title ##`).
    match content.trim_end_matches('#') {
        without
            if without.len() < content.len() && (without.is_empty() || without.ends_with(' ')) =>
        {
            without.trim_end()
        }
        _ => content,
    }
}

/// A run of `*` or `_` that may be an emphasis mark.
struct Run {
    start: usize,
    length: usize,
    mark: char,
    can_open: bool,
    can_close: bool,
}

fn strip_emphasis(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut runs = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let mark = chars[index];
        if mark != '*' && mark != '_' {
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len() && chars[index] == mark {
            index += 1;
        }
        let length = index - start;
        let shortest = if mark == '_' { 2 } else { 1 };
        if !(shortest..=3).contains(&length) {
            continue;
        }
        let before = start.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(index).copied();
        runs.push(Run {
            start,
            length,
            mark,
            can_open: after.is_some_and(|c| !c.is_whitespace())
                && before.is_none_or(|c| !c.is_alphanumeric()),
            can_close: before.is_some_and(|c| !c.is_whitespace())
                && after.is_none_or(|c| !c.is_alphanumeric()),
        });
    }
    let mut dropped = vec![false; chars.len()];
    let mut openers: Vec<&Run> = Vec::new();
    for run in &runs {
        // Emphasis marks words: a pair around nothing but punctuation ("__.__") is not one.
        let opener = run.can_close.then(|| {
            openers.iter().rposition(|open| {
                open.mark == run.mark
                    && open.length == run.length
                    && chars[open.start + open.length..run.start]
                        .iter()
                        .any(|c| c.is_alphanumeric())
            })
        });
        if let Some(Some(position)) = opener {
            let open = openers[position];
            for at in
                (open.start..open.start + open.length).chain(run.start..run.start + run.length)
            {
                dropped[at] = true;
            }
            // Marks opened inside a closed pair cannot close outside it.
            openers.truncate(position);
        } else if run.can_open {
            openers.push(run);
        }
    }
    chars.iter().zip(dropped).filter(|(_, drop)| !drop).map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_emphasis_marks_go_and_words_stay() {
        for (marked, plain) in [
            (
                "**ВЗАИМОСВЯЗЬ БИБЛИОТЕК АЛАМУДУНСКОГО РАЙОНА**",
                "ВЗАИМОСВЯЗЬ БИБЛИОТЕК АЛАМУДУНСКОГО РАЙОНА",
            ),
            ("**ВЗАИМОСВЯЗЬ\nБИБЛИОТЕК**", "ВЗАИМОСВЯЗЬ\nБИБЛИОТЕК"),
            (
                "*Б. Тагаева директор ЦБС Иссык-Куль 2010*",
                "Б. Тагаева директор ЦБС Иссык-Куль 2010",
            ),
            ("__Шешім__ қабылданды", "Шешім қабылданды"),
            ("***Маанилүү!*** Көңүл буруңуз.", "Маанилүү! Көңүл буруңуз."),
            ("(**Статья 5.**) текст, *курсив*, **жирный**.", "(Статья 5.) текст, курсив, жирный."),
            ("«**Бюджет**»", "«Бюджет»"),
        ] {
            assert_eq!(strip_markdown(marked.to_owned()), plain, "{marked}");
        }
    }

    #[test]
    fn test_real_stars_hashes_and_underscores_stay() {
        for text in [
            "2*3 = 6 и 2 * 3 = 6",
            "статья 5* (в ред. закона)",
            "* * *",
            "Примечание: * отмечены пункты, утратившие силу",
            "статьи 5* и 7* утратили силу",
            "Программа на C# и F#",
            "Решение № 5 и #5 в списке",
            "Подпись ____________ дата __.__.2024",
            "имя_файла.txt и snake_case_name",
            "****",
            "**",
            "a**b**c",
            "#хэштег",
        ] {
            assert_eq!(strip_markdown(text.to_owned()), text);
        }
    }

    #[test]
    fn test_headings_lose_their_hashes() {
        assert_eq!(strip_markdown("# РЕШЕНИЕ".to_owned()), "РЕШЕНИЕ");
        assert_eq!(strip_markdown("### О бюджете ###".to_owned()), "О бюджете");
        assert_eq!(
            strip_markdown("## **Статья 1.** Общие положения".to_owned()),
            "Статья 1. Общие положения"
        );
        assert_eq!(strip_markdown("####### seven".to_owned()), "####### seven");
        assert_eq!(strip_markdown("#5 в очереди".to_owned()), "#5 в очереди");
        assert!(is_heading("## Глава 2") && is_heading("#") && !is_heading("C# code"));
    }
}
