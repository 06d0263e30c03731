//! The workbench driven as a person would, through egui_kittest, with snapshots of the
//! whole window at 1600x1000 on the bundled corpus.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimbench::app::ClaimbenchApp;
use claimbench::extract::cache::Cache;
use claimbench::project::{Stance, Verdict};
use claimbench::workspace::grid::Column;
use claimbench::workspace::open::OpenRequest;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The one way every test builds the window: 1600x1000, no cursor drawn, Claimbench's own
/// file dialog (a test has no desktop to show another), no autosave folder of the user's,
/// opening `request` and waiting until the background load has finished.
fn workbench(request: Option<OpenRequest>) -> Harness<'static, ClaimbenchApp> {
    workbench_with(request, None)
}

fn workbench_with(
    request: Option<OpenRequest>,
    data_dir: Option<PathBuf>,
) -> Harness<'static, ClaimbenchApp> {
    workbench_cached(request, data_dir, None)
}

/// The window opening `request`, with `cache` as its extraction cache (none: the tests do
/// not touch the user's cache).
fn workbench_cached(
    request: Option<OpenRequest>,
    data_dir: Option<PathBuf>,
    cache: Option<Cache>,
) -> Harness<'static, ClaimbenchApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_render_cursor(false)
        .with_max_steps(50)
        .build_eframe(move |cc| {
            let mut app = ClaimbenchApp::new(cc, None);
            app.preferences.builtin_file_dialog = true;
            app.set_data_dir(data_dir);
            app.set_cache(cache);
            if let Some(request) = request {
                app.open(&cc.egui_ctx, &request);
            }
            app
        });
    wait_until(&mut harness, "opening", |app| !app.is_loading());
    harness.run_steps(4);
    harness
}

/// Steps the window until `done` holds (background work is on other threads).
fn wait_until(
    harness: &mut Harness<'_, ClaimbenchApp>,
    what: &str,
    done: impl Fn(&ClaimbenchApp) -> bool,
) {
    let started = Instant::now();
    while !done(harness.state()) {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{what} took too long"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn bundled() -> Option<OpenRequest> {
    Some(OpenRequest::Corpus(claimbench::bundled_corpus_path()))
}

/// The grid's rows, in the order shown.
fn shown_rows(harness: &Harness<'_, ClaimbenchApp>) -> Vec<usize> {
    harness
        .state()
        .shown_rows()
        .iter()
        .map(|&r| r as usize)
        .collect()
}

fn row_with_text(harness: &Harness<'_, ClaimbenchApp>, words: &str) -> usize {
    let ws = harness.state().workspace.as_ref().expect("loaded");
    ws.rows()
        .iter()
        .position(|r| r.claim.text.contains(words))
        .unwrap_or_else(|| panic!("no claim containing {words:?}"))
}

/// Opens the combo box `combo` and picks `option`.
fn choose(harness: &mut Harness<'_, ClaimbenchApp>, combo: &str, option: &str) {
    harness
        .get_by_role_and_label(egui::Role::ComboBox, combo)
        .click();
    harness.run_steps(2);
    harness.get_by_label(option).click();
    harness.run_steps(3);
}

/// Scrolls the widget labelled `label` into view and clicks it.
fn click(harness: &mut Harness<'_, ClaimbenchApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run_steps(2);
    harness.get_by_label(label).click();
    harness.run_steps(2);
}

/// Types into the text field labelled `label` (replacing what is there).
fn type_into(harness: &mut Harness<'_, ClaimbenchApp>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run_steps(1);
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run_steps(2);
}

/// Clicks the claim's cell in the grid.
fn click_claim(harness: &mut Harness<'_, ClaimbenchApp>, words: &str) {
    let row = row_with_text(harness, words);
    let text = harness.state().workspace.as_ref().expect("loaded").rows()[row]
        .claim
        .text
        .replace('\n', " ");
    // Rows are drawn only when in view: page down until it is.
    for _ in 0..40 {
        if harness.query_by_label(&text).is_some() {
            break;
        }
        harness.key_press(egui::Key::PageDown);
        harness.run_steps(3);
    }
    harness.get_by_label(&text).click();
    harness.run_steps(3);
}

#[test]
fn opens_the_bundled_corpus() {
    let mut harness = workbench(bundled());
    let app = harness.state();
    assert!(app.errors.is_empty(), "{:?}", app.errors);
    let ws = app.workspace.as_ref().expect("loaded");
    assert_eq!(ws.corpus().documents.len(), 5);
    assert!(ws.rows().len() > 20);
    harness.get_by_label_contains(&format!("of {} claims", ws.rows().len()));
    harness.snapshot("workbench_start");
}

#[test]
fn clicking_a_header_sorts_and_clicking_again_reverses() {
    let mut harness = workbench(bundled());
    harness.get_by_label("Score").click();
    harness.run_steps(3);
    let scores = |h: &Harness<'_, ClaimbenchApp>| {
        let ws = h.state().workspace.as_ref().expect("loaded");
        shown_rows(h)
            .iter()
            .map(|&r| ws.rows()[r].claim.score)
            .collect::<Vec<f32>>()
    };
    // Scores are read from the highest down.
    let descending = scores(&harness);
    assert!(
        descending.windows(2).all(|w| w[0] >= w[1]),
        "{descending:?}"
    );
    assert_eq!(harness.state().grid.sort.column, Column::Score);
    assert!(harness.state().grid.sort.descending);
    harness.get_by_label("Score").click();
    harness.run_steps(3);
    let ascending = scores(&harness);
    assert!(ascending.windows(2).all(|w| w[0] <= w[1]), "{ascending:?}");
    assert!(!harness.state().grid.sort.descending);
    // Speaker names sort alphabetically, claims without a speaker last.
    harness.get_by_label("Speaker").click();
    harness.run_steps(3);
    let ws = harness.state().workspace.as_ref().expect("loaded");
    let names: Vec<String> = shown_rows(&harness)
        .iter()
        .filter_map(|&r| {
            ws.rows()[r]
                .speaker
                .map(|s| ws.actors()[s].name.to_lowercase())
        })
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
}

