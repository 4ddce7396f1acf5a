//! The acts of the whole index and how they relate: references resolved to acts, the
//! language versions and editions of each act, and its status on a given day.
//!
//! # Why here, and computed at read time
//!
//! Extraction sees one file; resolving "решение от 14.12.2023 № 15-3" needs every act.
//! Each file therefore stores only what it says itself: its outgoing references (the
//! `refs` fast field), its term of force and its edition. The [`ActRegistry`] is built from
//! those fast fields of every live file of one searcher, once per commit (the engine
//! keeps it by the commit's segments, see `warm.rs`; each segment's columns are read once
//! into a [`SegmentPart`], kept while the segment lives), and answers the rest: whom a
//! reference names, who amends or repeals an act, and the act's status on a day.
//! Nothing derived is written to the index, so an incremental run that adds, changes or
//! deletes one file changes the answers for every act it touches without rewriting them,
//! and the status moves with the calendar without reindexing.
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
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use serde::Serialize;
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DateTime, DocAddress, DocId, Searcher, SegmentOrdinal, SegmentReader};

use crate::document::{ActReference, Date, RelationKind};
use crate::schema::normalize_number;
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

/// A file or an identity that is not there.
const NONE: u32 = u32::MAX;

/// A day that is not given.
const NO_DAY: i32 = i32::MIN;

/// A fast hasher for the engine's keys (act keys and numbers, document numbers, ordinals): the
/// default SipHash resists crafted keys, which a registry built from the index's own
/// values does not meet, and cost seconds at a million files.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0_u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last) ^ ((bytes.len() as u64) << 56));
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_i32(&mut self, value: i32) {
        self.add(u64::from(value as u32));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
}

/// Builds [`FastHasher`]s.
pub(crate) type FastHash = BuildHasherDefault<FastHasher>;

/// Days since 1970-01-01 of a date column's first value, or [`NO_DAY`].
fn day_of(column: Option<&Column<DateTime>>, doc: DocId) -> i32 {
    column
        .and_then(|column| column.first(doc))
        .and_then(|date| i32::try_from(Date::day_number(date)).ok())
        .unwrap_or(NO_DAY)
}

fn date_of_day(day: i32) -> Option<Date> {
    (day != NO_DAY).then(|| Date::from_days_since_epoch(i64::from(day)))
}

/// The first ordinal of a string column, or [`NONE`].
fn first_ord(values: Option<&StrValues>, doc: DocId) -> u32 {
    values
        .and_then(|values| values.column.term_ords(doc).next())
        .and_then(|ord| u32::try_from(ord).ok())
        .unwrap_or(NONE)
}

fn term_of(values: Option<&StrValues>, ord: u32) -> &str {
    values.and_then(|values| values.term(u64::from(ord))).unwrap_or("")
}

/// What one file of a segment says about itself, dead or alive.
#[derive(Debug, Clone, Copy)]
struct DocFacts {
    act: u64,
    id: u32,
    kind: u32,
    lang: u32,
    format: u32,
    number: u32,
    /// The date, the start and the end of force and the edition, as days.
    days: [i32; 4],
    /// Its references: a range of [`SegmentPart::doc_refs`].
    refs: (u32, u32),
}

/// A reference as a segment stores it, decoded once, with its number normalised.
#[derive(Debug)]
struct StoredReference {
    reference: ActReference,
    number: Option<String>,
}

/// What one segment says about each of its files, deleted or not. A segment's files
/// never change (only which of them are deleted), so the part is read once while the
/// segment lives and kept from one commit to the next; which files are alive, and how
/// the acts of all segments relate, is worked out when the parts are put together.
#[derive(Debug)]
pub(crate) struct SegmentPart {
    segment: SegmentId,
    ids: Option<StrValues>,
    kinds: Option<StrValues>,
    langs: Option<StrValues>,
    formats: Option<StrValues>,
    numbers: Option<StrValues>,
    /// Each distinct reference of the segment by its ordinal; `None` if it does not decode.
    references: Vec<Option<StoredReference>>,
    docs: Vec<DocFacts>,
    /// The reference ordinals of every file, one after the other.
    doc_refs: Vec<u32>,
}

