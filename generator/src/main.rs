//! The `armgen` command line: `generate` writes the bindings, `check` fails
//! when the checked-in ones are stale, `new` writes a bindings crate.

mod new_crate;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: armgen <generate|check> [--root DIR] [--project FILE] [--spec-dir DIR] [--spec FILE=MODULE]... [--out DIR]
       armgen new DIR --spec FILE[=MODULE]... [--name CRATE] [--local ARMGEN_CHECKOUT] [--ref-alias A]...
       armgen diff OLD NEW [--root DIR] [--ref-alias A]... [--format markdown|json] [--fail-on breaking|minor]
       armgen --help

  generate   generate bindings from the specs and write the files that changed
  check      exit with status 1 and a diff when the files in --out are stale
  diff       compare two api-versions of a spec (files relative to --root):
             every change, tagged with its @azure/oad rule, judged for the
             wire (breaking or compatible) and for the generated Rust API
             (major, minor, patch); with --fail-on, exit 1 when a change
             breaks the wire or needs that bump (breaking: major; minor:
             minor or major)
  new        write a ready crate of bindings for the given specs into DIR: a
             Cargo.toml naming armgen-runtime and (to build) armgen, a
             build.rs of one call, src/lib.rs, a README and a test against the
             local ARM emulator; the specs and every file they $ref are copied
             into DIR/spec