#[test]
fn selecting_an_actor_filters_the_grid() {
    let mut harness = workbench(bundled());
    let total = shown_rows(&harness).len();
    // The actor list is drawn before the grid, so its entry comes first.
    harness
        .get_all_by_label("Nasser Kanaani")
        .next()
        .expect("in the actor list")
        .click();
    harness.run_steps(3);
    let rows = shown_rows(&harness);
    assert!(
        !rows.is_empty() && rows.len() < total,
        "{} of {total}",
        rows.len()
    );
    let ws = harness.state().workspace.as_ref().expect("loaded");
    let kanaani = ws
        .actors()
        .iter()
        .position(|a| a.name == "Nasser Kanaani")
        .expect("actor");
    for r in rows {
        let row = &ws.rows()[r];
        let named = row
            .claim
            .about
            .iter()
            .any(|id| ws.curated_actor(id) == Some(kanaani));
        assert!(row.speaker == Some(kanaani) || named, "{}", row.claim.text);
    }
    let shown = harness.state().shown_rows().len();
    harness.get_by_label(&format!("{shown} of {total} claims"));
}

#[test]
fn selecting_a_claim_shows_it_in_its_source() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "17,000 deaths");
    let app = harness.state();
    let row = app.selected_row().expect("selected");
    let ws = app.workspace.as_ref().expect("loaded");
    let claim = &ws.rows()[row].claim;
    assert!(claim.text.contains("17,000 deaths"));
    // The source panel holds the claim's whole document.
    let source = harness.get_by_label("Source text");
    let text = source.value().unwrap_or_default();
    assert_eq!(text, ws.text_of(row));
    assert!(text.contains(&claim.text));
    // Down selects the next claim in the grid; the selection stays a claim id.
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(3);
    let next = harness.state().selected_row().expect("still selected");
    assert_ne!(next, row);
}

#[test]
fn verdicts_and_references_survive_save_and_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    copy_folder(&claimbench::bundled_corpus_path(), &corpus);
    let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
    click_claim(&mut harness, "17,000 deaths");
    let claim_id = {
        let app = harness.state();
        let row = app.selected_row().expect("selected");
        app.workspace.as_ref().expect("loaded").rows()[row]
            .id
            .clone()
    };
    // Verdict through its combo box.
    choose(&mut harness, "Verdict", "Mostly false (2)");
    // A reference through the form, with a bad URL first.
    harness.get_by_label("Add reference…").click();
    harness.run_steps(2);
    type_into(&mut harness, "URL", "ftp://example.org/report");
    type_into(&mut harness, "Title", "Casualty report");
    harness.get_by_label("Refutes").click();
    harness.run_steps(2);
    click(&mut harness, "Add");
    harness.get_by_label_contains("must start with http:// or https://");
    type_into(&mut harness, "URL", "https://example.org/report");
    click(&mut harness, "Add");
    {
        let app = harness.state();
        let row = app.selected_row().expect("selected");
        let annotation = app
            .workspace
            .as_ref()
            .expect("loaded")
            .annotation(row)
            .expect("annotated");
        assert_eq!(annotation.verdict, Some(Verdict::MostlyFalse));
        assert_eq!(annotation.references.len(), 1, "{:?}", app.errors);
        assert!(app.workspace.as_ref().expect("loaded").is_dirty());
    }
    harness.get_by_label_contains("unsaved changes");
    let project = dir.path().join("checked.claimbench.ron");
    assert!(
        harness.state_mut().save_to(Some(&project)),
        "{:?}",
        harness.state().errors
    );
    harness.run_steps(2);
    harness.get_by_label_contains("Saved at");
    drop(harness);

    let reopened = workbench(Some(OpenRequest::Project(project)));
    let app = reopened.state();
    assert!(app.errors.is_empty(), "{:?}", app.errors);
    let ws = app.workspace.as_ref().expect("loaded");
    let row = ws.row_of(&claim_id).expect("same claim");
    let annotation = ws.annotation(row).expect("annotation re-attached");
    assert_eq!(annotation.verdict, Some(Verdict::MostlyFalse));
    let reference = &annotation.references[0];
    assert_eq!(reference.url, "https://example.org/report");
    assert_eq!(reference.title, "Casualty report");
    assert_eq!(reference.stance, Stance::Refutes);
    assert!(!ws.is_dirty());
}

#[test]
fn merging_actors_moves_the_speaker_column() {
    let mut harness = workbench(bundled());
    let mousavi_claims = {
        let ws = harness.state().workspace.as_ref().expect("loaded");
        let mousavi = ws
            .actors()
            .iter()
            .position(|a| a.name == "Abbas Mousavi")
            .expect("actor");
        ws.rows()
            .iter()
            .enumerate()
            .filter(|(_, r)| r.speaker == Some(mousavi))
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    assert!(!mousavi_claims.is_empty());
    let listed = |h: &Harness<'_, ClaimbenchApp>| {
        let ws = h.state().workspace.as_ref().expect("loaded");
        ws.actors()
            .iter()
            .filter(|a| a.is_listed() && !a.hidden)
            .count()
    };
    let before = listed(&harness);
    harness.get_by_label_contains(&format!(" · {before} actors · "));
    // Select the actor to merge, then merge it into another from that one's menu.
    harness
        .get_all_by_label("Abbas Mousavi")
        .next()
        .expect("in the actor list")
        .click();
    harness.run_steps(2);
    harness
        .get_all_by_label("Foreign Ministry")
        .next()
        .expect("in the actor list")
        .click_secondary();
    harness.run_steps(2);
    harness
        .get_by_label_contains("Merge 1 selected into")
        .click();
    harness.run_steps(3);
    let app = harness.state();
    let ws = app.workspace.as_ref().expect("loaded");
    for row in mousavi_claims {
        assert_eq!(ws.actor_name(ws.rows()[row].speaker), "Foreign Ministry");
    }
    assert!(ws.actors().iter().any(|a| a.name == "Foreign Ministry" && a.aliases.iter().any(|n| n == "Abbas Mousavi")));
    assert!(
        harness.query_by_label("Abbas Mousavi").is_none(),
        "no longer shown anywhere"
    );
    // The status bar counts the actors the list shows.
    assert_eq!(listed(&harness), before - 1);
    harness.get_by_label_contains(&format!(" · {} actors · ", before - 1));
    // Undo brings the speaker back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    harness
        .get_all_by_label("Abbas Mousavi")
        .next()
        .expect("back after undo");
}

