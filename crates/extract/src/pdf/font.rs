//! Fonts: from the codes in a shown string to Unicode text and glyph widths.
//!
//! Text is decoded through the font's `ToUnicode` CMap first; codes it does not map
//! fall back to the simple font's encoding (`WinAnsiEncoding`, `MacRomanEncoding`,
//! `StandardEncoding`, a `Differences` array naming glyphs such as `afii10017` or
//! `uni0410`). A simple font with no `ToUnicode` and no `Differences` whose strings are
//! mostly bytes `0xC0..=0xFF` is read as windows-1251: Russian PDFs made by old
//! drivers write Cyrillic that way under a font that claims WinAnsi. Widths come from
//! `Widths`/`FirstChar` (simple fonts) or `W`/`DW` (CID fonts), scaled by `FontMatrix`
//! for Type 3 fonts.

use std::cell::Cell;
use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::content::{Lexer, Operand, Token};

/// Most code-to-text or code-to-width entries one font may define; ranges beyond
/// that are cut, so a hostile CMap cannot allocate without bound.
const MAX_MAP_ENTRIES: usize = 1 << 17;
/// Largest decompressed `ToUnicode` stream read, in bytes.
const MAX_CMAP_BYTES: usize = 4 << 20;

/// What one code maps to.
#[derive(Debug, Clone)]
enum Mapped {
    One(char),
    Many(Box<str>),
}

/// The text of one glyph.
#[derive(Debug, Clone, Copy)]
pub(crate) enum GlyphText<'a> {
    /// The code maps to nothing zan can show.
    None,
    /// One character.
    Char(char),
    /// Several characters (a ligature, a decomposed letter).
    Str(&'a str),
}

/// How the codes of a string are split.
#[derive(Debug, Clone)]
enum Codes {
    /// One byte per code (simple fonts).
    OneByte,
    /// Two bytes per code (Identity-H/V and most CID fonts).
    TwoBytes,
    /// Code lengths given by the codespace ranges of the CMap: (length, low, high).
    Ranges(Vec<(u8, u32, u32)>),
}

/// A font as far as text extraction needs it.
#[derive(Debug)]
pub(crate) struct Font {
    codes: Codes,
    to_unicode: HashMap<u32, Mapped>,
    /// The encoding of a simple font, code -> char (`'\0'`: not mapped).
    encoding: Option<Box<[char; 256]>>,
    /// Codes of a Type 0 font whose encoding is a Unicode CMap (`Uni...-UCS2-H`, `...-UTF16-H`).
    unicode_codes: bool,
    /// A simple font whose strings may be windows-1251 (no ToUnicode, no Differences).
    may_be_cp1251: bool,
    /// Set once a string of this font has been judged windows-1251.
    is_cp1251: Cell<bool>,
    first_char: u32,
    widths: Vec<f32>,
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space (0.001 except for Type 3 fonts).
    scale: f32,
    /// Codes nothing could map, counted for a warning.
    pub(crate) unmapped: Cell<usize>,
    /// The font's name, for warnings.
    pub(crate) name: String,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read is left out, and the
    /// font then maps fewer codes.
    pub(crate) fn load(document: &Document, dictionary: &Dictionary) -> Font {
        let subtype = name_of(document, dictionary.get(b"Subtype").ok()).unwrap_or_default();
        let name = name_of(document, dictionary.get(b"BaseFont").ok())
            .map(|n| String::from_utf8_lossy(&n).into_owned())
            .unwrap_or_else(|| "(unnamed)".to_owned());
        let mut font = Font {
            codes: Codes::OneByte,
            to_unicode: HashMap::new(),
            encoding: None,
            unicode_codes: false,
            may_be_cp1251: false,
            is_cp1251: Cell::new(false),
            first_char: 0,
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: 0.0,
            scale: 0.001,
            unmapped: Cell::new(0),
            name,
        };
        let mut codespace = Vec::new();
        if let Some(stream) =
            deref(document, dictionary.get(b"ToUnicode").ok()).and_then(|o| o.as_stream().ok())
        {
            if let Ok(bytes) = stream.get_plain_content_with_limit(MAX_CMAP_BYTES) {
                codespace = parse_to_unicode(&bytes, &mut font.to_unicode);
            }
        }
        if subtype == b"Type0" {
            font.load_type0(document, dictionary, codespace);
        } else {
            font.load_simple(document, dictionary, &subtype);
        }
        font
    }

