//! Embeds the templates in the binary, so trackc works from any directory
//! with no template files at run time.

fn main() {
    // Code targets: templates/<target>/*.j2, named `<target>/<file>`.
    minijinja_embed::embed_templates!("templates", &[".j2"][..]);
    // The Markdown target renders in its own environment, with bare names.
    minijinja_embed::embed_templates!("templates/markdown", &[".j2"][..], "markdown");
}