#[test]
fn a_conflicting_family_is_shown_side_by_side() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "killing about 17,000 Iranians");
    harness.get_by_label_contains("Conflicting figures:");
    harness.get_by_label("Family: Iran: killed N people");
    // Record a verdict and a reference so the inspector is filled in the picture.
    choose(&mut harness, "Verdict", "Misleading (3)");
    harness.snapshot("workbench_conflicting_family");
}

#[test]
fn a_selected_claim_fills_the_inspector() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "State Department removed the MEK");
    choose(&mut harness, "Status", "In progress");
    type_into(
        &mut harness,
        "Notes",
        "Delisting confirmed by the Federal Register, 28 September 2012.",
    );
    click(&mut harness, "Add reference…");
    type_into(
        &mut harness,
        "URL",
        "https://www.federalregister.gov/d/2012-24154",
    );
    type_into(
        &mut harness,
        "Title",
        "Revocation of the designation of the MEK",
    );
    type_into(&mut harness, "Publisher", "Federal Register");
    type_into(&mut harness, "Date published", "2012-10-01");
    type_into(&mut harness, "Date accessed", "2026-11-22");
    click(&mut harness, "Supports");
    click(&mut harness, "Add");
    harness.get_by_label("References (1)");
    // The grid shows the status and the reference count; the click moved the pointer,
    // so park it away from the widgets before the picture.
    harness.get_by_label("Inspector").hover();
    harness.run_steps(3);
    harness.snapshot("workbench_claim_selected");
}

#[test]
fn a_damaged_project_shows_an_error_and_no_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.claimbench.ron");
    std::fs::write(
        &path,
        "(format: \"claimbench-project\", version: 1, annotations: [ (verdict: Some(Tru",
    )
    .expect("write");
    let harness = workbench(Some(OpenRequest::Project(path)));
    assert!(harness.state().workspace.is_none());
    assert_eq!(harness.state().errors.len(), 1);
    harness.get_by_label_contains("could not be opened");
    harness.get_by_label("OK");
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "17,000 deaths");
    choose(&mut harness, "Verdict", "False (1)");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run_steps(2);
    harness.get_by_label("Save changes?");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Save changes?").is_none());
    let ws = harness.state().workspace.as_ref().expect("still open");
    assert!(ws.is_dirty(), "nothing was discarded");
}

#[test]
fn ctrl_f_filters_the_grid_by_words() {
    let mut harness = workbench(bundled());
    let total = shown_rows(&harness).len();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    harness.get_by_label("Filter:").type_text("albania");
    harness.run_steps(3);
    let rows = shown_rows(&harness);
    assert!(!rows.is_empty() && rows.len() < total);
    let ws = harness.state().workspace.as_ref().expect("loaded");
    assert!(
        rows.iter()
            .all(|&r| ws.rows()[r].claim.text.to_lowercase().contains("albania"))
    );
}

/// A copy of the bundled corpus in `dir`, for tests that edit it or save beside it.
fn corpus_copy(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    copy_folder(&claimbench::bundled_corpus_path(), &corpus);
    corpus
}

/// The work on the selected claim.
fn selected_annotation<'a>(
    harness: &'a Harness<'_, ClaimbenchApp>,
) -> Option<&'a claimbench::project::Annotation> {
    let app = harness.state();
    let row = app.selected_row()?;
    app.workspace.as_ref()?.annotation(row)
}

fn selected_verdict(harness: &Harness<'_, ClaimbenchApp>) -> Option<Verdict> {
    selected_annotation(harness)?.verdict
}

fn is_dirty(harness: &Harness<'_, ClaimbenchApp>) -> bool {
    harness
        .state()
        .workspace
        .as_ref()
        .is_some_and(|w| w.is_dirty())
}

#[test]
fn dont_save_then_a_cancelled_dialog_keeps_the_work_and_quit_still_asks() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "17,000 deaths");
    choose(&mut harness, "Verdict", "False (1)");
    assert!(is_dirty(&harness));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(2);
    harness.get_by_label("Save changes?");
    harness.get_by_label("Don't save").click();
    harness.run_steps(3);
    assert!(harness.state().is_choosing_file(), "the open dialog is up");
    harness.get_by_label_contains("Open a project, a corpus file or an extraction");
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert!(!harness.state().is_choosing_file());
    // Nothing was lost or marked saved: the verdict is there, and Quit asks again.
    assert_eq!(selected_verdict(&harness), Some(Verdict::False));
    assert!(is_dirty(&harness));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run_steps(2);
    harness.get_by_label("Save changes?");
}

#[test]
fn undo_redo_save_and_save_as_shortcuts_do_what_they_say() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
    click_claim(&mut harness, "17,000 deaths");
    // Ctrl+S on a project never saved asks where, through the dialog.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    assert!(harness.state().is_choosing_file());
    harness.get_by_label_contains("Save project");
    harness.get_by_label("Save").click();
    harness.run_steps(3);
    let project = dir.path().join("corpus.claimbench.ron");
    assert!(project.is_file(), "saved through the dialog");
    assert!(!is_dirty(&harness));

    choose(&mut harness, "Verdict", "False (1)");
    let ctrl = egui::Modifiers::COMMAND;
    let ctrl_shift = egui::Modifiers::COMMAND | egui::Modifiers::SHIFT;
    harness.key_press_modifiers(ctrl, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(selected_verdict(&harness), None, "Ctrl+Z undoes");
    assert!(!is_dirty(&harness), "undone back to what is saved");
    harness.key_press_modifiers(ctrl_shift, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(
        selected_verdict(&harness),
        Some(Verdict::False),
        "Ctrl+Shift+Z redoes"
    );
    harness.key_press_modifiers(ctrl, egui::Key::Z);
    harness.run_steps(2);
    harness.key_press_modifiers(ctrl, egui::Key::Y);
    harness.run_steps(2);
    assert_eq!(
        selected_verdict(&harness),
        Some(Verdict::False),
        "Ctrl+Y redoes"
    );

    // Ctrl+S saves in place.
    harness.key_press_modifiers(ctrl, egui::Key::S);
    harness.run_steps(2);
    assert!(!is_dirty(&harness));
    assert!(!harness.state().is_choosing_file());
    let saved = claimbench::project::Project::load(&project).expect("loads");
    assert!(
        saved
            .project
            .annotations
            .iter()
            .any(|a| a.verdict == Some(Verdict::False))
    );
    // Ctrl+Shift+S asks for a new name instead of saving in place.
    choose(&mut harness, "Verdict", "True (6)");
    harness.key_press_modifiers(ctrl_shift, egui::Key::S);
    harness.run_steps(3);
    assert!(harness.state().is_choosing_file());
    assert!(is_dirty(&harness), "not saved in place");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(is_dirty(&harness));
}

#[test]
fn unsaved_work_is_recovered_from_the_autosave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let project = dir.path().join("work.claimbench.ron");
    {
        let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
        assert!(harness.state_mut().save_to(Some(&project)));
        click_claim(&mut harness, "17,000 deaths");
        choose(&mut harness, "Verdict", "Mostly false (2)");
        let ctx = harness.ctx.clone();
        harness.state_mut().autosave_now(&ctx);
        wait_until(&mut harness, "the autosave", |app| !app.is_autosaving());
        harness.run_steps(2);
        assert!(claimbench::project::autosave_path(&project).is_file());
        // The window goes away without saving, as in a crash.
    }
    let mut harness = workbench(Some(OpenRequest::Project(project.clone())));
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label_contains("1 verdict(s)");
    harness.get_by_label("Recover").click();
    harness.run_steps(3);
    let app = harness.state();
    let ws = app.workspace.as_ref().expect("open");
    assert!(ws.is_dirty(), "recovered work is not saved yet");
    let row = ws
        .rows()
        .iter()
        .position(|r| r.claim.text.contains("17,000 deaths"))
        .expect("claim");
    assert_eq!(
        ws.annotation(row).and_then(|a| a.verdict),
        Some(Verdict::MostlyFalse)
    );
    // Saving writes the project and the autosave is no longer needed.
    assert!(harness.state_mut().save_to(None));
    assert!(!claimbench::project::autosave_path(&project).exists());
}

