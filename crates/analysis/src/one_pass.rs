//! One pass of analysis for the three fields a paragraph is indexed in.
//!
//! The writer indexes a paragraph in its language's field, its root field and the
//! `folded` field, and tantivy runs each field's analyzer on the text in turn: the
//! paragraph was split into words and each word normalised three times, and a Kazakh
//! or Kyrgyz word stemmed twice (the root is a prefix of the stem). Here the language
//! field's analyzer, as the writer runs it ([`recording_analyzer`]), also works out each
//! word's root and folded form and keeps them for the thread; the root and folded
//! analyzers ([`replaying_analyzer`]) give them back when asked for the same text, and
//! analyse it themselves when they are not (a text no language field had, or one
//! analysed too long ago). Both give exactly the tokens the plain analyzers give
//! (`test_one_pass_gives_the_tokens_of_each_analyzer`).
//!
//! tantivy indexes a document field by field in the order of the schema, and zan's
//! schema puts the title and body fields before the root fields and `folded`, so a
//! paragraph's tokens are kept from its language field until its root and folded
//! fields ask for them. A text is found by where it is in memory and its length, and
//! then compared byte for byte with a copy: the same bytes always give the same tokens.
//! What a thread keeps is bounded ([`KEPT_BYTES`]); past it, it starts afresh.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

use crate::normalize::push_folded;
use crate::registry::{
    folded_analyzer, root_analyzer, PairStemStep, PrefixStep, StemStep, StopWordStep,
    ROOT_PREFIX_CHARS, RU_PAIR_MEMO,
};
use crate::term_filter::TermStep;
use crate::tokenizer::{ZanTokenStream, ZanTokenizer};
use crate::Language;

/// Bytes of text and tokens a thread keeps before it starts afresh: a few acts.
pub const KEPT_BYTES: usize = 4 << 20;

/// A word of an analysed text: where it is, its folded form, and its root (none for
/// a stop word, which the root field leaves out).
pub struct KeptToken {
    from: usize,
    to: usize,
    position: usize,
    folded: Range<usize>,
    root: Option<Range<usize>>,
}

/// An analysed text: a copy of it, its words, and their forms in one buffer.
pub struct Kept {
    text: String,
    /// The language whose roots `tokens` hold (none for a language without a root field).
    root_language: Option<Language>,
    tokens: Vec<KeptToken>,
    forms: String,
}

impl Kept {
    fn bytes(&self) -> usize {
        self.text.len() + self.forms.len() + self.tokens.len() * std::mem::size_of::<KeptToken>()
    }
}

#[derive(Default)]
struct Store {
    by_text: HashMap<(usize, usize), Rc<Kept>>,
    bytes: usize,
}

thread_local! {
    static KEPT: RefCell<Store> = RefCell::new(Store::default());
}

fn key(text: &str) -> (usize, usize) {
    (text.as_ptr() as usize, text.len())
}

fn keep(text: &str, kept: Kept) {
    KEPT.with(|store| {
        let mut store = store.borrow_mut();
        if store.bytes + kept.bytes() > KEPT_BYTES {
            store.by_text.clear();
            store.bytes = 0;
        }
        store.bytes += kept.bytes();
        store.by_text.insert(key(text), Rc::new(kept));
    });
}

fn kept(text: &str) -> Option<Rc<Kept>> {
    KEPT.with(|store| {
        let store = store.borrow();
        store.by_text.get(&key(text)).filter(|kept| kept.text == text).cloned()
    })
}

/// How the words of a language with a root field (Russian, Kazakh, Kyrgyz) are stemmed,
/// and their roots made.
#[derive(Clone)]
enum Stemming {
    /// The stem, and the root cut from it to a prefix (Kazakh, Kyrgyz).
    PrefixOfStem(StemStep),
    /// The lemma and, for the root, the Snowball stem, from one memo look-up (Russian).
    Pair(PairStemStep),
}

/// The language field's analyzer that also keeps each word's root and folded form for
/// the root and folded fields (see the module's documentation).
#[derive(Clone)]
pub struct RecordingTokenizer {
    tokenizer: ZanTokenizer,
    language: Language,
    /// Stop words and stemming, for a language that has them (every language with a
    /// root field, and only those).
    steps: Option<(StopWordStep, Stemming)>,
    word: String,
}

