//! One list of the things the window can do, for menus, keyboard shortcuts and tooltips.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command from a menu, a shortcut or a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

impl UiCommand {
    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
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
        }
    }

    /// What it does, for tooltips.
    pub fn tooltip(self) -> &'static str {
        match self {
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
        }
    }

    /// Its keyboard shortcut.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let shortcut = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Self::Open => shortcut(cmd, Key::O),
            Self::Save => shortcut(cmd, Key::S),
            Self::SaveAs => shortcut(cmd | Modifiers::SHIFT, Key::S),
            Self::Quit => shortcut(cmd, Key::Q),
            Self::Undo => shortcut(cmd, Key::Z),
            Self::Redo => shortcut(cmd | Modifiers::SHIFT, Key::Z),
            Self::FocusFilter => shortcut(cmd, Key::F),
            Self::NextClaim => shortcut(Modifiers::NONE, Key::ArrowDown),
            Self::PreviousClaim => shortcut(Modifiers::NONE, Key::ArrowUp),
            Self::NewFromFolder | Self::ExportCsv => None,
        }
    }

    /// Commands whose shortcuts work anywhere (others only when no text field has focus).
    pub const GLOBAL: [UiCommand; 7] = [
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::FocusFilter,
    ];
}
