//! A document with what it is as an act: its status on a day, the acts it names and the
//! acts that name it, its versions in the other languages and its editions. The data come
//! from the [`ActRegistry`](crate::registry); see there why they are computed at read time.

use serde::Serialize;
use tantivy::TantivyDocument;

use crate::document::{ActReference, Date, RelationKind, StoredDocument};
use crate::error::{EngineError, Result};
use crate::registry::{ActStatus, Target};
use crate::search::{Engine, Version};

/// A stored document with its status, relations, language versions and editions.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize)]
pub struct ActDocument {
    /// The stored document.
    #[serde(flatten)]
    pub document: StoredDocument,
    /// The status of the act on the day asked for.
    pub status: ActStatus,
    /// The day the act took that status (`YYYY-MM-DD`), when known.
    pub status_since: Option<String>,
    /// The act that gave the status (the repealing, suspending or last amending act): its
    /// document id, as in `relations`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_by: Option<String>,
    /// The acts this one names (`amends`, `repeals`, `suspends`, `cites`) and the acts
    /// that name it (`amended_by`, `repealed_by`, `suspended_by`, `cited_by`).
    pub relations: Vec<ActRelation>,
    /// The same act in the other languages, one file per language.
    pub language_versions: Vec<LanguageVersion>,
    /// The editions of the act in this document's language, oldest first; empty unless
    /// the index holds a consolidated text of it.
    pub editions: Vec<Edition>,
    /// The other files that hold this act in this language (its PDF, DOCX ... copies).
    pub versions: Vec<Version>,
}

/// One relation of an act to another act.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActRelation {
    /// `amends`, `repeals`, `suspends`, `cites`, `amended_by`, `repealed_by`,
    /// `suspended_by` or `cited_by`.
    #[serde(rename = "type")]
    pub relation: String,
    /// The document id of the other act (in this document's language when the index has
    /// it); absent when the act is not in the index or the reference is ambiguous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The other act's title, or the reference as the text gives it.
    pub title: String,
    /// Kind code of the other act, when known.
    pub kind: Option<String>,
    /// Number of the other act as written.
    pub number: Option<String>,
    /// Date of the other act, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// True when the reference was resolved to an act of the index.
    pub resolved: bool,
    /// For an ambiguous reference: the ids of every act it may name (none is chosen).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

/// The act in another language.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageVersion {
    /// Document id.
    pub id: String,
    /// Language code.
    pub lang: String,
}

/// One edition of an act: the text as adopted, or a consolidated text.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edition {
    /// Document id.
    pub id: String,
    /// The date of the edition: the act's date for the text as adopted, the date of the
    /// amending act for a consolidated text.
    pub date: String,
    /// True for the latest edition the index holds.
    pub current: bool,
}

/// Describes a reference that names no act of the index: "решение № 15-3 от 14.12.2023".
fn describe(reference: &ActReference, lang: &str) -> String {
    let kind = match (reference.kind.as_deref(), lang) {
        (Some("decree"), "kk") => "жарлық",
        (Some("decree"), "ky") => "жарлык",
        (Some("decree"), _) => "указ",
        (Some("resolution"), "kk") => "қаулы",
        (Some("resolution"), "ky") => "токтом",
        (Some("resolution"), _) => "постановление",
        (Some("order"), "kk") => "бұйрық",
        (Some("order"), "ky") => "буйрук",
        (Some("order"), _) => "распоряжение",
        (Some("decision"), "kk") => "шешім",
        (Some("decision"), "ky") => "чечим",
        (Some("decision"), _) => "решение",
        _ => "акт",
    };
    let mut text = kind.to_owned();
    if let Some(number) = &reference.number {
        text.push_str(&format!(" № {number}"));
    }
    if let Some(date) = reference.date {
        text.push_str(&format!(" от {}", date.to_dotted()));
    }
    text
}

impl Engine {
    /// Returns a stored document with its status on `today` (`None`: today by the system
    /// clock), its relations, language versions and editions.
    pub fn act_document(&self, id: &str, today: Option<Date>) -> Result<ActDocument> {
        self.guarded(|| self.read_act_document(id, today.unwrap_or_else(Date::today)))
    }

