//! Background jobs: a database-backed queue run inside `serve`, safe with several app nodes.
