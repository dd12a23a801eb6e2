//! Accounts: users, roles per organisation, sessions, registration, sign-in and sign-out,
//! password reset by e-mail, and the admin pages that manage users and roles.

pub mod session;
