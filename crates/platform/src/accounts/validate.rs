//! Validators for the fields people type into account and organisation forms. Each returns
//! the cleaned value or the translation key of the message to show next to the field, so the
//! same rules serve the web forms, the CLI and the demo loader.

/// Longest password accepted; argon2 would take any length, but a megabyte password is only
/// a way to burn server time.
pub const PASSWORD_MAX_CHARS: usize = 200;
pub const PASSWORD_MIN_CHARS: usize = 10;

/// An e-mail address, trimmed and lower-cased (addresses are compared lower-cased everywhere).
pub fn email(input: &str) -> Result<String, &'static str> {
    let value = input.trim().to_lowercase();
    if value.is_empty() {
        return Err("acc-err-email-required");
    }
    if value.len() > 254 {
        return Err("acc-err-email");
    }
    let Some((local, domain)) = value.split_once('@') else {
        return Err("acc-err-email");
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && domain_ok {
        Ok(value)
    } else {
        Err("acc-err-email")
    }
}

/// A person's name: 2 to 100 characters, no control characters.
pub fn name(input: &str) -> Result<String, &'static str> {
    let value = collapse_spaces(input);
    let count = value.chars().count();
    if count == 0 {
        return Err("acc-err-name-required");
    }
    if !(2..=100).contains(&count) {
        return Err("acc-err-name-length");
    }
    if value.chars().any(char::is_control) {
        return Err("acc-err-name-chars");
    }
    Ok(value)
}

/// A new password: at least 10 characters (length beats composition rules, NIST SP 800-63B).
pub fn password(input: &str) -> Result<(), &'static str> {
    let count = input.chars().count();
    if count < PASSWORD_MIN_CHARS {
        return Err("acc-err-password-short");
    }
    if count > PASSWORD_MAX_CHARS {
        return Err("acc-err-password-long");
    }
    Ok(())
}

/// A NIK (Nomor Induk Kependudukan): optional; when given, 16 digits whose birth-date part is
/// plausible (day 01–31, or 41–71 for women; month 01–12).
pub fn nik(input: &str) -> Result<Option<String>, &'static str> {
    let value: String = input.trim().chars().filter(|c| *c != ' ').collect();
    if value.is_empty() {
        return Ok(None);
    }
    if value.len() != 16 || !value.chars().all(|c| c.is_ascii_digit()) {
        return Err("acc-err-nik");
    }
    let two = |at: usize| {
        value
            .get(at..at + 2)
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (day, month) = (two(6), two(8));
    let day_ok = (1..=31).contains(&day) || (41..=71).contains(&day);
    if !day_ok || !(1..=12).contains(&month) {
        return Err("acc-err-nik");
    }
    Ok(Some(value))
}

/// An Indonesian mobile number: optional; `+62 8…` or `08…`, spaces, dots and dashes allowed.
/// Kept as typed (trimmed), so it reads the way the person wrote it.
pub fn phone(input: &str) -> Result<Option<String>, &'static str> {
    let value = collapse_spaces(input);
    if value.is_empty() {
        return Ok(None);
    }
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+62") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else {
        return Err("acc-err-phone");
    };
    let ok = national.starts_with('8')
        && (9..=12).contains(&national.len())
        && national.chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(Some(value))
    } else {
        Err("acc-err-phone")
    }
}

/// A postal address: optional, at most 300 characters.
pub fn address(input: &str) -> Result<Option<String>, &'static str> {
    optional_text(input, 300, "acc-err-address-long")
}

/// Optional free text of at most `max` characters (empty → `None`).
pub fn optional_text(
    input: &str,
    max: usize,
    too_long: &'static str,
) -> Result<Option<String>, &'static str> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max
        || value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(too_long);
    }
    Ok(Some(value.to_string()))
}

/// A website address: optional; when given, `http://` or `https://` and a host.
pub fn website(input: &str) -> Result<Option<String>, &'static str> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or("adm-err-website")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let ok = value.len() <= 200
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>');
    if ok {
        Ok(Some(value.to_string()))
    } else {
        Err("adm-err-website")
    }
}

