//! The vocabularies researchers record: verdicts (schema.org ClaimReview ratings) and
//! workflow statuses.

use serde::{Deserialize, Serialize};

/// What the researcher concluded about a claim. Maps onto schema.org ClaimReview
/// `reviewRating`: higher is truer, and the last two have no numeric rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    /// Rating 6.
    True,
    /// Rating 5.
    MostlyTrue,
    /// Rating 4.
    HalfTrue,
    /// Rating 3.
    Misleading,
    /// Rating 2.
    MostlyFalse,
    /// Rating 1.
    False,
    /// Cannot be checked with the evidence available.
    Unverifiable,
    /// An opinion, prediction or other statement that is not a factual claim.
    NotAFactualClaim,
}

impl Verdict {
    /// All verdicts, truest first.
    pub const ALL: [Verdict; 8] = [
        Self::True,
        Self::MostlyTrue,
        Self::HalfTrue,
        Self::Misleading,
        Self::MostlyFalse,
        Self::False,
        Self::Unverifiable,
        Self::NotAFactualClaim,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::True => "True",
            Self::MostlyTrue => "Mostly true",
            Self::HalfTrue => "Half true",
            Self::Misleading => "Misleading",
            Self::MostlyFalse => "Mostly false",
            Self::False => "False",
            Self::Unverifiable => "Unverifiable",
            Self::NotAFactualClaim => "Not a factual claim",
        }
    }

    /// The ClaimReview `ratingValue` (1 to 6), if the verdict has one.
    pub fn rating(self) -> Option<u8> {
        match self {
            Self::True => Some(6),
            Self::MostlyTrue => Some(5),
            Self::HalfTrue => Some(4),
            Self::Misleading => Some(3),
            Self::MostlyFalse => Some(2),
            Self::False => Some(1),
            Self::Unverifiable | Self::NotAFactualClaim => None,
        }
    }
}

/// Where a claim is in the researcher's workflow.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    /// Nobody has looked at it yet.
    #[default]
    Unstarted,
    /// Being checked.
    InProgress,
    /// Checked, but someone else should look.
    NeedsSecondOpinion,
    /// Finished.
    Done,
}

impl Status {
    /// All statuses, in workflow order.
    pub const ALL: [Status; 4] = [
        Self::Unstarted,
        Self::InProgress,
        Self::NeedsSecondOpinion,
        Self::Done,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Unstarted => "Unstarted",
            Self::InProgress => "In progress",
            Self::NeedsSecondOpinion => "Needs second opinion",
            Self::Done => "Done",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_follow_claimreview() {
        assert_eq!(Verdict::True.rating(), Some(6));
        assert_eq!(Verdict::False.rating(), Some(1));
        assert_eq!(Verdict::Unverifiable.rating(), None);
        let rated: Vec<u8> = Verdict::ALL.iter().filter_map(|v| v.rating()).collect();
        assert_eq!(rated, [6, 5, 4, 3, 2, 1]);
    }
}
