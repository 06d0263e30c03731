//! ClaimReview (schema.org) JSON-LD: one review per claim with a verdict, as fact-check
//! markup expects it.

use serde_json::{Value, json};

use super::record::Record;
use crate::extract::ActorKind;

/// Who publishes the reviews, from the preferences (or the command line).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Publisher {
    /// The organisation's name.
    pub organization: String,
    /// Its web address.
    pub url: String,
    /// Where the reviews are published: `{claim}` is replaced by the claim's id.
    pub review_url: String,
}

/// The reviews of the records that have a verdict, as one JSON-LD array.
pub fn reviews(records: &[Record<'_>], publisher: &Publisher) -> Vec<Value> {
    records
        .iter()
        .filter_map(|r| review(r, publisher))
        .collect()
}

fn review(record: &Record<'_>, publisher: &Publisher) -> Option<Value> {
    let verdict = record.verdict()?;
    let mut rating = json!({
        "@type": "Rating",
        "alternateName": verdict.label(),
    });
    if let Some(value) = verdict.rating() {
        rating["ratingValue"] = json!(value);
        rating["bestRating"] = json!(6);
        rating["worstRating"] = json!(1);
    }
    let meta = record.meta();
    let mut item = json!({
        "@type": "Claim",
    });
    if let Some(i) = record.speaker_index() {
        let actor = &record.workspace.actors()[i];
        let kind = match actor.kind {
            ActorKind::Person => "Person",
            _ => "Organization",
        };
        item["author"] = json!({"@type": kind, "name": actor.name});
    }
    if let Some(url) = meta.url.as_deref().filter(|u| !u.is_empty()) {
        let mut appearance = json!({"@type": "CreativeWork", "url": url});
        if let Some(title) = &meta.title {
            appearance["headline"] = json!(title);
        }
        item["appearance"] = json!([appearance]);
    }
    if let Some(published) = &meta.published {
        item["datePublished"] = json!(published);
    }
    let mut out = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": record.claim.text,
        "reviewRating": rating,
        "itemReviewed": item,
    });
    if !publisher.organization.is_empty() {
        let mut author = json!({"@type": "Organization", "name": publisher.organization});
        if !publisher.url.is_empty() {
            author["url"] = json!(publisher.url);
        }
        out["author"] = author;
    }
    if let Some(date) = record.verdict_date() {
        out["datePublished"] = json!(date.get(..10).unwrap_or(date));
    }
    if !publisher.review_url.is_empty() {
        out["url"] = json!(publisher.review_url.replace("{claim}", &record.claim.id));
    }
    if let Some(conclusion) = record
        .annotation
        .map(|a| a.conclusion.as_str())
        .filter(|c| !c.is_empty())
    {
        out["reviewBody"] = json!(conclusion);
    }
    Some(out)
}