/// Builds the analyzer of a language's field as the writer runs it.
pub fn recording_analyzer(language: Language) -> TextAnalyzer {
    let indexed = language.indexed();
    let stemming = match indexed {
        Language::Kk | Language::Ky => Some(Stemming::PrefixOfStem(StemStep::new(indexed))),
        Language::Ru => {
            Some(Stemming::Pair(PairStemStep::new(indexed, RU_PAIR_MEMO, crate::russian::snowball)))
        }
        _ => None,
    };
    TextAnalyzer::from(RecordingTokenizer {
        tokenizer: ZanTokenizer::default(),
        language: indexed,
        steps: stemming.map(|stemming| (StopWordStep(indexed), stemming)),
        word: String::new(),
    })
}

/// The token stream of [`RecordingTokenizer`].
pub struct RecordingStream<'a> {
    text: &'a str,
    words: ZanTokenStream<'a>,
    steps: Option<&'a mut (StopWordStep, Stemming)>,
    word: &'a mut String,
    kept: Option<Kept>,
}

impl Tokenizer for RecordingTokenizer {
    type TokenStream<'a> = RecordingStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RecordingStream<'a> {
        let root_language = self.steps.is_some().then_some(self.language);
        RecordingStream {
            text,
            words: self.tokenizer.token_stream(text),
            steps: self.steps.as_mut(),
            word: &mut self.word,
            // About one word in eight bytes of Cyrillic text; forms about as long as it.
            kept: Some(Kept {
                text: text.to_owned(),
                root_language,
                tokens: Vec::with_capacity(text.len() / 8 + 1),
                forms: String::with_capacity(text.len() * 3 / 2),
            }),
        }
    }
}

impl TokenStream for RecordingStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(kept) = self.kept.as_mut() else { return false };
        while self.words.advance() {
            let token = self.words.token_mut();
            let start = kept.forms.len();
            push_folded(&token.text, &mut kept.forms);
            let folded = start..kept.forms.len();
            let mut kept_token = KeptToken {
                from: token.offset_from,
                to: token.offset_to,
                position: token.position,
                folded,
                root: None,
            };
            let keep_word = match self.steps.as_deref_mut() {
                None => true,
                Some((stop, stemming)) => {
                    if stop.apply(&mut token.text) {
                        match stemming {
                            Stemming::PrefixOfStem(stem) => {
                                stem.apply(&mut token.text);
                                self.word.clear();
                                self.word.push_str(&token.text);
                                PrefixStep(ROOT_PREFIX_CHARS).apply(self.word);
                            }
                            Stemming::Pair(pair) => pair.apply(&mut token.text, self.word),
                        }
                        let start = kept.forms.len();
                        kept.forms.push_str(self.word);
                        kept_token.root = Some(start..kept.forms.len());
                        true
                    } else {
                        false
                    }
                }
            };
            kept.tokens.push(kept_token);
            if keep_word {
                return true;
            }
        }
        if let Some(kept) = self.kept.take() {
            keep(self.text, kept);
        }
        false
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

/// Which form a [`ReplayingTokenizer`] gives back.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The root field's form.
    Root,
    /// The folded field's form.
    Folded,
}

/// The root or folded field's analyzer: gives back the forms the language field's
/// analyzer kept for a text, or analyses the text itself.
#[derive(Clone)]
pub struct ReplayingTokenizer {
    form: Form,
    /// The root field's language; none for the folded field.
    language: Option<Language>,
    fallback: TextAnalyzer,
    token: Token,
}

/// Builds the analyzer of a language's root field as the writer runs it.
pub fn replaying_root_analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::from(ReplayingTokenizer {
        form: Form::Root,
        language: Some(language),
        fallback: root_analyzer(language),
        token: Token::default(),
    })
}

/// Builds the analyzer of the `folded` field as the writer runs it.
pub fn replaying_folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(ReplayingTokenizer {
        form: Form::Folded,
        language: None,
        fallback: folded_analyzer(),
        token: Token::default(),
    })
}

/// The token stream of [`ReplayingTokenizer`].
pub enum ReplayingStream<'a> {
    /// The kept forms of the text.
    Kept {
        /// What the text's analysis kept.
        kept: Rc<Kept>,
        /// The next of its tokens.
        next: usize,
        /// Which form.
        form: Form,
        /// The current token.
        token: &'a mut Token,
    },
    /// The text analysed anew.
    Fresh(BoxTokenStream<'a>),
}

