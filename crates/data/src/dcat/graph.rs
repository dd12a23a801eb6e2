//! A tiny RDF model (IRIs, blank nodes, literals with a datatype or a language) and its two
//! writers, Turtle and JSON-LD. Both serialise the same [`Graph`], so they cannot say
//! different things; the tests parse both with rdflib and check they are isomorphic.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::{Map, Value, json};

/// The prefixes written in both serialisations.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("hydra", "http://www.w3.org/ns/hydra/core#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
];

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// `prefix:local` expanded to a full IRI (only for the fixed [`PREFIXES`]).
pub fn iri(curie: &str) -> String {
    if let Some((prefix, local)) = curie.split_once(':')
        && let Some((_, ns)) = PREFIXES.iter().find(|(p, _)| *p == prefix)
    {
        return format!("{ns}{local}");
    }
    curie.to_string()
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Term {
    Iri(String),
    /// A blank node label, unique within the graph.
    Blank(String),
    Literal {
        value: String,
        datatype: Option<String>,
        lang: Option<String>,
    },
}

impl Term {
    pub fn iri(s: impl Into<String>) -> Term {
        Term::Iri(s.into())
    }

    pub fn text(s: impl Into<String>) -> Term {
        Term::Literal {
            value: s.into(),
            datatype: None,
            lang: None,
        }
    }

    pub fn lang(s: impl Into<String>, lang: &str) -> Term {
        Term::Literal {
            value: s.into(),
            datatype: None,
            lang: Some(lang.into()),
        }
    }

    /// A literal of an XSD datatype (`typed("2025-01-01", "xsd:date")`).
    pub fn typed(s: impl Into<String>, datatype: &str) -> Term {
        Term::Literal {
            value: s.into(),
            datatype: Some(iri(datatype)),
            lang: None,
        }
    }
}

/// Triples in insertion order, grouped by subject when written.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    triples: Vec<(Term, String, Term)>,
    blanks: usize,
}

impl Graph {
    /// Add `subject predicate object`; `predicate` may be a CURIE of [`PREFIXES`] or `a`.
    pub fn add(&mut self, subject: &Term, predicate: &str, object: Term) {
        let predicate = if predicate == "a" {
            RDF_TYPE.to_string()
        } else {
            iri(predicate)
        };
        self.triples.push((subject.clone(), predicate, object));
    }

    /// A new blank node.
    pub fn blank(&mut self) -> Term {
        self.blanks += 1;
        Term::Blank(format!("b{}", self.blanks))
    }

    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// Subjects in first-seen order with their (predicate, object) pairs.
    fn by_subject(&self) -> Vec<(&Term, Vec<(&str, &Term)>)> {
        let mut order: Vec<&Term> = Vec::new();
        let mut map: BTreeMap<&Term, Vec<(&str, &Term)>> = BTreeMap::new();
        for (s, p, o) in &self.triples {
            let entry = map.entry(s).or_insert_with(|| {
                order.push(s);
                Vec::new()
            });
            entry.push((p.as_str(), o));
        }
        order
            .into_iter()
            .map(|s| (s, map.remove(s).unwrap_or_default()))
            .collect()
    }

    pub fn to_turtle(&self) -> String {
        let mut out = String::new();
        for (prefix, ns) in PREFIXES {
            let _ = writeln!(out, "@prefix {prefix}: <{}> .", escape_iri(ns));
        }
        for (subject, pairs) in self.by_subject() {
            out.push('\n');
            out.push_str(&turtle_term(subject));
            let mut first = true;
            for (p, o) in pairs {
                out.push_str(if first { "\n    " } else { " ;\n    " });
                first = false;
                if p == RDF_TYPE {
                    out.push('a');
                } else {
                    out.push_str(&turtle_iri(p));
                }
                out.push(' ');
                out.push_str(&turtle_term(o));
            }
            out.push_str(" .\n");
        }
        out
    }

