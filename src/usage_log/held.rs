//! Claude Code messages held for de-duplication until every line is read:
//! the best-ranked line of each message, by its key (message id and
//! request id). A session log holds hundreds of thousands, and each
//! worker holds its own until they are merged, so the table is built not
//! to touch a key twice: keys are kept back to back in one buffer and
//! hashed once, with a seed every table in the process shares, so growing
//! a table or merging two never hashes a key again, and dropping one
//! frees a few buffers, not a string per key.

use std::sync::OnceLock;

use foldhash::fast::SeedableRandomState;
use std::hash::BuildHasher;

/// A line that can stand for its message, and the order that picks it.
pub trait Candidate: Copy {
    /// Whether this line is a better one for its message than `kept`.
    fn outranks(&self, kept: &Self) -> bool;
}

/// Where one message's key and its best line are.
#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    key_start: usize,
    key_len: usize,
    chunk: usize,
    line: usize,
}

impl Slot {
    /// This slot's key, in its table's buffer of keys.
    fn key<'k>(&self, keys: &'k [u8]) -> &'k [u8] {
        &keys[self.key_start..self.key_start + self.key_len]
    }
}

/// The messages held, and their best lines.
pub struct HeldMessages<T> {
    keys: Vec<u8>,
    slots: hashbrown::HashTable<Slot>,
    /// Lines in chunks: a merged table's chunk is moved in, not copied.
    lines: Vec<Vec<T>>,
}

impl<T> Default for HeldMessages<T> {
    fn default() -> Self {
        Self {
            keys: Vec::new(),
            slots: hashbrown::HashTable::new(),
            lines: Vec::new(),
        }
    }
}

/// The hash every table uses: seeded at random once per process, so a log
/// cannot be written to make keys collide, and shared, so a hash stored in
/// one worker's table is valid in another's.
fn hash_of(key: &[u8]) -> u64 {
    static STATE: OnceLock<SeedableRandomState> = OnceLock::new();
    STATE.get_or_init(SeedableRandomState::random).hash_one(key)
}

impl<T: Candidate> HeldMessages<T> {
    /// How many messages are held.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Holds `line` for the message `key`; returns whether the message was
    /// already held (this line or the kept one is then a duplicate).
    pub fn hold(&mut self, key: &str, line: T) -> bool {
        let hash = hash_of(key.as_bytes());
        let Self { keys, slots, lines } = self;
        let found = slots.find_mut(hash, |slot| {
            slot.hash == hash && slot.key(keys) == key.as_bytes()
        });
        if let Some(slot) = found {
            let kept = &mut lines[slot.chunk][slot.line];
            if line.outranks(kept) {
                *kept = line;
            }
            return true;
        }
        if lines.is_empty() {
            lines.push(Vec::new());
        }
        let chunk = lines.len() - 1;
        lines[chunk].push(line);
        let slot = Slot {
            hash,
            key_start: keys.len(),
            key_len: key.len(),
            chunk,
            line: lines[chunk].len() - 1,
        };
        keys.extend_from_slice(key.as_bytes());
        slots.insert_unique(hash, slot, |s| s.hash);
        false
    }

    /// The line kept for message `key`, if it is held.
    pub fn best(&self, key: &str) -> Option<&T> {
        let hash = hash_of(key.as_bytes());
        let slot = self.slots.find(hash, |slot| {
            slot.hash == hash && slot.key(&self.keys) == key.as_bytes()
        })?;
        Some(&self.lines[slot.chunk][slot.line])
    }

    /// Holds every message of `other` (the smaller table is merged into the
    /// larger); returns how many it held that this one held too.
    pub fn absorb(&mut self, mut other: HeldMessages<T>) -> u64 {
        if other.len() > self.len() {
            std::mem::swap(self, &mut other);
        }
        let offset = self.lines.len();
        self.lines.append(&mut other.lines);
        self.slots.reserve(other.slots.len(), |s| s.hash);
        let mut duplicates = 0;
        for theirs in other.slots {
            let key = theirs.key(&other.keys);
            let Self { keys, slots, lines } = self;
            let found = slots.find_mut(theirs.hash, |slot| {
                slot.hash == theirs.hash && slot.key(keys) == key
            });
            let chunk = offset + theirs.chunk;
            if let Some(slot) = found {
                duplicates += 1;
                if lines[chunk][theirs.line].outranks(&lines[slot.chunk][slot.line]) {
                    slot.chunk = chunk;
                    slot.line = theirs.line;
                }
            } else {
                let slot = Slot {
                    key_start: keys.len(),
                    chunk,
                    ..theirs
                };
                keys.extend_from_slice(key);
                slots.insert_unique(theirs.hash, slot, |s| s.hash);
            }
        }
        duplicates
    }

    /// The best line of every message held, table by table in the order
    /// each held them:
    /// walking the lines in place, not the table's order, reads memory
    /// front to back (copying each line out in hash order was half of a
    /// session log's time after its lines were read).
    pub fn best_lines(&self) -> impl Iterator<Item = &T> + '_ {
        let mut kept: Vec<Vec<bool>> = self.lines.iter().map(|c| vec![false; c.len()]).collect();
        for slot in &self.slots {
            kept[slot.chunk][slot.line] = true;
        }
        self.lines
            .iter()
            .zip(kept)
            .flat_map(|(chunk, kept)| chunk.iter().zip(kept))
            .filter_map(|(line, kept)| kept.then_some(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line ranked by its number: the later one is kept.
    #[derive(Clone, Copy, Debug, PartialEq)]
    struct Numbered(u32);

    impl Candidate for Numbered {
        fn outranks(&self, kept: &Self) -> bool {
            self.0 > kept.0
        }
    }

    fn sorted(table: &HeldMessages<Numbered>) -> Vec<u32> {
        let mut lines: Vec<u32> = table.best_lines().map(|n| n.0).collect();
        assert_eq!(lines.len(), table.len());
        lines.sort_unstable();
        lines
    }

    #[test]
    fn keeps_the_best_line_of_each_message_however_the_tables_merge() {
        let mut first = HeldMessages::default();
        assert!(!first.hold("msg_a\0req_1", Numbered(1)));
        assert!(first.hold("msg_a\0req_1", Numbered(5)));
        assert!(!first.hold("msg_b\0req_2", Numbered(2)));
        // A key that is a prefix of another is another message.
        assert!(!first.hold("msg_b\0req_", Numbered(3)));
        let mut second = HeldMessages::default();
        assert!(!second.hold("msg_a\0req_1", Numbered(4)));
        assert!(!second.hold("msg_c\0req_3", Numbered(7)));
        second.hold("msg_b\0req_2", Numbered(9));
        let mut merged = HeldMessages::default();
        merged.hold("msg_z\0req_9", Numbered(0));
        // msg_a and msg_b are in both: 2 duplicates, whichever side is larger.
        assert_eq!(merged.absorb(first), 0);
        assert_eq!(merged.absorb(second), 2);
        // msg_a keeps 5 over 4, msg_b takes 9 over 2.
        assert_eq!(sorted(&merged), vec![0, 3, 5, 7, 9]);
        assert_eq!(merged.len(), 5);
    }
}
