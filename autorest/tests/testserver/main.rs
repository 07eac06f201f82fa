//! The AutoRest test server's scenarios, driven through armgen's generated
//! async clients.
//!
//! One binary owns the server: it starts it once (`support::TestServer`,
//! HTTPS on 127.0.0.1, a free port), runs every test in turn, stops the
//! process by its PID (also when a test fails or panics), then reads the
//! coverage reports the server wrote and prints, per report, how many
//! scenarios were exercised out of how many, and which were not.
//!
//! Honesty of the figures: every test names the scenarios it exercises and
//! asserts (value, status, error kind, as AutoRest's own suites do); the run
//! fails when the server saw a scenario no passing test names (a request
//! whose result nobody checked) or when a passing test's scenario was not
//! seen. Scenarios armgen cannot pass yet are listed with the reason
//! (`GAPS` of each module) and not called, so they do not count.
//!
//! `cargo test -p arm-autorest --test testserver -- FILTER` runs the tests
//! whose name contains FILTER (the coverage checks are then skipped).
//! Missing test server package: the run fails, unless
//! `ARMGEN_SKIP_AUTOREST=1` (and not `ARMGEN_REQUIRE_AUTOREST=1`).

mod support;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use arm_autorest::Outcome;
use support::{Coverage, Gap, Test, TestServer};

/// Set to `1` to skip (successfully) when the test server is missing.
const SKIP_ENV: &str = "ARMGEN_SKIP_AUTOREST";

/// The longest one test may take.
const TEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Scenarios the server marks as exercised by itself at start-up
/// (`legacy/routes/header.js`: `HeaderParameterProtectedKey = 1; // NOT A
/// THING`): not counted as ours.
const MARKED_BY_THE_SERVER: &[&str] = &["HeaderParameterProtectedKey"];

/// The test modules, one per swagger (head.json and head-exceptions.json
/// share one): each has `TESTS` and `GAPS`.
macro_rules! modules {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*

        fn tests() -> Vec<&'static Test> {
            [$($module::TESTS),*].into_iter().flatten().collect()
        }

        fn gaps() -> Vec<&'static Gap> {
            [$($module::GAPS),*].into_iter().flatten().collect()
        }
    };
}

modules![
    additional_properties,
    azure_misc,
    azure_special_properties,
    body_array,
    body_binary,
    body_boolean,
    body_complex,
    body_datetime,
    body_dictionary,
    body_formats,
    body_integer,
    body_number,
    body_string,
    custom_base_url,
    free_form,
    head,
    header,
    http_infrastructure,
    lro,
    media_types,
    model_flattening,
    paging,
    required_optional,
    reserved_words,
    subscription_id_api_version,
    url,
    validation,
    vanilla_misc,
    xms_error_responses,
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // libtest's flags are accepted and ignored; `--list` lists.
    let filter = args.iter().find(|a| !a.starts_with('-')).cloned();
    let tests: Vec<&Test> = tests()
        .into_iter()
        .filter(|t| filter.as_deref().is_none_or(|f| t.name.contains(f)))
        .collect();
    if args.iter().any(|a| a == "--list") {
        for test in &tests {
            println!("{}: test", test.name);
        }
        return ExitCode::SUCCESS;
    }

    // A failing test's message is printed once, by the runner, without the
    // backtrace an error's `Debug` carries; the hook only says where.
    std::panic::set_hook(Box::new(|info| {
        if let Some(location) = info.location() {
            println!("    panicked at {location}");
        }
    }));
    print_swaggers();
    if let Some(why) = arm_autorest::TESTSERVER_MISSING {
        let set = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        if set(SKIP_ENV) && !set("ARMGEN_REQUIRE_AUTOREST") {
            println!("SKIPPED the AutoRest test server scenarios ({SKIP_ENV}=1): {why}");
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "the AutoRest test server is missing: {why}\nset ARMGEN_AUTOREST_TESTSERVER to its package folder, or {SKIP_ENV}=1 to skip"
        );
        return ExitCode::FAILURE;
    }

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("autorest-testserver");
    let server = match TestServer::start(arm_autorest::TESTSERVER_DIR.as_ref(), &dir) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "\nAutoRest test server (pid {}) at {}; log in {}",
        server.pid(),
        server.ctx().endpoint(),
        dir.join("server.log").display()
    );
    let started = Instant::now();
    let results = run(&tests, &server);
    // Stopped by its PID before anything else can fail; dropping `server`
    // on a panic above does the same.
    let reports = server.stop();
    let passed: Vec<&Test> = results
        .iter()
        .filter(|(_, ok)| *ok)
        .map(|(t, _)| *t)
        .collect();
    let failed = results.len() - passed.len();
    println!(
        "\n{} tests ran in {:.1} s",
        results.len(),
        started.elapsed().as_secs_f64()
    );

    let coverage_ok = match Coverage::read(&reports) {
        Ok(coverage) => report(&coverage, &passed, filter.is_none()),
        Err(error) => {
            eprintln!("cannot read the coverage reports: {error}");
            false
        }
    };
    // The closing line CI reads.
    println!(
        "\ntestserver: {} passed, {} failed",
        passed.len(),
        failed + usize::from(!coverage_ok)
    );
    let _ = std::io::stdout().flush();
    if failed == 0 && coverage_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Every swagger of the package and what became of it.