    fn read_act_document(&self, id: &str, today: Date) -> Result<ActDocument> {
        let searcher = self.searcher();
        let registry = self.registry(&searcher)?;
        let file = registry
            .file_at(self.address_of(&searcher, id)?)
            .ok_or_else(|| EngineError::NotFound { id: id.to_owned() })?;
        let stored = |index: usize| -> Result<StoredDocument> {
            let document: TantivyDocument = searcher.doc(registry.files[index].address)?;
            Ok(StoredDocument::from_tantivy(&document, self.index().schema()))
        };
        let address = registry.files[file].address;
        let document: TantivyDocument = searcher.doc(address)?;
        let this = StoredDocument::from_tantivy(&document, self.index().schema());
        let lang = this.lang.clone();
        let mut view = ActDocument {
            document: this,
            status: ActStatus::Unknown,
            status_since: None,
            status_by: None,
            relations: Vec::new(),
            language_versions: Vec::new(),
            editions: Vec::new(),
            versions: self.file_copies(&searcher, address)?,
        };
        // The file that stands for an act, in this document's language when it has one.
        let stand_in = |identity: usize| {
            registry
                .representative(identity, Some(&lang))
                .or_else(|| registry.representative(identity, None))
        };
        let relation_to = |relation: &str, identity: usize| -> Result<Option<ActRelation>> {
            let Some(index) = stand_in(identity) else { return Ok(None) };
            let other = stored(index)?;
            Ok(Some(ActRelation {
                relation: relation.to_owned(),
                id: Some(other.id),
                title: other.title,
                kind: Some(other.kind),
                number: other.number,
                date: other.date,
                resolved: true,
                candidates: Vec::new(),
            }))
        };
        for (reference, target) in registry.references(file) {
            let code = reference.relation.code();
            let relation = match target {
                Target::Act(identity) => relation_to(code, *identity)?,
                Target::Ambiguous(_) | Target::NotFound => None,
            };
            let relation = relation.unwrap_or_else(|| ActRelation {
                relation: code.to_owned(),
                id: None,
                title: describe(reference, &lang),
                kind: reference.kind.clone(),
                number: reference.number.clone(),
                date: reference.date.map(Date::to_iso),
                resolved: false,
                candidates: match target {
                    Target::Ambiguous(identities) => identities
                        .iter()
                        .filter_map(|&identity| stand_in(identity))
                        .map(|index| registry.id(index).to_owned())
                        .collect(),
                    _ => Vec::new(),
                },
            });
            view.relations.push(relation);
        }
        let Some(identity) = registry.files[file].identity else { return Ok(view) };
        let status = registry.status(identity, today);
        view.status = status.status;
        view.status_since = status.since.map(Date::to_iso);
        view.status_by = status.by.and_then(stand_in).map(|index| registry.id(index).to_owned());
        let mut incoming = registry.identities[identity].incoming.clone();
        incoming.sort_by_key(|&(relation, source)| {
            (
                RelationKind::ALL.iter().position(|r| *r == relation),
                registry.identities[source].date,
            )
        });
        for (relation, source) in incoming {
            if let Some(found) = relation_to(relation.inverse_code(), source)? {
                view.relations.push(found);
            }
        }
        let mut languages: Vec<&str> = registry
            .act_files(identity)
            .map(|index| registry.lang(index))
            .filter(|other| *other != lang)
            .collect();
        languages.sort_unstable();
        languages.dedup();
        for other in languages {
            if let Some(index) = registry.representative(identity, Some(other)) {
                view.language_versions.push(LanguageVersion {
                    id: registry.id(index).to_owned(),
                    lang: other.to_owned(),
                });
            }
        }
        let editions = registry.editions(identity, &lang);
        if editions.len() > 1 {
            let last = editions.len() - 1;
            view.editions = editions
                .iter()
                .enumerate()
                .map(|(position, &(date, index))| Edition {
                    id: registry.id(index).to_owned(),
                    date: date.to_iso(),
                    current: position == last,
                })
                .collect();
        }
        Ok(view)
    }
}
