//! The acts of a searcher (the [`ActRegistry`], the [`ActTable`] and the statuses of a
//! day), kept from one search to the next and built before a new commit is searched.
//!
//! They depend only on the segments a searcher reads and the deletes in them, so they are
//! kept by those, not by the searcher's generation number: a reader reload with nothing
//! new committed makes a new generation of the same segments, and must not rebuild
//! anything. The entries of the two latest commits are kept, so that searches of the
//! commit being replaced do not rebuild theirs while the next one is being built; the
//! older one goes once no searcher of it is left.
//!
//! The cache is also the reader's [`Warmer`]: once the engine is open, tantivy calls it on
//! each new commit before it lets searches see that commit, so the first search after a
//! commit finds everything built. Building runs outside the lock of the entries (searches
//! of a built commit go on meanwhile), and one at a time.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::directory::error::LockError;
use tantivy::directory::INDEX_WRITER_LOCK;
use tantivy::index::SegmentId;
use tantivy::{Directory, Opstamp, Searcher, SearcherGeneration, Warmer};

use crate::act_collector::{ActTable, DayStatuses};
use crate::document::Date;
use crate::error::Result;
use crate::registry::ActRegistry;
use crate::search::Engine;

/// The segments of a searcher in its order, with the deletes of each: what a cache of
/// the index's contents is kept for. A generation id is not: the reader gives the same
/// commit a new one when it reloads.
pub(crate) type SegmentsKey = Vec<(SegmentId, Option<Opstamp>)>;

/// The [`SegmentsKey`] of a searcher.
pub(crate) fn segments_key(searcher: &Searcher) -> SegmentsKey {
    searcher
        .segment_readers()
        .iter()
        .map(|segment| (segment.segment_id(), segment.delete_opstamp()))
        .collect()
}

/// Commits whose acts are kept.
const KEPT: usize = 2;

/// The acts of one commit.
struct Entry {
    segments: SegmentsKey,
    registry: Arc<ActRegistry>,
    table: Arc<ActTable>,
    /// The status of every act by act number, on the last day asked for.
    statuses: Option<(Date, Arc<DayStatuses>)>,
}

/// See the module documentation.
#[derive(Default)]
pub(crate) struct ActsCache {
    /// The latest first.
    entries: Mutex<Vec<Entry>>,
    /// Held while building, so that two searches of a new commit build it once.
    building: Mutex<()>,
    /// Set once the engine is open: warming the reader's first searcher is left to
    /// [`Engine::warm`], so that opening an index stays cheap.
    warm_reloads: AtomicBool,
}

impl ActsCache {
    fn entries(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn cached(&self, segments: &SegmentsKey) -> Option<(Arc<ActRegistry>, Arc<ActTable>)> {
        self.entries()
            .iter()
            .find(|entry| entry.segments == *segments)
            .map(|entry| (Arc::clone(&entry.registry), Arc::clone(&entry.table)))
    }

    /// The registry and the act table of a searcher, built if need be (reading only the
    /// segments the latest registry has not read).
    pub(crate) fn acts(&self, searcher: &Searcher) -> Result<(Arc<ActRegistry>, Arc<ActTable>)> {
        let segments = segments_key(searcher);
        if let Some(found) = self.cached(&segments) {
            return Ok(found);
        }
        let _building = self.building.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = self.cached(&segments) {
            return Ok(found);
        }
        let previous = self.entries().first().map(|entry| Arc::clone(&entry.registry));
        let registry = Arc::new(ActRegistry::build(searcher, previous.as_deref())?);
        let table = Arc::new(ActTable::build(searcher)?);
        let mut entries = self.entries();
        entries.insert(
            0,
            Entry {
                segments,
                registry: Arc::clone(&registry),
                table: Arc::clone(&table),
                statuses: None,
            },
        );
        entries.truncate(KEPT);
        Ok((registry, table))
    }

    /// The status of every act of a searcher on a day, by act number.
    pub(crate) fn statuses(&self, searcher: &Searcher, day: Date) -> Result<Arc<DayStatuses>> {
        let (registry, table) = self.acts(searcher)?;
        let segments = segments_key(searcher);
        let known = |entries: &[Entry]| {
            entries
                .iter()
                .find(|entry| entry.segments == segments)
                .and_then(|entry| entry.statuses.as_ref())
                .filter(|(on, _)| *on == day)
                .map(|(_, statuses)| Arc::clone(statuses))
        };
        if let Some(statuses) = known(&self.entries()) {
            return Ok(statuses);
        }
        let statuses = Arc::new(table.statuses(&registry.statuses(day)));
        if let Some(entry) = self.entries().iter_mut().find(|entry| entry.segments == segments) {
            entry.statuses = Some((day, Arc::clone(&statuses)));
        }
        Ok(statuses)
    }

    /// From now on, warm each new commit before searches see it.
    pub(crate) fn warm_reloads(&self) {
        self.warm_reloads.store(true, Ordering::Release);
    }
}

impl Warmer for ActsCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        if !self.warm_reloads.load(Ordering::Acquire) {
            return Ok(());
        }
        // A commit whose acts cannot be built is still shown: the first search that needs
        // them builds them again and reports what is wrong (a damaged index) as searches do.
        let warmed = std::panic::catch_unwind(AssertUnwindSafe(|| {
            self.statuses(searcher, Date::today()).map(|_| ())
        }));
        if !matches!(warmed, Ok(Ok(()))) {
            tracing::warn!("the acts of a new commit could not be built ahead of its searches");
        }
        Ok(())
    }

    /// Drops the acts of commits no searcher reads any more (the latest ones are kept).
    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        // A generation maps its segments by id; an entry keeps them in search order.
        let live = |segments: &SegmentsKey| {
            let by_id: BTreeMap<SegmentId, Option<Opstamp>> = segments.iter().copied().collect();
            live_generations.iter().any(|generation| *generation.segments() == by_id)
        };
        let mut latest = true;
        self.entries().retain(|entry| std::mem::take(&mut latest) || live(&entry.segments));
    }
}

