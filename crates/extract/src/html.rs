//! HTML: the visible text only. Scripts, styles, templates and navigation (`nav`,
//! `header`/`footer` of the page, `aside`) are dropped; block elements end a paragraph;
//! character references are decoded. The charset comes from the `<meta>` tag, else
//! from sniffing the bytes as for plain text.

use encoding_rs::Encoding;

use crate::document::{paragraphs_from_text, Paragraph};
use crate::text::decode;

/// The text of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlText {
    /// The `<title>` (or first `<h1>`), if any.
    pub title: Option<String>,
    /// The visible text in paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// The encoding the page was decoded from.
    pub encoding: &'static str,
}

/// Elements whose content is never visible text or is page furniture.
const SKIPPED: &[&str] =
    &["script", "style", "noscript", "template", "svg", "nav", "aside", "iframe", "object"];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section",
    "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "hr", "main", "body", "title",
];

/// Extracts the visible text of an HTML page.
pub fn html_text(bytes: &[u8]) -> HtmlText {
    let (source, encoding) = match meta_charset(bytes).and_then(|label| Encoding::for_label(label.as_bytes())) {
        Some(encoding) => (encoding.decode_with_bom_removal(bytes).0.into_owned(), encoding.name()),
        None => {
            let decoded = decode(bytes);
            (decoded.text, decoded.encoding)
        }
    };
    let mut out = String::with_capacity(source.len() / 2);
    let mut title = None;
    let mut h1 = None;
    let mut rest = source.as_str();
    while let Some(start) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..start]));
        rest = &rest[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(end) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && (name == "title" || name == "h1") {
            let close = format!("</{name}");
            let inner_end = find_ignore_case(rest, &close).unwrap_or(rest.len());
            let inner = strip_tags(&rest[..inner_end]);
            let inner = collapse(&decode_entities(&inner));
            if name == "title" {
                title.get_or_insert(inner);
                rest = &rest[inner_end..];
                continue;
            }
            h1.get_or_insert(inner);
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            let close = format!("</{name}");
            rest = match find_ignore_case(rest, &close) {
                Some(position) => {
                    let after = &rest[position..];
                    after.find('>').map_or("", |gt| &after[gt + 1..])
                }
                None => "",
            };
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    let title = title.filter(|t| !t.is_empty()).or(h1.filter(|t| !t.is_empty()));
    HtmlText { title, paragraphs: paragraphs_from_text(&out), encoding }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let lower = haystack.to_ascii_lowercase();
    lower.find(&needle.to_ascii_lowercase())
}

fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds `charset=` in the first 4 KiB of the page.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let position = head.find("charset=")? + "charset=".len();
    let label: String = head[position..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Decodes HTML character references: named ones common in Russian pages, and numeric.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1);
        let decoded = end.filter(|&end| rest[end..].starts_with(';')).and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(number) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(number, 16).ok().and_then(char::from_u32)
            } else if let Some(number) = name.strip_prefix('#') {
                number.parse().ok().and_then(char::from_u32)
            } else {
                named_entity(name)
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "numero" => '№',
        "shy" => '\u{00AD}',
        "copy" => '©',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_visible_text_only() {
        let page = "<html><head><title>Решение &laquo;О бюджете&raquo;</title><script>var x = '<p>';</script></head>\
            <body><nav>Главная | Поиск</nav><h1>Решение</h1><p>Текст&nbsp;решения &amp; приложение</p>\
            <!-- комментарий --><p>Второй&#160;абзац</p></body></html>";
        let extracted = html_text(page.as_bytes());
        assert_eq!(extracted.title.as_deref(), Some("Решение «О бюджете»"));
        let texts: Vec<&str> = extracted.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Решение", "Текст решения & приложение", "Второй абзац"]);
    }

    #[test]
    fn test_meta_charset_windows_1251() {
        let body = "<meta charset=\"windows-1251\"><p>Қала бюджеті</p><p>Бюджет города</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(body);
        let extracted = html_text(&bytes);
        assert_eq!(extracted.encoding, "windows-1251");
        assert!(extracted.paragraphs.iter().any(|p| p.text == "Бюджет города"));
    }

    #[test]
    fn test_literal_lt_in_text_is_kept_escaped_later() {
        let extracted = html_text(b"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assert_eq!(extracted.paragraphs[0].text, "<script>alert(1)</script>");
    }
}
