//! RTF: the document text, with `\'xx` bytes decoded in the code page of the current
//! font (`\fcharset204` is windows-1251) or of the document (`\ansicpg1251`), and `\uN`
//! characters (Kazakh and Kyrgyz letters, which no Cyrillic code page has) with their
//! `\ucN` fallback skipped.
//!
//! Font, colour and style tables, document info, pictures, objects, field instructions
//! and every `{\*\...}` destination are left out; page headers, footers and footnotes are
//! put after the body. `\par`, `\line`, `\page`, `\sect`, `\cell` and `\row` end a paragraph.
//! A document that names no code page is read as windows-1251, the likeliest one here.
//!
//! Nesting deeper than [`MAX_DEPTH`] groups is read as if flat, so a hostile file cannot
//! make the group stack grow with its size.

use encoding_rs::{Encoding, WINDOWS_1251};

use crate::document::{paragraphs_from_text, Paragraph};

/// Deepest group nesting kept on the stack.
pub const MAX_DEPTH: usize = 512;

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Destination {
    Body,
    Aside,
    FontTable,
    Skip,
}

#[derive(Debug, Clone, Copy)]
struct Group {
    destination: Destination,
    /// Fallback characters to skip after `\uN`.
    uc: u32,
    /// Current font number (`\fN`), if any.
    font: Option<i32>,
}

struct Parser<'a> {
    bytes: &'a [u8],
    position: usize,
    stack: Vec<Group>,
    overflow: usize,
    group: Group,
    /// Code page of the document.
    codepage: &'static Encoding,
    default_font: Option<i32>,
    /// Font number -> its encoding, from the font table.
    fonts: Vec<(i32, &'static Encoding)>,
    /// Font being defined in the font table.
    defining_font: Option<i32>,
    /// Bytes of `\'xx` escapes and raw 8-bit text not yet decoded.
    pending: Vec<u8>,
    /// Fallback characters still to skip.
    skip_fallback: u32,
    high_surrogate: Option<u16>,
    body: String,
    aside: String,
    warnings: Vec<String>,
}

/// Extracts the paragraphs of an RTF document, with warnings.
pub fn rtf_paragraphs(bytes: &[u8]) -> Result<(Vec<Paragraph>, Vec<String>), String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    if !bytes[start..].starts_with(b"{\\rtf") {
        return Err("does not start with {\\rtf".to_owned());
    }
    let root = Group { destination: Destination::Body, uc: 1, font: None };
    let mut parser = Parser {
        bytes,
        position: start,
        stack: Vec::new(),
        overflow: 0,
        group: root,
        codepage: WINDOWS_1251,
        default_font: None,
        fonts: Vec::new(),
        defining_font: None,
        pending: Vec::new(),
        skip_fallback: 0,
        high_surrogate: None,
        body: String::with_capacity(bytes.len() / 4),
        aside: String::new(),
        warnings: Vec::new(),
    };
    parser.run();
    let Parser { body, aside, mut warnings, stack, .. } = parser;
    if !stack.is_empty() {
        warnings.push(format!("{} group(s) left open: the file is truncated", stack.len()));
    }
    let mut paragraphs = paragraphs_from_text(&body);
    paragraphs.extend(paragraphs_from_text(&aside));
    Ok((paragraphs, warnings))
}

