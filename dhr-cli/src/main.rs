//! The `dhr` command: JSON in, JSON out, around dhr-core (spec section 7).
//!
//! Exit codes: 0 success; 2 invalid input or a usage error, with one JSON
//! object `{"error": {"code", "message", "path"}}` on standard error.

mod assess;
mod demo;
mod schema;
#[cfg(feature = "serve")]
mod serve;
mod status;

use clap::{Args, Parser, Subcommand};
use dhr_core::options::OptionName;
use dhr_core::rules::RuleSet;
use dhr_core::{Error, ErrorCode};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc for the whole binary when it carries `dhr serve` (see
/// Cargo.toml: allocation was about 30% of a request's instructions).
#[cfg(feature = "serve")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Domestic Homicide Reviews: eligibility, lifecycle and deadlines.
#[derive(Parser, Debug)]
#[command(name = "dhr", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Assess a death (spec 6.1) and print the answer (spec 6.2).
    Assess {
        /// The death as JSON, or `-` for standard input.
        file: String,
        /// Read one death per line and write one answer per line.
        #[arg(long)]
        jsonl: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Print a review's status (spec 6.4) as of a date.
    Status {
        /// The review log as JSON (spec 6.3), or `-` for standard input.
        file: String,
        /// The date to report as of (YYYY-MM-DD). The tool never reads the clock.
        #[arg(long = "as-of", value_name = "YYYY-MM-DD", allow_hyphen_values = true)]
        as_of: String,
        /// Read one review per line and write one status per line (spec 8.9).
        #[arg(long)]
        jsonl: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Print a JSON Schema (draft 2020-12, spec 8.8): death, review,
    /// rule_set, assessment, status or error.
    Schema {
        /// The schema's name.
        name: String,
    },
    /// Run the bundled example review end to end and print a readable report.
    Demo {
        /// The date to report as of (defaults to the example's own reporting date).
        #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print the status JSON instead of the readable report.
        #[arg(long)]
        json: bool,
    },
    /// Serve the engine over HTTP/JSON (spec section 9) until SIGTERM or SIGINT.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

/// Options shared by `assess` and `status` (spec section 7: "on both where
/// they apply"; an option that does not apply is still checked, then unused).
#[derive(Args, Debug, Clone)]
pub struct Common {
    /// A custom rule set (JSON in the shape of the built-in rule sets).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// The commencement date of s.8A DVCVA (DARDR); default: not commenced.
    #[arg(
        long = "dardr-commenced",
        value_name = "YYYY-MM-DD",
        allow_hyphen_values = true
    )]
    pub dardr_commenced: Option<String>,
    /// The date from which Welsh deaths are reviewed as SUSRs (default 2024-10-01).
    #[arg(
        long = "susr-from",
        value_name = "YYYY-MM-DD",
        allow_hyphen_values = true
    )]
    pub susr_from: Option<String>,
    /// Days before a due date from which a deadline is `due_soon` (default 14).
    #[arg(long = "due-soon-days", value_name = "N", allow_hyphen_values = true)]
    pub due_soon_days: Option<String>,
}

impl dhr_core::options::OptionValues for &Common {
    type Error = Error;

    fn date(&mut self, name: OptionName) -> Result<Option<dhr_core::json::NaiveDate>, Error> {
        let value = match name {
            OptionName::DardrCommenced => &self.dardr_commenced,
            OptionName::SusrFrom => &self.susr_from,
            _ => &None,
        };
        date_option(value, name.cli())
    }

    fn count(&mut self, name: OptionName) -> Result<Option<u32>, Error> {
        let value = match name {
            OptionName::DueSoonDays => self.due_soon_days.as_deref(),
            _ => None,
        };
        value
            .map(|n| dhr_core::options::parse_days(n, name.cli()))
            .transpose()
    }

    fn rules(&mut self, name: OptionName) -> Result<Option<RuleSet>, Error> {
        let Some(path) = &self.rules else {
            return Ok(None);
        };
        let text = read_file(&path.to_string_lossy(), name.cli())?;
        RuleSet::from_json(&text)
            .map(Some)
            .map_err(|e| e.under(name.cli()))
    }
}

/// A command's outcome: its exit code, its output already written.
pub type Outcome = Result<ExitCode, Error>;

/// Read the input file (the `FILE` argument), or standard input for `-`,
/// as UTF-8 text.
pub fn read_input(file: &str) -> Result<String, Error> {
    read_file(file, "FILE")
}

