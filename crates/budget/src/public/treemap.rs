//! A squarified treemap (Bruls, Huizing and van Wijk, 2000) as numbers for an inline SVG:
//! each item a rectangle whose area is its share of the total, laid out in rows that keep
//! the rectangles as close to squares as the order allows. The biggest [`MAX_TILES`] items
//! are drawn and the rest are one "other" tile; the page lists the drawn items in a table
//! beside the chart. Pixel geometry is floating point; amounts stay exact integers.

use platform::i18n::Tr;

use super::view::Item;

/// Items drawn at most; the rest are one tile.
pub const MAX_TILES: usize = 30;
/// The box, in SVG units.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 360.0;

/// Fills for the tiles, dark enough for white text (WCAG AA at the label size).
const FILLS: [&str; 8] = [
    "#1d4ed8", "#0f766e", "#7c3aed", "#b45309", "#be123c", "#15803d", "#0369a1", "#a21caf",
];

/// A rectangle of the layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn area(&self) -> f64 {
        self.w * self.h
    }
}

/// The worst aspect ratio of a row of `areas` laid along a side of length `side`.
fn worst(areas: &[f64], side: f64) -> f64 {
    let sum: f64 = areas.iter().sum();
    let (min, max) = areas
        .iter()
        .fold((f64::MAX, 0.0_f64), |(lo, hi), a| (lo.min(*a), hi.max(*a)));
    if sum <= 0.0 || min <= 0.0 || side <= 0.0 {
        return f64::MAX;
    }
    let s2 = sum * sum;
    let w2 = side * side;
    (w2 * max / s2).max(s2 / (w2 * min))
}

/// Lay out positive `values` (biggest first gives the best shapes) in a `width` × `height`
/// box: one rectangle per value, in order, with area proportional to the value; together
/// they tile the box. Values ≤ 0 get an empty rectangle.
pub fn squarify(values: &[i64], width: f64, height: f64) -> Vec<Rect> {
    let total: i128 = values
        .iter()
        .filter(|v| **v > 0)
        .map(|v| i128::from(*v))
        .sum();
    let empty = Rect {
        x: 0.0,
        y: 0.0,
        w: 0.0,
        h: 0.0,
    };
    let mut out = vec![empty; values.len()];
    if total <= 0 || width <= 0.0 || height <= 0.0 {
        return out;
    }
    // Areas in the box's units; the i128 sum is exact, the ratio is a float.
    let scale = width * height / total as f64;
    let items: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| **v > 0)
        .map(|(i, v)| (i, *v as f64 * scale))
        .collect();
    let (mut x, mut y, mut w, mut h) = (0.0, 0.0, width, height);
    let mut rest = items.as_slice();
    while !rest.is_empty() {
        let side = w.min(h);
        let areas: Vec<f64> = rest.iter().map(|(_, a)| *a).collect();
        let mut n = 1;
        while n < rest.len() && worst(&areas[..=n], side) <= worst(&areas[..n], side) {
            n += 1;
        }
        let (row, tail) = rest.split_at(n);
        let sum: f64 = row.iter().map(|(_, a)| a).sum();
        let last = tail.is_empty();
        if w >= h {
            // A column on the left, as wide as its area needs.
            let cw = if last { w } else { (sum / h).min(w) };
            let mut cy = y;
            for (k, (i, a)) in row.iter().enumerate() {
                let rh = if k + 1 == row.len() {
                    y + h - cy
                } else {
                    a / cw
                };
                out[*i] = Rect {
                    x,
                    y: cy,
                    w: cw,
                    h: rh.max(0.0),
                };
                cy += rh;
            }
            x += cw;
            w = (w - cw).max(0.0);
        } else {
            // A row along the top.
            let rh = if last { h } else { (sum / w).min(h) };
            let mut cx = x;
            for (k, (i, a)) in row.iter().enumerate() {
                let rw = if k + 1 == row.len() {
                    x + w - cx
                } else {
                    a / rh
                };
                out[*i] = Rect {
                    x: cx,
                    y,
                    w: rw.max(0.0),
                    h: rh,
                };
                cx += rw;
            }
            y += rh;
            h = (h - rh).max(0.0);
        }
        rest = tail;
    }
    out
}

/// One tile, ready for the template (coordinates with one decimal).
pub struct Tile {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
    pub fill: &'static str,
    /// `Name: Rp… (12,3 %)`, the tile's `<title>`.
    pub title: String,
    /// The label drawn inside, when the tile is big enough (else empty).
    pub label: String,
    pub label_x: String,
    pub label_y: String,
    pub href: Option<String>,
}

pub struct Treemap {
    pub width: f64,
    pub height: f64,
    pub tiles: Vec<Tile>,
}

/// One row of the table beside the treemap.
pub struct TileRow {
    pub code: String,
    pub name: String,
    pub href: Option<String>,
    pub fill: &'static str,
    pub plan: String,
    pub share: String,
}

fn one_decimal(v: f64) -> String {
    format!("{:.1}", (v * 10.0).round() / 10.0)
}

