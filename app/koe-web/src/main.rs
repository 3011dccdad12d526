//! The entry point Trunk builds.

fn main() {
    koe_web::mount();
}