Without --spec-dir or --spec, the settings come from DIR/armgen.yaml if it
exists (else every spec in DIR/spec, written to DIR/generated).

  --root DIR        the project directory (default: .)
  --project FILE    read the settings from FILE instead of DIR/armgen.yaml
  --name CRATE      (new) the package name (default: DIR's name)
  --local DIR       (new) depend on the armgen crates of the checkout at DIR
                    by path (with their version, as published ones would be)
  --spec-dir DIR    every *.yaml/*.yml/*.json directly in DIR is a spec
  --spec FILE=MOD   a single spec file generated as module MOD (repeatable;
                    replaces --spec-dir), e.g. an upstream azure-rest-api-specs file;
                    MOD is a snake_case identifier (`type` becomes `r#type`)
  --out DIR         where the generated files go (default: generated)
  --runtime-path P  the path generated code uses for the runtime crate
                    (default ::armgen_runtime)
  --dynamic-feature F
                    compile each service's `dynamic` module (<module>/dynamic.rs)
                    only with cargo feature F
  --jobs N          emit and format on at most N threads (default: cargo's
                    NUM_JOBS, else the number of CPUs); the output is the same
  --nulls declared|tolerated
                    where `null` (or an empty success body) reads as no value:
                    only where the spec says `x-nullable: true` (default), or
                    also where it says nothing (array items, map values and
                    success bodies become `Option`s)
  --ref-alias FILE#/missing=#/existing
                    redirect a $ref that points at nothing (repeatable), e.g.
                    'common-types/resource-management/v5/types.json#/definitions/systemData=#/definitions/SystemData'
";

struct Args {
    command: String,
    root: PathBuf,
    project: Option<PathBuf>,
    target: Option<PathBuf>,
    name: Option<String>,
    local: Option<PathBuf>,
    positional: Vec<PathBuf>,
    format: Option<String>,
    fail_on: Option<String>,
    spec_dir: Option<PathBuf>,
    specs: Vec<(PathBuf, String)>,
    aliases: Vec<String>,
    dynamic_feature: Option<String>,
    runtime_path: Option<String>,
    out: Option<PathBuf>,
    jobs: Option<usize>,
    nulls: Option<armgen::Nulls>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or("missing command")?;
    let mut parsed = Args {
        command,
        root: PathBuf::from("."),
        project: None,
        target: None,
        name: None,
        local: None,
        positional: Vec::new(),
        format: None,
        fail_on: None,
        spec_dir: None,
        specs: Vec::new(),
        aliases: Vec::new(),
        dynamic_feature: None,
        jobs: None,
        runtime_path: None,
        out: None,
        nulls: None,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--root" => parsed.root = PathBuf::from(value()?),
            "--project" => parsed.project = Some(PathBuf::from(value()?)),
            "--name" => parsed.name = Some(value()?),
            "--local" => parsed.local = Some(PathBuf::from(value()?)),
            "--format" => parsed.format = Some(value()?),
            "--fail-on" => parsed.fail_on = Some(value()?),
            "--spec-dir" => parsed.spec_dir = Some(PathBuf::from(value()?)),
            "--out" => parsed.out = Some(PathBuf::from(value()?)),
            "--ref-alias" => parsed.aliases.push(value()?),
            "--dynamic-feature" => parsed.dynamic_feature = Some(value()?),
            "--jobs" => {
                let jobs = value()?;
                parsed.jobs = match jobs.parse::<usize>() {
                    Ok(n) if n > 0 => Some(n),
                    _ => {
                        return Err(format!(
                            "--jobs takes a number of threads (1 or more), not `{jobs}`"
                        ));
                    }
                };
            }
            "--runtime-path" => parsed.runtime_path = Some(value()?),
            "--nulls" => {
                let nulls = value()?;
                parsed.nulls = Some(armgen::Nulls::from_name(&nulls).ok_or_else(|| {
                    format!("--nulls takes declared or tolerated, not `{nulls}`")
                })?);
            }
            "--spec" => {
                let v = value()?;
                let (file, module) = match v.split_once('=') {
                    Some((file, module)) => (file, module.to_owned()),
                    // `new` names a module after its file by default.
                    None if parsed.command == "new" => (v.as_str(), String::new()),
                    None => return Err("--spec takes FILE=MODULE".to_owned()),
                };
                parsed.specs.push((PathBuf::from(file), module));
            }
            other
                if parsed.command == "new"
                    && parsed.target.is_none()
                    && !other.starts_with('-') =>
            {
                parsed.target = Some(PathBuf::from(other));
            }
            other if parsed.command == "diff" && !other.starts_with('-') => {
                parsed.positional.push(PathBuf::from(other));
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    if matches!(
        std::env::args().nth(1).as_deref(),
        Some("--help" | "-h" | "help")
    ) {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
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
    if args.command == "new" {
        return new_crate::run(args);
    }
    if args.command == "diff" {
        return diff(args);
    }
    // `out` in a settings file is relative to that file's folder.
    let (mut config, out_dir, base): (_, PathBuf, PathBuf) = if let Some(file) = &args.project {
        let project = armgen::Config::from_project_file(file)?;
        let base = file.parent().map(PathBuf::from).unwrap_or_default();
        (project.config, project.out, base)
    } else if args.spec_dir.is_none() && args.specs.is_empty() {
        let project = armgen::Config::from_project(&args.root)?;
        (project.config, project.out, args.root.clone())
    } else {
        let mut config = armgen::Config::new(&args.root);
        if let Some(dir) = &args.spec_dir {
            config = config.spec_dir(dir)?;
        }
        for (file, module) in &args.specs {
            config = config.spec(file, module);
        }
        (config, PathBuf::from("generated"), args.root.clone())
    };
    if let Some(jobs) = args.jobs {
        config = config.jobs(jobs);
    }
    if let Some(feature) = &args.dynamic_feature {
        config = config.dynamic_feature(feature);
    }
    if let Some(path) = &args.runtime_path {
        config = config.runtime_path(path);
    }
    if let Some(nulls) = args.nulls {
        config = config.nulls(nulls);
    }
    for alias in &args.aliases {
        config = config.ref_alias(alias).ok_or_else(|| {
            armgen::Error::Usage(format!(
                "--ref-alias `{alias}` is not of the form FILE#/missing=#/existing"
            ))
        })?;
    }
    let output = config.generate()?;
    for warning in &output.warnings {
        eprintln!("{}", warning.as_warning());
    }
    // An explicit --out is relative to --root, as the specs are.
    let out = match &args.out {
        Some(out) => args.root.join(out),
        None => base.join(&out_dir),
    };
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
                    out.display(),
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
                    out.display(),
                    output.files.len()
                );
                return Ok(ExitCode::SUCCESS);
            }
            for s in &stale {
                print!("{}", s.diff);
            }
            eprintln!(
                "{} file(s) in {} are stale: run `armgen generate` with the same options",
                stale.len(),
                out.display()
            );
            Ok(ExitCode::FAILURE)
        }
        other => {
            eprintln!("armgen: unknown command `{other}`\n\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

/// `armgen diff OLD NEW`: both resolved like `generate` resolves them.
fn diff(args: &Args) -> Result<ExitCode, armgen::Error> {
    let [old, new] = args.positional.as_slice() else {
        return Err(armgen::Error::Usage(
            "armgen diff takes two spec files: OLD NEW".to_owned(),
        ));
    };
    let fail_on = match args.fail_on.as_deref() {
        None => None,
        Some(level) => Some(armgen::diff::FailOn::parse(level).ok_or_else(|| {
            armgen::Error::Usage(format!("--fail-on takes breaking or minor, not `{level}`"))
        })?),
    };
    let resolve = |file: &PathBuf| -> Result<armgen::ir::Service, armgen::Error> {
        let mut config = armgen::Config::new(&args.root).spec(file, "api");
        for alias in &args.aliases {
            config = config.ref_alias(alias).ok_or_else(|| {
                armgen::Error::Usage(format!(
                    "--ref-alias `{alias}` is not of the form FILE#/missing=#/existing"
                ))
            })?;
        }
        let (mut api, _) = config.resolve()?;
        api.services
            .pop()
            .ok_or_else(|| armgen::Error::Usage(format!("{} has no service", file.display())))
    };
    let started = std::time::Instant::now();
    let (old, new) = (resolve(old)?, resolve(new)?);
    let report = armgen::diff::diff(&old, &new);
    let elapsed = started.elapsed();
    match args.format.as_deref() {
        None | Some("markdown") => print!("{}", report.to_markdown()),
        Some("json") => println!("{}", report.to_json()),
        Some(other) => {
            return Err(armgen::Error::Usage(format!(
                "--format takes markdown or json, not `{other}`"
            )));
        }
    }
    eprintln!(
        "armgen diff: {} change(s) in {:.1} ms (both specs loaded and resolved)",
        report.changes.len(),
        ms(elapsed)
    );
    Ok(match fail_on {
        Some(level) if report.fails(level) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    })
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