#[test]
fn unattached_work_is_reattached_by_hand_and_undo_detaches_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let project = dir.path().join("work.claimbench.ron");
    let sentence = "The remarks came in response to the annual Country Reports on Terrorism released by the U.S.";
    {
        let mut harness = workbench(Some(OpenRequest::Corpus(corpus.clone())));
        click_claim(&mut harness, "The remarks came in response");
        type_into(&mut harness, "Notes", "Compare with the report itself.");
        assert!(harness.state_mut().save_to(Some(&project)));
    }
    // The sentence is removed from its article.
    let file = std::fs::read_dir(&corpus)
        .expect("read")
        .flatten()
        .map(|e| e.path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(sentence)))
        .expect("the article");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace(sentence, "")).expect("write");

    let mut harness = workbench(Some(OpenRequest::Project(project)));
    assert_eq!(
        harness
            .state()
            .workspace
            .as_ref()
            .expect("open")
            .orphans()
            .len(),
        1
    );
    harness.get_by_label("Note");
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Unattached work (1)").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Compare with the report itself.");
    click_claim(&mut harness, "17,000 deaths");
    harness.get_by_label("Attach to the selected claim").click();
    harness.run_steps(3);
    {
        let app = harness.state();
        let ws = app.workspace.as_ref().expect("open");
        assert!(ws.orphans().is_empty());
        let row = app.selected_row().expect("selected");
        assert_eq!(
            ws.annotation(row).map(|a| a.notes.as_str()),
            Some("Compare with the report itself.")
        );
    }
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(
        harness
            .state()
            .workspace
            .as_ref()
            .expect("open")
            .orphans()
            .len(),
        1
    );
}

#[test]
fn a_panic_in_background_work_is_shown_as_an_error_and_the_open_work_is_kept() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "17,000 deaths");
    choose(&mut harness, "Verdict", "False (1)");
    let ctx = harness.ctx.clone();
    harness.state_mut().open_with_job(
        &ctx,
        OpenRequest::Corpus(PathBuf::from("elsewhere")),
        Box::new(|_| panic!("an index out of range while reading metadata")),
    );
    wait_until(&mut harness, "the failing open", |app| !app.is_loading());
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.errors.len(), 1);
    assert!(
        app.errors[0]
            .text
            .contains("an error inside Claimbench (an index out of range while reading metadata)"),
        "{}",
        app.errors[0].text
    );
    harness.get_by_label("Something went wrong");
    assert_eq!(
        selected_verdict(&harness),
        Some(Verdict::False),
        "the open work is kept"
    );
    assert!(is_dirty(&harness));
}

#[test]
fn a_damaged_project_opens_from_its_backup_and_saving_repairs_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let project = dir.path().join("work.claimbench.ron");
    {
        let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
        click_claim(&mut harness, "17,000 deaths");
        choose(&mut harness, "Verdict", "False (1)");
        assert!(harness.state_mut().save_to(Some(&project)));
        choose(&mut harness, "Verdict", "Misleading (3)");
        assert!(
            harness.state_mut().save_to(None),
            "the second save keeps a backup"
        );
    }
    let text = std::fs::read_to_string(&project).expect("read");
    std::fs::write(&project, &text[..text.len() / 2]).expect("cut it short");
    let mut harness = workbench(Some(OpenRequest::Project(project.clone())));
    assert!(harness.state().workspace.is_none());
    harness.get_by_label_contains("ends too early");
    harness.get_by_label("Open the backup").click();
    harness.run_steps(2);
    wait_until(&mut harness, "opening the backup", |app| !app.is_loading());
    harness.run_steps(3);
    let app = harness.state();
    let ws = app.workspace.as_ref().expect("opened from the backup");
    assert_eq!(ws.project_path(), Some(project.as_path()));
    assert!(
        ws.is_dirty(),
        "the project file itself is not repaired until saved"
    );
    let row = ws
        .rows()
        .iter()
        .position(|r| r.claim.text.contains("17,000 deaths"))
        .expect("claim");
    assert_eq!(
        ws.annotation(row).and_then(|a| a.verdict),
        Some(Verdict::False)
    );
    assert!(harness.state_mut().save_to(None));
    claimbench::project::Project::load(&project).expect("repaired");
}

/// The claim with `words` is selected and its speaker is shown as `name`.
fn speaker_of_claim(harness: &Harness<'_, ClaimbenchApp>, words: &str) -> String {
    let ws = harness.state().workspace.as_ref().expect("loaded");
    let row = ws
        .rows()
        .iter()
        .find(|r| r.claim.text.contains(words))
        .expect("claim");
    ws.actor_name(row.speaker).to_string()
}

