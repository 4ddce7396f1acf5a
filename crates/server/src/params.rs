//! Query parameters of the search API and page, typed and bounded. Every parameter is
//! read as text and converted here, so each bad value gets its own error code
//! (`invalid_limit`, `invalid_from` ...) instead of a generic rejection.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::Deserialize;
use zan_analysis::Language;
use zan_engine::{ActStatus, Date, SearchRequest, SortOrder, MAX_LIMIT};

use crate::error::ApiError;
use crate::i18n::UiLanguage;

impl From<UiLanguage> for Language {
    fn from(ui: UiLanguage) -> Language {
        match ui {
            UiLanguage::Ru => Language::Ru,
            UiLanguage::Kk => Language::Kk,
            UiLanguage::Ky => Language::Ky,
        }
    }
}

/// Results per page when not given.
pub const DEFAULT_LIMIT: usize = 10;

/// Raw search parameters: `q`, filters, sort and paging; `ui` picks the page language.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Query text.
    pub q: Option<String>,
    /// Kind code.
    pub kind: Option<String>,
    /// Language code.
    pub lang: Option<String>,
    /// Issuing body: an exact name from the facets, or words of the name.
    pub issuer: Option<String>,
    /// Act number.
    pub number: Option<String>,
    /// Earliest date, YYYY-MM-DD.
    pub from: Option<String>,
    /// Latest date, YYYY-MM-DD.
    pub to: Option<String>,
    /// `relevance`, `date_desc` or `date_asc`.
    pub sort: Option<String>,
    /// Page number from 1.
    pub page: Option<String>,
    /// Page size.
    pub limit: Option<String>,
    /// Results to skip (instead of page).
    pub offset: Option<String>,
    /// Status filter: `in_force` (in force or amended), `amended`, `repealed`,
    /// `suspended`, `expired`, `not_yet_in_force`, `unknown`.
    pub status: Option<String>,
    /// The day statuses are computed for, YYYY-MM-DD; today when not given.
    pub as_of: Option<String>,
    /// Interface language (ru, kk, ky): the page's language, and the tie-break of a
    /// query whose own language is ambiguous. Other values are ignored, as the pages
    /// ignore them.
    pub ui: Option<String>,
    /// `false` turns off search across languages through the glossary (on by default).
    pub cross_lang: Option<String>,
}

/// Parameters of `GET /api/documents/{id}`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentParams {
    /// The day the status is computed for, YYYY-MM-DD; today when not given.
    pub as_of: Option<String>,
}

impl DocumentParams {
    /// Returns the day asked for, checked.
    pub fn as_of(&self) -> Result<Option<Date>, ApiError> {
        present(&self.as_of).map(|v| parse_date("as_of", v)).transpose()
    }
}

/// Parses a status filter code.
fn parse_status(value: &str) -> Result<ActStatus, ApiError> {
    ActStatus::from_code(value).ok_or_else(|| {
        let codes: Vec<&str> = ActStatus::ALL.iter().map(|status| status.code()).collect();
        ApiError::invalid(
            "status",
            format!("status must be one of {}, not {value:?}", codes.join(", ")),
        )
    })
}

/// The trimmed value of a parameter, if it has one.
pub fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Reads a whole number from `min` to `max`, or says which parameter is wrong.
pub fn parse_count(name: &str, value: &str, min: usize, max: usize) -> Result<usize, ApiError> {
    value.parse::<usize>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| {
        ApiError::invalid(
            name,
            format!("{name} must be a whole number from {min} to {max}, not {value:?}"),
        )
    })
}

fn parse_flag(name: &str, value: &str) -> Result<bool, ApiError> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" | "on" | "yes" => Ok(true),
        "false" | "0" | "off" | "no" => Ok(false),
        _ => Err(ApiError::invalid(name, format!("{name} must be true or false, not {value:?}"))),
    }
}

fn parse_date(name: &str, value: &str) -> Result<Date, ApiError> {
    Date::parse_iso(value).ok_or_else(|| {
        ApiError::invalid(name, format!("{name} must be a date YYYY-MM-DD, not {value:?}"))
    })
}

