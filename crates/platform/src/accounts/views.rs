//! Page structures of the account and admin areas. Most forms are alike — a heading, fields
//! with their translated labels and errors, a submit button — so one [`FormPage`] template
//! renders them all from a list of [`Field`]s; pages with more on them have their own.

use askama::Template;

use crate::error::FieldError;
use crate::i18n::Tr;

/// One form field, with everything already translated.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// `text`, `email`, `password`, `tel`, `url`, `search`, `textarea`, `select` or `checkbox`.
    pub kind: &'static str,
    pub value: String,
    pub checked: bool,
    pub error: Option<String>,
    pub hint: Option<String>,
    pub required: bool,
    pub autocomplete: &'static str,
    pub options: Vec<SelectOption>,
}

#[derive(Clone, Debug)]
pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Field {
    pub fn new(t: &Tr, name: &'static str, label_key: &str, kind: &'static str) -> Field {
        Field {
            name,
            label: t.t(label_key),
            kind,
            value: String::new(),
            checked: false,
            error: None,
            hint: None,
            required: false,
            autocomplete: "off",
            options: Vec::new(),
        }
    }

    pub fn value(mut self, value: impl Into<String>) -> Field {
        // Passwords are never sent back to the browser.
        if self.kind != "password" {
            self.value = value.into();
        }
        self
    }

    pub fn checked(mut self, checked: bool) -> Field {
        self.checked = checked;
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn hint(mut self, t: &Tr, key: &str) -> Field {
        self.hint = Some(t.t(key));
        self
    }

    pub fn autocomplete(mut self, autocomplete: &'static str) -> Field {
        self.autocomplete = autocomplete;
        self
    }

    /// Options of a select as (value, label); the one equal to the field's value is selected.
    pub fn options(mut self, options: Vec<(String, String)>) -> Field {
        self.options = options
            .into_iter()
            .map(|(value, label)| SelectOption {
                selected: value == self.value,
                value,
                label,
            })
            .collect();
        self
    }
}

/// Put each error's translated message on its field; errors for fields not on the form are
/// returned (to show above the form).
pub fn attach_errors(t: &Tr, fields: &mut [Field], errors: &[FieldError]) -> Vec<String> {
    let mut unplaced = Vec::new();
    for error in errors {
        match fields.iter_mut().find(|f| f.name == error.field) {
            Some(field) if field.error.is_none() => field.error = Some(t.t(&error.key)),
            Some(_) => {}
            None => unplaced.push(t.t(&error.key)),
        }
    }
    unplaced
}

/// A page holding one form.
#[derive(Template)]
#[template(path = "accounts/form.html")]
pub struct FormPage<'a> {
    pub t: &'a Tr,
    pub csrf: &'a str,
    pub heading: String,
    pub intro: Option<String>,
    /// Problems that belong to the whole form (shown above it).
    pub errors: Vec<String>,
    pub action: String,
    pub hidden: Vec<(&'static str, String)>,
    pub fields: Vec<Field>,
    pub submit: String,
    /// Links under the form: (href, label).
    pub links: Vec<(String, String)>,
}

impl<'a> FormPage<'a> {
    pub fn new(
        t: &'a Tr,
        csrf: &'a str,
        heading_key: &str,
        action: impl Into<String>,
        submit_key: &str,
    ) -> FormPage<'a> {
        FormPage {
            t,
            csrf,
            heading: t.t(heading_key),
            intro: None,
            errors: Vec::new(),
            action: action.into(),
            hidden: Vec::new(),
            fields: Vec::new(),
            submit: t.t(submit_key),
            links: Vec::new(),
        }
    }

    pub fn intro(mut self, key: &str) -> Self {
        self.intro = Some(self.t.t(key));
        self
    }

    pub fn fields(mut self, fields: Vec<Field>) -> Self {
        self.fields = fields;
        self
    }

    pub fn hidden(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.hidden.push((name, value.into()));
        self
    }

    pub fn link(mut self, href: impl Into<String>, label_key: &str) -> Self {
        self.links.push((href.into(), self.t.t(label_key)));
        self
    }

    /// Show `errors` on their fields (and the rest above the form).
    pub fn with_errors(mut self, errors: &[FieldError]) -> Self {
        let unplaced = attach_errors(self.t, &mut self.fields, errors);
        self.errors.extend(unplaced);
        self
    }

    pub fn form_error(mut self, key: &str) -> Self {
        self.errors.push(self.t.t(key));
        self
    }
}

/// A page with a heading, a few paragraphs and links (e.g. "check your e-mail").
#[derive(Template)]
#[template(path = "accounts/message.html")]
pub struct MessagePage<'a> {
    pub t: &'a Tr,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub links: Vec<(String, String)>,
}
