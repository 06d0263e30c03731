//! Projects across edits of the corpus, and the researcher's edits with undo.

use std::path::{Path, PathBuf};

use claimbench::project::{Reference, Status, Verdict};
use claimbench::workspace::open::{self, OpenError, OpenRequest};
use claimbench::workspace::{ActorId, ClaimId, Edit, Workspace};

fn copy_bundled(to: &Path) -> PathBuf {
    let corpus = to.join("corpus");
    std::fs::create_dir_all(&corpus).expect("create");
    for entry in std::fs::read_dir(claimbench::bundled_corpus_path())
        .expect("read")
        .flatten()
    {
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).expect("copy");
    }
    corpus
}

fn open(request: &OpenRequest) -> Workspace {
    open::open(request, &|_| true).expect("opens")
}

fn row_with(ws: &Workspace, words: &str) -> usize {
    ws.rows()
        .iter()
        .position(|r| r.claim.text.contains(words))
        .unwrap_or_else(|| panic!("{words}"))
}

fn claim_with(ws: &Workspace, words: &str) -> ClaimId {
    ws.rows()[row_with(ws, words)].id.clone()
}

#[test]
fn work_follows_its_claim_when_the_document_is_edited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_bundled(dir.path());
    let mut ws = open(&OpenRequest::Corpus(corpus.clone()));
    ws.apply(Edit::SetVerdict {
        claim: claim_with(&ws, "17,000 deaths"),
        verdict: Some(Verdict::MostlyFalse),
    })
    .expect("applies");
    ws.apply(Edit::SetNotes {
        claim: claim_with(&ws, "The remarks came in response"),
        text: "check the report".into(),
    })
    .expect("applies");
    let project = dir.path().join("p.claimbench.ron");
    ws.save(Some(&project)).expect("saves");

    // Someone edits the article: a paragraph added at the top, the last sentence removed.
    let file = std::fs::read_dir(&corpus)
        .expect("read")
        .flatten()
        .map(|e| e.path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("17,000 deaths")))
        .expect("the article");
    let text = std::fs::read_to_string(&file).expect("read");
    let edited = format!("An editor's note added later.\n\n{}", text.replace("The remarks came in response to the annual Country Reports on Terrorism released by the U.S.", ""));
    std::fs::write(&file, edited).expect("write");

    let ws = open(&OpenRequest::Project(project));
    let row = row_with(&ws, "17,000 deaths");
    assert_eq!(
        ws.annotation(row).and_then(|a| a.verdict),
        Some(Verdict::MostlyFalse)
    );
    assert!(
        ws.warnings()
            .iter()
            .any(|w| w.contains("changed since the project was saved")),
        "{:?}",
        ws.warnings()
    );
    // The note on the removed sentence is kept and listed, not lost.
    assert_eq!(ws.orphans().len(), 1);
    assert_eq!(
        ws.project().annotations[ws.orphans()[0]].notes,
        "check the report"
    );
}

#[test]
fn a_missing_corpus_is_reported_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_bundled(dir.path());
    let mut ws = open(&OpenRequest::Corpus(corpus.clone()));
    let project = dir.path().join("p.claimbench.ron");
    ws.save(Some(&project)).expect("saves");
    std::fs::remove_dir_all(&corpus).expect("remove");
    let error = open::open(&OpenRequest::Project(project), &|_| true)
        .err()
        .expect("fails");
    assert!(matches!(error, OpenError::CorpusMissing { .. }), "{error}");
    assert!(error.to_string().contains("was not found"), "{error}");
}

#[test]
fn opening_can_be_cancelled() {
    let result = open::open(
        &OpenRequest::Corpus(claimbench::bundled_corpus_path()),
        &|_| false,
    );
    // The load stops at its first progress report.
    assert!(matches!(
        result,
        Err(OpenError::Corpus(claimbench::corpus::LoadError::Cancelled))
    ));
}

