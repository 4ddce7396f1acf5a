//! Collecting matching files as acts: one act is one unit of ranking, counting and
//! faceting, however many files hold it.
//!
//! The files of one act share a non-zero `act` key (kind, number, date, language; see
//! [`crate::IndexDocument::act_key`]); a file whose key is 0 is an act of its own. Once
//! per searcher generation an [`ActTable`] gives every act a dense number and records
//! each act's facet values. The [`ActCollector`] then ranks acts by their best file
//! (best score, or date for date sorts), keeps exactly the best `keep` acts in a total
//! order (ties go to the lower document address), counts the distinct acts, and counts
//! facet values once per act. Everything is exact whatever `keep` is, so a page is the
//! same slice of one ranking at any offset.
//!
//! Cost per matching file: an array read and a bit set; a file that can enter the
//! ranking adds a slot to a buffer. The segments' bits are joined after the collection,
//! and facets are counted once per act from the table, in the table's order. Only the
//! rare act whose files disagree on facet values (two issuing bodies) reads its files'
//! facets one by one.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DateTime, DocAddress, DocId, Order, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::registry::{ActStatus, FastHash, StatusTable};

/// The fast field holding the act key.
pub(crate) const ACT_FIELD: &str = "act";
/// The fast field holding the act date.
const DATE_FIELD: &str = "date";
/// The facet field.
const FACET_FIELD: &str = "facets";

/// How acts are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RankBy {
    /// By the best score of the act's files.
    Score,
    /// By date; acts without a date come last in either order.
    Date(Order),
}

/// A facet counted by the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Dimension {
    /// `/kind/...`
    Kind,
    /// `/lang/...`: the primary language.
    Lang,
    /// `/issuer/...`
    Issuer,
    /// The status of the act on the day of the search (not a stored facet: counted from
    /// the [`StatusTable`]).
    Status,
}

impl Dimension {
    /// Every dimension.
    pub(crate) const ALL: [Dimension; 4] =
        [Dimension::Kind, Dimension::Lang, Dimension::Issuer, Dimension::Status];

    fn from_root(root: &str) -> Option<Dimension> {
        match root {
            "kind" => Some(Dimension::Kind),
            "lang" => Some(Dimension::Lang),
            "issuer" => Some(Dimension::Issuer),
            _ => None,
        }
    }
}

/// A facet value: its dimension and the value.
pub(crate) type FacetValue = (Dimension, String);

/// How many acts have each facet value.
pub(crate) type FacetTally = HashMap<FacetValue, u64>;

/// The number of an act in an [`ActTable`].
pub(crate) type ActNumber = u32;

/// Marks a deleted file in [`ActTable`]: it belongs to no act.
const NO_ACT: ActNumber = ActNumber::MAX;

/// Marks an unused facet slot, and a segment facet ordinal with no name.
const NO_FACET: u32 = u32::MAX;

/// Facet values one act has when its files agree: a kind, a language, an issuer or two.
const INLINE_FACETS: usize = 4;

/// The signature of mixed acts: no facets (theirs are counted from their files).
const MIXED_SIGNATURE: u32 = 0;

/// Every act of one searcher generation, numbered densely. See the module documentation.
#[derive(Debug, Default)]
pub(crate) struct ActTable {
    /// Per segment, per file: its act number ([`NO_ACT`] for a deleted file).
    numbers: Vec<Arc<[ActNumber]>>,
    /// Per segment: the global facet number of each of its facet ordinals.
    facet_numbers: Vec<Vec<u32>>,
    /// Per act: its key (0 for a file of its own).
    keys: Vec<u64>,
    /// Per act: its facet numbers, unused slots [`NO_FACET`], while the table is built
    /// (then only `signature` is kept).
    facets: Vec<[u32; INLINE_FACETS]>,
    /// Per act: the number of its set of facet numbers in `signatures`, the same for
    /// acts with the same facets ([`MIXED_SIGNATURE`] for a mixed act). A collection
    /// counts acts per signature and status, one increment per act, and the facets
    /// once per signature.
    signature: Vec<u32>,
    /// The distinct sets of facet numbers; the first, [`MIXED_SIGNATURE`], is empty.
    signatures: Vec<[u32; INLINE_FACETS]>,
    /// Acts whose files disagree on facet values, one bit each: counted from the files
    /// that match.
    mixed: Vec<u64>,
    /// The files of each act that has more than one, in address order.
    files: HashMap<ActNumber, Vec<DocAddress>, FastHash>,
    /// Names of the facet numbers.
    names: Vec<FacetValue>,
}