/// The treemap of `items`' plans (biggest first; the items beyond [`MAX_TILES`] as one
/// tile named `other`), and the rows of its table.
pub fn treemap(t: &Tr, items: &[Item], other: &str) -> (Treemap, Vec<TileRow>) {
    let mut drawn: Vec<Item> = items
        .iter()
        .filter(|i| i.plan > 0)
        .take(MAX_TILES)
        .cloned()
        .collect();
    let rest: i64 = items
        .iter()
        .filter(|i| i.plan > 0)
        .skip(MAX_TILES)
        .map(|i| i.plan)
        .sum();
    if rest > 0 {
        drawn.push(Item {
            code: String::new(),
            name: other.to_string(),
            href: None,
            plan: rest,
            realisation: 0,
            previous_year: None,
        });
    }
    let total: i64 = drawn.iter().map(|i| i.plan).sum();
    let values: Vec<i64> = drawn.iter().map(|i| i.plan).collect();
    let rects = squarify(&values, WIDTH, HEIGHT);
    let mut tiles = Vec::new();
    let mut rows = Vec::new();
    for (n, (item, r)) in drawn.iter().zip(&rects).enumerate() {
        let fill = FILLS[n % FILLS.len()];
        let share = super::percent(t.lang, super::permille(item.plan, total));
        // About 6 units per character at the label's size.
        let room = ((r.w - 8.0) / 6.0).floor();
        let label = if r.h >= 18.0 && room >= 4.0 {
            let max = room as usize;
            let mut text: String = item.name.chars().take(max).collect();
            if item.name.chars().count() > max {
                text.pop();
                text.push('…');
            }
            text
        } else {
            String::new()
        };
        tiles.push(Tile {
            x: one_decimal(r.x),
            y: one_decimal(r.y),
            w: one_decimal(r.w),
            h: one_decimal(r.h),
            fill,
            title: format!("{}: {} ({share})", item.name, t.rupiah(&item.plan)),
            label,
            label_x: one_decimal(r.x + 4.0),
            label_y: one_decimal(r.y + 14.0),
            href: item.href.clone(),
        });
        rows.push(TileRow {
            code: item.code.clone(),
            name: item.name.clone(),
            href: item.href.clone(),
            fill,
            plan: t.rupiah(&item.plan),
            share,
        });
    }
    (
        Treemap {
            width: WIDTH,
            height: HEIGHT,
            tiles,
        },
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-6;

    fn overlap(a: &Rect, b: &Rect) -> f64 {
        let w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
        let h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
        if w <= 0.0 || h <= 0.0 { 0.0 } else { w * h }
    }

    fn check(values: &[i64], width: f64, height: f64) {
        let rects = squarify(values, width, height);
        assert_eq!(rects.len(), values.len());
        let total: f64 = values.iter().filter(|v| **v > 0).map(|v| *v as f64).sum();
        let mut covered = 0.0;
        for (v, r) in values.iter().zip(&rects) {
            // Inside the box.
            assert!(r.x >= -EPS && r.y >= -EPS, "{r:?}");
            assert!(
                r.x + r.w <= width + EPS && r.y + r.h <= height + EPS,
                "{r:?}"
            );
            // Area proportional to the value.
            let expected = if *v > 0 {
                *v as f64 / total * width * height
            } else {
                0.0
            };
            assert!(
                (r.area() - expected).abs() <= 1e-6 * width * height,
                "{v}: area {} expected {expected}",
                r.area()
            );
            covered += r.area();
        }
        // No two overlap, and together they fill the box.
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(overlap(a, b) <= 1e-6, "{a:?} overlaps {b:?}");
            }
        }
        if total > 0.0 {
            assert!((covered - width * height).abs() <= 1e-6 * width * height);
        }
    }

    #[test]
    fn areas_are_proportional_inside_the_box_without_overlap() {
        // The paper's example.
        check(&[6, 6, 4, 3, 2, 2, 1], 6.0, 4.0);
        check(&[100], WIDTH, HEIGHT);
        check(&[1, 1, 1, 1], WIDTH, HEIGHT);
        check(&[5, 0, -3, 2], WIDTH, HEIGHT);
        check(&[], WIDTH, HEIGHT);
        check(&[0, 0], WIDTH, HEIGHT);
        // A budget-like spread: one big office and a long tail, exact rupiah up to 10^15.
        let mut values: Vec<i64> = (1..=31_i64)
            .map(|i| 1_000_000_000_000_000 / (i * i))
            .collect();
        values.push(1);
        check(&values, WIDTH, HEIGHT);
        check(&values, 100.0, 900.0);
    }

    #[test]
    fn the_layout_is_squarified() {
        // The paper's example: the first column holds 6 and 6 as two 3 × 2 tiles, and no
        // tile is worse than 3:1 (slicing the box into strips would give 16:1).
        let rects = squarify(&[6, 6, 4, 3, 2, 2, 1], 6.0, 4.0);
        for r in &rects {
            let ratio = (r.w / r.h).max(r.h / r.w);
            assert!(ratio <= 3.0 + EPS, "{r:?}");
        }
        assert!((rects[0].w - 3.0).abs() < EPS && (rects[0].h - 2.0).abs() < EPS);
    }
}
