//! Typed ids for the things the researcher points at: claims and curated actors. Edits,
//! the selection and the grid's filters name claims and actors by these ids, never by a
//! row or list position, so a rebuild of the views (after a merge, a rejected claim, an
//! undo) can never make an edit land on a different claim.

use std::fmt;
use std::sync::Arc;

/// A claim: the extraction's id (`DOCUMENT:SENTENCE`) or a hand-made claim's
/// (`DOCUMENT:manual@START`). Cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimId(Arc<str>);

impl ClaimId {
    /// The id of the claim written as `id`.
    pub fn new(id: &str) -> Self {
        Self(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ClaimId {
    fn from(id: &str) -> Self {
        Self::new(id)
    }
}

impl std::borrow::Borrow<str> for ClaimId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A curated actor: the extraction's actor id, or a `split:` id for an alias the
/// researcher moved out into an actor of its own. Cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(Arc<str>);

impl ActorId {
    /// The id of the actor written as `id`.
    pub fn new(id: &str) -> Self {
        Self(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ActorId {
    fn from(id: &str) -> Self {
        Self::new(id)
    }
}

impl std::borrow::Borrow<str> for ActorId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