/// The facet numbers of one file, in the reader's order, possibly repeated.
fn file_facets<'a>(
    reader: &'a FacetReader,
    numbers: &'a [u32],
    doc: DocId,
) -> impl Iterator<Item = u32> + 'a {
    reader
        .facet_ords(doc)
        .filter_map(|ordinal| numbers.get(usize::try_from(ordinal).ok()?).copied())
        .filter(|number| *number != NO_FACET)
}

/// The facet numbers of one file, sorted, each once, into a buffer (for a scan of every
/// file).
fn file_facets_into(reader: &FacetReader, numbers: &[u32], doc: DocId, facets: &mut Vec<u32>) {
    facets.clear();
    facets.extend(file_facets(reader, numbers, doc));
    facets.sort_unstable();
    facets.dedup();
}

impl ActTable {
    /// Reads the act key and the facets of every live file of a searcher.
    pub(crate) fn build(searcher: &Searcher) -> tantivy::Result<ActTable> {
        let mut table =
            ActTable { signatures: vec![[NO_FACET; INLINE_FACETS]], ..ActTable::default() };
        let mut interner: HashMap<FacetValue, u32> = HashMap::new();
        let mut by_key: HashMap<u64, ActNumber, FastHash> = HashMap::default();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let reader = segment.facet_reader(FACET_FIELD)?;
            let facet_numbers = table.name_facets(&reader, &mut interner);
            let max_doc = segment.max_doc();
            let mut keys = vec![0_u64; max_doc as usize];
            if let Some(column) = segment.fast_fields().column_opt::<u64>(ACT_FIELD)? {
                for_each_act(&column, max_doc, |doc, act| keys[doc as usize] = act);
            }
            let alive = segment.alive_bitset();
            let mut numbers = vec![NO_ACT; max_doc as usize];
            let mut facets = Vec::new();
            for (doc, key) in (0..max_doc).zip(keys) {
                if alive.is_some_and(|alive| !alive.is_alive(doc)) {
                    continue;
                }
                file_facets_into(&reader, &facet_numbers, doc, &mut facets);
                let known = (key != 0).then(|| by_key.get(&key).copied()).flatten();
                let number = match known {
                    Some(number) => {
                        table.add_file(number, &facets);
                        number
                    }
                    None => {
                        let number = table.keys.len() as ActNumber;
                        table.keys.push(key);
                        let mut inline = [NO_FACET; INLINE_FACETS];
                        for (slot, facet) in inline.iter_mut().zip(&facets) {
                            *slot = *facet;
                        }
                        table.facets.push(inline);
                        if facets.len() > INLINE_FACETS {
                            table.set_mixed(number);
                        }
                        if key != 0 {
                            by_key.insert(key, number);
                        }
                        number
                    }
                };
                numbers[doc as usize] = number;
                if key != 0 {
                    table
                        .files
                        .entry(number)
                        .or_default()
                        .push(DocAddress::new(segment_ord as SegmentOrdinal, doc));
                }
            }
            table.numbers.push(numbers.into());
            table.facet_numbers.push(facet_numbers);
        }
        table.files.retain(|_, files| files.len() > 1);
        table.sign_acts();
        Ok(table)
    }

    /// Gives every act its signature (see `signature`).
    fn sign_acts(&mut self) {
        let mut known: HashMap<[u32; INLINE_FACETS], u32, FastHash> = HashMap::default();
        let facets = std::mem::take(&mut self.facets);
        let mut signature = Vec::with_capacity(facets.len());
        for (number, facets) in facets.iter().enumerate() {
            if self.is_mixed(number as ActNumber) {
                signature.push(MIXED_SIGNATURE);
                continue;
            }
            let next = self.signatures.len() as u32;
            let found = *known.entry(*facets).or_insert(next);
            if found == next {
                self.signatures.push(*facets);
            }
            signature.push(found);
        }
        self.signature = signature;
    }

    /// Gives each facet ordinal of a segment its global number.
    fn name_facets(
        &mut self,
        reader: &FacetReader,
        interner: &mut HashMap<FacetValue, u32>,
    ) -> Vec<u32> {
        let mut facet = Facet::root();
        (0..reader.num_facets() as u64)
            .map(|ordinal| {
                if reader.facet_from_ord(ordinal, &mut facet).is_err() {
                    return NO_FACET;
                }
                let value = match facet.to_path().as_slice() {
                    [root, value] => Dimension::from_root(root).map(|d| (d, (*value).to_owned())),
                    _ => None,
                };
                let Some(value) = value else { return NO_FACET };
                *interner.entry(value.clone()).or_insert_with(|| {
                    self.names.push(value);
                    (self.names.len() - 1) as u32
                })
            })
            .collect()
    }

    /// Adds a further file to an act: if its facets differ, the act becomes mixed.
    fn add_file(&mut self, number: ActNumber, facets: &[u32]) {
        let known = &self.facets[number as usize];
        let known_count = known.iter().take_while(|facet| **facet != NO_FACET).count();
        if known[..known_count] != *facets {
            self.set_mixed(number);
        }
    }

    fn set_mixed(&mut self, number: ActNumber) {
        let word = (number / 64) as usize;
        if self.mixed.len() <= word {
            self.mixed.resize(word + 1, 0);
        }
        self.mixed[word] |= 1 << (number % 64);
    }

    /// Returns true if the files of an act disagree on facet values.
    fn is_mixed(&self, number: ActNumber) -> bool {
        self.mixed.get((number / 64) as usize).is_some_and(|word| word & (1 << (number % 64)) != 0)
    }

    /// Number of acts.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The key of an act.
    pub(crate) fn key(&self, number: ActNumber) -> u64 {
        self.keys.get(number as usize).copied().unwrap_or(0)
    }

    /// The act of a file, if the file is live.
    pub(crate) fn act_of(&self, address: DocAddress) -> Option<ActNumber> {
        let number =
            *self.numbers.get(address.segment_ord as usize)?.get(address.doc_id as usize)?;
        (number != NO_ACT).then_some(number)
    }

    /// Every live file of an act, in address order.
    pub(crate) fn files_of(&self, number: ActNumber) -> Vec<DocAddress> {
        self.files.get(&number).cloned().unwrap_or_default()
    }

    /// The status of every act on a day, by act number.
    pub(crate) fn statuses(&self, table: &StatusTable) -> DayStatuses {
        let slots: Vec<u32> = self
            .keys
            .iter()
            .enumerate()
            .map(|(act, &key)| {
                let status = if key == 0 { ActStatus::Unknown } else { table.of(key) };
                self.tally_slot(act as ActNumber, status) as u32
            })
            .collect();
        let mut all = vec![0_u64; self.signatures.len() * ActStatus::ALL.len()];
        for slot in &slots {
            all[*slot as usize] += 1;
        }
        DayStatuses { slots, all }
    }

    /// The slot of an act in a count by signature and status.
    fn tally_slot(&self, act: ActNumber, status: ActStatus) -> usize {
        self.signature[act as usize] as usize * ActStatus::ALL.len() + status as usize
    }
}