impl Parser<'_> {
    fn run(&mut self) {
        while self.position < self.bytes.len() {
            let byte = self.bytes[self.position];
            self.position += 1;
            match byte {
                b'{' => {
                    self.flush();
                    self.skip_fallback = 0;
                    if self.stack.len() >= MAX_DEPTH {
                        if self.overflow == 0 {
                            self.warnings.push(format!("groups nested deeper than {MAX_DEPTH}"));
                        }
                        self.overflow += 1;
                    } else {
                        self.stack.push(self.group);
                    }
                }
                b'}' => {
                    self.flush();
                    self.skip_fallback = 0;
                    if self.overflow > 0 {
                        self.overflow -= 1;
                    } else if let Some(group) = self.stack.pop() {
                        if self.group.destination == Destination::FontTable {
                            self.defining_font = None;
                        }
                        self.group = group;
                    } else {
                        // The closing brace of the document; anything after it is ignored.
                        return;
                    }
                }
                b'\\' => self.control(),
                b'\r' | b'\n' | 0 => {}
                _ => {
                    if self.skip_fallback > 0 {
                        self.skip_fallback -= 1;
                    } else if byte < 0x80 {
                        self.push_char(byte as char);
                    } else {
                        self.pending.push(byte);
                    }
                }
            }
        }
        self.flush();
    }

    fn control(&mut self) {
        let Some(&first) = self.bytes.get(self.position) else { return };
        self.position += 1;
        if first.is_ascii_alphabetic() {
            let word_start = self.position - 1;
            while self.position < self.bytes.len()
                && self.bytes[self.position].is_ascii_alphabetic()
                && self.position - word_start < 32
            {
                self.position += 1;
            }
            let word_end = self.position;
            let mut parameter: Option<i64> = None;
            let negative = self.bytes.get(self.position) == Some(&b'-');
            let digits_start = self.position + usize::from(negative);
            let mut digits_end = digits_start;
            while digits_end < self.bytes.len()
                && self.bytes[digits_end].is_ascii_digit()
                && digits_end - digits_start < 10
            {
                digits_end += 1;
            }
            if digits_end > digits_start {
                let value: i64 = std::str::from_utf8(&self.bytes[digits_start..digits_end])
                    .ok()
                    .and_then(|digits| digits.parse().ok())
                    .unwrap_or(0);
                parameter = Some(if negative { -value } else { value });
                self.position = digits_end;
            }
            if self.bytes.get(self.position) == Some(&b' ') {
                self.position += 1;
            }
            let word = std::str::from_utf8(&self.bytes[word_start..word_end]).unwrap_or("");
            self.word(word, parameter);
            return;
        }
        match first {
            b'\'' => {
                let hex = self.bytes.get(self.position..self.position + 2);
                let value = hex
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                if let Some(value) = value {
                    self.position += 2;
                    if self.skip_fallback > 0 {
                        self.skip_fallback -= 1;
                    } else if self.group.destination != Destination::Skip {
                        self.pending.push(value);
                    }
                }
            }
            b'*' => self.group.destination = Destination::Skip,
            b'\\' | b'{' | b'}' => self.text_char(first as char),
            b'~' => self.text_char('\u{00A0}'),
            b'_' => self.text_char('-'),
            b'-' => self.text_char('\u{00AD}'),
            b'\r' | b'\n' => self.paragraph_break(),
            _ => {} // `\:` index sub-entry, `\|` and the rest.
        }
    }

    fn word(&mut self, word: &str, parameter: Option<i64>) {
        // A control word during `\uN` fallback counts as one fallback character.
        if self.skip_fallback > 0 && word != "u" {
            self.skip_fallback -= 1;
            return;
        }
        match word {
            "u" => {
                let value = parameter.unwrap_or(0);
                let unit = if value < 0 { value + 65_536 } else { value } as u32;
                self.unicode(unit);
                self.skip_fallback = self.group.uc;
            }
            "uc" => self.group.uc = parameter.unwrap_or(1).clamp(0, 8) as u32,
            "bin" => {
                self.flush();
                let length = parameter.unwrap_or(0).max(0) as usize;
                self.position = self.position.saturating_add(length).min(self.bytes.len());
            }
            "ansicpg" => {
                if let Some(encoding) = parameter.and_then(codepage_encoding) {
                    self.codepage = encoding;
                }
            }
            "mac" => self.codepage = encoding_rs::MACINTOSH,
            "deff" => self.default_font = parameter.map(|p| p as i32),
            "f" => {
                self.flush();
                let number = parameter.map(|p| p as i32);
                if self.group.destination == Destination::FontTable {
                    self.defining_font = number;
                } else {
                    self.group.font = number;
                }
            }
            "fcharset" => {
                if let (Some(font), Some(encoding)) =
                    (self.defining_font, parameter.and_then(charset_encoding))
                {
                    self.fonts.retain(|(number, _)| *number != font);
                    self.fonts.push((font, encoding));
                }
            }
            "plain" => {
                self.flush();
                self.group.font = None;
            }
            "par" | "line" | "page" | "sect" | "cell" | "nestcell" | "row" | "nestrow" => {
                self.paragraph_break()
            }
            "tab" | "emspace" | "enspace" | "qmspace" => self.text_char(' '),
            "emdash" => self.text_char('—'),
            "endash" => self.text_char('–'),
            "bullet" => self.text_char('•'),
            "lquote" => self.text_char('‘'),
            "rquote" => self.text_char('’'),
            "ldblquote" => self.text_char('“'),
            "rdblquote" => self.text_char('”'),
            "fonttbl" => self.set_destination(Destination::FontTable),
            "header" | "headerl" | "headerr" | "headerf" | "footer" | "footerl" | "footerr"
            | "footerf" | "footnote" => {
                self.flush();
                self.set_destination(Destination::Aside);
                self.paragraph_break();
            }
            "colortbl" | "stylesheet" | "info" | "pict" | "object" | "objdata" | "themedata"
            | "colorschememapping" | "datastore" | "latentstyles" | "listtable"
            | "listoverridetable" | "revtbl" | "rsidtbl" | "generator" | "xmlnstbl" | "mmathPr"
            | "fldinst" | "pgdsctbl" | "filetbl" | "nonshppict" | "bkmkstart" | "bkmkend"
            | "template" | "docvar" | "userprops" | "sp" | "shprslt" | "xe" | "tc" | "txe"
            | "pntxta" | "pntxtb" | "wgrffmtfilter" | "atnid" | "atnauthor" | "annotation"
            | "fchars" | "lchars" => self.set_destination(Destination::Skip),
            _ => {}
        }
    }

    fn set_destination(&mut self, destination: Destination) {
        if self.group.destination != Destination::Skip {
            self.group.destination = destination;
        }
    }

    fn unicode(&mut self, unit: u32) {
        let unit = unit as u16;
        if (0xD800..0xDC00).contains(&unit) {
            self.high_surrogate = Some(unit);
            return;
        }
        let c = if (0xDC00..0xE000).contains(&unit) {
            self.high_surrogate
                .take()
                .and_then(|high| char::decode_utf16([high, unit]).next()?.ok())
        } else {
            char::from_u32(u32::from(unit))
        };
        if let Some(c) = c {
            self.text_char(c);
        }
    }

    fn current_encoding(&self) -> &'static Encoding {
        let font = self.group.font.or(self.default_font);
        font.and_then(|font| {
            self.fonts.iter().find(|(number, _)| *number == font).map(|(_, encoding)| *encoding)
        })
        .unwrap_or(self.codepage)
    }

    /// Decodes pending 8-bit bytes into the text.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        let (text, _, _) = self.current_encoding().decode(&bytes);
        let text = text.into_owned();
        self.push_str(&text);
    }

    fn text_char(&mut self, c: char) {
        self.flush();
        self.push_char(c);
    }

    fn push_char(&mut self, c: char) {
        if !self.pending.is_empty() {
            self.flush();
        }
        self.high_surrogate = None;
        let mut buffer = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buffer));
    }

    fn push_str(&mut self, text: &str) {
        match self.group.destination {
            Destination::Body => self.body.push_str(text),
            Destination::Aside => self.aside.push_str(text),
            Destination::FontTable | Destination::Skip => {}
        }
    }

    fn paragraph_break(&mut self) {
        self.flush();
        self.push_str("\n\n");
    }
}

