//! The dataset form: what a producer types, parsed and checked field by field with the
//! translation key of each problem, into the catalogue's [`NewDataset`]. The same rules
//! serve creating a dataset and editing a draft.

use chrono::NaiveDate;
use platform::error::FieldError;
use serde::Serialize;

use crate::catalog::{Dataset, NewDataset};
use crate::freshness::Frequency;
use crate::licences;

pub const MAX_NAME: usize = 100;
pub const MAX_TITLE: usize = 200;
pub const MAX_NOTES: usize = 10_000;
pub const MAX_SHORT: usize = 500;
pub const MAX_LONG: usize = 4_000;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG: usize = 100;

/// Path segments under `/kelola/data/` that are pages, not datasets.
pub const RESERVED_NAMES: &[&str] = &["baru", "verifikasi", "token"];

/// CKAN's rule for dataset names: `^[a-z0-9_-]{2,100}$`.
pub fn valid_name(name: &str) -> bool {
    (2..=MAX_NAME).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The dataset form as typed (every field a string, multi-selects as lists).
#[derive(Clone, Debug, Default, Serialize)]
pub struct DatasetForm {
    pub name: String,
    pub organisation: String,
    pub title: String,
    pub notes: String,
    pub groups: Vec<String>,
    pub tags: String,
    pub licence: String,
    pub frequency: String,
    pub temporal_start: String,
    pub temporal_end: String,
    pub regions: Vec<String>,
    pub concept: String,
    pub definition: String,
    pub unit: String,
    pub classification: String,
    pub measure: String,
    pub contact_name: String,
    pub contact_email: String,
}

/// What the form may refer to: the known topic groups, regions and the organisations the
/// producer may choose.
pub struct Choices<'a> {
    pub groups: &'a [String],
    pub regions: &'a [String],
    pub organisations: &'a [String],
}

impl DatasetForm {
    /// From the submitted pairs (a URL-encoded body; repeated keys for multi-selects).
    pub fn from_pairs(pairs: &[(String, String)]) -> DatasetForm {
        let mut f = DatasetForm::default();
        for (key, value) in pairs {
            let slot = match key.as_str() {
                "groups" => {
                    f.groups.push(value.trim().to_string());
                    continue;
                }
                "regions" => {
                    f.regions.push(value.trim().to_string());
                    continue;
                }
                "name" => &mut f.name,
                "organisation" => &mut f.organisation,
                "title" => &mut f.title,
                "notes" => &mut f.notes,
                "tags" => &mut f.tags,
                "licence" => &mut f.licence,
                "frequency" => &mut f.frequency,
                "temporal_start" => &mut f.temporal_start,
                "temporal_end" => &mut f.temporal_end,
                "concept" => &mut f.concept,
                "definition" => &mut f.definition,
                "unit" => &mut f.unit,
                "classification" => &mut f.classification,
                "measure" => &mut f.measure,
                "contact_name" => &mut f.contact_name,
                "contact_email" => &mut f.contact_email,
                _ => continue,
            };
            *slot = value.clone();
        }
        f.groups.retain(|g| !g.is_empty());
        f.regions.retain(|r| !r.is_empty());
        f
    }

    /// The form showing a version's metadata, for editing.
    pub fn from_dataset(d: &Dataset) -> DatasetForm {
        let v = &d.version;
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        DatasetForm {
            name: d.name.clone(),
            organisation: d.organisation_id.clone(),
            title: v.title.clone(),
            notes: v.notes.clone(),
            groups: v.groups.iter().map(|g| g.id.clone()).collect(),
            tags: v.tags.join(", "),
            licence: v.licence_id.clone(),
            frequency: v.frequency.clone(),
            temporal_start: date(v.temporal_start),
            temporal_end: date(v.temporal_end),
            regions: v.regions.iter().map(|r| r.code.clone()).collect(),
            concept: v.concept.clone(),
            definition: v.definition.clone(),
            unit: v.unit.clone(),
            classification: v.classification.clone(),
            measure: v.measure.clone(),
            contact_name: v.contact_name.clone(),
            contact_email: v.contact_email.clone(),
        }
    }

