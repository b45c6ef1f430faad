//! Documents by identity: a [`DocId`] names one document of one build, and a
//! [`PerDoc`] holds one value per document, indexed by it, so an index into
//! one table cannot be used in another by mistake.

use std::ops::{Index, IndexMut};

/// A document of one build: its place in [`super::Site::docs`], sorted by
/// source path. A rebuild that changes no document's shape keeps every id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(u32);

impl DocId {
    /// The position in a [`PerDoc`].
    pub fn index(self) -> usize {
        self.0 as usize
    }

    fn of(index: usize) -> DocId {
        DocId(u32::try_from(index).expect("fewer than 2^32 documents"))
    }
}

/// One value per document of a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerDoc<T>(Vec<T>);

impl<T> Default for PerDoc<T> {
    fn default() -> Self {
        PerDoc(Vec::new())
    }
}

impl<T> PerDoc<T> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl Iterator<Item = DocId> + use<T> {
        (0..self.0.len()).map(DocId::of)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Every value with its document's id.
    pub fn enumerate(&self) -> impl Iterator<Item = (DocId, &T)> {
        self.0.iter().enumerate().map(|(i, v)| (DocId::of(i), v))
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn get(&self, id: DocId) -> Option<&T> {
        self.0.get(id.index())
    }

    /// A value per document, made from each on every core.
    pub fn par_map<U: Send>(&self, f: impl Fn(DocId, &T) -> U + Sync + Send) -> PerDoc<U>
    where
        T: Sync,
    {
        use rayon::prelude::*;
        PerDoc(
            self.0
                .par_iter()
                .enumerate()
                .map(|(i, v)| f(DocId::of(i), v))
                .collect(),
        )
    }

    /// A value per document, made from each.
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> PerDoc<U> {
        PerDoc(self.0.iter().map(f).collect())
    }
}

impl<T> From<Vec<T>> for PerDoc<T> {
    fn from(values: Vec<T>) -> Self {
        PerDoc(values)
    }
}

impl<T> FromIterator<T> for PerDoc<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        PerDoc(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for PerDoc<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a PerDoc<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> Index<DocId> for PerDoc<T> {
    type Output = T;
    fn index(&self, id: DocId) -> &T {
        &self.0[id.index()]
    }
}

impl<T> IndexMut<DocId> for PerDoc<T> {
    fn index_mut(&mut self, id: DocId) -> &mut T {
        &mut self.0[id.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_index_their_own_table() {
        let names: PerDoc<&str> = vec!["a", "b", "c"].into();
        let ids: Vec<DocId> = names.ids().collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(names[ids[1]], "b");
        let lengths = names.map(|n| n.len());
        assert_eq!(lengths[ids[2]], 1);
        assert_eq!(
            names
                .enumerate()
                .map(|(id, n)| (id.index(), *n))
                .collect::<Vec<_>>(),
            vec![(0, "a"), (1, "b"), (2, "c")]
        );
    }
}
