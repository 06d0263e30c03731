//! One list of the things the window can do, for menus, keyboard shortcuts and tooltips,
//! and the one place where key presses become commands.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::ExportFormat;
use crate::project::{Status, Verdict};

/// A command from a menu, a shortcut or a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Choose a corpus folder and start a new project on it.
    NewFromFolder,
    /// Open a project file or a corpus.
    Open,
    /// Save the project.
    Save,
    /// Save the project under another name.
    SaveAs,
    /// Export the claims as CSV.
    ExportCsv,
    /// Export the whole project in a format.
    Export(ExportFormat),
    /// Leave.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Put the cursor in the claim filter box.
    FocusFilter,
    /// Select the next claim in the grid.
    NextClaim,
    /// Select the previous claim in the grid.
    PreviousClaim,
    /// Select the claim a page further down.
    PageDown,
    /// Select the claim a page further up.
    PageUp,
    /// Select the first claim of the grid.
    FirstClaim,
    /// Select the last claim of the grid.
    LastClaim,
    /// Set the selected claim's verdict.
    SetVerdict(Verdict),
    /// Clear the selected claim's verdict.
    ClearVerdict,
    /// Set the selected claim's status.
    SetStatus(Status),
    /// Put the cursor in the search box of the source text.
    FindInSource,
    /// Show the preferences.
    Preferences,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Text at its usual size.
    ZoomReset,
    /// List the keyboard shortcuts.
    KeyboardShortcuts,
    /// Version and where things are kept.
    About,
}

impl UiCommand {
    /// The commands that move the selection through the grid (the Go menu).
    pub const NAVIGATION: [UiCommand; 6] = [
        Self::NextClaim,
        Self::PreviousClaim,
        Self::PageDown,
        Self::PageUp,
        Self::FirstClaim,
        Self::LastClaim,
    ];

    /// Every command, in the order the shortcut list shows them.
    pub fn all() -> impl Iterator<Item = UiCommand> {
        const FIXED: [UiCommand; 16] = [
            UiCommand::NewFromFolder,
            UiCommand::Open,
            UiCommand::Save,
            UiCommand::SaveAs,
            UiCommand::ExportCsv,
            UiCommand::Quit,
            UiCommand::Undo,
            UiCommand::Redo,
            UiCommand::FocusFilter,
            UiCommand::FindInSource,
            UiCommand::ClearVerdict,
            UiCommand::ZoomIn,
            UiCommand::ZoomOut,
            UiCommand::ZoomReset,
            UiCommand::Preferences,
            UiCommand::KeyboardShortcuts,
        ];
        FIXED
            .into_iter()
            .chain(Self::NAVIGATION)
            .chain(Verdict::ALL.into_iter().map(UiCommand::SetVerdict))
            .chain(Status::ALL.into_iter().map(UiCommand::SetStatus))
            .chain(ExportFormat::ALL.into_iter().map(UiCommand::Export))
            .chain([UiCommand::About])
    }

    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            Self::SetVerdict(v) => v.label(),
            Self::SetStatus(s) => s.label(),
            Self::Export(f) => f.label(),
            Self::ClearVerdict => "No verdict",
            Self::PageDown => "Page down",
            Self::PageUp => "Page up",
            Self::FirstClaim => "First claim",
            Self::LastClaim => "Last claim",
            Self::FindInSource => "Find in source text",
            Self::ZoomIn => "Larger text",
            Self::ZoomOut => "Smaller text",
            Self::ZoomReset => "Usual text size",
            Self::KeyboardShortcuts => "Keyboard shortcuts",
            Self::About => "About Claimbench",
            Self::NewFromFolder => "New project from folder…",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::ExportCsv => "Export claims as CSV…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::FocusFilter => "Filter claims",
            Self::NextClaim => "Next claim",
            Self::PreviousClaim => "Previous claim",
            Self::Preferences => "Preferences…",
        }
    }

    /// What it does, for tooltips.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::SetVerdict(_) => "Give the selected claim this verdict",
            Self::Export(_) => "Write every claim of the project, with the work on it, to a file",
            Self::SetStatus(_) => "Move the selected claim to this status",
            Self::ClearVerdict => "Take the selected claim's verdict away",
            Self::PageDown => "Select the claim a screen further down",
            Self::PageUp => "Select the claim a screen further up",
            Self::FirstClaim => "Select the first claim in the grid",
            Self::LastClaim => "Select the last claim in the grid",
            Self::FindInSource => "Search the selected claim's document",
            Self::ZoomIn => "Make all text larger (remembered)",
            Self::ZoomOut => "Make all text smaller (remembered)",
            Self::ZoomReset => "Show text at its usual size",
            Self::KeyboardShortcuts => "Every keyboard shortcut of the window",
            Self::About => {
                "Version, and where preferences, autosaves and the extraction cache are kept"
            }
            Self::NewFromFolder => "Pick a folder of articles and start a new project on it",
            Self::Open => "Open a .claimbench.ron project, a corpus folder or a JSON Lines file",
            Self::Save => "Save the project (verdicts, notes, references, actor curation)",
            Self::SaveAs => "Save the project to a new file",
            Self::ExportCsv => "Write the claims shown in the grid, with verdicts, to a CSV file",
            Self::Quit => "Close Claimbench (asks first if there are unsaved changes)",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the change last undone",
            Self::FocusFilter => "Type words the claims must contain",
            Self::NextClaim => "Select the claim below",
            Self::PreviousClaim => "Select the claim above",
            Self::Preferences => "Your name for the history, autosave, file dialogs",
        }
    }

    /// Its keyboard shortcuts, the one shown in menus first.
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        SHORTCUTS
            .iter()
            .filter(move |(c, _)| *c == self)
            .map(|(_, s)| *s)
    }

    /// The shortcut shown in menus.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().next()
    }

    /// Whether its shortcut works while a text field has the keyboard. Commands with a
    /// modifier do (Ctrl+S saves while typing notes); bare keys belong to the field.
    pub fn works_while_typing(self) -> bool {
        self.shortcuts().all(|s| s.modifiers != Modifiers::NONE)
    }
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