#[test]
fn a_corrected_speaker_is_saved_and_opened_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
    click_claim(&mut harness, "17,000 deaths");
    click(&mut harness, "Change…");
    type_into(&mut harness, "Who says it?", "Saudi");
    harness.get_by_label_contains("Saudi Arabia  (").click();
    harness.run_steps(3);
    assert_eq!(speaker_of_claim(&harness, "17,000 deaths"), "Saudi Arabia");
    // A speaker nobody extracted becomes an actor of its own.
    click_claim(&mut harness, "The remarks came in response");
    click(&mut harness, "Change…");
    type_into(&mut harness, "Who says it?", "Jane Roe");
    click(&mut harness, "New actor “Jane Roe”");
    assert_eq!(
        speaker_of_claim(&harness, "The remarks came in response"),
        "Jane Roe"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    harness.get_by_label("Save").click();
    harness.run_steps(3);
    let project = dir.path().join("corpus.claimbench.ron");
    assert!(project.is_file());

    // Open it again through Claimbench's own dialog, in a fresh window.
    let mut harness = workbench(Some(OpenRequest::Corpus(dir.path().join("corpus"))));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(3);
    assert!(harness.state().is_choosing_file());
    harness
        .get_by_label_contains("corpus.claimbench.ron")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Open").click();
    harness.run_steps(2);
    wait_until(&mut harness, "opening the project", |app| !app.is_loading());
    harness.run_steps(3);
    let ws = harness.state().workspace.as_ref().expect("opened");
    assert_eq!(ws.project_path(), Some(project.as_path()));
    assert_eq!(speaker_of_claim(&harness, "17,000 deaths"), "Saudi Arabia");
    assert_eq!(
        speaker_of_claim(&harness, "The remarks came in response"),
        "Jane Roe"
    );
    // Undo brings the extraction's speaker back.
    click_claim(&mut harness, "17,000 deaths");
    click(&mut harness, "Change…");
    click(&mut harness, "As extracted");
    assert_ne!(speaker_of_claim(&harness, "17,000 deaths"), "Saudi Arabia");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(speaker_of_claim(&harness, "17,000 deaths"), "Saudi Arabia");
}

#[test]
fn the_actor_filter_tells_said_by_from_mentioning() {
    let mut harness = workbench(bundled());
    harness
        .get_all_by_label("Iran")
        .next()
        .expect("in the actor list")
        .click();
    harness.run_steps(3);
    let either = shown_rows(&harness);
    choose(&mut harness, "How actors match", "said by");
    let said = shown_rows(&harness);
    choose(&mut harness, "How actors match", "mentioning");
    let mentioning = shown_rows(&harness);
    let ws = harness.state().workspace.as_ref().expect("loaded");
    let iran = ws
        .actors()
        .iter()
        .position(|a| a.name == "Iran")
        .expect("actor");
    assert!(!said.is_empty() && !mentioning.is_empty());
    assert!(said.len() < either.len() && mentioning.len() < either.len());
    assert!(said.iter().all(|&r| ws.rows()[r].speaker == Some(iran)));
    let names_iran = |r: usize| {
        ws.rows()[r]
            .claim
            .about
            .iter()
            .any(|id| ws.curated_actor(id) == Some(iran))
    };
    assert!(mentioning.iter().all(|&r| names_iran(r)));
    assert!(
        mentioning
            .iter()
            .any(|&r| ws.rows()[r].speaker != Some(iran))
    );
}

#[test]
fn find_in_source_steps_through_the_matches() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "17,000 deaths");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    harness.run_steps(2);
    harness.get_by_label("Find in source").type_text("mek");
    harness.run_steps(3);
    let total = {
        let app = harness.state();
        let ws = app.workspace.as_ref().expect("loaded");
        let row = app.selected_row().expect("selected");
        let text = ws.corpus().documents[ws.rows()[row].document]
            .text
            .to_ascii_lowercase();
        text.matches("mek").count()
    };
    assert!(total >= 3, "{total}");
    harness.get_by_label(&format!("1 of {total}"));
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    harness.get_by_label(&format!("2 of {total}"));
    click(&mut harness, "Previous");
    click(&mut harness, "Previous");
    harness.get_by_label(&format!("{total} of {total}"));
    type_into(&mut harness, "Find in source", "no such words here");
    harness.get_by_label("no match");
}

#[test]
fn keys_move_through_the_grid_and_set_verdicts_and_statuses() {
    let mut harness = workbench(bundled());
    let position = |h: &Harness<'_, ClaimbenchApp>| {
        let row = h.state().selected_row().expect("selected");
        shown_rows(h).iter().position(|&r| r == row).expect("shown")
    };
    let total = shown_rows(&harness).len();
    harness.key_press(egui::Key::End);
    harness.run_steps(3);
    assert_eq!(position(&harness), total - 1);
    harness.key_press(egui::Key::Home);
    harness.run_steps(3);
    assert_eq!(position(&harness), 0);
    harness.key_press(egui::Key::PageDown);
    harness.run_steps(3);
    let page = position(&harness);
    assert!(page > 3 && page < total, "a page is {page} rows");
    harness.key_press(egui::Key::PageUp);
    harness.run_steps(3);
    assert_eq!(position(&harness), 0);
    harness.key_press(egui::Key::Num3);
    harness.run_steps(2);
    assert_eq!(selected_verdict(&harness), Some(Verdict::HalfTrue));
    harness.key_press(egui::Key::D);
    harness.run_steps(2);
    let app = harness.state();
    let row = app.selected_row().expect("selected");
    let status = app
        .workspace
        .as_ref()
        .and_then(|w| w.annotation(row))
        .map(|a| a.status);
    assert_eq!(status, Some(claimbench::project::Status::Done));
    harness.key_press(egui::Key::Num0);
    harness.run_steps(2);
    assert_eq!(selected_verdict(&harness), None);
}