impl SearchParams {
    /// Converts to an engine request, checking every value.
    pub fn to_request(&self) -> Result<SearchRequest, ApiError> {
        let limit = present(&self.limit)
            .map_or(Ok(DEFAULT_LIMIT), |v| parse_count("limit", v, 1, MAX_LIMIT))?;
        let offset = match (present(&self.offset), present(&self.page)) {
            (Some(offset), _) => parse_count("offset", offset, 0, zan_engine::MAX_OFFSET)?,
            (None, Some(page)) => (parse_count("page", page, 1, 1000)? - 1) * limit,
            (None, None) => 0,
        };
        let kind = present(&self.kind).map(str::to_owned);
        if let Some(kind) = &kind {
            const KINDS: [&str; 6] =
                ["decree", "resolution", "order", "decision", "clipping", "other"];
            if !KINDS.contains(&kind.as_str()) {
                return Err(ApiError::invalid(
                    "kind",
                    format!("kind must be one of {}, not {kind:?}", KINDS.join(", ")),
                ));
            }
        }
        let lang = present(&self.lang)
            .map(|code| {
                code.parse::<Language>()
                    .map_err(|error| ApiError::invalid("lang", error.to_string()))
            })
            .transpose()?;
        let sort = present(&self.sort)
            .map(SortOrder::parse)
            .transpose()
            .map_err(ApiError::from)?
            .unwrap_or_default();
        Ok(SearchRequest {
            text: self.q.clone().unwrap_or_default(),
            kind,
            lang,
            issuer: present(&self.issuer).map(str::to_owned),
            number: present(&self.number).map(str::to_owned),
            from: present(&self.from).map(|v| parse_date("from", v)).transpose()?,
            to: present(&self.to).map(|v| parse_date("to", v)).transpose()?,
            status: present(&self.status).map(parse_status).transpose()?,
            today: present(&self.as_of).map(|v| parse_date("as_of", v)).transpose()?,
            sort,
            limit,
            offset,
            ui_lang: present(&self.ui).and_then(UiLanguage::from_code).map(Language::from),
            cross_lang: present(&self.cross_lang)
                .map_or(Ok(true), |v| parse_flag("cross_lang", v))?,
            ..SearchRequest::default()
        })
    }
}

/// A query-string extractor whose rejection is our JSON error, not axum's plain text.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::try_from_uri(&parts.uri).map(|Query(value)| ApiQuery(value)).map_err(
            |rejection| ApiError::BadRequest {
                code: "invalid_query_string".to_owned(),
                message: rejection.body_text(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paging_and_bounds() {
        let params =
            SearchParams { page: Some("3".into()), limit: Some("20".into()), ..Default::default() };
        let request = params.to_request().unwrap();
        assert_eq!((request.offset, request.limit), (40, 20));
        let bad = SearchParams { limit: Some("1000".into()), ..Default::default() };
        assert!(
            matches!(bad.to_request(), Err(ApiError::BadRequest { code, .. }) if code == "invalid_limit")
        );
        let ui = |code: &str| {
            SearchParams { ui: Some(code.into()), ..Default::default() }
                .to_request()
                .unwrap()
                .ui_lang
        };
        assert_eq!(ui("kk"), Some(Language::Kk));
        assert_eq!(ui("xx"), None);
        let bad_date = SearchParams { from: Some("12.03.2018".into()), ..Default::default() };
        assert!(
            matches!(bad_date.to_request(), Err(ApiError::BadRequest { code, .. }) if code == "invalid_from")
        );
    }

    #[test]
    fn test_cross_lang_is_on_unless_turned_off() {
        assert!(SearchParams::default().to_request().unwrap().cross_lang);
        for (value, expected) in [("false", false), ("0", false), ("true", true), ("on", true)] {
            let params = SearchParams { cross_lang: Some(value.into()), ..Default::default() };
            assert_eq!(params.to_request().unwrap().cross_lang, expected, "{value}");
        }
        let bad = SearchParams { cross_lang: Some("maybe".into()), ..Default::default() };
        assert!(
            matches!(bad.to_request(), Err(ApiError::BadRequest { code, .. }) if code == "invalid_cross_lang")
        );
    }
}