fn print_swaggers() {
    println!(
        "AutoRest test server swaggers ({}):",
        arm_autorest::TESTSERVER_DIR
    );
    for swagger in arm_autorest::SWAGGERS {
        match swagger.outcome {
            Outcome::Generated => println!("  generated     {}", swagger.file),
            Outcome::Refused(why) => {
                let first = why.lines().next().unwrap_or_default();
                let count = why.lines().filter(|l| l.starts_with("error")).count();
                println!(
                    "  refused       {} ({count} diagnostic(s)), first: {}",
                    swagger.file,
                    first.trim_start_matches("error: ")
                );
                for line in why.lines().skip(1).take(1) {
                    println!("                  {}", line.trim());
                }
            }
            Outcome::Excluded(why) => println!("  excluded      {}: {why}", swagger.file),
            Outcome::OutOfScope(why) => println!("  out of scope  {}: {why}", swagger.file),
        }
    }
}

/// Runs the tests one after the other (several scenarios keep state on the
/// server between calls), each on the runtime's worker so that a panic is
/// caught as a failure, with a deadline.
fn run<'a>(tests: &[&'a Test], server: &TestServer) -> Vec<(&'a Test, bool)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mut results = Vec::new();
    for test in tests {
        let ctx = server.ctx();
        let outcome = runtime.block_on(async {
            let task = tokio::spawn((test.run)(ctx));
            tokio::time::timeout(TEST_TIMEOUT, task).await
        });
        let ok = match outcome {
            Ok(Ok(())) => {
                println!("test {} ... ok", test.name);
                true
            }
            Ok(Err(join)) => {
                // The panic message, without the backtrace an error's
                // `Debug` carries.
                let message = join
                    .try_into_panic()
                    .ok()
                    .and_then(|p| {
                        p.downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    })
                    .unwrap_or_else(|| "cancelled".to_owned());
                let message = message.split(", backtrace:").next().unwrap_or_default();
                println!("test {} ... FAILED: {message}", test.name);
                false
            }
            Err(_) => {
                println!(
                    "test {} ... FAILED (timed out after {TEST_TIMEOUT:?})",
                    test.name
                );
                false
            }
        };
        results.push((*test, ok));
    }
    results
}

/// Prints the coverage figures and checks them against what the tests
/// claim; false when they disagree.
fn report(coverage: &Coverage, passed: &[&Test], complete: bool) -> bool {
    let exercised = coverage.exercised();
    let asserted: BTreeSet<&str> = passed
        .iter()
        .flat_map(|t| t.scenarios.iter().copied())
        .collect();
    let gaps = gaps();
    println!(
        "\nCoverage from the server's own reports (exercised / total; asserted = claimed by a passing test):"
    );
    for (category, scenarios) in &coverage.0 {
        let total = scenarios.len();
        let hit: Vec<&str> = scenarios
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(s, _)| s.as_str())
            .collect();
        let ours = hit.iter().filter(|s| asserted.contains(*s)).count();
        println!(
            "  report-{category}.json: {} / {total} exercised ({:.1} %), {ours} asserted by our tests",
            hit.len(),
            100.0 * hit.len() as f64 / total.max(1) as f64
        );
    }
    for (category, scenarios) in &coverage.0 {
        let missing: Vec<&str> = scenarios
            .iter()
            .filter(|(_, n)| **n == 0)
            .map(|(s, _)| s.as_str())
            .collect();
        println!(
            "\n  not exercised in report-{category}.json ({}):",
            missing.len()
        );
        for gap in &gaps {
            let listed: Vec<&str> = gap
                .scenarios
                .iter()
                .copied()
                .filter(|s| missing.contains(s))
                .collect();
            if !listed.is_empty() {
                println!("    {} -- {}", listed.join(", "), gap.reason);
            }
        }
        let rest: Vec<&str> = missing
            .iter()
            .copied()
            .filter(|s| !gaps.iter().any(|g| g.scenarios.contains(s)))
            .collect();
        if !rest.is_empty() {
            println!(
                "    {} -- no test yet (swagger refused, excluded, out of scope, or not written)",
                rest.join(", ")
            );
        }
    }
    if !complete {
        println!("\n(a filtered run: the coverage is not checked)");
        return true;
    }
    let mut ok = true;
    let unclaimed: Vec<&&str> = exercised
        .iter()
        .filter(|s| !asserted.contains(**s) && !MARKED_BY_THE_SERVER.contains(*s))
        .collect();
    if !unclaimed.is_empty() {
        ok = false;
        println!("\nFAILED: the server saw scenarios no passing test asserts: {unclaimed:?}");
    }
    let unseen: Vec<&&str> = asserted
        .iter()
        .filter(|s| !exercised.contains(**s))
        .collect();
    if !unseen.is_empty() {
        ok = false;
        println!("\nFAILED: passing tests claim scenarios the server did not see: {unseen:?}");
    }
    ok
}
