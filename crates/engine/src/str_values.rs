//! A fast string column with its dictionary read once, shared by the readers that walk
//! every document of a segment (the act registry, the fingerprints of an incremental run).

use tantivy::columnar::StrColumn;

/// A string column with its whole dictionary read once, in one pass over its blocks.
/// Looking a term up by ordinal one at a time decompresses a dictionary block (and sets
/// up a decompressor) per call: over every file of a segment that was seconds of CPU at
/// 100k files, paid by the first search after each commit.
pub(crate) struct StrValues {
    pub(crate) column: StrColumn,
    terms: Vec<String>,
}

impl StrValues {
    pub(crate) fn read(column: Option<StrColumn>) -> tantivy::Result<Option<StrValues>> {
        let Some(column) = column else { return Ok(None) };
        let mut terms = Vec::with_capacity(column.num_terms());
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            // Ordinals run 0, 1, 2... in stream order; a term that is not UTF-8 (none
            // is written so) stands as empty rather than shifting the ones after it.
            terms.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
        Ok(Some(StrValues { column, terms }))
    }

    /// The first value of a document.
    pub(crate) fn first(&self, doc: tantivy::DocId) -> Option<&str> {
        self.term(self.column.term_ords(doc).next()?)
    }

    pub(crate) fn term(&self, ord: u64) -> Option<&str> {
        self.terms.get(usize::try_from(ord).ok()?).map(String::as_str)
    }
}