/// Trim and collapse runs of whitespace into one space.
fn collapse_spaces(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails_are_checked_and_lower_cased() {
        assert_eq!(
            email("  Siti.Aminah@Example.ID "),
            Ok("siti.aminah@example.id".into())
        );
        assert_eq!(
            email("a+tag@mail.bojonegorokab.go.id"),
            Ok("a+tag@mail.bojonegorokab.go.id".into())
        );
        assert_eq!(email(""), Err("acc-err-email-required"));
        for bad in [
            "plain",
            "a@b",
            "a@@b.id",
            "a b@c.id",
            "@c.id",
            "a@.id",
            "a@c.id.",
            ".a@c.id",
            "a..b@c.id",
            "a@-c.id",
            "a@c.1d",
        ] {
            assert_eq!(email(bad), Err("acc-err-email"), "{bad}");
        }
        assert!(email(&format!("{}@c.id", "a".repeat(65))).is_err());
    }

    #[test]
    fn names_need_two_to_a_hundred_characters() {
        assert_eq!(name("  Budi   Santoso "), Ok("Budi Santoso".into()));
        assert_eq!(name(""), Err("acc-err-name-required"));
        assert_eq!(name("B"), Err("acc-err-name-length"));
        assert!(name(&"x".repeat(100)).is_ok());
        assert_eq!(name(&"x".repeat(101)), Err("acc-err-name-length"));
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert_eq!(password("123456789"), Err("acc-err-password-short"));
        assert_eq!(password("1234567890"), Ok(()));
        // Characters, not bytes: ten Javanese-script letters are ten characters.
        assert_eq!(password(&"ꦲ".repeat(10)), Ok(()));
        assert_eq!(password(&"x".repeat(201)), Err("acc-err-password-long"));
    }

    #[test]
    fn nik_is_optional_but_sixteen_plausible_digits() {
        assert_eq!(nik(""), Ok(None));
        assert_eq!(
            nik(" 3522011505880001 "),
            Ok(Some("3522011505880001".into()))
        );
        // Women add 40 to the day of birth.
        assert_eq!(nik("3522015505880001"), Ok(Some("3522015505880001".into())));
        for bad in [
            "352201150588000",
            "35220115058800011",
            "35220115058800a1",
            "3522013205880001",
            "3522011513880001",
            "3522010005880001",
        ] {
            assert_eq!(nik(bad), Err("acc-err-nik"), "{bad}");
        }
    }

    #[test]
    fn phones_are_indonesian_mobile_numbers() {
        assert_eq!(phone(""), Ok(None));
        assert_eq!(
            phone("+62 812-3456-7890"),
            Ok(Some("+62 812-3456-7890".into()))
        );
        assert_eq!(phone("081234567890"), Ok(Some("081234567890".into())));
        for bad in [
            "12345",
            "+1 202 555 0100",
            "0353 881826",
            "+62 812",
            "08123456789012345",
            "08a234567890",
        ] {
            assert_eq!(phone(bad), Err("acc-err-phone"), "{bad}");
        }
    }

    #[test]
    fn websites_need_a_scheme_and_a_host() {
        assert_eq!(website(""), Ok(None));
        assert!(website("https://bojonegorokab.go.id/opd").is_ok());
        for bad in [
            "bojonegorokab.go.id",
            "javascript:alert(1)",
            "https://localhost",
            "https://a b.id",
        ] {
            assert_eq!(website(bad), Err("adm-err-website"), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn valid_emails_are_idempotent(local in "[a-z0-9]{1,20}", domain in "[a-z]{1,10}", tld in "[a-z]{2,4}") {
            let once = email(&format!("{local}@{domain}.{tld}")).unwrap();
            prop_assert_eq!(email(&once).unwrap(), once);
        }

        #[test]
        fn validators_never_panic(s in "\\PC{0,300}") {
            let _ = email(&s);
            let _ = name(&s);
            let _ = password(&s);
            let _ = nik(&s);
            let _ = phone(&s);
            let _ = website(&s);
        }
    }
}
