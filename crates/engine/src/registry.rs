//! The acts of the whole index and how they relate: references resolved to acts, the
//! language versions and editions of each act, and its status on a given day.
//!
//! # Why here, and computed at read time
//!
//! Extraction sees one file; resolving "решение от 14.12.2023 № 15-3" needs every act.
//! Each file therefore stores only what it says itself: its outgoing references (the
//! `refs` fast field), its term of force and its edition. The [`ActRegistry`] is built from
//! those fast fields of every live file of one searcher, once per commit (the engine
//! caches it by searcher generation), and answers the rest: whom a reference names, who
//! amends or repeals an act, and the act's status on a day. Nothing derived is written to
//! the index, so an incremental run that adds, changes or deletes one file changes the
//! answers for every act it touches without rewriting them, and the status moves with the
//! calendar without reindexing.
//!
//! # Identity
//!
//! An act is its kind, number (normalised) and date: the files of one act (formats,
//! editions) and its language versions (the Russian and the Kyrgyz text, published with
//! the same requisites) share them. The issuing body is not compared: the language
//! versions write it in different languages. Acts with no kind, number or date (press
//! clippings, undated texts) have no identity, no relations and the status `unknown`.
//!
//! # Resolution
//!
//! A reference resolves when its number and date agree with exactly one identity, and its
//! kind too when it names one. With no number or no date it is kept as text; when a
//! kind-less reference ("закон от ... № ...") fits acts of several kinds it is reported as
//! ambiguous with its candidates, never guessed. An act never resolves to itself.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::{DateTime, DocAddress, DocId, Searcher, SegmentOrdinal, SegmentReader};

use crate::act_collector::ActKeyHash;
use crate::document::{ActReference, Date, RelationKind};
use crate::schema::normalize_number;
use crate::search::Engine;
use crate::str_values::StrValues;

/// The status of an act on a given day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActStatus {
    /// In force, never amended.
    InForce,
    /// In force, with changes made by other acts.
    Amended,
    /// Repealed by another act.
    Repealed,
    /// Suspended by another act.
    Suspended,
    /// Its stated term has passed.
    Expired,
    /// Its stated start of force lies ahead.
    NotYetInForce,
    /// Not an act with requisites (a clipping, an undated text), or not known.
    Unknown,
}

impl ActStatus {
    /// Every status, in the order the interface lists them.
    pub const ALL: [ActStatus; 7] = [
        ActStatus::InForce,
        ActStatus::Amended,
        ActStatus::Repealed,
        ActStatus::Suspended,
        ActStatus::Expired,
        ActStatus::NotYetInForce,
        ActStatus::Unknown,
    ];

    /// Returns the code used in the API.
    pub fn code(self) -> &'static str {
        match self {
            ActStatus::InForce => "in_force",
            ActStatus::Amended => "amended",
            ActStatus::Repealed => "repealed",
            ActStatus::Suspended => "suspended",
            ActStatus::Expired => "expired",
            ActStatus::NotYetInForce => "not_yet_in_force",
            ActStatus::Unknown => "unknown",
        }
    }

    /// Parses a code as returned by [`ActStatus::code`].
    pub fn from_code(code: &str) -> Option<ActStatus> {
        ActStatus::ALL.into_iter().find(|status| status.code() == code.trim())
    }
}

/// The status of an act on a day, with the day it took that status and the act that gave
/// it (the repealing, suspending or last amending act).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatusOn {
    pub(crate) status: ActStatus,
    pub(crate) since: Option<Date>,
    pub(crate) by: Option<usize>,
}

/// Where a reference led.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Exactly one act: its identity.
    Act(usize),
    /// Several acts fit; none is chosen.
    Ambiguous(Vec<usize>),
    /// No act of the index fits, or the reference lacks a number or a date.
    NotFound,
}

/// One live file, as the registry knows it.
#[derive(Debug, Clone)]
pub(crate) struct FileFacts {
    pub(crate) id: String,
    pub(crate) address: DocAddress,
    pub(crate) identity: Option<usize>,
    pub(crate) kind: String,
    pub(crate) lang: String,
    pub(crate) format: String,
    pub(crate) in_force_from: Option<Date>,
    pub(crate) in_force_until: Option<Date>,
    pub(crate) edition: Option<Date>,
    pub(crate) references: Vec<(ActReference, Target)>,
}

