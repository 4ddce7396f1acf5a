//! What the server knows of its index: verified and healthy, or damaged. The index is
//! verified when the state is built (a one-off read of the whole index), and a search
//! that finds damage later marks it damaged too. While it is damaged, `/healthz` and
//! `/readyz` answer 503 and searches and documents answer 503 `index_damaged`: an index
//! known to be damaged could show wrong results, and a legal-information centre must
//! not show those.

use std::sync::RwLock;

use zan_engine::{DamagedFile, EngineError, Verification};

/// Why the index cannot be served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexProblem {
    /// A sentence for people, naming the damaged files.
    pub message: String,
    /// The damaged files.
    pub files: Vec<DamagedFile>,
}

impl IndexProblem {
    /// The problem an engine error describes, if it is damage.
    pub fn from_error(error: &EngineError) -> Option<IndexProblem> {
        match error {
            EngineError::DamagedIndex { files, .. } => Some(IndexProblem::of_files(files.clone())),
            _ => None,
        }
    }

    fn of_files(files: Vec<DamagedFile>) -> IndexProblem {
        IndexProblem {
            message: format!(
                "the index is damaged ({}); searching is stopped until it is rebuilt with `zan index`",
                DamagedFile::list(&files)
            ),
            files,
        }
    }
}

/// The health of the served index.
#[derive(Debug, Default)]
pub struct IndexHealth {
    problem: RwLock<Option<IndexProblem>>,
}

impl IndexHealth {
    /// The health a verification found.
    pub fn verified(verification: &Verification) -> IndexHealth {
        let problem = (!verification.is_healthy())
            .then(|| IndexProblem::of_files(verification.damaged.clone()));
        IndexHealth { problem: RwLock::new(problem) }
    }

    /// An index that could not be opened because it is damaged: the server serves
    /// nothing of it, and only a restart opens the rebuilt one.
    pub fn unavailable(problem: IndexProblem) -> IndexHealth {
        let problem = IndexProblem {
            message: format!("{} and the server restarted", problem.message),
            ..problem
        };
        IndexHealth { problem: RwLock::new(Some(problem)) }
    }

    /// Marks the index healthy again: it was rebuilt and verifies.
    pub fn clear(&self) {
        let mut slot = self.problem.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if slot.take().is_some() {
            tracing::info!("the index verifies again; searching resumes");
        }
    }

    /// Returns the problem, or `None` when the index is healthy.
    pub fn problem(&self) -> Option<IndexProblem> {
        self.problem.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Marks the index damaged if `error` says it is.
    pub fn note(&self, error: &EngineError) {
        if let Some(problem) = IndexProblem::from_error(error) {
            let mut slot = self.problem.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            if slot.is_none() {
                tracing::error!(message = %problem.message, "index damaged");
                *slot = Some(problem);
            }
        }
    }
}
