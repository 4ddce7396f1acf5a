//! The content-stream interpreter: operators in, positioned runs of text out.
//!
//! A small lexer of its own (no allocation for plain strings and names) feeds an
//! interpreter of the graphics and text state: `q`/`Q` (the text font and its size are
//! part of the saved state), `cm`, `BT`/`ET`, `Tf`, `Tm`, `Td`, `TD`, `T*`, `TL`, `Tc`,
//! `Tw`, `Tz`, `Ts`, `Tj`, `TJ`, `'`, `"`, and `Do` for form XObjects (nested to a fixed
//! depth, never recursively) and images (counted, so a page of images only is known
//! as a scan). Each glyph's origin is computed in device space from the text matrix,
//! the CTM, the font size, the rise and the glyph widths, and consecutive glyphs that
//! touch on one baseline become one [`Chunk`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, GlyphText};

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;
/// Deepest `q` nesting kept; deeper saves are counted but not stored.
const MAX_SAVE_DEPTH: usize = 256;
/// Largest decompressed form XObject, in bytes.
const MAX_FORM_BYTES: usize = 32 << 20;
/// Deepest nesting of arrays and dictionaries in a content stream.
const MAX_NESTING: usize = 32;

/// A lexical token of a content stream (or a CMap).
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// An operand.
    Operand(Operand<'a>),
    /// An operator (any bare keyword).
    Operator(&'a [u8]),
}

/// An operand of a content-stream operator.
#[derive(Debug, Clone)]
pub(crate) enum Operand<'a> {
    /// An integer or real number.
    Number(f32),
    /// A name, without the slash.
    Name(Cow<'a, [u8]>),
    /// A literal or hexadecimal string, decoded to bytes.
    Str(Cow<'a, [u8]>),
    /// An array.
    Array(Vec<Operand<'a>>),
    /// A dictionary, boolean or null: not needed here.
    Other,
}

/// A lexer of PDF content streams.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    position: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0C' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `data`.
    pub(crate) fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, position: 0 }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.position) {
            if is_white(b) {
                self.position += 1;
            } else if b == b'%' {
                while let Some(&b) = self.data.get(self.position) {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.position += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end.
    pub(crate) fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_white();
            let &b = self.data.get(self.position)?;
            match b {
                b']' | b')' | b'>' | b'}' | b'{' => {
                    // Stray closers and PostScript braces carry nothing.
                    self.position += 1;
                }
                _ => return self.token(0),
            }
        }
    }

    fn token(&mut self, depth: usize) -> Option<Token<'a>> {
        self.skip_white();
        let &b = self.data.get(self.position)?;
        let operand = match b {
            b'/' => {
                self.position += 1;
                let start = self.position;
                while self
                    .data
                    .get(self.position)
                    .is_some_and(|&b| !is_white(b) && !is_delimiter(b))
                {
                    self.position += 1;
                }
                let raw = &self.data[start..self.position];
                Operand::Name(if raw.contains(&b'#') {
                    Cow::Owned(unescape_name(raw))
                } else {
                    Cow::Borrowed(raw)
                })
            }
            b'(' => Operand::Str(self.literal_string()),
            b'<' if self.data.get(self.position + 1) == Some(&b'<') => {
                self.position += 2;
                self.skip_dictionary(depth);
                Operand::Other
            }
            b'<' => Operand::Str(Cow::Owned(self.hex_string())),
            b'[' => {
                self.position += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.data.get(self.position) {
                        None => break,
                        Some(b']') => {
                            self.position += 1;
                            break;
                        }
                        Some(b')' | b'>' | b'{' | b'}') => self.position += 1,
                        Some(_) => {
                            if depth >= MAX_NESTING {
                                self.position += 1;
                                continue;
                            }
                            match self.token(depth + 1) {
                                Some(Token::Operand(operand)) => items.push(operand),
                                Some(Token::Operator(_)) => {}
                                None => break,
                            }
                        }
                    }
                }
                Operand::Array(items)
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let start = self.position;
                while self
                    .data
                    .get(self.position)
                    .is_some_and(|&b| !is_white(b) && !is_delimiter(b))
                {
                    self.position += 1;
                }
                match parse_number(&self.data[start..self.position]) {
                    Some(n) => Operand::Number(n),
                    None => return Some(Token::Operator(&self.data[start..self.position])),
                }
            }
            _ => {
                let start = self.position;
                while self
                    .data
                    .get(self.position)
                    .is_some_and(|&b| !is_white(b) && !is_delimiter(b))
                {
                    self.position += 1;
                }
                if self.position == start {
                    // A delimiter we do not use here: step over it.
                    self.position += 1;
                    return Some(Token::Operand(Operand::Other));
                }
                let word = &self.data[start..self.position];
                return Some(match word {
                    b"true" | b"false" | b"null" => Token::Operand(Operand::Other),
                    _ => Token::Operator(word),
                });
            }
        };
        Some(Token::Operand(operand))
    }

    fn skip_dictionary(&mut self, depth: usize) {
        loop {
            self.skip_white();
            match self.data.get(self.position) {
                None => return,
                Some(b'>') if self.data.get(self.position + 1) == Some(&b'>') => {
                    self.position += 2;
                    return;
                }
                Some(b'>' | b']' | b')' | b'{' | b'}') => self.position += 1,
                Some(_) => {
                    if depth >= MAX_NESTING {
                        self.position += 1;
                    } else if self.token(depth + 1).is_none() {
                        return;
                    }
                }
            }
        }
    }

    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        self.position += 1;
        let start = self.position;
        let mut nesting = 0usize;
        let mut plain = true;
        while let Some(&b) = self.data.get(self.position) {
            match b {
                b'\\' => {
                    plain = false;
                    self.position += 2;
                    continue;
                }
                b'(' => nesting += 1,
                b')' if nesting == 0 => break,
                b')' => nesting -= 1,
                b'\r' => plain = false,
                _ => {}
            }
            self.position += 1;
        }
        let end = self.position.min(self.data.len());
        self.position = (end + 1).min(self.data.len());
        let raw = &self.data[start..end];
        if plain {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            i += 1;
            match b {
                b'\\' => {
                    let Some(&e) = raw.get(i) else { break };
                    i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if raw.get(i) == Some(&b'\n') {
                                i += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match raw.get(i) {
                                    Some(&d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(value as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    if raw.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        Cow::Owned(out)
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.position += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.position) {
            self.position += 1;
            let nibble = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                b'>' => break,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push((h << 4) | nibble),
                None => high = Some(nibble),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Skips an inline image after its `BI`: the dictionary, `ID`, the data and `EI`.
    fn skip_inline_image(&mut self) {
        while let Some(token) = self.next_token() {
            if let Token::Operator(b"ID") = token {
                break;
            }
        }
        self.position += 1;
        while self.position + 1 < self.data.len() {
            if self.data[self.position] == b'E'
                && self.data[self.position + 1] == b'I'
                && self.position > 0
                && is_white(self.data[self.position - 1])
                && self.data.get(self.position + 2).is_none_or(|&b| is_white(b))
            {
                self.position += 2;
                return;
            }
            self.position += 1;
        }
        self.position = self.data.len();
    }
}

fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 3 <= raw.len() {
            if let Ok(value) =
                u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).unwrap_or("x"), 16)
            {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn parse_number(bytes: &[u8]) -> Option<f32> {
    let mut i = 0;
    let mut negative = false;
    while i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
        negative ^= bytes[i] == b'-';
        i += 1;
    }
    let mut value = 0f64;
    let mut digits = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        value = value * 10.0 + f64::from(bytes[i] - b'0');
        i += 1;
        digits += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let mut scale = 0.1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            value += f64::from(bytes[i] - b'0') * scale;
            scale *= 0.1;
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 || i < bytes.len() {
        return None;
    }
    let value = if negative { -value } else { value } as f32;
    value.is_finite().then_some(value)
}

/// An affine matrix `[a b c d e f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix([f32; 6]);

impl Matrix {
    pub(crate) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// A matrix from six numbers.
    pub(crate) fn new(values: [f32; 6]) -> Matrix {
        Matrix(values)
    }

    /// `self` then `other` (`self × other` in PDF's row-vector convention).
    pub(crate) fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// Applies the matrix to a point.
    pub(crate) fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }
}

/// A run of text on one baseline, in device space (y grows upwards).
#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    /// Left end.
    pub(crate) x0: f32,
    /// Right end.
    pub(crate) x1: f32,
    /// Baseline.
    pub(crate) y: f32,
    /// Font size in device space.
    pub(crate) size: f32,
    /// The text, spaces included as the producer wrote them.
    pub(crate) text: String,
    /// Whether the baseline runs left to right; other text is kept in content order.
    pub(crate) horizontal: bool,
}

/// An image XObject drawn on a page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ImageUse {
    /// The image stream.
    pub(crate) id: ObjectId,
    /// Its area on the page, in square points.
    pub(crate) area: f32,
}

/// What interpreting a page produced.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    /// The text runs, in content order.
    pub(crate) chunks: Vec<Chunk>,
    /// The image XObjects drawn.
    pub(crate) images: Vec<ImageUse>,
    /// Set when the operator budget ran out on this page.
    pub(crate) truncated: bool,
    /// Glyphs shown, counting each code of a shown string once.
    pub(crate) glyphs: usize,
    /// Glyphs shown that nothing maps to a character (left out of the text).
    pub(crate) unmapped_glyphs: usize,
    /// Bytes of strings shown with no usable font (the font the page names is not in the
    /// file): their glyphs are lost, so they count as glyphs and as unmapped ones.
    pub(crate) fontless_bytes: usize,
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

/// Fonts already read, by object id, shared by all pages of a document.
pub(crate) type FontCache = HashMap<ObjectId, Rc<Font>>;

/// Interprets content streams of one document.
pub(crate) struct Interpreter<'d> {
    document: &'d Document,
    fonts: &'d mut FontCache,
    /// Operators left for the whole document.
    budget: &'d mut u64,
    state: GraphicsState,
    saved: Vec<GraphicsState>,
    extra_saves: usize,
    text_matrix: Matrix,
    line_matrix: Matrix,
    forms: Vec<ObjectId>,
    out: PageContent,
    current: Option<Chunk>,
    /// Where the next glyph would start if it continued the current chunk.
    pen: (f32, f32),
}

impl<'d> Interpreter<'d> {
    /// An interpreter for one page whose default space is mapped to device space by `base`.
    pub(crate) fn new(
        document: &'d Document,
        fonts: &'d mut FontCache,
        budget: &'d mut u64,
        base: Matrix,
    ) -> Self {
        Interpreter {
            document,
            fonts,
            budget,
            state: GraphicsState {
                ctm: base,
                font: None,
                font_size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                horizontal_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            saved: Vec::new(),
            extra_saves: 0,
            text_matrix: Matrix::IDENTITY,
            line_matrix: Matrix::IDENTITY,
            forms: Vec::new(),
            out: PageContent::default(),
            current: None,
            pen: (0.0, 0.0),
        }
    }

    /// Runs a page's content with its resources and returns what it drew.
    pub(crate) fn run_page(
        mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
    ) -> PageContent {
        self.run(content, resources);
        self.flush();
        self.out
    }

    fn run(&mut self, content: &[u8], resources: Option<&Dictionary>) {
        let mut lexer = Lexer::new(content);
        let mut operands: Vec<Operand<'_>> = Vec::with_capacity(8);
        while let Some(token) = lexer.next_token() {
            match token {
                Token::Operand(operand) => {
                    if operands.len() < 64 {
                        operands.push(operand);
                    }
                }
                Token::Operator(operator) => {
                    if *self.budget == 0 {
                        self.out.truncated = true;
                        return;
                    }
                    *self.budget -= 1;
                    if operator == b"BI" {
                        lexer.skip_inline_image();
                    } else {
                        self.operator(operator, &operands, resources);
                    }
                    operands.clear();
                }
            }
        }
    }

    fn operator(
        &mut self,
        operator: &[u8],
        operands: &[Operand<'_>],
        resources: Option<&Dictionary>,
    ) {
        let n = |i: usize| -> f32 {
            match operands.len().checked_sub(i + 1).and_then(|k| operands.get(k)) {
                Some(Operand::Number(v)) => *v,
                _ => 0.0,
            }
        };
        // Numbers counted from the end, so stray operands in front do no harm.
        let six = || [n(5), n(4), n(3), n(2), n(1), n(0)];
        match operator {
            b"q" => {
                if self.saved.len() < MAX_SAVE_DEPTH {
                    self.saved.push(self.state.clone());
                } else {
                    self.extra_saves += 1;
                }
            }
            b"Q" => {
                if self.extra_saves > 0 {
                    self.extra_saves -= 1;
                } else if let Some(state) = self.saved.pop() {
                    self.state = state;
                }
            }
            b"cm" => self.state.ctm = Matrix::new(six()).then(self.state.ctm),
            b"BT" => {
                self.text_matrix = Matrix::IDENTITY;
                self.line_matrix = Matrix::IDENTITY;
            }
            b"Tf" => {
                self.state.font_size = n(0);
                let name = operands.iter().rev().find_map(|o| match o {
                    Operand::Name(name) => Some(name),
                    _ => None,
                });
                if let Some(name) = name {
                    self.state.font = self.font(resources, name);
                }
            }
            b"Tm" => {
                self.text_matrix = Matrix::new(six());
                self.line_matrix = self.text_matrix;
            }
            b"Td" => self.next_line(n(1), n(0)),
            b"TD" => {
                self.state.leading = -n(0);
                self.next_line(n(1), n(0));
            }
            b"T*" => self.next_line(0.0, -self.state.leading),
            b"TL" => self.state.leading = n(0),
            b"Tc" => self.state.char_spacing = n(0),
            b"Tw" => self.state.word_spacing = n(0),
            b"Tz" => self.state.horizontal_scale = n(0) / 100.0,
            b"Ts" => self.state.rise = n(0),
            b"Tj" => {
                if let Some(Operand::Str(s)) = operands.last() {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.state.leading);
                if let Some(Operand::Str(s)) = operands.last() {
                    self.show(s);
                }
            }
            b"\"" => {
                self.state.word_spacing = n(2);
                self.state.char_spacing = n(1);
                self.next_line(0.0, -self.state.leading);
                if let Some(Operand::Str(s)) = operands.last() {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = operands.last() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s),
                            Operand::Number(adjust) => {
                                let tx = -adjust / 1000.0
                                    * self.state.font_size
                                    * self.state.horizontal_scale;
                                self.text_matrix =
                                    Matrix::translate(tx, 0.0).then(self.text_matrix);
                            }
                            _ => {}
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(Operand::Name(name)) = operands.last() {
                    self.draw_xobject(resources, name);
                }
            }
            _ => {}
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.line_matrix = Matrix::translate(tx, ty).then(self.line_matrix);
        self.text_matrix = self.line_matrix;
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let document = self.document;
        let fonts = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|o| resolve(document, o))
            .and_then(|o| o.as_dict().ok())?;
        match fonts.get(name).ok()? {
            Object::Reference(id) => {
                if let Some(font) = self.fonts.get(id) {
                    return Some(Rc::clone(font));
                }
                let dictionary = document
                    .get_object(*id)
                    .ok()
                    .and_then(|o| resolve(document, o))?
                    .as_dict()
                    .ok()?;
                let font = Rc::new(Font::load(document, dictionary));
                self.fonts.insert(*id, Rc::clone(&font));
                Some(font)
            }
            Object::Dictionary(dictionary) => Some(Rc::new(Font::load(document, dictionary))),
            _ => None,
        }
    }

    fn draw_xobject(&mut self, resources: Option<&Dictionary>, name: &[u8]) {
        let document = self.document;
        let Some(Object::Reference(id)) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| resolve(document, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let Some(stream) = document
            .get_object(*id)
            .ok()
            .and_then(|o| resolve(document, o))
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
        if subtype == b"Image" {
            let (x0, y0) = self.state.ctm.apply(0.0, 0.0);
            let (x1, y1) = self.state.ctm.apply(1.0, 1.0);
            self.out.images.push(ImageUse { id: *id, area: ((x1 - x0) * (y1 - y0)).abs() });
            return;
        }
        if subtype != b"Form" || self.forms.len() >= MAX_FORM_DEPTH || self.forms.contains(id) {
            return;
        }
        let Ok(content) = stream.get_plain_content_with_limit(MAX_FORM_BYTES) else { return };
        let form_resources = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| resolve(document, o))
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .filter(|a| a.len() == 6)
            .map(|a| {
                let v: Vec<f32> = a.iter().map(|o| o.as_float().unwrap_or(0.0)).collect();
                Matrix::new([v[0], v[1], v[2], v[3], v[4], v[5]])
            })
            .unwrap_or(Matrix::IDENTITY);
        let saved_state = self.state.clone();
        let saved_depth = (self.saved.len(), self.extra_saves);
        let (saved_tm, saved_lm) = (self.text_matrix, self.line_matrix);
        self.state.ctm = matrix.then(self.state.ctm);
        self.forms.push(*id);
        self.run(&content, form_resources);
        self.forms.pop();
        self.saved.truncate(saved_depth.0);
        self.extra_saves = saved_depth.1;
        self.state = saved_state;
        self.text_matrix = saved_tm;
        self.line_matrix = saved_lm;
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.font.clone() else {
            self.out.fontless_bytes += bytes.len();
            return;
        };
        let state = &self.state;
        let size = state.font_size;
        let scale = state.horizontal_scale;
        let (char_spacing, word_spacing) = (state.char_spacing, state.word_spacing);
        let ctm = state.ctm;
        let rise = state.rise;
        let mut text_matrix = self.text_matrix;
        font.decode(bytes, |text, width, is_space| {
            let device = text_matrix.then(ctm);
            let (x, y) =
                Matrix::new([size * scale, 0.0, 0.0, size, 0.0, rise]).then(device).apply(0.0, 0.0);
            let [a, b, c, d, _, _] = device.0;
            let device_size = (c * c + d * d).sqrt() * size.abs();
            let horizontal = a > 0.0 && b.abs() <= a.abs() * 0.05;
            let advance =
                (width * size + char_spacing + if is_space { word_spacing } else { 0.0 }) * scale;
            text_matrix = Matrix::translate(advance, 0.0).then(text_matrix);
            let end_x = x + advance * a;
            self.out.glyphs += 1;
            if matches!(text, GlyphText::None) {
                self.out.unmapped_glyphs += 1;
            }
            self.glyph(text, x, y, end_x, device_size, horizontal);
        });
        self.text_matrix = text_matrix;
    }

    fn glyph(
        &mut self,
        text: GlyphText<'_>,
        x: f32,
        y: f32,
        end_x: f32,
        size: f32,
        horizontal: bool,
    ) {
        if !(x.is_finite() && y.is_finite() && end_x.is_finite() && size.is_finite()) {
            return;
        }
        let size = size.max(0.5);
        let continues = self.current.as_ref().is_some_and(|chunk| {
            if chunk.horizontal != horizontal {
                return false;
            }
            if !horizontal {
                return true;
            }
            let (pen_x, pen_y) = self.pen;
            let dx = x - pen_x;
            (y - pen_y).abs() <= 0.02 * size
                && (chunk.size - size).abs() <= 0.05 * size
                && dx >= -0.3 * size
                && dx <= super::layout::WORD_GAP * size
        });
        if !continues {
            self.flush();
            self.current = Some(Chunk { x0: x, x1: x, y, size, text: String::new(), horizontal });
        }
        let chunk = self.current.as_mut().expect("a chunk was just started");
        match text {
            GlyphText::None => {}
            GlyphText::Char(c) => chunk.text.push(if c == '\u{A0}' { ' ' } else { c }),
            GlyphText::Str(s) => chunk.text.push_str(s),
        }
        if horizontal {
            chunk.x1 = chunk.x1.max(end_x);
        }
        self.pen = (end_x, y);
    }

    fn flush(&mut self) {
        if let Some(chunk) = self.current.take() {
            if !chunk.text.is_empty() {
                self.out.chunks.push(chunk);
            }
        }
    }
}

/// Follows references (a bounded number of them) to the object.
pub(crate) fn resolve<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Object> {
    let mut object = object;
    for _ in 0..8 {
        match object {
            Object::Reference(id) => object = document.get_object(*id).ok()?,
            _ => return Some(object),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_lexer_tokens() {
        let mut lexer = Lexer::new(
            b"/F1 12 Tf [(a\\(b\\)) -250 <0041>] TJ % comment\n-.5 Tc BI /W 1 ID xx EI Q",
        );
        let mut out = Vec::new();
        while let Some(token) = lexer.next_token() {
            if let Token::Operator(b"BI") = token {
                lexer.skip_inline_image();
                out.push("BI".to_owned());
                continue;
            }
            out.push(format!("{token:?}"));
        }
        // /F1 12 Tf [..] TJ -.5 Tc BI Q: the comment and the inline image's data are skipped.
        assert_eq!(out.len(), 9, "{out:?}");
        assert!(out[3].contains("[97, 40, 98, 41]"), "{out:?}");
        assert!(out[3].contains("[0, 65]"), "{out:?}");
        assert!(out[5].contains("-0.5"), "{out:?}");
        assert_eq!(out[7], "BI");
        assert!(out[8].contains("[81]"), "{out:?}");
    }

    #[test]
    fn test_numbers() {
        assert_eq!(parse_number(b"-.5"), Some(-0.5));
        assert_eq!(parse_number(b"12"), Some(12.0));
        assert_eq!(parse_number(b"3."), Some(3.0));
        assert_eq!(parse_number(b"--2"), Some(2.0));
        assert_eq!(parse_number(b"1.2.3"), None);
        assert_eq!(parse_number(b"-"), None);
    }
}