/// The status of a slot of [`ActTable::tally_slot`].
fn status_of_slot(slot: usize) -> ActStatus {
    ActStatus::ALL[slot % ActStatus::ALL.len()]
}

/// One act in the ranking, represented by its best file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RankedAct {
    /// Rank key: higher is better.
    goodness: u64,
    /// Score of the best file (0 when not scored).
    pub(crate) score: Score,
    /// The best file.
    pub(crate) address: DocAddress,
    /// The act key, 0 for a file of its own.
    pub(crate) act: u64,
    /// The act's number in the [`ActTable`].
    pub(crate) number: ActNumber,
}

impl RankedAct {
    fn order_key(&self) -> (Reverse<u64>, SegmentOrdinal, DocId) {
        (Reverse(self.goodness), self.address.segment_ord, self.address.doc_id)
    }
}

/// What a collection found.
#[derive(Debug, Default)]
pub(crate) struct ActGroups {
    /// Distinct acts matching.
    pub(crate) count: usize,
    /// The best acts, best first, at most `keep`.
    pub(crate) top: Vec<RankedAct>,
    /// Acts by facet value.
    pub(crate) tally: FacetTally,
    /// The acts seen, one bit each, for a collection that goes on from this one.
    seen: Vec<u64>,
    /// The facets of the matching files of mixed acts, likewise.
    mixed: HashMap<ActNumber, OrdinalSet, FastHash>,
}

impl ActGroups {
    /// These acts, counted and faceted as they are, ranked as `ranked` ranks its own.
    pub(crate) fn ranked_as(self, ranked: ActGroups) -> ActGroups {
        ActGroups { top: ranked.top, ..self }
    }

    /// Returns true if `top` holds every matching act.
    pub(crate) fn is_complete(&self) -> bool {
        self.top.len() == self.count
    }

    /// Gives the best acts new scores, `rescore(i, score)` for the `i`-th best, and
    /// orders them again (ties to the lower address); `count` of them at most. The acts
    /// after them keep their place: a new score is never lower than the old one, so none
    /// of them scores above an act rescored.
    pub(crate) fn rescore_best(&mut self, count: usize, rescore: impl Fn(usize, Score) -> Score) {
        let count = count.min(self.top.len());
        let head = &mut self.top[..count];
        for (i, ranked) in head.iter_mut().enumerate() {
            ranked.score = rescore(i, ranked.score).max(ranked.score);
            ranked.goodness = ordered_score(ranked.score);
        }
        head.sort_unstable_by_key(RankedAct::order_key);
    }
}

