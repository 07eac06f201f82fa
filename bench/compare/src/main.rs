//! armgen-bench: the in-process half of `bench/run`.
//!
//! Generates the newest api-version of each upstream spec of
//! `upstream/armgen.yaml` (Relay 2024-01-01, EventGrid 2025-02-15) with armgen
//! (`Config::generate`: load, resolve, emit, prettyplease) and with
//! progenitor 0.15 (the spec converted to OpenAPI 3 by [`convert`], then
//! parse, `Generator::generate_tokens`, `syn::parse2`, prettyplease) in one
//! process, the runs interleaved sample after sample, and prints the medians
//! and the ratio armgen / progenitor (issue 10's target: at most 0.5). The
//! conversion is not timed: it stands for the OpenAPI 3 document a
//! progenitor user would have; parsing that document is timed, as armgen's
//! loading of the Swagger files is.
//!
//! With `--armgen-cli PATH` (a release `armgen` binary), it then compares
//! the two as processes, what a build step or a developer's command runs:
//! `armgen generate` of each spec into an empty folder against this
//! binary's own `--progenitor-once OPENAPI OUT`, which reads the converted
//! document, generates and formats it with progenitor and writes the file
//! (what a progenitor command-line tool does), interleaved the same way.
//!
//! usage: armgen-bench --repo DIR --specs DIR [--samples N] [--skip-patch NAME]...
//!                     [--armgen-cli PATH]
//!        armgen-bench --progenitor-once OPENAPI_JSON OUT_RS
//!
//! `--skip-patch default-response|empty-success` leaves
//! out one of the optional patches, to show what progenitor does without it.
//! Besides the time that passed, it adds up the CPU time each generator's
//! runs took (the process' user + system time, from `/proc/self/stat` on
//! Linux): armgen emits and formats on several threads, which the time that
//! passed shows only as far as the machine has a free core, and the CPU time
//! is the steadier figure on a busy or virtual machine.
//!
//! A benchmark, not a test: a missed target is a figure, not a failure; the
//! exit status is non-zero only when a generator fails.

mod convert;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// One spec to compare: where it is and what armgen calls it.
struct Spec {
    module: String,
    /// Relative to the specs folder.
    path: String,
}

struct Args {
    repo: PathBuf,
    specs: PathBuf,
    samples: usize,
    skip: Vec<String>,
    armgen_cli: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, openapi, out] = args.as_slice()
        && flag == "--progenitor-once"
    {
        return match progenitor_process(Path::new(openapi), Path::new(out)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("armgen-bench --progenitor-once: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("armgen-bench: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut repo, mut specs, mut samples, mut skip) = (None, None, 30, Vec::new());
    let mut armgen_cli = None;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--repo" => repo = Some(PathBuf::from(value()?)),
            "--specs" => specs = Some(PathBuf::from(value()?)),
            "--samples" => {
                let text = value()?;
                samples =
                    text.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                        format!("--samples needs a positive integer, not `{text}`")
                    })?;
            }
            "--skip-patch" => skip.push(value()?),
            "--armgen-cli" => armgen_cli = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument `{other}` (see the crate docs)")),
        }
    }
    Ok(Args {
        repo: repo.ok_or("--repo DIR is required")?,
        specs: specs.ok_or("--specs DIR is required")?,
        samples,
        skip,
        armgen_cli,
    })
}

/// What `upstream/armgen.yaml` says, the list the workspace's own build
/// reads.
struct Settings {
    /// The newest version of each module.
    specs: Vec<Spec>,
    ref_aliases: Vec<String>,
    accepted_extensions: Vec<String>,
}

