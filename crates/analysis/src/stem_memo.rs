//! A small cache of stems laid out for the processor's cache.
//!
//! Stemming a token is mostly a look-up: running text repeats its words, so the stem of
//! nearly every token is remembered. A `HashMap<String, String>` answered that with four
//! memory reads in four places (the table's control bytes, its entry, the key's bytes
//! for the comparison, the stem's bytes for the copy), each a cache miss once the table
//! is larger than the processor's caches: the look-ups were a fifth of a build's CPU.
//! Here a word and its stem sit together in one 128-byte slot (two cache lines side by
//! side, which the processor fetches together), found at the slot its hash names or
//! the one beside it, so a look-up waits for memory once (twice when the first holds
//! another word).
//!
//! A slot may hold a second form beside the stem ([`StemMemo::get_pair`]): a Russian
//! word's lemma and its Snowball stem are remembered together, so the two fields that
//! take them cost one look-up, not two.
//!
//! The memo starts empty and unallocated (an analyzer built for one query allocates
//! nothing until it stems), takes [`FIRST_SLOTS`] slots at the first stem, and doubles
//! as words keep coming, up to [`MAX_SLOTS`] (8 MB). A word that another word displaces
//! is forgotten and stemmed again when it comes back; a word whose bytes and forms' bytes
//! do not fit in a slot (over [`SLOT_TEXT`] bytes together: a Cyrillic word of some 30
//! letters with its stem, or of some 20 with two forms) is not remembered.
//!
//! A thread has one memo per stemmer ([`with_memo`]), shared by every analyzer the
//! thread runs: the title and body fields of a language, and the analyzers of each new
//! segment, which began with an empty memo of their own when each analyzer had one.

use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::Mutex;

use crate::registry::WordHasher;

/// Bytes of a slot that hold the word and its forms.
pub const SLOT_TEXT: usize = 125;
/// Slots taken at the first stem (128 KB).
pub const FIRST_SLOTS: usize = 1024;
/// Most slots of a memo (8 MB). Twice as many as before (4 MB) took a 100k build 6 %
/// less CPU: fewer words of the long tail stemmed anew; twice as many again, 1 % more.
pub const MAX_SLOTS: usize = 65_536;

/// One remembered word: its length, its stem's length, its second form's length (0 for
/// none), then the word's bytes, the stem's and the second form's. A word length of 0
/// marks an empty slot (no token is empty).
#[derive(Clone, Copy)]
#[repr(C, align(128))]
struct Slot {
    word_len: u8,
    stem_len: u8,
    second_len: u8,
    text: [u8; SLOT_TEXT],
}

const EMPTY: Slot = Slot { word_len: 0, stem_len: 0, second_len: 0, text: [0; SLOT_TEXT] };

impl Slot {
    fn holds(&self, word: &str) -> bool {
        usize::from(self.word_len) == word.len() && &self.text[..word.len()] == word.as_bytes()
    }

    fn word(&self) -> &[u8] {
        &self.text[..usize::from(self.word_len)]
    }

    /// The stem and the second form (empty for a memo of one form).
    fn forms(&self) -> Option<(&str, &str)> {
        let start = usize::from(self.word_len);
        let middle = start + usize::from(self.stem_len);
        let end = middle + usize::from(self.second_len);
        let forms = std::str::from_utf8(&self.text[start..end]).ok()?;
        // The stem and the second form were stored as whole strings, so where one ends
        // is a character boundary.
        forms.split_at_checked(middle - start)
    }
}

/// Words and their stems (see the module's documentation).
#[derive(Clone, Default)]
pub struct StemMemo {
    slots: Vec<Slot>,
    /// Words stored since the last growth.
    stored: usize,
}

fn word_hash(word: &[u8]) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(word);
    hasher.finish()
}

impl StemMemo {
    /// Returns the remembered stem of a word.
    pub fn get(&self, word: &str) -> Option<&str> {
        self.get_pair(word).map(|(stem, _)| stem)
    }