/// One act (all its files, in every language).
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub(crate) kind: String,
    pub(crate) date: Date,
    pub(crate) files: Vec<usize>,
    /// Acts that name this one: (relation, the naming act's identity), each once.
    pub(crate) incoming: Vec<(RelationKind, usize)>,
}

/// The acts of one searcher and their relations. See the module documentation.
#[derive(Debug, Default)]
pub(crate) struct ActRegistry {
    pub(crate) files: Vec<FileFacts>,
    pub(crate) identities: Vec<Identity>,
    by_id: HashMap<String, usize>,
    by_act: HashMap<u64, usize, ActKeyHash>,
}

/// Reads the first value of a string column.
fn first_str(values: Option<&StrValues>, doc: DocId) -> Option<String> {
    values?.first(doc).map(str::to_owned)
}

fn all_str(values: Option<&StrValues>, doc: DocId) -> Vec<String> {
    let Some(values) = values else { return Vec::new() };
    values.column.term_ords(doc).filter_map(|ord| values.term(ord).map(str::to_owned)).collect()
}

/// The fast columns the registry reads from one segment.
struct Columns {
    id: Option<StrValues>,
    kind: Option<StrValues>,
    lang: Option<StrValues>,
    format: Option<StrValues>,
    number: Option<StrValues>,
    refs: Option<StrValues>,
    act: Option<tantivy::columnar::Column<u64>>,
    dates: [Option<tantivy::columnar::Column<DateTime>>; 4],
}

impl Columns {
    fn of(segment: &SegmentReader) -> tantivy::Result<Columns> {
        let fast = segment.fast_fields();
        Ok(Columns {
            id: StrValues::read(fast.str("id")?)?,
            kind: StrValues::read(fast.str("kind")?)?,
            lang: StrValues::read(fast.str("lang")?)?,
            format: StrValues::read(fast.str("format")?)?,
            number: StrValues::read(fast.str("number_norm")?)?,
            refs: StrValues::read(fast.str("refs")?)?,
            act: fast.column_opt::<u64>(crate::act_collector::ACT_FIELD)?,
            dates: [
                fast.column_opt::<DateTime>("date")?,
                fast.column_opt::<DateTime>("in_force_from")?,
                fast.column_opt::<DateTime>("in_force_until")?,
                fast.column_opt::<DateTime>("edition")?,
            ],
        })
    }

    fn date(&self, slot: usize, doc: DocId) -> Option<Date> {
        self.dates[slot].as_ref()?.first(doc).map(Date::from_tantivy)
    }
}

