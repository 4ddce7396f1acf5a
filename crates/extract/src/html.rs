//! HTML: the visible text only. Scripts, styles, templates, forms' controls and page
//! furniture are dropped — `nav`, `aside`, the page's own `header` and `footer` (those
//! outside `article`/`main`), elements marked `hidden`, `aria-hidden`, `display:none`,
//! with a navigation ARIA role, or whose class or id is a menu, breadcrumb, sidebar,
//! cookie banner or share bar. Block elements end a paragraph; character references are
//! decoded.
//!
//! The charset comes from a byte-order mark, else from `<meta charset>` or
//! `<meta http-equiv content="...; charset=...">` in the first 4 KiB, else from the XML
//! declaration, else from sniffing the bytes as for plain text. A declaration that the
//! bytes contradict (a page that says windows-1251 but is valid UTF-8 with Cyrillic in
//! it, or says UTF-8 but is not) is overruled by the bytes.
//!
//! The parser is a single pass over the page, linear in its size; unclosed elements and
//! stray `<` are read as text browsers would show, never as errors.

use encoding_rs::{Encoding, UTF_8};

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
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "aside", "iframe", "object", "select",
    "button", "textarea", "math",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dd",
    "dt",
    "hr",
    "main",
    "body",
    "title",
    "header",
    "footer",
    "figure",
    "figcaption",
    "address",
    "caption",
    "center",
    "dl",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "thead",
    "tbody",
    "tfoot",
];

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Class or id words that mark page furniture rather than content.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "mainmenu",
    "topmenu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "share",
    "social",
    "banner",
    "advert",
    "skiplink",
];

/// Extracts the visible text of an HTML page.
pub fn html_text(bytes: &[u8]) -> HtmlText {
    let (source, encoding) = decode_page(bytes);
    let lower = source.to_ascii_lowercase(); // same byte offsets as `source`
    let mut out = String::with_capacity(source.len() / 2);
    let mut title: Option<String> = None;
    let mut h1: Option<String> = None;
    let mut h1_unclosed = false; // no `</h1>` ahead: stop looking (keeps the pass linear)
    let mut content_depth = 0usize; // open `article`/`main` elements
    let mut position = 0;
    while let Some(offset) = source[position..].find('<') {
        let start = position + offset;
        out.push_str(&decode_entities(&source[position..start]));
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            position = rest.find("-->").map_or(source.len(), |end| start + end + 3);
            continue;
        }
        if rest.starts_with("<![cdata[") {
            let end = rest.find("]]>").map_or(source.len(), |end| start + end);
            out.push_str(&source[start + 9..end.max(start + 9)]);
            position = (end + 3).min(source.len());
            continue;
        }
        let after_lt = rest.as_bytes().get(1).copied().unwrap_or(b' ');
        if !(after_lt.is_ascii_alphabetic()
            || after_lt == b'/'
            || after_lt == b'!'
            || after_lt == b'?')
        {
            out.push('<'); // A literal `<` in text, as browsers show it.
            position = start + 1;
            continue;
        }
        let end = tag_end(&source, start);
        // `end` is past the `>`, or the end of the text for a tag never closed (where
        // the last byte may be inside a letter, so nothing is cut off then).
        let inner_end =
            if end > start + 1 && source.as_bytes()[end - 1] == b'>' { end - 1 } else { end };
        let tag = &source[start + 1..inner_end.max(start + 1)];
        position = end;
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue; // <!DOCTYPE>, <?xml?>, </ >
        }
        if matches!(name.as_str(), "article" | "main") {
            content_depth =
                if closing { content_depth.saturating_sub(1) } else { content_depth + 1 };
        }
        if !closing && name == "title" {
            let inner_end = find_from(&lower, position, "</title").unwrap_or(source.len());
            let inner = collapse(&decode_entities(&strip_tags(&source[position..inner_end])));
            if title.is_none() && !inner.is_empty() {
                title = Some(inner);
            }
            position = skip_close(&lower, inner_end);
            continue;
        }
        let self_closing = tag.ends_with('/') || VOID.contains(&name.as_str());
        if !closing
            && !self_closing
            && (SKIPPED.contains(&name.as_str()) || is_furniture(&name, tag, content_depth))
        {
            position = skip_element(&lower, position, &name);
            out.push_str("\n\n");
            continue;
        }
        if !closing && name == "h1" && h1.is_none() && !h1_unclosed {
            match find_from(&lower, position, "</h1") {
                Some(inner_end) => {
                    let inner =
                        collapse(&decode_entities(&strip_tags(&source[position..inner_end])));
                    h1 = Some(inner).filter(|inner| !inner.is_empty());
                }
                None => h1_unclosed = true,
            }
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(&source[position..]));
    let title = title.or(h1);
    HtmlText { title, paragraphs: paragraphs_from_text(&out), encoding }
}