    /// The tags as a list: comma-separated, trimmed, without empties and duplicates.
    pub fn tag_list(&self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.split(',') {
            let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        tags
    }

    /// Check every field; the metadata ready to store, or every problem. `creating` also
    /// checks the name and the organisation (both fixed once the dataset exists).
    pub fn validate(
        &self,
        choices: &Choices,
        creating: bool,
    ) -> Result<NewDataset, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field: &str, key: &str| errors.push(FieldError::new(field, key));
        let name = self.name.trim().to_string();
        let organisation = self.organisation.trim().to_string();
        if creating {
            if !valid_name(&name) {
                err("name", "data-wf-error-name");
            } else if RESERVED_NAMES.contains(&name.as_str()) {
                err("name", "data-wf-error-name-reserved");
            }
            if !choices.organisations.contains(&organisation) {
                err("organisation", "data-wf-error-organisation");
            }
        }
        let text = |value: &str| value.trim().to_string();
        let title = text(&self.title);
        if title.is_empty() {
            err("title", "data-wf-error-required");
        } else if title.chars().count() > MAX_TITLE || has_control(&title) {
            err("title", "data-wf-error-too-long");
        }
        let notes = self.notes.trim().to_string();
        if notes.chars().count() > MAX_NOTES {
            err("notes", "data-wf-error-too-long");
        }
        if !licences::ALL.iter().any(|l| l.id == self.licence) {
            err("licence", "data-wf-error-licence");
        }
        if Frequency::parse(&self.frequency).is_none() {
            err("frequency", "data-wf-error-frequency");
        }
        for g in &self.groups {
            if !choices.groups.contains(g) {
                err("groups", "data-wf-error-group");
                break;
            }
        }
        for r in &self.regions {
            if !choices.regions.contains(r) {
                err("regions", "data-wf-error-region");
                break;
            }
        }
        let tags = self.tag_list();
        if tags.len() > MAX_TAGS {
            err("tags", "data-wf-error-tags-many");
        } else if tags
            .iter()
            .any(|t| t.chars().count() > MAX_TAG || has_control(t) || t.contains(['<', '>', '"']))
        {
            err("tags", "data-wf-error-tag");
        }
        let date = |field: &str, value: &str, err: &mut dyn FnMut(&str, &str)| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    err(field, "data-wf-error-date");
                    None
                }
            }
        };
        let temporal_start = date("temporal_start", &self.temporal_start, &mut err);
        let temporal_end = date("temporal_end", &self.temporal_end, &mut err);
        if let (Some(s), Some(e)) = (temporal_start, temporal_end)
            && e < s
        {
            err("temporal_end", "data-wf-error-date-order");
        }
        let mut short = |field: &str, value: &str, max: usize| {
            let value = value.trim().to_string();
            if value.chars().count() > max || has_control(&value) {
                err(field, "data-wf-error-too-long");
            }
            value
        };
        let concept = short("concept", &self.concept, MAX_LONG);
        let definition = short("definition", &self.definition, MAX_LONG);
        let unit = short("unit", &self.unit, MAX_SHORT);
        let classification = short("classification", &self.classification, MAX_LONG);
        let measure = short("measure", &self.measure, MAX_SHORT);
        let contact_name = short("contact_name", &self.contact_name, MAX_SHORT);
        let contact_email = if self.contact_email.trim().is_empty() {
            String::new()
        } else {
            match platform::accounts::validate::email(&self.contact_email) {
                Ok(e) => e,
                Err(_) => {
                    errors.push(FieldError::new("contact_email", "data-wf-error-email"));
                    String::new()
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewDataset {
            name,
            organisation_id: organisation,
            title,
            notes,
            licence_id: self.licence.clone(),
            frequency: self.frequency.clone(),
            temporal_start,
            temporal_end,
            concept,
            definition,
            unit,
            classification,
            measure,
            contact_name,
            contact_email,
            tags,
            groups: self.groups.clone(),
            regions: self.regions.clone(),
            resources: Vec::new(),
        })
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

/// What a version still lacks before it may be submitted (field, translation key): a
/// description, a contact address and at least one resource.
pub fn missing_for_submission(d: &Dataset) -> Vec<FieldError> {
    let v = &d.version;
    let mut missing = Vec::new();
    if v.notes.trim().is_empty() {
        missing.push(FieldError::new("notes", "data-wf-missing-notes"));
    }
    if v.contact_email.trim().is_empty() {
        missing.push(FieldError::new("contact_email", "data-wf-missing-contact"));
    }
    if v.resources.is_empty() {
        missing.push(FieldError::new("resources", "data-wf-missing-resources"));
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> (Vec<String>, Vec<String>, Vec<String>) {
        (
            vec!["kesehatan".into()],
            vec!["35.22".into()],
            vec!["dinkes".into()],
        )
    }

    fn good() -> DatasetForm {
        DatasetForm {
            name: "jumlah-puskesmas".into(),
            organisation: "dinkes".into(),
            title: "Jumlah Puskesmas".into(),
            licence: "cc-by".into(),
            frequency: "annual".into(),
            groups: vec!["kesehatan".into()],
            regions: vec!["35.22".into()],
            tags: " kesehatan,  puskesmas ,kesehatan,".into(),
            temporal_start: "2024-01-01".into(),
            temporal_end: "2024-12-31".into(),
            ..DatasetForm::default()
        }
    }

    fn fields(form: &DatasetForm) -> Vec<String> {
        let (g, r, o) = choices();
        let c = Choices {
            groups: &g,
            regions: &r,
            organisations: &o,
        };
        match form.validate(&c, true) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn names_follow_ckans_rule() {
        assert!(valid_name("ab"));
        assert!(valid_name("penduduk_per-desa-2024"));
        assert!(!valid_name("a"));
        assert!(!valid_name("Penduduk"));
        assert!(!valid_name("penduduk desa"));
        assert!(!valid_name(&"a".repeat(101)));
        assert!(!valid_name("data/../x"));
    }

    #[test]
    fn a_good_form_passes_and_tags_are_cleaned() {
        assert!(fields(&good()).is_empty());
        assert_eq!(good().tag_list(), vec!["kesehatan", "puskesmas"]);
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut f = good();
        f.name = "Bad Name".into();
        f.title = " ".into();
        f.licence = "proprietary".into();
        f.frequency = "hourly".into();
        f.organisation = "bappeda".into();
        f.groups = vec!["tidak-ada".into()];
        f.regions = vec!["99".into()];
        f.temporal_end = "2023-01-01".into();
        f.contact_email = "bukan-surel".into();
        assert_eq!(
            fields(&f),
            vec![
                "name",
                "organisation",
                "title",
                "licence",
                "frequency",
                "groups",
                "regions",
                "temporal_end",
                "contact_email"
            ]
        );
        let mut f = good();
        f.name = "baru".into();
        f.temporal_start = "kemarin".into();
        assert_eq!(fields(&f), vec!["name", "temporal_start"]);
    }
}