#[test]
fn help_lists_the_shortcuts_and_says_where_things_are_kept() {
    let mut harness = workbench(bundled());
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("Keyboard shortcuts").click();
    harness.run_steps(3);
    harness.get_by_label("Verdict: Half true");
    harness.get_by_label("Page down");
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("About Claimbench").click();
    harness.run_steps(3);
    harness.get_by_label_contains(&format!("Claimbench {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label("Autosaves of unsaved projects");
}

#[test]
fn the_cache_serves_a_reopen_and_about_clears_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache_dir = dir.path().join("cache");
    let first = workbench_cached(bundled(), None, Some(Cache::new(&cache_dir)));
    let report = first
        .state()
        .workspace
        .as_ref()
        .and_then(|w| w.cache_report.clone())
        .expect("opened through the cache");
    assert_eq!((report.reused, report.analysed), (0, 5));
    drop(first);
    let mut again = workbench_cached(bundled(), None, Some(Cache::new(&cache_dir)));
    let report = again
        .state()
        .workspace
        .as_ref()
        .and_then(|w| w.cache_report.clone())
        .expect("opened through the cache");
    assert_eq!((report.reused, report.analysed), (5, 0));
    again.get_by_label("Help").click();
    again.run_steps(2);
    again.get_by_label("About Claimbench").click();
    again.run_steps(3);
    again.get_by_label(&cache_dir.display().to_string());
    again.get_by_label("Clear").click();
    again.run_steps(3);
    again.get_by_label_contains("Cleared:");
    assert_eq!(Cache::new(&cache_dir).size(), (0, 0));
}

/// A corpus of `n` made-up news articles with titles, outlets and dates, in JSON Lines,
/// shaped like a newsroom's export: a few hundred words each, figures, named sources.
fn generated_corpus(dir: &Path, n: usize) -> PathBuf {
    const PEOPLE: [&str; 8] = [
        "Maria Lopez",
        "Tom Fisher",
        "Anna Berg",
        "Peter Hall",
        "Sarah Jennings",
        "David Okafor",
        "Linda Moss",
        "Kenji Sato",
    ];
    const BODIES: [&str; 6] = [
        "the Harbour Authority",
        "the National Rail Board",
        "the Water Commission",
        "the Housing Agency",
        "the Energy Regulator",
        "the Port Workers Union",
    ];
    const TOPICS: [&str; 6] = [
        "rail fares",
        "water bills",
        "new homes",
        "port traffic",
        "energy prices",
        "bus routes",
    ];
    const OUTLETS: [&str; 3] = ["Daily Courier", "Evening Post", "City Herald"];
    let mut lines = String::new();
    for i in 0..n {
        let person = PEOPLE[i % PEOPLE.len()];
        let other = PEOPLE[(i * 3 + 1) % PEOPLE.len()];
        let body = BODIES[i % BODIES.len()];
        let body_at_start = format!("T{}", &body[1..]);
        let topic = TOPICS[(i / 2) % TOPICS.len()];
        let figure = 1_000 + (i * 137) % 9_000;
        let share = 2 + i % 17;
        let text = format!(
            "{body_at_start} said on Monday that {topic} would rise by {share}% next year. \
             {person}, who chairs the review, said {figure} households would pay more. \
             \"We expect the cost to reach {} million pounds by 2027,\" {person} said. \
             {other} said the figure was closer to {} million pounds. \
             Last year {body} spent {} million pounds on repairs, according to its annual report. \
             The review will publish its findings in March.",
            figure / 10,
            figure / 8,
            figure / 20,
        );
        let record = serde_json::json!({
            "id": format!("story-{i:04}"),
            "title": format!("{} review: {topic} to rise by {share}%", body.trim_start_matches("the ")),
            "outlet": OUTLETS[i % OUTLETS.len()],
            "published": format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "text": text,
        });
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let path = dir.join("newsroom.jsonl");
    std::fs::write(&path, lines).expect("write");
    path
}

fn sized_workbench(request: OpenRequest, size: [f32; 2]) -> Harness<'static, ClaimbenchApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_render_cursor(false)
        .with_max_steps(50)
        .build_eframe(move |cc| {
            let mut app = ClaimbenchApp::new(cc, None);
            app.preferences.builtin_file_dialog = true;
            app.set_data_dir(None);
            app.set_cache(None);
            app.open(&cc.egui_ctx, &request);
            app
        });
    wait_until(&mut harness, "opening", |app| !app.is_loading());
    harness.run_steps(4);
    harness
}

/// Opens a generated corpus of a newsroom's size in a window of `size`, pages down, and
/// checks what a reader needs: titles, every column on screen, room for the claim and the
/// source.
fn large_corpus_reads_well(size: [f32; 2], name: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generated_corpus(dir.path(), 400);
    {
        let mut harness = sized_workbench(OpenRequest::Corpus(corpus.clone()), size);
        let rows = shown_rows(&harness).len();
        assert!(rows > 1000, "{rows} claims");
        // Titles, not ids, in the Document column.
        assert!(
            harness
                .get_all_by_label("Harbour Authority review: rail fares to rise by 2%")
                .next()
                .is_some()
        );
        assert!(
            harness.query_by_label("story-0000").is_none(),
            "ids only on hover"
        );
        for _ in 0..5 {
            harness.key_press(egui::Key::PageDown);
            harness.run_steps(2);
        }
        harness.run_steps(4);
        // The grid is what lies left of the inspector.
        let inspector = harness.get_by_label("Inspector").rect();
        let window = egui::Rect::from_min_max(
            egui::Pos2::ZERO,
            egui::pos2(inspector.left() - 4.0, size[1]),
        );
        for header in [
            "Document", "Speaker", "Claim", "Figures", "Score", "Verdict", "Status", "Refs",
        ] {
            let rect = harness
                .get_all_by_label(header)
                .map(|n| n.rect())
                .find(|r| r.top() < 120.0)
                .unwrap_or_else(|| panic!("{header} header"));
            assert!(
                window.contains_rect(rect),
                "{header} at {rect:?} in {size:?}"
            );
        }
        // The claim column shows a readable share of the text; the source panel is a
        // useful size.
        let claim = harness
            .get_all_by_label("Claim")
            .map(|n| n.rect())
            .find(|r| r.top() < 120.0)
            .expect("claim header");
        let figures = harness
            .get_all_by_label("Figures")
            .map(|n| n.rect())
            .find(|r| r.top() < 120.0)
            .expect("figures header");
        assert!(
            figures.left() - claim.left() >= 250.0,
            "claim column {claim:?}"
        );
        let source = harness.get_by_label("Source").rect();
        assert!(
            size[1] - source.top() >= size[1] * 0.25,
            "source panel from {source:?}"
        );
        harness.snapshot(name);
    }
}

#[test]
fn a_large_corpus_reads_well_in_a_large_window() {
    large_corpus_reads_well([1600.0, 1000.0], "workbench_newsroom_1600x1000");
}

#[test]
fn a_large_corpus_reads_well_in_a_small_window() {
    large_corpus_reads_well([1280.0, 800.0], "workbench_newsroom_1280x800");
}

#[test]
fn a_project_whose_corpus_moved_opens_once_the_corpus_is_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let mut ws = claimbench::workspace::open::open(&OpenRequest::Corpus(corpus.clone()), &|_| true)
        .expect("opens");
    let claim = ws
        .rows()
        .iter()
        .find(|r| r.claim.text.contains("17,000 deaths"))
        .expect("claim")
        .id
        .clone();
    ws.apply(claimbench::workspace::Edit::SetVerdict {
        claim,
        verdict: Some(Verdict::False),
    })
    .expect("applies");
    let project = dir.path().join("work.claimbench.ron");
    ws.save(Some(&project)).expect("saves");
    std::fs::rename(&corpus, dir.path().join("moved")).expect("move the corpus");

    let mut harness = workbench(Some(OpenRequest::Project(project.clone())));
    click(&mut harness, "Locate the corpus folder…");
    harness.run_steps(3);
    assert!(harness.state().is_choosing_file());
    harness.get_by_label_contains("moved").click();
    harness.run_steps(2);
    harness.get_by_label("Open").click();
    harness.run_steps(2);
    wait_until(&mut harness, "opening", |app| !app.is_loading());
    harness.run_steps(3);
    let ws = harness.state().workspace.as_ref().expect("opened");
    assert_eq!(ws.project_path(), Some(project.as_path()));
    assert!(
        ws.rows().iter().enumerate().any(|(r, _)| ws
            .annotation(r)
            .is_some_and(|a| a.verdict == Some(Verdict::False))),
        "the work is attached again"
    );
    // The new place is stored at the next save.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(3);
    let saved = claimbench::project::Project::load(&project).expect("loads");
    assert_eq!(saved.project.corpus.path, "moved");
}