/// Decodes the page's bytes with the declared or detected charset.
fn decode_page(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    let declared = declared_charset(bytes).and_then(|label| Encoding::for_label(label.as_bytes()));
    // UTF-16 cannot be declared inside a page read as ASCII; a label saying so is wrong.
    let declared = declared.map(|encoding| encoding.output_encoding());
    match declared {
        Some(encoding) if encoding == UTF_8 => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), UTF_8.name()),
            Err(_) => sniffed(bytes),
        },
        Some(encoding) => {
            if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                // Re-saved as UTF-8 without the meta tag being updated.
                return (String::from_utf8_lossy(bytes).into_owned(), UTF_8.name());
            }
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            (text.into_owned(), encoding.name())
        }
        None => sniffed(bytes),
    }
}

fn sniffed(bytes: &[u8]) -> (String, &'static str) {
    let decoded = decode(bytes);
    (decoded.text, decoded.encoding)
}

/// Finds the charset declared in a `<meta>` tag or the XML declaration, in the first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut position = 0;
    while let Some(offset) = head[position..].find("<meta") {
        let start = position + offset;
        let end = head[start..].find('>').map_or(head.len(), |end| start + end);
        let tag = &head[start..end];
        if let Some(label) = charset_in(tag) {
            return Some(label);
        }
        position = end;
    }
    if head.trim_start().starts_with("<?xml") {
        let declaration = &head[..head.find("?>").unwrap_or(head.len())];
        let at = declaration.find("encoding=")? + "encoding=".len();
        return label_at(&declaration[at..]);
    }
    None
}

fn charset_in(tag: &str) -> Option<String> {
    let at = tag.find("charset")? + "charset".len();
    let rest = tag[at..].trim_start().strip_prefix('=')?;
    label_at(rest.trim_start())
}

fn label_at(text: &str) -> Option<String> {
    let label: String = text
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// The byte after the `>` closing the tag that starts at `start`, skipping `>` inside
/// quoted attribute values (an unclosed quote ends at the next `>` after all).
fn tag_end(source: &str, start: usize) -> usize {
    let bytes = source.as_bytes();
    let mut quote: Option<u8> = None;
    let mut index = start + 1;
    while index < bytes.len() {
        let byte = bytes[index];
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            // Only a quote that opens an attribute value counts.
            None if (byte == b'"' || byte == b'\'')
                && (bytes[index - 1] == b'='
                    || bytes[index - 1].is_ascii_whitespace()
                        && bytes[..index].ends_with(b"= ")) =>
            {
                quote = Some(byte);
            }
            None if byte == b'>' => return index + 1,
            None => {}
        }
        index += 1;
    }
    // An unterminated quote: fall back to the first `>` after the tag start.
    source[start..].find('>').map_or(source.len(), |end| start + end + 1)
}

fn find_from(lower: &str, from: usize, needle: &str) -> Option<usize> {
    lower.get(from..)?.find(needle).map(|offset| from + offset)
}

/// Position after the `>` of the end tag found at `at`.
fn skip_close(lower: &str, at: usize) -> usize {
    lower.get(at..).and_then(|rest| rest.find('>')).map_or(lower.len(), |gt| at + gt + 1)
}

