//! A fast string column with its dictionary read once, shared by the readers that walk
//! every document of a segment (the act registry, the fingerprints of an incremental run).

use tantivy::columnar::StrColumn;

/// A string column with its whole dictionary read once, in one pass over its blocks.
/// Looking a term up by ordinal one at a time decompresses a dictionary block (and sets
/// up a decompressor) per call: over every file of a segment that was seconds of CPU at
/// 100k files, paid by the first search after each commit. The terms are kept in one
/// buffer, not a `String` each: a million ids are one allocation, not a million.
pub(crate) struct StrValues {
    pub(crate) column: StrColumn,
    /// Every term, one after the other.
    text: String,
    /// Where each term ends in `text`.
    ends: Vec<u32>,
}

impl std::fmt::Debug for StrValues {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("StrValues").field("terms", &self.ends.len()).finish()
    }
}

impl StrValues {
    pub(crate) fn read(column: Option<StrColumn>) -> tantivy::Result<Option<StrValues>> {
        let Some(column) = column else { return Ok(None) };
        let mut text = String::new();
        let mut ends = Vec::with_capacity(column.num_terms());
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            // Ordinals run 0, 1, 2... in stream order; a term that is not UTF-8 (none
            // is written so) stands as its readable part rather than shifting the ones
            // after it.
            text.push_str(&String::from_utf8_lossy(stream.key()));
            let end = u32::try_from(text.len()).map_err(|_| {
                tantivy::TantivyError::InvalidArgument("a string column over 4 GB".to_owned())
            })?;
            ends.push(end);
        }
        Ok(Some(StrValues { column, text, ends }))
    }

    /// The first value of a document.
    pub(crate) fn first(&self, doc: tantivy::DocId) -> Option<&str> {
        self.term(self.column.term_ords(doc).next()?)
    }

    pub(crate) fn term(&self, ord: u64) -> Option<&str> {
        let ord = usize::try_from(ord).ok()?;
        let end = *self.ends.get(ord)? as usize;
        let start = if ord == 0 { 0 } else { self.ends[ord - 1] as usize };
        self.text.get(start..end)
    }

    /// Number of terms.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Every term, by ordinal.
    pub(crate) fn terms(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u64).filter_map(|ord| self.term(ord))
    }
}
