//! The `armgen` command line: `generate` writes the bindings, `check` fails
//! when the checked-in ones are stale.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: armgen <generate|check> [--root DIR] [--spec-dir DIR] [--spec FILE=MODULE]... [--out DIR]

  generate   generate bindings from the specs and write the files that changed
  check      exit with status 1 and a diff when the files in --out are stale

  --root DIR        the project directory (default: .)
  --spec-dir DIR    every *.yaml/*.yml/*.json directly in DIR is a spec (default: spec)
  --spec FILE=MOD   a single spec file generated as module MOD (repeatable;
                    replaces --spec-dir), e.g. an upstream azure-rest-api-specs file
  --out DIR         where the generated files go (default: generated)
";

struct Args {
    command: String,
    root: PathBuf,
    spec_dir: PathBuf,
    specs: Vec<(PathBuf, String)>,
    out: PathBuf,
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
        spec_dir: PathBuf::from("spec"),
        specs: Vec::new(),
        out: PathBuf::from("generated"),
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--root" => parsed.root = PathBuf::from(value()?),
            "--spec-dir" => parsed.spec_dir = PathBuf::from(value()?),
            "--out" => parsed.out = PathBuf::from(value()?),
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
    let mut config = armgen::Config::new(&args.root);
    if args.specs.is_empty() {
        config = config.spec_dir(&args.spec_dir)?;
    }
    for (file, module) in &args.specs {
        config = config.spec(file, module);
    }
    let output = config.generate()?;
    let out = args.root.join(&args.out);
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
                    args.out.display(),
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
                    args.out.display(),
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
                args.out.display()
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