/// What [`Engine::warm`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Warmed {
    /// The live documents of the searcher it warmed.
    pub documents: u64,
    /// Its acts with requisites (the files of one act count once; a document without
    /// requisites is not counted).
    pub acts: usize,
    /// How long it took (wall time); next to nothing when everything was already built.
    pub elapsed: std::time::Duration,
}

impl Engine {
    /// Builds what the first search of the latest commit needs and keeps it: the act
    /// registry, the act table and today's statuses. A server calls it before it says it
    /// is ready; later commits are warmed before searches see them. Cheap when nothing
    /// was committed since.
    pub fn warm(&self) -> Result<Warmed> {
        self.guarded(|| {
            let started = std::time::Instant::now();
            let searcher = self.searcher();
            let (registry, _) = self.acts_cache().acts(&searcher)?;
            self.acts_cache().statuses(&searcher, Date::today())?;
            Ok(Warmed {
                documents: searcher.num_docs(),
                acts: registry.identities.len(),
                elapsed: started.elapsed(),
            })
        })
    }
}

impl Engine {
    /// True while an indexer holds the index's writer lock (a run, a rebuild). An index
    /// that cannot be locked for another reason (a read-only copy) counts as not being
    /// written. Takes the lock for an instant when it is free.
    pub fn writer_running(&self) -> bool {
        matches!(
            self.index().tantivy().directory().acquire_lock(&INDEX_WRITER_LOCK),
            Err(LockError::LockBusy)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ActReference, RelationKind};
    use crate::registry::ActStatus;
    use crate::test_support::act;
    use crate::{IndexDocument, ZanIndex};

    /// A decision that repeals decision № 15-3 of 2023-05-01.
    fn repealing(id: &str, number: &str) -> IndexDocument {
        IndexDocument {
            references: vec![ActReference {
                relation: RelationKind::Repeals,
                kind: Some("decision".to_owned()),
                number: Some("15-3".to_owned()),
                date: Date::parse_iso("2023-05-01"),
            }],
            date: Date::parse_iso("2024-01-10"),
            ..act(id, "О признании утратившим силу", "Признать утратившим силу.", "Мэрия", number)
        }
    }

    fn status_of(engine: &Engine, id: &str) -> ActStatus {
        engine.act_document(id, Date::parse_iso("2025-01-01")).unwrap().status
    }

    #[test]
    fn test_acts_follow_each_commit_reusing_the_segments_already_read() {
        let index = ZanIndex::create_in_ram();
        let mut writer = index.writer(20_000_000).unwrap();
        writer
            .upsert(&act("budget.txt", "О бюджете", "Утвердить бюджет.", "Мэрия", "15-3"))
            .unwrap();
        writer.commit().unwrap();
        let engine = Engine::new(index.clone()).unwrap();
        engine.reload().unwrap();
        let first = engine.warm().unwrap();
        assert_eq!((first.documents, first.acts), (1, 1));
        assert_eq!(status_of(&engine, "budget.txt"), ActStatus::InForce);
        let old = engine.searcher();
        let read_before = engine.registry(&old).unwrap();

        // A new segment names the act of the old one: the relation crosses segments.
        writer.upsert(&repealing("repeal.txt", "20-1")).unwrap();
        writer.commit().unwrap();
        engine.reload().unwrap();
        let searcher = engine.searcher();
        assert!(
            engine.acts_cache().cached(&segments_key(&searcher)).is_some(),
            "the reader's warmer built the new commit's acts before it was searched"
        );
        assert_eq!(status_of(&engine, "budget.txt"), ActStatus::Repealed);
        let read_after = engine.registry(&engine.searcher()).unwrap();
        // The first commit's acts stay while a searcher of it is alive, then go.
        let cache = engine.acts_cache();
        cache.garbage_collect(&[old.generation(), searcher.generation()]);
        assert_eq!(cache.entries().len(), 2);
        drop(old);
        cache.garbage_collect(&[searcher.generation()]);
        assert_eq!(cache.entries().len(), 1);
        assert!(cache.cached(&segments_key(&searcher)).is_some());
        assert_eq!(read_after.parts.len(), 2);
        assert!(
            read_after.parts.iter().any(|part| Arc::ptr_eq(part, &read_before.parts[0])),
            "the first segment is not read again"
        );

        // A delete changes no segment's id, only which of its files are alive.
        writer.delete("repeal.txt");
        writer.commit().unwrap();
        engine.reload().unwrap();
        assert_eq!(status_of(&engine, "budget.txt"), ActStatus::InForce);
        assert!(engine.act_document("repeal.txt", None).is_err());
        assert_eq!(engine.warm().unwrap().documents, 1);
    }

    #[test]
    fn test_a_reload_of_the_same_commit_keeps_the_acts() {
        let (_index, engine) = crate::test_support::engine_of(&crate::test_support::city_acts());
        engine.warm().unwrap();
        let before = engine.registry(&engine.searcher()).unwrap();
        engine.reload().unwrap();
        let after = engine.registry(&engine.searcher()).unwrap();
        assert!(Arc::ptr_eq(&before, &after), "nothing new was committed: nothing is rebuilt");
    }
}