/// The encoding of an `\ansicpgN` code page.
fn codepage_encoding(codepage: i64) -> Option<&'static Encoding> {
    let label = match codepage {
        866 => "ibm866".to_owned(),
        874 | 1250..=1258 => format!("windows-{codepage}"),
        20866 => "koi8-r".to_owned(),
        21866 => "koi8-u".to_owned(),
        10007 => "x-mac-cyrillic".to_owned(),
        10000 => "macintosh".to_owned(),
        65001 => "utf-8".to_owned(),
        932 => "shift_jis".to_owned(),
        936 => "gbk".to_owned(),
        949 => "euc-kr".to_owned(),
        950 => "big5".to_owned(),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

/// The encoding of a font's `\fcharsetN`; `None` means the document's code page.
fn charset_encoding(charset: i64) -> Option<&'static Encoding> {
    let label = match charset {
        77 => "macintosh",
        128 => "shift_jis",
        129 => "euc-kr",
        134 => "gbk",
        136 => "big5",
        161 => "windows-1253",
        162 => "windows-1254",
        163 => "windows-1258",
        177 => "windows-1255",
        178 => "windows-1256",
        186 => "windows-1257",
        204 => "windows-1251",
        222 => "windows-874",
        238 => "windows-1250",
        255 => "ibm866",
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rtf: &str) -> Vec<String> {
        rtf_paragraphs(rtf.as_bytes()).unwrap().0.into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn test_cp1251_escapes_and_unicode() {
        let rtf = r#"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset204 Times New Roman;}}
{\colortbl;\red0\green0\blue0;}{\*\generator Writer}{\info{\title \'cd\'e5 \'f2\'e5\'ea\'f1\'f2}}
\pard\plain \f0\'d0\'c5\'d8\'c5\'cd\'c8\'c5\par
\u1178?\'e0\'eb\'e0 \u1073?\u1102?\u1076?\u1078?\u1077?\u1090?\u1110?\line \'c1\'fe\'e4\'e6\'e5\'f2 \'e3\'ee\'f0\'ee\'e4\'e0\par
{\field{\*\fldinst HYPERLINK "x"}{\fldrslt \'f1\'f1\'fb\'eb\'ea\'e0}}\tab\'e8\'f2\'ee\'e3\par
}"#;
        assert_eq!(texts(rtf), ["РЕШЕНИЕ", "Қала бюджеті", "Бюджет города", "ссылка итог"]);
    }

    #[test]
    fn test_uc_fallback_and_surrogates() {
        let rtf =
            r"{\rtf1\ansi\ansicpg1251\uc2 \u1187\'3f\'3f\u1199??\uc0\u1257 \u-10179\u-8704  end}";
        assert_eq!(texts(rtf), ["ңүө\u{1F600} end"]);
    }

    #[test]
    fn test_font_charset_overrides_codepage_and_notes_go_last() {
        let rtf = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset204 Arial Cyr;}}
{\header \pard \f1\'ce\'f4\'e8\'f6\'e8\'e0\'eb\'fc\'ed\'ee\par}\f1\'d2\'e5\'ea\'f1\'f2{\super\chftn}{\footnote \f1\'d1\'ed\'ee\'f1\'ea\'e0}\f0  caf\'e9\par}";
        assert_eq!(texts(rtf), ["Текст café", "Официально", "Сноска"]);
    }

    #[test]
    fn test_not_rtf_and_deep_nesting() {
        assert!(rtf_paragraphs(b"plain").is_err());
        let mut deep = String::from(r"{\rtf1 ");
        deep.push_str(&"{".repeat(100_000));
        deep.push_str("deep text");
        let (paragraphs, warnings) = rtf_paragraphs(deep.as_bytes()).unwrap();
        assert_eq!(paragraphs[0].text, "deep text");
        assert!(warnings.iter().any(|w| w.contains("nested")), "{warnings:?}");
    }
}