#[test]
fn enter_confirms_renaming_an_actor() {
    let mut harness = workbench(bundled());
    harness
        .get_all_by_label("Nasser Kanaani")
        .next()
        .expect("in the actor list")
        .click_secondary();
    harness.run_steps(2);
    click(&mut harness, "Rename…");
    harness.get_by_label("New name").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("New name").type_text("Nasser Kanani");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    let ws = harness.state().workspace.as_ref().expect("loaded");
    assert!(ws.actors().iter().any(|a| a.name == "Nasser Kanani"));
    assert!(
        harness.state().actor_list.rename.is_none(),
        "the dialog closed"
    );
}

#[test]
fn clicking_a_figure_of_the_family_strip_selects_its_claim() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "killing about 17,000 Iranians");
    let before = harness.state().selected.clone();
    // A dot per claim of the family, named by its figure and document.
    let dot = harness
        .get_all_by_label_contains("Figure 12,000 of ")
        .next()
        .expect("a dot for 12,000");
    dot.click();
    harness.run_steps(3);
    let app = harness.state();
    assert_ne!(app.selected, before);
    let ws = app.workspace.as_ref().expect("loaded");
    let row = app.selected_row().expect("selected");
    assert!(
        ws.rows()[row]
            .claim
            .numbers
            .iter()
            .any(|f| f.value == 12_000.0)
    );
}

#[test]
fn clicking_a_node_of_the_attribution_network_filters_the_grid() {
    let mut harness = workbench(bundled());
    click(&mut harness, "Attribution network");
    harness.run_steps(3);
    harness.snapshot("workbench_network");
    // A speaker: the grid keeps the claims said by them, as many as the node counts.
    let node = harness
        .get_all_by_label_contains("Speaker Abbas Mousavi, ")
        .next()
        .expect("a node for a speaker")
        .accesskit_node()
        .label()
        .expect("labelled");
    let claims: usize = node
        .rsplit(", ")
        .next()
        .and_then(|s| s.strip_suffix(" claims"))
        .and_then(|n| n.parse().ok())
        .expect("a count");
    harness.get_by_label(&node).click();
    harness.run_steps(3);
    let rows = shown_rows(&harness);
    {
        let ws = harness.state().workspace.as_ref().expect("loaded");
        assert_eq!(rows.len(), claims, "{node}");
        assert!(
            rows.iter()
                .all(|&r| ws.actor_name(ws.rows()[r].speaker) == "Abbas Mousavi")
        );
    }
    // Clicked again, the filter goes.
    harness.get_by_label(&node).click();
    harness.run_steps(3);
    let all = harness
        .state()
        .workspace
        .as_ref()
        .expect("loaded")
        .rows()
        .len();
    assert_eq!(shown_rows(&harness).len(), all);
    // An outlet: only its documents' claims.
    harness
        .get_all_by_label_contains("Outlet Mehr News Agency, ")
        .next()
        .expect("a node for the outlet")
        .click();
    harness.run_steps(3);
    let rows = shown_rows(&harness);
    let ws = harness.state().workspace.as_ref().expect("loaded");
    assert!(!rows.is_empty() && rows.len() < all);
    assert!(rows.iter().all(|&r| {
        ws.corpus().documents[ws.rows()[r].document]
            .meta
            .outlet
            .as_deref()
            == Some("Mehr News Agency")
    }));
    harness.get_by_label("Outlet: Mehr News Agency  ×");
}