    fn load_type0(
        &mut self,
        document: &Document,
        dictionary: &Dictionary,
        codespace: Vec<(u8, u32, u32)>,
    ) {
        let encoding = deref(document, dictionary.get(b"Encoding").ok());
        self.codes = Codes::TwoBytes;
        match encoding {
            Some(Object::Name(name)) => {
                self.unicode_codes = name.starts_with(b"Uni")
                    && (name.windows(4).any(|w| w == b"UCS2")
                        || name.windows(5).any(|w| w == b"UTF16"));
            }
            Some(Object::Stream(stream)) => {
                if let Ok(bytes) = stream.get_plain_content_with_limit(MAX_CMAP_BYTES) {
                    let ranges = parse_to_unicode(&bytes, &mut HashMap::new());
                    if !ranges.is_empty() {
                        self.codes = Codes::Ranges(ranges);
                    }
                }
            }
            _ => {}
        }
        if matches!(self.codes, Codes::TwoBytes)
            && !codespace.is_empty()
            && codespace.iter().any(|r| r.0 != 2)
        {
            self.codes = Codes::Ranges(codespace);
        }
        let descendant = deref(document, dictionary.get(b"DescendantFonts").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(document, Some(o)))
            .and_then(|o| o.as_dict().ok());
        self.default_width = 1000.0;
        if let Some(cid_font) = descendant {
            if let Some(dw) = deref(document, cid_font.get(b"DW").ok()).and_then(number) {
                self.default_width = dw;
            }
            if let Some(w) =
                deref(document, cid_font.get(b"W").ok()).and_then(|o| o.as_array().ok())
            {
                self.load_cid_widths(document, w);
            }
        }
    }

    fn load_cid_widths(&mut self, document: &Document, w: &[Object]) {
        let mut index = 0;
        while index < w.len() && self.cid_widths.len() < MAX_MAP_ENTRIES {
            let Some(first) = deref(document, w.get(index)).and_then(number) else { break };
            match deref(document, w.get(index + 1)) {
                Some(Object::Array(list)) => {
                    for (offset, width) in list.iter().enumerate().take(MAX_MAP_ENTRIES) {
                        if let Some(width) = deref(document, Some(width)).and_then(number) {
                            self.cid_widths.insert(first as u32 + offset as u32, width);
                        }
                    }
                    index += 2;
                }
                Some(last) => {
                    let (Some(last), Some(width)) =
                        (number(last), deref(document, w.get(index + 2)).and_then(number))
                    else {
                        break;
                    };
                    let (first, last) = (first.max(0.0) as u32, last.max(0.0) as u32);
                    for code in first..=last.min(first.saturating_add(MAX_MAP_ENTRIES as u32)) {
                        self.cid_widths.insert(code, width);
                    }
                    index += 3;
                }
                None => break,
            }
        }
    }