/// Skips to after the end tag matching an element opened just before `from`, counting
/// nested elements of the same name. Raw-text elements end at their first end tag.
fn skip_element(lower: &str, from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    if matches!(name, "script" | "style" | "textarea" | "title" | "noscript") {
        return find_from(lower, from, &close).map_or(lower.len(), |at| skip_close(lower, at));
    }
    let open = format!("<{name}");
    let find_open = |from: usize| {
        let mut from = from;
        while let Some(at) = find_from(lower, from, &open) {
            if lower.as_bytes().get(at + open.len()).is_some_and(|b| !b.is_ascii_alphanumeric()) {
                return Some(at);
            }
            from = at + open.len();
        }
        None
    };
    let mut depth = 1usize;
    let mut position = from;
    // The next opening tag is searched for again only once passed, so the scan is linear.
    let mut next_open = find_open(position);
    loop {
        let next_close = find_from(lower, position, &close);
        if next_open.is_some_and(|at| at < position) {
            next_open = find_open(position);
        }
        match (next_open, next_close) {
            (Some(open_at), Some(close_at)) if open_at < close_at => {
                depth += 1;
                position = open_at + open.len();
            }
            (_, Some(close_at)) => {
                depth -= 1;
                position = skip_close(lower, close_at);
                if depth == 0 {
                    return position;
                }
            }
            (_, None) => return lower.len(),
        }
    }
}

/// Whether an element is page furniture by its name (a page-level header or footer),
/// its attributes (hidden, navigation role) or its class or id words.
fn is_furniture(name: &str, tag: &str, content_depth: usize) -> bool {
    if matches!(name, "header" | "footer") && content_depth == 0 {
        return true;
    }
    if !matches!(
        name,
        "div"
            | "ul"
            | "ol"
            | "section"
            | "span"
            | "p"
            | "table"
            | "header"
            | "footer"
            | "form"
            | "menu"
    ) {
        return false;
    }
    let tag = tag.to_ascii_lowercase();
    let attributes = &tag[name.len()..];
    if attributes
        .split_whitespace()
        .any(|word| word == "hidden" || word.starts_with("hidden=") || word == "hidden/")
        || attributes.contains("aria-hidden=\"true\"")
        || attributes.replace(' ', "").contains("display:none")
    {
        return true;
    }
    if ["role=\"navigation\"", "role=\"banner\"", "role=\"contentinfo\"", "role=\"menu\""]
        .iter()
        .any(|role| attributes.contains(role))
    {
        return true;
    }
    ["class=", "id="].iter().any(|key| {
        attribute_value(attributes, key).is_some_and(|value| {
            value
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|word| FURNITURE_WORDS.contains(&word))
        })
    })
}

fn attribute_value<'a>(attributes: &'a str, key: &str) -> Option<&'a str> {
    let mut search = 0;
    while let Some(offset) = attributes[search..].find(key) {
        let at = search + offset;
        let boundary = at == 0 || attributes.as_bytes()[at - 1].is_ascii_whitespace();
        let value = &attributes[at + key.len()..];
        if boundary {
            return Some(match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
            });
        }
        search = at + key.len();
    }
    None
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

/// Decodes HTML character references: named ones common in Russian pages, and numeric
/// (with the windows-1252 meanings of 128–159 that browsers give them).
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |i| i + 1);
        let name = &rest[1..end];
        let terminated = rest[end..].starts_with(';');
        let decoded =
            if let Some(number) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(number, 16).ok().map(numeric_reference)
            } else if let Some(number) = name.strip_prefix('#') {
                number.parse::<u32>().ok().map(numeric_reference)
            } else if terminated {
                named_entity(name)
            } else {
                None
            };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + usize::from(terminated)..];
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

