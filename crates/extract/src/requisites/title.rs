//! The title of an act.

use super::body::is_title_like;
use super::header::HeaderLine;
use super::readable_case::readable_case;
use super::words::{
    is_caps, normalise_spaces, parenthesised, starts_lowercase, starts_with_any, words,
};

pub(super) fn find_title(
    region: &[HeaderLine],
    last_requisites_line: Option<usize>,
    used_spans: Option<(usize, usize)>,
) -> Option<String> {
    for (index, line) in region.iter().enumerate() {
        if !line.title_like {
            continue;
        }
        let caps = is_caps(&line.text);
        let russian = !matches!(
            words(&line.scan).last().map(|w| w.folded.as_str()),
            Some("туралы" | "жонундо" | "тууралуу")
        );
        let mut parts: Vec<&str> = vec![&line.text];
        if russian {
            // `Об утверждении Правил благоустройства` + `территории города Актау`.
            for next in &region[index + 1..] {
                let continues = !next.title_like
                    && next.kind.is_none()
                    && !next.requisites_only
                    && !parts.last().is_some_and(|p| p.ends_with('.'))
                    && (starts_lowercase(&next.text) || (caps && is_caps(&next.text)));
                if !continues {
                    break;
                }
                parts.push(&next.text);
            }
        } else {
            // `Алматы қаласының 2018 жылға арналған` + `бюджеті туралы`.
            let mut first = index;
            while first > 0 {
                let previous = &region[first - 1];
                let current = &region[first];
                let joins = previous.kind.is_none()
                    && !previous.requisites_only
                    && !previous.title_like
                    && (starts_lowercase(&current.text)
                        || (caps
                            && is_caps(&previous.text)
                            && last_requisites_line.is_some_and(|last| first - 1 > last)));
                if !joins {
                    break;
                }
                first -= 1;
            }
            parts = region[first..=index].iter().map(|l| l.text.as_str()).collect();
        }
        return tidy_title(&parts.join(" "));
    }
    // A header joined into one paragraph: the title follows the number or the date.
    let (index, end) = used_spans?;
    let rest = region[index].text.get(end..)?.trim_start_matches([' ', '.', ',', ';', ':']);
    if is_title_like(rest) {
        return tidy_title(rest);
    }
    None
}

/// A code is named, not titled: `ВОДНЫЙ КОДЕКС КЫРГЫЗСКОЙ РЕСПУБЛИКИ`.
pub(super) fn code_title(region: &[HeaderLine], date_line: Option<usize>) -> Option<String> {
    let end = date_line?;
    let first = (0..end)
        .find(|&i| words(&region[i].text).iter().any(|w| w.folded.starts_with("кодекс")))?;
    let parts: Vec<&str> = region[first..end]
        .iter()
        .take_while(|line| line.numbers.is_empty() && line.dates.is_empty())
        .map(|line| line.text.as_str())
        .collect();
    tidy_title(&parts.join(" "))
}

/// Words of a trailing parenthesis that is a note, not part of a title.
pub(super) const TITLE_NOTES: &[&str] =
    &["изменени", "редакци", "дополнени", "утратил", "озгерис", "озгорт", "жойыл"];

pub(super) fn tidy_title(text: &str) -> Option<String> {
    let mut title = normalise_spaces(text).trim().to_owned();
    if title.ends_with(')') {
        if let Some(&(start, _)) = parenthesised(&title).last() {
            let note = words(&title[start..]);
            if note.iter().any(|w| starts_with_any(&w.folded, TITLE_NOTES)) {
                title.truncate(start);
            }
        }
    }
    let title = title.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    if title.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some(readable_case(title))
}
