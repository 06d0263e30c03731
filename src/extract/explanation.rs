//! Why a claim scored as it did, kept compact: a corpus holds millions of claims, each
//! with about seven features, and a feature made of its own name and evidence strings
//! took 56 bytes and an allocation before its words.

use serde::{Deserialize, Serialize};

use super::Feature;
use super::score::{self, Signal};

/// A claim's features, in order: the engine's names by number, every other name and all
/// evidence in one string.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    items: Box<[Item]>,
    /// Each feature's name (unless it is one of the engine's) then its evidence, one
    /// after the other.
    text: Box<str>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Item {
    weight: f32,
    /// Index of the engine's name ([`known_name_at`]), or [`WRITTEN`]: the name is in the
    /// text, before the evidence.
    name: u8,
    /// Where the written name ends (and the evidence starts) in the text.
    name_end: u32,
    /// Where the evidence ends in the text.
    end: u32,
}

/// The name of an [`Item`] is written out in the text.
const WRITTEN: u8 = u8::MAX;

/// One feature of a claim, borrowed from its [`Features`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename = "Feature")]
pub struct FeatureRef<'a> {
    /// What was found (see [`Feature::name`]).
    pub name: &'a str,
    /// What it added to (or took from) the score (see [`Feature::weight`]).
    pub weight: f32,
    /// The words that showed it.
    pub evidence: &'a str,
}

/// The engine's names in a fixed order: the bias, the words for and against, then each
/// signal.
fn known_name_at(index: u8) -> Option<&'static str> {
    match index {
        0 => Some(score::BIAS),
        1 => Some(score::WORDS_FOR),
        2 => Some(score::WORDS_AGAINST),
        i => Signal::ALL.get(usize::from(i) - 3).map(|s| s.name()),
    }
}

fn known_index(name: &str) -> Option<u8> {
    (0..WRITTEN).find(|&i| known_name_at(i) == Some(name))
}

impl Features {
    /// The number of features.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The features in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = FeatureRef<'_>> + '_ {
        (0..self.items.len()).map(move |i| {
            let item = self.items[i];
            let start = i.checked_sub(1).map_or(0, |p| self.items[p].end as usize);
            let (name_end, end) = (item.name_end as usize, item.end as usize);
            // `WRITTEN` is no engine name's index.
            let name = known_name_at(item.name)
                .unwrap_or_else(|| self.text.get(start..name_end).unwrap_or_default());
            FeatureRef {
                name,
                weight: item.weight,
                evidence: self.text.get(name_end..end).unwrap_or_default(),
            }
        })
    }

    /// The feature at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<FeatureRef<'_>> {
        self.iter().nth(index)
    }
}

/// Builds [`Features`] one feature at a time.
#[derive(Debug, Default)]
pub struct FeaturesBuilder {
    items: Vec<Item>,
    text: String,
}

impl FeaturesBuilder {
    /// A builder with room for `features` features.
    pub fn with_capacity(features: usize) -> Self {
        Self {
            items: Vec::with_capacity(features),
            text: String::new(),
        }
    }

    /// Adds a feature. A text past 4 GiB in all (a claim cannot hold one) loses evidence
    /// rather than wrapping around.
    pub fn push(&mut self, name: &str, weight: f32, evidence: &str) {
        let known = known_index(name);
        if known.is_none() {
            self.text.push_str(name);
        }
        let name_end = self.offset();
        self.text.push_str(evidence);
        let end = self.offset();
        self.items.push(Item {
            weight,
            name: known.unwrap_or(WRITTEN),
            name_end,
            end,
        });
    }

    fn offset(&mut self) -> u32 {
        match u32::try_from(self.text.len()) {
            Ok(n) => n,
            Err(_) => {
                let mut keep = u32::MAX as usize;
                while !self.text.is_char_boundary(keep) {
                    keep -= 1;
                }
                self.text.truncate(keep);
                keep as u32
            }
        }
    }

    /// The features, each list in exactly the room it needs.
    pub fn build(self) -> Features {
        Features {
            items: self.items.into_boxed_slice(),
            text: self.text.into_boxed_str(),
        }
    }
}

impl<'a> IntoIterator for &'a Features {
    type Item = FeatureRef<'a>;
    type IntoIter = Box<dyn ExactSizeIterator<Item = FeatureRef<'a>> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl FromIterator<Feature> for Features {
    fn from_iter<I: IntoIterator<Item = Feature>>(features: I) -> Self {
        let mut builder = FeaturesBuilder::default();
        for f in features {
            builder.push(&f.name, f.weight, &f.evidence);
        }
        builder.build()
    }
}

impl FeatureRef<'_> {
    /// The feature as an owned value.
    pub fn to_feature(self) -> Feature {
        Feature {
            name: known_index(self.name)
                .and_then(known_name_at)
                .map_or_else(|| self.name.to_owned().into(), Into::into),
            weight: self.weight,
            evidence: self.evidence.to_owned(),
        }
    }
}

// Written and read as a list of features, exactly as a `Vec<Feature>` is, in JSON and in
// the cache's binary form alike.
impl Serialize for Features {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Features {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<Feature>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(name: &str, weight: f32, evidence: &str) -> Feature {
        Feature {
            name: name.to_owned().into(),
            weight,
            evidence: evidence.into(),
        }
    }

    fn sample() -> Vec<Feature> {
        vec![
            feature("bias", 0.2, ""),
            feature("figure", 0.3, "£4bn, 12%"),
            feature("a name of another engine", -0.5, "ça"),
            feature("", 0.0, ""),
            feature("words against", -0.1, "the -0.030"),
        ]
    }

    #[test]
    fn features_give_back_what_went_in() {
        let features: Features = sample().into_iter().collect();
        assert_eq!(features.len(), 5);
        let back: Vec<Feature> = features.iter().map(FeatureRef::to_feature).collect();
        assert_eq!(back, sample());
        assert_eq!(features.get(1).map(|f| f.evidence), Some("£4bn, 12%"));
        assert_eq!(
            features.get(2).map(|f| f.name),
            Some("a name of another engine")
        );
        assert!(features.get(5).is_none());
        assert!(Features::default().is_empty());
    }

    #[test]
    fn every_engine_name_has_a_number_and_back() {
        let names = [score::BIAS, score::WORDS_FOR, score::WORDS_AGAINST]
            .into_iter()
            .chain(Signal::ALL.into_iter().map(Signal::name));
        for name in names {
            let index = known_index(name).expect("an engine name");
            assert_ne!(index, WRITTEN);
            assert_eq!(known_name_at(index), Some(name));
        }
        assert_eq!(known_index("added by hand"), None);
    }

    #[test]
    fn features_are_written_and_read_as_a_list_of_features() {
        let features: Features = sample().into_iter().collect();
        let json = serde_json::to_string(&features).expect("writes");
        assert_eq!(
            json,
            serde_json::to_string(&sample()).expect("writes the list")
        );
        let read: Features = serde_json::from_str(&json).expect("reads");
        assert_eq!(read, features);
        let bytes = postcard::to_stdvec(&features).expect("encodes");
        assert_eq!(
            bytes,
            postcard::to_stdvec(&sample()).expect("encodes the list")
        );
        let decoded: Features = postcard::from_bytes(&bytes).expect("decodes");
        assert_eq!(decoded, features);
    }
}