impl Tokenizer for ReplayingTokenizer {
    type TokenStream<'a> = ReplayingStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ReplayingStream<'a> {
        // A root field takes only the roots of its own language.
        let fits = |kept: &Kept| self.form == Form::Folded || kept.root_language == self.language;
        match kept(text).filter(|kept| fits(kept)) {
            Some(kept) => {
                self.token.reset();
                ReplayingStream::Kept { kept, next: 0, form: self.form, token: &mut self.token }
            }
            None => ReplayingStream::Fresh(self.fallback.token_stream(text)),
        }
    }
}

impl TokenStream for ReplayingStream<'_> {
    fn advance(&mut self) -> bool {
        match self {
            ReplayingStream::Fresh(stream) => stream.advance(),
            ReplayingStream::Kept { kept, next, form, token } => {
                while let Some(kept_token) = kept.tokens.get(*next) {
                    *next += 1;
                    let range = match form {
                        Form::Folded => Some(&kept_token.folded),
                        Form::Root => kept_token.root.as_ref(),
                    };
                    if let Some(range) = range {
                        token.text.clear();
                        token.text.push_str(&kept.forms[range.clone()]);
                        token.offset_from = kept_token.from;
                        token.offset_to = kept_token.to;
                        token.position = kept_token.position;
                        token.position_length = 1;
                        return true;
                    }
                }
                false
            }
        }
    }

    fn token(&self) -> &Token {
        match self {
            ReplayingStream::Fresh(stream) => stream.token(),
            ReplayingStream::Kept { token, .. } => token,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            ReplayingStream::Fresh(stream) => stream.token_mut(),
            ReplayingStream::Kept { token, .. } => token,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::language_analyzer;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.offset_from, token.offset_to, token.position));
        }
        out
    }

    const TEXTS: [(Language, &str); 5] = [
        (Language::Ru, "О бюджете города Жанатумар на 2024 год: утверждённые расходы и доходы"),
        (Language::Kk, "Қалалық мәслихаттың шешімі: мектептерді жөндеу және бюджет"),
        (Language::Ky, "Шаардык кеңештин токтому менен мектептердин оңдоо иштери"),
        (Language::Other, "Budget of the city, 2024 — Қала"),
        (Language::Ru, "бюд-\nжет и\u{200b} не-\nсколько слов"),
    ];

    #[test]
    fn test_one_pass_gives_the_tokens_of_each_analyzer() {
        for (language, text) in TEXTS {
            let text = text.to_owned();
            let mut recording = recording_analyzer(language);
            assert_eq!(
                tokens(&mut recording, &text),
                tokens(&mut language_analyzer(language), &text),
                "{language:?}"
            );
            assert_eq!(
                tokens(&mut replaying_folded_analyzer(), &text),
                tokens(&mut folded_analyzer(), &text)
            );
            if crate::registry::root_analyzer_name(language).is_some() {
                assert_eq!(
                    tokens(&mut replaying_root_analyzer(language), &text),
                    tokens(&mut root_analyzer(language), &text),
                    "{language:?}"
                );
            }
        }
    }

    #[test]
    fn test_a_root_field_takes_only_its_own_language_roots() {
        let text = String::from("мектептерді жөндеу");
        tokens(&mut recording_analyzer(Language::Ru), &text);
        assert!(kept(&text).is_some());
        assert_eq!(
            tokens(&mut replaying_root_analyzer(Language::Kk), &text),
            tokens(&mut root_analyzer(Language::Kk), &text)
        );
        let other = String::from("мектептерді жөндеу");
        tokens(&mut recording_analyzer(Language::Other), &other);
        assert_eq!(
            tokens(&mut replaying_root_analyzer(Language::Kk), &other),
            tokens(&mut root_analyzer(Language::Kk), &other)
        );
    }

    #[test]
    fn test_kept_forms_are_given_only_for_the_same_text() {
        let mut recording = recording_analyzer(Language::Kk);
        let mut text = String::from("Қалалық мәслихат");
        tokens(&mut recording, &text);
        assert!(kept(&text).is_some());
        // The same bytes elsewhere are not the kept text.
        assert!(kept(&text.clone()).is_none());
        // Other bytes in its place neither: the copy is compared.
        text.replace_range(0..2, "К");
        assert!(kept(&text).is_none());
        assert_eq!(
            tokens(&mut replaying_folded_analyzer(), &text),
            tokens(&mut folded_analyzer(), &text)
        );
    }
}
