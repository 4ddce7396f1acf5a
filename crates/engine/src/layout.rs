//! Keyboard-layout correction: a query typed with the Latin layout active while the
//! user meant Russian (`,.l;tn` for `бюджет`) is retyped on the standard Russian
//! ЙЦУКЕН layout. Used only as a fallback when the query as typed finds nothing.

/// Maps a key of the US QWERTY layout to the letter of the Russian layout on that key.
fn russian_key(c: char) -> Option<char> {
    const QWERTY: &str = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";
    const JCUKEN: &str = "ёйцукенгшщзхъфывапролджэячсмитьбю";
    let lower = c.to_ascii_lowercase();
    let position = QWERTY.chars().position(|k| k == lower)?;
    let mapped = JCUKEN.chars().nth(position)?;
    Some(if c.is_ascii_uppercase() {
        mapped.to_uppercase().next().unwrap_or(mapped)
    } else {
        mapped
    })
}

/// Returns the query retyped on the Russian layout, if it looks like it was typed on
/// the wrong one: only Latin letters, digits, spaces and the punctuation that sits on
/// Russian letter keys, and at least one letter.
pub fn fix_keyboard_layout(query: &str) -> Option<String> {
    let trimmed = query.trim();
    if !trimmed.chars().any(|c| c.is_ascii_alphabetic())
        || trimmed.chars().any(|c| !(c.is_ascii() || c.is_whitespace()))
    {
        return None;
    }
    let mut retyped = String::with_capacity(trimmed.len() * 2);
    for c in trimmed.chars() {
        match russian_key(c) {
            Some(mapped) => retyped.push(mapped),
            None if c.is_whitespace() || c.is_ascii_digit() || c == '-' => retyped.push(c),
            None => return None,
        }
    }
    Some(retyped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_retypes_latin_layout() {
        assert_eq!(fix_keyboard_layout(",.l;tn").as_deref(), Some("бюджет"));
        assert_eq!(fix_keyboard_layout("ujhjlcrjq cjdtn").as_deref(), Some("городской совет"));
        assert_eq!(fix_keyboard_layout("бюджет"), None);
        assert_eq!(fix_keyboard_layout("2024"), None);
    }
}
