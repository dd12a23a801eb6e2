//! Amounts in whole rupiah, as spreadsheets in Indonesia write them.
//!
//! The rule (also in `docs/BUDGET_IMPORT.md`):
//!
//! 1. An optional `Rp`/`Rp.` prefix and surrounding spaces are ignored; a leading `-` makes
//!    the amount negative (accepted only where the column allows it).
//! 2. A `.` or `,` followed by exactly one or two digits at the end is the decimal separator;
//!    those digits must be zeros (`1.234.567,00`, `1,234,567.00`): rupiah amounts are whole.
//! 3. Every other `.` or `,` is a thousands separator: all of them the same character, not
//!    the decimal one, the first group 1–3 digits and every later group exactly 3
//!    (`1.234.567`, `1,234,567`).
//! 4. Anything else — letters, spaces inside the number, `1.5E+09`, mixed or misplaced
//!    separators such as `1.234,567` or `12.34.567` — is refused with a message, never
//!    guessed.
//!
//! So `1.234` is one thousand two hundred and thirty-four (a decimal fraction would have one
//! or two digits), and so is `1,234`.

/// The largest amount on one line: 10^15 rupiah (a thousand trillion), far above any line of
/// a regional budget; it keeps the sums of a whole year inside 64 bits.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Why an amount was refused; [`AmountError::key`] is the translation key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NotANumber,
    Separators,
    Fraction,
    TooLarge,
    Negative,
}

impl AmountError {
    pub fn key(self) -> &'static str {
        match self {
            AmountError::Empty => "budget-amount-empty",
            AmountError::NotANumber => "budget-amount-not-number",
            AmountError::Separators => "budget-amount-separators",
            AmountError::Fraction => "budget-amount-fraction",
            AmountError::TooLarge => "budget-amount-too-large",
            AmountError::Negative => "budget-amount-negative",
        }
    }
}

/// Parse `input` by the rule above.
pub fn parse(input: &str) -> Result<i64, AmountError> {
    let mut s = input.trim();
    if let Some(rest) = s.strip_prefix("Rp").or_else(|| s.strip_prefix("rp")) {
        s = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if s.is_empty() {
        return Err(if negative {
            AmountError::NotANumber
        } else {
            AmountError::Empty
        });
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(AmountError::NotANumber);
    }
    // The decimal part: a separator followed by one or two digits at the very end.
    let mut integer = s;
    let mut decimal_sep = None;
    if let Some(pos) = s.rfind(['.', ',']) {
        let fraction = &s[pos + 1..];
        if (1..=2).contains(&fraction.len()) {
            if fraction.bytes().any(|b| b != b'0') {
                return Err(AmountError::Fraction);
            }
            integer = &s[..pos];
            decimal_sep = s[pos..].chars().next();
        }
    }
    let mut groups = integer.split(['.', ',']);
    let first = groups.next().unwrap_or("");
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError::Separators);
    }
    let thousands: Vec<char> = integer.chars().filter(|c| matches!(c, '.' | ',')).collect();
    if let Some(sep) = thousands.first() {
        if thousands.iter().any(|c| c != sep) || Some(*sep) == decimal_sep || first.len() > 3 {
            return Err(AmountError::Separators);
        }
        if !groups.all(|g| g.len() == 3) {
            return Err(AmountError::Separators);
        }
    }
    let mut value: i64 = 0;
    for b in integer.bytes().filter(u8::is_ascii_digit) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .ok_or(AmountError::TooLarge)?;
        if value > MAX_AMOUNT {
            return Err(AmountError::TooLarge);
        }
    }
    Ok(if negative { -value } else { value })
}

/// A number a spreadsheet stored as a float: accepted only when it is whole.
pub fn from_float(f: f64) -> Result<i64, AmountError> {
    if !f.is_finite() {
        return Err(AmountError::NotANumber);
    }
    if f.fract() != 0.0 {
        return Err(AmountError::Fraction);
    }
    if f.abs() > MAX_AMOUNT as f64 {
        return Err(AmountError::TooLarge);
    }
    // Whole and within ±10^15, so the conversion is exact.
    Ok(f as i64)
}

/// A number a spreadsheet stored as an integer.
pub fn from_int(n: i64) -> Result<i64, AmountError> {
    if n.unsigned_abs() > MAX_AMOUNT.unsigned_abs() {
        Err(AmountError::TooLarge)
    } else {
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepted_forms() {
        for (input, value) in [
            ("1234567", 1_234_567),
            ("1.234.567", 1_234_567),
            ("1,234,567", 1_234_567),
            ("1.234.567,00", 1_234_567),
            ("1,234,567.00", 1_234_567),
            ("1234567,0", 1_234_567),
            ("1234567.00", 1_234_567),
            ("1.234", 1_234),
            ("1,234", 1_234),
            ("Rp1.234.567", 1_234_567),
            ("Rp. 1.234.567", 1_234_567),
            (" 0 ", 0),
            ("-1.000", -1_000),
            ("1000000000000000", MAX_AMOUNT),
        ] {
            assert_eq!(parse(input), Ok(value), "{input:?}");
        }
    }

    #[test]
    fn refused_forms() {
        for (input, err) in [
            ("", AmountError::Empty),
            ("  ", AmountError::Empty),
            ("-", AmountError::NotANumber),
            ("abc", AmountError::NotANumber),
            ("1 234 567", AmountError::NotANumber),
            ("1.5E+09", AmountError::NotANumber),
            ("1.234,5", AmountError::Fraction),
            ("1234.56", AmountError::Fraction),
            ("1.234,567", AmountError::Separators),
            ("1,234.567", AmountError::Separators),
            ("12.34.567", AmountError::Separators),
            ("1234.567", AmountError::Separators),
            ("1.234.567.00", AmountError::Separators),
            (".123", AmountError::Separators),
            ("1.234.567,,00", AmountError::Separators),
            ("1000000000000001", AmountError::TooLarge),
            ("99999999999999999999999", AmountError::TooLarge),
        ] {
            assert_eq!(parse(input), Err(err), "{input:?}");
        }
        assert_eq!(from_float(1.5), Err(AmountError::Fraction));
        assert_eq!(from_float(f64::NAN), Err(AmountError::NotANumber));
        assert_eq!(from_float(2e15), Err(AmountError::TooLarge));
        assert_eq!(from_float(1234.0), Ok(1234));
    }

    /// `n` with `sep` every three digits.
    fn grouped(n: i64, sep: char) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn never_panics(s in ".{0,30}") {
            let _ = parse(&s);
        }

        #[test]
        fn written_amounts_read_back(n in 0..=MAX_AMOUNT) {
            prop_assert_eq!(parse(&n.to_string()), Ok(n));
            prop_assert_eq!(parse(&grouped(n, '.')), Ok(n));
            prop_assert_eq!(parse(&format!("{},00", grouped(n, '.'))), Ok(n));
            prop_assert_eq!(parse(&format!("{}.00", grouped(n, ','))), Ok(n));
        }
    }
}
