//! A small element tree for one record, with the few queries the format readers need.
//! Names are local names: the prefixes of the offices' files vary (`ns1:`, `com:`, none) while
//! the local names are what the standards define.

/// One element of a captured record.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Node {
    /// Local name (prefix stripped).
    pub name: String,
    /// Attributes by local name, unescaped.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text, in document order.
    pub children: Vec<Content>,
    /// Byte offset of the start tag in the decompressed input.
    pub offset: u64,
}

/// A child of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Content {
    /// A child element.
    Element(Node),
    /// Character data (entities resolved).
    Text(String),
}

impl Node {
    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Content::Element(n) => Some(n),
            Content::Text(_) => None,
        })
    }

    /// Child elements called `name`.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.elements().filter(move |n| n.name == name)
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elements().find(|n| n.name == name)
    }

    /// All elements reached by `path` (`a/b/c`, each step one level down).
    pub fn all<'a>(&'a self, path: &str) -> Vec<&'a Node> {
        let mut current = vec![self];
        for step in path.split('/') {
            current = current.into_iter().flat_map(|n| n.elements().filter(|c| c.name == step)).collect();
        }
        current
    }

    /// The first element reached by `path`.
    pub fn at<'a>(&'a self, path: &str) -> Option<&'a Node> {
        self.all(path).into_iter().next()
    }

    /// Every descendant element called `name`, at any depth, in document order.
    pub fn descendants<'a>(&'a self, name: &str) -> Vec<&'a Node> {
        let mut found = Vec::new();
        self.collect_descendants(name, &mut found);
        found
    }

    fn collect_descendants<'a>(&'a self, name: &str, found: &mut Vec<&'a Node>) {
        for child in self.elements() {
            if child.name == name {
                found.push(child);
            }
            child.collect_descendants(name, found);
        }
    }

    /// The first descendant called `name`.
    pub fn descendant<'a>(&'a self, name: &str) -> Option<&'a Node> {
        self.descendants(name).into_iter().next()
    }

    /// Attribute value by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// All text below this element, whitespace runs collapsed to one space and trimmed.
    pub fn text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        collapse_whitespace(&raw)
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Content::Text(t) => out.push_str(t),
                Content::Element(n) => n.collect_text(out),
            }
        }
    }

    /// All text below this element exactly as written (for fixed-width fields).
    pub fn text_raw(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        raw
    }

    /// The text, or `None` when empty.
    pub fn value(&self) -> Option<String> {
        Some(self.text()).filter(|t| !t.is_empty())
    }

    /// The non-empty text at `path`.
    pub fn value_at(&self, path: &str) -> Option<String> {
        self.all(path).into_iter().find_map(Node::value)
    }

    /// Text of the block elements called `block` below this one, joined by blank lines;
    /// falls back to all text when there are none.
    pub fn paragraphs(&self, block: &str) -> Option<String> {
        let blocks: Vec<String> = self.descendants(block).into_iter().filter_map(Node::value).collect();
        if blocks.is_empty() { self.value() } else { Some(blocks.join("\n\n")) }
    }

    /// Adds `child` as the last child element (used to attach data a format keeps outside the record element).
    pub fn push(&mut self, child: Node) {
        self.children.push(Content::Element(child));
    }
}

/// Collapses runs of whitespace to one space and trims both ends.
pub(crate) fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
pub(crate) fn element(name: &str, children: Vec<Content>) -> Node {
    Node { name: name.into(), attrs: Vec::new(), children, offset: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Content {
        Content::Text(t.into())
    }

    #[test]
    fn paths_descendants_and_text() {
        let tree = element(
            "root",
            vec![
                Content::Element(element("a", vec![Content::Element(element("b", vec![text("  one \n two ")]))])),
                Content::Element(element("a", vec![Content::Element(element("b", vec![text("three")]))])),
                Content::Element(element(
                    "c",
                    vec![text("x"), Content::Element(element("b", vec![text("y")])), text("z")],
                )),
            ],
        );
        assert_eq!(tree.all("a/b").len(), 2);
        assert_eq!(tree.value_at("a/b").as_deref(), Some("one two"));
        assert_eq!(tree.descendants("b").len(), 3);
        assert_eq!(tree.child("c").map(Node::text).as_deref(), Some("xyz"));
        assert!(tree.at("a/c").is_none());
        assert_eq!(tree.paragraphs("b").as_deref(), Some("one two\n\nthree\n\ny"));
    }
}
