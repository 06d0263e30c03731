//! Typing and clicks in the order they were made.
//!
//! egui reads a frame's input all at once. When keys typed into a text field and a click
//! on another widget arrive in the same frame (a slow frame: software rendering, a remote
//! desktop, a large corpus being drawn), the click takes the focus away first and the
//! field never reads the last letters typed into it: they are lost, and the field's value
//! is saved without them. So a frame is given either typing or pointer presses, never
//! both: the events from the first change between the two are held back for the next
//! frame, which is asked for at once. A shortcut ends its frame too: Ctrl+F moves the
//! focus to the filter box only at the end of the frame, and the words typed right after
//! it would go nowhere. Nothing is dropped and nothing is reordered.

use egui::Event;

/// Events held back from one frame for the next.
#[derive(Debug, Default)]
pub struct InputOrder {
    held: Vec<Event>,
}

/// What an event is for this rule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Goes to the focused widget: text, keys, paste, input methods.
    Typing,
    /// A key with Ctrl, Alt or Command: it may move the focus (Ctrl+F to the filter box),
    /// so what is typed after it waits for the next frame.
    Shortcut,
    /// Moves the focus: a pointer button pressed.
    Press,
    /// Neither: pointer moves and releases, scrolling, window events.
    Neutral,
}

fn class(event: &Event) -> Class {
    match event {
        Event::Key {
            pressed: true,
            modifiers,
            ..
        } if modifiers.command || modifiers.ctrl || modifiers.alt => Class::Shortcut,
        Event::Text(_)
        | Event::Key { .. }
        | Event::Paste(_)
        | Event::Copy
        | Event::Cut
        | Event::Ime(_) => Class::Typing,
        Event::PointerButton { pressed: true, .. } => Class::Press,
        _ => Class::Neutral,
    }
}

impl InputOrder {
    /// Puts the events held from the last frame before `events`, then holds back what
    /// follows the first switch between typing and pressing, and what follows a
    /// shortcut. Returns whether events are held (the caller asks for another frame).
    pub fn split(&mut self, events: &mut Vec<Event>) -> bool {
        if !self.held.is_empty() {
            let newer = std::mem::take(events);
            *events = std::mem::take(&mut self.held);
            events.extend(newer);
        }
        let mut seen: Option<Class> = None;
        let cut = events.iter().position(|event| match class(event) {
            Class::Neutral => false,
            c => match seen {
                Some(s) if s != c || s == Class::Shortcut => true,
                _ => {
                    seen = Some(c);
                    false
                }
            },
        });
        if let Some(cut) = cut {
            self.held = events.split_off(cut);
        }
        !self.held.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(pressed: bool) -> Event {
        Event::PointerButton {
            pos: egui::pos2(10.0, 10.0),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        }
    }

    fn text(s: &str) -> Event {
        Event::Text(s.into())
    }

    #[test]
    fn typing_then_a_click_in_one_frame_become_two_frames() {
        let mut order = InputOrder::default();
        let mut frame = vec![
            text("26"),
            text("1"),
            Event::PointerMoved(egui::pos2(10.0, 10.0)),
            press(true),
            press(false),
            text("E"),
        ];
        assert!(order.split(&mut frame));
        assert_eq!(
            frame,
            vec![
                text("26"),
                text("1"),
                Event::PointerMoved(egui::pos2(10.0, 10.0))
            ]
        );
        let mut next = vec![text("U")];
        assert!(order.split(&mut next));
        assert_eq!(next, vec![press(true), press(false)]);
        let mut last = Vec::new();
        assert!(!order.split(&mut last));
        assert_eq!(last, vec![text("E"), text("U")]);
        let mut empty = Vec::new();
        assert!(!order.split(&mut empty));
        assert!(empty.is_empty());
    }

    fn shortcut(key: egui::Key) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        }
    }

    #[test]
    fn what_is_typed_after_a_shortcut_waits_for_the_next_frame() {
        let mut order = InputOrder::default();
        let mut frame = vec![shortcut(egui::Key::F), text("gr"), text("owth")];
        assert!(order.split(&mut frame));
        assert_eq!(frame, vec![shortcut(egui::Key::F)]);
        let mut next = Vec::new();
        assert!(!order.split(&mut next));
        assert_eq!(next, vec![text("gr"), text("owth")]);
        let mut two = vec![shortcut(egui::Key::Z), shortcut(egui::Key::Z)];
        assert!(order.split(&mut two));
        assert_eq!(two.len(), 1);
    }

    #[test]
    fn a_frame_of_one_kind_is_left_whole() {
        let mut order = InputOrder::default();
        let typing = vec![
            text("a"),
            Event::PointerMoved(egui::pos2(1.0, 1.0)),
            text("b"),
            press(false),
        ];
        let mut frame = typing.clone();
        assert!(!order.split(&mut frame));
        assert_eq!(frame, typing);
        let clicks = vec![press(true), press(false), press(true), press(false)];
        let mut frame = clicks.clone();
        assert!(!order.split(&mut frame));
        assert_eq!(frame, clicks);
    }
}