    pub fn to_jsonld(&self) -> Value {
        let context: Map<String, Value> = PREFIXES
            .iter()
            .map(|(p, ns)| (p.to_string(), Value::from(*ns)))
            .collect();
        let mut nodes = Vec::new();
        for (subject, pairs) in self.by_subject() {
            let mut node = Map::new();
            node.insert("@id".into(), json!(node_id(subject)));
            let mut props: Vec<(String, Vec<Value>)> = Vec::new();
            let mut types = Vec::new();
            for (p, o) in pairs {
                if p == RDF_TYPE
                    && let Term::Iri(t) = o
                {
                    types.push(json!(compact(t)));
                    continue;
                }
                let key = compact(p);
                let value = jsonld_value(o);
                match props.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, values)) => values.push(value),
                    None => props.push((key, vec![value])),
                }
            }
            if !types.is_empty() {
                node.insert("@type".into(), Value::Array(types));
            }
            for (k, v) in props {
                node.insert(k, Value::Array(v));
            }
            nodes.push(Value::Object(node));
        }
        json!({ "@context": context, "@graph": nodes })
    }
}

fn node_id(t: &Term) -> String {
    match t {
        Term::Iri(i) => i.clone(),
        Term::Blank(b) => format!("_:{b}"),
        Term::Literal { value, .. } => value.clone(),
    }
}

/// A JSON-LD key or type: the CURIE when a prefix covers the IRI, else the IRI.
fn compact(iri: &str) -> String {
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns)
            && is_local_name(local)
        {
            return format!("{prefix}:{local}");
        }
    }
    iri.to_string()
}

fn jsonld_value(t: &Term) -> Value {
    match t {
        Term::Iri(_) | Term::Blank(_) => json!({ "@id": node_id(t) }),
        Term::Literal {
            value,
            datatype: Some(dt),
            ..
        } => json!({ "@value": value, "@type": compact(dt) }),
        Term::Literal {
            value,
            lang: Some(lang),
            ..
        } => json!({ "@value": value, "@language": lang }),
        Term::Literal { value, .. } => json!({ "@value": value }),
    }
}

/// Local names written as `prefix:local` in Turtle: letters, digits, `_` and `-`, starting
/// with a letter (a safe subset of PN_LOCAL).
fn is_local_name(local: &str) -> bool {
    local
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn turtle_iri(iri: &str) -> String {
    let compacted = compact(iri);
    if compacted != iri {
        return compacted;
    }
    format!("<{}>", escape_iri(iri))
}

fn turtle_term(t: &Term) -> String {
    match t {
        Term::Iri(i) => turtle_iri(i),
        Term::Blank(b) => format!("_:{b}"),
        Term::Literal {
            value,
            datatype,
            lang,
        } => {
            let mut s = format!("\"{}\"", escape_literal(value));
            if let Some(dt) = datatype {
                s.push_str("^^");
                s.push_str(&turtle_iri(dt));
            } else if let Some(lang) = lang {
                s.push('@');
                s.push_str(lang);
            }
            s
        }
    }
}

/// A string literal's content in Turtle (`"…"`): backslash, quote and line breaks escaped,
/// other control characters as `\uXXXX`.
pub fn escape_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// An IRI inside `<…>`: characters Turtle forbids there (`<>"{}|^`\` space and controls)
/// as `\uXXXX`.
pub fn escape_iri(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) <= 0x20 || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            let _ = write!(out, "\\u{:04X}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_writers_say_the_same_triples() {
        let mut g = Graph::default();
        let s = Term::iri("http://example.org/d/1");
        g.add(&s, "a", Term::iri(iri("dcat:Dataset")));
        g.add(
            &s,
            "dct:title",
            Term::lang("Judul \"kutip\"\nbaris\\", "id"),
        );
        g.add(&s, "dct:issued", Term::typed("2025-01-01", "xsd:date"));
        let b = g.blank();
        g.add(&s, "dcat:contactPoint", b.clone());
        g.add(&b, "vcard:hasEmail", Term::iri("mailto:a@b.id"));
        g.add(&s, "dcat:landingPage", Term::iri("http://example.org/x y>"));
        let ttl = g.to_turtle();
        assert!(
            ttl.contains(r#"dct:title "Judul \"kutip\"\nbaris\\"@id"#),
            "{ttl}"
        );
        assert!(ttl.contains("\"2025-01-01\"^^xsd:date"));
        assert!(ttl.contains("<http://example.org/x\\u0020y\\u003E>"));
        assert!(ttl.contains("    a dcat:Dataset"));
        let doc = g.to_jsonld();
        let node = &doc["@graph"][0];
        assert_eq!(node["@type"][0], "dcat:Dataset");
        assert_eq!(node["dct:title"][0]["@language"], "id");
        assert_eq!(node["dcat:contactPoint"][0]["@id"], "_:b1");
        assert_eq!(doc["@graph"][1]["@id"], "_:b1");
    }
}
