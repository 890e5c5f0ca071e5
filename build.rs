//! Embeds the emitter templates (templates/<target>/*.j2) in the binary.

fn main() {
    minijinja_embed::embed_templates!("templates", &[".j2"]);
}