    fn load_simple(&mut self, document: &Document, dictionary: &Dictionary, subtype: &[u8]) {
        self.first_char = deref(document, dictionary.get(b"FirstChar").ok())
            .and_then(number)
            .unwrap_or(0.0)
            .max(0.0) as u32;
        if let Some(widths) =
            deref(document, dictionary.get(b"Widths").ok()).and_then(|o| o.as_array().ok())
        {
            self.widths = widths
                .iter()
                .take(256)
                .map(|w| deref(document, Some(w)).and_then(number).unwrap_or(0.0))
                .collect();
        }
        let descriptor =
            deref(document, dictionary.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
        self.default_width = descriptor
            .and_then(|d| deref(document, d.get(b"MissingWidth").ok()))
            .and_then(number)
            .filter(|w| *w > 0.0)
            .unwrap_or(500.0);
        if subtype == b"Type3" {
            if let Some(matrix) =
                deref(document, dictionary.get(b"FontMatrix").ok()).and_then(|o| o.as_array().ok())
            {
                if let Some(a) = matrix.first().and_then(number) {
                    if a.is_finite() && a != 0.0 {
                        self.scale = a.abs();
                    }
                }
            }
        }
        let symbolic = descriptor
            .and_then(|d| deref(document, d.get(b"Flags").ok()))
            .and_then(number)
            .is_some_and(|flags| (flags as i64) & 4 != 0);
        let encoding = deref(document, dictionary.get(b"Encoding").ok());
        let (base, differences) = match encoding {
            Some(Object::Name(name)) => (Some(name.as_slice()), None),
            Some(Object::Dictionary(dict)) => (
                deref(document, dict.get(b"BaseEncoding").ok()).and_then(|o| o.as_name().ok()),
                deref(document, dict.get(b"Differences").ok()).and_then(|o| o.as_array().ok()),
            ),
            _ => (None, None),
        };
        let mut table = base_encoding(base, symbolic);
        if let Some(differences) = differences {
            let mut code = 0usize;
            for item in differences {
                match deref(document, Some(item)) {
                    Some(Object::Integer(n)) => code = (*n).clamp(0, 256) as usize,
                    Some(Object::Real(n)) => code = n.clamp(0.0, 256.0) as usize,
                    Some(Object::Name(glyph)) => {
                        if code < 256 {
                            table[code] = glyph_to_char(glyph).unwrap_or('\0');
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        self.may_be_cp1251 = differences.is_none()
            && self.to_unicode.is_empty()
            && !symbolic
            && matches!(base, None | Some(b"WinAnsiEncoding") | Some(b"StandardEncoding"));
        self.encoding = Some(table);
    }

    /// Calls `glyph` for each code of `bytes` with its text, its width in text space
    /// units (before font size), and whether it is the one-byte code 32 (which takes word
    /// spacing).
    pub(crate) fn decode(&self, bytes: &[u8], mut glyph: impl FnMut(GlyphText<'_>, f32, bool)) {
        let cp1251 = self.may_be_cp1251 && (self.is_cp1251.get() || self.looks_cp1251(bytes));
        let mut index = 0;
        while index < bytes.len() {
            let (code, length) = self.next_code(&bytes[index..]);
            index += length;
            let width = self.width(code) * self.scale;
            let text = match self.to_unicode.get(&code) {
                Some(Mapped::One(c)) => GlyphText::Char(*c),
                Some(Mapped::Many(s)) => GlyphText::Str(s),
                None => self.fallback(code, cp1251),
            };
            if matches!(text, GlyphText::None) {
                self.unmapped.set(self.unmapped.get() + 1);
            }
            glyph(text, width, length == 1 && code == 32);
        }
    }

    fn fallback(&self, code: u32, cp1251: bool) -> GlyphText<'static> {
        if cp1251 && code >= 0x80 {
            return match cp1251_char(code as u8) {
                Some(c) => GlyphText::Char(c),
                None => GlyphText::None,
            };
        }
        if let Some(table) = &self.encoding {
            let c = table.get(code as usize).copied().unwrap_or('\0');
            return if c == '\0' { GlyphText::None } else { GlyphText::Char(c) };
        }
        if self.unicode_codes {
            if let Some(c) = char::from_u32(code).filter(|c| !c.is_control()) {
                return GlyphText::Char(c);
            }
        }
        GlyphText::None
    }

    fn looks_cp1251(&self, bytes: &[u8]) -> bool {
        let high = bytes.iter().filter(|&&b| b >= 0xC0).count();
        let ascii = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let yes = high >= 2 && high >= ascii;
        if yes {
            self.is_cp1251.set(true);
        }
        yes
    }

    fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match &self.codes {
            Codes::OneByte => (u32::from(bytes[0]), 1),
            Codes::TwoBytes if bytes.len() >= 2 => {
                ((u32::from(bytes[0]) << 8) | u32::from(bytes[1]), 2)
            }
            Codes::TwoBytes => (u32::from(bytes[0]), 1),
            Codes::Ranges(ranges) => {
                let mut code = 0u32;
                for length in 1..=4usize.min(bytes.len()) {
                    code = (code << 8) | u32::from(bytes[length - 1]);
                    if ranges.iter().any(|&(l, low, high)| {
                        usize::from(l) == length && (low..=high).contains(&code)
                    }) {
                        return (code, length);
                    }
                }
                // No range matches: take the shortest length the CMap uses.
                let length = ranges
                    .iter()
                    .map(|r| usize::from(r.0))
                    .min()
                    .unwrap_or(1)
                    .clamp(1, bytes.len());
                (bytes[..length].iter().fold(0, |code, &b| (code << 8) | u32::from(b)), length)
            }
        }
    }

    fn width(&self, code: u32) -> f32 {
        if self.encoding.is_some() {
            code.checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize))
                .copied()
                .filter(|w| *w > 0.0)
                .unwrap_or(if code == 32 {
                    self.default_width.min(278.0)
                } else {
                    self.default_width
                })
        } else {
            self.cid_widths.get(&code).copied().unwrap_or(self.default_width)
        }
    }
}

fn deref<'a>(document: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    let mut object = object?;
    for _ in 0..8 {
        match object {
            Object::Reference(id) => object = document.get_object(*id).ok()?,
            _ => return Some(object),
        }
    }
    None
}

fn name_of(document: &Document, object: Option<&Object>) -> Option<Vec<u8>> {
    deref(document, object).and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec)
}

fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(n) => Some(*n as f32),
        Object::Real(n) if n.is_finite() => Some(*n),
        _ => None,
    }
}