/// Acts left out of a collection (those already shown in a higher tier).
#[derive(Debug, Default)]
pub(crate) struct ExcludedActs {
    acts: Vec<ActNumber>,
}

impl ExcludedActs {
    /// Leaves out the acts of a complete collection.
    pub(crate) fn of(groups: &ActGroups) -> ExcludedActs {
        ExcludedActs { acts: groups.top.iter().map(|ranked| ranked.number).collect() }
    }
}

/// The status of every act on one day, and how many acts have each signature and
/// status: a collection that finds most acts counts its facets from the acts it did
/// not find.
#[derive(Debug, Default)]
pub(crate) struct DayStatuses {
    /// The `ActTable::tally_slot` of each act (its signature and its status), by act
    /// number: counting an act found reads one array, not two.
    slots: Vec<u32>,
    /// Acts by `ActTable::tally_slot`.
    all: Vec<u64>,
}

/// The status of each act on the day of a search, and the statuses a search keeps.
#[derive(Debug, Default)]
pub(crate) struct StatusView {
    /// The statuses of the day.
    pub(crate) day: Arc<DayStatuses>,
    /// Only acts of these statuses are collected; `None` keeps all.
    pub(crate) wanted: Option<Vec<ActStatus>>,
}

impl StatusView {
    /// The act's `ActTable::tally_slot` on the day.
    fn slot(&self, act: ActNumber) -> usize {
        self.day.slots[act as usize] as usize
    }

    fn of(&self, act: ActNumber) -> ActStatus {
        match self.day.slots.get(act as usize) {
            Some(slot) => status_of_slot(*slot as usize),
            None => ActStatus::Unknown,
        }
    }

    fn keeps(&self, act: ActNumber) -> bool {
        self.wanted.as_ref().is_none_or(|wanted| wanted.contains(&self.of(act)))
    }
}

/// Collects matching files as acts. See the module documentation.
pub(crate) struct ActCollector {
    table: Arc<ActTable>,
    rank_by: RankBy,
    keep: usize,
    excluded: Arc<ExcludedActs>,
    status: Option<Arc<StatusView>>,
    /// The bits of the acts seen. The segments are collected one after another, so one
    /// set serves them all: each segment takes it and gives it back when harvested (a
    /// segment collected beside another gets a set of its own). One allocation of a bit
    /// per act, not one per segment: at a million acts that was 2.4 MB zeroed per search.
    seen: Arc<Mutex<Vec<Vec<u64>>>>,
    /// The highest goodness that the last of a segment's best `keep` acts had, in the
    /// segments collected so far: as many acts at least as good exist, so a file of a
    /// later segment must beat it (it has a higher address, so it loses a tie).
    floor: Arc<Mutex<Option<u64>>>,
    /// The facets of mixed acts that an earlier collection found (see `after`).
    prior_mixed: Arc<HashMap<ActNumber, OrdinalSet, FastHash>>,
    /// False when the facets are not wanted (see `without_facets`).
    tally: bool,
}

impl ActCollector {
    /// Ranks by `rank_by` and keeps the best `keep` acts (0 only counts).
    pub(crate) fn new(table: Arc<ActTable>, rank_by: RankBy, keep: usize) -> ActCollector {
        ActCollector {
            table,
            rank_by,
            keep,
            excluded: Arc::default(),
            status: None,
            seen: Arc::default(),
            floor: Arc::default(),
            prior_mixed: Arc::default(),
            tally: true,
        }
    }

    /// Filters by status and counts the acts of each status.
    pub(crate) fn with_status(self, status: Arc<StatusView>) -> ActCollector {
        ActCollector { status: Some(status), ..self }
    }

    /// Leaves the given acts out of everything: ranking, count and facets.
    pub(crate) fn excluding(self, excluded: ExcludedActs) -> ActCollector {
        ActCollector { excluded: Arc::new(excluded), ..self }
    }

    /// Leaves the facets uncounted (`tally` empty), for a collection that another
    /// will go on from ([`ActCollector::after`]): counting them is a walk over every
    /// act found.
    pub(crate) fn without_facets(self) -> ActCollector {
        ActCollector { tally: false, ..self }
    }