#[test]
fn manual_and_rejected_claims_survive_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_bundled(dir.path());
    let mut ws = open(&OpenRequest::Corpus(corpus));
    let before = ws.rows().len();
    let rejected_id = claim_with(&ws, "The remarks came in response");
    ws.apply(Edit::RejectClaim {
        claim: rejected_id.clone(),
    })
    .expect("applies");
    assert_eq!(ws.rows().len(), before - 1);
    // A claim added by hand: the first sentence of an article, below the score threshold.
    let document = ws
        .corpus()
        .documents
        .iter()
        .position(|d| d.text.starts_with("“MEK is by all means"))
        .expect("doc");
    let end = ws.corpus().documents[document]
        .text
        .find("Sunday.")
        .expect("sentence")
        + "Sunday.".len();
    ws.apply(Edit::AddManualClaim {
        document,
        start: 0,
        end,
    })
    .expect("applies");
    assert_eq!(ws.rows().len(), before);
    let manual = ws
        .rows()
        .iter()
        .find(|r| r.manual)
        .expect("manual row")
        .id
        .clone();
    ws.apply(Edit::SetStatus {
        claim: manual,
        status: Status::InProgress,
    })
    .expect("applies");
    let project = dir.path().join("p.claimbench.ron");
    ws.save(Some(&project)).expect("saves");

    let ws = open(&OpenRequest::Project(project));
    assert_eq!(ws.rows().len(), before);
    assert!(ws.row_of(&rejected_id).is_none());
    let manual = ws.rows().iter().position(|r| r.manual).expect("manual row");
    assert!(
        ws.rows()[manual]
            .claim
            .text
            .starts_with("“MEK is by all means")
    );
    assert_eq!(
        ws.annotation(manual).map(|a| a.status),
        Some(Status::InProgress)
    );
}

#[test]
fn edits_undo_and_redo() {
    let mut ws = open(&OpenRequest::Corpus(claimbench::bundled_corpus_path()));
    let row = row_with(&ws, "17,000 deaths");
    let claim = ws.rows()[row].id.clone();
    assert_eq!(ws.undo_label(), None);
    ws.apply(Edit::SetVerdict {
        claim: claim.clone(),
        verdict: Some(Verdict::False),
    })
    .expect("applies");
    // Typing is one undo step per field.
    for text in ["C", "Ch", "Che", "Chec", "Check"] {
        ws.apply(Edit::SetNotes {
            claim: claim.clone(),
            text: text.into(),
        })
        .expect("applies");
    }
    assert_eq!(ws.undo_label(), Some("edit notes"));
    assert!(ws.undo());
    assert_eq!(ws.annotation(row).map(|a| a.notes.as_str()), Some(""));
    assert_eq!(
        ws.annotation(row).and_then(|a| a.verdict),
        Some(Verdict::False)
    );
    assert!(ws.undo());
    assert_eq!(ws.annotation(row).and_then(|a| a.verdict), None);
    assert!(!ws.undo());
    assert!(ws.redo());
    assert_eq!(
        ws.annotation(row).and_then(|a| a.verdict),
        Some(Verdict::False)
    );
}

#[test]
fn bad_edits_are_refused_with_a_reason() {
    let mut ws = open(&OpenRequest::Corpus(claimbench::bundled_corpus_path()));
    let bad = Reference {
        url: "javascript:alert(1)".into(),
        ..Reference::default()
    };
    let error = ws
        .apply(Edit::AddReference {
            claim: claim_with(&ws, "17,000 deaths"),
            reference: bad,
        })
        .expect_err("refused");
    assert!(error.to_string().contains("http"), "{error}");
    assert!(
        ws.apply(Edit::SetVerdict {
            claim: ClaimId::new("no-such-claim"),
            verdict: None
        })
        .is_err()
    );
    assert!(
        ws.apply(Edit::RenameActor {
            actor: ActorId::new("nobody"),
            name: "X".into()
        })
        .is_err()
    );
    assert!(!ws.is_dirty(), "a refused edit changes nothing");
}