/// Read a whole file, or standard input for `-`, as UTF-8 text; a file that
/// cannot be read is a `usage` error at `arg` (`FILE`, `--rules`) saying why
/// (the file's name is the caller's and is not repeated).
pub fn read_file(file: &str, arg: &str) -> Result<String, Error> {
    let mut bytes = Vec::new();
    let res = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    if let Err(e) = res {
        let what = if file == "-" {
            "standard input".to_string()
        } else {
            format!("the file given as {arg}")
        };
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
            k => k.to_string(),
        };
        return Err(Error::new(
            ErrorCode::Usage,
            arg,
            format!("cannot read {what}: {why}"),
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            "the input is not valid UTF-8 text",
        )
    })
}

/// Parse a date given on the command line; the path names the option.
pub fn date_option(
    value: &Option<String>,
    option: &str,
) -> Result<Option<dhr_core::json::NaiveDate>, Error> {
    value
        .as_deref()
        .map(|s| dhr_core::json::parse_date(s, option))
        .transpose()
}

/// Write one JSON value and a newline to standard output.
pub fn print_json(value: &serde_json::Value) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)
        .map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))?;
    writeln!(out).map_err(|e| Error::new(ErrorCode::Usage, "", format!("cannot write output: {e}")))
}

/// Print an error as the one JSON object on standard error.
pub fn print_error(err: &Error) {
    let mut errout = std::io::stderr().lock();
    let _ = serde_json::to_writer(&mut errout, &err.to_json_value());
    let _ = writeln!(errout);
}

/// `dhr --version`: the library version and the bank-holiday data version
/// (spec 8.9).
fn version_text() -> String {
    format!(
        "dhr {} (bank holidays {})",
        dhr_core::engine::VERSION,
        dhr_core::engine::bank_holidays_version()
    )
}

/// The option or argument a clap error is about, as a path (`--as-of`,
/// `FILE`): clap writes it `--as-of <YYYY-MM-DD>` or `<FILE>`.
fn clap_arg_path(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => arg_path(s),
        Some(ContextValue::Strings(v)) => v.first().map(|s| arg_path(s)).unwrap_or_default(),
        _ => String::new(),
    }
}

fn arg_path(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    first
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string()
}

/// A clap parse error as a `usage` error whose path names the option or
/// argument and whose message names it too (spec 8.9).
fn usage_error(e: &clap::Error) -> Error {
    use clap::error::ErrorKind;
    let path = clap_arg_path(e);
    let what = if path.starts_with('-') {
        format!("the option {path}")
    } else if path.is_empty() {
        String::new()
    } else {
        format!("the argument {path}")
    };
    let message = match e.kind() {
        ErrorKind::MissingRequiredArgument if !what.is_empty() => format!("{what} is required"),
        ErrorKind::UnknownArgument if !path.is_empty() => {
            format!("{path} is not an option of this command")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if !what.is_empty() => {
            format!("{what} needs a value")
        }
        ErrorKind::ArgumentConflict if !what.is_empty() => {
            format!("{what} was given twice or conflicts with another")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues if !what.is_empty() => {
            format!("{what} was given too many values")
        }
        ErrorKind::InvalidSubcommand => {
            "not a command; the commands are: assess, status, schema, demo".to_string()
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "a command is required: assess, status, schema or demo".to_string()
        }
        _ => {
            // clap's own first line, without the value the caller typed.
            let msg = e.render().to_string();
            let first = msg.lines().next().unwrap_or("invalid usage");
            first.trim_start_matches("error: ").to_string()
        }
    };
    let path = if matches!(e.kind(), ErrorKind::InvalidSubcommand) {
        String::new()
    } else {
        path
    };
    Error::new(ErrorCode::Usage, path, message)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayVersion) {
                println!("{}", version_text());
                return ExitCode::SUCCESS;
            }
            if matches!(e.kind(), ErrorKind::DisplayHelp) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            print_error(&usage_error(&e));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Assess {
            file,
            jsonl,
            common,
        } => assess::run(&file, jsonl, &common),
        Command::Status {
            file,
            as_of,
            jsonl,
            common,
        } => status::run(&file, &as_of, jsonl, &common),
        Command::Schema { name } => schema::run(&name),
        Command::Demo { as_of, json } => demo::run(as_of.as_deref(), json),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            print_error(&err);
            ExitCode::from(2)
        }
    }
}