fn settings(repo: &Path) -> Result<Settings, String> {
    let file = repo.join("upstream/armgen.yaml");
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let strings = |key: &str| -> Vec<String> {
        yaml.get(key)
            .and_then(|v| v.as_sequence())
            .map(|s| {
                s.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut specs = Vec::new();
    for entry in yaml
        .get("specs")
        .and_then(|v| v.as_sequence())
        .ok_or_else(|| format!("{}: no `specs` list", file.display()))?
    {
        let module = entry.get("module").and_then(|v| v.as_str());
        let newest = entry
            .get("versions")
            .and_then(|v| v.as_sequence())
            .and_then(|v| v.last())
            .and_then(|v| v.as_str());
        match (module, newest) {
            (Some(module), Some(path)) => specs.push(Spec {
                module: module.to_owned(),
                path: path.to_owned(),
            }),
            _ => {
                return Err(format!(
                    "{}: a spec without module or versions",
                    file.display()
                ));
            }
        }
    }
    Ok(Settings {
        specs,
        ref_aliases: strings("ref_aliases"),
        accepted_extensions: strings("accepted_extensions"),
    })
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    let n = samples.len();
    if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The CPU time this process has used so far (user + system, all threads),
/// in clock ticks, where `/proc/self/stat` tells it.
///
/// A tick is 10 ms on Linux, coarse beside one run; summed over every run
/// of a generator, the rounding of each reading cancels out, so only the
/// mean per run is printed.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces:
    // fields are counted from the last `)`. utime and stime are fields 14
    // and 15, the 12th and 13th after it.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

/// Clock ticks per second for `/proc` times: 100 on every Linux that armgen
/// runs on (USER_HZ is fixed by the kernel ABI).
const TICKS_PER_SECOND: f64 = 100.0;

/// CPU time summed over a generator's runs.
#[derive(Clone, Copy, Default)]
struct Cpu {
    ticks: u64,
    runs: u32,
}

impl Cpu {
    /// Runs `f`, adding the CPU time it took; returns its result and the
    /// time that passed, measured inside the two readings of `/proc` so that
    /// they never count as the generator's.
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> (T, Duration) {
        let before = cpu_ticks();
        let started = Instant::now();
        let out = f();
        let spent = started.elapsed();
        if let (Some(before), Some(after)) = (before, cpu_ticks()) {
            self.ticks += after.saturating_sub(before);
            self.runs += 1;
        }
        (out, spent)
    }

    /// The mean CPU time of a run in ms, if it could be read.
    fn mean_ms(self) -> Option<f64> {
        (self.runs > 0).then(|| self.ticks as f64 / TICKS_PER_SECOND * 1e3 / f64::from(self.runs))
    }
}

/// What one armgen run produced: bytes of code and the stage times.
struct ArmgenRun {
    bytes: usize,
    timings: armgen::Timings,
}

fn armgen_once(config: &armgen::Config) -> Result<ArmgenRun, String> {
    let output = config.generate().map_err(|e| format!("armgen: {e}"))?;
    Ok(ArmgenRun {
        bytes: output.files.values().map(String::len).sum(),
        timings: output.timings,
    })
}

/// progenitor's generate + format of an OpenAPI 3 document (JSON text), as
/// its build-script documentation does it: the bytes of code produced.
fn progenitor_once(openapi: &str) -> Result<usize, String> {
    progenitor_text(openapi).map(|text| text.len())
}

/// `--progenitor-once`: progenitor as a command-line tool, one document in,
/// one formatted file out.
fn progenitor_process(openapi: &Path, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(openapi)
        .map_err(|e| format!("cannot read {}: {e}", openapi.display()))?;
    std::panic::set_hook(Box::new(|_| {}));
    let code = progenitor_text(&text)?;
    std::fs::write(out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// The code progenitor generates for `openapi`, formatted.
fn progenitor_text(openapi: &str) -> Result<String, String> {
    let run = || -> Result<String, String> {
        let spec: openapiv3::OpenAPI =
            serde_json::from_str(openapi).map_err(|e| format!("not OpenAPI 3: {e}"))?;
        let mut generator = progenitor::Generator::new(&progenitor::GenerationSettings::default());
        let tokens = generator
            .generate_tokens(&spec)
            .map_err(|e| format!("generate_tokens: {e}"))?;
        let file: syn::File = syn::parse2(tokens).map_err(|e| format!("syn: {e}"))?;
        Ok(prettyplease::unparse(&file))
    };
    // progenitor panics on some inputs; that is a result to report.
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "(no message)".to_owned());
        Err(format!("progenitor panicked: {message}"))
    })
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    // progenitor panics on specs it does not accept; `progenitor_once`
    // reports that as one line, so the default hook's message and
    // backtrace would only repeat it.
    std::panic::set_hook(Box::new(|_| {}));
    let Settings {
        specs,
        ref_aliases: aliases,
        accepted_extensions: accepted,
    } = settings(&args.repo)?;
    let parsed_aliases: Vec<convert::RefAlias> = aliases
        .iter()
        .map(|a| {
            convert::RefAlias::parse(a).ok_or_else(|| format!("ref alias `{a}` is not FILE#/a=#/b"))
        })
        .collect::<Result<_, _>>()?;

    struct Prepared {
        spec: Spec,
        config: armgen::Config,
        openapi: String,
    }
    let mut prepared = Vec::new();
    println!("== progenitor 0.15.1 input: each spec converted from Swagger 2.0 to OpenAPI 3.0.3");
    for spec in specs {
        let mut config = armgen::Config::new(&args.specs).spec(&spec.path, &spec.module);
        for alias in &aliases {
            config = config
                .ref_alias(alias)
                .ok_or_else(|| format!("ref alias `{alias}` is not FILE#/a=#/b"))?;
        }
        for extension in &accepted {
            config = config.accept_extension(extension);
        }
        let converted = convert::convert(&args.specs.join(&spec.path), &parsed_aliases, &args.skip)
            .map_err(|e| e.to_string())?;
        println!("{} ({}):", spec.module, spec.path);
        for (patch, count) in &converted.patches {
            println!("  {count:5} x {patch}");
        }
        prepared.push(Prepared {
            spec,
            config,
            openapi: converted.text,
        });
    }

    // One untimed run of each, so both start warm (and a failure shows
    // before any timing).
    let mut failed = false;
    for p in &prepared {
        armgen_once(&p.config)?;
        if let Err(e) = progenitor_once(&p.openapi) {
            eprintln!("armgen-bench: {}: {e}", p.spec.module);
            failed = true;
        }
    }
    if failed {
        return Err("progenitor failed on a converted spec (see above)".to_owned());
    }

    let mut ours: Vec<Vec<Duration>> = vec![Vec::new(); prepared.len()];
    let mut stages: Vec<Vec<armgen::Timings>> = vec![Vec::new(); prepared.len()];
    let mut theirs: Vec<Vec<Duration>> = vec![Vec::new(); prepared.len()];
    let mut bytes = vec![(0, 0); prepared.len()];
    let mut cpu = vec![(Cpu::default(), Cpu::default()); prepared.len()];
    for sample in 0..args.samples {
        for (i, p) in prepared.iter().enumerate() {
            // Alternate who goes first, so neither always runs on the
            // other's warm caches.
            for turn in 0..2 {
                if (sample + turn) % 2 == 0 {
                    let (run, spent) = cpu[i].0.time(|| armgen_once(&p.config));
                    let run = run?;
                    ours[i].push(spent);
                    bytes[i].0 = run.bytes;
                    stages[i].push(run.timings);
                } else {
                    let (code, spent) = cpu[i].1.time(|| progenitor_once(&p.openapi));
                    bytes[i].1 = code?;
                    theirs[i].push(spent);
                }
            }
        }
    }

    println!();
    println!(
        "== in-process generation, median of {} interleaved samples (ms)",
        args.samples
    );
    println!(
        "{:<12} {:>9} {:>9} {:>9} {:>9} {:>11} {:>8}   {:>9} {:>9}",
        "spec",
        "armgen",
        "resolve",
        "emit",
        "format",
        "progenitor",
        "ratio",
        "KB ours",
        "KB theirs"
    );
    for (i, p) in prepared.iter().enumerate() {
        let stage = |f: fn(&armgen::Timings) -> Duration| median(stages[i].iter().map(f).collect());
        let (a, b) = (median(ours[i].clone()), median(theirs[i].clone()));
        println!(
            "{:<12} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>11.1} {:>7.2}x   {:>9.0} {:>9.0}",
            p.spec.module,
            ms(a),
            ms(stage(|t| t.resolve)),
            ms(stage(|t| t.emit)),
            ms(stage(|t| t.format)),
            ms(b),
            ms(a) / ms(b),
            bytes[i].0 as f64 / 1024.0,
            bytes[i].1 as f64 / 1024.0,
        );
    }
    println!("ratio = armgen generate+format / progenitor generate+format (target <= 0.5)");
    println!();
    println!(
        "== CPU time, all threads, mean of the same {} runs each (ms)",
        args.samples
    );
    println!(
        "{:<12} {:>9} {:>11} {:>8}",
        "spec", "armgen", "progenitor", "ratio"
    );
    for (i, p) in prepared.iter().enumerate() {
        match (cpu[i].0.mean_ms(), cpu[i].1.mean_ms()) {
            (Some(a), Some(b)) if b > 0.0 => println!(
                "{:<12} {:>9.1} {:>11.1} {:>7.2}x",
                p.spec.module,
                a,
                b,
                a / b
            ),
            _ => println!("{:<12} (no /proc/self/stat here)", p.spec.module),
        }
    }
    if let Some(cli) = &args.armgen_cli {
        let jobs: Vec<ProcessJob> = prepared
            .iter()
            .map(|p| ProcessJob {
                module: &p.spec.module,
                path: &p.spec.path,
                openapi: &p.openapi,
            })
            .collect();
        processes(cli, &args.specs, &aliases, &jobs, args.samples)?;
    }
    Ok(())
}

/// One spec for the comparison as processes.
struct ProcessJob<'a> {
    module: &'a str,
    /// Relative to the specs folder.
    path: &'a str,
    /// The converted OpenAPI 3 document, given to progenitor as a file.
    openapi: &'a str,
}

/// Times `armgen generate` (the `cli` binary) against this binary's
/// `--progenitor-once`, each as a process writing into an empty place,
/// interleaved sample after sample; prints the medians and the ratio.
fn processes(
    cli: &Path,
    specs: &Path,
    aliases: &[String],
    jobs: &[ProcessJob<'_>],
    samples: usize,
) -> Result<(), String> {
    use std::process::{Command, Stdio};

    let me = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let scratch = std::env::temp_dir().join(format!("armgen-bench-{}", std::process::id()));
    let result = (|| -> Result<Vec<(Duration, Duration)>, String> {
        std::fs::create_dir_all(&scratch)
            .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
        let timed = |command: &mut Command, what: &str| -> Result<Duration, String> {
            let started = Instant::now();
            let status = command
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|e| format!("cannot run {what}: {e}"))?;
            let spent = started.elapsed();
            if !status.success() {
                return Err(format!("{what} failed ({status})"));
            }
            Ok(spent)
        };
        let mut medians = Vec::new();
        for job in jobs {
            let openapi = scratch.join(format!("{}.json", job.module));
            std::fs::write(&openapi, job.openapi)
                .map_err(|e| format!("cannot write {}: {e}", openapi.display()))?;
            let ours_out = scratch.join(format!("{}-armgen", job.module));
            let theirs_out = scratch.join(format!("{}-progenitor.rs", job.module));
            let armgen = || -> Result<Duration, String> {
                // An empty folder each time: `armgen generate` skips files
                // that are already up to date.
                let _ = std::fs::remove_dir_all(&ours_out);
                let mut command = Command::new(cli);
                command
                    .arg("generate")
                    .arg("--root")
                    .arg(specs)
                    .arg("--spec")
                    .arg(format!("{}={}", job.path, job.module))
                    .arg("--out")
                    .arg(&ours_out);
                for alias in aliases {
                    command.arg("--ref-alias").arg(alias);
                }
                timed(&mut command, "armgen generate")
            };
            let progenitor = || -> Result<Duration, String> {
                let _ = std::fs::remove_file(&theirs_out);
                timed(
                    Command::new(&me)
                        .arg("--progenitor-once")
                        .arg(&openapi)
                        .arg(&theirs_out),
                    "armgen-bench --progenitor-once",
                )
            };
            // One untimed run of each, for warm file caches.
            armgen()?;
            progenitor()?;
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            for sample in 0..samples {
                if sample % 2 == 0 {
                    ours.push(armgen()?);
                    theirs.push(progenitor()?);
                } else {
                    theirs.push(progenitor()?);
                    ours.push(armgen()?);
                }
            }
            medians.push((median(ours), median(theirs)));
        }
        Ok(medians)
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    let medians = result?;
    println!();
    println!(
        "== as processes: `armgen generate` against progenitor in a process of its own, median of {samples} interleaved runs (ms)"
    );
    println!(
        "{:<12} {:>9} {:>11} {:>8}",
        "spec", "armgen", "progenitor", "ratio"
    );
    for (job, (ours, theirs)) in jobs.iter().zip(medians) {
        println!(
            "{:<12} {:>9.1} {:>11.1} {:>7.2}x",
            job.module,
            ms(ours),
            ms(theirs),
            ms(ours) / ms(theirs)
        );
    }
    println!("ratio = the armgen process / the progenitor process (target <= 0.5)");
    Ok(())
}