#[test]
fn splitting_an_alias_makes_an_actor_of_its_own() {
    let mut ws = open(&OpenRequest::Corpus(claimbench::bundled_corpus_path()));
    let org = ws
        .actors()
        .iter()
        .find(|a| a.aliases.iter().any(|n| n == "MEK"))
        .expect("org")
        .clone();
    ws.apply(Edit::SplitAlias {
        actor: org.id.clone(),
        alias: "MEK".into(),
    })
    .expect("applies");
    let split = ws
        .actors()
        .iter()
        .find(|a| a.name == "MEK")
        .expect("split actor");
    assert!(!split.mentions.is_empty());
    let rest = ws
        .actors()
        .iter()
        .find(|a| a.id == org.id)
        .expect("still there");
    assert_eq!(
        rest.mentions.len() + split.mentions.len(),
        org.mentions.len()
    );
    assert!(!rest.aliases.iter().any(|n| n == "MEK"));
    // Merging it back restores the actor as it was.
    let split_id = split.id.clone();
    ws.apply(Edit::MergeActors {
        from: vec![split_id],
        into: org.id.clone(),
    })
    .expect("applies");
    let back = ws.actors().iter().find(|a| a.id == org.id).expect("actor");
    assert_eq!(back.mentions.len(), org.mentions.len());
}

#[test]
fn the_grid_sorts_and_filters() {
    use claimbench::workspace::grid::{self, Column, Filter, SearchIndex, Sort, VerdictFilter};
    let mut ws = open(&OpenRequest::Corpus(claimbench::bundled_corpus_path()));
    let index = SearchIndex::build(&ws);
    let texts = |ws: &Workspace, rows: &[u32]| {
        rows.iter()
            .map(|&r| ws.rows()[r as usize].claim.text.to_lowercase())
            .collect::<Vec<_>>()
    };
    let by_text = grid::rows(
        &ws,
        &index,
        &Filter::default(),
        Sort {
            column: Column::Text,
            descending: false,
        },
    );
    assert_eq!(by_text.len(), ws.rows().len());
    let sorted = texts(&ws, &by_text);
    assert!(sorted.windows(2).all(|w| w[0] <= w[1]));
    let reversed = grid::rows(
        &ws,
        &index,
        &Filter::default(),
        Sort {
            column: Column::Text,
            descending: true,
        },
    );
    assert_eq!(texts(&ws, &reversed).first(), sorted.last());
    // Words in any case, all of them required, in the claim, its speaker or its title.
    let searched = |ws: &Workspace, row: u32| {
        let r = &ws.rows()[row as usize];
        let title = ws.corpus().documents[r.document]
            .meta
            .title
            .clone()
            .unwrap_or_default();
        format!("{} {} {title}", r.claim.text, ws.actor_name(r.speaker)).to_lowercase()
    };
    let filter = Filter {
        text: "KILLED iranians".into(),
        ..Filter::default()
    };
    let hits = grid::rows(&ws, &index, &filter, Sort::default());
    assert!(!hits.is_empty());
    for &h in &hits {
        let t = searched(&ws, h);
        assert!(t.contains("killed") && t.contains("iranians"), "{t}");
    }
    assert!(
        hits.iter()
            .any(|&h| ws.rows()[h as usize].claim.text.contains("killed"))
    );
    let speaker_row = ws
        .rows()
        .iter()
        .position(|r| r.speaker.is_some() && !r.claim.text.contains(ws.actor_name(r.speaker)))
        .expect("a claim whose text does not name its speaker");
    let name = ws.actor_name(ws.rows()[speaker_row].speaker).to_string();
    let by_speaker = grid::rows(
        &ws,
        &index,
        &Filter {
            text: name.clone(),
            ..Filter::default()
        },
        Sort::default(),
    );
    assert!(by_speaker.contains(&(speaker_row as u32)), "{name}");
    // Verdict and conflict filters.
    let row = hits[0] as usize;
    ws.apply(Edit::SetVerdict {
        claim: ws.rows()[row].id.clone(),
        verdict: Some(Verdict::False),
    })
    .expect("applies");
    let falses = grid::rows(
        &ws,
        &index,
        &Filter {
            verdict: VerdictFilter::Is(Verdict::False),
            ..Filter::default()
        },
        Sort::default(),
    );
    assert_eq!(falses, [row as u32]);
    let conflicts = grid::rows(
        &ws,
        &index,
        &Filter {
            conflicts_only: true,
            ..Filter::default()
        },
        Sort::default(),
    );
    assert!(!conflicts.is_empty());
    assert!(
        conflicts
            .iter()
            .all(|&r| ws.family(r as usize).is_some_and(|f| f.conflict))
    );
}