#[test]
fn dragging_across_the_timeline_filters_the_grid_to_those_days() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generated_corpus(dir.path(), 400);
    let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
    click(&mut harness, "Timeline");
    harness.run_steps(3);
    harness.snapshot("workbench_timeline");
    let bars: Vec<(String, egui::Rect)> = harness
        .get_all_by_label_contains(" claims")
        .filter_map(|n| {
            let label = n.accesskit_node().label()?;
            label.contains(" documents, ").then(|| (label, n.rect()))
        })
        .collect();
    assert!(bars.len() > 40, "a bar a week: {}", bars.len());
    // Press on the third bar, drag to the sixth, let go.
    let (from, to) = (bars[2].1.center(), bars[5].1.center());
    harness.event(egui::Event::PointerMoved(from));
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::default(),
    });
    harness.run_steps(2);
    for k in 1..=6 {
        harness.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 6.0),
        ));
        harness.run_steps(1);
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::default(),
    });
    harness.run_steps(3);
    let app = harness.state();
    let (first, last) = app.grid.filter.published.expect("a range chosen");
    let expected: usize = bars[2..=5]
        .iter()
        .map(|(label, _)| {
            label
                .rsplit(", ")
                .next()
                .and_then(|s| s.strip_suffix(" claims"))
                .and_then(|n| n.parse::<usize>().ok())
                .expect("a count")
        })
        .sum();
    let rows = shown_rows(&harness);
    assert_eq!(rows.len(), expected, "{first} to {last}");
    let ws = harness.state().workspace.as_ref().expect("loaded");
    assert!(rows.iter().all(|&r| {
        let published = ws.corpus().documents[ws.rows()[r].document]
            .meta
            .published
            .clone();
        claimbench::workspace::timeline::date_of(published.as_deref())
            .is_some_and(|d| first <= d && d <= last)
    }));
    harness.get_by_label_contains("Published ");
}

#[test]
fn a_report_exported_from_the_menu_is_written_in_the_background() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Export project").hover();
    harness.run_steps(2);
    harness.get_by_label("Report (HTML)").click();
    harness.run_steps(3);
    assert!(harness.state().is_choosing_file());
    harness.get_by_label("Save").click();
    harness.run_steps(2);
    wait_until(&mut harness, "the export", |app| !app.is_exporting());
    harness.run_steps(2);
    let report = dir.path().join("claims.html");
    let html = std::fs::read_to_string(&report).expect("the report is written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy"));
    harness.get_by_label_contains("Wrote 61 claims as Report (HTML)");
}

#[test]
fn an_empty_grid_says_why_and_clears_its_filters() {
    let mut harness = workbench(bundled());
    let all = shown_rows(&harness).len();
    type_into(&mut harness, "Filter:", "zzzz-no-such-words");
    harness.run_steps(2);
    assert!(shown_rows(&harness).is_empty());
    harness.get_by_label("No claim matches these filters.");
    click(&mut harness, "Clear every filter");
    harness.run_steps(2);
    assert_eq!(shown_rows(&harness).len(), all);
}

#[test]
fn the_bundled_corpus_has_a_timeline_of_its_one_dated_article() {
    let mut harness = workbench(bundled());
    click(&mut harness, "Timeline");
    harness.run_steps(3);
    // Four of the five articles carry no date; they are counted apart.
    harness.get_by_label_contains("4 documents (");
    let bar = harness
        .get_all_by_label_contains("10 Jul 2019: 1 documents, ")
        .next()
        .expect("a bar for the dated article");
    bar.hover();
    harness.run_steps(2);
    harness.snapshot("workbench_timeline_bundled");
}

/// One frame as eframe runs it: the window's input hook first, then the frame.
fn step_as_eframe(harness: &mut Harness<'_, ClaimbenchApp>) {
    let ctx = harness.ctx.clone();
    let mut input = std::mem::take(harness.input_mut());
    eframe::App::raw_input_hook(harness.state_mut(), &ctx, &mut input);
    *harness.input_mut() = input;
    harness.step();
}

#[test]
fn letters_typed_just_before_a_click_on_another_field_are_kept() {
    let mut harness = workbench(bundled());
    click_claim(&mut harness, "17,000 deaths");
    type_into(&mut harness, "Conclusion", "Toll confirmed");
    // A slow frame: the last letters and the click on the next field arrive together.
    let notes = harness.get_by_label("Notes").rect().center();
    let events = &mut harness.input_mut().events;
    events.push(egui::Event::Text(" by the ministry".into()));
    events.push(egui::Event::PointerMoved(notes));
    for pressed in [true, false] {
        events.push(egui::Event::PointerButton {
            pos: notes,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    events.push(egui::Event::Text("Checked".into()));
    for _ in 0..4 {
        step_as_eframe(&mut harness);
    }
    let annotation = selected_annotation(&harness).expect("annotated");
    assert_eq!(annotation.conclusion, "Toll confirmed by the ministry");
    assert_eq!(annotation.notes, "Checked");
}

#[test]
fn words_typed_in_the_frame_of_ctrl_f_go_to_the_filter() {
    let mut harness = workbench(bundled());
    let total = shown_rows(&harness).len();
    let events = &mut harness.input_mut().events;
    for pressed in [true, false] {
        events.push(egui::Event::Key {
            key: egui::Key::F,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        });
    }
    events.push(egui::Event::Text("albania".into()));
    for _ in 0..4 {
        step_as_eframe(&mut harness);
    }
    let rows = shown_rows(&harness);
    assert!(
        !rows.is_empty() && rows.len() < total,
        "{} of {total}",
        rows.len()
    );
}

#[test]
fn an_actors_kind_set_by_hand_is_saved_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_copy(dir.path());
    let mut harness = workbench(Some(OpenRequest::Corpus(corpus)));
    let kind_of = |h: &Harness<'_, ClaimbenchApp>| {
        let ws = h.state().workspace.as_ref().expect("loaded");
        let actor = ws
            .actors()
            .iter()
            .find(|a| a.name == "Abbas Mousavi")
            .expect("actor");
        actor.kind
    };
    assert_eq!(kind_of(&harness), claimbench::extract::ActorKind::Person);
    harness
        .get_all_by_label("Abbas Mousavi")
        .next()
        .expect("in the actor list")
        .click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Set kind").hover();
    harness.run_steps(3);
    harness.get_by_label("Organization (org)").click();
    harness.run_steps(3);
    assert_eq!(
        kind_of(&harness),
        claimbench::extract::ActorKind::Organization
    );
    let project = dir.path().join("kinds.claimbench.ron");
    assert!(harness.state_mut().save_to(Some(&project)));
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(3);
    assert_eq!(kind_of(&harness), claimbench::extract::ActorKind::Person);
    drop(harness);

    let reopened = workbench(Some(OpenRequest::Project(project)));
    assert!(
        reopened.state().errors.is_empty(),
        "{:?}",
        reopened.state().errors
    );
    assert_eq!(
        kind_of(&reopened),
        claimbench::extract::ActorKind::Organization
    );
}