impl SegmentPart {
    /// Reads the fast columns the registry needs from every file of a segment.
    fn read(segment: &SegmentReader) -> tantivy::Result<SegmentPart> {
        let fast = segment.fast_fields();
        let refs = StrValues::read(fast.str("refs")?)?;
        let references = refs
            .as_ref()
            .map(|refs| {
                refs.terms()
                    .map(|value| {
                        ActReference::decode(value).map(|reference| StoredReference {
                            number: reference.number.as_deref().map(normalize_number),
                            reference,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut part = SegmentPart {
            segment: segment.segment_id(),
            ids: StrValues::read(fast.str("id")?)?,
            kinds: StrValues::read(fast.str("kind")?)?,
            langs: StrValues::read(fast.str("lang")?)?,
            formats: StrValues::read(fast.str("format")?)?,
            numbers: StrValues::read(fast.str("number_norm")?)?,
            references,
            docs: Vec::with_capacity(segment.max_doc() as usize),
            doc_refs: Vec::new(),
        };
        let act = fast.column_opt::<u64>(crate::act_collector::ACT_FIELD)?;
        let dates = [
            fast.column_opt::<DateTime>("date")?,
            fast.column_opt::<DateTime>("in_force_from")?,
            fast.column_opt::<DateTime>("in_force_until")?,
            fast.column_opt::<DateTime>("edition")?,
        ];
        for doc in 0..segment.max_doc() {
            let start = part.doc_refs.len() as u32;
            if let Some(refs) = &refs {
                part.doc_refs
                    .extend(refs.column.term_ords(doc).filter_map(|ord| u32::try_from(ord).ok()));
            }
            part.docs.push(DocFacts {
                act: act.as_ref().and_then(|acts| acts.first(doc)).unwrap_or(0),
                id: first_ord(part.ids.as_ref(), doc),
                kind: first_ord(part.kinds.as_ref(), doc),
                lang: first_ord(part.langs.as_ref(), doc),
                format: first_ord(part.formats.as_ref(), doc),
                number: first_ord(part.numbers.as_ref(), doc),
                days: std::array::from_fn(|slot| day_of(dates[slot].as_ref(), doc)),
                refs: (start, part.doc_refs.len() as u32),
            });
        }
        Ok(part)
    }

    /// The decodable references of a file, in the order the column gives them.
    fn references_of(&self, doc: DocId) -> impl Iterator<Item = &StoredReference> + '_ {
        let (start, end) = self.docs[doc as usize].refs;
        self.doc_refs[start as usize..end as usize]
            .iter()
            .filter_map(|&ord| self.references.get(ord as usize)?.as_ref())
    }
}

/// One live file, as the registry knows it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileFacts {
    pub(crate) address: DocAddress,
    pub(crate) identity: Option<usize>,
    /// Where the targets of its references start in [`ActRegistry::targets`].
    targets: u32,
}

/// One act (all its files, in every language).
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    /// Its kind: an index of [`ActRegistry::kinds`].
    kind: u32,
    pub(crate) date: Date,
    /// Its files: a range of [`ActRegistry::identity_files`].
    files: (u32, u32),
    /// Acts that name this one: (relation, the naming act's identity), each once.
    pub(crate) incoming: Vec<(RelationKind, usize)>,
}

/// The acts of one searcher and their relations. See the module documentation.
#[derive(Debug, Default)]
pub(crate) struct ActRegistry {
    /// The part of each segment, by segment ordinal.
    pub(crate) parts: Vec<Arc<SegmentPart>>,
    pub(crate) files: Vec<FileFacts>,
    pub(crate) identities: Vec<Identity>,
    /// The files of every identity, one identity after the other.
    identity_files: Vec<u32>,
    /// Per segment, per file: its number in `files`, [`NONE`] if deleted.
    file_of_doc: Vec<Vec<u32>>,
    /// Where each reference of each file led, file after file.
    targets: Vec<Target>,
    /// The kinds of acts, each once.
    kinds: Vec<String>,
    by_act: HashMap<u64, usize, FastHash>,
}

/// The acts of each normalised number and date (days), of any kind: the first one, the
/// others chained through [`SameNumberDate::next`]. An act is its kind, number and date;
/// references name a number and a date, and a kind only sometimes.
struct SameNumberDate<'a> {
    first: HashMap<(&'a str, i32), u32, FastHash>,
    /// Per identity: the next identity of its number and date, or [`NONE`].
    next: Vec<u32>,
}

impl SameNumberDate<'_> {
    /// The identities of a number and a date.
    fn of(&self, number: &str, day: i32) -> impl Iterator<Item = usize> + '_ {
        let first = self.first.get(&(number, day)).copied().unwrap_or(NONE);
        std::iter::successors((first != NONE).then_some(first), |&index| {
            let next = self.next[index as usize];
            (next != NONE).then_some(next)
        })
        .map(|index| index as usize)
    }
}

impl ActRegistry {
    /// Reads every live file of a searcher and resolves every reference. The parts of
    /// segments that `previous` (the registry of an earlier commit) already read are
    /// taken from it.
    pub(crate) fn build(
        searcher: &Searcher,
        previous: Option<&ActRegistry>,
    ) -> tantivy::Result<ActRegistry> {
        let known: HashMap<SegmentId, &Arc<SegmentPart>, FastHash> = previous
            .map(|registry| registry.parts.iter().map(|part| (part.segment, part)).collect())
            .unwrap_or_default();
        let parts = searcher
            .segment_readers()
            .iter()
            .map(|segment| match known.get(&segment.segment_id()) {
                Some(part) => Ok(Arc::clone(part)),
                None => SegmentPart::read(segment).map(Arc::new),
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        // Sized for the live files at once: growing tables of a million entries step by
        // step costs more than filling them.
        let live = searcher.num_docs() as usize;
        let mut registry = ActRegistry {
            parts: parts.clone(),
            files: Vec::with_capacity(live),
            identities: Vec::with_capacity(live),
            by_act: HashMap::with_capacity_and_hasher(live, FastHash::default()),
            ..ActRegistry::default()
        };
        let mut acts = SameNumberDate {
            first: HashMap::with_capacity_and_hasher(live, FastHash::default()),
            next: Vec::with_capacity(live),
        };
        let mut kind_numbers: HashMap<&str, u32, FastHash> = HashMap::default();
        for (segment_ord, (segment, part)) in
            searcher.segment_readers().iter().zip(&parts).enumerate()
        {
            let alive = segment.alive_bitset();
            // The registry's number of each kind ordinal of this segment.
            let kinds: Vec<u32> = (0..part.kinds.as_ref().map_or(0, |kinds| kinds.len()))
                .chain(std::iter::once(NONE as usize))
                .map(|ord| {
                    let name = term_of(part.kinds.as_ref(), ord as u32);
                    *kind_numbers.entry(name).or_insert_with(|| {
                        registry.kinds.push(name.to_owned());
                        registry.kinds.len() as u32 - 1
                    })
                })
                .collect();
            let mut file_of_doc = vec![NONE; part.docs.len()];
            for (doc, facts) in part.docs.iter().enumerate() {
                let doc = doc as DocId;
                if alive.is_some_and(|alive| !alive.is_alive(doc)) {
                    continue;
                }
                let file_index = registry.files.len();
                file_of_doc[doc as usize] = file_index as u32;
                // The same condition as a non-zero act key: a kind of act, a number, a date.
                let date =
                    date_of_day(facts.days[0]).filter(|_| facts.act != 0 && facts.number != NONE);
                let identity = if let Some(date) = date {
                    let kind = kinds[(facts.kind as usize).min(kinds.len() - 1)];
                    let number = term_of(part.numbers.as_ref(), facts.number);
                    let first = acts.first.entry((number, facts.days[0])).or_insert(NONE);
                    let mut index = *first;
                    while index != NONE && registry.identities[index as usize].kind != kind {
                        index = acts.next[index as usize];
                    }
                    if index == NONE {
                        index = registry.identities.len() as u32;
                        registry.identities.push(Identity {
                            kind,
                            date,
                            files: (0, 0),
                            incoming: Vec::new(),
                        });
                        acts.next.push(*first);
                        *first = index;
                    }
                    registry.by_act.insert(facts.act, index as usize);
                    index
                } else {
                    NONE
                };
                registry.files.push(FileFacts {
                    address: DocAddress::new(segment_ord as SegmentOrdinal, doc),
                    identity: (identity != NONE).then_some(identity as usize),
                    targets: 0,
                });
            }
            registry.file_of_doc.push(file_of_doc);
        }
        registry.group_files();
        registry.resolve(&acts);
        Ok(registry)
    }

    /// Lists the files of every identity in file order.
    fn group_files(&mut self) {
        let mut ends = vec![0_u32; self.identities.len() + 1];
        for identity in self.files.iter().filter_map(|file| file.identity) {
            ends[identity + 1] += 1;
        }
        for index in 1..ends.len() {
            ends[index] += ends[index - 1];
        }
        let mut next = ends.clone();
        self.identity_files = vec![0; ends[self.identities.len()] as usize];
        for (file, facts) in self.files.iter().enumerate() {
            if let Some(identity) = facts.identity {
                let slot = &mut next[identity];
                self.identity_files[*slot as usize] = file as u32;
                *slot += 1;
            }
        }
        for (index, identity) in self.identities.iter_mut().enumerate() {
            identity.files = (ends[index], ends[index + 1]);
        }
    }

    /// Resolves every reference and fills the incoming relations of every act.
    fn resolve(&mut self, acts: &SameNumberDate) {
        let mut incoming: Vec<Vec<(RelationKind, usize)>> = vec![Vec::new(); self.identities.len()];
        let mut targets = Vec::new();
        for file_index in 0..self.files.len() {
            let file = self.files[file_index];
            self.files[file_index].targets = targets.len() as u32;
            let part = &self.parts[file.address.segment_ord as usize];
            for stored in part.references_of(file.address.doc_id) {
                let reference = &stored.reference;
                let (Some(number), Some(date)) = (stored.number.as_deref(), reference.date) else {
                    targets.push(Target::NotFound);
                    continue;
                };
                let day = i32::try_from(date.days_since_epoch()).unwrap_or(NO_DAY);
                let mut candidates: Vec<usize> = acts
                    .of(number, day)
                    .filter(|&index| {
                        reference.kind.as_deref().is_none_or(|kind| {
                            self.kinds[self.identities[index].kind as usize] == kind
                        }) && Some(index) != file.identity
                    })
                    .collect();
                candidates.sort_unstable();
                let target = match candidates.as_slice() {
                    [] => Target::NotFound,
                    [one] => Target::Act(*one),
                    _ => Target::Ambiguous(candidates),
                };
                if let (Target::Act(named), Some(source)) = (&target, file.identity) {
                    let entry = (reference.relation, source);
                    if !incoming[*named].contains(&entry) {
                        incoming[*named].push(entry);
                    }
                }
                targets.push(target);
            }
        }
        self.targets = targets;
        for (identity, found) in self.identities.iter_mut().zip(incoming) {
            identity.incoming = found;
        }
    }

    /// The file at an address of this registry's searcher, if it is alive.
    pub(crate) fn file_at(&self, address: DocAddress) -> Option<usize> {
        let file =
            *self.file_of_doc.get(address.segment_ord as usize)?.get(address.doc_id as usize)?;
        (file != NONE).then_some(file as usize)
    }

    fn facts(&self, file: usize) -> (&SegmentPart, &DocFacts) {
        let address = self.files[file].address;
        let part = &self.parts[address.segment_ord as usize];
        (part, &part.docs[address.doc_id as usize])
    }

    /// The id of a file.
    pub(crate) fn id(&self, file: usize) -> &str {
        let (part, facts) = self.facts(file);
        term_of(part.ids.as_ref(), facts.id)
    }

    /// The primary language code of a file; empty when it has none.
    pub(crate) fn lang(&self, file: usize) -> &str {
        let (part, facts) = self.facts(file);
        term_of(part.langs.as_ref(), facts.lang)
    }

    /// The kind code of a file; empty when it has none.
    pub(crate) fn kind(&self, file: usize) -> &str {
        let (part, facts) = self.facts(file);
        term_of(part.kinds.as_ref(), facts.kind)
    }

    fn format(&self, file: usize) -> &str {
        let (part, facts) = self.facts(file);
        term_of(part.formats.as_ref(), facts.format)
    }

    /// The day of a file: 1 the start of force, 2 its end, 3 the edition.
    fn day(&self, file: usize, slot: usize) -> Option<Date> {
        date_of_day(self.facts(file).1.days[slot])
    }

    fn edition(&self, file: usize) -> Option<Date> {
        self.day(file, 3)
    }

    /// The references of a file with where each led, in the order the file gives them.
    pub(crate) fn references(
        &self,
        file: usize,
    ) -> impl Iterator<Item = (&ActReference, &Target)> + '_ {
        let address = self.files[file].address;
        let part = &self.parts[address.segment_ord as usize];
        let targets = &self.targets[self.files[file].targets as usize..];
        part.references_of(address.doc_id).map(|stored| &stored.reference).zip(targets)
    }

    /// The files of an act, in file order.
    pub(crate) fn act_files(&self, identity: usize) -> impl Iterator<Item = usize> + '_ {
        let (start, end) = self.identities[identity].files;
        self.identity_files[start as usize..end as usize].iter().map(|&file| file as usize)
    }