    /// Returns the remembered stem and second form of a word (see [`Self::insert_pair`]).
    pub fn get_pair(&self, word: &str) -> Option<(&str, &str)> {
        if self.slots.is_empty() {
            return None;
        }
        let first = self.index(word.as_bytes());
        [first, first ^ 1]
            .into_iter()
            .map(|index| &self.slots[index])
            .find(|slot| slot.holds(word))
            .and_then(Slot::forms)
    }

    /// Remembers the stem of a word (unless the two are too long for a slot).
    pub fn insert(&mut self, word: &str, stem: &str) {
        self.insert_pair(word, stem, "");
    }

    /// Remembers a word's stem and a second form of it (unless the three are too long
    /// for a slot).
    pub fn insert_pair(&mut self, word: &str, stem: &str, second: &str) {
        if word.is_empty() || word.len() + stem.len() + second.len() > SLOT_TEXT {
            return;
        }
        if self.slots.is_empty() {
            self.slots = vec![EMPTY; FIRST_SLOTS];
        } else if self.stored >= self.slots.len() && self.slots.len() < MAX_SLOTS {
            self.grow();
        }
        let mut slot = EMPTY;
        // Each length is at most SLOT_TEXT, which fits in a byte.
        slot.word_len = word.len() as u8;
        slot.stem_len = stem.len() as u8;
        slot.second_len = second.len() as u8;
        let mut at = 0;
        for part in [word, stem, second] {
            slot.text[at..at + part.len()].copy_from_slice(part.as_bytes());
            at += part.len();
        }
        self.place(slot);
        self.stored += 1;
    }

    /// The first slot a word may be in; the other is the one beside it.
    fn index(&self, word: &[u8]) -> usize {
        // The table's length is a power of two.
        (word_hash(word) as usize) & (self.slots.len() - 1)
    }

    /// Puts a slot's word in its place: the first free of its two slots, or else the
    /// first, whose word moves to the second (the word seen longest ago is forgotten).
    fn place(&mut self, slot: Slot) {
        let first = self.index(slot.word());
        if self.slots[first].word_len == 0 {
            self.slots[first] = slot;
        } else {
            self.slots[first ^ 1] = self.slots[first];
            self.slots[first] = slot;
        }
    }

