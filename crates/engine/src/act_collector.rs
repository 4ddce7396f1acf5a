//! Collecting matching files as acts: one act is one unit of ranking, counting and
//! faceting, however many files hold it.
//!
//! The files of one act share a non-zero `act` key (kind, number, date, language; see
//! [`crate::IndexDocument::act_key`]); a file whose key is 0 is an act of its own. The
//! [`ActCollector`] ranks acts by their best file (best score, or date for date sorts),
//! keeps exactly the best `keep` acts in a total order (ties go to the lower document
//! address), counts the distinct acts, and counts facet values once per act. Everything
//! is exact whatever `keep` is, so a page is the same slice of one ranking at any offset.
//!
//! Cost: a file of its own costs a counter and, when ranked, a slot in a buffer; a file
//! of a grouped act costs one hash-map probe. Nothing is allocated per file.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DateTime, DocAddress, DocId, Order, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::registry::{ActStatus, StatusTable};

/// The fast field holding the act key.
pub(crate) const ACT_FIELD: &str = "act";
/// The fast field holding the act date.
const DATE_FIELD: &str = "date";
/// The facet field.
const FACET_FIELD: &str = "facets";

/// A hasher for act keys, which are already FNV hashes: one multiply spreads them.
#[derive(Default)]
pub(crate) struct ActKeyHasher(u64);

impl Hasher for ActKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0 ^ value).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
}

/// Builds [`ActKeyHasher`]s.
pub(crate) type ActKeyHash = BuildHasherDefault<ActKeyHasher>;

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
    /// How many of the acts are files of their own (act key 0).
    single_count: usize,
    /// The keys of the other acts.
    acts: Vec<u64>,
}

impl ActGroups {
    /// Counts the acts of each status into the tally.
    fn tally_statuses(&mut self, table: &StatusTable) {
        let mut add = |status: ActStatus, count: u64| {
            if count > 0 {
                *self.tally.entry((Dimension::Status, status.code().to_owned())).or_default() +=
                    count;
            }
        };
        add(ActStatus::Unknown, self.single_count as u64);
        for &act in &self.acts {
            add(table.of(act), 1);
        }
    }

    /// Returns true if `top` holds every matching act.
    pub(crate) fn is_complete(&self) -> bool {
        self.top.len() == self.count
    }
}

/// Acts left out of a collection (those already shown in a higher tier).
#[derive(Debug, Default)]
pub(crate) struct ExcludedActs {
    acts: Vec<u64>,
    files: Vec<DocAddress>,
}

impl ExcludedActs {
    /// Leaves out the acts of a complete collection.
    pub(crate) fn of(groups: &ActGroups) -> ExcludedActs {
        let mut excluded = ExcludedActs::default();
        for ranked in &groups.top {
            if ranked.act == 0 {
                excluded.files.push(ranked.address);
            } else {
                excluded.acts.push(ranked.act);
            }
        }
        excluded
    }
}

/// The status of each act on the day of a search, and the statuses a search keeps.
#[derive(Debug, Default)]
pub(crate) struct StatusView {
    /// The status of each act key.
    pub(crate) table: Arc<StatusTable>,
    /// Only acts of these statuses are collected; `None` keeps all.
    pub(crate) wanted: Option<Vec<ActStatus>>,
}

impl StatusView {
    fn keeps(&self, act: u64) -> bool {
        self.wanted.as_ref().is_none_or(|wanted| wanted.contains(&self.table.of(act)))
    }
}

/// Collects matching files as acts. See the module documentation.
pub(crate) struct ActCollector {
    rank_by: RankBy,
    keep: usize,
    excluded: Arc<ExcludedActs>,
    status: Option<Arc<StatusView>>,
}

impl ActCollector {
    /// Ranks by `rank_by` and keeps the best `keep` acts (0 only counts).
    pub(crate) fn new(rank_by: RankBy, keep: usize) -> ActCollector {
        ActCollector { rank_by, keep, excluded: Arc::default(), status: None }
    }