    /// Counts and facets the acts of `before` too, each act once: the count and the
    /// facets are those of the acts either collection finds. The ranking is this
    /// collection's own.
    pub(crate) fn after(self, before: &ActGroups) -> ActCollector {
        if !before.seen.is_empty() {
            self.seen.lock().unwrap_or_else(PoisonError::into_inner).push(before.seen.clone());
        }
        ActCollector { prior_mixed: Arc::new(before.mixed.clone()), ..self }
    }
}

/// A file's place in its segment's ranking.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    goodness: u64,
    score: Score,
    doc: DocId,
    act: ActNumber,
}

impl Candidate {
    fn order_key(&self) -> (Reverse<u64>, DocId) {
        (Reverse(self.goodness), self.doc)
    }
}

/// A small set of facet numbers: inline up to four, which is all an act has unless its
/// files disagree (one kind, one language, an issuer or two).
#[derive(Debug, Clone)]
struct OrdinalSet {
    inline: [u32; INLINE_FACETS],
    extra: Vec<u32>,
}

impl Default for OrdinalSet {
    fn default() -> Self {
        OrdinalSet { inline: [NO_FACET; INLINE_FACETS], extra: Vec::new() }
    }
}

impl OrdinalSet {
    fn insert(&mut self, ordinal: u32) {
        for slot in &mut self.inline {
            if *slot == ordinal {
                return;
            }
            if *slot == NO_FACET {
                *slot = ordinal;
                return;
            }
        }
        if !self.extra.contains(&ordinal) {
            self.extra.push(ordinal);
        }
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.inline
            .iter()
            .copied()
            .take_while(|ordinal| *ordinal != NO_FACET)
            .chain(self.extra.iter().copied())
    }
}

/// The segment part of an [`ActCollector`].
pub(crate) struct ActSegmentCollector {
    segment_ord: SegmentOrdinal,
    /// The segment's slot in the table.
    slot: usize,
    /// The act of each of the segment's files (see [`ActTable`]).
    numbers: Arc<[ActNumber]>,
    /// True when some acts are left out (`excluded`, or a status filter).
    filtered: bool,
    table: Arc<ActTable>,
    rank_by: RankBy,
    keep: usize,
    excluded: Arc<ExcludedActs>,
    status: Option<Arc<StatusView>>,
    dates: Option<Column<DateTime>>,
    facet_reader: FacetReader,
    /// Acts seen, one bit each (this segment's and those collected before it).
    seen: Vec<u64>,
    /// Where `seen` goes back when harvested.
    seen_pool: Arc<Mutex<Vec<Vec<u64>>>>,
    /// Facets of the matching files of mixed acts.
    mixed: HashMap<ActNumber, OrdinalSet, FastHash>,
    /// Files that may rank among the best `keep` acts.
    candidates: Vec<Candidate>,
    /// Once `candidates` holds `keep` acts, or an earlier segment's did: the goodness a
    /// file must beat to enter.
    threshold: Option<u64>,
    /// Where `threshold` goes when harvested (see `ActCollector::floor`).
    floor: Arc<Mutex<Option<u64>>>,
}

/// What one segment found.
pub(crate) struct SegmentActs {
    segment_ord: SegmentOrdinal,
    mixed: HashMap<ActNumber, OrdinalSet, FastHash>,
    candidates: Vec<Candidate>,
}