    /// Returns the identity of an act key.
    pub(crate) fn identity_of_act(&self, act: u64) -> Option<usize> {
        self.by_act.get(&act).copied()
    }

    /// The stated term of an act: each end taken from the latest edition that states it
    /// (of files of one edition, the first).
    fn term(&self, identity: usize) -> (Option<Date>, Option<Date>) {
        let stated = |slot: usize| {
            let mut best: Option<(Option<Date>, Date)> = None;
            for file in self.act_files(identity) {
                if let Some(day) = self.day(file, slot) {
                    let edition = self.edition(file);
                    if best.is_none_or(|(seen, _)| edition > seen) {
                        best = Some((edition, day));
                    }
                }
            }
            best.map(|(_, day)| day)
        };
        (stated(1), stated(2))
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
    pub(crate) fn statuses(&self, today: Date) -> StatusTable<'_> {
        let by_identity: Vec<ActStatus> =
            (0..self.identities.len()).map(|index| self.status(index, today).status).collect();
        StatusTable { registry: self, by_identity }
    }

    /// The file that stands for an act in a language: of its current edition, a text
    /// format before the others, then the first id.
    pub(crate) fn representative(&self, identity: usize, lang: Option<&str>) -> Option<usize> {
        let act = &self.identities[identity];
        self.act_files(identity)
            .filter(|&index| lang.is_none_or(|lang| self.lang(index) == lang))
            .min_by_key(|&index| {
                (std::cmp::Reverse(self.edition(index).unwrap_or(act.date)), self.plainness(index))
            })
    }

