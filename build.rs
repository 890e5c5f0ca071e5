//! Embeds the Markdown target's templates so the binary works from any
//! directory (no template files needed at run time).

fn main() {
    minijinja_embed::embed_templates!("templates/markdown", &[".j2"][..]);
}