    /// Filters by status and counts the acts of each status.
    pub(crate) fn with_status(self, status: Arc<StatusView>) -> ActCollector {
        ActCollector { status: Some(status), ..self }
    }

    /// Leaves the given acts out of everything: ranking, count and facets.
    pub(crate) fn excluding(self, excluded: ExcludedActs) -> ActCollector {
        ActCollector { excluded: Arc::new(excluded), ..self }
    }
}

/// A file's place in its segment's ranking.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    goodness: u64,
    score: Score,
    doc: DocId,
}

impl Candidate {
    fn order_key(&self) -> (Reverse<u64>, DocId) {
        (Reverse(self.goodness), self.doc)
    }

    fn at(self, segment_ord: SegmentOrdinal, act: u64) -> RankedAct {
        RankedAct {
            goodness: self.goodness,
            score: self.score,
            address: DocAddress::new(segment_ord, self.doc),
            act,
        }
    }
}

/// A small set of facet ordinals: inline up to four, which is all an act has unless its
/// files disagree (one kind, one language, an issuer or two).
#[derive(Debug, Clone)]
struct OrdinalSet {
    inline: [u32; 4],
    extra: Vec<u32>,
}

const NO_ORDINAL: u32 = u32::MAX;

impl Default for OrdinalSet {
    fn default() -> Self {
        OrdinalSet { inline: [NO_ORDINAL; 4], extra: Vec::new() }
    }
}

