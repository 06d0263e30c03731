//! The visible text of an HTML page: tags removed, scripts and styles dropped, entities
//! decoded, block elements on lines of their own. Nothing is fetched.

/// The visible text of a page and its `<title>`.
pub struct Page {
    /// Visible text, one block element per line.
    pub text: String,
    /// The content of `<title>`, if any.
    pub title: Option<String>,
}

/// Elements whose content is never shown.
const HIDDEN: [&str; 9] = [
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "title",
];

/// Elements that start a new line.
const BLOCKS: [&str; 26] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "title",
    "table",
    "figcaption",
    "hr",
    "main",
    "aside",
];

/// Reduces an HTML page to its visible text.
pub fn visible_text(html: &str) -> Page {
    let mut text = String::with_capacity(html.len() / 2);
    let title = page_title(html);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut text, &rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            let close = format!("</{name}");
            rest = find_ci(rest, &close).map_or("", |end| &rest[end..]);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) && !text.ends_with('\n') && !text.is_empty() {
            text.push('\n');
        }
    }
    push_text(&mut text, rest);
    let text = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Page { text, title }
}

/// The text of the first `<title>` element.
fn page_title(html: &str) -> Option<String> {
    let open = find_ci(html, "<title")?;
    let after = open + html[open..].find('>')? + 1;
    let end = after + find_ci(&html[after..], "</title")?;
    let t = collapse(&decode_entities(&html[after..end]));
    (!t.is_empty()).then_some(t)
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let lower = haystack.to_ascii_lowercase();
    lower.find(needle)
}

/// Appends a run of character data with white space folded to single spaces.
fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for c in decoded.chars() {
        if c.is_whitespace() {
            if !(out.ends_with(' ') || out.ends_with('\n') || out.is_empty()) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes numeric entities and the named ones news pages use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Byte search: the window may end inside a multi-byte character.
        let semi = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = semi.and_then(|semi| entity(&rest[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_scripts_and_decodes_entities() {
        let page = visible_text(
            "<html><head><title>A &amp; B</title></head><body><h1>Head</h1><p>One&nbsp;&ldquo;two&rdquo;<br>three &#8217; &#x41;</p><script>if (a<b) {}</script><!-- c --><p>x</p></body>",
        );
        assert_eq!(page.title.as_deref(), Some("A & B"));
        assert_eq!(page.text, "Head\nOne “two”\nthree ’ A\nx");
    }

    #[test]
    fn broken_html_does_not_panic() {
        for s in [
            "<",
            "<p",
            "&#xFFFFFFFF;",
            "<script>",
            "&",
            "<!--",
            "a<b>c</",
        ] {
            let _ = visible_text(s);
        }
    }
}
