//! Act numbers: `№ 12-п`, `No 4`, `N 15-3`.

/// Finds a number after `№`, `No` or `N` in a line: `№ 12-п` gives `12-п`. The number is
/// letters, digits, `-` and `/` (and `.` between digits), so the next word is not eaten.
pub fn parse_number(line: &str) -> Option<String> {
    find_numbers(line).into_iter().next().map(|found| found.value)
}
/// Something found in a line, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found<T> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: T,
}

/// Numbers after `№`, `No`, `N` (the sign included in the span).
pub(super) fn find_numbers(text: &str) -> Vec<Found<String>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |index: usize| chars.get(index).map_or(text.len(), |&(byte, _)| byte);
    let mut found = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let (start, c) = chars[index];
        let previous_alphanumeric = index > 0 && chars[index - 1].1.is_alphanumeric();
        let mut next = index + 1;
        if c == '№' {
            while next < chars.len() && chars[next].1 == '№' {
                next += 1;
            }
        } else if c == 'N' && !previous_alphanumeric {
            if next < chars.len() && matches!(chars[next].1, 'o' | 'о' | 'º' | '°') {
                next += 1;
            }
            if next < chars.len() && chars[next].1.is_alphabetic() {
                index += 1;
                continue;
            }
        } else {
            index += 1;
            continue;
        }
        while next < chars.len()
            && (matches!(chars[next].1, '.' | ':') || chars[next].1.is_whitespace())
        {
            next += 1;
        }
        let token_start = next;
        let mut end = token_start;
        while end < chars.len() {
            let ch = chars[end].1;
            let digit_follows = chars.get(end + 1).is_some_and(|&(_, c)| c.is_ascii_digit());
            if ch.is_alphanumeric()
                || matches!(ch, '-' | '/' | '\\' | '–')
                || (ch == '.' && digit_follows)
            {
                end += 1;
            } else {
                break;
            }
        }
        while end > token_start && matches!(chars[end - 1].1, '-' | '/' | '\\' | '–') {
            end -= 1;
        }
        let value = &text[byte_at(token_start)..byte_at(end)];
        if value.chars().any(|c| c.is_ascii_digit()) && value.chars().count() <= 40 {
            found.push(Found { start, end: byte_at(end), value: value.replace('–', "-") });
            index = end;
        } else {
            index = next.max(index + 1);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_numbers() {
        let cases: &[(&str, Option<&str>)] = &[
            ("№ 12-п", Some("12-п")),
            ("№12-п", Some("12-п")),
            ("No 33", Some("33")),
            ("N 33", Some("33")),
            ("N33", Some("33")),
            ("№ 4-10002", Some("4-10002")),
            ("№ 15/3", Some("15/3")),
            ("№ 123-VI", Some("123-VI")),
            ("№ 01-04/215", Some("01-04/215")),
            ("№ ПП-12", Some("ПП-12")),
            ("№ 12-п О бюджете", Some("12-п")),
            ("№ 33 шешімі", Some("33")),
            ("№ 33. Зарегистрировано", Some("33")),
            ("от 12.03.2018 № 5,", Some("5")),
            ("№ ____", None),
            ("Новый закон", None),
            ("Note 5", None),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_number(line).as_deref(), *expected, "number in {line:?}");
        }
    }
}
