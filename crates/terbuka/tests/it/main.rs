//! All integration tests of the portal, in one binary, laid out like the URL tree.

mod support;

mod db_guards;
mod platform_shell;