    fn grow(&mut self) {
        let doubled = vec![EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        for slot in old.into_iter().filter(|slot| slot.word_len != 0) {
            self.place(slot);
        }
        self.stored = 0;
    }
}

/// The stemmers that have a memo, by name (`ru`, `ru/snowball`...) and whether the memo
/// holds pairs of forms (a memo of pairs and one of single stems never share, even under
/// one name). A memo's number is its place here.
static STEMMERS: Mutex<Vec<(&'static str, bool)>> = Mutex::new(Vec::new());

thread_local! {
    static MEMOS: RefCell<Vec<StemMemo>> = const { RefCell::new(Vec::new()) };
}

/// Returns the number of the memo of a stemmer (see [`STEMMERS`]); the same stemmer
/// always gets the same number.
pub fn memo_number(stemmer: &'static str) -> usize {
    numbered(stemmer, false)
}

/// Returns the number of the memo of a stemmer of pairs ([`StemMemo::insert_pair`]).
pub fn pair_memo_number(stemmer: &'static str) -> usize {
    numbered(stemmer, true)
}

fn numbered(stemmer: &'static str, pairs: bool) -> usize {
    let mut stemmers = STEMMERS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match stemmers.iter().position(|known| *known == (stemmer, pairs)) {
        Some(number) => number,
        None => {
            stemmers.push((stemmer, pairs));
            stemmers.len() - 1
        }
    }
}

/// Runs `f` on this thread's memo of a stemmer (by its [`memo_number`]). `f` must not
/// stem through a memo itself.
pub fn with_memo<R>(number: usize, f: impl FnOnce(&mut StemMemo) -> R) -> R {
    MEMOS.with(|memos| {
        let mut memos = memos.borrow_mut();
        if memos.len() <= number {
            memos.resize_with(number + 1, StemMemo::default);
        }
        f(&mut memos[number])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distinct Cyrillic words, as many as asked.
    fn words(count: usize) -> Vec<String> {
        let letters: Vec<char> = "абвгдежзиклмнопрстуфхцчшщыэюя".chars().collect();
        (0..count)
            .map(|mut n| {
                let mut word = String::from("с");
                loop {
                    word.push(letters[n % letters.len()]);
                    n /= letters.len();
                    if n == 0 {
                        break word;
                    }
                }
            })
            .collect()
    }

    #[test]
    fn test_memo_keeps_two_forms_of_a_word() {
        let mut memo = StemMemo::default();
        memo.insert_pair("утвержденного", "утвержденный", "утвержден");
        memo.insert("бюджета", "бюджет");
        assert_eq!(memo.get_pair("утвержденного"), Some(("утвержденный", "утвержден")));
        assert_eq!(memo.get("утвержденного"), Some("утвержденный"));
        assert_eq!(memo.get_pair("бюджета"), Some(("бюджет", "")));
        // A form may equal the word.
        memo.insert_pair("год", "год", "год");
        assert_eq!(memo.get_pair("год"), Some(("год", "год")));
    }

    #[test]
    fn test_memo_gives_back_what_it_keeps() {
        let mut memo = StemMemo::default();
        assert_eq!(memo.get("бюджета"), None);
        memo.insert("бюджета", "бюджет");
        memo.insert("суперкубке", "суперкубок");
        assert_eq!(memo.get("бюджета"), Some("бюджет"));
        assert_eq!(memo.get("суперкубке"), Some("суперкубок"));
        assert_eq!(memo.get("бюджет"), None);
    }

    #[test]
    fn test_memo_grows_and_never_answers_wrong() {
        let mut memo = StemMemo::default();
        let words = words(100_000);
        let stem = |word: &str| word.chars().rev().collect::<String>();
        for word in &words {
            memo.insert(word, &stem(word));
        }
        assert_eq!(memo.slots.len(), MAX_SLOTS);
        let mut found = 0;
        for word in &words {
            if let Some(remembered) = memo.get(word) {
                assert_eq!(remembered, stem(word));
                found += 1;
            }
        }
        // Full table: most of its slots hold a word of the last ones stored.
        assert!(found > MAX_SLOTS / 2 && found <= MAX_SLOTS, "{found}");
        let recent = &words[words.len() - 20..];
        assert!(recent.iter().all(|word| memo.get(word).is_some()));
    }

    #[test]
    fn test_a_stemmer_has_one_memo_a_thread() {
        let ru = memo_number("ru");
        assert_eq!(memo_number("ru"), ru);
        assert_ne!(memo_number("kk"), ru);
        assert_ne!(memo_number("ru/snowball"), ru);
        // A memo of pairs never shares with one of single stems.
        assert_ne!(pair_memo_number("ru"), ru);
        assert_eq!(pair_memo_number("ru"), pair_memo_number("ru"));
        with_memo(ru, |memo| memo.insert("городу", "город"));
        assert_eq!(
            with_memo(ru, |memo| memo.get("городу").map(str::to_owned)),
            Some("город".to_owned())
        );
        let elsewhere =
            std::thread::spawn(move || with_memo(ru, |memo| memo.get("городу").is_none()));
        assert!(elsewhere.join().unwrap());
    }

    #[test]
    fn test_long_words_are_not_kept() {
        let mut memo = StemMemo::default();
        memo.insert("", "");
        // 50 + 50 + 46 bytes: more than a slot holds.
        let longer = "частнопредпринимательской";
        memo.insert_pair(longer, "частнопредпринимательский", "частнопредпринимательск");
        assert!(memo.slots.is_empty());
        assert_eq!(memo.get(longer), None);
        // 52 + 48 bytes fit.
        let long = "высокопревосходительствами";
        memo.insert(long, "высокопревосходительство");
        assert_eq!(memo.get(long), Some("высокопревосходительство"));
        // The limit exactly: 62 + 60 + 3 = 125 bytes are kept, 126 are not.
        let word = "ж".repeat(31);
        memo.insert_pair(&word, &"а".repeat(30), "abc");
        assert_eq!(memo.get_pair(&word).map(|(stem, second)| stem.len() + second.len()), Some(63));
        let other = "з".repeat(31);
        memo.insert_pair(&other, &"а".repeat(30), "abcd");
        assert_eq!(memo.get(&other), None);
    }
}
