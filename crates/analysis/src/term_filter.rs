//! One tantivy [`TokenFilter`] adaptor for every term-rewriting step of zan's analyzers
//! (stop words, stemming, Turkic folding), so the tantivy plumbing is written once and
//! each step stays a small, separately tested type.
//!
//! Contract: a step rewrites `Token::text` only; offsets and positions are never
//! touched, so highlighted snippets stay aligned with the original text.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A step that rewrites a normalised term, or drops it by returning `false`.
pub trait TermStep: Clone + Send + Sync + 'static {
    /// Rewrites `term` in place; returns `false` to drop the token. `&mut self` lets a
    /// step keep scratch space or a memo of its answers (each analyzer clone has its own).
    fn apply(&mut self, term: &mut String) -> bool;
}

/// Wraps a [`TermStep`] as a tantivy [`TokenFilter`].
#[derive(Clone)]
pub struct TermFilter<S>(pub S);

impl<S: TermStep> TokenFilter for TermFilter<S> {
    type Tokenizer<T: Tokenizer> = TermFilterTokenizer<S, T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        TermFilterTokenizer { step: self.0, inner: tokenizer }
    }
}

/// The tokenizer produced by [`TermFilter`].
#[derive(Clone)]
pub struct TermFilterTokenizer<S, T> {
    step: S,
    inner: T,
}

impl<S: TermStep, T: Tokenizer> Tokenizer for TermFilterTokenizer<S, T> {
    type TokenStream<'a> = TermFilterStream<'a, S, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TermFilterStream { step: &mut self.step, tail: self.inner.token_stream(text) }
    }
}

/// The token stream of [`TermFilterTokenizer`].
pub struct TermFilterStream<'a, S, T> {
    step: &'a mut S,
    tail: T,
}

impl<S: TermStep, T: TokenStream> TokenStream for TermFilterStream<'_, S, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if self.step.apply(&mut self.tail.token_mut().text) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
