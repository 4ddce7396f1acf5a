//! The languages zan tells apart.

use std::fmt;
use std::str::FromStr;

/// A language zan can detect. Codes are ISO 639-1, as used in the API and the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Russian.
    Ru,
    /// Kazakh.
    Kk,
    /// Kyrgyz.
    Ky,
    /// Turkish (seen in machine-translated clippings).
    Tr,
    /// English.
    En,
    /// Anything else, including text with no letters.
    Other,
}

impl Language {
    /// All languages, in the order of their codes in output.
    pub const ALL: [Language; 6] =
        [Language::Ru, Language::Kk, Language::Ky, Language::Tr, Language::En, Language::Other];

    /// The languages that get a field and an analyzer of their own in the index.
    pub const INDEXED: [Language; 4] = [Language::Ru, Language::Kk, Language::Ky, Language::Other];

    /// Returns the ISO 639-1 code (`other` for [`Language::Other`]).
    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::Kk => "kk",
            Language::Ky => "ky",
            Language::Tr => "tr",
            Language::En => "en",
            Language::Other => "other",
        }
    }

    /// Returns the language whose index field holds text of this language:
    /// Turkish and English share the `other` field.
    pub fn indexed(self) -> Language {
        match self {
            Language::Ru | Language::Kk | Language::Ky => self,
            Language::Tr | Language::En | Language::Other => Language::Other,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing an unknown language code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language code {:?} (expected ru, kk, ky, tr, en or other)", self.0)
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        match code.trim().to_lowercase().as_str() {
            "ru" | "rus" => Ok(Language::Ru),
            "kk" | "kaz" | "kz" => Ok(Language::Kk),
            "ky" | "kir" | "kg" => Ok(Language::Ky),
            "tr" | "tur" => Ok(Language::Tr),
            "en" | "eng" => Ok(Language::En),
            "other" | "und" => Ok(Language::Other),
            _ => Err(UnknownLanguage(code.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_codes_round_trip() {
        for language in Language::ALL {
            assert_eq!(language.code().parse::<Language>(), Ok(language));
        }
        assert!("xx".parse::<Language>().is_err());
    }
}
