//! (to be built)

use platform::web::Routes;

pub fn routes() -> Routes {
    Routes::new()
}