impl OrdinalSet {
    fn insert(&mut self, ordinal: u32) {
        for slot in &mut self.inline {
            if *slot == ordinal {
                return;
            }
            if *slot == NO_ORDINAL {
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
            .take_while(|ordinal| *ordinal != NO_ORDINAL)
            .chain(self.extra.iter().copied())
    }
}

/// An act seen in one segment.
#[derive(Debug)]
struct SegmentGroup {
    best: Candidate,
    facets: OrdinalSet,
}

/// The segment part of an [`ActCollector`].
pub(crate) struct ActSegmentCollector {
    segment_ord: SegmentOrdinal,
    rank_by: RankBy,
    keep: usize,
    excluded: Arc<ExcludedActs>,
    status: Option<Arc<StatusView>>,
    acts: Option<Column<u64>>,
    dates: Option<Column<DateTime>>,
    facet_reader: FacetReader,
    singles: Vec<Candidate>,
    single_count: usize,
    single_facets: Vec<u64>,
    groups: HashMap<u64, SegmentGroup, ActKeyHash>,
}

/// What one segment found: ordinals are still the segment's own.
pub(crate) struct SegmentActs {
    segment_ord: SegmentOrdinal,
    singles: Vec<Candidate>,
    single_count: usize,
    single_facets: Vec<u64>,
    groups: HashMap<u64, SegmentGroup, ActKeyHash>,
    names: Vec<Option<FacetValue>>,
}

impl Collector for ActCollector {
    type Fruit = ActGroups;
    type Child = ActSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<ActSegmentCollector> {
        let fast_fields = segment.fast_fields();
        let dates = match self.rank_by {
            RankBy::Date(_) if self.keep > 0 => fast_fields.column_opt::<DateTime>(DATE_FIELD)?,
            _ => None,
        };
        let facet_reader = segment.facet_reader(FACET_FIELD)?;
        Ok(ActSegmentCollector {
            segment_ord,
            rank_by: self.rank_by,
            keep: self.keep,
            excluded: Arc::clone(&self.excluded),
            status: self.status.clone(),
            acts: fast_fields.column_opt::<u64>(ACT_FIELD)?,
            dates,
            single_facets: vec![0; facet_reader.num_facets()],
            facet_reader,
            singles: Vec::new(),
            single_count: 0,
            groups: HashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.rank_by == RankBy::Score && self.keep > 0
    }

    fn merge_fruits(&self, segment_fruits: Vec<SegmentActs>) -> tantivy::Result<ActGroups> {
        let mut groups = merge_segments(segment_fruits, self.keep);
        if let Some(status) = &self.status {
            groups.tally_statuses(&status.table);
        }
        Ok(groups)
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

    fn collect_single(&mut self, candidate: Candidate) {
        if self.excluded.files.contains(&DocAddress::new(self.segment_ord, candidate.doc)) {
            return;
        }
        self.single_count += 1;
        for ordinal in self.facet_reader.facet_ords(candidate.doc) {
            if let Some(count) =
                usize::try_from(ordinal).ok().and_then(|o| self.single_facets.get_mut(o))
            {
                *count += 1;
            }
        }
        if self.keep > 0 {
            self.singles.push(candidate);
            if self.singles.len() >= self.keep.saturating_mul(2).max(64) {
                keep_best(&mut self.singles, self.keep, Candidate::order_key);
            }
        }
    }

    fn collect_grouped(&mut self, act: u64, candidate: Candidate) {
        if self.excluded.acts.contains(&act) {
            return;
        }
        let group = self
            .groups
            .entry(act)
            .or_insert_with(|| SegmentGroup { best: candidate, facets: OrdinalSet::default() });
        if candidate.order_key() < group.best.order_key() {
            group.best = candidate;
        }
        for ordinal in self.facet_reader.facet_ords(candidate.doc) {
            if let Ok(ordinal) = u32::try_from(ordinal) {
                group.facets.insert(ordinal);
            }
        }
    }

    /// Names the facet ordinals that were seen, and only those.
    fn facet_names(&self) -> Vec<Option<FacetValue>> {
        let mut seen: Vec<bool> = self.single_facets.iter().map(|count| *count > 0).collect();
        for group in self.groups.values() {
            for ordinal in group.facets.iter() {
                if let Some(flag) = seen.get_mut(ordinal as usize) {
                    *flag = true;
                }
            }
        }
        let mut facet = Facet::root();
        seen.iter()
            .enumerate()
            .map(|(ordinal, seen)| {
                if !seen {
                    return None;
                }
                self.facet_reader.facet_from_ord(ordinal as u64, &mut facet).ok()?;
                match facet.to_path().as_slice() {
                    [root, value] => Some((Dimension::from_root(root)?, (*value).to_owned())),
                    _ => None,
                }
            })
            .collect()
    }
}

impl SegmentCollector for ActSegmentCollector {
    type Fruit = SegmentActs;

    fn collect(&mut self, doc: DocId, score: Score) {
        let act = self.acts.as_ref().and_then(|acts| acts.first(doc)).unwrap_or(0);
        if self.status.as_ref().is_some_and(|status| !status.keeps(act)) {
            return;
        }
        let candidate = Candidate { goodness: self.goodness(doc, score), score, doc };
        if act == 0 {
            self.collect_single(candidate);
        } else {
            self.collect_grouped(act, candidate);
        }
    }

    fn harvest(mut self) -> SegmentActs {
        keep_best(&mut self.singles, self.keep, Candidate::order_key);
        let names = self.facet_names();
        SegmentActs {
            segment_ord: self.segment_ord,
            singles: self.singles,
            single_count: self.single_count,
            single_facets: self.single_facets,
            groups: self.groups,
            names,
        }
    }
}

/// An act seen in any segment, with facet values as global numbers.
struct MergedGroup {
    best: RankedAct,
    facets: OrdinalSet,
}

/// Gives each facet value one number across segments.
#[derive(Default)]
struct FacetInterner {
    numbers: HashMap<FacetValue, u32>,
    counts: Vec<u64>,
}

fn merge_segments(segments: Vec<SegmentActs>, keep: usize) -> ActGroups {
    let mut interner = FacetInterner::default();
    let mut merged: HashMap<u64, MergedGroup, ActKeyHash> = HashMap::default();
    let mut ranked: Vec<RankedAct> = Vec::new();
    let mut single_count = 0;
    for segment in segments {
        let global: Vec<Option<u32>> = segment
            .names
            .into_iter()
            .map(|name| name.map(|value| interner.intern(value)))
            .collect();
        single_count += segment.single_count;
        for (ordinal, count) in segment.single_facets.iter().enumerate() {
            if let Some(Some(number)) = global.get(ordinal) {
                interner.counts[*number as usize] += count;
            }
        }
        ranked.extend(segment.singles.iter().map(|single| single.at(segment.segment_ord, 0)));
        for (act, group) in segment.groups {
            let best = group.best.at(segment.segment_ord, act);
            let entry = merged
                .entry(act)
                .or_insert_with(|| MergedGroup { best, facets: OrdinalSet::default() });
            if best.order_key() < entry.best.order_key() {
                entry.best = best;
            }
            for ordinal in group.facets.iter() {
                if let Some(Some(number)) = global.get(ordinal as usize) {
                    entry.facets.insert(*number);
                }
            }
        }
    }
    for group in merged.values() {
        for number in group.facets.iter() {
            interner.counts[number as usize] += 1;
        }
    }
    let count = single_count + merged.len();
    let acts = merged.keys().copied().collect();
    if keep > 0 {
        ranked.extend(merged.values().map(|group| group.best));
    }
    keep_best(&mut ranked, keep, RankedAct::order_key);
    ActGroups { count, top: ranked, tally: interner.into_tally(), single_count, acts }
}

impl FacetInterner {
    fn intern(&mut self, value: FacetValue) -> u32 {
        if let Some(number) = self.numbers.get(&value) {
            return *number;
        }
        let number = self.counts.len() as u32;
        self.counts.push(0);
        self.numbers.insert(value, number);
        number
    }

    fn into_tally(self) -> FacetTally {
        let counts = self.counts;
        self.numbers
            .into_iter()
            .filter_map(|(value, number)| {
                let count = counts[number as usize];
                (count > 0).then_some((value, count))
            })
            .collect()
    }
}

/// Files read at a time when scanning the act column.
const SCAN_CHUNK: usize = 4096;

/// Returns every live file of the given acts (keys not 0), by act, in address order.
///
/// The `act` field is a fast field only, so this reads the act column of each segment
/// once: linear in the index size, a few milliseconds per million files.
pub(crate) fn files_of_acts(
    searcher: &Searcher,
    acts: &[u64],
) -> tantivy::Result<HashMap<u64, Vec<DocAddress>>> {
    let mut files: HashMap<u64, Vec<DocAddress>> = HashMap::new();
    if acts.is_empty() {
        return Ok(files);
    }
    let wanted: HashSet<u64, ActKeyHash> = acts.iter().copied().collect();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(column) = segment.fast_fields().column_opt::<u64>(ACT_FIELD)? else {
            continue;
        };
        let segment_ord = segment_ord as SegmentOrdinal;
        let alive = segment.alive_bitset();
        for_each_act(&column, segment.max_doc(), |doc, act| {
            if wanted.contains(&act) && alive.is_none_or(|alive| alive.is_alive(doc)) {
                files.entry(act).or_default().push(DocAddress::new(segment_ord, doc));
            }
        });
    }
    Ok(files)
}

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

/// Keeps the best `keep` items in order, best first.
fn keep_best<T, K: Ord>(items: &mut Vec<T>, keep: usize, key: impl Fn(&T) -> K) {
    if keep == 0 {
        items.clear();
        return;
    }
    if items.len() > keep {
        items.select_nth_unstable_by(keep - 1, |a, b| key(a).cmp(&key(b)));
        items.truncate(keep);
    }
    items.sort_unstable_by_key(&key);
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
    fn test_keep_best_is_a_prefix_of_the_full_order() {
        let items: Vec<u32> = (0..500).map(|i| (i * 7919) % 503).collect();
        let mut all = items.clone();
        keep_best(&mut all, usize::MAX, |item| *item);
        for keep in [1, 7, 10, 100, 499] {
            let mut some = items.clone();
            keep_best(&mut some, keep, |item| *item);
            assert_eq!(some, all[..keep]);
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
