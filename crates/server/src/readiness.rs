//! Whether the first search will be fast. Opening an index is cheap, but the first search
//! of a commit needs the act registry, the act table and the statuses of every act
//! (seconds at a million acts). The server builds them in the background as soon as it
//! runs, and `/readyz` answers 200 only once they are built, so that a load balancer sends
//! no user to a replica that would make them wait; `/healthz` answers meanwhile. Later
//! commits are built before searches see them (see `zan_engine::Engine::warm`), and the
//! statuses of a new day (an act comes into force or expires at midnight, UTC) just
//! after midnight, so that no search of the day pays for them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::watch;

use crate::AppState;

/// How long `/readyz` waits for the build before it answers 503: enough for a small
/// index, so that a probe sent right after the start sees it ready.
pub const READY_WAIT: Duration = Duration::from_secs(2);

/// The build of what the first search needs: not started, running, or done.
#[derive(Debug)]
pub struct Readiness {
    started: AtomicBool,
    done: watch::Sender<bool>,
}

impl Default for Readiness {
    fn default() -> Readiness {
        Readiness { started: AtomicBool::new(false), done: watch::Sender::new(false) }
    }
}

impl Readiness {
    /// True once what the first search needs is built (or could not be, for a reason the
    /// index's health names).
    pub fn is_ready(&self) -> bool {
        *self.done.borrow()
    }

    /// Starts the build in the background unless it is started already. Needs a tokio
    /// runtime.
    pub fn start(&self, state: &AppState) {
        if self.started.swap(true, Ordering::AcqRel) {
            return;
        }
        tokio::spawn(warm_each_day(state.clone()));
    }

    /// Waits at most `wait` for the build; returns whether it is done.
    pub async fn wait(&self, wait: Duration) -> bool {
        let mut done = self.done.subscribe();
        let waited = tokio::time::timeout(wait, done.wait_for(|done| *done)).await;
        matches!(waited, Ok(Ok(_)))
    }
}

/// Builds what the first search needs, marks the server ready, then builds the
/// statuses of each new day just after its midnight (UTC).
async fn warm_each_day(state: AppState) {
    loop {
        let engine = std::sync::Arc::clone(&state.engine);
        match tokio::task::spawn_blocking(move || engine.warm()).await {
            Ok(Ok(warmed)) => tracing::info!(
                documents = warmed.documents,
                acts = warmed.acts,
                ms = warmed.elapsed.as_millis() as u64,
                "acts and today's statuses built"
            ),
            Ok(Err(error)) => {
                state.health.note(&error);
                tracing::error!(%error, "the acts of the index could not be built");
            }
            Err(error) => tracing::error!(%error, "the build of the acts failed"),
        }
        state.readiness.done.send_replace(true);
        let now =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        tokio::time::sleep(until_next_day(now)).await;
    }
}

/// The wait from `now` (since 1970-01-01 UTC) to a second past the next midnight, UTC.
fn until_next_day(now: Duration) -> Duration {
    const DAY: u64 = 86_400;
    let next = (now.as_secs() / DAY + 1) * DAY + 1;
    Duration::from_secs(next) - now
}

#[cfg(test)]
mod tests {
    use super::*;
    use zan_engine::{Engine, IndexDocument, ZanIndex};

    #[test]
    fn test_the_new_day_is_built_a_second_past_midnight() {
        let day = 86_400;
        let cases = [
            (0.0, day + 1),
            (10.5, day + 1),
            ((day - 1) as f64, day + 1),
            (day as f64, 2 * day + 1),
        ];
        for (now, next) in cases {
            let wait = until_next_day(Duration::from_secs_f64(now));
            assert_eq!(Duration::from_secs_f64(now) + wait, Duration::from_secs(next), "{now}");
        }
    }

    #[tokio::test]
    async fn test_ready_once_the_acts_are_built() {
        let index = ZanIndex::create_in_ram();
        let mut writer = index.writer(20_000_000).expect("writer");
        let decision = IndexDocument {
            id: "decisions/15-3.txt".into(),
            title: "О бюджете города на 2024 год".into(),
            paragraphs: IndexDocument::tag_paragraphs(["Решение № 15-3. Утвердить бюджет."]),
            kind: Some("decision".into()),
            number: Some("15-3".into()),
            date: zan_engine::Date::parse_iso("2023-12-14"),
            format: "txt".into(),
            ..Default::default()
        };
        writer.upsert(&decision).expect("written");
        writer.commit().expect("commit");
        let engine = Engine::new(index).expect("engine");
        engine.reload().expect("reload");
        let state = AppState::new(engine, None);
        assert!(!state.readiness.is_ready(), "nothing is built before the server starts");
        assert!(!state.readiness.wait(Duration::from_millis(50)).await, "nothing builds it");
        state.readiness.start(&state);
        state.readiness.start(&state);
        assert!(state.readiness.wait(Duration::from_secs(60)).await);
        assert!(state.readiness.is_ready());
        assert_eq!(state.health.problem(), None);
        let warmed = state.engine.warm().expect("built");
        assert_eq!((warmed.documents, warmed.acts), (1, 1));
    }
}
