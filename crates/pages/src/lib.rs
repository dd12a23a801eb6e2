//! # pages
//!
//! The information pages: home, about, FAQ (the seed text) and news.

use platform::Module;
use platform::web::{NavItem, Routes};

pub fn module() -> Module {
    Module {
        name: "pages",
        ftl: &[platform::ftl!("pages")],
        nav: vec![NavItem { key: "nav-home", href: "/" }],
        routes,
    }
}

fn routes() -> Routes {
    Routes::new()
}