    /// How plain a file is to show, lower first: text before HTML before the other
    /// formats, a file at the top of the corpus before one in a sub-folder, then by id.
    fn plainness(&self, index: usize) -> (u8, usize, &str) {
        let format = match self.format(index) {
            "txt" => 0,
            "html" => 1,
            _ => 2,
        };
        let id = self.id(index);
        (format, id.matches('/').count(), id)
    }

    /// The files of an act in a language, one per edition, oldest first: (date, file).
    pub(crate) fn editions(&self, identity: usize, lang: &str) -> Vec<(Date, usize)> {
        let act = &self.identities[identity];
        let mut by_date: Vec<(Date, usize)> = Vec::new();
        for index in self.act_files(identity) {
            if self.lang(index) != lang {
                continue;
            }
            let date = self.edition(index).unwrap_or(act.date);
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
#[derive(Debug)]
pub(crate) struct StatusTable<'a> {
    registry: &'a ActRegistry,
    by_identity: Vec<ActStatus>,
}

impl StatusTable<'_> {
    /// Returns the status of an act key.
    pub(crate) fn of(&self, act: u64) -> ActStatus {
        self.registry
            .identity_of_act(act)
            .and_then(|identity| self.by_identity.get(identity).copied())
            .unwrap_or(ActStatus::Unknown)
    }
}