/// Parses a CMap (ToUnicode or an embedded encoding) into `map`; returns its codespace
/// ranges as (length in bytes, low, high).
fn parse_to_unicode(bytes: &[u8], map: &mut HashMap<u32, Mapped>) -> Vec<(u8, u32, u32)> {
    let mut lexer = Lexer::new(bytes);
    let mut operands: Vec<Operand<'_>> = Vec::new();
    let mut codespace = Vec::new();
    while let Some(token) = lexer.next_token() {
        match token {
            Token::Operand(operand) => {
                if operands.len() < 4096 {
                    operands.push(operand);
                }
            }
            Token::Operator(operator) => {
                match operator {
                    b"endcodespacerange" => {
                        for pair in operands.chunks_exact(2) {
                            if let (Operand::Str(low), Operand::Str(high)) = (&pair[0], &pair[1]) {
                                if (1..=4).contains(&low.len()) {
                                    codespace.push((low.len() as u8, be(low), be(high)));
                                }
                            }
                        }
                    }
                    b"endbfchar" => {
                        for pair in operands.chunks_exact(2) {
                            if map.len() >= MAX_MAP_ENTRIES {
                                break;
                            }
                            if let Operand::Str(code) = &pair[0] {
                                let target = match &pair[1] {
                                    Operand::Str(text) => utf16(text),
                                    Operand::Name(name) => glyph_to_char(name).map(Mapped::One),
                                    _ => None,
                                };
                                if let Some(target) = target {
                                    map.insert(be(code), target);
                                }
                            }
                        }
                    }
                    b"endbfrange" => {
                        for triple in operands.chunks_exact(3) {
                            let (Operand::Str(low), Operand::Str(high)) = (&triple[0], &triple[1])
                            else {
                                continue;
                            };
                            let (low, high) = (be(low), be(high));
                            if high < low || map.len() >= MAX_MAP_ENTRIES {
                                continue;
                            }
                            let count = (high - low).min(MAX_MAP_ENTRIES as u32);
                            match &triple[2] {
                                Operand::Str(start) => {
                                    let mut units: Vec<u16> = start
                                        .chunks(2)
                                        .map(|p| {
                                            (u16::from(p[0]) << 8)
                                                | u16::from(*p.get(1).unwrap_or(&0))
                                        })
                                        .collect();
                                    for offset in 0..=count {
                                        if let Some(target) = utf16_units(&units) {
                                            map.insert(low + offset, target);
                                        }
                                        if let Some(last) = units.last_mut() {
                                            *last = last.wrapping_add(1);
                                        }
                                    }
                                }
                                Operand::Array(targets) => {
                                    for (offset, target) in
                                        targets.iter().enumerate().take(count as usize + 1)
                                    {
                                        if let Operand::Str(text) = target {
                                            if let Some(target) = utf16(text) {
                                                map.insert(low + offset as u32, target);
                                            }
                                        }
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
                if operator.starts_with(b"begin")
                    || operator.starts_with(b"end")
                    || operator == b"def"
                {
                    operands.clear();
                }
            }
        }
    }
    codespace
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0, |code, &b| (code << 8) | u32::from(b))
}

fn utf16(bytes: &[u8]) -> Option<Mapped> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| (u16::from(p[0]) << 8) | u16::from(*p.get(1).unwrap_or(&0)))
        .collect();
    utf16_units(&units)
}

fn utf16_units(units: &[u16]) -> Option<Mapped> {
    let text: String = char::decode_utf16(units.iter().copied())
        .filter_map(Result::ok)
        .filter(|&c| c != '\u{FFFD}' && c != '\u{FEFF}' && (!c.is_control() || c == '\t'))
        .collect();
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (None, _) => None,
        (Some(c), None) => Some(Mapped::One(c)),
        _ => Some(Mapped::Many(text.into_boxed_str())),
    }
}

/// The code -> char table of a simple font's base encoding.
fn base_encoding(base: Option<&[u8]>, symbolic: bool) -> Box<[char; 256]> {
    let mut table = Box::new(['\0'; 256]);
    match base {
        Some(b"MacRomanEncoding") => {
            for code in 0..256usize {
                table[code] =
                    if code < 0x80 { ascii(code as u8) } else { MAC_ROMAN_HIGH[code - 0x80] };
            }
        }
        Some(b"StandardEncoding") => {
            for code in 0..0x80usize {
                table[code] = ascii(code as u8);
            }
            table[0x27] = '\u{2019}';
            table[0x60] = '\u{2018}';
        }
        _ if symbolic && base.is_none() => {
            // A symbolic font with no encoding: its codes are its own; ASCII is the best guess.
            for code in 0..0x80usize {
                table[code] = ascii(code as u8);
            }
        }
        _ => {
            for code in 0..256usize {
                table[code] = cp1252_char(code as u8);
            }
        }
    }
    table
}

fn ascii(code: u8) -> char {
    if (0x20..0x7F).contains(&code) {
        char::from(code)
    } else {
        '\0'
    }
}

fn cp1252_char(code: u8) -> char {
    match code {
        0x20..=0x7E => char::from(code),
        0x80..=0x9F => CP1252_80[usize::from(code - 0x80)],
        0xA0..=0xFF => char::from(code),
        _ => '\0',
    }
}

const CP1252_80: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

const MAC_ROMAN_HIGH: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', 'ê', 'ë', 'í',
    'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', '†', '°', '¢', '£', '§', '•',
    '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏',
    'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{A0}',
    'À', 'Ã', 'Õ', 'Œ', 'œ', '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›',
    'ﬁ', 'ﬂ', '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô',
    '\u{F8FF}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
];

/// windows-1251, bytes 0x80..=0xFF.
pub(crate) fn cp1251_char(code: u8) -> Option<char> {
    const HIGH: [char; 64] = [
        'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ', 'ђ', '‘',
        '’', '“', '”', '•', '–', '—', '\0', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ', '\u{A0}', 'Ў', 'ў',
        'Ј', '¤', 'Ґ', '¦', '§', 'Ё', '©', 'Є', '«', '¬', '\u{AD}', '®', 'Ї', '°', '±', 'І', 'і',
        'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»', 'ј', 'Ѕ', 'ѕ', 'ї',
    ];
    match code {
        0..=0x1F => None,
        0x20..=0x7F => Some(char::from(code)),
        0x80..=0xBF => Some(HIGH[usize::from(code - 0x80)]).filter(|&c| c != '\0'),
        _ => char::from_u32(0x0410 + u32::from(code - 0xC0)),
    }
}

/// A glyph name (Adobe Glyph List subset: Latin, punctuation, Cyrillic `afii` names,
/// `uniXXXX`, `uXXXX[XX]`) to its character.
pub(crate) fn glyph_to_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if name.len() == 1 {
        let c = name.chars().next()?;
        return c.is_ascii_alphabetic().then_some(c);
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 {
            return u32::from_str_radix(&hex[..4], 16).ok().and_then(char::from_u32);
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
        }
    }
    if let Some(number) = name.strip_prefix("afii").and_then(|n| n.parse::<u32>().ok()) {
        let c = match number {
            10017..=10022 => 0x0410 + number - 10017,
            10023 => 0x0401,
            10024..=10049 => 0x0416 + number - 10024,
            10065..=10070 => 0x0430 + number - 10065,
            10071 => 0x0451,
            10072..=10097 => 0x0436 + number - 10072,
            10050 => 0x0490,
            10051..=10061 => 0x0402 + number - 10051,
            10062 => 0x040E,
            10145 => 0x040F,
            10098 => 0x0491,
            10099..=10109 => 0x0452 + number - 10099,
            10110 => 0x045E,
            10193 => 0x045F,
            61352 => 0x2116,
            _ => return None,
        };
        return char::from_u32(c);
    }
    let c = match name {
        "space" | "nbspace" | "nonbreakingspace" => ' ',
        "exclam" => '!',
        "quotedbl" => '"',
        "numbersign" => '#',
        "dollar" => '$',
        "percent" => '%',
        "ampersand" => '&',
        "quotesingle" => '\'',
        "parenleft" => '(',
        "parenright" => ')',
        "asterisk" => '*',
        "plus" => '+',
        "comma" => ',',
        "hyphen" | "minus" => '-',
        "period" => '.',
        "slash" => '/',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "colon" => ':',
        "semicolon" => ';',
        "less" => '<',
        "equal" => '=',
        "greater" => '>',
        "question" => '?',
        "at" => '@',
        "bracketleft" => '[',
        "backslash" => '\\',
        "bracketright" => ']',
        "asciicircum" => '^',
        "underscore" => '_',
        "grave" => '`',
        "braceleft" => '{',
        "bar" => '|',
        "braceright" => '}',
        "asciitilde" => '~',
        "quoteleft" => '‘',
        "quoteright" => '’',
        "quotedblleft" => '“',
        "quotedblright" => '”',
        "quotedblbase" => '„',
        "quotesinglbase" => '‚',
        "guillemotleft" => '«',
        "guillemotright" => '»',
        "endash" => '–',
        "emdash" => '—',
        "bullet" => '•',
        "ellipsis" => '…',
        "section" => '§',
        "paragraph" => '¶',
        "degree" => '°',
        "copyright" => '©',
        "registered" => '®',
        "trademark" => '™',
        "periodcentered" => '·',
        "dagger" => '†',
        "daggerdbl" => '‡',
        "perthousand" => '‰',
        "Euro" => '€',
        "softhyphen" => '\u{AD}',
        "fi" => 'ﬁ',
        "fl" => 'ﬂ',
        "numero" => '№',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_glyph_names() {
        assert_eq!(glyph_to_char(b"afii10017"), Some('А'));
        assert_eq!(glyph_to_char(b"afii10049"), Some('Я'));
        assert_eq!(glyph_to_char(b"afii10065"), Some('а'));
        assert_eq!(glyph_to_char(b"afii10071"), Some('ё'));
        assert_eq!(glyph_to_char(b"afii10097"), Some('я'));
        assert_eq!(glyph_to_char(b"uni04D9"), Some('ә'));
        assert_eq!(glyph_to_char(b"hyphen"), Some('-'));
        assert_eq!(glyph_to_char(b"g123"), None);
    }

    #[test]
    fn test_cp1251() {
        assert_eq!(cp1251_char(0xC0), Some('А'));
        assert_eq!(cp1251_char(0xFF), Some('я'));
        assert_eq!(cp1251_char(0xB9), Some('№'));
        assert_eq!(cp1251_char(0xA8), Some('Ё'));
    }

    #[test]
    fn test_to_unicode_cmap() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <00660069> endbfchar\n\
            2 beginbfrange <0100> <0102> <0410> <0200> <0201> [<0061> <D835DC00>] endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let mut map = HashMap::new();
        let ranges = parse_to_unicode(cmap, &mut map);
        assert_eq!(ranges, vec![(2, 0, 0xFFFF)]);
        assert!(matches!(map.get(&3), Some(Mapped::One(' '))));
        assert!(matches!(map.get(&0x10), Some(Mapped::Many(s)) if &**s == "fi"));
        assert!(matches!(map.get(&0x102), Some(Mapped::One('В'))));
        assert!(matches!(map.get(&0x201), Some(Mapped::One('𝐀'))));
    }
}