impl Collector for ActCollector {
    type Fruit = ActGroups;
    type Child = ActSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<ActSegmentCollector> {
        let dates = match self.rank_by {
            RankBy::Date(_) if self.keep > 0 => {
                segment.fast_fields().column_opt::<DateTime>(DATE_FIELD)?
            }
            _ => None,
        };
        let slot = segment_ord as usize;
        let numbers = self.table.numbers.get(slot).map(Arc::clone);
        let Some(numbers) = numbers.filter(|numbers| numbers.len() == segment.max_doc() as usize)
        else {
            return Err(tantivy::TantivyError::InternalError(
                "the act table is not of this searcher".to_owned(),
            ));
        };
        let filtered = !self.excluded.acts.is_empty()
            || self.status.as_ref().is_some_and(|status| status.wanted.is_some());
        Ok(ActSegmentCollector {
            segment_ord,
            slot,
            numbers,
            filtered,
            table: Arc::clone(&self.table),
            rank_by: self.rank_by,
            keep: self.keep,
            excluded: Arc::clone(&self.excluded),
            status: self.status.clone(),
            dates,
            facet_reader: segment.facet_reader(FACET_FIELD)?,
            seen: self
                .seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop()
                .unwrap_or_else(|| vec![0; self.table.len().div_ceil(64)]),
            seen_pool: Arc::clone(&self.seen),
            mixed: HashMap::default(),
            candidates: Vec::new(),
            threshold: *self.floor.lock().unwrap_or_else(PoisonError::into_inner),
            floor: Arc::clone(&self.floor),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.rank_by == RankBy::Score && self.keep > 0
    }

    fn merge_fruits(&self, segment_fruits: Vec<SegmentActs>) -> tantivy::Result<ActGroups> {
        let seen = std::mem::take(&mut *self.seen.lock().unwrap_or_else(PoisonError::into_inner));
        let mut mixed = HashMap::clone(&self.prior_mixed);
        for segment in &segment_fruits {
            for (act, facets) in &segment.mixed {
                let set = mixed.entry(*act).or_default();
                for facet in facets.iter() {
                    set.insert(facet);
                }
            }
        }
        Ok(merge_segments(
            &self.table,
            self.status.as_deref(),
            seen,
            mixed,
            segment_fruits,
            (self.keep, self.tally),
        ))
    }
}

impl ActSegmentCollector {
    fn goodness(&self, doc: DocId, score: Score) -> u64 {
        match self.rank_by {
            RankBy::Score => ordered_score(score),
            RankBy::Date(order) => {
                let date = self.dates.as_ref().and_then(|dates| dates.first(doc));
                date.map_or(0, |date| ordered_date(date, order))
            }
        }
    }

    /// Keeps the best file of each of the best `keep` acts.
    fn trim(&mut self) {
        best_acts(&mut self.candidates, self.keep, |c| c.act, Candidate::order_key);
        if self.keep > 0 && self.candidates.len() >= self.keep {
            self.threshold = self.candidates.last().map(|last| last.goodness);
        }
    }
}

impl SegmentCollector for ActSegmentCollector {
    type Fruit = SegmentActs;

    fn collect(&mut self, doc: DocId, score: Score) {
        let act = self.numbers.get(doc as usize).copied().unwrap_or(NO_ACT);
        if act == NO_ACT {
            return;
        }
        if self.filtered
            && (self.excluded.acts.contains(&act)
                || self.status.as_ref().is_some_and(|status| !status.keeps(act)))
        {
            return;
        }
        self.seen[(act / 64) as usize] |= 1_u64 << (act % 64);
        if self.table.is_mixed(act) {
            let set = self.mixed.entry(act).or_default();
            for facet in file_facets(&self.facet_reader, &self.table.facet_numbers[self.slot], doc)
            {
                set.insert(facet);
            }
        }
        if self.keep == 0 {
            return;
        }
        let goodness = self.goodness(doc, score);
        // Files come in address order: one no better than the last kept act loses the tie.
        if self.threshold.is_some_and(|threshold| goodness <= threshold) {
            return;
        }
        self.candidates.push(Candidate { goodness, score, doc, act });
        if self.candidates.len() >= self.keep.saturating_mul(2).max(64) {
            self.trim();
        }
    }

    fn harvest(mut self) -> SegmentActs {
        self.trim();
        let mut floor = self.floor.lock().unwrap_or_else(PoisonError::into_inner);
        *floor = (*floor).max(self.threshold);
        drop(floor);
        let seen = std::mem::take(&mut self.seen);
        self.seen_pool.lock().unwrap_or_else(PoisonError::into_inner).push(seen);
        SegmentActs {
            segment_ord: self.segment_ord,
            mixed: self.mixed,
            candidates: self.candidates,
        }
    }
}

/// Joins what the segments found; `seen` holds the bit sets of the acts seen (one, or
/// one per segment collected beside another), `mixed` the facets of the matching files
/// of mixed acts.
fn merge_segments(
    table: &ActTable,
    status: Option<&StatusView>,
    mut seen_sets: Vec<Vec<u64>>,
    mixed: HashMap<ActNumber, OrdinalSet, FastHash>,
    segments: Vec<SegmentActs>,
    (keep, tally): (usize, bool),
) -> ActGroups {
    let mut seen = seen_sets.pop().unwrap_or_default();
    seen.resize(table.len().div_ceil(64), 0);
    for other in &seen_sets {
        for (all, found) in seen.iter_mut().zip(other) {
            *all |= found;
        }
    }
    let mut ranked: Vec<RankedAct> = Vec::new();
    for segment in segments {
        ranked.extend(segment.candidates.iter().map(|candidate| RankedAct {
            goodness: candidate.goodness,
            score: candidate.score,
            address: DocAddress::new(segment.segment_ord, candidate.doc),
            act: table.key(candidate.act),
            number: candidate.act,
        }));
    }
    best_acts(&mut ranked, keep, |ranked| ranked.number, RankedAct::order_key);
    let count = found(&seen);
    let tally = if tally { tally_of(table, status, &seen, &mixed) } else { FacetTally::default() };
    ActGroups { count, top: ranked, tally, seen, mixed }
}

/// Counts the acts of `seen` by facet value (and by status, with a [`StatusView`]);
/// the facets of the mixed acts are in `mixed`.
fn tally_of(
    table: &ActTable,
    status: Option<&StatusView>,
    seen: &[u64],
    mixed: &HashMap<ActNumber, OrdinalSet, FastHash>,
) -> FacetTally {
    let by_signature = match status {
        // Most acts found: the acts not found are fewer to walk.
        Some(view) if 2 * found(seen) > table.len() => count_from_missing(table, view, seen),
        _ => count_found(table, status, seen),
    };
    let statuses = ActStatus::ALL.len();
    let mut counts = vec![0_u64; table.names.len()];
    let mut by_status = [0_u64; ActStatus::ALL.len()];
    for (slot, acts) in by_signature.iter().enumerate().filter(|(_, acts)| **acts > 0) {
        by_status[slot % statuses] += acts;
        let facets = table.signatures[slot / statuses].iter().take_while(|f| **f != NO_FACET);
        for facet in facets {
            counts[*facet as usize] += acts;
        }
    }
    for set in mixed.values() {
        for facet in set.iter() {
            counts[facet as usize] += 1;
        }
    }
    let mut tally: FacetTally = table
        .names
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(name, count)| (name.clone(), count))
        .collect();
    if status.is_some() {
        for code in ActStatus::ALL {
            let count = by_status[code as usize];
            if count > 0 {
                tally.insert((Dimension::Status, code.code().to_owned()), count);
            }
        }
    }
    tally
}

/// The acts of `seen` by `ActTable::tally_slot` (status `InForce` without a view),
/// walking the acts found.
fn count_found(table: &ActTable, status: Option<&StatusView>, seen: &[u64]) -> Vec<u64> {
    let mut counts = vec![0_u64; table.signatures.len() * ActStatus::ALL.len()];
    match status {
        Some(view) => for_each_in(seen, table.len(), true, |act| counts[view.slot(act)] += 1),
        None => for_each_in(seen, table.len(), true, |act| {
            counts[table.tally_slot(act, ActStatus::InForce)] += 1;
        }),
    }
    counts
}

/// [`count_found`] from the day's count of every act, walking the acts not found.
fn count_from_missing(table: &ActTable, view: &StatusView, seen: &[u64]) -> Vec<u64> {
    let mut counts = view.day.all.clone();
    for_each_in(seen, table.len(), false, |act| counts[view.slot(act)] -= 1);
    counts
}

/// The number of acts set in a bit set.
fn found(seen: &[u64]) -> usize {
    seen.iter().map(|word| word.count_ones() as usize).sum()
}

/// Calls `visit` with each act below `acts` whose bit in `seen` is `set`, in order.
fn for_each_in(seen: &[u64], acts: usize, set: bool, mut visit: impl FnMut(ActNumber)) {
    for (word_index, word) in seen.iter().enumerate() {
        let mut bits = if set { *word } else { !*word };
        let first = word_index * 64;
        if first + 64 > acts {
            bits &= u64::MAX.checked_shr((first + 64 - acts) as u32).unwrap_or(0);
        }
        while bits != 0 {
            visit((first as ActNumber) + bits.trailing_zeros());
            bits &= bits - 1;
        }
    }
}

/// Keeps the best item of each of the best `keep` acts, best first.
fn best_acts<T, K: Ord>(
    items: &mut Vec<T>,
    keep: usize,
    act: impl Fn(&T) -> ActNumber,
    key: impl Fn(&T) -> K,
) {
    if keep == 0 {
        items.clear();
        return;
    }
    items.sort_unstable_by_key(&key);
    let mut kept: HashSet<ActNumber, FastHash> = HashSet::default();
    items.retain(|item| kept.len() < keep && kept.insert(act(item)));
}

/// Files read at a time when scanning the act column.
const SCAN_CHUNK: usize = 4096;

/// Calls `visit` with each file's act key, reading a full column in chunks.
fn for_each_act(column: &Column<u64>, max_doc: DocId, mut visit: impl FnMut(DocId, u64)) {
    if !matches!(column.index, ColumnIndex::Full) {
        for doc in 0..max_doc {
            if let Some(act) = column.first(doc) {
                visit(doc, act);
            }
        }
        return;
    }
    let mut buffer = vec![0_u64; SCAN_CHUNK];
    let mut start: DocId = 0;
    while start < max_doc {
        let length = (max_doc - start).min(SCAN_CHUNK as DocId);
        let chunk = &mut buffer[..length as usize];
        column.values.get_range(u64::from(start), chunk);
        for (doc, act) in (start..).zip(chunk.iter()) {
            visit(doc, *act);
        }
        start += length;
    }
}

/// Maps a score to an integer with the same order.
fn ordered_score(score: Score) -> u64 {
    let bits = score.to_bits();
    let ordered = if score.is_sign_negative() { !bits } else { bits | 0x8000_0000 };
    u64::from(ordered)
}

/// Maps a date to an integer that is higher for the date wanted first; never 0, which
/// is kept for "no date".
fn ordered_date(date: DateTime, order: Order) -> u64 {
    let ordered = (date.into_timestamp_secs() as u64) ^ (1 << 63);
    let goodness = match order {
        Order::Desc => ordered,
        Order::Asc => u64::MAX - ordered,
    };
    goodness.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Date;

    #[test]
    fn test_ordered_score_keeps_order() {
        let scores = [-2.0_f32, -0.5, 0.0, 0.25, 1.0, 17.5];
        for pair in scores.windows(2) {
            assert!(ordered_score(pair[0]) < ordered_score(pair[1]), "{pair:?}");
        }
    }

    #[test]
    fn test_ordered_date_puts_undated_last() {
        let old = DateTime::from_timestamp_secs(-86_400 * 365);
        let new = DateTime::from_timestamp_secs(86_400 * 365 * 50);
        assert!(ordered_date(new, Order::Desc) > ordered_date(old, Order::Desc));
        assert!(ordered_date(old, Order::Asc) > ordered_date(new, Order::Asc));
        assert!(ordered_date(old, Order::Desc) > 0 && ordered_date(new, Order::Asc) > 0);
    }

    #[test]
    fn test_best_acts_keeps_the_best_file_of_the_best_acts() {
        // (goodness, act): act 1 has the two best files, act 3 only bad ones.
        let mut items = vec![(5, 2), (9, 1), (1, 3), (8, 1), (7, 4), (6, 2)];
        best_acts(&mut items, 3, |item| item.1, |item| Reverse(item.0));
        assert_eq!(items, [(9, 1), (7, 4), (6, 2)]);
        let mut all = vec![(5, 2), (9, 1), (1, 3), (8, 1)];
        best_acts(&mut all, 10, |item| item.1, |item| Reverse(item.0));
        assert_eq!(all, [(9, 1), (5, 2), (1, 3)]);
        best_acts(&mut all, 0, |item| item.1, |item| Reverse(item.0));
        assert!(all.is_empty());
    }

    #[test]
    fn test_facets_of_most_acts_counted_from_the_others_alike() {
        let mut acts = crate::test_support::city_acts();
        for (n, act) in acts.iter_mut().enumerate() {
            act.kind = Some(["decision", "order", "resolution"][n % 3].to_owned());
        }
        let (_, engine) = crate::test_support::engine_of(&acts);
        let searcher = engine.searcher();
        let table = engine.act_table(&searcher).unwrap();
        let day = engine.acts_cache().statuses(&searcher, Date::today()).unwrap();
        let view = StatusView { day, wanted: None };
        let acts = table.len();
        assert_eq!(acts, 10);
        // Every subset of the ten acts, counted both ways.
        for subset in 0_u64..(1 << acts) {
            let seen = [subset];
            let found = count_found(&table, Some(&view), &seen);
            assert_eq!(count_from_missing(&table, &view, &seen), found, "{subset:b}");
            assert_eq!(found.iter().sum::<u64>(), u64::from(subset.count_ones()), "{subset:b}");
            let tally = tally_of(&table, Some(&view), &seen, &HashMap::default());
            let kinds: u64 =
                tally.iter().filter(|((d, _), _)| *d == Dimension::Kind).map(|(_, c)| c).sum();
            assert_eq!(kinds, u64::from(subset.count_ones()), "{subset:b}");
        }
    }

    #[test]
    fn test_a_tally_slot_gives_back_its_status() {
        let table = ActTable { signature: vec![0, 3, 1], ..ActTable::default() };
        for act in 0..3 {
            for status in ActStatus::ALL {
                assert_eq!(status_of_slot(table.tally_slot(act, status)), status);
            }
        }
    }

    #[test]
    fn test_ordinal_set_keeps_each_value_once() {
        let mut set = OrdinalSet::default();
        for ordinal in [3, 1, 3, 9, 4, 7, 1, 8, 7] {
            set.insert(ordinal);
        }
        let mut values: Vec<u32> = set.iter().collect();
        values.sort_unstable();
        assert_eq!(values, [1, 3, 4, 7, 8, 9]);
    }
}