#[test]
fn verdict_and_status_changes_record_who_and_when_and_are_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_bundled(dir.path());
    let mut ws = open(&OpenRequest::Corpus(corpus));
    ws.set_author("Ana Costa");
    let claim = claim_with(&ws, "17,000 deaths");
    ws.apply(Edit::SetVerdict {
        claim: claim.clone(),
        verdict: Some(Verdict::False),
    })
    .expect("applies");
    ws.apply(Edit::SetStatus {
        claim: claim.clone(),
        status: Status::Done,
    })
    .expect("applies");
    ws.apply(Edit::SetNotes {
        claim: claim.clone(),
        text: "notes are not in the history".into(),
    })
    .expect("applies");
    let history = ws
        .annotation(ws.row_of(&claim).expect("row"))
        .expect("annotated")
        .history
        .clone();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].by, "Ana Costa");
    assert_eq!(
        history[0].change,
        claimbench::project::AuditChange::Verdict(Some(Verdict::False))
    );
    assert_eq!(
        history[1].change,
        claimbench::project::AuditChange::Status(Status::Done)
    );
    assert!(chrono::DateTime::parse_from_rfc3339(&history[0].at).is_ok());
    let project = dir.path().join("p.claimbench.ron");
    ws.save(Some(&project)).expect("saves");
    let reopened = open(&OpenRequest::Project(project));
    let row = reopened.row_of(&claim).expect("row");
    assert_eq!(
        reopened.annotation(row).expect("annotated").history,
        history
    );
}

#[test]
fn every_kind_of_change_undoes_for_well_over_a_hundred_steps() {
    let mut ws = open(&OpenRequest::Corpus(claimbench::bundled_corpus_path()));
    let claims: Vec<ClaimId> = ws.rows().iter().map(|r| r.id.clone()).collect();
    let start = ws.project().clone();
    let actor = ws.actors()[0].id.clone();
    let verdicts = [Verdict::True, Verdict::False, Verdict::Misleading];
    let mut steps = 0;
    for (i, claim) in claims.iter().cycle().take(120).enumerate() {
        let edit = match i % 4 {
            0 => Edit::SetVerdict {
                claim: claim.clone(),
                verdict: Some(verdicts[i % 3]),
            },
            1 => Edit::SetStatus {
                claim: claim.clone(),
                status: Status::InProgress,
            },
            2 => Edit::AddReference {
                claim: claim.clone(),
                reference: Reference {
                    url: format!("https://example.org/{i}"),
                    ..Reference::default()
                },
            },
            _ => Edit::RenameActor {
                actor: actor.clone(),
                name: format!("Name {i}"),
            },
        };
        ws.apply(edit).expect("applies");
        steps += 1;
    }
    for _ in 0..steps {
        assert!(ws.undo(), "an undo step is missing");
    }
    assert!(!ws.undo());
    assert_eq!(*ws.project(), start, "back where it started");
    assert!(!ws.is_dirty(), "the start is what was saved (nothing)");
}

