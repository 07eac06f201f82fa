//! The `armgen` command line: `generate` writes the bindings, `check` fails
//! when the checked-in ones are stale.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: armgen <generate|check> [--root DIR] [--spec-dir DIR] [--spec FILE=MODULE]... [--out DIR]

  generate   generate bindings from the specs and write the files that changed
  check      exit with status 1 and a diff when the files in --out are stale

Without --spec-dir or --spec, the settings come from DIR/armgen.yaml if it
exists (else every spec in DIR/spec, written to DIR/generated).

  --root DIR        the project directory (default: .)
  --spec-dir DIR    every *.yaml/*.yml/*.json directly in DIR is a spec
  --spec FILE=MOD   a single spec file generated as module MOD (repeatable;
                    replaces --spec-dir), e.g. an upstream azure-rest-api-specs file;
                    MOD is a snake_case identifier (`type` becomes `r#type`)
  --out DIR         where the generated files go (default: generated)
  --runtime-path P  the path generated code uses for the runtime
                    (default crate::runtime; arm_bindings::runtime from another crate)
  --dynamic-feature F
                    compile each service's `dynamic` module (<module>/dynamic.rs)
                    only with cargo feature F
  --ref-alias FILE#/missing=#/existing
                    redirect a $ref that points at nothing (repeatable), e.g.
                    'common-types/resource-management/v5/types.json#/definitions/systemData=#/definitions/SystemData'
";

struct Args {
    command: String,
    root: PathBuf,
    spec_dir: Option<PathBuf>,
    specs: Vec<(PathBuf, String)>,
    aliases: Vec<String>,
    dynamic_feature: Option<String>,
    runtime_path: Option<String>,
    out: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or("missing command")?;
    if command == "--help" || command == "-h" {
        return Err(String::new());
    }
    let mut parsed = Args {
        command,
        root: PathBuf::from("."),
        spec_dir: None,
        specs: Vec::new(),
        aliases: Vec::new(),
        dynamic_feature: None,
        runtime_path: None,
        out: None,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--root" => parsed.root = PathBuf::from(value()?),
            "--spec-dir" => parsed.spec_dir = Some(PathBuf::from(value()?)),
            "--out" => parsed.out = Some(PathBuf::from(value()?)),
            "--ref-alias" => parsed.aliases.push(value()?),
            "--dynamic-feature" => parsed.dynamic_feature = Some(value()?),
            "--runtime-path" => parsed.runtime_path = Some(value()?),
            "--spec" => {
                let v = value()?;
                let (file, module) = v.split_once('=').ok_or("--spec takes FILE=MODULE")?;
                parsed.specs.push((PathBuf::from(file), module.to_owned()));
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("armgen: {message}\n");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, armgen::Error> {
    let (mut config, out_dir) = if args.spec_dir.is_none() && args.specs.is_empty() {
        let project = armgen::Config::from_project(&args.root)?;
        (project.config, project.out)
    } else {
        let mut config = armgen::Config::new(&args.root);
        if let Some(dir) = &args.spec_dir {
            config = config.spec_dir(dir)?;
        }
        for (file, module) in &args.specs {
            config = config.spec(file, module);
        }
        (config, PathBuf::from("generated"))
    };
    let out_dir = args.out.clone().unwrap_or(out_dir);
    if let Some(feature) = &args.dynamic_feature {
        config = config.dynamic_feature(feature);
    }
    if let Some(path) = &args.runtime_path {
        config = config.runtime_path(path);
    }
    for alias in &args.aliases {
        config = config.ref_alias(alias).ok_or_else(|| {
            armgen::Error::Usage(format!(
                "--ref-alias `{alias}` is not of the form FILE#/missing=#/existing"
            ))
        })?;
    }
    let output = config.generate()?;
    let out = args.root.join(&out_dir);
    match args.command.as_str() {
        "generate" => {
            let written = output.write_to(&out)?;
            for service in &output.api.services {
                let operations: usize = service.groups.iter().map(|g| g.operations.len()).sum();
                println!(
                    "{:<12} {} api-version {}: {} operations, {} models",
                    service.module,
                    service.source.display(),
                    service.api_version,
                    operations,
                    service.models.len()
                );
            }
            for (name, text) in &output.files {
                let state = if written.contains(name) {
                    "written"
                } else {
                    "unchanged"
                };
                println!(
                    "  {}/{name}: {} lines, {} bytes ({state})",
                    out_dir.display(),
                    text.lines().count(),
                    text.len()
                );
            }
            let t = output.timings;
            println!(
                "generated {} lines ({} bytes) in {:.1} ms (resolve {:.1} ms, emit {:.1} ms, format {:.1} ms)",
                output.lines(),
                output.bytes(),
                ms(t.total),
                ms(t.resolve),
                ms(t.emit),
                ms(t.format)
            );
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            let stale = output.stale_files(&out)?;
            if stale.is_empty() {
                println!(
                    "{} is up to date ({} files)",
                    out_dir.display(),
                    output.files.len()
                );
                return Ok(ExitCode::SUCCESS);
            }
            for s in &stale {
                print!("{}", s.diff);
            }
            eprintln!(
                "{} file(s) in {} are stale: run `cargo run -p armgen -- generate`",
                stale.len(),
                out_dir.display()
            );
            Ok(ExitCode::FAILURE)
        }
        other => {
            eprintln!("armgen: unknown command `{other}`\n\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
