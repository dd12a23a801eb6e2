//! One answer, two formats: a small document tree ([`Node`]) written either as JSON or as
//! GeoReport v2's XML (`<services><service>…</service></services>`), by hand — the XML is
//! simple enough that escaping five characters is all a writer needs, and no XML crate is
//! pulled in for it.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A value in an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// JSON `null`; an empty element in XML.
    Null,
    /// Fields in order (JSON object; XML child elements).
    Obj(Vec<(&'static str, Node)>),
    /// A JSON array; in XML each element is wrapped in an element named by the tag
    /// (`formats` → `<format>…</format>`).
    List(&'static str, Vec<Node>),
}

impl Node {
    pub fn text(s: impl Into<String>) -> Node {
        Node::Text(s.into())
    }

    /// Text, or `null` when empty.
    pub fn text_or_null(s: &str) -> Node {
        if s.is_empty() {
            Node::Null
        } else {
            Node::Text(s.to_string())
        }
    }

    pub fn json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Text(s) => Value::String(s.clone()),
            Node::Int(n) => Value::from(*n),
            Node::Float(x) => serde_json::Number::from_f64(*x)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Node::Bool(b) => Value::Bool(*b),
            Node::Null => Value::Null,
            Node::Obj(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_string(), v.json()))
                    .collect(),
            ),
            Node::List(_, items) => Value::Array(items.iter().map(Node::json).collect()),
        }
    }

    /// The content of this node inside its element.
    fn write_inner(&self, out: &mut String) {
        match self {
            Node::Text(s) => out.push_str(&escape(s)),
            Node::Int(n) => out.push_str(&n.to_string()),
            Node::Float(x) => out.push_str(&x.to_string()),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Null => {}
            Node::Obj(fields) => {
                for (k, v) in fields {
                    element(out, k, v);
                }
            }
            Node::List(tag, items) => {
                for item in items {
                    element(out, tag, item);
                }
            }
        }
    }

    /// The whole document with `root` as its root element.
    pub fn xml(&self, root: &str) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        element(&mut out, root, self);
        out.push('\n');
        out
    }
}

fn element(out: &mut String, tag: &str, node: &Node) {
    if *node == Node::Null {
        out.push('<');
        out.push_str(tag);
        out.push_str("/>");
        return;
    }
    out.push('<');
    out.push_str(tag);
    out.push('>');
    node.write_inner(out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Escape text for an XML element; characters XML 1.0 cannot carry at all (most control
/// characters) are dropped rather than producing a document no parser accepts.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The two formats of every GeoReport resource (`services.json`, `services.xml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// Split `ADU-2026-000001.json` into the id and its format; `None` without a known one.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (stem, ext) = file.rsplit_once('.')?;
        let format = match ext {
            "json" => Format::Json,
            "xml" => Format::Xml,
            _ => return None,
        };
        Some((stem, format))
    }

    /// Answer `node` (root element `root` in XML) with `status`.
    pub fn respond(self, status: StatusCode, root: &str, node: &Node) -> Response {
        match self {
            Format::Json => (
                status,
                [(header::CONTENT_TYPE, "application/json")],
                node.json().to_string(),
            )
                .into_response(),
            Format::Xml => (
                status,
                [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                node.xml(root),
            )
                .into_response(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}\n"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\n"
        );
    }

    #[test]
    fn one_tree_writes_json_and_xml() {
        let node = Node::List(
            "service",
            vec![Node::Obj(vec![
                ("service_code", Node::text("jalan")),
                ("metadata", Node::Bool(true)),
                ("lat", Node::Float(-7.15)),
                ("group", Node::Null),
                ("keywords", Node::List("keyword", vec![Node::text("a&b")])),
            ])],
        );
        assert_eq!(
            node.xml("services"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>jalan</service_code>\
             <metadata>true</metadata><lat>-7.15</lat><group/><keywords><keyword>a&amp;b</keyword></keywords>\
             </service></services>\n"
        );
        assert_eq!(
            node.json(),
            serde_json::json!([{"service_code": "jalan", "metadata": true, "lat": -7.15,
                                "group": null, "keywords": ["a&b"]}])
        );
        assert_eq!(
            Format::split("ADU-2026-000001.xml"),
            Some(("ADU-2026-000001", Format::Xml))
        );
        assert_eq!(Format::split("discovery.html"), None);
        assert_eq!(Format::split("discovery"), None);
    }
}
