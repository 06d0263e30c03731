//! Keys that make differently written names compare equal.
//!
//! `key` folds case, apostrophes, hyphens, spaces, periods and doubled letters, so that
//! `Kan'ani` = `Kanaani`, `Takht Ravanchi` = `Takhtravanchi`, `U.S.` = `US`.
//! `skeleton` also drops vowels after the first letter, for transliteration variants
//! (`Mujahedin` = `Mujahadin`); it is used only for long names of the same kind.

/// Folded key of a name.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut last = ('\0', false);
    for original in name.chars() {
        let upper = original.is_uppercase();
        for c in original.to_lowercase() {
            let c = fold_accent(c);
            if !c.is_alphanumeric() {
                continue;
            }
            if !is_double(last, (c, upper)) {
                out.push(c);
            }
            last = (c, upper);
        }
    }
    out
}

/// Whether a letter repeats the one before it as a doubled letter that spelling varies
/// on ("Kanaani", "McCann"). Two capitals are two letters of an acronym: "BBC" is not
/// "BC", nor the same as "BCC".
fn is_double(last: (char, bool), this: (char, bool)) -> bool {
    last.0 == this.0 && !(last.1 && this.1)
}

/// A hash of `key(part1 + part2 + ...)`, without building the key: for map lookups in
/// hot loops. `salt` keeps different kinds of key apart.
pub fn key_hash(parts: &[&str], salt: u64) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_u64(salt);
    let mut last = ('\0', false);
    let mut any = false;
    if parts.iter().all(|p| p.is_ascii()) {
        // The common case, without Unicode case tables.
        for &b in parts.iter().flat_map(|p| p.as_bytes()) {
            let c = char::from(b.to_ascii_lowercase());
            if !c.is_ascii_alphanumeric() {
                continue;
            }
            let this = (c, b.is_ascii_uppercase());
            if !is_double(last, this) {
                h.write_u32(c as u32);
                any = true;
            }
            last = this;
        }
        return if any { h.finish() } else { 0 };
    }
    for original in parts.iter().flat_map(|p| p.chars()) {
        let upper = original.is_uppercase();
        for c in original.to_lowercase() {
            let c = fold_accent(c);
            if !c.is_alphanumeric() {
                continue;
            }
            if !is_double(last, (c, upper)) {
                h.write_u32(c as u32);
                any = true;
            }
            last = (c, upper);
        }
    }
    if any { h.finish() } else { 0 }
}

/// The key hash of one name, which keeps a short acronym apart from a word spelt with the
/// same letters: "US" is not "Us", "PCS" not "PCs", "ID" not "I'd". Longer acronyms
/// meet their word-cased forms ("NATO", "Nato").
pub fn name_hash(name: &str, salt: u64) -> u64 {
    const SHORT_ACRONYM: u64 = 1 << 40;
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let short_acronym = letters <= 3 && crate::text::words::is_acronym(name);
    key_hash(
        &[name],
        salt ^ if short_acronym { SHORT_ACRONYM } else { 0 },
    )
}

/// The key without vowels after the first letter (and without doubled letters).
pub fn skeleton(name: &str) -> String {
    let k = key(name);
    let mut out = String::with_capacity(k.len());
    let mut last = '\0';
    for (i, c) in k.chars().enumerate() {
        if i > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            continue;
        }
        if c != last {
            out.push(c);
        }
        last = c;
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ş' | 'š' => 's',
        'ğ' => 'g',
        'ı' => 'i',
        _ => c,
    }
}

/// A readable, file-name-safe id from a name: `Mujahedin-e Khalq` -> `mujahedin-e-khalq`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' && c != '’' && c != '.' {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("actor");
    }
    out
}

/// A name for display: white space folded, possessive and stray symbols trimmed.
pub fn clean_display(name: &str) -> String {
    let trimmed = name
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == ')'))
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    let folded = trimmed
        .split(' ')
        .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
    if folded {
        // Single spaces between words already: the common case, copied as it is.
        return trimmed.to_string();
    }
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_share_a_key() {
        assert_eq!(key("Kan'ani"), key("Kanaani"));
        assert_eq!(key("Takht Ravanchi"), key("Takhtravanchi"));
        assert_eq!(key("U.S."), key("US"));
        assert_eq!(key("McCann"), key("Mccann"));
        assert_ne!(key("BBC"), key("BCC"));
        assert_ne!(key("BBC"), key("BC"));
        assert_ne!(key("Iran"), key("Iraq"));
        assert_eq!(skeleton("Mujahedin-e Khalq"), skeleton("Mujahadin-e Khalq"));
        assert_eq!(
            skeleton("Mujahedin-e Khalq Organization"),
            skeleton("Mujahedin Khalq Organization")
        );
    }

    #[test]
    fn key_hashes_follow_keys() {
        assert_eq!(key_hash(&["Kan'ani"], 1), key_hash(&["Kanaani"], 1));
        assert_eq!(
            key_hash(&["Takht", "Ravanchi"], 1),
            key_hash(&["Takhtravanchi"], 1)
        );
        assert_ne!(key_hash(&["Iran"], 1), key_hash(&["Iraq"], 1));
        assert_ne!(key_hash(&["BBC"], 1), key_hash(&["BCC"], 1));
        assert_ne!(name_hash("US", 1), name_hash("Us", 1));
        assert_eq!(name_hash("US", 1), name_hash("U.S.", 1));
        assert_eq!(name_hash("NATO", 1), name_hash("Nato", 1));
        assert_eq!(key_hash(&["Kanaani"], 1), key_hash(&[&key("Kan'ani")], 1));
        assert_ne!(key_hash(&["Iran"], 1), key_hash(&["Iran"], 2));
        assert_eq!(key_hash(&["..."], 1), 0);
        // Names longer than eight letters, split anywhere, and names with letters outside
        // ASCII hash as their keys do.
        for name in [
            "Mujahedin-e-Khalq Organization",
            "Zürich",
            "Straßenbahnbetriebe",
            "Société Générale de Belgique",
            "Ελληνική Δημοκρατία",
        ] {
            assert_eq!(key_hash(&[name], 1), key_hash(&[&key(name)], 1), "{name}");
        }
        assert_eq!(key_hash(&["Zürich"], 1), key_hash(&["Zurich"], 1));
        assert_eq!(
            key_hash(&["Mujahedin-e-", "Khalq"], 1),
            key_hash(&["MujahedinEKhalq"], 1)
        );
        assert_ne!(key_hash(&["abcdefgh"], 1), key_hash(&["abcdefghi"], 1));
        assert_ne!(key_hash(&["abcdefghi"], 1), key_hash(&["abcdefgih"], 1));
    }

    #[test]
    fn slugs_and_display() {
        assert_eq!(slug("Mujahedin-e Khalq (MEK)"), "mujahedin-e-khalq-mek");
        assert_eq!(slug("Kan'ani"), "kanani");
        assert_eq!(slug("!!!"), "actor");
        assert_eq!(clean_display(" “Iran’s "), "Iran");
        assert_eq!(clean_display("Bank  of\nEngland"), "Bank of England");
        assert_eq!(clean_display("Bank of England"), "Bank of England");
        assert_eq!(clean_display("!!"), "");
    }
}
