//! Charts as plain numbers for inline SVG (the templates draw them; no JavaScript):
//! horizontal bars of plan against realisation per item, and the realisation per month as
//! bars with the cumulative line. Scaled with integer arithmetic (i128: amounts up to a
//! quadrillion rupiah times a pixel width do not overflow).

use platform::i18n::Tr;

use super::view::Item;

/// At most this many items are drawn (the biggest); the table beside lists them all.
pub const MAX_BARS: usize = 25;
/// Width of the bar area in pixels.
const BAR_AREA: i64 = 360;
const LABEL: i64 = 200;
const ROW: i64 = 22;

/// `value * width / max`, 0 when max ≤ 0.
fn scale(value: i64, width: i64, max: i64) -> i64 {
    if max <= 0 || value <= 0 {
        return 0;
    }
    i64::try_from(i128::from(value) * i128::from(width) / i128::from(max)).unwrap_or(width)
}

/// One item's bars.
pub struct BarRow {
    pub y: i64,
    pub text_y: i64,
    pub label: String,
    pub plan_width: i64,
    pub real_width: i64,
    pub title: String,
}

pub struct BarChart {
    pub width: i64,
    pub height: i64,
    pub label_width: i64,
    pub rows: Vec<BarRow>,
    /// Items not drawn (beyond [`MAX_BARS`]).
    pub more: usize,
}

/// Plan (light) and realisation (dark, over it) of the biggest items.
pub fn bars(t: &Tr, items: &[Item]) -> BarChart {
    let drawn = &items[..items.len().min(MAX_BARS)];
    let max = drawn
        .iter()
        .map(|i| i.plan.max(i.realisation))
        .max()
        .unwrap_or(0);
    let rows = drawn
        .iter()
        .zip(0_i64..)
        .map(|(i, n)| {
            let mut label: String = i.name.chars().take(32).collect();
            if i.name.chars().count() > 32 {
                label.push('…');
            }
            BarRow {
                y: n * ROW + 4,
                text_y: n * ROW + 16,
                label,
                plan_width: scale(i.plan, BAR_AREA, max),
                real_width: scale(i.realisation, BAR_AREA, max),
                title: format!(
                    "{}: {} / {}",
                    i.name,
                    t.rupiah(&i.plan),
                    t.rupiah(&i.realisation)
                ),
            }
        })
        .collect::<Vec<_>>();
    let n = i64::try_from(rows.len()).unwrap_or(0);
    BarChart {
        width: LABEL + BAR_AREA + 8,
        height: n * ROW + 8,
        label_width: LABEL,
        rows,
        more: items.len().saturating_sub(MAX_BARS),
    }
}

pub struct MonthBar {
    pub x: i64,
    pub y: i64,
    pub height: i64,
    pub label: String,
    pub title: String,
}

pub struct MonthChart {
    pub width: i64,
    pub height: i64,
    pub baseline: i64,
    pub bar_width: i64,
    pub bars: Vec<MonthBar>,
    /// The cumulative realisation as SVG polyline points, against the plan as the top.
    pub line: String,
    /// The plan's height (the line reaches it at 100 % absorption).
    pub plan_y: i64,
}

/// Monthly realisation (12 months) as bars scaled to the biggest month, and the cumulative
/// sum as a line scaled to the plan (or to the sum, when it exceeds the plan).
pub fn months(t: &Tr, monthly: &[i64; 12], plan: i64) -> MonthChart {
    const HEIGHT: i64 = 160;
    const TOP: i64 = 12;
    const BAR: i64 = 28;
    const GAP: i64 = 8;
    let max = monthly.iter().copied().max().unwrap_or(0);
    let total: i64 = monthly.iter().sum();
    let top = plan.max(total);
    let mut cumulative = 0_i64;
    let mut points = Vec::new();
    let bars = monthly
        .iter()
        .zip(0_i64..)
        .map(|(amount, i)| {
            let height = scale(*amount, HEIGHT - TOP, max);
            cumulative += amount;
            let x = GAP + i * (BAR + GAP);
            points.push(format!(
                "{},{}",
                x + BAR / 2,
                HEIGHT - scale(cumulative, HEIGHT - TOP, top)
            ));
            let month = u32::try_from(i + 1).unwrap_or(1);
            let name = platform::i18n::month_name(t.lang, month);
            MonthBar {
                x,
                y: HEIGHT - height,
                height,
                label: name.chars().take(3).collect(),
                title: format!("{name}: {}", t.rupiah(amount)),
            }
        })
        .collect();
    MonthChart {
        width: GAP + 12 * (BAR + GAP),
        height: HEIGHT + 20,
        baseline: HEIGHT,
        bar_width: BAR,
        bars,
        line: points.join(" "),
        plan_y: HEIGHT - scale(plan, HEIGHT - TOP, top),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_is_integer_and_safe() {
        assert_eq!(scale(50, 360, 100), 180);
        assert_eq!(scale(0, 360, 0), 0);
        assert_eq!(scale(-5, 360, 100), 0);
        assert_eq!(
            scale(1_000_000_000_000_000, 360, 1_000_000_000_000_000),
            360
        );
    }
}