const NONE: Modifiers = Modifiers::NONE;

/// A bare key.
const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(NONE, key)
}

/// Every shortcut, by command; a command's first is the one its menu shows. Bare keys
/// work only while no text field has the keyboard.
const SHORTCUTS: [(UiCommand, KeyboardShortcut); 33] = [
    (UiCommand::Open, KeyboardShortcut::new(CMD, Key::O)),
    (UiCommand::Save, KeyboardShortcut::new(CMD, Key::S)),
    (UiCommand::SaveAs, KeyboardShortcut::new(CMD_SHIFT, Key::S)),
    (UiCommand::ExportCsv, KeyboardShortcut::new(CMD, Key::E)),
    (UiCommand::Quit, KeyboardShortcut::new(CMD, Key::Q)),
    (UiCommand::Undo, KeyboardShortcut::new(CMD, Key::Z)),
    (UiCommand::Redo, KeyboardShortcut::new(CMD_SHIFT, Key::Z)),
    (UiCommand::Redo, KeyboardShortcut::new(CMD, Key::Y)),
    (UiCommand::FocusFilter, KeyboardShortcut::new(CMD, Key::F)),
    (
        UiCommand::FindInSource,
        KeyboardShortcut::new(CMD_SHIFT, Key::F),
    ),
    (UiCommand::NextClaim, key(Key::ArrowDown)),
    (UiCommand::PreviousClaim, key(Key::ArrowUp)),
    (UiCommand::PageDown, key(Key::PageDown)),
    (UiCommand::PageUp, key(Key::PageUp)),
    (UiCommand::FirstClaim, key(Key::Home)),
    (UiCommand::LastClaim, key(Key::End)),
    (UiCommand::SetVerdict(Verdict::True), key(Key::Num1)),
    (UiCommand::SetVerdict(Verdict::MostlyTrue), key(Key::Num2)),
    (UiCommand::SetVerdict(Verdict::HalfTrue), key(Key::Num3)),
    (UiCommand::SetVerdict(Verdict::Misleading), key(Key::Num4)),
    (UiCommand::SetVerdict(Verdict::MostlyFalse), key(Key::Num5)),
    (UiCommand::SetVerdict(Verdict::False), key(Key::Num6)),
    (UiCommand::SetVerdict(Verdict::Unverifiable), key(Key::Num7)),
    (
        UiCommand::SetVerdict(Verdict::NotAFactualClaim),
        key(Key::Num8),
    ),
    (UiCommand::ClearVerdict, key(Key::Num0)),
    (UiCommand::SetStatus(Status::Unstarted), key(Key::U)),
    (UiCommand::SetStatus(Status::InProgress), key(Key::P)),
    (
        UiCommand::SetStatus(Status::NeedsSecondOpinion),
        key(Key::S),
    ),
    (UiCommand::SetStatus(Status::Done), key(Key::D)),
    (UiCommand::ZoomIn, KeyboardShortcut::new(CMD, Key::Plus)),
    (UiCommand::ZoomOut, KeyboardShortcut::new(CMD, Key::Minus)),
    (UiCommand::ZoomReset, KeyboardShortcut::new(CMD, Key::Num0)),
    (
        UiCommand::Preferences,
        KeyboardShortcut::new(CMD, Key::Comma),
    ),
];

/// Turns this frame's key presses into commands. Shortcuts with more modifiers are tried
/// first: egui matches a shortcut even when extra modifiers are held, so Ctrl+Z would
/// otherwise take Ctrl+Shift+Z. Each press is used once.
pub fn shortcut_commands(input: &mut egui::InputState, typing: bool) -> Vec<UiCommand> {
    let mut candidates: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::all()
        .filter(|c| !typing || c.works_while_typing())
        .flat_map(|c| c.shortcuts().map(move |s| (c, s)))
        .collect();
    candidates.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut commands = Vec::new();
    for (command, shortcut) in candidates {
        if input.consume_shortcut(&shortcut) {
            commands.push(command);
        }
    }
    commands
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(modifiers: Modifiers, key: Key) -> egui::InputState {
        let raw = egui::RawInput {
            events: vec![egui::Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            }],
            ..Default::default()
        };
        egui::InputState::default().begin_pass(raw, false, 1.0, egui::InputOptions::default())
    }

    #[test]
    fn the_most_specific_shortcut_wins() {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let cases = [
            (ctrl, Key::Z, UiCommand::Undo),
            (ctrl_shift, Key::Z, UiCommand::Redo),
            (ctrl, Key::Y, UiCommand::Redo),
            (ctrl, Key::S, UiCommand::Save),
            (ctrl_shift, Key::S, UiCommand::SaveAs),
        ];
        for (modifiers, key, expected) in cases {
            let mut input = press(modifiers, key);
            assert_eq!(
                shortcut_commands(&mut input, false),
                [expected],
                "{modifiers:?} {key:?}"
            );
        }
    }

    #[test]
    fn bare_keys_belong_to_the_text_field_being_typed_in() {
        let mut input = press(Modifiers::NONE, Key::ArrowDown);
        assert!(shortcut_commands(&mut input, true).is_empty());
        let mut input = press(Modifiers::COMMAND, Key::S);
        assert_eq!(shortcut_commands(&mut input, true), [UiCommand::Save]);
    }
}