impl ActRegistry {
    /// Reads every live file of a searcher and resolves every reference.
    pub(crate) fn build(searcher: &Searcher) -> tantivy::Result<ActRegistry> {
        let mut registry = ActRegistry::default();
        let mut keys: HashMap<(String, String, Date), usize> = HashMap::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let columns = Columns::of(segment)?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|alive| !alive.is_alive(doc)) {
                    continue;
                }
                let act = columns.act.as_ref().and_then(|acts| acts.first(doc)).unwrap_or(0);
                let kind = first_str(columns.kind.as_ref(), doc).unwrap_or_default();
                let number = first_str(columns.number.as_ref(), doc);
                let date = columns.date(0, doc);
                let file_index = registry.files.len();
                // The same condition as a non-zero act key: a kind of act, a number, a date.
                let identity = match (act, number, date) {
                    (1.., Some(number), Some(date)) => {
                        let key = (kind.clone(), number, date);
                        let next = registry.identities.len();
                        let index = *keys.entry(key).or_insert(next);
                        if index == next {
                            registry.identities.push(Identity {
                                kind: kind.clone(),
                                date,
                                files: Vec::new(),
                                incoming: Vec::new(),
                            });
                        }
                        registry.identities[index].files.push(file_index);
                        registry.by_act.insert(act, index);
                        Some(index)
                    }
                    _ => None,
                };
                let references = all_str(columns.refs.as_ref(), doc)
                    .iter()
                    .filter_map(|value| ActReference::decode(value))
                    .map(|reference| (reference, Target::NotFound))
                    .collect();
                let id = first_str(columns.id.as_ref(), doc).unwrap_or_default();
                registry.by_id.insert(id.clone(), file_index);
                registry.files.push(FileFacts {
                    id,
                    address: DocAddress::new(segment_ord as SegmentOrdinal, doc),
                    identity,
                    kind,
                    lang: first_str(columns.lang.as_ref(), doc).unwrap_or_default(),
                    format: first_str(columns.format.as_ref(), doc).unwrap_or_default(),
                    in_force_from: columns.date(1, doc),
                    in_force_until: columns.date(2, doc),
                    edition: columns.date(3, doc),
                    references,
                });
            }
        }
        registry.resolve(&keys);
        Ok(registry)
    }

    /// Resolves every reference and fills the incoming relations of every act.
    fn resolve(&mut self, keys: &HashMap<(String, String, Date), usize>) {
        let mut by_number_date: HashMap<(&str, Date), Vec<usize>> = HashMap::new();
        for ((_, number, date), index) in keys {
            by_number_date.entry((number.as_str(), *date)).or_default().push(*index);
        }
        let mut incoming: Vec<Vec<(RelationKind, usize)>> = vec![Vec::new(); self.identities.len()];
        for file in &mut self.files {
            for (reference, target) in &mut file.references {
                let (Some(number), Some(date)) = (reference.number.as_deref(), reference.date)
                else {
                    continue;
                };
                let number = normalize_number(number);
                let mut candidates: Vec<usize> = by_number_date
                    .get(&(number.as_str(), date))
                    .map(|found| {
                        found
                            .iter()
                            .copied()
                            .filter(|&index| {
                                reference
                                    .kind
                                    .as_deref()
                                    .is_none_or(|kind| self.identities[index].kind == kind)
                                    && Some(index) != file.identity
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                candidates.sort_unstable();
                *target = match candidates.as_slice() {
                    [] => Target::NotFound,
                    [one] => Target::Act(*one),
                    _ => Target::Ambiguous(candidates),
                };
                if let (Target::Act(named), Some(source)) = (&*target, file.identity) {
                    let entry = (reference.relation, source);
                    if !incoming[*named].contains(&entry) {
                        incoming[*named].push(entry);
                    }
                }
            }
        }
        for (identity, found) in self.identities.iter_mut().zip(incoming) {
            identity.incoming = found;
        }
    }

    /// Returns the file of an id.
    pub(crate) fn file(&self, id: &str) -> Option<&FileFacts> {
        self.by_id.get(id).map(|&index| &self.files[index])
    }

    /// Returns the identity of an act key.
    pub(crate) fn identity_of_act(&self, act: u64) -> Option<usize> {
        self.by_act.get(&act).copied()
    }

    /// The stated term of an act: taken from its current edition first.
    fn term(&self, identity: usize) -> (Option<Date>, Option<Date>) {
        let mut files: Vec<&FileFacts> =
            self.identities[identity].files.iter().map(|&index| &self.files[index]).collect();
        files.sort_by_key(|file| std::cmp::Reverse(file.edition));
        let from = files.iter().find_map(|file| file.in_force_from);
        let until = files.iter().find_map(|file| file.in_force_until);
        (from, until)
    }

    /// The day an act starts to act: its stated start, else its date.
    fn effective(&self, identity: usize) -> Date {
        self.term(identity).0.unwrap_or(self.identities[identity].date)
    }

    /// The status of an act on a day. Acts named by acts that take effect later are not
    /// yet touched by them. Of a repeal and the end of the term, the earlier counts.
    pub(crate) fn status(&self, identity: usize, today: Date) -> StatusOn {
        let act = &self.identities[identity];
        let (from, until) = self.term(identity);
        // The acts that name this one and already act, latest first.
        let mut acting: Vec<(RelationKind, usize, Date)> = act
            .incoming
            .iter()
            .map(|&(relation, source)| (relation, source, self.effective(source)))
            .filter(|&(_, _, effective)| effective <= today)
            .collect();
        acting.sort_by_key(|&(_, source, effective)| std::cmp::Reverse((effective, source)));
        let latest =
            |wanted: RelationKind| acting.iter().find(|(relation, ..)| *relation == wanted);
        let expired_on = until.map(Date::next_day).filter(|&end| end <= today);
        let repealed = acting
            .iter()
            .filter(|(relation, ..)| *relation == RelationKind::Repeals)
            .min_by_key(|&&(_, _, effective)| effective);
        match (repealed, expired_on) {
            (Some(&(_, by, on)), expired) if expired.is_none_or(|end| on <= end) => {
                return StatusOn { status: ActStatus::Repealed, since: Some(on), by: Some(by) };
            }
            (_, Some(end)) => {
                return StatusOn { status: ActStatus::Expired, since: Some(end), by: None };
            }
            _ => {}
        }
        let start = from.unwrap_or(act.date);
        if start > today {
            return StatusOn { status: ActStatus::NotYetInForce, since: Some(start), by: None };
        }
        if let Some(&(_, by, on)) = latest(RelationKind::Suspends) {
            return StatusOn { status: ActStatus::Suspended, since: Some(on), by: Some(by) };
        }
        if let Some(&(_, by, on)) = latest(RelationKind::Amends) {
            return StatusOn { status: ActStatus::Amended, since: Some(on), by: Some(by) };
        }
        StatusOn { status: ActStatus::InForce, since: Some(start), by: None }
    }

    /// The status of every act key on a day.
    pub(crate) fn statuses(&self, today: Date) -> StatusTable {
        let by_identity: Vec<ActStatus> =
            (0..self.identities.len()).map(|index| self.status(index, today).status).collect();
        StatusTable {
            by_act: self.by_act.iter().map(|(&act, &index)| (act, by_identity[index])).collect(),
        }
    }

    /// The file that stands for an act in a language: of its current edition, a text
    /// format before the others, then the first id.
    pub(crate) fn representative(&self, identity: usize, lang: Option<&str>) -> Option<usize> {
        let act = &self.identities[identity];
        let in_language = |index: &&usize| lang.is_none_or(|lang| self.files[**index].lang == lang);
        act.files.iter().filter(in_language).copied().min_by_key(|&index| {
            let file = &self.files[index];
            (std::cmp::Reverse(file.edition.unwrap_or(act.date)), self.plainness(index))
        })
    }

    /// How plain a file is to show, lower first: text before HTML before the other
    /// formats, a file at the top of the corpus before one in a sub-folder, then by id.
    fn plainness(&self, index: usize) -> (u8, usize, &str) {
        let file = &self.files[index];
        let format = match file.format.as_str() {
            "txt" => 0,
            "html" => 1,
            _ => 2,
        };
        (format, file.id.matches('/').count(), file.id.as_str())
    }

    /// The files of an act in a language, one per edition, oldest first: (date, file).
    pub(crate) fn editions(&self, identity: usize, lang: &str) -> Vec<(Date, usize)> {
        let act = &self.identities[identity];
        let mut by_date: Vec<(Date, usize)> = Vec::new();
        for &index in &act.files {
            let file = &self.files[index];
            if file.lang != lang {
                continue;
            }
            let date = file.edition.unwrap_or(act.date);
            match by_date.iter_mut().find(|(seen, _)| *seen == date) {
                Some(slot) if self.plainness(index) < self.plainness(slot.1) => slot.1 = index,
                Some(_) => {}
                None => by_date.push((date, index)),
            }
        }
        by_date.sort_by_key(|&(date, _)| date);
        by_date
    }
}

/// The status of each act key on one day; a file with no act key is `unknown`.
#[derive(Debug, Default)]
pub(crate) struct StatusTable {
    by_act: HashMap<u64, ActStatus, ActKeyHash>,
}

impl StatusTable {
    /// Returns the status of an act key.
    pub(crate) fn of(&self, act: u64) -> ActStatus {
        self.by_act.get(&act).copied().unwrap_or(ActStatus::Unknown)
    }
}

/// What [`Engine::warm`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warmed {
    /// The live documents of the searcher it warmed.
    pub documents: u64,
    /// Its acts (the files of one act count once; a document without requisites is not
    /// an act).
    pub acts: usize,
    /// How long it took (wall time); zero when everything was already built.
    pub elapsed: std::time::Duration,
}

impl Engine {
    /// Builds what the first search of the latest commit needs and keeps it: the act
    /// registry, the act table and today's statuses. A server calls it before it says it
    /// is ready, and after each reload, so that no user search pays for it. Cheap when
    /// nothing was committed since the last call.
    pub fn warm(&self) -> crate::error::Result<Warmed> {
        self.guarded(|| {
            let started = std::time::Instant::now();
            let searcher = self.searcher();
            let registry = self.registry(&searcher)?;
            self.statuses(&searcher, Date::today())?;
            Ok(Warmed {
                documents: searcher.num_docs(),
                acts: registry.identities.len(),
                elapsed: started.elapsed(),
            })
        })
    }
}