#[test]
fn a_claims_speaker_is_corrected_saved_reopened_and_undone() {
    use claimbench::project::SpeakerChoice;
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_bundled(dir.path());
    let mut ws = open(&OpenRequest::Corpus(corpus));
    let speaker = |ws: &Workspace, words: &str| {
        ws.actor_name(ws.rows()[row_with(ws, words)].speaker)
            .to_string()
    };
    let claim = claim_with(&ws, "17,000 deaths");
    let before = speaker(&ws, "17,000 deaths");
    let saudi = ws
        .actors()
        .iter()
        .find(|a| a.name == "Saudi Arabia")
        .expect("actor")
        .id
        .clone();
    let count = |ws: &Workspace, id: &ActorId| {
        ws.actors()
            .iter()
            .find(|a| &a.id == id)
            .map_or(0, |a| a.claim_count)
    };
    let saudi_claims = count(&ws, &saudi);
    ws.apply(Edit::SetSpeaker {
        claim: claim.clone(),
        speaker: Some(SpeakerChoice::Actor {
            id: saudi.as_str().to_string(),
            name: "Saudi Arabia".into(),
        }),
    })
    .expect("applies");
    assert_eq!(speaker(&ws, "17,000 deaths"), "Saudi Arabia");
    assert!(count(&ws, &saudi) >= saudi_claims);
    // A speaker the extraction does not have becomes an actor of its own.
    let other = claim_with(&ws, "The remarks came in response");
    ws.apply(Edit::SetSpeaker {
        claim: other.clone(),
        speaker: Some(SpeakerChoice::Actor {
            id: claimbench::workspace::curation::new_actor_id("Jane Roe"),
            name: " Jane Roe ".into(),
        }),
    })
    .expect("applies");
    assert_eq!(speaker(&ws, "The remarks came in response"), "Jane Roe");
    let project = dir.path().join("p.claimbench.ron");
    ws.save(Some(&project)).expect("saves");

    let mut reopened = open(&OpenRequest::Project(project));
    assert_eq!(speaker(&reopened, "17,000 deaths"), "Saudi Arabia");
    assert_eq!(
        speaker(&reopened, "The remarks came in response"),
        "Jane Roe"
    );
    let jane = reopened
        .actors()
        .iter()
        .find(|a| a.name == "Jane Roe")
        .expect("made actor");
    assert_eq!(jane.claim_count, 1);
    reopened
        .apply(Edit::SetSpeaker {
            claim: claim_with(&reopened, "17,000 deaths"),
            speaker: Some(SpeakerChoice::Nobody),
        })
        .expect("applies");
    assert_eq!(speaker(&reopened, "17,000 deaths"), "");
    assert!(reopened.undo());
    assert_eq!(speaker(&reopened, "17,000 deaths"), "Saudi Arabia");
    reopened
        .apply(Edit::SetSpeaker {
            claim: claim_with(&reopened, "17,000 deaths"),
            speaker: None,
        })
        .expect("applies");
    assert_eq!(speaker(&reopened, "17,000 deaths"), before);
    let refused = reopened.apply(Edit::SetSpeaker {
        claim: claim_with(&reopened, "17,000 deaths"),
        speaker: Some(SpeakerChoice::Actor {
            id: "new:".into(),
            name: "  ".into(),
        }),
    });
    assert!(refused.is_err());
}

#[test]
fn splitting_a_full_name_takes_its_short_forms_in_the_same_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("create");
    std::fs::write(
        corpus.join("a.txt"),
        "Tax row grows\n\nMichael Howard said taxes would rise by 5% next year. \
         Mr Howard said 300 jobs would go at the plant by March.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.join("b.txt"),
        "Film award\n\nClive Owen won the award on Sunday. \
         Owen said he had made 20 films in ten years.\n",
    )
    .expect("write");
    let mut ws = open(&OpenRequest::Corpus(corpus));
    let id_of = |ws: &Workspace, name: &str| {
        ws.actors()
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .id
            .clone()
    };
    // A wrong merge, as a careless click (or a bad extraction) makes.
    let (howard, owen) = (id_of(&ws, "Michael Howard"), id_of(&ws, "Clive Owen"));
    ws.apply(Edit::MergeActors {
        from: vec![howard],
        into: owen.clone(),
    })
    .expect("applies");
    let speaker = |ws: &Workspace, words: &str| {
        ws.actor_name(ws.rows()[row_with(ws, words)].speaker)
            .to_string()
    };
    assert_eq!(speaker(&ws, "300 jobs"), "Clive Owen");
    ws.apply(Edit::SplitAlias {
        actor: owen,
        alias: "Michael Howard".into(),
    })
    .expect("applies");
    assert_eq!(speaker(&ws, "300 jobs"), "Michael Howard");
    assert_eq!(speaker(&ws, "5% next year"), "Michael Howard");
    assert_eq!(speaker(&ws, "20 films"), "Clive Owen");
}