fn numeric_reference(code: u32) -> char {
    if (0x80..0xA0).contains(&code) {
        let byte = [code as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return text.chars().next().unwrap_or('\u{FFFD}');
    }
    match char::from_u32(code) {
        Some('\0') | None => '\u{FFFD}',
        Some(c) => c,
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "ensp" | "emsp" | "thinsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "mdash" => '—',
        "ndash" => '–',
        "minus" => '−',
        "hellip" => '…',
        "numero" => '№',
        "shy" => '\u{00AD}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "para" => '¶',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "middot" => '·',
        "bull" => '•',
        "euro" => '€',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "prime" => '′',
        "Prime" => '″',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &HtmlText) -> Vec<&str> {
        page.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn test_visible_text_only() {
        let page = "<html><head><title>Решение &laquo;О бюджете&raquo;</title><script>var x = '<p>';</script></head>\
            <body><nav>Главная | Поиск</nav><h1>Решение</h1><p>Текст&nbsp;решения &amp; приложение</p>\
            <!-- комментарий --><p>Второй&#160;абзац</p></body></html>";
        let extracted = html_text(page.as_bytes());
        assert_eq!(extracted.title.as_deref(), Some("Решение «О бюджете»"));
        assert_eq!(texts(&extracted), ["Решение", "Текст решения & приложение", "Второй абзац"]);
    }

    #[test]
    fn test_page_furniture_is_dropped_article_header_kept() {
        let page = r#"<body><header><a href="/">Вестник</a></header>
            <div class="main-menu"><ul><li>Город</li><li><div>Архив</div></li></ul></div>
            <ul class="breadcrumbs"><li>Главная</li></ul>
            <main><article><header><h1>О ремонте школ</h1></header><p>Школы отремонтируют к сентябрю.</p>
            <div style="display: none">скрыто</div><div hidden>тоже скрыто</div>
            <p data-x="a>b">Атрибут с угловой скобкой.</p></article></main>
            <div id="cookie-banner">Мы используем cookie</div><footer>&copy; 2024</footer>
            <form><p>Подпишитесь</p><select><option>ru</option></select><button>OK</button></form></body>"#;
        let extracted = html_text(page.as_bytes());
        assert_eq!(extracted.title.as_deref(), Some("О ремонте школ"));
        assert_eq!(
            texts(&extracted),
            [
                "О ремонте школ",
                "Школы отремонтируют к сентябрю.",
                "Атрибут с угловой скобкой.",
                "Подпишитесь"
            ]
        );
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
    fn test_http_equiv_koi8_and_wrong_declarations() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>Решение совета</p>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(page);
        assert_eq!(html_text(&bytes).encoding, "KOI8-R");
        assert_eq!(html_text(&bytes).paragraphs[0].text, "Решение совета");
        // Says windows-1251, is UTF-8.
        let resaved = html_text("<meta charset=windows-1251><p>Решение совета</p>".as_bytes());
        assert_eq!(
            (resaved.encoding, resaved.paragraphs[0].text.as_str()),
            ("UTF-8", "Решение совета")
        );
        // Says UTF-8, is windows-1251.
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("<meta charset=utf-8><p>Решение городского совета</p>");
        let mislabelled = html_text(&bytes);
        assert_eq!(
            (mislabelled.encoding, mislabelled.paragraphs[0].text.as_str()),
            ("windows-1251", "Решение городского совета")
        );
    }

    #[test]
    fn test_literal_lt_and_entities() {
        let extracted = html_text(
            b"<p>&lt;script&gt;alert(1)&lt;/script&gt; a < b &#150; &copy &amp c &#x41B;</p>",
        );
        assert_eq!(
            extracted.paragraphs[0].text,
            "<script>alert(1)</script> a < b – &copy &amp c Л"
        );
    }

    #[test]
    fn test_unclosed_skipped_element_ends_the_page() {
        let extracted = html_text(b"<p>Text</p><script>never closed <p>hidden");
        assert_eq!(texts(&extracted), ["Text"]);
    }

    #[test]
    fn test_unclosed_tag_at_the_end_after_cyrillic() {
        // Found by the html fuzz target: a tag left open at the end of a page whose last
        // letter is two bytes long.
        let page = "<p>Бюджет</p><a title=\"Кеңеш".as_bytes();
        let text = html_text(page);
        assert!(text.paragraphs.iter().any(|p| p.text.contains("Бюджет")));
    }
}
